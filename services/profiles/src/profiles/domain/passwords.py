"""Password strength rules (NIST SP 800-63B style: length over composition rules)."""

from __future__ import annotations

from eventkit import domain_errors as kinds

MIN_LENGTH = 10
MAX_LENGTH = 256
_COMMON = frozenset(
    {
        "password123",
        "1234567890",
        "qwertyuiop",
        "iloveyou123",
        "password1234",
        "letmein1234",
        "welcome1234",
        "azertyuiop",
        "0123456789",
        "motdepasse1",
        "contrasena1",
    }
)


class WeakPassword(kinds.InvalidInput, ValueError):
    title = "Weak password"


def check_strength(password: str, *, email: str = "", display_name: str = "") -> None:
    """Raise ``WeakPassword`` explaining the first rule the password breaks."""
    if len(password) < MIN_LENGTH:
        raise WeakPassword(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        raise WeakPassword(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in _COMMON or len(set(password)) < 4:
        raise WeakPassword("This password is too common or too repetitive.")
    local_part = email.split("@", 1)[0].lower()
    if len(local_part) >= 4 and local_part in lowered:
        raise WeakPassword("The password must not contain your email address.")
    name = display_name.lower().replace(" ", "")
    if len(name) >= 4 and name in lowered.replace(" ", ""):
        raise WeakPassword("The password must not contain your name.")
