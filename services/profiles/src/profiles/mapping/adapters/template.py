"""The standard diaspora mapping questionnaire, written as an XLSForm.

``python -m profiles.mapping.adapters.template`` regenerates
``profiles/mapping/adapters/data/standard_mapping_template.xlsx`` (committed): a form that can
be loaded into KoboToolbox or ODK as is, and imported here, in English, French and Spanish.
Country and language lists, skills, sectors and education levels come from the platform's
vocabulary (contracts.vocabulary: ISO 3166, ISO 639, ESCO, ISIC, ISCED with their labels).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook

from contracts.vocabulary import scheme
from profiles.mapping.domain.promise import consent_labels
from profiles.mapping.domain.publication import PublicationPolicy

LANGS = ("en", "fr", "es")
TEMPLATE = Path(__file__).resolve().parent / "data" / "standard_mapping_template.xlsx"
FORM_VERSION = "2026.2"
#: the platform's default floor for k (MAPPING_MIN_K)
FLOOR = PublicationPolicy(k=10)

L = dict[str, str]


def t(en: str, fr: str, es: str) -> L:
    return {"en": en, "fr": fr, "es": es}


YES_NO = [("yes", t("Yes", "Oui", "Sí")), ("no", t("No", "Non", "No"))]

LISTS: dict[str, list[tuple[str, L]]] = {
    "yes_no": YES_NO,
    "yes_no_maybe": [*YES_NO, ("maybe", t("Maybe", "Peut-être", "Quizás"))],
    "gender": [
        ("female", t("Woman", "Femme", "Mujer")),
        ("male", t("Man", "Homme", "Hombre")),
        ("other", t("Another identity", "Autre identité", "Otra identidad")),
        ("undisclosed", t("Prefer not to say", "Préfère ne pas répondre", "Prefiero no decirlo")),
    ],
    "generation": [
        (
            "first",
            t(
                "Born in the country of origin",
                "Né(e) dans le pays d'origine",
                "Nacido/a en el país de origen",
            ),
        ),
        ("second", t("A parent was born there", "Un parent y est né", "Un progenitor nació allí")),
        (
            "third_plus",
            t("A grandparent or earlier", "Un grand-parent ou avant", "Un abuelo/a o antes"),
        ),
    ],
    "employment": [
        ("employed", t("Employed", "Salarié(e)", "Empleado/a")),
        (
            "self_employed",
            t(
                "Self-employed or business owner",
                "Indépendant(e) ou chef d'entreprise",
                "Autónomo/a o empresario/a",
            ),
        ),
        ("student", t("Student", "Étudiant(e)", "Estudiante")),
        ("unemployed", t("Looking for work", "En recherche d'emploi", "Buscando empleo")),
        ("retired", t("Retired", "Retraité(e)", "Jubilado/a")),
        ("other", t("Other", "Autre", "Otro")),
    ],
    "needs": [
        (
            "qualification_recognition",
            t(
                "Recognition of qualifications",
                "Reconnaissance des diplômes",
                "Reconocimiento de títulos",
            ),
        ),
        (
            "legal_status",
            t(
                "Legal status and documents",
                "Statut légal et documents",
                "Situación legal y documentos",
            ),
        ),
        (
            "employment",
            t("Finding suitable work", "Trouver un emploi adapté", "Encontrar un empleo adecuado"),
        ),
        ("language_courses", t("Language courses", "Cours de langue", "Cursos de idiomas")),
        ("housing", t("Housing", "Logement", "Vivienda")),
        (
            "financial_services",
            t(
                "Banking and money transfers",
                "Banque et transferts d'argent",
                "Banca y envíos de dinero",
            ),
        ),
        (
            "investment_information",
            t(
                "Information on investing at home",
                "Information pour investir au pays",
                "Información para invertir en el país",
            ),
        ),
        ("return_support", t("Support to return", "Appui au retour", "Apoyo al retorno")),
        (
            "social_protection",
            t(
                "Health and social protection",
                "Santé et protection sociale",
                "Salud y protección social",
            ),
        ),
        ("discrimination", t("Discrimination", "Discrimination", "Discriminación")),
        ("other", t("Other", "Autre", "Otra")),
    ],
    "contribution_modes": [
        (
            "skills_transfer",
            t("Skills transfer", "Transfert de compétences", "Transferencia de conocimientos"),
        ),
        ("mentoring", t("Mentoring", "Mentorat", "Mentoría")),
        ("short_assignment", t("Short assignment", "Mission de courte durée", "Misión corta")),
        ("investment", t("Investment", "Investissement", "Inversión")),
        ("trade", t("Trade", "Commerce", "Comercio")),
        ("philanthropy", t("Philanthropy", "Philanthropie", "Filantropía")),
        ("volunteering", t("Volunteering", "Bénévolat", "Voluntariado")),
        ("return", t("Return", "Retour", "Retorno")),
    ],
    "visits": [
        ("yearly", t("Every year or more", "Chaque année ou plus", "Cada año o más")),
        ("sometimes", t("Every few years", "Tous les quelques ans", "Cada pocos años")),
        ("rarely", t("Rarely or never", "Rarement ou jamais", "Rara vez o nunca")),
    ],
    "frequency": [
        ("monthly", t("Monthly", "Chaque mois", "Cada mes")),
        ("quarterly", t("A few times a year", "Quelques fois par an", "Algunas veces al año")),
        ("occasionally", t("Occasionally", "Occasionnellement", "Ocasionalmente")),
    ],
    "likert_agreement": [
        ("1", t("Not at all", "Pas du tout", "Nada")),
        ("2", t("A little", "Un peu", "Un poco")),
        ("3", t("Moderately", "Moyennement", "Moderadamente")),
        ("4", t("Much", "Beaucoup", "Mucho")),
        ("5", t("Very much", "Énormément", "Muchísimo")),
    ],
}

CONSENTED = "${consent} = 'yes'"

# (type, name, label, required, relevant, dimension, hint)
SURVEY: list[tuple[str, str, L, bool, str, str, L | None]] = [
    (
        "select_one yes_no",
        "consent",
        # the platform's own promise with its floor for k (true of every campaign); the web
        # questionnaire shows the campaign's own k (domain.mapping.promise)
        {lang: consent_labels(FLOOR, LANGS)[lang] for lang in LANGS},
        True,
        "",
        "",
        None,
    ),
    (
        "begin_group",
        "about_you",
        t("About you", "À propos de vous", "Sobre usted"),
        False,
        CONSENTED,
        "",
        None,
    ),
    ("select_one gender", "gender", t("Gender", "Genre", "Género"), False, "", "gender", None),
    (
        "integer",
        "birth_year",
        t("Year of birth", "Année de naissance", "Año de nacimiento"),
        False,
        "",
        "birth_year",
        None,
    ),
    (
        "select_one countries",
        "country_of_origin",
        t("Country of origin or heritage", "Pays d'origine", "País de origen"),
        True,
        "",
        "origin",
        None,
    ),
    (
        "select_one countries",
        "country_of_residence",
        t("Country of residence", "Pays de résidence", "País de residencia"),
        True,
        "",
        "residence",
        None,
    ),
    (
        "text",
        "city_of_residence",
        t("City of residence", "Ville de résidence", "Ciudad de residencia"),
        False,
        "",
        "",
        None,
    ),
    (
        "integer",
        "years_abroad",
        t("Years lived abroad", "Années vécues à l'étranger", "Años vividos en el extranjero"),
        False,
        "",
        "",
        None,
    ),
    (
        "select_one generation",
        "generation",
        t("Migration generation", "Génération de migration", "Generación migratoria"),
        False,
        "",
        "",
        None,
    ),
    ("end_group", "", t("", "", ""), False, "", "", None),
    (
        "begin_group",
        "education_work",
        t("Education and work", "Études et travail", "Estudios y trabajo"),
        False,
        CONSENTED,
        "",
        None,
    ),
    (
        "select_one education",
        "education_level",
        t("Highest education level", "Plus haut niveau d'études", "Nivel de estudios más alto"),
        False,
        "",
        "education",
        None,
    ),
    (
        "select_one employment",
        "employment_status",
        t("Current situation", "Situation actuelle", "Situación actual"),
        False,
        "",
        "",
        None,
    ),
    (
        "text",
        "occupation",
        t("Occupation", "Profession", "Ocupación"),
        False,
        "${employment_status} = 'employed' or ${employment_status} = 'self_employed'",
        "",
        None,
    ),
    (
        "select_multiple sectors",
        "sectors",
        t("Sectors you work in", "Secteurs où vous travaillez", "Sectores en los que trabaja"),
        False,
        "",
        "sector",
        None,
    ),
    (
        "select_multiple skills",
        "skills",
        t("Your main skills", "Vos principales compétences", "Sus principales competencias"),
        False,
        "",
        "skill",
        None,
    ),
    (
        "select_multiple languages",
        "languages",
        t("Languages you speak", "Langues parlées", "Idiomas que habla"),
        False,
        "",
        "language",
        None,
    ),
    ("end_group", "", t("", "", ""), False, "", "", None),
    (
        "begin_group",
        "needs_group",
        t("Needs and difficulties", "Besoins et difficultés", "Necesidades y dificultades"),
        False,
        CONSENTED,
        "",
        None,
    ),
    (
        "select_multiple needs",
        "needs",
        t(
            "What do you need support with?",
            "Pour quoi avez-vous besoin d'appui ?",
            "¿En qué necesita apoyo?",
        ),
        False,
        "",
        "need",
        None,
    ),
    (
        "text",
        "needs_other",
        t("Other needs", "Autres besoins", "Otras necesidades"),
        False,
        "selected(${needs}, 'other')",
        "",
        None,
    ),
    ("end_group", "", t("", "", ""), False, "", "", None),
    (
        "begin_group",
        "links",
        t("Attachment and links", "Attachement et liens", "Apego y vínculos"),
        False,
        CONSENTED,
        "",
        None,
    ),
    (
        "select_one likert_agreement",
        "attachment",
        t(
            "How attached do you feel to your country of origin?",
            "Quel est votre attachement au pays d'origine ?",
            "¿Cuán apegado/a se siente a su país de origen?",
        ),
        False,
        "",
        "",
        None,
    ),
    (
        "select_one visits",
        "visits",
        t(
            "How often do you visit?",
            "À quelle fréquence y allez-vous ?",
            "¿Con qué frecuencia lo visita?",
        ),
        False,
        "",
        "",
        None,
    ),
    ("end_group", "", t("", "", ""), False, "", "", None),
    (
        "begin_group",
        "contribution",
        t("Contributing", "Contribuer", "Contribuir"),
        False,
        CONSENTED,
        "",
        None,
    ),
    (
        "select_one yes_no_maybe",
        "willing_to_contribute",
        t(
            "Would you contribute to your country of origin's development?",
            "Contribueriez-vous au développement de votre pays d'origine ?",
            "¿Contribuiría al desarrollo de su país de origen?",
        ),
        False,
        "",
        "",
        None,
    ),
    (
        "select_multiple contribution_modes",
        "contribution_modes",
        t("How?", "Comment ?", "¿Cómo?"),
        False,
        "${willing_to_contribute} != 'no'",
        "contribution_mode",
        None,
    ),
    (
        "select_one yes_no",
        "sends_remittances",
        t(
            "Do you send money to family or friends there?",
            "Envoyez-vous de l'argent à des proches là-bas ?",
            "¿Envía dinero a familiares o amigos allí?",
        ),
        False,
        "",
        "",
        None,
    ),
    (
        "select_one frequency",
        "remittance_frequency",
        t("How often?", "À quelle fréquence ?", "¿Con qué frecuencia?"),
        False,
        "${sends_remittances} = 'yes'",
        "",
        None,
    ),
    (
        "select_one likert_agreement",
        "investment_interest",
        t(
            "Interest in investing there",
            "Intérêt pour investir là-bas",
            "Interés en invertir allí",
        ),
        False,
        "",
        "",
        None,
    ),
    (
        "select_multiple sectors",
        "investment_sectors",
        t("In which sectors?", "Dans quels secteurs ?", "¿En qué sectores?"),
        False,
        "${investment_interest} >= 4",
        "",
        None,
    ),
    ("end_group", "", t("", "", ""), False, "", "", None),
    (
        "begin_group",
        "organisations",
        t("Organisations", "Organisations", "Organizaciones"),
        False,
        CONSENTED,
        "",
        None,
    ),
    (
        "select_one yes_no",
        "organisation_member",
        t(
            "Are you a member of a diaspora organisation?",
            "Êtes-vous membre d'une association de la diaspora ?",
            "¿Es miembro de una organización de la diáspora?",
        ),
        False,
        "",
        "",
        None,
    ),
    (
        "text",
        "organisation_name",
        t("Which one?", "Laquelle ?", "¿Cuál?"),
        False,
        "${organisation_member} = 'yes'",
        "",
        None,
    ),
    (
        "select_one yes_no",
        "profile_link_consent",
        t(
            "May we link these answers to your platform profile (only you will see them)?",
            "Pouvons-nous lier ces réponses à votre profil (vous seul les verrez) ?",
            "¿Podemos vincular estas respuestas a su perfil (solo usted las verá)?",
        ),
        False,
        "",
        "",
        None,
    ),
    ("end_group", "", t("", "", ""), False, "", "", None),
]


def _coded_lists() -> dict[str, list[tuple[str, L]]]:
    """The vocabulary's codes with their labels in the template's languages (languages:
    those with an ISO 639-1 code, as the form's choice lists have always offered)."""

    def coded(name: str, keep: Callable[[str], bool] = lambda _: True) -> list[tuple[str, L]]:
        vocabulary = scheme(name)
        return [
            (code, {lang: vocabulary.label(code, lang).text for lang in LANGS})
            for code in sorted(vocabulary.codes())
            if keep(code)
        ]

    return {
        "countries": coded("countries"),
        "languages": coded("languages", lambda code: len(code) == 2),
        "skills": coded("skills"),
        "sectors": coded("sectors"),
        "education": coded("education_levels"),
    }


def build(path: Path = TEMPLATE) -> Path:
    wb = Workbook()
    survey = wb.active
    assert survey is not None
    survey.title = "survey"
    label_cols = [f"label::{lang}" for lang in LANGS]
    survey.append(["type", "name", *label_cols, "required", "relevant", "dimension"])
    for kind, name, label, required, relevant, dimension, _hint in SURVEY:
        if kind == "end_group":
            survey.append(["end_group"])
            continue
        survey.append(
            [
                kind,
                name,
                *(label[lang] for lang in LANGS),
                "yes" if required else "",
                relevant,
                dimension,
            ]
        )
    choices = wb.create_sheet("choices")
    choices.append(["list_name", "name", *label_cols])
    for list_name, items in {**LISTS, **_coded_lists()}.items():
        for code, label in items:
            choices.append([list_name, code, *(label[lang] for lang in LANGS)])
    settings = wb.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append(
        ["Diaspora mapping: standard questionnaire", "diaspora_mapping", FORM_VERSION, "en"]
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else TEMPLATE))
