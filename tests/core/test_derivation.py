"""Derivations: chaining, step verification, rendering, theorems."""
import pytest
import sympy as sp

import mathml as mm
from mathml.core.derivation import combine_status
from mathml.core.errors import InvalidInputError, TheoremError
from mathml.core.sampling import vanishing

x = sp.Symbol("x", real=True)
t, T = sp.symbols("t T", positive=True)
g, w = sp.Function("g"), sp.Function("w")


def test_chain_verifies_each_link():
    d = mm.Derivation("cosh identity", sp.cosh(x) ** 2)
    d.step(1 + sp.sinh(x) ** 2, "Pythagoras for hyperbolic functions")
    d.step(2 + sp.sinh(x) ** 2, "a deliberate slip")  # wrong: differs by 1 everywhere
    report = d.verify(points=6)
    assert [v.status for v in report.verdicts] == [mm.Status.proved, mm.Status.disproved]
    assert report.status is mm.Status.disproved and not report.holds
    assert "disproved" in report.latex()


def test_first_step_without_start_becomes_start():
    d = mm.Derivation("no start").step((x + 1) ** 2, "start").step(x**2 + 2 * x + 1, "expand")
    assert d.start == (x + 1) ** 2 and len(d.steps) == 1
    assert d.conclusion == sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1, evaluate=False)


def test_step_functions_and_domain_are_used():
    d = mm.Derivation("FTC", sp.Integral(g(t).diff(t), (t, 0, T)))
    d.step(0, "g vanishes at both ends", functions={"g": vanishing(at=[0, T])})
    assert d.verify(points=6, timeout=1).holds


def test_latex_is_one_align_block_with_reasons():
    d = mm.Derivation("square", (x + 1) ** 2).step(x**2 + 2 * x + 1, "expand $(a+b)^2$")
    tex = d.latex()
    assert tex.startswith(r"\begin{align*}") and tex.endswith(r"\end{align*}")
    assert r"&= x^{2} + 2 x + 1 \qquad\text{(expand $(a+b)^2$)}" in tex
    assert d._repr_latex_().startswith("$\\displaystyle \\begin{aligned}")


def test_long_steps_are_broken_at_top_level_plus():
    long_sum = sum(sp.Symbol(f"a_{i}") * x**i for i in range(40))
    tex = mm.Derivation("long", long_sum).step(long_sum, "same").latex()
    assert tex.count(r"&\quad") >= 2


def test_combine_status_is_the_weakest():
    S = mm.Status
    assert combine_status([S.proved, S.proved]) is S.proved
    assert combine_status([S.proved, S.unknown, S.consistent]) is S.unknown
    assert combine_status([S.consistent, S.disproved]) is S.disproved
    assert combine_status([]) is S.unknown


def test_bad_derivations():
    with pytest.raises(InvalidInputError, match="title"):
        mm.Derivation("")
    with pytest.raises(InvalidInputError, match="relation"):
        mm.Derivation("r", x).step(x, "same", relation="<")
    with pytest.raises(InvalidInputError, match="at least one step"):
        mm.Derivation("empty", x).verify()
    with pytest.raises(InvalidInputError, match="not an expression|accepted"):
        mm.Derivation("bad", object())


def test_theorem_decorator_validates():
    with pytest.raises(TheoremError, match="expect"):
        mm.theorem("x", expect="maybe")
    with pytest.raises(TheoremError, match="name"):
        mm.theorem("")

    @mm.theorem("a theorem", tags="core")
    def f():
        """Statement.

        More text."""
        return mm.verify(x, x)

    info = f.__mathml_theorem__
    assert info.tags == ("core",) and info.statement == "Statement."
    assert f().status is mm.Status.proved
