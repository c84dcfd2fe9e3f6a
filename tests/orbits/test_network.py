"""Weight-space symmetry orbits: ReLU rescalings, permutations, functional dimension, attention."""
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import mathml.orbits as mo
from mathml.core.errors import InvalidInputError, MathmlError, ShapeMismatchError


def make_net(rng, d, n, m):
    return (rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=(m, n)), rng.normal(size=m))


@pytest.mark.parametrize("d, n, m, P, fdim", [(3, 5, 2, 32, 27), (3, 4, 2, 26, 22), (4, 3, 2, 23, 20)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_relu_functional_dimension(d, n, m, P, fdim, seed):
    # orbits.md / orbits_detail.md [V]: generic functional dimension = P - #hidden
    rng = np.random.default_rng(seed)
    net = make_net(rng, d, n, m)
    assert mo.flatten(net).size == P
    assert mo.relu_orbit_dimension(net) == n
    # genericity precondition: every hidden neuron is active on some inputs and inactive on others
    # (with unit-variance inputs seed 0 has a neuron active on ~0.03% of them: a dead-neuron point)
    X = 3.0 * rng.normal(size=(1500, d))
    act = (X @ net[0].T + net[1]) > 0
    assert (act.mean(axis=0) > 0.05).all() and (act.mean(axis=0) < 0.95).all()
    assert mo.functional_dimension(net, X) == fdim


def test_jacobian_against_finite_differences():
    rng = np.random.default_rng(5)
    net = (rng.normal(size=(4, 3)), rng.normal(size=4), rng.normal(size=(3, 4)), rng.normal(size=3),
           rng.normal(size=(2, 3)), rng.normal(size=2))
    X = rng.normal(size=(20, 3))
    th = mo.flatten(net)
    J = mo.mlp_jacobian(net, X)
    h = 1e-6
    fd = np.stack([(mo.mlp_forward(mo.unflatten(th + h * e, net), X)
                    - mo.mlp_forward(mo.unflatten(th - h * e, net), X)).ravel() / (2 * h)
                   for e in np.eye(th.size)], axis=1)
    assert np.abs(J - fd).max() < 1e-6


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.floats(0.2, 5.0), min_size=4, max_size=4))
def test_rescaling_is_a_symmetry(seed, scales):
    # relu(c z) = c relu(z): the torus acts without changing the function; tangent vectors lie in
    # the kernel of the Jacobian
    rng = np.random.default_rng(seed)
    net = make_net(rng, 3, 4, 2)
    c = np.array(scales)
    W1, b1, W2, b2 = net
    moved = (c[:, None] * W1, c * b1, W2 / c[None, :], b2)
    X = rng.normal(size=(30, 3))
    assert np.allclose(mo.mlp_forward(net, X), mo.mlp_forward(moved, X), atol=1e-10)
    J = mo.mlp_jacobian(net, X)
    for v in mo.relu_rescaling_generators(net):
        assert np.abs(J @ v).max() < 1e-9
    # flatten/unflatten round trip
    assert all(np.array_equal(a, b) for a, b in zip(mo.unflatten(mo.flatten(net), net), net))


def test_enhanced_symmetry_points():
    rng = np.random.default_rng(3)
    d, n, m = 3, 4, 2
    W1, b1, W2, b2 = make_net(rng, d, n, m)
    X = rng.normal(size=(1500, d))
    generic = mo.functional_dimension((W1, b1, W2, b2), X)
    assert generic == n * (d + 1) + m * (n + 1) - n
    # dead neuron: never active on the inputs -> its fan-in and fan-out drop out
    W1d, b1d = W1.copy(), b1.copy()
    W1d[0] = 0.0
    b1d[0] = -1.0
    dead = mo.functional_dimension((W1d, b1d, W2, b2), X)
    assert dead == generic - (d + 1) - m + 1
    # coincident neurons (identical fan-in, Amari's overlap): the pair spans only the m (d+1)
    # variations relu'(z) M [x; 1] instead of 2(d+1) + 2m - 2, a drop of 2 for d = 3, m = 2
    # (and of d + 1 when m = 1, as orbits_detail.md states)
    W1c, b1c = W1.copy(), b1.copy()
    W1c[1], b1c[1] = W1c[0], b1c[0]
    drop = 2 * (d + 1) + 2 * m - 2 - m * (d + 1)
    assert drop == 2
    assert mo.functional_dimension((W1c, b1c, W2, b2), X) == generic - drop
    W2one = W2[:1]
    g1 = mo.functional_dimension((W1, b1, W2one, b2[:1]), X)
    assert mo.functional_dimension((W1c, b1c, W2one, b2[:1]), X) == g1 - (d + 1)
    # zero fan-out column: rescaling orbit drops by one
    W2z = W2.copy()
    W2z[:, 2] = 0.0
    assert mo.relu_orbit_dimension((W1, b1, W2z, b2)) == n
    W1z = W1.copy()
    W1z[2], W2z2 = 0.0, W2z
    b1z = b1.copy()
    b1z[2] = 0.0
    assert mo.relu_orbit_dimension((W1z, b1z, W2z2, b2)) == n - 1


def test_permutation_orbits():
    # orbits_detail.md: n = 4 with two identical neurons: orbit 12, stabiliser Z2; all identical: 1
    W1 = np.array([[1., 2], [1, 2], [3, 4], [5, 6]])
    b1 = np.array([0., 0, 1, 2])
    W2 = np.array([[1., 1, 2, 3]])
    assert mo.permutation_orbit_size((W1, b1, W2, np.zeros(1))) == (12, 2)
    same = (np.ones((4, 2)), np.ones(4), np.ones((1, 4)), np.zeros(1))
    assert mo.permutation_orbit_size(same) == (1, 24)


@pytest.mark.parametrize("rq, rk, dim", [(3, 3, 9), (2, 2, 8), (1, 3, 9), (2, 1, 7), (1, 1, 5)])
def test_attention_orbits(rq, rk, dim):
    # orbits_detail.md: d = 6, k = 3: k^2 - (k - r_q)(k - r_k)
    rng = np.random.default_rng(rq * 7 + rk)

    def rank_r(r):
        return rng.normal(size=(6, r)) @ rng.normal(size=(r, 3))

    assert mo.attention_orbit_dimension(rank_r(rq), rank_r(rk)) == dim == 9 - (3 - rq) * (3 - rk)


def test_attention_product_rank():
    # orbits.md [V]: the map (W_Q, W_K) -> W_Q W_K^T has Jacobian rank 2 d d_k - d_k^2; d = 8, d_k = 3: 39
    rng = np.random.default_rng(0)
    d, k = 8, 3
    WQ, WK = rng.normal(size=(d, k)), rng.normal(size=(d, k))
    cols = []
    for i in range(d):
        for j in range(k):
            E = np.zeros((d, k))
            E[i, j] = 1
            cols.append((E @ WK.T).ravel())
    for i in range(d):
        for j in range(k):
            E = np.zeros((d, k))
            E[i, j] = 1
            cols.append((WQ @ E.T).ravel())
    assert mo.numeric_rank(np.column_stack(cols)) == 2 * d * k - k * k == 39
    # the GL orbit (dim 9) lies in the kernel: 48 parameters - 39 = 9
    assert 2 * d * k - 39 == mo.attention_orbit_dimension(WQ, WK)


def test_orbit_dimension_so3_and_report():
    gens = []
    for i, j in [(0, 1), (0, 2), (1, 2)]:
        X = np.zeros((3, 3))
        X[i, j], X[j, i] = -1, 1
        gens.append(X)
    assert mo.orbit_dimension(gens, np.array([0.3, -1.0, 2.0])) == 2
    rep = mo.OrbitReport(3, 2)
    assert rep.stabilizer_dimension == 1 and "2 + 1" in rep.latex()


def test_bad_input():
    with pytest.raises(MathmlError):
        mo.functional_dimension((np.ones((2, 3)), np.ones(3), np.ones((1, 2)), np.ones(1)), np.ones((4, 3)))
    with pytest.raises(InvalidInputError):
        mo.flatten((np.ones((2, 3)),))
    with pytest.raises(ShapeMismatchError):
        mo.attention_orbit_dimension(np.ones((4, 2)), np.ones((4, 3)))
    with pytest.raises(ShapeMismatchError):
        mo.numeric_rank(np.ones(3))


def _aff2():
    gens = []
    for i in range(2):
        for j in range(3):
            X = np.zeros((3, 3))
            X[i, j] = 1
            gens.append(X)
    return gens


@pytest.mark.parametrize("npts, dim", [(1, 2), (2, 4), (3, 6), (4, 6)])
def test_aff2_point_configurations(npts, dim):
    # orbits_detail.md [V]: Aff(2) (dim 6): point 2, segment 4, triangle 6, four generic points 6
    rng = np.random.default_rng(npts)
    pts = rng.normal(size=(npts, 2))
    hom = np.hstack([pts, np.ones((npts, 1))])
    gens = [(lambda _p, X=X: (hom @ X.T)[:, :2].ravel()) for X in _aff2()]
    d = mo.orbit_dimension(gens, pts)
    assert d == dim
    assert mo.OrbitReport(6, d).stabilizer_dimension == 6 - dim


def test_aff2_circle_orbit_is_ellipses():
    # orbits_detail.md [V]: the circle's Aff(2) orbit has dimension 5 (ellipses), stabiliser O(2)
    Q = np.diag([1.0, 1.0, -1.0])
    gens = [(lambda _p, X=X: -(X.T @ Q + Q @ X).ravel()) for X in _aff2()]
    assert mo.orbit_dimension(gens, Q) == 5


def test_network_functions_accept_the_core_relu_type():
    from mathml.core.relu import ReluNetwork

    rng = np.random.default_rng(4)
    flat = (rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=(2, 5)), rng.normal(size=2))
    net = ReluNetwork.from_flat(flat)
    X = rng.normal(size=(50, 3))
    assert np.array_equal(mo.mlp_forward(net, X), mo.mlp_forward(flat, X))
    assert mo.functional_dimension(net, X) == mo.functional_dimension(flat, X) == 27   # 32 - 5 (brief 1.9)
    assert mo.relu_orbit_dimension(net) == 5
