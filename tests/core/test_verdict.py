"""Verdict objects: status semantics, rendering, no silent truthiness."""
import pytest
import sympy as sp

from mathml.core.verdict import Status, Verdict


def test_holds_only_for_proved_and_consistent():
    assert [Verdict(s).holds for s in Status] == [True, False, True, False]


def test_verdict_has_no_truth_value():
    with pytest.raises(TypeError, match="holds"):
        bool(Verdict(Status.proved))


def test_status_coerced_from_string_and_frozen():
    v = Verdict("disproved", counterexample={"x": sp.Rational(1, 2)})
    assert v.status is Status.disproved
    with pytest.raises(AttributeError):
        v.status = Status.proved  # frozen


def test_str_and_latex_show_counterexample():
    v = Verdict(Status.disproved, method="mpmath 30 digits", max_error=0.5,
                counterexample={"x_1": sp.Rational(3, 4), "g(t)": sp.sin(sp.Symbol("t"))})
    assert "counterexample: x_1 = 3/4" in str(v)
    tex = v.latex()
    assert r"\frac{3}{4}" in tex and r"\sin{\left(t \right)}" in tex
    assert v._repr_latex_().startswith("$")


def test_short_repr_and_latex_math_outside_text():
    import sympy as sp

    import mathml as mm
    x = sp.Symbol("x", real=True)
    v = mm.verify(x / (x + 1), 1 - x / (x + 1), points=4)
    assert v.status is mm.Status.disproved
    r = repr(v)
    assert r.startswith("Verdict(disproved, ") and len(r) < 120
    tex = v._repr_latex_()
    # every \frac is in math mode: never inside a \text{...} group
    import re
    for group in re.findall(r"\\text\{((?:[^{}]|\{[^{}]*\})*)\}", tex):
        assert r"\frac" not in group
    assert tex.startswith("$\\displaystyle ") and r"\frac{x}{x + 1}" in tex


def test_huge_counterexample_values_print():
    from mathml.core.verdict import Verdict
    v = Verdict("disproved", method="exact", counterexample={"n": 10**5000})
    assert "digits" in str(v) or "..." in str(v)
