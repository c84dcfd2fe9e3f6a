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


def test_hamiltonian_objects_render(tmp_path):
    import numpy as np
    import sympy as sp

    from mathml.hamiltonian import (PHI, BulkNetwork, FrictionNetwork, ads_schwarzschild_h,
                                    network_from_hamiltonian, separable_network)

    q, p, dt = sp.symbols("q p Delta_t")
    x = sp.Symbol("x")
    objs = [network_from_hamiltonian(p**2 / 2 + sp.log(sp.cosh(3 * p)) / 3 + q**4 / 4, q, p, dt),
            BulkNetwork(3, -1, PHI**4 / 4, ads_schwarzschild_h(3), 1, sp.Rational(1, 10), 10),
            FrictionNetwork(1, sp.cos(x) - 1, -np.ones(4) / 2, layers=4, t_final=1),
            separable_network(q**2 / 2, q, p, dt)]
    check_repr_latex(objs, tmp_path)
