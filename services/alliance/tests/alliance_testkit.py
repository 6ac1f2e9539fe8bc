"""Helpers for the alliance tests: an alliance with members and bodies, built over HTTP."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import httpx
from sqlalchemy import select

from alliance.adapters.orm import outbox
from alliance.bootstrap import AllianceService
from devstack.testing import TokenIssuer

API = "/v1/alliance"
SECRETARIAT_ROLES = ("member", "alliance_secretariat")


class World:
    """An alliance under test, with the secretariat's and members' credentials."""

    def __init__(
        self, client: httpx.AsyncClient, issuer: TokenIssuer, service: AllianceService
    ) -> None:
        self.client = client
        self.issuer = issuer
        self.service = service
        self.secretariat_account = uuid.uuid4()
        self.sec = issuer.headers(self.secretariat_account, SECRETARIAT_ROLES)
        self.id = ""
        #: the app's clock, when a test moves time
        self.clock: Any = None
        #: meeting id -> its start, motion id -> its meeting: helpers that take attendance
        #: or ballots move the clock into the meeting's session, as a real session is
        self.starts: dict[str, datetime] = {}
        self.motions: dict[str, str] = {}

    def as_(self, account: uuid.UUID | str) -> dict[str, str]:
        return self.issuer.headers(account)

    async def found(self) -> str:
        r = await self.client.post(
            f"{API}/alliances",
            headers=self.sec,
            json={
                "slug": f"test-{uuid.uuid4().hex[:10]}",
                "name": "Test Alliance",
                "pillars": [
                    {"code": "institutionalise", "title": "Institutionalise participation"},
                    {"code": "networks", "title": "Digitalise networks"},
                ],
                "themes": [
                    {"code": "gender_youth", "title": "Gender and youth"},
                    {"code": "climate_action", "title": "Climate action"},
                ],
            },
        )
        assert r.status_code == 201, r.text
        self.id = r.json()["id"]
        return self.id

    async def apply(
        self, kind: str, name: str, country: str | None = None
    ) -> tuple[str, uuid.UUID]:
        """An application by a fresh account: (member id, account id)."""
        account = uuid.uuid4()
        r = await self.client.post(
            f"{API}/members/applications",
            headers=self.as_(account),
            json={"alliance_id": self.id, "kind": kind, "name": name, "country": country},
        )
        assert r.status_code == 201, r.text
        return r.json()["id"], account

    async def member(
        self, kind: str, name: str, country: str | None = None
    ) -> tuple[str, uuid.UUID]:
        """An admitted member: (member id, its first representative's account id)."""
        member_id, account = await self.apply(kind, name, country)
        r = await self.client.post(
            f"{API}/members/{member_id}/review", headers=self.sec, json={"decision": "admit"}
        )
        assert r.status_code == 200, r.text
        return member_id, account

    async def body(self, kind: str, name: str, theme: str | None = None, **rules: Any) -> str:
        payload: dict[str, Any] = {"alliance_id": self.id, "kind": kind, "name": name}
        if theme:
            payload["theme"] = theme
        if rules:
            payload["rules"] = rules
        r = await self.client.post(f"{API}/bodies", headers=self.sec, json=payload)
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    async def seat(self, body_id: str, member_id: str, role: str = "member") -> None:
        r = await self.client.post(
            f"{API}/bodies/{body_id}/memberships",
            headers=self.sec,
            json={"member_id": member_id, "role": role},
        )
        assert r.status_code == 201, r.text

    async def meeting(self, body_id: str, title: str = "Meeting", **extra: Any) -> dict[str, Any]:
        r = await self.client.post(
            f"{API}/meetings",
            headers=self.sec,
            json={
                "body_id": body_id,
                "title": title,
                "starts_at": "2030-06-01T09:00:00+00:00",
                "timezone": "Europe/Dublin",
                **extra,
            },
        )
        assert r.status_code == 201, r.text
        self.starts[r.json()["id"]] = datetime.fromisoformat(r.json()["starts_at"])
        return dict(r.json())

    def in_session(self, meeting_id: str) -> None:
        """Move the clock to the meeting's start (when the test knows the meeting)."""
        if self.clock is not None and meeting_id in self.starts:
            self.clock.set(self.starts[meeting_id])

    async def attend(self, meeting_id: str, present: list[str], absent: list[str] = ()) -> Any:  # type: ignore[assignment]
        self.in_session(meeting_id)
        r = await self.client.post(
            f"{API}/meetings/{meeting_id}/attendance",
            headers=self.sec,
            json={"present": present, "absent": list(absent)},
        )
        assert r.status_code == 200, r.text
        return r.json()

    async def motion(
        self, meeting_id: str, title: str, recommendation_id: str | None = None
    ) -> httpx.Response:
        r = await self.client.post(
            f"{API}/meetings/{meeting_id}/motions",
            headers=self.sec,
            json={"title": title, "recommendation_id": recommendation_id},
        )
        if r.status_code == 201:
            self.motions[r.json()["id"]] = meeting_id
        return r

    async def vote(
        self, motion_id: str, account: uuid.UUID, choice: str, on_behalf_of: str | None = None
    ) -> httpx.Response:
        self.in_session(self.motions.get(motion_id, ""))
        return await self.client.post(
            f"{API}/motions/{motion_id}/ballots",
            headers=self.as_(account),
            json={"choice": choice, "on_behalf_of": on_behalf_of},
        )

    async def close(self, motion_id: str) -> httpx.Response:
        return await self.client.post(f"{API}/motions/{motion_id}/close", headers=self.sec)

    async def events(self, type_name: str, subject: str | None = None) -> list[dict[str, Any]]:
        """Payloads of outbox rows of one type (optionally for one aggregate), oldest first."""
        query = select(outbox.c.payload).where(outbox.c.type == type_name)
        if subject is not None:
            query = query.where(outbox.c.aggregateid == subject)
        async with self.service.chassis.engine.connect() as conn:
            rows = (await conn.execute(query.order_by(outbox.c.position))).scalars().all()
        return [dict(r) for r in rows]
