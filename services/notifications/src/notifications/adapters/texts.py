"""What notifications say: one entry per template, in English.

The English texts are gettext message ids: translators work in the catalogues
(``notifications/locale/<lang>/LC_MESSAGES/notifications.po``: ``make i18n`` extracts, updates
and compiles them with Babel), never in this file. Values go in as ``%(name)s``; values that
are enumerations of other services (a membership status, a vote outcome) are named in
``enums`` and shown through ``ENUMS``, translated like every other text.
"""

from __future__ import annotations

from dataclasses import dataclass, field


def _(message: str) -> str:
    """Marks a message for extraction (pybabel); translated when a notice is rendered."""
    return message


def pgettext(context: str, message: str) -> tuple[str, str]:
    """Marks a message with a context for extraction: the same English word may need
    different translations (a membership "suspended", a vote "rejected")."""
    return (context, message)


@dataclass(frozen=True)
class Link:
    """The URL in ``values[key]`` on a line of its own (skipped when the value is empty)."""

    key: str


@dataclass(frozen=True)
class When:
    """``message`` only when ``values[key]`` is set (an optional reason, say)."""

    key: str
    message: str


@dataclass(frozen=True)
class Verbatim:
    """``values[key]`` as written by a person (a newsletter's introduction): not translated."""

    key: str


@dataclass(frozen=True)
class Section:
    """A list under a heading: ``values[key]`` holds items ``{"title", "url"?, "detail"?}``;
    with no ``heading``, it holds groups ``{"heading", "items"}`` (a digest's categories)."""

    key: str
    heading: str | None = None


Block = str | Link | When | Verbatim


@dataclass(frozen=True)
class NoticeText:
    #: the mail's subject (also the feed item's title); None: ``values["subject"]`` verbatim
    subject: str | None
    body: tuple[Block, ...] = ()
    #: the feed item's one line (none: the feed shows the subject only)
    feed: str | None = None
    sections: tuple[Section, ...] = ()
    #: value key -> ENUMS table: the value is a code, shown as its translated label
    enums: dict[str, str] = field(default_factory=dict)


GREETING = _("Hello %(name)s,")
UNSUBSCRIBE = _("You receive this because of your notification preferences. Unsubscribe:")

#: codes other services send, as people read them (context, English)
ENUMS: dict[str, dict[str, tuple[str, str]]] = {
    "member_status": {
        "applied": pgettext("alliance membership", "applied"),
        "admitted": pgettext("alliance membership", "admitted"),
        "rejected": pgettext("alliance membership", "rejected"),
        "suspended": pgettext("alliance membership", "suspended"),
        "reinstated": pgettext("alliance membership", "reinstated"),
        "withdrawn": pgettext("alliance membership", "withdrawn"),
    },
    "interest_status": {
        "submitted": pgettext("expression of interest", "submitted"),
        "shortlisted": pgettext("expression of interest", "shortlisted"),
        "accepted": pgettext("expression of interest", "accepted"),
        "declined": pgettext("expression of interest", "declined"),
        "withdrawn": pgettext("expression of interest", "withdrawn"),
    },
    "vote_outcome": {
        "carried": pgettext("vote outcome", "carried"),
        "rejected": pgettext("vote outcome", "rejected"),
        "invalid": pgettext("vote outcome", "invalid (no quorum)"),
    },
    "commitment_status": {
        "on_track": pgettext("commitment status", "on track"),
        "at_risk": pgettext("commitment status", "at risk"),
        "late": pgettext("commitment status", "late"),
        "achieved": pgettext("commitment status", "achieved"),
    },
    "category": {
        "account": pgettext("notification category", "Account"),
        "connections": pgettext("notification category", "Connections"),
        "messages": pgettext("notification category", "Messages"),
        "resources": pgettext("notification category", "Resources"),
        "events": pgettext("notification category", "Events"),
        "opportunities": pgettext("notification category", "Opportunities"),
        "alliance": pgettext("notification category", "Alliance"),
        "newsletter": pgettext("notification category", "Newsletter"),
    },
    "period": {
        "daily": pgettext("digest period", "daily"),
        "weekly": pgettext("digest period", "weekly"),
    },
}

TEXTS: dict[str, NoticeText] = {
    # ---- account -----------------------------------------------------------------------
    "welcome": NoticeText(
        subject=_("Welcome to the Diaspora Platform, %(name)s"),
        feed=_("Welcome to the Diaspora Platform!"),
        body=(
            _("Welcome to the Diaspora Platform: connect, learn and contribute."),
            _("Please confirm your email address to complete your profile."),
            Link("verification_url"),
        ),
    ),
    "verify_email": NoticeText(
        subject=_("Confirm your email address"),
        body=(
            _("Please confirm your email address by opening this link:"),
            Link("url"),
            _(
                "The link expires at %(expires_at)s. If you did not ask for it, ignore this "
                "message."
            ),
        ),
    ),
    "password_reset": NoticeText(
        subject=_("Reset your password"),
        body=(
            _(
                "Someone asked to reset the password of your account. To choose a new one, "
                "open this link:"
            ),
            Link("url"),
            _(
                "The link expires at %(expires_at)s. If it was not you, ignore this message: "
                "your password stays the same."
            ),
        ),
    ),
    "password_changed": NoticeText(
        subject=_("Your password was changed"),
        feed=_("Your password was changed."),
        body=(
            _("The password of your account was changed on %(changed_at)s."),
            _("If this was not you, reset your password now and contact us."),
        ),
    ),
    "recovery_code_used": NoticeText(
        subject=_("A recovery code was used to sign in to your account"),
        feed=_("A recovery code was used to sign in."),
        body=(
            _(
                "One of your recovery codes was used with your password to sign in on "
                "%(used_at)s. %(codes_left)s recovery codes are left."
            ),
            _(
                "If this was not you, someone knows your password and a recovery code: change "
                "your password now, renew your recovery codes and contact us."
            ),
        ),
    ),
    "second_factor_removed": NoticeText(
        subject=_("Two-factor sign-in was turned off"),
        feed=_("Two-factor sign-in was turned off."),
        body=(
            _(
                "The authenticator app of your account was removed on %(removed_at)s: signing "
                "in now needs only your password."
            ),
            _("If this was not you, reset your password now and contact us."),
        ),
    ),
    "registration_attempted": NoticeText(
        subject=_("Someone tried to register with your email address"),
        body=(
            _(
                "Someone tried to create a new account on the Diaspora Platform with your email "
                "address on %(attempted_at)s. No new account was created: your address already "
                "has one."
            ),
            _("If it was you, sign in with your password, or reset it if you forgot it."),
            _("If it was not you, you need not do anything: your account is unchanged."),
        ),
    ),
    "export_ready": NoticeText(
        subject=_("Your data export is ready"),
        feed=_("Your data export is ready: open the email we sent you to download it."),
        body=(
            _(
                "Your copy of the data the platform holds about you is ready. Download it here "
                "(the link is personal: do not share it):"
            ),
            Link("download_url"),
            _(
                "The link expires on %(expires_at)s. If you did not ask for it, change your "
                "password and contact us."
            ),
        ),
    ),
    # ---- connections and messages --------------------------------------------------------
    "connection_requested": NoticeText(
        subject=_("New connection request"),
        feed=_("New connection request."),
        body=(_("Someone would like to connect with you. Open the app to accept or decline."),),
    ),
    "connection_accepted": NoticeText(
        subject=_("Your connection request was accepted"),
        feed=_("Connection request accepted."),
        body=(
            _("Good news: your connection request was accepted. You can now exchange messages."),
        ),
    ),
    "message_received": NoticeText(
        subject=_("You have a new message"),
        feed=_("New message."),
        body=(_("You received a new private message. Open the app to read it."),),
    ),
    # ---- resources -------------------------------------------------------------------------
    "resource_published": NoticeText(
        subject=_("Your resource “%(title)s” is published"),
        feed=_("“%(title)s” is published."),
        body=(
            _(
                "Good news: your contribution “%(title)s” passed moderation and is now "
                "published in the Learn library."
            ),
        ),
    ),
    "resource_rejected": NoticeText(
        subject=_("Your resource “%(title)s” was not accepted"),
        feed=_("“%(title)s” was not accepted."),
        body=(
            _("A moderator did not accept your contribution “%(title)s”."),
            _("Reason: %(reason)s"),
            _("You can edit it and submit it again."),
        ),
    ),
    # ---- events calendar -------------------------------------------------------------------
    "event_seat_given": NoticeText(
        subject=_("You have a seat: %(title)s"),
        feed=_("A seat became free: you are registered for “%(title)s”."),
        body=(
            _(
                "A seat became free and you moved up from the waiting list: you are registered "
                "for “%(title)s”, which starts on %(starts_at)s."
            ),
            _(
                "If you cannot attend any more, cancel your registration so the next person "
                "gets it."
            ),
        ),
    ),
    "event_cancelled": NoticeText(
        subject=_("Cancelled: %(title)s"),
        feed=_("“%(title)s” was cancelled."),
        body=(
            _("“%(title)s”, planned for %(starts_at)s, was cancelled by its organiser."),
            When("reason", _("Reason: %(reason)s")),
        ),
    ),
    "event_changed": NoticeText(
        subject=_("Changed: %(title)s"),
        feed=_("“%(title)s” changed: it now starts on %(starts_at)s."),
        body=(
            _(
                "The organiser changed “%(title)s”, which you registered for. It now starts on "
                "%(starts_at)s and ends on %(ends_at)s."
            ),
        ),
    ),
    # ---- opportunities ---------------------------------------------------------------------
    "opportunity_match": NoticeText(
        subject=_("A new opportunity matches your profile: %(title)s"),
        feed=_("New match: %(title)s"),
        body=(
            _("The opportunity “%(title)s” matches your skills and interests."),
            When("why", _("Why you: %(why)s")),
            _("Apply before %(deadline)s."),
        ),
    ),
    "interest_expressed": NoticeText(
        subject=_("Someone is interested in your opportunity"),
        feed=_("New expression of interest."),
        body=(
            _("A member expressed interest in an opportunity you posted. Review it in the app."),
        ),
    ),
    "interest_status_changed": NoticeText(
        subject=_("Your expression of interest: %(status)s"),
        feed=_("Expression of interest: %(status)s"),
        body=(_("The status of your expression of interest changed to: %(status)s."),),
        enums={"status": "interest_status"},
    ),
    # ---- alliance ---------------------------------------------------------------------------
    "alliance_membership": NoticeText(
        subject=_("Your alliance membership: %(status)s"),
        feed=_("Alliance membership: %(status)s"),
        body=(_("The alliance membership you act for is now: %(status)s."),),
        enums={"status": "member_status"},
    ),
    "meeting_invitation": NoticeText(
        subject=_("Invitation: %(title)s"),
        feed=_("You are invited: “%(title)s”, %(starts_at)s."),
        body=(
            _("A body whose member you act for meets: “%(title)s”, on %(starts_at)s."),
            _("The agenda and the documents are in the app."),
        ),
    ),
    "meeting_cancelled": NoticeText(
        subject=_("Meeting cancelled: %(title)s"),
        feed=_("Meeting cancelled: “%(title)s”."),
        body=(_("The meeting “%(title)s” planned for %(starts_at)s was cancelled."),),
    ),
    "vote_opened": NoticeText(
        subject=_("A vote is open: %(title)s"),
        feed=_("Vote open: “%(title)s”."),
        body=(
            _(
                "A vote is open on “%(title)s” in a body whose member you act for. Cast the "
                "member's ballot while the meeting is in session."
            ),
        ),
    ),
    "vote_closed": NoticeText(
        subject=_("Vote result: %(title)s"),
        feed=_("Vote on “%(title)s”: %(outcome)s."),
        body=(
            _(
                "The vote on “%(title)s” closed: %(outcome)s (yes %(yes)s, no %(no)s, "
                "abstentions %(abstain)s)."
            ),
        ),
        enums={"outcome": "vote_outcome"},
    ),
    "recommendation_published": NoticeText(
        subject=_("Recommendation published: %(title)s"),
        feed=_("Published: “%(title)s”."),
        body=(_("The alliance published the recommendation “%(title)s”."),),
    ),
    "commitment_status": NoticeText(
        subject=_("Commitment %(status)s: %(title)s"),
        feed=_("Commitment “%(title)s”: %(status)s."),
        body=(
            _("The commitment “%(title)s” pledged by the member you act for is now: %(status)s."),
            _("Report progress on its indicators in the app."),
        ),
        enums={"status": "commitment_status"},
    ),
    # ---- digests and newsletters --------------------------------------------------------------
    "digest": NoticeText(
        subject=_("Your %(period)s summary: %(count)s update(s)"),
        body=(_("Here is what happened since your last summary:"),),
        sections=(Section("groups"),),
        enums={"period": "period"},
    ),
    "newsletter": NoticeText(
        subject=None,
        body=(Verbatim("intro"),),
        sections=(
            Section("resources", _("In this issue:")),
            Section("events", _("Coming up:")),
        ),
    ),
}
