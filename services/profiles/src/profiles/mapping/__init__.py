"""Diaspora mapping, a vertical slice inside the profiles service: questionnaires, campaigns,
responses, sector needs and the disclosure control that lets officials read only
privacy-protected aggregates.

It has its own layers, tables and Alembic stream, and reaches profiles only through the ports
of ``service_layer/ports.py`` (wired in ``profiles.bootstrap``): moving it to its own
deployable is a move, not a rewrite.
"""
