"""After the dust settles: prove nothing was lost, nothing happened twice, order held.

Effects looked for, per acknowledged request:
* registration: one account row at profiles; one welcome delivery at notifications, one email
  as the person sees it (one Message-ID in their mailbox at the SMTP sink);
* saved profile: the person in resources' people projection (and gone again once erased);
* erasure: the saga completed at profiles with a confirmation from every participant, each of
  which answered at most once per request profiles sent it, the account anonymised and the
  person gone from resources' projection;
* a partner's sector need declared (partner.py): one webhook at the partner's receiver, any
  copy under the same webhook-id.
People who asked to be erased are left out of the registration effects: erasure removes them.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from email.message import EmailMessage

import asyncpg
from aiokafka import AIOKafkaConsumer

from contracts.events.privacy import PARTICIPANTS
from devstack.effects import Expected, pending_effects
from devstack.kafka_admin import end_offsets
from devstack.load import LoadResult

#: the topics the journeys' events travel on (registrations and erasures; saved profiles),
#: scanned for copies and per-aggregate order
SCANNED_TOPICS = ("profiles.account.v1", "profiles.person.v1")


@dataclass
class Verdict:
    accounts_missing: int  # acknowledged but no row
    accounts_duplicated: int  # acknowledged with more than one row
    rejected_but_stored: int  # a clear "no" that still left a row
    effects_missing: int  # acknowledged but no welcome delivery at notifications
    effects_duplicated: int  # more than one delivery for one event
    topic_duplicates: int  # extra copies on the topic (absorbed by inboxes)
    order_violations: int
    dlq_entries: int
    emails_missing: int
    #: people who received more than one email where one was due (copies with the Message-ID
    #: of a mail they already had are dropped by mail software, so they count once)
    emails_duplicated: int = 0
    #: copies of a mail the SMTP sink received again with the same Message-ID (a worker
    #: killed between the SMTP server's acceptance and marking it sent)
    email_copies_with_same_message_id: int = 0
    projections_missing: int = 0  # saved profile not in resources' projection
    profiles_refused_but_projected: int = 0
    erasures_incomplete: int = 0  # acknowledged erasure never confirmed by every participant
    erased_but_stored: int = 0  # confirmed erasure with the account or projection left
    erasure_answers_duplicated: int = 0  # a participant answered more often than asked
    #: a partner's webhooks (partner.py), counted at its receiver per webhook-id: an
    #: acknowledged declaration that never arrived; an event that arrived under two ids
    webhooks_missing: int = 0
    webhooks_duplicated: int = 0
    #: copies the receiver got again under a webhook-id it had (it drops them)
    webhook_copies_with_same_id: int = 0

    @property
    def lost(self) -> int:
        return (
            self.accounts_missing
            + self.effects_missing
            + self.emails_missing
            + self.projections_missing
            + self.erasures_incomplete
            + self.webhooks_missing
        )

    @property
    def duplicate_effects(self) -> int:
        return (
            self.accounts_duplicated
            + self.effects_duplicated
            + self.erasure_answers_duplicated
            + self.emails_duplicated
            + self.webhooks_duplicated
        )

    @property
    def refused_but_done(self) -> int:
        return (
            self.rejected_but_stored + self.profiles_refused_but_projected + self.erased_but_stored
        )


@dataclass(frozen=True)
class Mailbox:
    """What the SMTP sink received, as people see it: per recipient, the distinct messages
    (by Message-ID) and every copy."""

    messages: dict[str, Counter[str]]  # recipient -> Message-ID -> copies

    @classmethod
    def of(cls, received: list[EmailMessage]) -> Mailbox:
        messages: dict[str, Counter[str]] = {}
        for mail in received:
            messages.setdefault(str(mail["To"]), Counter())[str(mail["Message-ID"])] += 1
        return cls(messages)

    def seen(self, address: str) -> int:
        """Messages this person sees (one per Message-ID)."""
        return len(self.messages.get(address, ()))

    def extra_copies(self, addresses: Iterable[str]) -> int:
        return sum(
            n - 1 for a in addresses for n in self.messages.get(a, Counter()).values() if n > 1
        )


async def wait_for_quiet(
    dsn: str, load: LoadResult, mailbox: Callable[[], Mailbox], timeout_s: float = 240.0
) -> tuple[float, dict[str, int]]:
    """Seconds until every acknowledged request has its effects downstream, emails included,
    and what was still missing when it gave up (empty when quiet came)."""
    start = time.monotonic()
    expected = Expected.of(load)
    missing: dict[str, int] = {}
    while time.monotonic() - start < timeout_s:
        missing = {k: n for k, n in (await pending_effects(dsn, expected)).items() if n}
        seen = mailbox()
        if unsent := sum(1 for e in expected.emails if not seen.seen(e)):
            missing["emails"] = unsent
        if not missing:
            return time.monotonic() - start, {}
        await asyncio.sleep(0.25)
    return float("inf"), missing


async def dead_letters(bootstrap: str) -> int:
    """Records on every dead-letter topic of the registry (their end offsets' sum)."""
    from contracts.registry import all_topics

    dlqs = [t.dlq for t in all_topics()]
    return sum((await end_offsets(bootstrap, dlqs)).values())


async def verify(
    dsn: str, bootstrap: str, load: LoadResult, mailbox: Mailbox, dlq_before: int
) -> Verdict:
    expected = Expected.of(load)
    ids, emails, profiled = expected.accounts, expected.emails, expected.profiled
    erased = expected.erasures
    conn = await asyncpg.connect(dsn)
    try:
        rows = await conn.fetch(
            "SELECT email, count(*) AS n FROM profiles.accounts WHERE email = ANY($1) GROUP BY 1",
            emails + list(load.rejected),
        )
        stored = {r["email"]: r["n"] for r in rows}
        effects = await conn.fetch(
            "SELECT recipient_id::text AS id, count(*) AS n FROM notifications.deliveries"
            " WHERE template = 'welcome' AND recipient_id = ANY($1::uuid[]) GROUP BY 1",
            list(ids),
        )
        projected = {
            str(r["person_id"])
            for r in await conn.fetch(
                "SELECT person_id FROM resources.people WHERE person_id = ANY($1::uuid[])",
                profiled + list(load.profiles.rejected) + list(erased),
            )
        }
        accounts_left = {
            str(r["id"])
            for r in await conn.fetch(
                "SELECT id FROM profiles.accounts WHERE id = ANY($1::uuid[])"
                " AND status <> 'erased'",  # the anonymised row stays: other tables hold its id
                list(erased),
            )
        }
        sagas = {
            str(r["id"]): r
            for r in await conn.fetch(
                "SELECT id, status, confirmations, requests FROM profiles.privacy_erasures"
                " WHERE id = ANY($1::uuid[])",
                list(erased.values()),
            )
        }
        answers: Counter[tuple[str, str]] = Counter()
        for service in PARTICIPANTS:
            for r in await conn.fetch(
                f"SELECT payload->>'erasure_id' AS erasure FROM {service}.outbox"
                " WHERE type = $1 AND payload->>'erasure_id' = ANY($2::text[])",
                f"{service}.privacy.data_erased",
                list(erased.values()),
            ):
                answers[(service, r["erasure"])] += 1
    finally:
        await conn.close()
    effect_count = {r["id"]: r["n"] for r in effects}
    copies, order_violations = await _scan_topic(bootstrap, ids | set(erased))
    dlq = await dead_letters(bootstrap) - dlq_before

    def confirmed(erasure_id: str) -> bool:
        saga = sagas.get(erasure_id)
        return bool(saga and saga["status"] == "completed")

    return Verdict(
        accounts_missing=sum(1 for e in emails if stored.get(e, 0) == 0),
        accounts_duplicated=sum(1 for e in emails if stored.get(e, 0) > 1),
        rejected_but_stored=sum(1 for e in load.rejected if stored.get(e, 0) > 0),
        effects_missing=sum(1 for i in ids if effect_count.get(i, 0) == 0),
        effects_duplicated=sum(1 for i in ids if effect_count.get(i, 0) > 1),
        topic_duplicates=sum(n - 1 for n in copies.values() if n > 1),
        order_violations=order_violations,
        dlq_entries=dlq,
        emails_missing=sum(1 for e in emails if mailbox.seen(e) == 0),
        emails_duplicated=sum(1 for e in emails if mailbox.seen(e) > 1),
        email_copies_with_same_message_id=mailbox.extra_copies(emails),
        projections_missing=sum(1 for i in profiled if i not in projected),
        profiles_refused_but_projected=sum(1 for i in load.profiles.rejected if i in projected),
        erasures_incomplete=sum(1 for e in erased.values() if not confirmed(e)),
        erased_but_stored=sum(
            1
            for person, e in erased.items()
            if confirmed(e) and (person in accounts_left or person in projected)
        ),
        erasure_answers_duplicated=sum(
            max(0, answers[(service, e)] - int(sagas[e]["requests"]))
            for e in erased.values()
            if e in sagas
            for service in PARTICIPANTS
        ),
    )


async def _scan_topic(bootstrap: str, ids: set[str]) -> tuple[Counter[str], int]:
    """Copies of each event id of this run, and per-aggregate sequence regressions.

    Order is judged on each event's first copy: a relay that died between publishing and
    marking publishes its batch again, so an earlier event's second copy may follow a later
    event. Consumers drop it by its id (the inbox) and the copies are counted above; what
    must never happen is an event first published after a later one of its aggregate."""
    copies: Counter[str] = Counter()
    violations = 0
    for topic in SCANNED_TOPICS:
        last_seq: dict[str, int] = {}
        for record in await _read_all(bootstrap, topic):
            headers = {k: v.decode() for k, v in record.headers}
            if headers.get("ce_subject") not in ids:
                continue
            copies[headers["ce_id"]] += 1
            if copies[headers["ce_id"]] > 1:
                continue
            seq = int(headers.get("ce_sequence", "0"))
            if seq == 0:  # published outside an aggregate (e.g. by the erasure saga)
                continue
            subject = headers["ce_subject"]
            if seq < last_seq.get(subject, 0):
                violations += 1
            last_seq[subject] = max(seq, last_seq.get(subject, 0))
            json.loads(record.value)  # every published payload is well-formed
    return copies, violations


async def _read_all(bootstrap: str, topic: str) -> list:  # type: ignore[type-arg]
    """Every record of ``topic`` from the beginning up to its current end."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=None,  # no group: all partitions are assigned to us
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        deadline = time.monotonic() + 10
        while not consumer.assignment() and time.monotonic() < deadline:
            await consumer.getmany(timeout_ms=100)
        partitions = list(consumer.assignment())
        end = await consumer.end_offsets(partitions)
        await consumer.seek_to_beginning(*partitions)
        records = []
        while True:
            positions = {tp: await consumer.position(tp) for tp in partitions}
            if all(positions[tp] >= end[tp] for tp in partitions):
                return records
            for batch in (await consumer.getmany(timeout_ms=500)).values():
                records.extend(batch)
    finally:
        await consumer.stop()
