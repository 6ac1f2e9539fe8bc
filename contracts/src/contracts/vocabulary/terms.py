"""The platform's own terms (not a published classification), and their translations.

The English term is the gettext message id; translations live in the ``vocabulary``
catalogue (``locale/<lang>/LC_MESSAGES/vocabulary.po``, compiled to ``.mo``), which
translators edit with the usual tools: ``pybabel extract/update/compile`` (see
docs/vocabulary.md).
"""

from __future__ import annotations

import gettext
from functools import cache
from importlib import resources

from contracts.vocabulary.locales import DEFAULT_LOCALE, fallback_chain, same_language
from contracts.vocabulary.schemes import Label

DOMAIN = "vocabulary"
LOCALE_DIR = str(resources.files("contracts.vocabulary").joinpath("locale"))


def _(message: str) -> str:
    """Marks a term for extraction; the term itself is the message id."""
    return message


@cache
def translations(locale: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[locale], fallback=True)


def has_translation(locale: str, message: str) -> bool:
    """Whether the catalogue of ``locale`` translates ``message`` (a translation may equal
    the English text: Spanish "Sector")."""
    catalogue: dict[str, str] = getattr(translations(locale), "_catalog", {})
    return bool(catalogue.get(message))


def translate(message: str, locale: str | None) -> Label:
    """``message`` (an English term) in ``locale``, or English marked as a fallback."""
    chain = fallback_chain(locale)
    for candidate in chain:
        if candidate == DEFAULT_LOCALE:
            break
        if has_translation(candidate, message):
            text = translations(candidate).gettext(message)
            return Label(
                text=text, locale=candidate, fallback=not same_language(candidate, chain[0])
            )
    return Label(
        text=message, locale=DEFAULT_LOCALE, fallback=not same_language(DEFAULT_LOCALE, chain[0])
    )


#: how a diaspora member contributes (DESIGN section 4)
CONTRIBUTION_MODES: dict[str, str] = {
    "skills_transfer": _("Skills transfer"),
    "mentoring": _("Mentoring"),
    "short_assignment": _("Short assignment"),
    "investment": _("Investment"),
    "trade": _("Trade"),
    "philanthropy": _("Philanthropy"),
    "volunteering": _("Volunteering"),
    "return": _("Return"),
}

#: what a resource of the library is about (its themes; DESIGN section 4, "Learn")
RESOURCE_THEMES: dict[str, str] = {
    "gender": _("Gender"),
    "youth": _("Youth"),
    "climate": _("Climate and environment"),
    "health": _("Health"),
    "remittances": _("Remittances"),
    "investment": _("Diaspora investment"),
    "skills_transfer": _("Skills transfer"),
    "digitalisation": _("Digitalisation"),
    "governance": _("Governance and policy"),
    "humanitarian": _("Humanitarian action"),
    "data": _("Data and research"),
    "entrepreneurship": _("Entrepreneurship"),
    "education": _("Education"),
    "rights": _("Rights and protection"),
}
