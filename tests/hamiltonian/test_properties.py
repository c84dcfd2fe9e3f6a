"""Property tests across the subpackage: invariances and equivalences between constructions."""
import numpy as np
import sympy as sp
from hypothesis import given, settings, strategies as st

from mathml.hamiltonian import (
    PHI,
    BulkNetwork,
    FrictionNetwork,
    ads_schwarzschild_h,
    bulk_data,
    christoffel_symbols,
    geodesic_network,
    separable_network,
)
from mathml.hamiltonian.fit import _model, loss_and_gradient

x, y, dt = sp.symbols("x y dt")


@settings(max_examples=10, deadline=None)
@given(a=st.integers(1, 4), b=st.integers(0, 3), c=st.integers(1, 5))
def test_christoffel_symmetric_and_scale_invariant(a, b, c):
    # Gamma^i_{jk} = Gamma^i_{kj}; a constant rescaling g -> c g leaves Gamma unchanged
    g = sp.Matrix([[1 + a * x**2, b * x * y], [b * x * y, 2 + y**2]])
    G = christoffel_symbols(g, (x, y))
    Gc = christoffel_symbols(c * g, (x, y))
    for i in range(2):
        for j in range(2):
            for k in range(2):
                assert sp.simplify(G[i][j][k] - G[i][k][j]) == 0
                assert sp.simplify(G[i][j][k] - Gc[i][j][k]) == 0


@settings(max_examples=10, deadline=None)
@given(k=st.integers(1, 4), n=st.integers(2, 4))
def test_geodesic_layer_of_flat_metric_is_separable_free_layer(k, n):
    # constant metric: Gamma = 0, the geodesic layer is the free-particle layer (V = 0) in each coordinate
    coords = sp.symbols(f"z0:{n}")
    layer = geodesic_network(k * sp.eye(n), coords, dt)
    free = separable_network(sp.Integer(0), coords[0], sp.Symbol("v"), dt)
    assert layer.nonlinearity == sp.zeros(2 * n, 1)
    assert layer.W[0, n] == free.W[0, 1] == dt


@settings(max_examples=20, deadline=None)
@given(mass=st.floats(0.5, 3.0), x0=st.floats(-2, 2), v0=st.floats(-2, 2),
       hs=st.lists(st.floats(-1, 0.5), min_size=5, max_size=5))
def test_friction_is_a_bulk_network(mass, x0, v0, hs):
    # m x'' = h x' + V'(x) is the bulk layer with h_bulk = -h/m, m^2 = 0, V_bulk = V/m, step T/N > 0
    V = sp.cos(PHI) - 1
    fr = FrictionNetwork(mass, V, hs, x=PHI, layers=5, t_final=2.5)
    bulk = BulkNetwork(3, 0, V / mass, -np.asarray(hs) / mass, 1.0, 3.5, 5)
    assert np.isclose(fr.forward(x0, v0), bulk.trajectory(x0, v0)[-1, 1], rtol=1e-12, atol=1e-12)


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 1000), delta=st.sampled_from([0.05, 0.3, 1.0]))
def test_gradient_random_points(seed, delta):
    lam = sp.Symbol("lambda")
    net = BulkNetwork(3, -1, lam * PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10, params={lam: 1.0})
    rng = np.random.default_rng(seed)
    phi, pi = rng.uniform(0, 1.5, 64), rng.uniform(-0.2, 0.2, 64)
    yv = (rng.uniform(size=64) < 0.5).astype(float)
    model = _model(net, (lam,))
    h, th = rng.normal(3, 1, 10), np.array([rng.uniform(0.5, 1.5)])
    kw = dict(eps=0.1, delta=delta, reg=0.3)
    _, gh, _ = loss_and_gradient(model, h, th, phi, pi, yv, **kw)
    i = int(rng.integers(10))
    e = 1e-6
    hp, hm = h.copy(), h.copy()
    hp[i] += e
    hm[i] -= e
    num = (loss_and_gradient(model, hp, th, phi, pi, yv, **kw)[0]
           - loss_and_gradient(model, hm, th, phi, pi, yv, **kw)[0]) / (2 * e)
    assert abs(num - gh[i]) <= 1e-5 * max(1.0, abs(gh[i]))


def test_every_public_object_renders_latex():
    lam = sp.Symbol("lambda")
    net = BulkNetwork(3, -1, lam * PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10, params={lam: 1.0})
    objs = [net, separable_network(x**2, x, y, dt), geodesic_network(sp.eye(1), (x,), dt),
            FrictionNetwork(1, sp.cos(PHI), [0.0] * 4, x=PHI, layers=4, t_final=1.0)]
    for o in objs:
        s = o._repr_latex_()
        assert s.startswith("$") and s.endswith("$")
    assert len(bulk_data(net, 3, 3, seed=1)[0]) == 6
