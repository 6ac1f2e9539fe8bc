"""The committed deploy/ files are exactly what the generator produces from the code now.

A new topic in the registry, a new route prefix, a consumer subscribing to another topic or a
changed graceful timeout all change the generated files: this test fails until someone runs
``uv run python deploy/tools/generate.py`` and commits the result.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

import pytest


@pytest.fixture(scope="module")
def generated(generator: ModuleType) -> dict[Path, str]:
    return generator.render_all()


def test_committed_files_equal_generator_output(
    generator: ModuleType, generated: dict[Path, str]
) -> None:
    stale = [str(p.relative_to(generator.REPO)) for p in generator.drifted(generated)]
    assert not stale, f"regenerate with `uv run python deploy/tools/generate.py`: {stale}"


def test_every_service_has_a_dockerfile_and_base_manifest(
    generator: ModuleType, generated: dict[Path, str]
) -> None:
    table = generator.load_route_table(generator.DEPLOY / "gateway" / "routes.yaml")
    for svc in table.services:
        if svc == generator.WEB:  # the web client: web/, one Deployment, no database
            assert generator.REPO / "web" / "Dockerfile" in generated
            assert generator.K8S / "base" / "web.yaml" in generated
            continue
        assert generator.REPO / "services" / svc / "Dockerfile" in generated
        assert generator.K8S / "base" / f"service-{svc}.yaml" in generated


def test_drift_is_detected(
    generator: ModuleType, generated: dict[Path, str], tmp_path: Path
) -> None:
    """The check can fail: a hand edit (or a stale file) is reported."""
    target = generator.K8S / "base" / "kafka-topics.yaml"
    edited = dict(generated)
    edited[target] = generated[target].replace("partitions: 6", "partitions: 7", 1)
    assert edited[target] != generated[target]
    assert target in generator.drifted(edited)
