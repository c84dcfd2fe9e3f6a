"""Tests of mathml.core.relu.ReluNetwork: the one ReLU network type (column convention x' = W x + b)."""
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.rank import exact_rank, numerical_rank
from mathml.core.relu import ReluNetwork, as_relu_network


def reference_forward(Ws, bs, x):
    """Independent: the textbook loop, one input column at a time."""
    h = np.asarray(x, dtype=float)
    for k, (W, b) in enumerate(zip(Ws, bs)):
        h = np.asarray(W, dtype=float) @ h + np.asarray(b, dtype=float)
        if k < len(Ws) - 1:
            h = np.where(h > 0, h, 0.0)
    return h


def random_rational_net(rng, widths, den=7):
    Ws = [[[Fraction(int(rng.integers(-9, 10)), den) for _ in range(widths[k])] for _ in range(widths[k + 1])]
          for k in range(len(widths) - 1)]
    bs = [[Fraction(int(rng.integers(-9, 10)), den) for _ in range(widths[k + 1])]
          for k in range(len(widths) - 1)]
    return Ws, bs


def test_forward_matches_reference_float():
    rng = np.random.default_rng(0)
    Ws = [rng.normal(size=(5, 3)), rng.normal(size=(4, 5)), rng.normal(size=(2, 4))]
    bs = [rng.normal(size=5), rng.normal(size=4), rng.normal(size=2)]
    net = ReluNetwork(Ws, bs)
    X = rng.normal(size=(7, 3))
    out = net.forward(X)
    assert out.shape == (7, 2)
    for x, y in zip(X, out):
        assert np.allclose(y, reference_forward(Ws, bs, x), rtol=0, atol=1e-13)
    assert net.widths == (3, 5, 4, 2) and net.parameter_count == 5 * 4 + 4 * 6 + 2 * 5
    assert net.depth == 3 and not net.exact


def test_exact_in_exact_out():
    rng = np.random.default_rng(1)
    Ws, bs = random_rational_net(rng, (2, 4, 1))
    net = ReluNetwork(Ws, bs)
    assert net.exact
    x = [Fraction(3, 7), Fraction(-5, 4)]
    y = net.forward(x)
    assert isinstance(y, sp.MatrixBase) and all(v.is_Rational for v in y)
    # independent: the float reference at the same point agrees to rounding
    assert float(y[0]) == pytest.approx(reference_forward(
        [np.array(W, dtype=float) for W in Ws], [np.array(b, dtype=float) for b in bs], [3 / 7, -5 / 4])[0],
        abs=1e-12)
    # a float input makes the computation numeric
    assert isinstance(net.forward([0.5, 0.25]), np.ndarray)


def test_telgarsky_tent_exact():
    # the tent 2 relu(x) - 4 relu(x - 1/2) (Telgarsky 1509.08101) at dyadic points
    tent = ReluNetwork([[[1], [1]], [[2, -4]]], [[0, Fraction(-1, 2)], [0]])
    for x, expected in [(0, 0), (Fraction(1, 4), Fraction(1, 2)), (Fraction(1, 2), 1),
                        (Fraction(3, 4), Fraction(1, 2)),
                        (1, 0)]:
        assert tent.forward([x])[0] == sp.Rational(expected)


def test_parameter_jacobian_against_finite_differences():
    rng = np.random.default_rng(2)
    Ws = [rng.normal(size=(4, 3)), rng.normal(size=(2, 4))]
    bs = [rng.normal(size=4), rng.normal(size=2)]
    net = ReluNetwork(Ws, bs)
    X = rng.normal(size=(5, 3))
    J = net.parameter_jacobian(X)
    theta = net.flat_parameters()
    assert J.shape == (5 * 2, theta.size) == (10, net.parameter_count)

    def outputs(th):
        o, Wn, bn = 0, [], []
        for W, b in zip(Ws, bs):
            Wn.append(th[o:o + W.size].reshape(W.shape)); o += W.size
            bn.append(th[o:o + b.size]); o += b.size
        return np.concatenate([reference_forward(Wn, bn, x) for x in X])

    h = 1e-6
    fd = np.stack([(outputs(theta + h * e) - outputs(theta - h * e)) / (2 * h) for e in np.eye(theta.size)],
                  axis=1)
    assert np.allclose(J, fd, atol=1e-6)


def test_exact_jacobian_equals_float_jacobian_and_rank_27():
    # brief 1.9: a 3-5-2 ReLU net has 32 parameters and functional dimension 32 - 5 = 27
    rng = np.random.default_rng(3)
    Ws, bs = random_rational_net(rng, (3, 5, 2))
    net = ReluNetwork(Ws, bs)
    # denominator 1009 (prime, not dividing the weights' 7): no pre-activation is exactly 0 here
    X = [[Fraction(int(rng.integers(-2000, 2001)), 1009) for _ in range(3)] for _ in range(30)]
    J = net.parameter_jacobian(X)
    assert isinstance(J, sp.MatrixBase) and J.shape == (60, 32)
    Jf = ReluNetwork([np.array(W, dtype=float) for W in Ws], [np.array(b, dtype=float) for b in bs]) \
        .parameter_jacobian(np.array(X, dtype=float))
    assert np.allclose(np.array(J.tolist(), dtype=float), Jf, atol=1e-12)
    assert exact_rank(J) == numerical_rank(Jf) == 27


def test_exact_jacobian_sees_the_kink_that_rounding_hides():
    # F(x) = relu(x1 + x2 - x3) at x = (1/10, 2/10, 3/10): the pre-activation is exactly 0, so the exact
    # Jacobian uses relu'(0) = 0; in float 0.1 + 0.2 - 0.3 = 5.6e-17 > 0 and the other branch is taken
    net = ReluNetwork([[[1, 1, -1]], [[1]]], [[0], [0]])
    x = [Fraction(1, 10), Fraction(2, 10), Fraction(3, 10)]
    assert net.parameter_jacobian([x]) == sp.Matrix([[0, 0, 0, 0, 0, 1]])
    fnet = ReluNetwork([[[1.0, 1.0, -1.0]], [[1.0]]], [[0.0], [0.0]])
    assert np.allclose(fnet.parameter_jacobian([[0.1, 0.2, 0.3]]), [[0.1, 0.2, 0.3, 1, 0, 1]])


def test_formats_convert_at_the_boundary():
    layers = [([[1], [1]], [0, Fraction(-1, 2)]), ([[2, -4]], [0])]
    net = ReluNetwork.from_layers(layers)
    assert net.to_layers() == [([[1], [1]], [0, Fraction(-1, 2)]), ([[2, -4]], [0])]
    flat = net.to_flat()
    assert [a.shape for a in flat] == [(2, 1), (2,), (1, 2), (1,)]
    again = ReluNetwork.from_flat(flat)
    assert again.widths == net.widths and not again.exact
    assert as_relu_network(layers).widths == as_relu_network(flat).widths == (1, 2, 1)
    assert as_relu_network(weights=[[[1]]], biases=[[0]]).widths == (1, 1)
    assert as_relu_network(net) is net
    assert "ReluNetwork" in repr(net) and net._repr_latex_().startswith("$")


@pytest.mark.parametrize("Ws, bs, err", [
    ([], [], ShapeMismatchError),
    ([[[1, 2]]], [[0, 0]], ShapeMismatchError),                         # bias length
    ([[[1, 2]], [[1], [2]], [[1]]], [[0], [0, 0], [0]], ShapeMismatchError),   # shapes do not chain
    ([[[1, "x"]]], [[0]], InvalidInputError),
    ([[[1, np.nan]]], [[0]], InvalidInputError),
    ([[[1, sp.sqrt(2)]]], [[0]], InvalidInputError),
    ("W", [[0]], InvalidInputError),
])
def test_bad_networks(Ws, bs, err):
    with pytest.raises(err):
        ReluNetwork(Ws, bs)


def test_bad_inputs_and_scales():
    net = ReluNetwork([[[1, 1]], [[1]]], [[0], [0]])
    with pytest.raises(ShapeMismatchError):
        net.forward([1, 2, 3])
    with pytest.raises(InvalidInputError):
        net.forward("1, 2")
    with pytest.raises(InvalidInputError, match="positive"):
        net.rescaled([[-1]])
    with pytest.raises(ShapeMismatchError):
        net.rescaled([])
    # an empty batch gives an empty result of the right width
    assert net.forward(np.zeros((0, 2))).shape == (0, 1)
    assert net.parameter_jacobian(np.zeros((0, 2))).shape == (0, net.parameter_count)


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6), widths=st.lists(st.integers(1, 4), min_size=2, max_size=4))
def test_positive_rescaling_is_an_exact_symmetry(seed, widths):
    # relu(lam z) = lam relu(z) for lam > 0: the rescaled network computes the same function, exactly
    rng = np.random.default_rng(seed)
    Ws, bs = random_rational_net(rng, widths)
    net = ReluNetwork(Ws, bs)
    scales = [[Fraction(int(rng.integers(1, 9)), int(rng.integers(1, 9))) for _ in range(w)]
              for w in widths[1:-1]]
    moved = net.rescaled(scales)
    X = [[Fraction(int(rng.integers(-9, 10)), 5) for _ in range(widths[0])] for _ in range(4)]
    assert moved.forward(X) == net.forward(X)
    if len(widths) > 2 and scales and any(s != 1 for s in scales[0]):
        assert moved.flat_parameters() != net.flat_parameters() or all(v == 0 for v in net.flat_parameters())


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10**6))
def test_flat_round_trip(seed):
    rng = np.random.default_rng(seed)
    net = ReluNetwork([rng.normal(size=(3, 2)), rng.normal(size=(1, 3))],
                      [rng.normal(size=3), rng.normal(size=1)])
    back = ReluNetwork.from_flat(net.to_flat())
    assert np.array_equal(back.flat_parameters(), net.flat_parameters())
