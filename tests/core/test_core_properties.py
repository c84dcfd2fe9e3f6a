"""Property tests for the core modules not covered elsewhere: evaluation, arb, latex, derivation, inputs."""
import re

import mpmath
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
from mathml.core.arb import require_flint, to_acb
from mathml.core.evaluation import compile_mp
from mathml.core.inputs import as_pair
from mathml.core.latex import text
from mathml.strategies import polynomials, rationals

x, y = sp.symbols("x y", real=True)
_LEAVES = st.one_of(st.sampled_from([x, y]), rationals(-3, 3, max_denominator=5), st.just(sp.pi))
_FUNCS = [sp.sin, sp.cos, sp.exp, sp.atan, sp.sinh, lambda e: sp.sqrt(1 + e**2), lambda e: sp.log(2 + e**2)]


def _extend(children):
    return st.one_of(
        st.tuples(children, children).map(lambda p: p[0] + p[1]),
        st.tuples(children, children).map(lambda p: p[0] * p[1]),
        st.tuples(children, st.integers(0, 3)).map(lambda p: p[0] ** p[1]),
        st.tuples(st.sampled_from(_FUNCS), children).map(lambda p: p[0](p[1])),
    )


EXPRESSIONS = st.recursive(_LEAVES, _extend, max_leaves=7)


@settings(max_examples=25, deadline=None)
@given(e=EXPRESSIONS, a=rationals(-2, 2), b=rationals(-2, 2))
def test_closure_compiler_agrees_with_sympy_evalf(e, a, b):
    # independent evaluation: sympy's own evalf at 40 digits
    f = compile_mp([e], [x, y])
    with mpmath.workdps(40):
        ours = f([mpmath.mpf(a.p) / a.q, mpmath.mpf(b.p) / b.q])[0]
    ref = sp.N(e.subs({x: a, y: b}), 40)
    assert abs(complex(ours) - complex(ref)) <= 1e-30 * max(1.0, abs(complex(ref)))


@settings(max_examples=25, deadline=None)
@given(e=EXPRESSIONS, a=rationals(-2, 2), b=rationals(-2, 2))
def test_arb_ball_is_tight_and_centred_on_the_value(e, a, b):
    flint = require_flint()
    exact = e.subs({x: a, y: b})
    with flint.ctx.workprec(200):
        ball = to_acb(exact)
    ref = sp.N(exact, 50)
    # independent reference: sympy's evalf at 50 digits; the 200-bit ball must be tight around it
    re_mid, im_mid = float(ball.real.mid()), float(ball.imag.mid())
    assert abs(complex(re_mid, im_mid) - complex(ref)) <= 1e-12 * max(1.0, abs(complex(ref)))
    assert float(ball.real.rad()) <= 1e-40 * max(1.0, abs(complex(ref)))


@given(s=st.text(alphabet=st.characters(codec="utf-8", exclude_characters="$"), max_size=40))
def test_text_escapes_every_special_outside_math(s):
    out = text(s)
    # every TeX special that remains is escaped or part of a command we emit
    stripped = re.sub(r"\\[a-zA-Z]+\{\}|\$[^$]*\$|\\[_%&#$]", "", out)
    assert not re.search(r"[_%&#^~]", stripped)


@settings(max_examples=15, deadline=None)
@given(p=polynomials(x, max_degree=3), q=polynomials(x, max_degree=3))
def test_derivation_of_expanding_a_product_is_proved(p, q):
    d = mm.Derivation("expand", sp.Mul(p, q, evaluate=False)).step(sp.expand(p * q), "expand")
    report = d.verify(points=4, timeout=1)
    assert report.status is mm.Status.proved
    assert d.latex().startswith(r"\begin{align*}")


@given(rows=st.integers(1, 3), cols=st.integers(1, 3), data=st.data())
def test_as_pair_flattens_matrices_row_major(rows, cols, data):
    entries = data.draw(st.lists(rationals(-3, 3), min_size=rows * cols, max_size=rows * cols))
    m = sp.Matrix(rows, cols, entries)
    left, right, shape = as_pair(m, m.T.T)
    assert shape == (rows, cols) and left == entries and right == entries
