"""The platform's vocabulary over HTTP: schemes, terms in a language, search, roles.

Everything here comes from ``contracts.vocabulary`` (the same package every service
validates with), so a client's pickers offer exactly the codes the services accept.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from contracts.vocabulary import LOCALES, ROLES, SCHEME_NAMES, Label, scheme, supported
from contracts.vocabulary.types import LanguageCode
from eventkit.http.problems import Problem

router = APIRouter(prefix="/v1/vocabulary", tags=["vocabulary"])


class LabelOut(BaseModel):
    text: str
    lang: str = Field(description="the label's language (English where none was published)")
    fallback: bool = Field(description="no published label in the asked language")

    @classmethod
    def of(cls, label: Label) -> LabelOut:
        return cls(text=label.text, lang=label.locale, fallback=label.fallback)


class SchemeOut(BaseModel):
    scheme: str
    title: str
    publisher: str
    version: str
    code_form: str
    codes: int
    locales: dict[str, str] = Field(description="where each locale's labels come from")


class TermOut(BaseModel):
    code: str
    label: LabelOut


class TermsOut(BaseModel):
    scheme: str
    lang: str
    terms: list[TermOut]


class RoleOut(BaseModel):
    role: str
    name: LabelOut
    meaning: LabelOut
    granted_by: list[str]
    permits: dict[str, list[str]] = Field(description="service -> permissions")


class VocabularyOut(BaseModel):
    locales: list[str]
    schemes: list[SchemeOut]


@router.get("", response_model=VocabularyOut, operation_id="listVocabularySchemes")
async def list_schemes() -> VocabularyOut:
    """Every shared classification: what it is, its code form, where its labels come from."""
    return VocabularyOut(
        locales=list(LOCALES),
        schemes=[SchemeOut(**scheme(name).describe()) for name in SCHEME_NAMES],
    )


@router.get("/roles", response_model=list[RoleOut], operation_id="listVocabularyRoles")
async def list_roles(lang: Annotated[LanguageCode, Query()] = "en") -> list[RoleOut]:
    """Every account role: its name and meaning in ``lang``, who may grant it, what it permits
    in each service."""
    return [
        RoleOut(
            role=d.role.value,
            name=LabelOut.of(d.label(lang)),
            meaning=LabelOut.of(d.meaning_in(lang)),
            granted_by=sorted(r.value for r in d.granted_by),
            permits={
                service: [p.value for p in d.permits_in(service)]
                for service in sorted({p.service for p in d.permits})
            },
        )
        for d in ROLES.values()
    ]


@router.get(
    "/{scheme_name}",
    response_model=TermsOut,
    operation_id="listVocabularyTerms",
    responses={404: {"description": "No such scheme"}},
)
async def list_terms(
    scheme_name: Annotated[str, Path(max_length=40)],
    lang: Annotated[LanguageCode, Query(description="labels in this language")] = "en",
    q: Annotated[str | None, Query(min_length=1, max_length=100, description="search")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 10_000,
) -> TermsOut:
    """The scheme's terms with labels in ``lang`` (ordered by label), or, with ``q``, those
    whose label or code matches it, best first (accent- and case-insensitive)."""
    if scheme_name not in SCHEME_NAMES:
        raise Problem(404, "Not Found", f"No scheme {scheme_name!r}: one of {list(SCHEME_NAMES)}.")
    vocabulary = scheme(scheme_name)
    terms = vocabulary.search(q, lang, limit) if q else vocabulary.terms(lang)[:limit]
    return TermsOut(
        scheme=scheme_name,
        lang=supported(lang),
        terms=[TermOut(code=t.code, label=LabelOut.of(t.label)) for t in terms],
    )
