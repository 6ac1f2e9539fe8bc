"""Composition root of the profiles service: wires adapters into the service layer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.cli import Service
from eventkit.clock import Clock, SystemClock
from eventkit.consumer import EventDispatcher
from eventkit.http.auth import JwtVerifier
from eventkit.logging import get_logger
from eventkit.outbox import OutboxWriter
from eventkit.service import Chassis
from eventkit.subject_keys import KeyWrapper, SqlSubjectKeys, decode_kek
from profiles.adapters import images, password_hasher
from profiles.adapters.archive_store import ArchiveStore, LocalArchiveStore, SqlArchiveStore
from profiles.adapters.integration_events import to_integration_events
from profiles.adapters.organisation_repository import OrganisationRepository
from profiles.adapters.orm import metadata, subject_keys
from profiles.adapters.privacy_ledger import AuditLog, ConsentRepository
from profiles.config import ProfilesSettings
from profiles.entrypoints.consumers import build_dispatcher
from profiles.entrypoints.http import (
    accounts,
    connections,
    consents,
    conversations,
    dead_letters,
    directory,
    internal,
    jwks,
    oidc,
    organisations,
    people,
    privacy,
    second_factor,
    vocabulary,
)
from profiles.mapping.adapters.orm import MAPPING_MIGRATIONS
from profiles.mapping.adapters.privacy import MappingPersonalData
from profiles.mapping.entrypoints import http as mapping
from profiles.mapping.service_layer.unit_of_work import MappingUnitOfWork, ProfilesPorts, Publish
from profiles.service_layer import identity
from profiles.service_layer.privacy import privacy_jobs
from profiles.service_layer.retention import retention_job
from profiles.service_layer.slice_ports import SliceConsents
from profiles.service_layer.subject_keys import check_keks, rewrap_job
from profiles.service_layer.unit_of_work import ProfilesUnitOfWork

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _slice_consents(session: AsyncSession, publish: Publish) -> SliceConsents:
    return SliceConsents(ConsentRepository(session), AuditLog(session), publish)


#: what the mapping slice gets from profiles: its ports, filled with profiles' adapters
MAPPING_PORTS = ProfilesPorts(consents=_slice_consents, organisation_admins=OrganisationRepository)
log = get_logger(__name__)


class ProfilesService(Service):
    migrations_dir = MIGRATIONS
    extra_migrations_dirs = (MAPPING_MIGRATIONS,)

    def __init__(
        self,
        settings: ProfilesSettings | None = None,
        archives: ArchiveStore | None = None,
        clock: Clock | None = None,
    ) -> None:
        self.settings = settings or ProfilesSettings()
        self.chassis = Chassis(self.settings, metadata)
        self.clock: Clock = clock or SystemClock()
        self.chassis.clock = self.clock
        self.archives = archives or (
            LocalArchiveStore(Path(self.settings.export_archive_dir))
            if self.settings.export_archive_dir
            else SqlArchiveStore(self.chassis.engine)
        )
        self.subject_keys = self._subject_keys()
        # personal fields of profiles' events are encrypted with the person's subject key
        self.chassis.outbox = OutboxWriter(
            self.chassis.outbox_table,
            source=f"/{self.settings.service_name}",
            subject_keys=self.subject_keys,
        )
        password_hasher.configure(
            time_cost=self.settings.argon2_time_cost,
            memory_cost_kib=self.settings.argon2_memory_cost_kib,
        )

    def _subject_keys(self) -> SqlSubjectKeys | None:
        s = self.settings
        previous = [p for p in s.subject_key_kek_previous.split(",") if p.strip()]
        if not s.subject_key_kek:
            if previous:
                raise ValueError(
                    "SUBJECT_KEY_KEK_PREVIOUS is set but SUBJECT_KEY_KEK is not: set the new "
                    "KEK as SUBJECT_KEY_KEK (docs/privacy.md, Rotating the key-encryption key)"
                )
            log.warning("subject_keys.disabled", reason="SUBJECT_KEY_KEK is not set")
            return None
        # a bad KEK stops the process here, naming the setting (never the value)
        wrapper = KeyWrapper(
            decode_kek(s.subject_key_kek, "SUBJECT_KEY_KEK"),
            [
                decode_kek(value, f"SUBJECT_KEY_KEK_PREVIOUS entry {n} of {len(previous)}")
                for n, value in enumerate(previous, start=1)
            ],
        )
        return SqlSubjectKeys(subject_keys, wrapper)

    def uow(self) -> ProfilesUnitOfWork:
        uow = ProfilesUnitOfWork(
            self.chassis.sessions,
            self.chassis.outbox,
            self.chassis.inbox,
            to_integration_events,
        )
        uow.subject_keys = self.subject_keys  # erasure destroys the person's key
        # the privacy saga exports and erases the mapping slice's part too
        uow.personal_data_holders = (MappingPersonalData,)
        return uow

    def mapping_uow(self) -> MappingUnitOfWork:
        """The mapping slice's unit of work, on profiles' transaction, outbox and inbox."""
        return MappingUnitOfWork(
            self.chassis.sessions, self.chassis.outbox, self.chassis.inbox, MAPPING_PORTS
        )

    async def local_jwks(self) -> dict[str, Any]:
        """The issuer verifies its own tokens from its key table, not over HTTP."""
        return await identity.published_keys(self.uow(), self.clock.now())

    async def _ensure_signing_key(self, _: FastAPI) -> None:
        uow = self.uow()
        async with uow:
            await identity.current_signing_key(uow, self.settings, self.clock.now())
            await uow.commit()

    async def _check_subject_keys(self, _: FastAPI) -> None:
        """A wrong or missing previous KEK stops the API at startup, not at a request."""
        if self.subject_keys is not None:
            await check_keks(self.uow(), self.subject_keys)

    def create_app(self) -> FastAPI:
        verifier = JwtVerifier(
            self.local_jwks,
            issuer=self.settings.jwt_issuer,
            audience=self.settings.jwt_audience,
            ttl_s=60.0,
            # a local indexed query: refetch at once on an unknown kid (just rotated)
            min_refresh_s=0.0,
        )
        app = self.chassis.create_app(
            [
                accounts.router,
                second_factor.router,
                oidc.router,
                jwks.router,
                people.router,
                connections.router,
                directory.router,
                organisations.router,
                conversations.router,
                mapping.router,
                privacy.router,
                consents.router,
                dead_letters.router,
                internal.router,
                vocabulary.router,
            ],
            title="Profiles API",
            description="Accounts, people, organisations, connections, directory, mapping.",
            jwt_verifier=verifier,
            on_startup=[self._ensure_signing_key, self._check_subject_keys],
            # the photo upload: the image limit plus room for nothing else (raw body)
            upload_limits={
                "/v1/me/profile/photo": images.MAX_BYTES,
                # Kobo/ODK exports and XLSForm files are larger than ordinary requests
                "/v1/mapping/": self.settings.mapping_upload_max_bytes,
            },
        )
        app.state.uow_factory = self.uow
        app.state.mapping_uow_factory = self.mapping_uow
        app.state.settings = self.settings
        app.state.archive_store = self.archives
        app.state.subject_keys = self.subject_keys
        return app

    def dispatcher(self) -> EventDispatcher[Any] | None:
        return build_dispatcher(self.uow, self.archives, self.settings, self.clock)

    def background_jobs(self) -> list[Callable[[asyncio.Event], Awaitable[None]]]:
        jobs: list[Callable[[asyncio.Event], Awaitable[None]]] = [
            privacy_jobs(self.uow, self.archives, self.settings, self.clock),
            retention_job(self.uow, self.settings, self.subject_keys, self.clock),
        ]
        if self.subject_keys is not None:
            # keys still under a previous KEK are rewrapped under the current one
            jobs.append(rewrap_job(self.uow, self.subject_keys, self.settings))
        return jobs

    async def seed(self) -> None:
        try:
            admin = await identity.seed_admin(self.uow(), self.settings, self.clock.now())
            if admin is not None:
                log.info("seed.admin_ready", account_id=str(admin))
        finally:
            await self.chassis.dispose()


def bootstrap(settings: ProfilesSettings | None = None) -> ProfilesService:
    return ProfilesService(settings)
