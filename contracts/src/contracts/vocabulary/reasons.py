"""Why a person fits an opportunity, said in a reader's language.

A match reason is a criterion (``kind``) and the vocabulary codes that meet it; resources'
API and notifications' emails both say it with ``explain`` ("Speaks French", "Occupation:
Nursing professionals"), so a person reads the same words on a page and in a mail.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale
from babel.lists import format_list

from contracts.vocabulary.catalogue import scheme
from contracts.vocabulary.locales import supported
from contracts.vocabulary.schemes import Label
from contracts.vocabulary.terms import _, translate

#: criterion -> (vocabulary scheme of its codes, sentence with the codes' labels)
REASONS: dict[str, tuple[str, str]] = {
    "occupations": ("occupations", _("Occupation: %(values)s")),
    "skills": ("skills", _("Skills: %(values)s")),
    "sectors": ("sectors", _("Sector: %(values)s")),
    "languages": ("languages", _("Speaks %(values)s")),
    "contribution_modes": ("contribution_modes", _("Wants to contribute: %(values)s")),
    "country_of_origin": ("countries", _("From %(values)s")),
    "country_of_residence": ("countries", _("Lives in %(values)s")),
}


@dataclass(frozen=True)
class Explanation:
    text: str
    labels: list[Label]
    #: the sentence's language (English, marked, where a locale has no translation)
    locale: str


def explain(kind: str, codes: Sequence[str], locale: str | None) -> Explanation:
    """The reason in ``locale``; an unknown kind or code is shown as it is (never raises: a
    reason from a newer producer must still be readable)."""
    scheme_name, sentence = REASONS.get(kind, ("", "%(values)s"))
    labels = [_label(scheme_name, code, locale) for code in codes]
    served = supported(locale)
    listed = format_list([label.text for label in labels], locale=Locale.parse(served))
    template = translate(sentence, locale)
    return Explanation(
        text=template.text % {"values": listed}, labels=labels, locale=template.locale
    )


def _label(scheme_name: str, code: str, locale: str | None) -> Label:
    if not scheme_name or scheme(scheme_name).canonical(code) is None:
        return Label(text=code, locale="en", fallback=True)
    return scheme(scheme_name).label(code, locale)
