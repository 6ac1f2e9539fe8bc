"""The profiles unit of work: repositories over one transaction with outbox and inbox."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from eventkit.subject_keys import SqlSubjectKeys
from eventkit.uow import UnitOfWork
from profiles.adapters.connection_repository import ConnectionRepository
from profiles.adapters.conversation_repository import ConversationRepository
from profiles.adapters.directory_repository import DirectoryRepository
from profiles.adapters.identity_store import (
    AccountNoticeRepository,
    LoginFailureRepository,
    OidcRepository,
    OneTimeTokenRepository,
    RefreshTokenRepository,
    SecondFactorRepository,
    SignInChallengeRepository,
    SigningKeyRepository,
)
from profiles.adapters.organisation_repository import OrganisationRepository
from profiles.adapters.photo_repository import PhotoRepository
from profiles.adapters.privacy_ledger import AuditLog, ConsentRepository, KeyFetchLog
from profiles.adapters.privacy_repository import (
    ErasureRepository,
    ExportRepository,
    PersonalDataHolder,
    PersonalDataStore,
)
from profiles.adapters.profile_repository import PersonProfileRepository
from profiles.adapters.repository import AccountRepository
from profiles.service_layer.repositories import (
    AccountNotices,
    Accounts,
    Connections,
    Consents,
    Directory,
    OneTimeTokens,
    Organisations,
    People,
)


class ProfilesUnitOfWork(UnitOfWork):
    accounts: Accounts
    signing_keys: SigningKeyRepository
    refresh_tokens: RefreshTokenRepository
    one_time_tokens: OneTimeTokens
    login_failures: LoginFailureRepository
    second_factors: SecondFactorRepository
    sign_in_challenges: SignInChallengeRepository
    account_notices: AccountNotices
    people: People
    connections: Connections
    directory: Directory
    organisations: Organisations
    conversations: ConversationRepository
    photos: PhotoRepository
    oidc: OidcRepository
    erasures: ErasureRepository
    exports: ExportRepository
    personal_data: PersonalDataStore
    #: the people's keys for crypto-shredded event fields (erasure destroys one); None when
    #: no key-encryption key is configured (set by the composition root)
    subject_keys: SqlSubjectKeys | None = None
    #: the other holders of personal data in profiles' database (the mapping slice), bound to
    #: this transaction for the privacy saga (set by the composition root)
    personal_data_holders: tuple[Callable[[AsyncSession], PersonalDataHolder], ...] = ()
    consents: Consents
    audit_log: AuditLog
    key_fetches: KeyFetchLog

    def init_repositories(self, session: AsyncSession) -> None:
        self.accounts = AccountRepository(session)
        self.signing_keys = SigningKeyRepository(session)
        self.refresh_tokens = RefreshTokenRepository(session)
        self.one_time_tokens = OneTimeTokenRepository(session)
        self.login_failures = LoginFailureRepository(session)
        self.second_factors = SecondFactorRepository(session, self.subject_keys)
        self.sign_in_challenges = SignInChallengeRepository(session)
        self.account_notices = AccountNoticeRepository(session)
        self.people = PersonProfileRepository(session)
        self.connections = ConnectionRepository(session)
        self.directory = DirectoryRepository(session)
        self.organisations = OrganisationRepository(session)
        self.conversations = ConversationRepository(session)
        self.photos = PhotoRepository(session)
        self.oidc = OidcRepository(session)
        self.erasures = ErasureRepository(session)
        self.exports = ExportRepository(session)
        self.personal_data = PersonalDataStore(
            session, [holder(session) for holder in self.personal_data_holders]
        )
        self.consents = ConsentRepository(session)
        self.audit_log = AuditLog(session)
        self.key_fetches = KeyFetchLog(session)
