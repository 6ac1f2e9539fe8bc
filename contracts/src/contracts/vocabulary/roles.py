"""Account roles: the one list every service checks, and what each role permits where.

A service never tests a role name: it asks whether the caller's roles permit an action
(``permits(principal.roles, Permission.RESOURCES_MODERATE)``, or ``holding(...)`` for a
role-gated dependency). Who may grant each role is here too, so profiles' admin API and the
web client's consoles agree. Every account is a ``member``; the other roles are granted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from contracts.vocabulary.locales import DEFAULT_LOCALE
from contracts.vocabulary.schemes import Label
from contracts.vocabulary.terms import _, translate


class Role(StrEnum):
    MEMBER = "member"
    ORGANISATION_ADMIN = "organisation_admin"
    GOVERNMENT_FOCAL_POINT = "government_focal_point"
    ALLIANCE_SECRETARIAT = "alliance_secretariat"
    MODERATOR = "moderator"
    PARTNER = "partner"
    PLATFORM_ADMIN = "platform_admin"


class Permission(StrEnum):
    """``<service>.<action>``: what a role lets its holder do in one service."""

    # profiles
    PROFILES_ADMINISTER_ACCOUNTS = "profiles.administer_accounts"
    PROFILES_VERIFY_ORGANISATIONS = "profiles.verify_organisations"
    PROFILES_RUN_CAMPAIGNS = "profiles.run_campaigns"
    PROFILES_RUN_GOVERNMENT_CAMPAIGNS = "profiles.run_government_campaigns"
    PROFILES_OVERSEE_CAMPAIGNS = "profiles.oversee_campaigns"
    #: every service's dead-letter topics, counted and replayed through profiles' admin API
    PROFILES_REPLAY_DEAD_LETTERS = "profiles.replay_dead_letters"
    # resources
    RESOURCES_MODERATE = "resources.moderate"
    RESOURCES_POST_OPPORTUNITIES = "resources.post_opportunities"
    RESOURCES_SCHEDULE_EVENTS = "resources.schedule_events"
    RESOURCES_PUBLISH_COURSES = "resources.publish_courses"
    # alliance
    ALLIANCE_ACT_AS_SECRETARIAT = "alliance.act_as_secretariat"
    # notifications
    NOTIFICATIONS_SEND_NEWSLETTERS = "notifications.send_newsletters"
    NOTIFICATIONS_MANAGE_NEWSLETTERS = "notifications.manage_newsletters"
    NOTIFICATIONS_SUBSCRIBE_WEBHOOKS = "notifications.subscribe_webhooks"
    NOTIFICATIONS_OPERATE_WEBHOOKS = "notifications.operate_webhooks"

    @property
    def service(self) -> str:
        return self.value.split(".", 1)[0]


P = Permission


@dataclass(frozen=True)
class RoleDefinition:
    role: Role
    #: the role's name for people (English; the gettext message id)
    name: str
    #: what the role is for (English; the gettext message id)
    meaning: str
    #: roles whose holders may grant and revoke this one (empty: nobody, it is implicit)
    granted_by: frozenset[Role]
    permits: frozenset[Permission]

    def label(self, locale: str | None = DEFAULT_LOCALE) -> Label:
        return translate(self.name, locale)

    def meaning_in(self, locale: str | None = DEFAULT_LOCALE) -> Label:
        return translate(self.meaning, locale)

    def permits_in(self, service: str) -> list[Permission]:
        return sorted(p for p in self.permits if p.service == service)


_ADMIN = frozenset({Role.PLATFORM_ADMIN})

#: most privileged first: the order in which an audit log names the capacity a reader acted in
ROLES: dict[Role, RoleDefinition] = {
    d.role: d
    for d in (
        RoleDefinition(
            Role.PLATFORM_ADMIN,
            _("Platform administrator"),
            _("Runs the platform: grants roles, verifies organisations, operates webhooks."),
            _ADMIN,
            frozenset(
                {
                    P.PROFILES_ADMINISTER_ACCOUNTS,
                    P.PROFILES_REPLAY_DEAD_LETTERS,
                    P.PROFILES_VERIFY_ORGANISATIONS,
                    P.PROFILES_RUN_CAMPAIGNS,
                    P.PROFILES_RUN_GOVERNMENT_CAMPAIGNS,
                    P.PROFILES_OVERSEE_CAMPAIGNS,
                    P.RESOURCES_MODERATE,
                    P.RESOURCES_POST_OPPORTUNITIES,
                    P.RESOURCES_SCHEDULE_EVENTS,
                    P.RESOURCES_PUBLISH_COURSES,
                    P.NOTIFICATIONS_SEND_NEWSLETTERS,
                    P.NOTIFICATIONS_MANAGE_NEWSLETTERS,
                    P.NOTIFICATIONS_SUBSCRIBE_WEBHOOKS,
                    P.NOTIFICATIONS_OPERATE_WEBHOOKS,
                }
            ),
        ),
        RoleDefinition(
            Role.MODERATOR,
            _("Moderator"),
            _("Reviews contributed resources and reported content."),
            _ADMIN,
            frozenset(
                {
                    P.RESOURCES_MODERATE,
                    P.RESOURCES_POST_OPPORTUNITIES,
                    P.RESOURCES_SCHEDULE_EVENTS,
                    P.RESOURCES_PUBLISH_COURSES,
                }
            ),
        ),
        RoleDefinition(
            Role.GOVERNMENT_FOCAL_POINT,
            _("Government focal point"),
            _(
                "Speaks for a ministry or consulate: runs mapping campaigns, declares sector "
                "needs, posts opportunities and events."
            ),
            _ADMIN,
            frozenset(
                {
                    P.PROFILES_RUN_CAMPAIGNS,
                    P.PROFILES_RUN_GOVERNMENT_CAMPAIGNS,
                    P.RESOURCES_POST_OPPORTUNITIES,
                    P.RESOURCES_SCHEDULE_EVENTS,
                    P.RESOURCES_PUBLISH_COURSES,
                }
            ),
        ),
        RoleDefinition(
            Role.ORGANISATION_ADMIN,
            _("Organisation administrator"),
            _(
                "Speaks for a diaspora organisation: runs its mapping campaigns, posts "
                "opportunities, events and courses."
            ),
            _ADMIN,
            frozenset(
                {
                    P.PROFILES_RUN_CAMPAIGNS,
                    P.RESOURCES_POST_OPPORTUNITIES,
                    P.RESOURCES_SCHEDULE_EVENTS,
                    P.RESOURCES_PUBLISH_COURSES,
                }
            ),
        ),
        RoleDefinition(
            Role.ALLIANCE_SECRETARIAT,
            _("Alliance secretariat"),
            _(
                "The platform-wide secretariat of every alliance: admits members, runs bodies, "
                "meetings and the recommendation pipeline, sends newsletters."
            ),
            _ADMIN,
            frozenset(
                {
                    P.ALLIANCE_ACT_AS_SECRETARIAT,
                    P.RESOURCES_SCHEDULE_EVENTS,
                    P.NOTIFICATIONS_SEND_NEWSLETTERS,
                }
            ),
        ),
        RoleDefinition(
            Role.PARTNER,
            _("Partner"),
            _("An outside system that subscribes to platform events by signed webhooks."),
            _ADMIN,
            frozenset({P.NOTIFICATIONS_SUBSCRIBE_WEBHOOKS}),
        ),
        RoleDefinition(
            Role.MEMBER,
            _("Member"),
            _("Every account: a profile, connections, learning, contributing."),
            frozenset(),
            frozenset(),
        ),
    )
}


def role(name: str) -> Role:
    """The role called ``name``; ``ValueError`` for a name that is not a role."""
    return Role(name)


def holding(permission: Permission) -> tuple[str, ...]:
    """The role names whose holders have ``permission`` (for ``require_role(*...)``)."""
    return tuple(d.role.value for d in ROLES.values() if permission in d.permits)


def permits(roles: Iterable[str], permission: Permission) -> bool:
    held = set(roles)
    return any(d.role.value in held and permission in d.permits for d in ROLES.values())


def may_grant(granter_roles: Iterable[str], granted: Role) -> bool:
    held = set(granter_roles)
    return any(r.value in held for r in ROLES[granted].granted_by)


def most_privileged(roles: Iterable[str]) -> Role:
    """The first of ``roles`` in ``ROLES`` order (``member`` when none is granted)."""
    held = set(roles)
    return next((r for r in ROLES if r.value in held), Role.MEMBER)
