"""Forms: CSRF-checked reading, and the API's problem+json mapped to messages beside fields.

A page names which of its fields an API error location or problem title belongs to; the
message shown is always a localised one of ours (the API speaks English), and what the person
typed is given back to the form so nothing is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from web.api import ApiProblem
from web.navigation import N_

#: problem titles the API answers, in the words a person reads (translated when shown)
KNOWN_TITLES: dict[str, str] = {
    "Weak password": N_("Choose a longer password: at least 12 characters, not a common one."),
    "Invalid email address": N_("Enter an email address like name@example.org."),
    "Invalid credentials": N_("The email address or the password is not right."),
    "Unauthorized": N_("The email address or the password is not right."),
    "Too Many Requests": N_("Too many attempts. Wait a moment and try again."),
    "Precondition Failed": N_("Someone changed this meanwhile. Here is the latest version."),
    "Payload Too Large": N_("This file is too large."),
    "Content Too Large": N_("This file is too large."),
    "Unsupported Media Type": N_("This type of file is not accepted."),
}
#: pydantic error types, in a person's words
KNOWN_TYPES: dict[str, str] = {
    "missing": N_("This field is required."),
    "string_too_short": N_("This field is required."),
    "string_too_long": N_("This is too long."),
    "string_pattern_mismatch": N_("This value is not in the expected form."),
    "uuid_parsing": N_("This value is not valid."),
    "int_parsing": N_("Enter a whole number."),
    "greater_than_equal": N_("This number is too small."),
    "less_than_equal": N_("This number is too large."),
}
GENERIC = N_("This value is not valid.")


@dataclass
class FormErrors:
    """Messages (msgids, translated when rendered) per field; ``None``: the whole form."""

    fields: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)

    def add(self, name: str | None, message: str) -> None:
        if name is None:
            self.general.append(message)
        else:
            self.fields.setdefault(name, message)


def problem_errors(
    problem: ApiProblem,
    *,
    fields: Mapping[str, str] | None = None,
    titles: Mapping[str, str] | None = None,
) -> FormErrors:
    """Map a problem to form errors.

    ``fields``: the API's field names (last element of an error's ``loc``) -> the form's.
    ``titles``: problem titles -> the form field they concern (e.g. "Weak password" ->
    "password"); a title not named lands above the form."""
    fields, titles = fields or {}, titles or {}
    errors = FormErrors()
    for item in problem.errors:
        loc = [str(p) for p in item.get("loc", ()) if not str(p).isdigit()]
        api_name = loc[-1] if loc else ""
        name = fields.get(api_name, api_name) if api_name not in ("body", "") else None
        errors.add(name, KNOWN_TYPES.get(str(item.get("type")), GENERIC))
    if not errors:
        message = KNOWN_TITLES.get(problem.title, "")
        target = titles.get(problem.title)
        if not message:
            message = status_message(problem.status)
        errors.add(target, message)
    return errors


def status_message(status: int) -> str:
    return {
        403: N_("You are not allowed to do this."),
        404: N_("This no longer exists."),
        409: N_("This cannot be done in its current state."),
        410: N_("This link has expired."),
        413: N_("This file is too large."),
        415: N_("This type of file is not accepted."),
        422: N_("Some values are not valid. Check the fields below."),
        429: N_("Too many attempts. Wait a moment and try again."),
    }.get(status, N_("The platform could not do this just now. Try again in a moment."))


Validator = Callable[[str], str | None]


def required(value: str) -> str | None:
    return None if value.strip() else N_("This field is required.")


def check(values: Mapping[str, Any], rules: Mapping[str, list[Validator]]) -> FormErrors:
    """Checks done before calling the API (the API checks again)."""
    errors = FormErrors()
    for name, validators in rules.items():
        for validate in validators:
            message = validate(str(values.get(name, "") or ""))
            if message:
                errors.add(name, message)
                break
    return errors


KNOWN_TITLES.update(
    {
        "Too many failed sign-ins": N_(
            "Too many failed sign-ins. Wait a moment, or choose a new password."
        ),
        "Too many emails": N_("We sent several emails recently: look in your inbox."),
        "Link expired": N_("This link has expired. Ask for a new one."),
        "Invalid link": N_("This link is not valid. Ask for a new one."),
        "Already verified": N_("Your email address is already confirmed."),
    }
)
