"""Where the deploy tests find their external tools and the operators' CRD schemas.

``kubeconform`` and ``promtool`` are Go programs, installed from the Go module proxy by
``make tools`` into ``.local/bin`` (pinned versions, see the Makefile). The CRD schemas are
the operators' published ones in ``shared/crd-schemas`` beside the repository (CI lays
``shared/`` beside its clone); ``CRD_SCHEMAS_DIR`` points elsewhere. Missing either is a
failure with the command that fixes it, never a skip.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def go_tool(name: str) -> str:
    """The pinned build in .local/bin, else one on PATH or in Go's own bin folder."""
    candidates = [os.environ.get(name.upper()), str(REPO / ".local" / "bin" / name)]
    candidates += [shutil.which(name), str(Path.home() / "go" / "bin" / name)]
    for found in candidates:
        if found and Path(found).is_file() and os.access(found, os.X_OK):
            return found
    pytest.fail(f"{name} is not installed: run `make tools` (go install through the module proxy)")


def crd_schemas() -> Path:
    """``shared/crd-schemas`` beside the repository or beside one of its parent folders
    (a worktree in ``/work/wt/<name>``), or ``$CRD_SCHEMAS_DIR``."""
    given = os.environ.get("CRD_SCHEMAS_DIR")
    if given:
        path = Path(given)
        if not path.is_dir():
            pytest.fail(f"CRD_SCHEMAS_DIR={given} is not a folder")
        return path
    for folder in REPO.parents:
        path = folder / "shared" / "crd-schemas"
        if path.is_dir():
            return path
    pytest.fail(
        f"no shared/crd-schemas beside {REPO} or any parent folder: the operators' CRD "
        "schemas (Strimzi, CloudNativePG, Barman Cloud, KEDA, Gateway API, Prometheus "
        "Operator) are needed to validate the manifests; set CRD_SCHEMAS_DIR"
    )
