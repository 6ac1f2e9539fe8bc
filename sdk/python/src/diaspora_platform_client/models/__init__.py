"""Contains all the data models used in inputs/outputs"""

from .account_view import AccountView
from .accounts_found import AccountsFound
from .adoption_in import AdoptionIn
from .advice import Advice
from .advice_in import AdviceIn
from .advice_position import AdvicePosition
from .agenda_item import AgendaItem
from .agenda_item_in import AgendaItemIn
from .aggregate_table_format import AggregateTableFormat
from .alliance_in import AllianceIn
from .alliance_out import AllianceOut
from .alliance_page import AlliancePage
from .alliance_role import AllianceRole
from .answer_request_decision import AnswerRequestDecision
from .application_in import ApplicationIn
from .attachment_out import AttachmentOut
from .attempt_view import AttemptView
from .attendance import Attendance
from .attendance_in import AttendanceIn
from .audience_size import AudienceSize
from .audit_log_page import AuditLogPage
from .author_in import AuthorIn
from .authorize_response_authorize import AuthorizeResponseAuthorize
from .ballot import Ballot
from .ballot_in import BallotIn
from .block_request import BlockRequest
from .block_view import BlockView
from .body import Body
from .body_in import BodyIn
from .body_kind import BodyKind
from .body_page import BodyPage
from .body_rules import BodyRules
from .campaign_input import CampaignInput
from .campaign_input_owner_kind import CampaignInputOwnerKind
from .campaign_with_responses import CampaignWithResponses
from .cancel_in import CancelIn
from .cancellation import Cancellation
from .category import Category
from .cell_out import CellOut
from .channel import Channel
from .chart_chart import ChartChart
from .chart_fmt import ChartFmt
from .choice import Choice
from .classification_patch import ClassificationPatch
from .code_title import CodeTitle
from .cohort import Cohort
from .cohort_in import CohortIn
from .cohort_page import CohortPage
from .cohort_summary import CohortSummary
from .commitment import Commitment
from .commitment_dashboard import CommitmentDashboard
from .commitment_dashboard_by import CommitmentDashboardBy
from .commitment_pledged import CommitmentPledged
from .commitment_status_changed import CommitmentStatusChanged
from .commitments import Commitments
from .completion_out import CompletionOut
from .connection_request import ConnectionRequest
from .connection_status import ConnectionStatus
from .connection_view import ConnectionView
from .connection_view_direction import ConnectionViewDirection
from .consent_change import ConsentChange
from .consent_entry import ConsentEntry
from .consent_grant import ConsentGrant
from .consent_state import ConsentState
from .consent_target import ConsentTarget
from .consents import Consents
from .content_body import ContentBody
from .conversation_summary import ConversationSummary
from .course_in import CourseIn
from .course_out import CourseOut
from .course_page import CoursePage
from .course_summary import CourseSummary
from .created import Created
from .dashboard_by import DashboardBy
from .dashboard_row import DashboardRow
from .dead_letter_replay import DeadLetterReplay
from .dead_letter_replay_result import DeadLetterReplayResult
from .dead_letter_topic import DeadLetterTopic
from .dead_letter_topics import DeadLetterTopics
from .decision import Decision
from .decision_in import DecisionIn
from .delivery_detail import DeliveryDetail
from .delivery_page import DeliveryPage
from .delivery_view import DeliveryView
from .dimensions_input import DimensionsInput
from .dimensions_input_dimensions import DimensionsInputDimensions
from .directory_entry import DirectoryEntry
from .disclosure_out import DisclosureOut
from .draft_in import DraftIn
from .end_in import EndIn
from .endorsement_in import EndorsementIn
from .endpoint_create import EndpointCreate
from .endpoint_status import EndpointStatus
from .endpoint_update import EndpointUpdate
from .endpoint_view import EndpointView
from .endpoint_with_secret import EndpointWithSecret
from .enrolment_view import EnrolmentView
from .erasure_accepted import ErasureAccepted
from .erasure_request import ErasureRequest
from .erasure_view import ErasureView
from .erasure_view_services import ErasureViewServices
from .event_in import EventIn
from .event_kind import EventKind
from .event_out import EventOut
from .event_page import EventPage
from .event_patch import EventPatch
from .export_view import ExportView
from .export_view_services import ExportViewServices
from .facet_value import FacetValue
from .feed_author import FeedAuthor
from .feed_item import FeedItem
from .feed_item_diaspora import FeedItemDiaspora
from .feed_item_view import FeedItemView
from .feed_page import FeedPage
from .frequency import Frequency
from .gap_row_out import GapRowOut
from .gaps_out import GapsOut
from .get_taxonomy_response_gettaxonomy import GetTaxonomyResponseGettaxonomy
from .get_taxonomy_response_gettaxonomy_additional_property_item import (
    GetTaxonomyResponseGettaxonomyAdditionalPropertyItem,
)
from .history_entry import HistoryEntry
from .history_entry_snapshot_type_0 import HistoryEntrySnapshotType0
from .import_report import ImportReport
from .import_submissions_format import ImportSubmissionsFormat
from .indicator import Indicator
from .indicator_in import IndicatorIn
from .interest_in import InterestIn
from .interest_out import InterestOut
from .interest_status import InterestStatus
from .interest_status_in import InterestStatusIn
from .invitation_input import InvitationInput
from .invitations import Invitations
from .invitations_in import InvitationsIn
from .item_kind import ItemKind
from .join_input import JoinInput
from .json_feed import JsonFeed
from .label_out import LabelOut
from .language import Language
from .language_input import LanguageInput
from .leader_participation import LeaderParticipation
from .lesson_in import LessonIn
from .link_response_link import LinkResponseLink
from .link_token import LinkToken
from .linked_identity import LinkedIdentity
from .list_organisation_members_response_200_item import (
    ListOrganisationMembersResponse200Item,
)
from .login_problem import LoginProblem
from .login_request import LoginRequest
from .majority_rule import MajorityRule
from .managed_campaign import ManagedCampaign
from .managed_campaigns import ManagedCampaigns
from .mapping_campaign_closed import MappingCampaignClosed
from .mapping_campaign_launched import MappingCampaignLaunched
from .mapping_submissions_imported import MappingSubmissionsImported
from .meeting import Meeting
from .meeting_cancelled import MeetingCancelled
from .meeting_in import MeetingIn
from .meeting_kind import MeetingKind
from .meeting_page import MeetingPage
from .meeting_scheduled import MeetingScheduled
from .meeting_summary import MeetingSummary
from .member import Member
from .member_kind import MemberKind
from .member_page import MemberPage
from .member_role import MemberRole
from .member_status import MemberStatus
from .membership import Membership
from .membership_in import MembershipIn
from .membership_review_in import MembershipReviewIn
from .membership_review_in_decision import MembershipReviewInDecision
from .message_page import MessagePage
from .message_view import MessageView
from .minutes import Minutes
from .minutes_approved import MinutesApproved
from .minutes_in import MinutesIn
from .minutes_status import MinutesStatus
from .moderation_counts_response_moderationcounts import (
    ModerationCountsResponseModerationcounts,
)
from .moderation_queue_reason_type_0 import ModerationQueueReasonType0
from .module_in import ModuleIn
from .motion import Motion
from .motion_ballots_type_0 import MotionBallotsType0
from .motion_in import MotionIn
from .motion_own_ballots import MotionOwnBallots
from .motion_status import MotionStatus
from .motions import Motions
from .my_interest_out import MyInterestOut
from .my_interests import MyInterests
from .my_meeting import MyMeeting
from .my_organisation import MyOrganisation
from .my_organisations import MyOrganisations
from .my_representation import MyRepresentation
from .my_resource_out import MyResourceOut
from .my_resources import MyResources
from .my_responses import MyResponses
from .need_correction import NeedCorrection
from .need_input import NeedInput
from .need_out import NeedOut
from .need_page import NeedPage
from .new_conversation import NewConversation
from .new_message import NewMessage
from .newsletter_create import NewsletterCreate
from .newsletter_create_content import NewsletterCreateContent
from .newsletter_page import NewsletterPage
from .newsletter_progress import NewsletterProgress
from .newsletter_status import NewsletterStatus
from .newsletter_view import NewsletterView
from .newsletter_view_content import NewsletterViewContent
from .nomination import Nomination
from .nomination_in import NominationIn
from .nomination_status import NominationStatus
from .notifications_progress_reported import NotificationsProgressReported
from .official_read import OfficialRead
from .on_behalf_in import OnBehalfIn
from .open_campaigns import OpenCampaigns
from .opportunity_in import OpportunityIn
from .opportunity_kind import OpportunityKind
from .opportunity_match import OpportunityMatch
from .opportunity_out import OpportunityOut
from .opportunity_page import OpportunityPage
from .opportunity_patch import OpportunityPatch
from .organisation import Organisation
from .organisation_card import OrganisationCard
from .organisation_description import OrganisationDescription
from .organisation_input import OrganisationInput
from .organisation_input_description import OrganisationInputDescription
from .organisation_kind import OrganisationKind
from .organisation_page import OrganisationPage
from .organised_events import OrganisedEvents
from .outcome import Outcome
from .own_profile import OwnProfile
from .own_profile_bio_type_0 import OwnProfileBioType0
from .own_profile_headline_type_0 import OwnProfileHeadlineType0
from .own_profile_visibility import OwnProfileVisibility
from .participant_answer import ParticipantAnswer
from .participant_answer_de_identified import ParticipantAnswerDeIdentified
from .participant_answer_deleted import ParticipantAnswerDeleted
from .participation import Participation
from .password_reset_confirmation import PasswordResetConfirmation
from .password_reset_request import PasswordResetRequest
from .patch_my_profile_body import PatchMyProfileBody
from .patch_organisation_body import PatchOrganisationBody
from .people_page import PeoplePage
from .people_page_facets import PeoplePageFacets
from .person_match import PersonMatch
from .person_view import PersonView
from .person_view_bio_type_0 import PersonViewBioType0
from .person_view_headline_type_0 import PersonViewHeadlineType0
from .photo import Photo
from .pledge_in import PledgeIn
from .posted_opportunities import PostedOpportunities
from .preferences_body import PreferencesBody
from .preferences_body_categories import PreferencesBodyCategories
from .preferences_body_channels import PreferencesBodyChannels
from .preferences_view import PreferencesView
from .preferences_view_categories import PreferencesViewCategories
from .preferences_view_channels import PreferencesViewChannels
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .profile_input import ProfileInput
from .profile_input_bio import ProfileInputBio
from .profile_input_headline import ProfileInputHeadline
from .profile_input_visibility import ProfileInputVisibility
from .progress_in import ProgressIn
from .progress_out import ProgressOut
from .progress_report import ProgressReport
from .progress_reported import ProgressReported
from .project_record_in import ProjectRecordIn
from .protection_out import ProtectionOut
from .protection_out_promise import ProtectionOutPromise
from .providers_response_200_item import ProvidersResponse200Item
from .public_campaign import PublicCampaign
from .questionnaire_out import QuestionnaireOut
from .queued_resource import QueuedResource
from .quiet_hours_body import QuietHoursBody
from .quorum import Quorum
from .reason_in import ReasonIn
from .reason_label import ReasonLabel
from .reason_out import ReasonOut
from .recommendation import Recommendation
from .recommendation_moved import RecommendationMoved
from .recommendations import Recommendations
from .recorded_response import RecordedResponse
from .recovery_codes import RecoveryCodes
from .refresh_request import RefreshRequest
from .refusal_input import RefusalInput
from .registration_out import RegistrationOut
from .registration_request import RegistrationRequest
from .registration_response import RegistrationResponse
from .registrations import Registrations
from .rejected_submission import RejectedSubmission
from .rejected_submission_errors_type_0 import RejectedSubmissionErrorsType0
from .replay_request import ReplayRequest
from .replay_result import ReplayResult
from .report_in import ReportIn
from .report_resource_response_reportresource import (
    ReportResourceResponseReportresource,
)
from .representative_in import RepresentativeIn
from .represented_member import RepresentedMember
from .request_view import RequestView
from .resource_in import ResourceIn
from .resource_kind import ResourceKind
from .resource_out import ResourceOut
from .resource_out_authors_item import ResourceOutAuthorsItem
from .resource_out_project_type_0 import ResourceOutProjectType0
from .response_input import ResponseInput
from .response_input_answers import ResponseInputAnswers
from .response_out import ResponseOut
from .response_out_answers import ResponseOutAnswers
from .response_summary import ResponseSummary
from .result import Result
from .return_in import ReturnIn
from .revision_in import RevisionIn
from .role import Role
from .role_input import RoleInput
from .role_out import RoleOut
from .role_out_permits import RoleOutPermits
from .roles_view import RolesView
from .rotate_signing_key_response_rotatesigningkey import (
    RotateSigningKeyResponseRotatesigningkey,
)
from .rules_in import RulesIn
from .schedule_request import ScheduleRequest
from .scheme_out import SchemeOut
from .scheme_out_locales import SchemeOutLocales
from .search_item import SearchItem
from .search_results import SearchResults
from .search_results_facets import SearchResultsFacets
from .seat_out import SeatOut
from .second_factor_code import SecondFactorCode
from .second_factor_request import SecondFactorRequest
from .second_factor_view import SecondFactorView
from .sector_need_corrected import SectorNeedCorrected
from .sector_need_declared import SectorNeedDeclared
from .sector_need_withdrawn import SectorNeedWithdrawn
from .segment_body import SegmentBody
from .service_progress import ServiceProgress
from .session import Session
from .social_sign_in import SocialSignIn
from .stage import Stage
from .standing import Standing
from .statistics_out import StatisticsOut
from .statistics_out_feeds import StatisticsOutFeeds
from .statistics_out_suggestions import StatisticsOutSuggestions
from .status import Status
from .status_change import StatusChange
from .status_review import StatusReview
from .step import Step
from .survey_input import SurveyInput
from .survey_input_questions_item import SurveyInputQuestionsItem
from .survey_input_title import SurveyInputTitle
from .survey_out import SurveyOut
from .survey_out_questions_item import SurveyOutQuestionsItem
from .survey_out_title import SurveyOutTitle
from .table_out import TableOut
from .table_out_categories import TableOutCategories
from .term import Term
from .term_out import TermOut
from .terms_out import TermsOut
from .token_response import TokenResponse
from .translation_in import TranslationIn
from .unread_count import UnreadCount
from .unread_response_unread import UnreadResponseUnread
from .unsubscribe_response_unsubscribe import UnsubscribeResponseUnsubscribe
from .verdict_in import VerdictIn
from .verification_refusal import VerificationRefusal
from .verify_email_link_response_verifyemaillink import (
    VerifyEmailLinkResponseVerifyemaillink,
)
from .verify_email_response_verifyemail import VerifyEmailResponseVerifyemail
from .vocabulary_out import VocabularyOut
from .vote_closed import VoteClosed
from .vote_opened import VoteOpened
from .voters import Voters
from .webhook_cloud_event import WebhookCloudEvent
from .webhook_cloud_event_data import WebhookCloudEventData
from .withdrawal_in import WithdrawalIn
from .work_mode import WorkMode

__all__ = (
    "AccountsFound",
    "AccountView",
    "AdoptionIn",
    "Advice",
    "AdviceIn",
    "AdvicePosition",
    "AgendaItem",
    "AgendaItemIn",
    "AggregateTableFormat",
    "AllianceIn",
    "AllianceOut",
    "AlliancePage",
    "AllianceRole",
    "AnswerRequestDecision",
    "ApplicationIn",
    "AttachmentOut",
    "AttemptView",
    "Attendance",
    "AttendanceIn",
    "AudienceSize",
    "AuditLogPage",
    "AuthorIn",
    "AuthorizeResponseAuthorize",
    "Ballot",
    "BallotIn",
    "BlockRequest",
    "BlockView",
    "Body",
    "BodyIn",
    "BodyKind",
    "BodyPage",
    "BodyRules",
    "CampaignInput",
    "CampaignInputOwnerKind",
    "CampaignWithResponses",
    "CancelIn",
    "Cancellation",
    "Category",
    "CellOut",
    "Channel",
    "ChartChart",
    "ChartFmt",
    "Choice",
    "ClassificationPatch",
    "CodeTitle",
    "Cohort",
    "CohortIn",
    "CohortPage",
    "CohortSummary",
    "Commitment",
    "CommitmentDashboard",
    "CommitmentDashboardBy",
    "CommitmentPledged",
    "Commitments",
    "CommitmentStatusChanged",
    "CompletionOut",
    "ConnectionRequest",
    "ConnectionStatus",
    "ConnectionView",
    "ConnectionViewDirection",
    "ConsentChange",
    "ConsentEntry",
    "ConsentGrant",
    "Consents",
    "ConsentState",
    "ConsentTarget",
    "ContentBody",
    "ConversationSummary",
    "CourseIn",
    "CourseOut",
    "CoursePage",
    "CourseSummary",
    "Created",
    "DashboardBy",
    "DashboardRow",
    "DeadLetterReplay",
    "DeadLetterReplayResult",
    "DeadLetterTopic",
    "DeadLetterTopics",
    "Decision",
    "DecisionIn",
    "DeliveryDetail",
    "DeliveryPage",
    "DeliveryView",
    "DimensionsInput",
    "DimensionsInputDimensions",
    "DirectoryEntry",
    "DisclosureOut",
    "DraftIn",
    "EndIn",
    "EndorsementIn",
    "EndpointCreate",
    "EndpointStatus",
    "EndpointUpdate",
    "EndpointView",
    "EndpointWithSecret",
    "EnrolmentView",
    "ErasureAccepted",
    "ErasureRequest",
    "ErasureView",
    "ErasureViewServices",
    "EventIn",
    "EventKind",
    "EventOut",
    "EventPage",
    "EventPatch",
    "ExportView",
    "ExportViewServices",
    "FacetValue",
    "FeedAuthor",
    "FeedItem",
    "FeedItemDiaspora",
    "FeedItemView",
    "FeedPage",
    "Frequency",
    "GapRowOut",
    "GapsOut",
    "GetTaxonomyResponseGettaxonomy",
    "GetTaxonomyResponseGettaxonomyAdditionalPropertyItem",
    "HistoryEntry",
    "HistoryEntrySnapshotType0",
    "ImportReport",
    "ImportSubmissionsFormat",
    "Indicator",
    "IndicatorIn",
    "InterestIn",
    "InterestOut",
    "InterestStatus",
    "InterestStatusIn",
    "InvitationInput",
    "Invitations",
    "InvitationsIn",
    "ItemKind",
    "JoinInput",
    "JsonFeed",
    "LabelOut",
    "Language",
    "LanguageInput",
    "LeaderParticipation",
    "LessonIn",
    "LinkedIdentity",
    "LinkResponseLink",
    "LinkToken",
    "ListOrganisationMembersResponse200Item",
    "LoginProblem",
    "LoginRequest",
    "MajorityRule",
    "ManagedCampaign",
    "ManagedCampaigns",
    "MappingCampaignClosed",
    "MappingCampaignLaunched",
    "MappingSubmissionsImported",
    "Meeting",
    "MeetingCancelled",
    "MeetingIn",
    "MeetingKind",
    "MeetingPage",
    "MeetingScheduled",
    "MeetingSummary",
    "Member",
    "MemberKind",
    "MemberPage",
    "MemberRole",
    "Membership",
    "MembershipIn",
    "MembershipReviewIn",
    "MembershipReviewInDecision",
    "MemberStatus",
    "MessagePage",
    "MessageView",
    "Minutes",
    "MinutesApproved",
    "MinutesIn",
    "MinutesStatus",
    "ModerationCountsResponseModerationcounts",
    "ModerationQueueReasonType0",
    "ModuleIn",
    "Motion",
    "MotionBallotsType0",
    "MotionIn",
    "MotionOwnBallots",
    "Motions",
    "MotionStatus",
    "MyInterestOut",
    "MyInterests",
    "MyMeeting",
    "MyOrganisation",
    "MyOrganisations",
    "MyRepresentation",
    "MyResourceOut",
    "MyResources",
    "MyResponses",
    "NeedCorrection",
    "NeedInput",
    "NeedOut",
    "NeedPage",
    "NewConversation",
    "NewMessage",
    "NewsletterCreate",
    "NewsletterCreateContent",
    "NewsletterPage",
    "NewsletterProgress",
    "NewsletterStatus",
    "NewsletterView",
    "NewsletterViewContent",
    "Nomination",
    "NominationIn",
    "NominationStatus",
    "NotificationsProgressReported",
    "OfficialRead",
    "OnBehalfIn",
    "OpenCampaigns",
    "OpportunityIn",
    "OpportunityKind",
    "OpportunityMatch",
    "OpportunityOut",
    "OpportunityPage",
    "OpportunityPatch",
    "Organisation",
    "OrganisationCard",
    "OrganisationDescription",
    "OrganisationInput",
    "OrganisationInputDescription",
    "OrganisationKind",
    "OrganisationPage",
    "OrganisedEvents",
    "Outcome",
    "OwnProfile",
    "OwnProfileBioType0",
    "OwnProfileHeadlineType0",
    "OwnProfileVisibility",
    "ParticipantAnswer",
    "ParticipantAnswerDeIdentified",
    "ParticipantAnswerDeleted",
    "Participation",
    "PasswordResetConfirmation",
    "PasswordResetRequest",
    "PatchMyProfileBody",
    "PatchOrganisationBody",
    "PeoplePage",
    "PeoplePageFacets",
    "PersonMatch",
    "PersonView",
    "PersonViewBioType0",
    "PersonViewHeadlineType0",
    "Photo",
    "PledgeIn",
    "PostedOpportunities",
    "PreferencesBody",
    "PreferencesBodyCategories",
    "PreferencesBodyChannels",
    "PreferencesView",
    "PreferencesViewCategories",
    "PreferencesViewChannels",
    "Problem",
    "ProblemErrorsItem",
    "ProfileInput",
    "ProfileInputBio",
    "ProfileInputHeadline",
    "ProfileInputVisibility",
    "ProgressIn",
    "ProgressOut",
    "ProgressReport",
    "ProgressReported",
    "ProjectRecordIn",
    "ProtectionOut",
    "ProtectionOutPromise",
    "ProvidersResponse200Item",
    "PublicCampaign",
    "QuestionnaireOut",
    "QueuedResource",
    "QuietHoursBody",
    "Quorum",
    "ReasonIn",
    "ReasonLabel",
    "ReasonOut",
    "Recommendation",
    "RecommendationMoved",
    "Recommendations",
    "RecordedResponse",
    "RecoveryCodes",
    "RefreshRequest",
    "RefusalInput",
    "RegistrationOut",
    "RegistrationRequest",
    "RegistrationResponse",
    "Registrations",
    "RejectedSubmission",
    "RejectedSubmissionErrorsType0",
    "ReplayRequest",
    "ReplayResult",
    "ReportIn",
    "ReportResourceResponseReportresource",
    "RepresentativeIn",
    "RepresentedMember",
    "RequestView",
    "ResourceIn",
    "ResourceKind",
    "ResourceOut",
    "ResourceOutAuthorsItem",
    "ResourceOutProjectType0",
    "ResponseInput",
    "ResponseInputAnswers",
    "ResponseOut",
    "ResponseOutAnswers",
    "ResponseSummary",
    "Result",
    "ReturnIn",
    "RevisionIn",
    "Role",
    "RoleInput",
    "RoleOut",
    "RoleOutPermits",
    "RolesView",
    "RotateSigningKeyResponseRotatesigningkey",
    "RulesIn",
    "ScheduleRequest",
    "SchemeOut",
    "SchemeOutLocales",
    "SearchItem",
    "SearchResults",
    "SearchResultsFacets",
    "SeatOut",
    "SecondFactorCode",
    "SecondFactorRequest",
    "SecondFactorView",
    "SectorNeedCorrected",
    "SectorNeedDeclared",
    "SectorNeedWithdrawn",
    "SegmentBody",
    "ServiceProgress",
    "Session",
    "SocialSignIn",
    "Stage",
    "Standing",
    "StatisticsOut",
    "StatisticsOutFeeds",
    "StatisticsOutSuggestions",
    "Status",
    "StatusChange",
    "StatusReview",
    "Step",
    "SurveyInput",
    "SurveyInputQuestionsItem",
    "SurveyInputTitle",
    "SurveyOut",
    "SurveyOutQuestionsItem",
    "SurveyOutTitle",
    "TableOut",
    "TableOutCategories",
    "Term",
    "TermOut",
    "TermsOut",
    "TokenResponse",
    "TranslationIn",
    "UnreadCount",
    "UnreadResponseUnread",
    "UnsubscribeResponseUnsubscribe",
    "VerdictIn",
    "VerificationRefusal",
    "VerifyEmailLinkResponseVerifyemaillink",
    "VerifyEmailResponseVerifyemail",
    "VocabularyOut",
    "VoteClosed",
    "VoteOpened",
    "Voters",
    "WebhookCloudEvent",
    "WebhookCloudEventData",
    "WithdrawalIn",
    "WorkMode",
)
