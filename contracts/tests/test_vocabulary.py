"""The shared vocabulary: one canonical code form per scheme, labels in every locale (or a
visible fallback where no published label set exists), search, roles."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pydantic import BaseModel, ValidationError

from contracts import vocabulary as v
from contracts.vocabulary.terms import LOCALE_DIR, translations
from contracts.vocabulary.types import (
    CountryCode,
    LanguageCode,
    LocaleTag,
    OccupationCode,
    SkillCode,
)

CANONICAL_FORM = {
    "countries": r"[A-Z]{2}",
    "languages": r"[a-z]{2,3}",
    "occupations": r"\d{4}",
    "skills": r"[ST]\d",
    "sectors": r"[A-U]",
    "education_levels": r"[0-8]",
    "contribution_modes": r"[a-z]+(_[a-z]+)*",
    "resource_themes": r"[a-z]+(_[a-z]+)*",
    "sdgs": r"[1-9]|1[0-7]",
    "currencies": r"[A-Z]{3}",
}


def test_every_scheme_is_listed_with_its_code_form() -> None:
    assert set(v.SCHEME_NAMES) == set(CANONICAL_FORM)


@pytest.mark.parametrize("name", sorted(CANONICAL_FORM))
def test_codes_have_one_canonical_form_and_an_english_label(name: str) -> None:
    scheme = v.scheme(name)
    assert scheme.codes()
    for code in scheme.codes():
        assert re.fullmatch(CANONICAL_FORM[name], code), (name, code)
        assert scheme.validate(code) == code
        english = scheme.label(code, "en")
        assert english.text and english.locale == "en" and not english.fallback


@pytest.mark.parametrize("name", sorted(CANONICAL_FORM))
@pytest.mark.parametrize("locale", ["fr", "es", "ar"])
def test_labels_in_each_locale_are_published_or_visibly_english(name: str, locale: str) -> None:
    scheme = v.scheme(name)
    labels = {code: scheme.label(code, locale) for code in scheme.codes()}
    if scheme.source.has_labels(locale):
        translated = [label for label in labels.values() if not label.fallback]
        # CLDR and iso-codes name a few hundred of the 7,000 living languages; iso-codes'
        # translators named most currencies (the rest show English, marked)
        floor = {"languages": 0.05, "currencies": 0.5}.get(name, 1.0)
        assert len(translated) >= floor * len(labels), (name, locale)
        assert all(label.locale == locale for label in translated)
    else:
        assert all(label.fallback for label in labels.values()), (name, locale)
    for code, label in labels.items():
        if label.fallback:
            assert (label.locale, label.text) == ("en", scheme.label(code, "en").text)


def test_languages_everyone_on_the_platform_speaks_are_named_in_every_locale() -> None:
    languages = v.scheme("languages")
    for code in ("en", "fr", "es", "ar", "ht", "pt", "so", "wo", "sw"):
        for locale in v.LOCALES:
            assert not languages.label(code, locale).fallback, (code, locale)


def test_validation_accepts_any_case_and_aliases_and_names_the_code_form() -> None:
    assert v.scheme("countries").validate("ht") == "HT"
    assert v.scheme("skills").validate("s3") == "S3"
    assert v.scheme("sectors").validate(" q ") == "Q"
    assert v.scheme("languages").validate("FRA") == "fr"  # ISO 639-2/T
    assert v.scheme("languages").validate("fre") == "fr"  # ISO 639-2/B
    assert v.scheme("languages").validate("kea") == "kea"  # no ISO 639-1 code
    with pytest.raises(v.UnknownCode, match="ISO 3166-1 alpha-2") as caught:
        v.scheme("countries").validate("XX")
    assert isinstance(caught.value, ValueError)
    assert v.scheme("occupations").canonical(2221) is None
    with pytest.raises(KeyError):
        v.scheme("planets")


def test_search_is_accent_and_case_insensitive_in_the_readers_language() -> None:
    countries = v.scheme("countries")
    assert [t.code for t in countries.search("HAITI", "fr")][:1] == ["HT"]
    assert countries.search("haï", "fr")[0].label.text == "Haïti"
    assert countries.search("هايتي", "ar")[0].code == "HT"
    nurses = v.scheme("occupations").search("infirm", "fr")
    assert [t.code for t in nurses][:1] == ["2221"]
    assert [t.code for t in v.scheme("sectors").search("q", "en")][:1] == ["Q"]  # the code
    assert v.scheme("skills").search("", "en") == []
    assert len(v.scheme("languages").search("a", "en", limit=5)) == 5


def test_terms_are_ordered_by_their_label_for_a_picker() -> None:
    terms = v.scheme("sdgs").terms("fr")
    labels = [v.folded(t.label.text) for t in terms]
    assert labels == sorted(labels) and len(terms) == 17


def test_pydantic_types_store_the_canonical_code_and_refuse_unknown_ones() -> None:
    class Profile(BaseModel):
        origin: CountryCode
        language: LanguageCode
        occupation: OccupationCode
        skills: list[SkillCode] = []

    p = Profile(origin="ht", language="fra", occupation="2221", skills=["s3"])
    assert (p.origin, p.language, p.skills) == ("HT", "fr", ["S3"])
    with pytest.raises(ValidationError, match="not a code of occupations"):
        Profile(origin="HT", language="fr", occupation="9999")
    schema = Profile.model_json_schema()
    assert schema["properties"]["origin"]["x-vocabulary"] == "countries"


def test_every_role_is_named_and_explained_in_every_locale() -> None:
    for definition in v.ROLES.values():
        for locale in v.LOCALES:
            for label in (definition.label(locale), definition.meaning_in(locale)):
                assert label.text and not label.fallback, (definition.role, locale)
    assert v.ROLES[v.Role.MODERATOR].label("fr").text == "Modérateur"


def test_every_permission_is_held_by_some_role_and_only_admins_grant() -> None:
    for permission in v.Permission:
        assert v.holding(permission), permission
        assert permission.service in {"profiles", "resources", "alliance", "notifications"}
    assert v.permits(
        ["member", "government_focal_point"], v.Permission.RESOURCES_POST_OPPORTUNITIES
    )
    assert not v.permits(["member"], v.Permission.RESOURCES_MODERATE)
    assert v.permits(["platform_admin"], v.Permission.RESOURCES_MODERATE)
    assert v.may_grant(["platform_admin"], v.Role.MODERATOR)
    assert not v.may_grant(["moderator"], v.Role.MODERATOR)
    assert not v.may_grant(["platform_admin"], v.Role.MEMBER)  # implicit, never granted
    assert v.most_privileged(["member", "moderator", "partner"]) == v.Role.MODERATOR
    assert v.most_privileged([]) == v.Role.MEMBER


def test_a_locale_tag_falls_back_to_its_language_then_english() -> None:
    assert v.fallback_chain("fr-CA") == ["fr-CA", "fr", "en"]
    assert v.supported("ar-EG") == "ar" and v.supported("de") == "en"
    assert v.is_rtl("ar-EG") and not v.is_rtl("fr")
    label = v.scheme("countries").label("HT", "fr-CA")
    assert (label.text, label.fallback) == ("Haïti", False)
    assert v.scheme("countries").label("HT", "de").fallback


def test_compiled_catalogues_match_their_sources() -> None:
    """The .mo files the code reads say what translators wrote in the .po files."""
    for po in Path(LOCALE_DIR).glob("*/LC_MESSAGES/vocabulary.po"):
        locale = po.parent.parent.name
        with po.open("rb") as f:
            catalog = read_po(f, locale=locale)
        for message in catalog:
            if message.id:
                assert message.string, (locale, message.id)
                assert translations(locale).gettext(message.id) == message.string


def test_contracts_stays_free_of_infrastructure() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())
    names = {re.split(r"[<>=\[ ]", dep)[0] for dep in pyproject["project"]["dependencies"]}
    assert names == {"pydantic", "pycountry", "babel"}


def test_the_reference_page_is_generated_from_the_code() -> None:
    from contracts.vocabulary.__main__ import render

    page = Path(__file__).parents[2] / "docs" / "vocabulary.md"
    assert page.read_text(encoding="utf-8") == render(), "run `make docs`"


def test_a_locale_tag_names_a_vocabulary_language_and_keeps_canonical_case() -> None:
    class Preferences(BaseModel):
        locale: LocaleTag

    cases = {"fr": "fr", "FR-ca": "fr-CA", "pt_BR": "pt-BR", "zh-hant-tw": "zh-Hant-TW"}
    for given, stored in {**cases, "es-419": "es-419", "fra": "fr"}.items():
        assert Preferences(locale=given).locale == stored
    for bad in ("xx", "fr-XX", "fr-", "en-US-x-@@", ""):
        with pytest.raises(ValidationError):
            Preferences(locale=bad)


def test_a_match_reason_is_said_in_the_readers_language() -> None:
    assert v.explain("languages", ["fr"], "en").text == "Speaks French"
    assert v.explain("languages", ["fr", "ht"], "fr").text == "Parle français et créole haïtien"
    nurse = v.explain("occupations", ["2221"], "ar")
    assert not nurse.labels[0].fallback and "مهنيو التمريض" in nurse.text
    # a label the viewer's locale lacks shows in English, marked (German has no table here)
    assert v.explain("occupations", ["2221"], "de").labels[0].fallback
    assert v.explain("country_of_residence", ["HT"], "es").text == "País de residencia: Haití"
    for kind in v.REASONS:
        for locale in v.LOCALES:
            assert not v.translate(v.REASONS[kind][1], locale).fallback, (kind, locale)
    assert v.explain("unknown_kind", ["x"], "fr").text == "x"  # tolerant of newer producers
