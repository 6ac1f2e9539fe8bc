"""Crypto-shredding's KEK in the rendered manifests: every profiles process gets the current
KEK and, during a rotation, the previous ones, both from the ``profiles-subject-keys`` Secret
(docs/privacy.md, "Rotating the key-encryption key")."""

from __future__ import annotations

from typing import Any

import pytest

Doc = dict[str, Any]
OVERLAYS = ["dev", "prod"]


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_every_profiles_process_gets_the_current_and_the_optional_previous_kek(
    rendered: dict[str, list[Doc]], overlay: str
) -> None:
    profiles = [
        d
        for d in rendered[overlay]
        if d["kind"] in ("Deployment", "Job")
        and d["metadata"]["labels"]["app.kubernetes.io/name"] == "profiles"
    ]
    components = {d["metadata"]["labels"]["app.kubernetes.io/component"] for d in profiles}
    assert {"api", "worker"} <= components
    for doc in profiles:
        (container,) = doc["spec"]["template"]["spec"]["containers"]
        env = {e["name"]: e for e in container["env"]}
        assert env["SUBJECT_KEY_KEK"]["valueFrom"]["secretKeyRef"] == {
            "name": "profiles-subject-keys",
            "key": "kek",
        }
        # optional: outside a rotation the Secret has no such key and the variable is unset
        assert env["SUBJECT_KEY_KEK_PREVIOUS"]["valueFrom"]["secretKeyRef"] == {
            "name": "profiles-subject-keys",
            "key": "kek_previous",
            "optional": True,
        }
