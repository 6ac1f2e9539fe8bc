"""The Learn repository API: contribute, translate, moderate, report, attach, search."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import quote
from uuid import UUID

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse

from contracts.vocabulary.locales import preferred_languages
from contracts.vocabulary.types import CountryCode, LanguageCode
from eventkit.http.auth import writes_need_a_verified_email
from eventkit.http.clock import Now
from eventkit.http.idempotency import Once
from eventkit.http.openapi_headers import CREATED
from eventkit.http.preconditions import IfMatchHeader
from eventkit.preconditions import IfMatch, etag
from resources.adapters import search
from resources.domain import attachment as att
from resources.domain import resource as r
from resources.entrypoints.http.deps import CurrentActor, MaybeActor, Moderator, UoW
from resources.entrypoints.http.schemas import (
    AttachmentOut,
    ClassificationPatch,
    Created,
    HistoryEntry,
    MyResourceOut,
    MyResources,
    ProjectRecordIn,
    QueuedResource,
    ReasonIn,
    ReportIn,
    ResourceIn,
    ResourceOut,
    Sdg,
    SearchItem,
    SearchResults,
    Standing,
    TranslationIn,
)
from resources.service_layer import resource_handlers as handlers

# what reaches other people waits for a verified email address
router = APIRouter(
    prefix="/v1/resources", tags=["resources"], dependencies=[Depends(writes_need_a_verified_email)]
)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Created,
    responses={**CREATED, 409: {"description": "Project fields on another kind"}},
)
async def contribute(body: ResourceIn, actor: CurrentActor, uow: UoW, once: Once) -> Response:
    """Any member contributes a resource; it starts as a draft. Send an ``Idempotency-Key``
    to make retries safe."""
    classification = handlers.Classification(
        themes=list(dict.fromkeys(body.themes)),
        sdgs=sorted(set(body.sdgs)),
        countries=sorted(set(body.countries)),
        regions=body.regions,
        year=body.year,
        url=body.url,
        authors=[r.Author(a.name, a.kind, a.person_id) for a in body.authors],
        project=_project(body.project) if body.project else None,
    )

    async def work() -> Created:
        resource_id = await handlers.contribute(
            uow,
            actor,
            body.kind,
            r.Translation(body.language, body.title, body.summary, body.body),
            classification,
        )
        return Created(id=resource_id, status="draft", version=1)

    return await once(work, headers=lambda c: {"Location": f"/v1/resources/{c.id}"})


@router.get("", response_model=SearchResults)
async def search_resources(
    request: Request,
    uow: UoW,
    q: Annotated[str | None, Query(max_length=300)] = None,
    lang: Annotated[LanguageCode | None, Query(description="query language")] = None,
    kind: r.ResourceKind | None = None,
    theme: Annotated[str | None, Query(max_length=100)] = None,
    sdg: Annotated[Sdg | None, Query()] = None,
    country: Annotated[CountryCode | None, Query()] = None,
    language: Annotated[LanguageCode | None, Query(description="has a translation in")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
    facets: Annotated[bool, Query(description="count facet values (slower)")] = True,
    accept_language: Annotated[str | None, Header()] = None,
) -> SearchResults:
    """Published resources: full text ranked by BM25 (accent-insensitive, stemmed per
    language, every word must match; ``-word`` excludes), exact facet counts over every hit,
    pages (pass ``next_cursor`` back as ``cursor``; results go 10,000 deep). Without ``q``,
    newest first."""
    query = search.SearchQuery(
        q=q.strip() if q and q.strip() else None,
        language=lang,
        kind=kind.value if kind else None,
        theme=theme,
        sdg=sdg,
        country=country,
        in_language=language,
        year=year,
        limit=limit,
        cursor=cursor,
        with_facets=facets,
    )
    preferred = preferred_languages(lang, accept_language)
    async with uow.autocommit_reads():
        page = await search.search_resources(request.app.state.search, uow.session, query)
    items = []
    for item in page.items:
        t = r.pick_translation(item["translations"], item["original_language"], preferred)
        items.append(
            SearchItem(
                id=item["id"],
                kind=item["kind"],
                title=t.title,
                summary=t.summary,
                language=t.language,
                themes=item["themes"],
                sdgs=item["sdgs"],
                countries=item["countries"],
                year=item["year"],
                published_at=item["published_at"],
            )
        )
    return SearchResults(
        items=items,
        next_cursor=page.next_cursor,
        facets=page.facets,
        facets_approximate=page.facets_approximate,
    )


QueueReason = Literal["submitted", "reported", "hidden"]


@router.get(
    "/moderation-queue",
    dependencies=[Moderator],
    response_model=list[QueuedResource],
)
async def moderation_queue(
    uow: UoW,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    reason: Annotated[
        QueueReason | None,
        Query(description="only those waiting for review, reported, or hidden"),
    ] = None,
    kind: Annotated[r.ResourceKind | None, Query(description="only this type")] = None,
    lang: Annotated[LanguageCode | None, Query(description="title language")] = None,
) -> list[dict[str, Any]]:
    """Submitted resources and reported or hidden ones, oldest first, each with its title
    (in ``lang`` when translated) and its number of reports (moderators only)."""
    return await handlers.moderation_queue(uow, limit, reason, kind.value if kind else None, lang)


@router.get(
    "/moderation-queue/counts",
    dependencies=[Moderator],
    response_model=dict[str, int],
)
async def moderation_counts(
    uow: UoW,
    kind: Annotated[r.ResourceKind | None, Query(description="only this type")] = None,
) -> dict[str, int]:
    """How many resources wait in the moderation queue, for each reason: ``submitted``
    (waiting for review), ``reported`` (published, reported), ``hidden`` (moderators only)."""
    return await handlers.moderation_counts(uow, kind.value if kind else None)


@router.get("/mine", response_model=MyResources)
async def my_contributions(
    actor: CurrentActor,
    uow: UoW,
    lang: Annotated[LanguageCode | None, Query(description="title language")] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 100,
) -> MyResources:
    """What the caller contributed, whatever its status (draft, submitted, published,
    rejected with the moderator's note, archived), newest change first."""
    rows = await handlers.contributions_of(uow, actor, lang, limit)
    return MyResources(items=[MyResourceOut(**row) for row in rows])


@router.get("/{resource_id}", response_model=ResourceOut)
async def get_resource(
    resource_id: UUID,
    actor: MaybeActor,
    uow: UoW,
    response: Response,
    lang: Annotated[LanguageCode | None, Query()] = None,
    accept_language: Annotated[str | None, Header()] = None,
) -> ResourceOut:
    """A resource in the reader's language (``?lang=``, then Accept-Language, then the
    original language, then English)."""
    resource, attachments = await handlers.get_visible(uow, resource_id, actor)
    t = resource.translation_for(preferred_languages(lang, accept_language))
    response.headers["ETag"] = etag(resource.version)
    response.headers["Content-Language"] = t.language
    project = None
    if resource.project is not None:
        project = {
            **vars(resource.project),
            "budget_amount": (
                None
                if resource.project.budget_amount is None
                else str(resource.project.budget_amount)
            ),
            "beneficiary_member_states": list(resource.project.beneficiary_member_states),
        }
    return ResourceOut(
        id=resource.id,
        kind=resource.kind.value,
        status=resource.status.value,
        version=resource.version,
        language=t.language,
        original_language=resource.original_language,
        available_languages=sorted(resource.translations),
        title=t.title,
        summary=t.summary,
        body=t.body,
        themes=resource.themes,
        sdgs=resource.sdgs,
        countries=resource.countries,
        regions=resource.regions,
        year=resource.year,
        url=resource.url,
        authors=[
            {"name": a.name, "kind": a.kind, "person_id": a.person_id} for a in resource.authors
        ],
        project=project,
        hidden=resource.hidden,
        moderation_note=resource.moderation_note,
        published_at=resource.published_at,
        attachments=[AttachmentOut(**vars(a)) for a in attachments],
    )


def _project(p: ProjectRecordIn) -> r.ProjectRecord:
    return r.ProjectRecord(
        **{**p.model_dump(), "beneficiary_member_states": tuple(p.beneficiary_member_states)}
    )


@router.patch(
    "/{resource_id}",
    response_model=Created,
    responses={409: {"description": "Not editable now"}, 412: {"description": "Stale If-Match"}},
)
async def reclassify(
    resource_id: UUID,
    body: ClassificationPatch,
    actor: CurrentActor,
    uow: UoW,
    response: Response,
    expected: IfMatchHeader,
) -> Created:
    """Change classification fields (a new version in the history)."""
    changes: dict[str, object] = {}
    for name in body.model_fields_set:
        value = getattr(body, name)
        if name == "authors":
            value = [r.Author(a.name, a.kind, a.person_id) for a in value or []]
        elif name == "project":
            value = _project(value) if value is not None else None
        elif name in ("themes", "regions", "countries", "sdgs"):
            value = list(dict.fromkeys(value or []))
        changes[name] = value
    resource = await handlers.reclassify(uow, resource_id, actor, changes, expected)
    response.headers["ETag"] = etag(resource.version)
    return Created(id=resource.id, status=resource.status.value, version=resource.version)


@router.put("/{resource_id}/translations/{language}", response_model=Created)
async def put_translation(
    resource_id: UUID,
    language: Annotated[LanguageCode, Path()],
    body: TranslationIn,
    actor: CurrentActor,
    uow: UoW,
) -> Created:
    version = await handlers.put_translation(
        uow, resource_id, actor, r.Translation(language, body.title, body.summary, body.body)
    )
    return Created(id=resource_id, status="updated", version=version)


async def _moderate(
    action: str,
    resource_id: UUID,
    actor: handlers.Actor,
    uow: handlers.ResourcesUnitOfWork,
    reason: str | None,
    expected: IfMatch,
    now: datetime,
) -> JSONResponse:
    resource = await handlers.moderate(
        uow, resource_id, actor, action, reason, now=now, expected=expected
    )
    return JSONResponse(
        {
            "id": str(resource.id),
            "status": resource.status.value,
            "hidden": resource.hidden,
            "version": resource.version,
        },
        headers={"ETag": etag(resource.version)},
    )


def _transition(action: str, summary: str) -> None:
    async def endpoint(
        resource_id: UUID,
        actor: CurrentActor,
        uow: UoW,
        expected: IfMatchHeader,
        now: Now,
        body: ReasonIn | None = None,
    ) -> JSONResponse:
        reason = body.reason if body else None
        return await _moderate(action, resource_id, actor, uow, reason, expected, now.now())

    router.add_api_route(
        f"/{{resource_id}}/{action}",
        endpoint,
        methods=["POST"],
        summary=summary,
        name=f"{action}_resource",
        response_model=Standing,
        responses={
            403: {"description": "Moderators only"},
            409: {"description": "Not allowed from the current status"},
            412: {"description": "If-Match does not match the current version"},
        },
    )


_transition("submit", "The contributor submits a draft (or rejected) resource for review")
_transition("publish", "A moderator publishes a submitted resource")
_transition("reject", "A moderator rejects a submitted resource, with a reason")
_transition("archive", "A moderator archives a published or rejected resource")
_transition("hide", "A moderator hides a resource (e.g. after reports)")
_transition("restore", "A moderator makes a hidden resource visible again")


@router.post("/{resource_id}/reports", status_code=status.HTTP_202_ACCEPTED)
async def report_resource(
    resource_id: UUID, body: ReportIn, actor: CurrentActor, uow: UoW, request: Request
) -> dict[str, str]:
    await handlers.report(
        uow, resource_id, actor, body.reason, request.app.state.settings.reports_to_hide
    )
    return {"status": "reported"}


@router.get("/{resource_id}/history", response_model=list[HistoryEntry])
async def resource_history(
    resource_id: UUID, actor: CurrentActor, uow: UoW
) -> list[dict[str, Any]]:
    """Every version and transition (the contributor and moderators)."""
    return await handlers.history(uow, resource_id, actor)


@router.post(
    "/{resource_id}/attachments",
    status_code=status.HTTP_201_CREATED,
    response_model=AttachmentOut,
    responses={
        **CREATED,
        413: {"description": "Too large"},
        415: {"description": "Unsupported type"},
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            }
        }
    },
)
async def upload_attachment(
    resource_id: UUID,
    filename: Annotated[str, Query(min_length=1, max_length=255, pattern=r"^[^/\\\x00]+$")],
    actor: CurrentActor,
    uow: UoW,
    request: Request,
    response: Response,
    now: Now,
) -> AttachmentOut:
    """The raw file is the body; its type is sniffed from the bytes, never trusted from the
    name or Content-Type."""
    settings = request.app.state.settings
    content = await request.body()
    attachment = await handlers.attach(
        uow,
        request.app.state.storage,
        resource_id,
        actor,
        filename,
        content,
        settings.attachment_max_bytes,
        now.now(),
    )
    response.headers["Location"] = f"/v1/resources/{resource_id}/attachments/{attachment.id}"
    return AttachmentOut(**vars(attachment))


@router.get(
    "/{resource_id}/attachments/{attachment_id}",
    response_class=Response,
    responses={
        200: {
            "description": "The file, as uploaded (Content-Disposition names it)",
            "content": {
                media: {"schema": {"type": "string", "contentMediaType": media}}
                for media in sorted(att.ALLOWED)
            },
        }
    },
)
async def download_attachment(
    resource_id: UUID, attachment_id: UUID, actor: MaybeActor, uow: UoW, request: Request
) -> Response:
    attachment, content = await handlers.attachment_content(
        uow, request.app.state.storage, resource_id, attachment_id, actor
    )
    ascii_name = attachment.filename.encode("ascii", "replace").decode().replace('"', "_")
    return Response(
        content,
        media_type=attachment.media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{ascii_name}"; '
            f"filename*=UTF-8''{quote(attachment.filename)}",
            "X-Content-Type-Options": "nosniff",
            "Digest": f"sha-256={attachment.sha256}",
            "ETag": f'"{attachment.sha256}"',
        },
    )
