"""Role-aware navigation: what a visitor sees in the shared layout's menus.

Sections hold items; an item can require a permission (``service.permission``, what the
API's role catalogue says a role permits: never a role's name). The member portal is one
section; the consoles of moderators, organisations, focal points, the secretariat, partners
and administrators (issue 28) are sections of their own that appear only to those who hold
a role that permits it: add a section to :data:`SECTIONS` and its pages to ``web.pages``.
"""

from __future__ import annotations

from dataclasses import dataclass

from web.session import Session


def N_(message: str) -> str:
    """Mark a label for translation; it is translated when the menu is rendered."""
    return message


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str
    href: str
    #: the permission that shows the item; empty: every signed-in person
    permission: str = ""
    #: shown to visitors who are not signed in too
    public: bool = False

    def visible_to(self, session: Session) -> bool:
        if self.public:
            return True
        if not session.signed_in:
            return False
        return not self.permission or session.may(self.permission)


@dataclass(frozen=True)
class NavSection:
    key: str
    label: str
    items: tuple[NavItem, ...]

    def visible_items(self, session: Session) -> list[NavItem]:
        return [item for item in self.items if item.visible_to(session)]


PORTAL = NavSection(
    "portal",
    N_("Member portal"),
    (
        NavItem("people", N_("People"), "/people", public=False),
        NavItem("connections", N_("Connections"), "/connections"),
        NavItem("messages", N_("Messages"), "/messages"),
        NavItem("library", N_("Library"), "/library", public=True),
        NavItem("events", N_("Events"), "/events", public=True),
        NavItem("courses", N_("Courses"), "/courses", public=True),
        NavItem("opportunities", N_("Opportunities"), "/opportunities", public=True),
        NavItem("surveys", N_("Surveys"), "/surveys"),
    ),
)

#: who may moderate: the API's permission
MODERATE = "resources.moderate"
#: who runs a government's diaspora mapping (the focal point's console)
RUN_GOVERNMENT_CAMPAIGNS = "profiles.run_government_campaigns"

#: who runs an organisation's console (the organisation administrator role's permission)
ORGANISE = "resources.post_opportunities"
#: who runs the partner console (the partner role's permission)
SUBSCRIBE_WEBHOOKS = "notifications.subscribe_webhooks"

#: who runs the platform administrator's console (accounts and their roles, signing keys)
ADMINISTER_ACCOUNTS = "profiles.administer_accounts"
#: who verifies organisations (the administrator console's organisations tab)
VERIFY_ORGANISATIONS = "profiles.verify_organisations"

#: who runs the alliance secretariat's console (the alliance_secretariat role's permission)
ACT_AS_SECRETARIAT = "alliance.act_as_secretariat"

#: the consoles (issue 28), each gated by its platform roles
CONSOLES = NavSection(
    "consoles",
    N_("Consoles"),
    (
        NavItem(
            "moderation",
            N_("Moderation"),
            "/moderation",
            permission=MODERATE,
        ),
        NavItem(
            "mapping",
            N_("Diaspora mapping"),
            "/mapping",
            permission=RUN_GOVERNMENT_CAMPAIGNS,
        ),
        NavItem("organisation", N_("My organisation"), "/organisation", permission=ORGANISE),
        NavItem("webhooks", N_("Webhooks"), "/partner", permission=SUBSCRIBE_WEBHOOKS),
        NavItem("administration", N_("Administration"), "/admin", permission=ADMINISTER_ACCOUNTS),
        NavItem(
            "secretariat", N_("Alliance secretariat"), "/secretariat", permission=ACT_AS_SECRETARIAT
        ),
    ),
)

ACCOUNT = NavSection(
    "account",
    N_("My account"),
    (
        NavItem("profile", N_("My profile"), "/me/profile"),
        NavItem("notifications", N_("Notifications"), "/notifications"),
        NavItem("preferences", N_("Notification settings"), "/notifications/preferences"),
        NavItem("privacy", N_("Privacy centre"), "/privacy"),
        NavItem("security", N_("Sign-in security"), "/me/security"),
        # representing an alliance member is the alliance's record, not a platform role:
        # offered to everyone, the page says what the API knows (web.pages.alliance)
        NavItem("alliance", N_("My alliance seats"), "/alliance"),
    ),
)

SECTIONS: tuple[NavSection, ...] = (PORTAL, CONSOLES, ACCOUNT)


def menus(session: Session) -> list[tuple[NavSection, list[NavItem]]]:
    """The sections with at least one item this visitor may see, and those items."""
    shown = [(section, section.visible_items(session)) for section in SECTIONS]
    return [(section, items) for section, items in shown if items]
