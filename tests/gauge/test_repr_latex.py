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


def test_gauge_objects_render(tmp_path):
    import sympy as sp

    from mathml.core.relu import ReluNetwork
    from mathml.gauge import LinearNODE, MatrixNODE

    node = LinearNODE()
    g = sp.Function("g")(node.t)
    objs = [node, node.rescale(g), node.affine(sp.exp(g), g), LinearNODE(w=sp.sin(node.t) / 3, b=1),
            MatrixNODE(2), MatrixNODE(2).gauge(sp.eye(2)), ReluNetwork([[[1, 2]], [[3]]], [[0], [1]])]
    check_repr_latex(objs, tmp_path)
