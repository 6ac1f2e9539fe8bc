"""Contains all the data models used in inputs/outputs"""

from .account_view import AccountView
from .accounts_found import AccountsFound
from .add_agenda_item_response_addagendaitem import AddAgendaItemResponseAddagendaitem
from .add_representative_response_addrepresentative import (
    AddRepresentativeResponseAddrepresentative,
)
from .adopt_response_adopt import AdoptResponseAdopt
from .adoption_in import AdoptionIn
from .advice_in import AdviceIn
from .advice_position import AdvicePosition
from .agenda_item_in import AgendaItemIn
from .aggregate_table_format import AggregateTableFormat
from .alliance_in import AllianceIn
from .alliance_out import AllianceOut
from .alliance_page import AlliancePage
from .alliance_role import AllianceRole
from .answer_request_decision import AnswerRequestDecision
from .application_in import ApplicationIn
from .appoint_response_appoint import AppointResponseAppoint
from .approve_minutes_response_approveminutes import (
    ApproveMinutesResponseApproveminutes,
)
from .attachment_out import AttachmentOut
from .attempt_view import AttemptView
from .attendance_in import AttendanceIn
from .attendance_response_attendance import AttendanceResponseAttendance
from .audience_size import AudienceSize
from .author_in import AuthorIn
from .authorize_response_authorize import AuthorizeResponseAuthorize
from .ballot_in import BallotIn
from .block_request import BlockRequest
from .block_view import BlockView
from .body_in import BodyIn
from .body_kind import BodyKind
from .callback_response_callback import CallbackResponseCallback
from .campaign_input import CampaignInput
from .campaign_input_owner_kind import CampaignInputOwnerKind
from .cancel_in import CancelIn
from .cancel_response_cancel import CancelResponseCancel
from .cast_ballot_response_castballot import CastBallotResponseCastballot
from .category import Category
from .channel import Channel
from .chart_chart import ChartChart
from .chart_fmt import ChartFmt
from .choice import Choice
from .classification_patch import ClassificationPatch
from .close_campaign_response_closecampaign import CloseCampaignResponseClosecampaign
from .close_vote_response_closevote import CloseVoteResponseClosevote
from .code_title import CodeTitle
from .cohort_in import CohortIn
from .cohort_page import CohortPage
from .cohort_summary import CohortSummary
from .commitment_pledged import CommitmentPledged
from .commitment_status_changed import CommitmentStatusChanged
from .completion_out import CompletionOut
from .connection_request import ConnectionRequest
from .connection_status import ConnectionStatus
from .connection_view import ConnectionView
from .connection_view_direction import ConnectionViewDirection
from .consent_grant import ConsentGrant
from .consent_target import ConsentTarget
from .content_body import ContentBody
from .course_in import CourseIn
from .course_out import CourseOut
from .course_page import CoursePage
from .course_summary import CourseSummary
from .created import Created
from .dashboard_by import DashboardBy
from .dashboard_response_dashboard import DashboardResponseDashboard
from .decide_response_decide import DecideResponseDecide
from .decision_in import DecisionIn
from .delivery_detail import DeliveryDetail
from .delivery_page import DeliveryPage
from .delivery_view import DeliveryView
from .dimensions_input import DimensionsInput
from .dimensions_input_dimensions import DimensionsInputDimensions
from .draft_in import DraftIn
from .draft_minutes_response_draftminutes import DraftMinutesResponseDraftminutes
from .end_in import EndIn
from .end_membership_response_endmembership import EndMembershipResponseEndmembership
from .endorse_response_endorse import EndorseResponseEndorse
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
from .event_patch import EventPatch
from .export_view import ExportView
from .export_view_services import ExportViewServices
from .facet_value import FacetValue
from .feed_item_view import FeedItemView
from .feed_page import FeedPage
from .frequency import Frequency
from .get_alliance_response_getalliance import GetAllianceResponseGetalliance
from .get_body_response_getbody import GetBodyResponseGetbody
from .get_campaign_response_getcampaign import GetCampaignResponseGetcampaign
from .get_cohort_response_getcohort import GetCohortResponseGetcohort
from .get_commitment_response_getcommitment import GetCommitmentResponseGetcommitment
from .get_meeting_response_getmeeting import GetMeetingResponseGetmeeting
from .get_member_response_getmember import GetMemberResponseGetmember
from .get_motion_response_getmotion import GetMotionResponseGetmotion
from .get_person_response_getperson import GetPersonResponseGetperson
from .get_recommendation_response_getrecommendation import (
    GetRecommendationResponseGetrecommendation,
)
from .get_taxonomy_response_gettaxonomy import GetTaxonomyResponseGettaxonomy
from .get_taxonomy_response_gettaxonomy_additional_property_item import (
    GetTaxonomyResponseGettaxonomyAdditionalPropertyItem,
)
from .give_consent_response_giveconsent import GiveConsentResponseGiveconsent
from .import_submissions_format import ImportSubmissionsFormat
from .import_submissions_response_importsubmissions import (
    ImportSubmissionsResponseImportsubmissions,
)
from .indicator_in import IndicatorIn
from .interest_in import InterestIn
from .interest_out import InterestOut
from .interest_status import InterestStatus
from .interest_status_in import InterestStatusIn
from .invitation_input import InvitationInput
from .invitations_in import InvitationsIn
from .invite_to_meeting_response_invitetomeeting import (
    InviteToMeetingResponseInvitetomeeting,
)
from .item_kind import ItemKind
from .join_input import JoinInput
from .label_out import LabelOut
from .language_input import LanguageInput
from .launch_campaign_response_launchcampaign import (
    LaunchCampaignResponseLaunchcampaign,
)
from .lesson_in import LessonIn
from .link_response_link import LinkResponseLink
from .link_token import LinkToken
from .list_alliance_members_response_listalliancemembers import (
    ListAllianceMembersResponseListalliancemembers,
)
from .list_bodies_response_listbodies import ListBodiesResponseListbodies
from .list_commitments_response_listcommitments import (
    ListCommitmentsResponseListcommitments,
)
from .list_conversations_response_200_item import ListConversationsResponse200Item
from .list_events_response_listevents import ListEventsResponseListevents
from .list_meetings_response_listmeetings import ListMeetingsResponseListmeetings
from .list_motions_response_listmotions import ListMotionsResponseListmotions
from .list_open_response_listopen import ListOpenResponseListopen
from .list_organisation_members_response_200_item import (
    ListOrganisationMembersResponse200Item,
)
from .list_recommendations_response_listrecommendations import (
    ListRecommendationsResponseListrecommendations,
)
from .login_request import LoginRequest
from .majority_rule import MajorityRule
from .managed_campaign import ManagedCampaign
from .managed_campaigns import ManagedCampaigns
from .mapping_campaign_closed import MappingCampaignClosed
from .mapping_campaign_launched import MappingCampaignLaunched
from .mapping_submissions_imported import MappingSubmissionsImported
from .meeting_cancelled import MeetingCancelled
from .meeting_in import MeetingIn
from .meeting_kind import MeetingKind
from .meeting_scheduled import MeetingScheduled
from .member_kind import MemberKind
from .member_role import MemberRole
from .member_status import MemberStatus
from .membership_in import MembershipIn
from .membership_review_in import MembershipReviewIn
from .membership_review_in_decision import MembershipReviewInDecision
from .message_view import MessageView
from .minutes_approved import MinutesApproved
from .minutes_in import MinutesIn
from .moderation_counts_response_moderationcounts import (
    ModerationCountsResponseModerationcounts,
)
from .moderation_queue_reason_type_0 import ModerationQueueReasonType0
from .moderation_queue_response_200_item import ModerationQueueResponse200Item
from .module_in import ModuleIn
from .motion_in import MotionIn
from .my_audit_log_response_myauditlog import MyAuditLogResponseMyauditlog
from .my_consents_response_myconsents import MyConsentsResponseMyconsents
from .my_identities_response_200_item import MyIdentitiesResponse200Item
from .my_interest_out import MyInterestOut
from .my_interests import MyInterests
from .my_meeting import MyMeeting
from .my_organisation import MyOrganisation
from .my_organisations import MyOrganisations
from .my_representation import MyRepresentation
from .my_resource_out import MyResourceOut
from .my_resources import MyResources
from .my_responses_response_myresponses import MyResponsesResponseMyresponses
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
from .nominate_response_nominate import NominateResponseNominate
from .nomination_in import NominationIn
from .on_behalf_in import OnBehalfIn
from .open_campaigns import OpenCampaigns
from .opportunity_in import OpportunityIn
from .opportunity_kind import OpportunityKind
from .opportunity_match import OpportunityMatch
from .opportunity_out import OpportunityOut
from .opportunity_patch import OpportunityPatch
from .organisation_input import OrganisationInput
from .organisation_input_description import OrganisationInputDescription
from .organisation_kind import OrganisationKind
from .organised_events import OrganisedEvents
from .participant_answer import ParticipantAnswer
from .participant_answer_de_identified import ParticipantAnswerDeIdentified
from .participant_answer_deleted import ParticipantAnswerDeleted
from .participation_response_participation import ParticipationResponseParticipation
from .password_reset_confirmation import PasswordResetConfirmation
from .password_reset_request import PasswordResetRequest
from .patch_my_profile_body import PatchMyProfileBody
from .patch_organisation_body import PatchOrganisationBody
from .person_match import PersonMatch
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
from .progress_reported import ProgressReported
from .project_record_in import ProjectRecordIn
from .providers_response_200_item import ProvidersResponse200Item
from .public_campaign import PublicCampaign
from .publish_response_publish import PublishResponsePublish
from .put_my_photo_response_putmyphoto import PutMyPhotoResponsePutmyphoto
from .questionnaire_response_questionnaire import QuestionnaireResponseQuestionnaire
from .quiet_hours_body import QuietHoursBody
from .read_messages_response_readmessages import ReadMessagesResponseReadmessages
from .read_response_response_readresponse import ReadResponseResponseReadresponse
from .reason_in import ReasonIn
from .reason_label import ReasonLabel
from .reason_out import ReasonOut
from .recommendation_moved import RecommendationMoved
from .record_decision_response_recorddecision import (
    RecordDecisionResponseRecorddecision,
)
from .recovery_codes import RecoveryCodes
from .refresh_request import RefreshRequest
from .register_for_meeting_response_registerformeeting import (
    RegisterForMeetingResponseRegisterformeeting,
)
from .registration_out import RegistrationOut
from .registration_request import RegistrationRequest
from .registration_response import RegistrationResponse
from .remove_representative_response_removerepresentative import (
    RemoveRepresentativeResponseRemoverepresentative,
)
from .replay_request import ReplayRequest
from .replay_result import ReplayResult
from .report_in import ReportIn
from .report_progress_response_reportprogress import (
    ReportProgressResponseReportprogress,
)
from .report_resource_response_reportresource import (
    ReportResourceResponseReportresource,
)
from .representative_in import RepresentativeIn
from .represented_member import RepresentedMember
from .request_view import RequestView
from .resource_history_response_200_item import ResourceHistoryResponse200Item
from .resource_in import ResourceIn
from .resource_kind import ResourceKind
from .resource_out import ResourceOut
from .resource_out_authors_item import ResourceOutAuthorsItem
from .resource_out_project_type_0 import ResourceOutProjectType0
from .response_input import ResponseInput
from .response_input_answers import ResponseInputAnswers
from .return_in import ReturnIn
from .return_response_return import ReturnResponseReturn
from .review_application_response_reviewapplication import (
    ReviewApplicationResponseReviewapplication,
)
from .review_recommendation_response_reviewrecommendation import (
    ReviewRecommendationResponseReviewrecommendation,
)
from .review_statuses_response_reviewstatuses import (
    ReviewStatusesResponseReviewstatuses,
)
from .revise_response_revise import ReviseResponseRevise
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
from .search_organisations_response_searchorganisations import (
    SearchOrganisationsResponseSearchorganisations,
)
from .search_people_response_searchpeople import SearchPeopleResponseSearchpeople
from .search_results import SearchResults
from .search_results_facets import SearchResultsFacets
from .seat_out import SeatOut
from .second_factor_code import SecondFactorCode
from .second_factor_view import SecondFactorView
from .sector_need_corrected import SectorNeedCorrected
from .sector_need_declared import SectorNeedDeclared
from .sector_need_withdrawn import SectorNeedWithdrawn
from .segment_body import SegmentBody
from .service_progress import ServiceProgress
from .stage import Stage
from .statistics_out import StatisticsOut
from .statistics_out_feeds import StatisticsOutFeeds
from .statistics_out_suggestions import StatisticsOutSuggestions
from .submit_response_response_submitresponse import (
    SubmitResponseResponseSubmitresponse,
)
from .supply_and_needs_response_supplyandneeds import (
    SupplyAndNeedsResponseSupplyandneeds,
)
from .survey_input import SurveyInput
from .survey_input_questions_item import SurveyInputQuestionsItem
from .survey_input_title import SurveyInputTitle
from .survey_out import SurveyOut
from .survey_out_questions_item import SurveyOutQuestionsItem
from .survey_out_title import SurveyOutTitle
from .term_out import TermOut
from .terms_out import TermsOut
from .token_response import TokenResponse
from .translation_in import TranslationIn
from .unread_count import UnreadCount
from .unread_response_unread import UnreadResponseUnread
from .unsubscribe_response_unsubscribe import UnsubscribeResponseUnsubscribe
from .verdict_in import VerdictIn
from .verify_email_link_response_verifyemaillink import (
    VerifyEmailLinkResponseVerifyemaillink,
)
from .verify_email_response_verifyemail import VerifyEmailResponseVerifyemail
from .vocabulary_out import VocabularyOut
from .vote_closed import VoteClosed
from .vote_opened import VoteOpened
from .voters_response_voters import VotersResponseVoters
from .webhook_cloud_event import WebhookCloudEvent
from .webhook_cloud_event_data import WebhookCloudEventData
from .withdraw_consent_response_withdrawconsent import (
    WithdrawConsentResponseWithdrawconsent,
)
from .withdraw_membership_response_withdrawmembership import (
    WithdrawMembershipResponseWithdrawmembership,
)
from .withdrawal_in import WithdrawalIn
from .work_mode import WorkMode

__all__ = (
    "AccountsFound",
    "AccountView",
    "AddAgendaItemResponseAddagendaitem",
    "AddRepresentativeResponseAddrepresentative",
    "AdoptionIn",
    "AdoptResponseAdopt",
    "AdviceIn",
    "AdvicePosition",
    "AgendaItemIn",
    "AggregateTableFormat",
    "AllianceIn",
    "AllianceOut",
    "AlliancePage",
    "AllianceRole",
    "AnswerRequestDecision",
    "ApplicationIn",
    "AppointResponseAppoint",
    "ApproveMinutesResponseApproveminutes",
    "AttachmentOut",
    "AttemptView",
    "AttendanceIn",
    "AttendanceResponseAttendance",
    "AudienceSize",
    "AuthorIn",
    "AuthorizeResponseAuthorize",
    "BallotIn",
    "BlockRequest",
    "BlockView",
    "BodyIn",
    "BodyKind",
    "CallbackResponseCallback",
    "CampaignInput",
    "CampaignInputOwnerKind",
    "CancelIn",
    "CancelResponseCancel",
    "CastBallotResponseCastballot",
    "Category",
    "Channel",
    "ChartChart",
    "ChartFmt",
    "Choice",
    "ClassificationPatch",
    "CloseCampaignResponseClosecampaign",
    "CloseVoteResponseClosevote",
    "CodeTitle",
    "CohortIn",
    "CohortPage",
    "CohortSummary",
    "CommitmentPledged",
    "CommitmentStatusChanged",
    "CompletionOut",
    "ConnectionRequest",
    "ConnectionStatus",
    "ConnectionView",
    "ConnectionViewDirection",
    "ConsentGrant",
    "ConsentTarget",
    "ContentBody",
    "CourseIn",
    "CourseOut",
    "CoursePage",
    "CourseSummary",
    "Created",
    "DashboardBy",
    "DashboardResponseDashboard",
    "DecideResponseDecide",
    "DecisionIn",
    "DeliveryDetail",
    "DeliveryPage",
    "DeliveryView",
    "DimensionsInput",
    "DimensionsInputDimensions",
    "DraftIn",
    "DraftMinutesResponseDraftminutes",
    "EndIn",
    "EndMembershipResponseEndmembership",
    "EndorsementIn",
    "EndorseResponseEndorse",
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
    "EventPatch",
    "ExportView",
    "ExportViewServices",
    "FacetValue",
    "FeedItemView",
    "FeedPage",
    "Frequency",
    "GetAllianceResponseGetalliance",
    "GetBodyResponseGetbody",
    "GetCampaignResponseGetcampaign",
    "GetCohortResponseGetcohort",
    "GetCommitmentResponseGetcommitment",
    "GetMeetingResponseGetmeeting",
    "GetMemberResponseGetmember",
    "GetMotionResponseGetmotion",
    "GetPersonResponseGetperson",
    "GetRecommendationResponseGetrecommendation",
    "GetTaxonomyResponseGettaxonomy",
    "GetTaxonomyResponseGettaxonomyAdditionalPropertyItem",
    "GiveConsentResponseGiveconsent",
    "ImportSubmissionsFormat",
    "ImportSubmissionsResponseImportsubmissions",
    "IndicatorIn",
    "InterestIn",
    "InterestOut",
    "InterestStatus",
    "InterestStatusIn",
    "InvitationInput",
    "InvitationsIn",
    "InviteToMeetingResponseInvitetomeeting",
    "ItemKind",
    "JoinInput",
    "LabelOut",
    "LanguageInput",
    "LaunchCampaignResponseLaunchcampaign",
    "LessonIn",
    "LinkResponseLink",
    "LinkToken",
    "ListAllianceMembersResponseListalliancemembers",
    "ListBodiesResponseListbodies",
    "ListCommitmentsResponseListcommitments",
    "ListConversationsResponse200Item",
    "ListEventsResponseListevents",
    "ListMeetingsResponseListmeetings",
    "ListMotionsResponseListmotions",
    "ListOpenResponseListopen",
    "ListOrganisationMembersResponse200Item",
    "ListRecommendationsResponseListrecommendations",
    "LoginRequest",
    "MajorityRule",
    "ManagedCampaign",
    "ManagedCampaigns",
    "MappingCampaignClosed",
    "MappingCampaignLaunched",
    "MappingSubmissionsImported",
    "MeetingCancelled",
    "MeetingIn",
    "MeetingKind",
    "MeetingScheduled",
    "MemberKind",
    "MemberRole",
    "MembershipIn",
    "MembershipReviewIn",
    "MembershipReviewInDecision",
    "MemberStatus",
    "MessageView",
    "MinutesApproved",
    "MinutesIn",
    "ModerationCountsResponseModerationcounts",
    "ModerationQueueReasonType0",
    "ModerationQueueResponse200Item",
    "ModuleIn",
    "MotionIn",
    "MyAuditLogResponseMyauditlog",
    "MyConsentsResponseMyconsents",
    "MyIdentitiesResponse200Item",
    "MyInterestOut",
    "MyInterests",
    "MyMeeting",
    "MyOrganisation",
    "MyOrganisations",
    "MyRepresentation",
    "MyResourceOut",
    "MyResources",
    "MyResponsesResponseMyresponses",
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
    "NominateResponseNominate",
    "NominationIn",
    "OnBehalfIn",
    "OpenCampaigns",
    "OpportunityIn",
    "OpportunityKind",
    "OpportunityMatch",
    "OpportunityOut",
    "OpportunityPatch",
    "OrganisationInput",
    "OrganisationInputDescription",
    "OrganisationKind",
    "OrganisedEvents",
    "ParticipantAnswer",
    "ParticipantAnswerDeIdentified",
    "ParticipantAnswerDeleted",
    "ParticipationResponseParticipation",
    "PasswordResetConfirmation",
    "PasswordResetRequest",
    "PatchMyProfileBody",
    "PatchOrganisationBody",
    "PersonMatch",
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
    "ProgressReported",
    "ProjectRecordIn",
    "ProvidersResponse200Item",
    "PublicCampaign",
    "PublishResponsePublish",
    "PutMyPhotoResponsePutmyphoto",
    "QuestionnaireResponseQuestionnaire",
    "QuietHoursBody",
    "ReadMessagesResponseReadmessages",
    "ReadResponseResponseReadresponse",
    "ReasonIn",
    "ReasonLabel",
    "ReasonOut",
    "RecommendationMoved",
    "RecordDecisionResponseRecorddecision",
    "RecoveryCodes",
    "RefreshRequest",
    "RegisterForMeetingResponseRegisterformeeting",
    "RegistrationOut",
    "RegistrationRequest",
    "RegistrationResponse",
    "RemoveRepresentativeResponseRemoverepresentative",
    "ReplayRequest",
    "ReplayResult",
    "ReportIn",
    "ReportProgressResponseReportprogress",
    "ReportResourceResponseReportresource",
    "RepresentativeIn",
    "RepresentedMember",
    "RequestView",
    "ResourceHistoryResponse200Item",
    "ResourceIn",
    "ResourceKind",
    "ResourceOut",
    "ResourceOutAuthorsItem",
    "ResourceOutProjectType0",
    "ResponseInput",
    "ResponseInputAnswers",
    "ReturnIn",
    "ReturnResponseReturn",
    "ReviewApplicationResponseReviewapplication",
    "ReviewRecommendationResponseReviewrecommendation",
    "ReviewStatusesResponseReviewstatuses",
    "ReviseResponseRevise",
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
    "SearchOrganisationsResponseSearchorganisations",
    "SearchPeopleResponseSearchpeople",
    "SearchResults",
    "SearchResultsFacets",
    "SeatOut",
    "SecondFactorCode",
    "SecondFactorView",
    "SectorNeedCorrected",
    "SectorNeedDeclared",
    "SectorNeedWithdrawn",
    "SegmentBody",
    "ServiceProgress",
    "Stage",
    "StatisticsOut",
    "StatisticsOutFeeds",
    "StatisticsOutSuggestions",
    "SubmitResponseResponseSubmitresponse",
    "SupplyAndNeedsResponseSupplyandneeds",
    "SurveyInput",
    "SurveyInputQuestionsItem",
    "SurveyInputTitle",
    "SurveyOut",
    "SurveyOutQuestionsItem",
    "SurveyOutTitle",
    "TermOut",
    "TermsOut",
    "TokenResponse",
    "TranslationIn",
    "UnreadCount",
    "UnreadResponseUnread",
    "UnsubscribeResponseUnsubscribe",
    "VerdictIn",
    "VerifyEmailLinkResponseVerifyemaillink",
    "VerifyEmailResponseVerifyemail",
    "VocabularyOut",
    "VoteClosed",
    "VoteOpened",
    "VotersResponseVoters",
    "WebhookCloudEvent",
    "WebhookCloudEventData",
    "WithdrawalIn",
    "WithdrawConsentResponseWithdrawconsent",
    "WithdrawMembershipResponseWithdrawmembership",
    "WorkMode",
)
