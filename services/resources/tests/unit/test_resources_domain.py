"""Domain rules without infrastructure: moderation, translations, matching, sniffing."""

from __future__ import annotations

import io
import uuid
import zipfile
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from contracts.vocabulary.locales import preferred_languages
from resources.adapters.project_records import parse_project_page, split_member_states
from resources.domain import attachment as att
from resources.domain import resource as r
from resources.domain.matching import Needs, ProfileFacts, score
from resources.domain.opportunity import (
    DeadlinePassed,
    InterestConflict,
    InterestStatus,
    Opportunity,
    OpportunityKind,
)

SEEDS = Path(__file__).resolve().parents[2] / "src" / "resources" / "seed_data"


def draft(contributor: uuid.UUID | None = None) -> r.Resource:
    return r.Resource.draft(
        kind=r.ResourceKind.TOOLKIT,
        translation=r.Translation("fr", "Boîte à outils"),
        contributor_id=contributor or uuid.uuid4(),
    )


def test_the_moderation_workflow_allows_only_its_transitions() -> None:
    author, moderator = uuid.uuid4(), uuid.uuid4()
    x = draft(author)
    with pytest.raises(r.ModerationError):
        x.publish(moderator, datetime.now(UTC))  # a draft is not reviewed yet
    with pytest.raises(r.NotPermitted):
        x.submit(uuid.uuid4())  # someone else's draft
    x.submit(author)
    with pytest.raises(r.ModerationError):
        x.reject(moderator, "  ")  # a rejection needs a reason
    x.reject(moderator, "needs sources")
    assert x.status is r.Status.REJECTED and x.moderation_note == "needs sources"
    x.submit(author)
    at = datetime(2026, 3, 1, tzinfo=UTC)
    x.publish(moderator, at)
    assert x.published_at == at
    with pytest.raises(r.ModerationError):
        x.submit(author)
    x.archive(moderator)
    assert x.status is r.Status.ARCHIVED and not r.TRANSITIONS[x.status]
    assert x.version == 6 and len(x.events) == 6


def test_reports_hide_a_resource_at_the_threshold() -> None:
    x = draft()
    with pytest.raises(r.ModerationError):
        x.report(uuid.uuid4(), "spam", 1, hide_after=2)  # drafts are not public
    x.submit(None, moderator=True)
    x.publish(None, datetime.now(UTC))
    x.report(uuid.uuid4(), "spam", 1, hide_after=2)
    assert x.is_public()
    x.report(uuid.uuid4(), "spam", 2, hide_after=2)
    assert not x.is_public() and x.hidden


def test_translation_fallback_chain() -> None:
    x = draft()
    x.translations["en"] = r.Translation("en", "Toolkit")
    assert x.translation_for([]).language == "fr"  # original
    assert x.translation_for(["es", "en-GB"]).language == "en"
    assert x.translation_for(["ar"]).language == "fr"
    del x.translations["fr"]
    assert x.translation_for(["ar"]).language == "en"


def test_accept_language_is_ordered_by_quality() -> None:
    assert preferred_languages(None, "fr-CA;q=0.5, es, en;q=0.8, *") == ["es", "en", "fr"]
    assert preferred_languages("ar", "en;q=0") == ["ar"]
    assert preferred_languages(None, "en;q=bogus") == []


def test_matching_scores_weighted_coverage_with_reasons() -> None:
    needs = Needs(
        skills=frozenset({"python", "sql"}),
        languages=frozenset({"fr"}),
        countries=frozenset({"HT"}),
    )
    person = ProfileFacts(
        person_id=uuid.uuid4(),
        skills=frozenset({"python", "excel"}),
        languages=frozenset({"fr", "en"}),
        country_of_origin="HT",
        country_of_residence="HT",
    )
    m = score(needs, person)
    # skills 3 (half of them), languages 2, origin 2, residence 1: 6.5 of 8
    assert m.score == pytest.approx((3 * 0.5 + 2 + 2 + 1) / 8, abs=1e-4)
    assert [(x.kind, x.values) for x in m.reasons] == [
        ("skills", ("python",)),
        ("languages", ("fr",)),
        ("country_of_origin", ("HT",)),
        ("country_of_residence", ("HT",)),
    ]
    assert m.good
    assert score(Needs(), person).score == 0.0
    assert not score(needs, ProfileFacts(person_id=uuid.uuid4())).good


def test_interest_after_the_deadline_is_refused() -> None:
    now = datetime.now(UTC)
    o = Opportunity.post(
        kind=OpportunityKind.MENTORS,
        title="Mentors",
        description="",
        organisation="Org",
        posted_by=uuid.uuid4(),
        deadline=now + timedelta(days=1),
    )
    person = uuid.uuid4()
    interest = o.express_interest(person, "hi", now, None)
    with pytest.raises(InterestConflict):
        o.express_interest(person, "again", now, interest)
    o.change_interest(interest, InterestStatus.WITHDRAWN, now, by_person=True)
    again = o.express_interest(person, "back", now, interest)  # withdrawn: may apply again
    assert again.id == interest.id
    with pytest.raises(DeadlinePassed):
        o.express_interest(uuid.uuid4(), "late", now + timedelta(days=2), None)


def _zip(members: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, content in members.items():
            z.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"%PDF-1.4\n", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n....", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"ID3\x04", "audio/mpeg"),
        (b"\x00\x00\x00\x18ftypmp42", "video/mp4"),
        ("Titre; Année\nÉtude;2020\n".encode(), "text/plain"),
        (_zip({"mimetype": "application/epub+zip"}), "application/epub+zip"),
        (
            _zip({"[Content_Types].xml": "", "xl/workbook.xml": ""}),
            att.ALLOWED and "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        (b"MZ\x90\x00", None),
        (b"\x7fELF\x02\x01", None),
        (_zip({"payload.exe": "MZ"}), None),
        (b"", None),
    ],
)
def test_sniffing_trusts_bytes_only(content: bytes, expected: str | None) -> None:
    assert att.sniff(content) == expected


def test_validation_checks_name_size_and_digest() -> None:
    media, digest = att.validate("data.csv", b"a,b\n1,2\n", 100)
    assert media == "text/csv" and len(digest) == 64
    with pytest.raises(att.UnsupportedFileType):
        att.validate("report.pdf", b"MZ\x90\x00", 100)
    with pytest.raises(att.UnsupportedFileType):
        att.validate("image.jpg", b"%PDF-1.4", 100)
    with pytest.raises(att.FileTooLarge):
        att.validate("report.pdf", b"%PDF-" + b"0" * 100, 100)


def test_project_pages_parse_to_exactly_their_fields() -> None:
    haiti = parse_project_page((SEEDS / "project_CD.0037.txt").read_text())
    assert haiti.title == "Mobilisation de la diaspora à l\u2019appui du développement d\u2019Haïti"
    assert haiti.record == r.ProjectRecord(
        start_year=2020,
        end_year=2024,
        status="Actif",
        project_type="Développement communautaire",
        budget_amount=Decimal("200000.00"),
        budget_currency="USD",
        coverage="National",
        year=2019,
        region="Amérique latine et Caraïbes",
        programme_id="HT10P0503",
        project_id="CD.0037",
        beneficiary_member_states=("Haïti",),
    )
    assert haiti.countries == ("HT",)
    assert split_member_states("République centrafricaine Tchad Îles Marshall Viet Nam") == [
        ("République centrafricaine", "CF"),
        ("Tchad", "TD"),
        ("Îles Marshall", "MH"),
        ("Viet Nam", "VN"),
    ]
