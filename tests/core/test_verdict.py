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
