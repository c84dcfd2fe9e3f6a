"""Fixtures shared by the test packages under tests/.

``check_repr_latex`` is the one test of the house ``_repr_latex_`` convention: ``$...$`` or
``$$...$$`` math that compiles with pdflatex, no ``\\frac`` inside ``\\text{}``, balanced braces and
a short ``__repr__``.  It is a fixture (not an importable module) because the tests run with
``--import-mode=importlib``, where test directories are not on ``sys.path``.
"""
from __future__ import annotations

import re
import shutil

import pytest

from mathml.core.latex import build_pdf

_HEAD = "\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\n"
_TAIL = "\n\\end{document}\n"


def _check_delimiters(obj) -> str:
    """Assert the convention on one object's ``_repr_latex_()``; return the string."""
    s = obj._repr_latex_()
    assert isinstance(s, str), type(obj)
    assert (s.startswith("$$") and s.endswith("$$")) or (s.startswith("$") and s.endswith("$")
                                                          and s.count("$") == 2), s
    inner = s.strip("$")
    assert "$" not in inner, s
    for m in re.finditer(r"\\text\{", inner):
        depth, j = 1, m.end()
        while depth and j < len(inner):
            depth += {"{": 1, "}": -1}.get(inner[j], 0)
            j += 1
        assert "\\frac" not in inner[m.end():j], s
    assert inner.count("{") == inner.count("}"), s
    assert len(repr(obj)) < 400, type(obj)
    return s


@pytest.fixture
def check_repr_latex(tmp_path):
    """A function ``check(objs)``: the convention on every object, then one pdflatex compile of all.

    The compile (``mathml.core.latex.build_pdf``) is skipped with a reason when pdflatex is not
    on PATH; the delimiter checks always run.  The document is a bare ``article`` with only
    amsmath/amssymb, the macros a notebook's MathJax also has.
    """
    def check(objs):
        bodies = [_check_delimiters(obj) for obj in objs]
        if shutil.which("pdflatex") is None:
            pytest.skip("pdflatex is not on PATH: delimiters checked, compilation skipped")
        tex = tmp_path / "repr_latex.tex"
        tex.write_text(_HEAD + "\n\n".join(bodies) + _TAIL)
        build_pdf(tex, timeout=120)

    return check
