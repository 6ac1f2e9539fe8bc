"""The SDKs in sdk/ are the ones `make sdk` generates from docs/api/platform.openapi.json now:
a stale SDK fails the build (regenerated here into a scratch folder and compared file by file)."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENT = ROOT / "docs" / "api" / "platform.openapi.json"
PYTHON_SDK = ROOT / "sdk" / "python"
TYPESCRIPT_SDK = ROOT / "sdk" / "typescript"


def _differences(left: Path, right: Path) -> list[str]:
    compared = filecmp.dircmp(left, right, ignore=["__pycache__", ".ruff_cache"])
    found = [f"only in sdk/: {n}" for n in compared.left_only]
    found += [f"missing from sdk/: {n}" for n in compared.right_only]
    found += [f"stale: {n}" for n in compared.diff_files]
    for name, sub in compared.subdirs.items():
        found += [f"{name}/{d}" for d in _differences(Path(sub.left), Path(sub.right))]
    return found


def test_the_python_sdk_is_generated_from_the_current_document(tmp_path: Path) -> None:
    out = tmp_path / "diaspora_platform_client"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(DOCUMENT),
            "--config",
            str(PYTHON_SDK / "generator.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(out),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.is_dir(), run.stdout[-3000:] + run.stderr[-3000:]
    stale = _differences(PYTHON_SDK / "src" / "diaspora_platform_client", out)
    assert not stale, f"run make sdk: {stale[:20]}"


def test_the_typescript_sdk_is_generated_from_the_current_document(tmp_path: Path) -> None:
    npx = shutil.which("npx")
    assert npx and (TYPESCRIPT_SDK / "node_modules" / "openapi-typescript").is_dir(), (
        "run make install"
    )
    out = tmp_path / "schema.d.ts"
    run = subprocess.run(
        [
            npx,
            "openapi-typescript",
            str(DOCUMENT),
            "--default-non-nullable",
            "false",
            "--output",
            str(out),
        ],
        cwd=TYPESCRIPT_SDK,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert out.read_text() == (TYPESCRIPT_SDK / "src" / "schema.d.ts").read_text(), "run make sdk"
