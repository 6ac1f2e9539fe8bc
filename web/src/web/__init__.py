"""The web client of the Diaspora Engagement Platform.

Server-rendered pages (Starlette, Jinja2, Babel) that talk to the platform only through the
public API behind the gateway, like any partner's app: no database or broker of a service is
ever touched here, so every page proves the API is enough for a real client.
"""
