"""Run every theorem under proofs/, check it ends as its `expect` says, and compile the document."""
import shutil
from pathlib import Path

import pytest

from mathml.core.latex import compile_pdf
from mathml.core.theorems import collect_theorems, run_theorem, theorems_document

PROOFS = Path(__file__).resolve().parents[2] / "proofs"
THEOREMS = collect_theorems([PROOFS])
_RESULTS = {}


def _result(info):
    key = (info.source, info.name)
    if key not in _RESULTS:
        _RESULTS[key] = run_theorem(info)
    return _RESULTS[key]


def test_theorem_names_are_unique_per_file():
    # the exact list per file is tests/proofs/test_catalogue.py
    assert len({(i.source, i.name) for i in THEOREMS}) == len(THEOREMS), "names must be unique per file"


@pytest.mark.parametrize("info", THEOREMS, ids=[f"{Path(i.source).stem}:{i.name}" for i in THEOREMS])
def test_theorem(info):
    result = _result(info)
    assert result.error is None, result.error
    assert result.ok, f"{info.name}: expected {info.expect}, got {result.status.value}\n{result.summary}"


@pytest.mark.skipif(shutil.which("pdflatex") is None,
                    reason="pdflatex is not installed (Debian: texlive-latex-base); .ci/run installs it")
def test_document_of_every_theorem_compiles(tmp_path):
    results = [_result(info) for info in THEOREMS]
    tex = tmp_path / "proofs.tex"
    tex.write_text(theorems_document(results), encoding="utf-8")
    pdf = compile_pdf(tex)  # raises LatexCompileError with pdflatex's first errors
    assert pdf.stat().st_size > 5000
