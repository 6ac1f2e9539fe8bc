"""Commands: what a caller asks the profiles service to do (imperative)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class RegisterAccount:
    email: str
    password: str
    display_name: str
    locale: str = "en"
