"""One _repr_latex_ convention: ``$...$`` or ``$$...$$`` math that compiles,
no ``\\frac`` inside ``\\text{}``."""
import re
import shutil
import subprocess

import pytest


def check_repr_latex(objs, tmp_path):
    """Delimiters, no fraction inside text, balanced braces; compile all with pdflatex when present."""
    bodies = []
    for obj in objs:
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
        bodies.append(s)
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not on PATH: delimiters checked, compilation skipped")
    doc = ("\\documentclass{article}\\usepackage{amsmath,amssymb}\\begin{document}\n"
           + "\n\n".join(bodies) + "\n\\end{document}\n")
    (tmp_path / "r.tex").write_text(doc)
    res = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "r.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stdout[-2000:]


def test_kolmogorov_objects_render(tmp_path):
    import numpy as np
    import sympy as sp

    from mathml.kolmogorov import (additive_decomposition, image_separation, monotone_pieces,
                                   nearest_kronecker, psi_series)

    x = sp.Symbol("x")
    objs = [monotone_pieces(4 * x * (1 - x), x, (0, 1))[0],
            nearest_kronecker(np.kron(np.eye(2), np.diag([1.0, 2.0])), (2, 2), (2, 2)),
            additive_decomposition(sp.Matrix([[1, -1], [-1, 1]])),
            additive_decomposition(np.array([[1.0, 2.0], [3.0, 5.0]])),
            psi_series("0.59", n=2, gamma=10), image_separation(1, 2, 10)]
    check_repr_latex(objs, tmp_path)
