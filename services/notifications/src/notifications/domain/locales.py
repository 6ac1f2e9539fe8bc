"""Language fallback: ``pt-BR`` -> ``pt`` -> ``en``."""

from __future__ import annotations

DEFAULT_LOCALE = "en"


def fallback_chain(locale: str) -> list[str]:
    parts = locale.replace("_", "-").split("-")
    chain = ["-".join(parts[:i]) for i in range(len(parts), 0, -1)]
    if DEFAULT_LOCALE not in chain:
        chain.append(DEFAULT_LOCALE)
    return chain
