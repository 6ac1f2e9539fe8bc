"""The platform's one vocabulary: account roles and every shared classification.

Services validate codes and check roles only through this package; the web client builds
its pickers and labels from it. Small API:

* ``scheme(name)`` -> ``Scheme`` with ``validate(code)`` (canonical code or ``UnknownCode``),
  ``label(code, locale)`` -> ``Label(text, locale, fallback)``, ``search(text, locale)``,
  ``terms(locale)``; ``SCHEME_NAMES`` lists them (countries, languages, occupations, skills,
  sectors, education_levels, contribution_modes, sdgs).
* ``Role``, ``Permission``, ``ROLES`` (name, meaning, who may grant, what it permits in each
  service), ``holding(permission)``, ``permits(roles, permission)``, ``may_grant``.
* ``contracts.vocabulary.types``: pydantic field types (``CountryCode``...) validating through
  the schemes.

Sources and versions of every table: ``data/sources.json`` and docs/vocabulary.md.
"""

from contracts.vocabulary.catalogue import SCHEME_NAMES, scheme, schemes
from contracts.vocabulary.locales import (
    DEFAULT_LOCALE,
    LOCALES,
    fallback_chain,
    is_rtl,
    same_language,
    supported,
)
from contracts.vocabulary.reasons import REASONS, Explanation, explain
from contracts.vocabulary.roles import (
    ROLES,
    Permission,
    Role,
    RoleDefinition,
    holding,
    may_grant,
    most_privileged,
    permits,
)
from contracts.vocabulary.schemes import Label, Scheme, Source, Term, UnknownCode, folded
from contracts.vocabulary.terms import translate

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "REASONS",
    "ROLES",
    "SCHEME_NAMES",
    "Explanation",
    "Label",
    "Permission",
    "Role",
    "RoleDefinition",
    "Scheme",
    "Source",
    "Term",
    "UnknownCode",
    "explain",
    "fallback_chain",
    "folded",
    "holding",
    "is_rtl",
    "may_grant",
    "most_privileged",
    "permits",
    "same_language",
    "scheme",
    "schemes",
    "supported",
    "translate",
]
