"""What respondents are promised, in their language, with the campaign's actual protection.

The platform writes the promise, not the form: the consent question of every questionnaire
(the question named ``consent``) is shown with this text and the campaign's own ``k``, so no
form can promise more (or less) than what the statistics do (docs/privacy.md).
"""

from __future__ import annotations

from collections.abc import Mapping

from profiles.mapping.domain.publication import PublicationPolicy

#: the question whose answer ("yes") is the respondent's consent
CONSENT_QUESTION = "consent"
#: languages the promise is written in (a form's other languages fall back to English)
LANGUAGES = ("en", "fr", "es", "ar")
DEFAULT_LANGUAGE = "en"

_PROMISE = {
    "en": (
        "Your answers are confidential. They are only ever published as statistics: every "
        "count is changed by a small random amount, and no count below {k} is shown."
    ),
    "fr": (
        "Vos réponses sont confidentielles. Elles ne sont publiées que sous forme de "
        "statistiques : chaque nombre est modifié d'une petite quantité aléatoire, et aucun "
        "nombre inférieur à {k} n'est affiché."
    ),
    "es": (
        "Sus respuestas son confidenciales. Solo se publican como estadísticas: cada cifra se "
        "modifica en una pequeña cantidad aleatoria y nunca se muestra una cifra inferior a {k}."
    ),
    "ar": (
        "إجاباتك سرية. لا تُنشر إلا في شكل إحصاءات: يُغيَّر كل عدد بمقدار عشوائي صغير، "
        "ولا يُعرض أي عدد أقل من {k}."
    ),
}
_QUESTION = {
    "en": "Do you agree to take part?",
    "fr": "Acceptez-vous de participer ?",
    "es": "¿Acepta participar?",
    "ar": "هل توافق على المشاركة؟",
}


def promise(policy: PublicationPolicy, language: str) -> str:
    """The promise in ``language`` (English when it is not written in that language)."""
    template = _PROMISE.get(language.split("-")[0].lower(), _PROMISE[DEFAULT_LANGUAGE])
    return template.format(k=policy.k)


def promises(policy: PublicationPolicy, languages: tuple[str, ...] = ()) -> dict[str, str]:
    """The promise in every language it is written in, and in each of ``languages``."""
    return {lang: promise(policy, lang) for lang in dict.fromkeys((*LANGUAGES, *languages))}


def consent_labels(policy: PublicationPolicy, languages: tuple[str, ...]) -> dict[str, str]:
    """The consent question's label in each language: the promise, then the question."""
    return {
        lang: f"{promise(policy, lang)} {_question(lang)}"
        for lang in dict.fromkeys((*LANGUAGES, *languages))
    }


def _question(language: str) -> str:
    return _QUESTION.get(language.split("-")[0].lower(), _QUESTION[DEFAULT_LANGUAGE])


def protection(policy: PublicationPolicy, languages: tuple[str, ...] = ()) -> Mapping[str, object]:
    """What a respondent's page needs to say how their answers are protected."""
    return {
        "method": "cell_key",
        "k": policy.k,
        "max_noise": policy.table.max_noise,
        "promise": promises(policy, languages),
    }
