"""Public gauge names not reached by the other tests, each checked against an independent value."""
import mpmath
import pytest
import sympy as sp

from mathml.core.errors import ShapeMismatchError
from mathml.gauge import MatrixGaugeTransformation, MatrixNODE, numeric_flow


@pytest.mark.parametrize("w, b, T", [(2, 3, 1), (-1, "0.5", 2), ("0.3", -2, "1.5")])
def test_numeric_flow_matches_closed_form_for_constant_coefficients(w, b, T):
    # x' = w x + b with constant w != 0: x(T) = e^{wT} x0 + (b/w)(e^{wT} - 1)  (variation of constants)
    with mpmath.workdps(30):
        w, b, T = mpmath.mpf(w), mpmath.mpf(b), mpmath.mpf(T)
        r = numeric_flow(lambda s: w, lambda s: b, T)
        A = mpmath.exp(w * T)
        B = b / w * (A - 1)
        for key, exact in (("A", A), ("A_ode", A), ("B", B), ("B_ode", B)):
            assert mpmath.almosteq(r[key], exact, rel_eps=mpmath.mpf(10) ** -20), key
        assert isinstance(r["n"], int) and r["n"] >= 32


def test_numeric_flow_time_dependent_coefficient():
    # w(t) = t, b = 0: A = exp(int_0^T t dt) = exp(T^2/2); T = 2 gives e^2 = 7.38905609893065...
    with mpmath.workdps(30):
        r = numeric_flow(lambda s: s, lambda s: mpmath.mpf(0), 2)
        assert mpmath.almosteq(r["A"], mpmath.e ** 2, rel_eps=mpmath.mpf(10) ** -20)
        assert mpmath.almosteq(r["A_ode"], mpmath.e ** 2, rel_eps=mpmath.mpf(10) ** -20)
        assert abs(r["B"]) < mpmath.mpf(10) ** -20 and abs(r["B_ode"]) < mpmath.mpf(10) ** -20


def _rotation_gauge():
    t = sp.Symbol("t", real=True)
    th = 2 * sp.pi * t
    G = sp.Matrix([[sp.cos(th), -sp.sin(th)], [sp.sin(th), sp.cos(th)]])
    node = MatrixNODE(2, W=sp.zeros(2, 2), b=[1, 0], t=t)
    return t, G, node, node.gauge(G, T=1)


def test_matrix_gauge_transformation_fields_and_residual():
    t, G, node, gt = _rotation_gauge()
    assert isinstance(gt, MatrixGaugeTransformation)
    assert gt.original is node and gt.G == sp.ImmutableMatrix(G)
    # W = 0: W~ = G' G^{-1} = 2 pi J, J = [[0, -1], [1, 0]] (derivative of a rotation by 2 pi t)
    diff = gt.transformed.W - 2 * sp.pi * sp.Matrix([[0, -1], [1, 0]])
    assert diff.applyfunc(sp.simplify) == sp.zeros(2, 2)
    # b~ = G b = (cos 2 pi t, sin 2 pi t)
    assert (gt.transformed.b - sp.Matrix([sp.cos(2 * sp.pi * t), sp.sin(2 * sp.pi * t)])) \
        .applyfunc(sp.simplify) == sp.zeros(2, 1)
    # G(0) = G(1) = identity: both boundary conditions hold
    assert len(gt.conditions) == 2
    assert all(sp.simplify(c.lhs - c.rhs) == sp.zeros(2, 2) for c in gt.conditions)
    assert gt.ode_residual().applyfunc(sp.simplify) == sp.zeros(2, 1)


def test_matrix_gauge_transformation_preserves_flow_map():
    # original: U = I, B = int_0^1 (1, 0) = (1, 0); transformed: U = exp(2 pi J) = I and
    # B = int_0^1 R(2 pi (1 - s)) R(2 pi s) e1 ds = e1 -- the same flow map (G(0) = G(1) = 1)
    _, _, _, gt = _rotation_gauge()
    for model in (gt.original, gt.transformed):
        U, B = model.flow(1, dps=20)
        with mpmath.workdps(20):
            assert mpmath.mnorm(U - mpmath.eye(2), 1) < 1e-15
            assert mpmath.norm(B - mpmath.matrix([1, 0])) < 1e-15


def test_matrix_gauge_transformation_detects_a_non_induced_map():
    # pairing the original with the *untransformed* model under G is not a gauge map:
    # residual (G x)' - W x~ - b = G' x + G b - b along x' = b (W = 0), nonzero
    t, G, node, gt = _rotation_gauge()
    bogus = MatrixGaugeTransformation(node, node, sp.ImmutableMatrix(G))
    x = sp.Matrix([sp.Function(f"x_{i}")(t) for i in range(2)])
    expected = (G.diff(t) * x + G * sp.Matrix([1, 0]) - sp.Matrix([1, 0])).applyfunc(sp.expand)
    assert (bogus.ode_residual() - expected).applyfunc(sp.simplify) == sp.zeros(2, 1)
    assert bogus.ode_residual().applyfunc(sp.simplify) != sp.zeros(2, 1)
    assert "\\mapsto" in gt.latex()


def test_matrix_gauge_rejects_wrong_shape():
    _, _, node, _ = _rotation_gauge()
    with pytest.raises(ShapeMismatchError):
        node.gauge(sp.eye(3))
