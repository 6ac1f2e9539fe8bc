"""Turning "something happened to this person" into feed items, emails or digest entries,
as the person's preferences say. Runs inside a consumer's transaction: it records, never sends."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.vocabulary import explain
from eventkit import tracing
from eventkit.clock import Clock
from eventkit.logging import get_logger
from notifications.adapters import templates
from notifications.adapters.signed_links import UnsubscribeSigner
from notifications.domain.delivery import Delivery
from notifications.domain.digest import DigestEntry
from notifications.domain.feed import FeedItem
from notifications.domain.preferences import TRANSACTIONAL, Category, Frequency
from notifications.domain.recipient import Recipient
from notifications.service_layer.unit_of_work import NotificationsUnitOfWork

log = get_logger(__name__)


@dataclass(frozen=True)
class MatchReasons:
    """Why a person fits an opportunity: (criterion, codes) pairs, said in the recipient's
    language when the notice is rendered (contracts.vocabulary.explain)."""

    reasons: tuple[tuple[str, tuple[str, ...]], ...]

    def said_in(self, locale: str) -> str:
        return "; ".join(explain(kind, codes, locale).text for kind, codes in self.reasons)


@dataclass(frozen=True, kw_only=True)
class Notice:
    """One notification for one person, before preferences decide where it goes."""

    recipient_id: UUID
    template: str
    category: Category
    source_event_id: str
    values: dict[str, Any] = field(default_factory=dict)
    link: str | None = None
    #: secret links (verification, password reset) never go to the feed
    in_app: bool = True
    #: the language the event asks for, used when the person chose none (else the account's)
    locale: str | None = None


@dataclass(frozen=True, kw_only=True)
class Outcome:
    feed: bool = False
    email: bool = False
    digest: bool = False


class Notifier:
    def __init__(
        self, signer: UnsubscribeSigner, public_base_url: str, web_url: str, clock: Clock
    ) -> None:
        self.signer = signer
        #: the service's clock: a notice is recorded (and its quiet hours judged) at its time
        self.clock = clock
        self.public_base_url = public_base_url.rstrip("/")
        #: where people's pages are (the web client): the links people click land there
        self.web_url = web_url.rstrip("/")

    def unsubscribe_url(self, person_id: UUID, category: Category | None) -> str:
        """The API's one-click address (RFC 8058: mail clients POST to it, with no cookie
        and no page): the ``List-Unsubscribe`` header."""
        token = self.signer.token(person_id, category)
        return f"{self.public_base_url}/v1/notifications/unsubscribe?token={token}"

    def unsubscribe(self, person_id: UUID, category: Category | None) -> tuple[str, dict[str, str]]:
        """The footer's link (the web client's page, for a person who clicks) and the
        one-click headers (the API's address, for mail clients)."""
        token = self.signer.token(person_id, category)
        page = f"{self.web_url}/unsubscribe?token={token}"
        return page, unsubscribe_headers(self.unsubscribe_url(person_id, category))

    async def notify(
        self, notice: Notice, uow: NotificationsUnitOfWork, *, now: datetime | None = None
    ) -> Outcome:
        now = now or self.clock.now()
        recipient = await uow.recipients.get(notice.recipient_id)
        if recipient is None:  # unknown or erased account: nobody to tell
            log.info("notify.no_recipient", recipient_id=str(notice.recipient_id))
            return Outcome()
        prefs = await uow.preferences.get_or_default(recipient.account_id)
        locale = prefs.locale(notice.locale or recipient.locale)
        # times arrive as datetimes: shown on the recipient's clock, in their language
        values = templates.localise_moments(
            {"name": recipient.display_name, **notice.values}, locale, prefs.time_zone
        )
        values = {
            k: v.said_in(locale) if isinstance(v, MatchReasons) else v for k, v in values.items()
        }
        feed = digest = email = False

        if notice.in_app and prefs.wants_in_app(notice.category):
            text = templates.render_feed(notice.template, locale, **values)
            feed = await uow.feed.add(
                FeedItem(
                    person_id=recipient.account_id,
                    category=notice.category.value,
                    template=notice.template,
                    source_event_id=notice.source_event_id,
                    locale=text.locale,
                    title=text.title,
                    body=text.body,
                    link=notice.link,
                    created_at=now,
                )
            )

        frequency = prefs.email_frequency(notice.category)
        if frequency == Frequency.IMMEDIATE:
            email = await uow.deliveries.add(
                self._email(
                    notice, recipient, locale, values, prefs.earliest_send(now, notice.category)
                )
            )
        elif frequency in (Frequency.DAILY, Frequency.WEEKLY):
            text = templates.render_feed(notice.template, locale, **values)
            digest = await uow.digests.add(
                DigestEntry(
                    person_id=recipient.account_id,
                    frequency=frequency.value,
                    category=notice.category.value,
                    template=notice.template,
                    source_event_id=notice.source_event_id,
                    title=text.title,
                    summary=text.body,
                    created_at=now,
                )
            )
        return Outcome(feed=feed, email=email, digest=digest)

    def _email(
        self,
        notice: Notice,
        recipient: Recipient,
        locale: str,
        values: dict[str, Any],
        send_at: datetime,
    ) -> Delivery:
        headers: dict[str, str] = {}
        unsubscribe = None
        if notice.category not in TRANSACTIONAL:
            unsubscribe, headers = self.unsubscribe(recipient.account_id, notice.category)
        return Delivery(
            recipient_id=recipient.account_id,
            channel="email",
            address=recipient.email,
            template=notice.template,
            source_event_id=notice.source_event_id,
            message=templates.render(
                notice.template, locale, unsubscribe_url=unsubscribe, **values
            ),
            category=notice.category.value,
            headers=headers,
            next_attempt_at=send_at,
            traceparent=tracing.current_traceparent(),
        )


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 8058 one-click: mail clients POST ``List-Unsubscribe=One-Click`` to the URL."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
