"""The words of published statistics (diaspora mapping's tables and charts): dimension values
that are not a classification's codes, and the texts a chart carries.

English is the message id; translations live in the ``vocabulary`` gettext catalogue with the
other platform terms (``make i18n``), so a chart, a table's CSV and a console page say the
same thing in the reader's language.
"""

from __future__ import annotations

from contracts.vocabulary.terms import _

#: gender and the placeholder categories of the mapping dimensions
CATEGORY_NAMES: dict[str, str] = {
    "female": _("Women"),
    "male": _("Men"),
    "other": _("Another gender"),
    "unknown": _("Unknown"),
    "*": _("All skills"),
}

#: the charts' titles, axes, legends and notes
CHART_TEXTS: dict[str, str] = {
    "population_pyramid": _("Respondents by age and gender"),
    "skills_by_sector": _("Skills by sector"),
    "supply_vs_needs": _("Skills supply and sector needs"),
    "respondents": _("Respondents"),
    "people": _("People"),
    "needed": _("Needed"),
    "supply": _("Diaspora supply"),
    "not_shown": _("not shown"),
    "sector": _("Sector"),
    "skill": _("Skill"),
    "age_band": _("Age"),
    "note": _("Every count is perturbed by at most {d}; counts under {k} are not shown."),
    "empty": _("No published figures for this selection yet."),
}
