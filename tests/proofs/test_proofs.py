"""Run every theorem under proofs/ and check it ends as its `expect` says."""
from pathlib import Path

import pytest

from mathml.core.theorems import collect_theorems, run_theorem

PROOFS = Path(__file__).resolve().parents[2] / "proofs"
THEOREMS = collect_theorems([PROOFS])


def test_there_are_theorems():
    assert len(THEOREMS) >= 5


@pytest.mark.parametrize("info", THEOREMS, ids=[f"{Path(i.source).stem}:{i.name}" for i in THEOREMS])
def test_theorem(info):
    result = run_theorem(info)
    assert result.error is None, result.error
    assert result.ok, f"{info.name}: expected {info.expect}, got {result.status.value}\n{result.summary}"
