"""One-click unsubscribe (RFC 8058): no login, the signed token is the authority.

GET shows a confirmation page and changes nothing (mail scanners follow links); POST (what
mail clients send for ``List-Unsubscribe-Post: List-Unsubscribe=One-Click``, and what the
page's button sends) unsubscribes. A forged or tampered token gets 403, a malformed one 400.
"""

from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse
from markupsafe import escape

from notifications.adapters.signed_links import Unsubscription
from notifications.entrypoints.http.deps import Signer, UoW

router = APIRouter(prefix="/v1/notifications/unsubscribe", tags=["unsubscribe"])

Token = Query(min_length=10, max_length=400, description="the signed token from the email")


def _verify(signer: Signer, token: str) -> Unsubscription:
    return signer.verify(token)


@router.get("", response_class=HTMLResponse)
async def confirm_page(signer: Signer, token: str = Token) -> HTMLResponse:
    _verify(signer, token)
    action = f"/v1/notifications/unsubscribe?token={escape(token)}"
    return HTMLResponse(
        "<!doctype html><html><head><meta charset='utf-8'><title>Unsubscribe</title></head>"
        f"<body><form method='post' action='{action}'>"
        "<input type='hidden' name='List-Unsubscribe' value='One-Click'>"
        "<button type='submit'>Unsubscribe</button></form></body></html>"
    )


@router.post("", status_code=200)
async def unsubscribe(signer: Signer, uow: UoW, token: str = Token) -> dict[str, str | None]:
    what = _verify(signer, token)
    async with uow:
        prefs = await uow.preferences.get_or_default(what.person_id)
        prefs.unsubscribe(what.category)
        await uow.preferences.save(prefs)
        await uow.commit()
    return {
        "status": "unsubscribed",
        "category": what.category.value if what.category else None,
    }
