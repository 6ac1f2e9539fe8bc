"""A stand-in for the platform's API, for fast page tests (the browser tests use the real one).

It answers each path with a small, plausible document, so every page can be rendered in every
language without infrastructure."""

from __future__ import annotations

import json
import re
from typing import Any

import httpx

ME = "11111111-1111-1111-1111-111111111111"
OTHER = "22222222-2222-2222-2222-222222222222"
THING = "33333333-3333-3333-3333-333333333333"
NOW = "2026-05-01T10:00:00+00:00"

EVENT = {
    "id": THING,
    "kind": "webinar",
    "title": "Webinar",
    "description": "About",
    "language": "en",
    "organiser": "Desk",
    "time_zone": "Europe/Paris",
    "starts_at": NOW,
    "ends_at": NOW,
    "local_starts_at": NOW,
    "local_ends_at": NOW,
    "location": "Online",
    "online_url": None,
    "capacity": 1,
    "seats_left": 0,
}
RESOURCE = {
    "id": THING,
    "kind": "toolkit",
    "status": "published",
    "version": 1,
    "language": "fr",
    "original_language": "fr",
    "available_languages": ["fr", "en"],
    "title": "Guide",
    "summary": "Résumé",
    "body": "Texte",
    "themes": ["remittances"],
    "sdgs": [10],
    "countries": ["HT"],
    "regions": [],
    "year": 2025,
    "url": "https://example.org",
    "authors": [{"name": "IOM"}],
    "project": None,
    "hidden": False,
    "moderation_note": None,
    "published_at": NOW,
    "attachments": [
        {
            "id": OTHER,
            "filename": "guide.pdf",
            "media_type": "application/pdf",
            "size": 2048,
            "sha256": "x",
            "uploaded_at": NOW,
        }
    ],
}
OPPORTUNITY = {
    "id": THING,
    "kind": "mentors",
    "title": "Mentors",
    "description": "Help",
    "organisation": "Desk",
    "organisation_id": None,
    "deadline": NOW,
    "work_mode": "remote",
    "required_skills": ["S1"],
    "sectors": ["P"],
    "countries": ["HT"],
    "contribution_modes": ["mentoring"],
    "languages": ["fr"],
    "open": True,
}
SURVEY = {
    "campaign": {"id": THING, "name": "Skills 2026", "closes_on": "2099-12-31", "status": "open"},
    "survey": {
        "id": OTHER,
        "title": {"en": "Diaspora skills", "fr": "Compétences de la diaspora"},
        "languages": ["en", "fr"],
        "default_language": "en",
        "questions": [
            {
                "name": "consent",
                "type": "single_choice",
                "labels": {"en": "Do you agree?"},
                "required": True,
                "multiple": False,
                "choices": [{"name": "yes", "labels": {"en": "Yes"}}],
                "relevant": "",
                "dimension": None,
            },
            {
                "name": "country_of_origin",
                "type": "country",
                "labels": {"en": "Origin"},
                "required": False,
                "multiple": False,
                "choices": [],
                "relevant": "",
                "dimension": None,
            },
            {
                "name": "birth_year",
                "type": "number",
                "labels": {"en": "Birth year"},
                "required": False,
                "multiple": False,
                "choices": [],
                "relevant": "",
                "dimension": None,
            },
            {
                "name": "skills",
                "type": "multiple_choice",
                "labels": {"en": "Skills"},
                "required": False,
                "multiple": True,
                "choices": [{"name": "S1", "labels": {"en": "Communication"}}],
                "relevant": "",
                "dimension": None,
            },
            {
                "name": "note",
                "type": "note",
                "labels": {"en": "Thanks"},
                "required": False,
                "multiple": False,
                "choices": [],
                "relevant": "",
                "dimension": None,
            },
        ],
    },
}
TAXONOMY = {
    "occupations": [{"code": "2211", "label": "Doctors"}],
    "skills": [{"code": "S1", "label": "communication, collaboration and creativity"}],
    "sectors": [{"code": "P", "label": "Education"}],
    "education_levels": [{"code": "6", "label": "Bachelor"}],
}

ROUTES: list[tuple[str, str, Any]] = [
    (
        "GET",
        r"/v1/auth/me",
        {
            "account_id": ME,
            "email": "me@example.org",
            "display_name": "Amina",
            "locale": "en",
            "status": "active",
            "roles": ["member"],
        },
    ),
    (
        "GET",
        r"/v1/auth/2fa",
        {"enrolled": True, "confirmed_at": NOW, "recovery_codes_left": 9, "required": False},
    ),
    ("GET", r"/v1/auth/oidc/providers", [{"provider": "demo", "label": "Demo ID"}]),
    (
        "POST",
        r"/v1/auth/login",
        {"access_token": "t", "refresh_token": "r", "expires_in": 900, "refresh_expires_in": 3600},
    ),
    ("GET", r"/v1/vocabulary/roles", lambda request: role_catalogue(request)),
    ("GET", r"/v1/directory/taxonomy", TAXONOMY),
    (
        "GET",
        r"/v1/me/profile",
        {
            "display_name": "Amina",
            "country_of_origin": "HT",
            "languages": [{"code": "fr", "level": "native"}],
            "skills": ["S1"],
            "headline": {"en": "Nurse"},
            "bio": {},
            "visibility": {"city": "connections"},
            "photo": None,
        },
    ),
    (
        "GET",
        r"/v1/directory/people",
        {
            "items": [
                {
                    "person_id": OTHER,
                    "display_name": "Élodie",
                    "headline": {"en": "Teacher"},
                    "country_of_origin": "HT",
                    "country_of_residence": "CA",
                }
            ],
            "next_cursor": "c1",
            "facets": {"origin": {"HT": 1}, "skill": {"S1": 1}},
        },
    ),
    ("GET", r"/v1/people/[0-9a-f-]+/photo", b"\x89PNG"),
    (
        "GET",
        r"/v1/people/[0-9a-f-]+",
        {
            "person_id": OTHER,
            "display_name": "Élodie",
            "country_of_origin": "HT",
            "languages": [{"code": "fr"}],
            "skills": ["S1"],
            "contribution_modes": ["mentoring"],
            "bio": {"en": "Hi"},
            "headline": {"en": "Teacher"},
        },
    ),
    ("GET", r"/v1/connections/blocks", [{"person_id": OTHER, "blocked_at": NOW}]),
    (
        "GET",
        r"/v1/connections",
        [
            {
                "connection_id": THING,
                "person_id": OTHER,
                "direction": "incoming",
                "status": "pending",
                "note": "Hi",
                "requested_at": NOW,
                "responded_at": None,
            },
            {
                "connection_id": OTHER,
                "person_id": OTHER,
                "direction": "outgoing",
                "status": "accepted",
                "note": None,
                "requested_at": NOW,
                "responded_at": NOW,
            },
        ],
    ),
    (
        "GET",
        r"/v1/conversations/[0-9a-f-]+/messages",
        {
            "items": [
                {
                    "message_id": THING,
                    "conversation_id": THING,
                    "sender_id": ME,
                    "body": "Hello",
                    "sent_at": NOW,
                }
            ],
            "next_cursor": None,
        },
    ),
    (
        "GET",
        r"/v1/conversations",
        [{"conversation_id": THING, "person_id": OTHER, "last_message_at": NOW, "unread": 2}],
    ),
    (
        "GET",
        r"/v1/resources/mine",
        {
            "items": [
                {
                    "id": THING,
                    "kind": "toolkit",
                    "title": "Mine",
                    "status": "submitted",
                    "moderation_note": None,
                }
            ]
        },
    ),
    (
        "GET",
        r"/v1/resources/moderation-queue",
        [
            {
                "id": THING,
                "kind": "toolkit",
                "status": "submitted",
                "hidden": False,
                "updated_at": NOW,
                "original_language": "fr",
                "reports": 0,
                "title": "Guide",
            }
        ],
    ),
    ("GET", r"/v1/resources/moderation-queue/counts", {"submitted": 1, "reported": 2, "hidden": 0}),
    (
        "GET",
        r"/v1/resources/[0-9a-f-]+/history",
        [
            {"version": 1, "action": "drafted", "reason": None, "at": NOW},
            {"version": 2, "action": "reported", "reason": "Spam", "at": NOW},
        ],
    ),
    ("GET", r"/v1/resources/[0-9a-f-]+", {**RESOURCE, "status": "submitted"}),
    ("GET", r"/v1/vocabulary/(resource_themes|contribution_modes)", lambda request: terms(request)),
    (
        "GET",
        r"/v1/resources",
        {
            "items": [{**RESOURCE, "summary": "S"}],
            "next_cursor": "c",
            "facets": {
                "kind": [{"value": "toolkit", "count": 1}],
                "theme": [{"value": "remittances", "count": 1}],
                "year": [{"value": 2025, "count": 1}],
            },
        },
    ),
    (
        "GET",
        r"/v1/events/[0-9a-f-]+/registrations/me",
        {
            "id": THING,
            "event_id": THING,
            "person_id": ME,
            "status": "waitlisted",
            "waitlist_position": 1,
        },
    ),
    ("GET", r"/v1/events/[0-9a-f-]+", EVENT),
    ("GET", r"/v1/events", {"items": [EVENT], "next_cursor": None}),
    (
        "GET",
        r"/v1/preferences",
        {
            "channels": {"in_app": True, "email": True},
            "categories": {"events": "daily"},
            "language": "fr",
            "time_zone": "Europe/Paris",
            "quiet_hours": {"start": "22:00:00", "end": "07:00:00"},
            "version": 2,
        },
    ),
    (
        "GET",
        r"/v1/courses/completions/.+",
        {
            "completion_id": THING,
            "course_id": THING,
            "course_title": "Basics",
            "completed_at": NOW,
            "valid": True,
        },
    ),
    (
        "GET",
        r"/v1/courses/[0-9a-f-]+/enrolments/me",
        {
            "course_id": THING,
            "completion_id": THING,
            "completed_lessons": ["l1"],
            "progress": 0.5,
            "completed_at": None,
        },
    ),
    (
        "GET",
        r"/v1/courses/[0-9a-f-]+",
        {
            "id": THING,
            "title": "Basics",
            "description": "D",
            "language": "en",
            "modules": [
                {
                    "title": "M",
                    "lessons": [
                        {"id": "l1", "title": "L1", "resource_id": THING},
                        {"id": "l2", "title": "L2"},
                    ],
                }
            ],
        },
    ),
    (
        "GET",
        r"/v1/courses",
        {
            "items": [{"id": THING, "title": "Basics", "description": "D", "language": "en"}],
            "next_cursor": None,
        },
    ),
    (
        "GET",
        r"/v1/opportunities/for-me",
        [
            {
                "opportunity": OPPORTUNITY,
                "score": 0.8,
                "reasons": [
                    {"kind": "shared_skills", "values": ["S1"]},
                    {"kind": "country_of_origin", "values": ["HT"]},
                ],
            }
        ],
    ),
    (
        "GET",
        r"/v1/opportunities/interests/mine",
        {
            "items": [
                {
                    "id": OTHER,
                    "opportunity_id": THING,
                    "opportunity_title": "Mentors",
                    "status": "shortlisted",
                    "created_at": NOW,
                }
            ]
        },
    ),
    ("GET", r"/v1/opportunities/[0-9a-f-]+", OPPORTUNITY),
    ("GET", r"/v1/opportunities", {"items": [OPPORTUNITY], "next_cursor": None}),
    (
        "GET",
        r"/v1/mapping/responses/mine",
        {"items": [{"id": THING, "campaign_id": THING, "submitted_at": NOW}]},
    ),
    ("GET", r"/v1/mapping/campaigns/[0-9a-f-]+/questionnaire", SURVEY),
    (
        "GET",
        r"/v1/mapping/campaigns",
        {
            "items": [
                {
                    "id": THING,
                    "name": "Haitian diaspora mapping 2026",
                    "origin_country": "HT",
                    "opens_on": "2026-01-01",
                    "closes_on": "2026-12-31",
                    "status": "open",
                }
            ]
        },
    ),
    ("GET", r"/v1/notifications/feed/unread-count", {"unread": 3}),
    (
        "GET",
        r"/v1/notifications/feed",
        {
            "items": [
                {
                    "id": THING,
                    "position": 1,
                    "category": "events",
                    "type": "x",
                    "locale": "en",
                    "title": "Promoted",
                    "body": "You have a seat",
                    "link": "/events/x",
                    "created_at": NOW,
                    "read": False,
                }
            ],
            "next_cursor": None,
            "unread": 1,
        },
    ),
    (
        "GET",
        r"/v1/me/consents",
        {
            "consents": [
                {
                    "purpose": "directory_listing",
                    "recipient_kind": "platform",
                    "recipient_id": None,
                    "granted": True,
                    "by_default": True,
                },
                {
                    "purpose": "newsletters",
                    "recipient_kind": "platform",
                    "recipient_id": None,
                    "granted": False,
                    "by_default": False,
                },
            ],
            "history": [],
        },
    ),
    (
        "GET",
        r"/v1/me/audit-log",
        {
            "items": [
                {
                    "id": THING,
                    "service": "resources",
                    "accessor_id": OTHER,
                    "accessor_role": "moderator",
                    "record_type": "registration",
                    "record_id": THING,
                    "accessed_at": NOW,
                }
            ],
            "next_cursor": None,
        },
    ),
    (
        "GET",
        r"/v1/me/exports/[0-9a-f-]+",
        {
            "export_id": THING,
            "status": "ready",
            "requested_at": NOW,
            "ready_at": NOW,
            "expires_at": NOW,
            "services": {"profiles": {"status": "received"}, "resources": {"status": "pending"}},
        },
    ),
    (
        "GET",
        r"/v1/privacy/erasures/[0-9a-f-]+",
        {
            "erasure_id": THING,
            "status": "completed",
            "requested_at": NOW,
            "completed_at": NOW,
            "requests": 1,
            "services": {"profiles": {"status": "confirmed"}, "resources": {"status": "confirmed"}},
        },
    ),
]


#: the shared vocabulary's labels of one term per scheme in each language (as contracts
#: names them)
TERMS = {
    "resource_themes": (
        "remittances",
        {
            "en": "Remittances",
            "fr": "Transferts de fonds",
            "es": "Remesas",
            "ar": "التحويلات المالية",
        },
    ),
    "contribution_modes": (
        "mentoring",
        {"en": "Mentoring", "fr": "Mentorat", "es": "Mentoría", "ar": "الإرشاد"},
    ),
}
REMITTANCES = TERMS["resource_themes"][1]


def terms(request: httpx.Request) -> dict[str, Any]:
    scheme, lang = request.url.path.rsplit("/", 1)[1], request.url.params.get("lang", "en")
    code, labels = TERMS[scheme]
    label = {"text": labels[lang], "lang": lang, "fallback": False}
    return {"scheme": scheme, "lang": lang, "terms": [{"code": code, "label": label}]}


#: the API's role catalogue, in short: a role's name per language and what it permits
ROLE_NAMES = {
    "moderator": {"en": "Moderator", "fr": "Modérateur", "es": "Moderador", "ar": "مشرف"},
    "member": {"en": "Member", "fr": "Membre", "es": "Miembro", "ar": "عضو"},
}
ROLE_PERMITS = {"moderator": {"resources": ["resources.moderate"]}, "member": {}}


def role_catalogue(request: httpx.Request) -> list[dict[str, Any]]:
    lang = request.url.params.get("lang", "en")
    return [
        {
            "role": role,
            "name": {"text": names[lang], "lang": lang, "fallback": False},
            "meaning": {"text": "", "lang": lang, "fallback": False},
            "granted_by": ["platform_admin"],
            "permits": ROLE_PERMITS[role],
        }
        for role, names in ROLE_NAMES.items()
    ]


def handler(request: httpx.Request) -> httpx.Response:
    for method, pattern, answer in ROUTES:
        if request.method == method and re.fullmatch(pattern, request.url.path):
            body = answer(request) if callable(answer) else answer
            if isinstance(body, bytes):
                return httpx.Response(200, content=body, headers={"content-type": "image/png"})
            return httpx.Response(
                200,
                content=json.dumps(body),
                headers={"content-type": "application/json", "etag": '"1"'},
            )
    if request.method != "GET":
        return httpx.Response(200, json={"id": THING, "export_id": THING, "status": "confirmed"})
    return httpx.Response(404, json={"type": "about:blank", "title": "Not Found", "status": 404})


def transport() -> httpx.MockTransport:
    return httpx.MockTransport(handler)
