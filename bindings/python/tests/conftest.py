"""Shared fixtures: the repository root (for its data files) and the
command-line program, whose JSON the Python results must equal.

PS_ROOT and PS_CLI are set by tests/run-python.sh; run by hand, the root is
found from this file and the program in build/."""

import json
import os
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("PS_ROOT", Path(__file__).resolve().parents[3]))
CLI = Path(os.environ.get("PS_CLI", ROOT / "build" / "src" / "cli" / "powershare"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def run_cli(*args: str) -> dict:
    """The program's JSON for these arguments (--format json added)."""
    assert CLI.exists(), f"no powershare program at {CLI} (set PS_CLI)"
    out = subprocess.run([str(CLI), *args, "--format", "json"], cwd=ROOT, check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="session")
def cli():
    return run_cli


def frac(text: str) -> Fraction:
    """ "a/b" (or "a") as a Fraction."""
    return Fraction(text)
