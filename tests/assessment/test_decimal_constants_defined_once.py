"""CENT, ZERO, HUNDRED and their kin are defined once, in the engine's decimals module, which imports no Django."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DECIMALS = ROOT / "assessment" / "scoring" / "decimals.py"
CONSTANT = re.compile(r"^_?(CENT|ZERO2?|ONE|HUNDRED)\s*(:[^=]*)?=", re.MULTILINE)


def _sources():
    for package in ("assessment", "targets", "units", "cadres", "config"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def test_only_the_decimals_module_defines_the_constants():
    defining = sorted(str(p.relative_to(ROOT)) for p in _sources() if CONSTANT.search(p.read_text()))

    assert defining == ["assessment/scoring/decimals.py"]


def test_the_decimals_module_imports_no_django():
    assert not re.search(r"^\s*(from|import) django", DECIMALS.read_text(), re.MULTILINE)
