"""NNGP kernels: closed forms (Cho & Saul; Williams) against quadrature and the brief's F1 values."""

import mpmath
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.fieldtheory import kernel_routes, nngp_kernel, nngp_kernel_matrix, relu_expectation
from mathml.fieldtheory.kernels import arccos_J, erf_expectation


def test_relu_correlation_map_iterates():
    # brief F1: at sigma_w2 = 2, sigma_b2 = 0 the correlation iterates from c0 = 0 are
    # 0.318309886183791, 0.493731090200372, 0.604825720112945 (inputs with unit K^0)
    expected = ["0.318309886183791", "0.493731090200372", "0.604825720112945"]
    for depth, e in enumerate(expected, start=1):
        k11, k12, k22 = nngp_kernel_matrix("relu", 2.0, 0.0, depth, [1.0, 0.0], [0.0, 1.0], dps=20)
        assert abs(k12 / mpmath.sqrt(k11 * k22) - mpmath.mpf(e)) < 1e-15


def test_relu_exact_first_layer():
    assert nngp_kernel("relu", 2, 0, 1, [1, 0], [0, 1]) == 1 / sp.pi
    assert relu_expectation(1, 0, 1) == 1 / (2 * sp.pi)  # brief F1: 1/(2 pi)
    assert arccos_J(0, sp.pi / 3) == 2 * sp.pi / 3


def test_erf_williams_value():
    assert abs(erf_expectation(1.3, 0.5, 0.7) - mpmath.mpf("0.220994228")) < 1e-9


@pytest.mark.parametrize("act", ["relu", "erf"])
def test_closed_form_vs_quadrature(act):
    v = kernel_routes(act, 1.7, 0.2, 3, [0.5, -1.0, 2.0], [1.0, 0.3, -0.4], digits=11)
    assert v.status.value == "consistent", v


def test_quadrature_for_tanh_reduces_to_signal_propagation():
    # identical inputs: K^l(x, x) is the length map iterate (independent: SignalPropagation.q_map)
    from mathml.fieldtheory import SignalPropagation

    s = SignalPropagation("tanh", 1.5, 0.1, dps=15)
    q0 = 0.1 + 1.5 * (1 + 4) / 2
    k11, k12, k22 = nngp_kernel_matrix("tanh", 1.5, 0.1, 2, [1, 2], [1, 2], dps=13)
    assert abs(k11 - s.q_map(s.q_map(q0))) < 1e-12 and abs(k12 - k11) < 1e-11


def test_errors():
    with pytest.raises(InvalidInputError, match="same length"):
        nngp_kernel("relu", 1, 0, 1, [1, 2], [1])
    with pytest.raises(InvalidInputError, match="closed form"):
        nngp_kernel("tanh", 1, 0, 1, [1], [1], method="closed")
    with pytest.raises(InvalidInputError, match="depth"):
        nngp_kernel("relu", 1, 0, -1, [1], [1])
    with pytest.raises(InvalidInputError, match="non-finite"):
        nngp_kernel("relu", 1, 0, 1, [float("nan")], [1])
    with pytest.raises(InvalidInputError):
        nngp_kernel("relu", 1, 0, 1, "ab", [1])


def test_wide_network_kernel_self_averages_to_nngp():
    # B1 (Neal 1994, Lee et al. 2018): the empirical kernel of one wide tanh network concentrates on the
    # NNGP kernel with O(1/sqrt(N)) fluctuations; 3 independent nets of width 2000, depth 3
    import numpy as np

    sw2, sb2, depth, N = 1.8, 0.1, 3, 2000
    x = np.array([[1.0, 0.2], [-0.5, 0.9], [0.3, -1.0]])  # two inputs as columns, d_in = 3
    rng = np.random.default_rng(42)
    Ks = []
    for _ in range(3):
        z = rng.normal(0, np.sqrt(sw2 / 3), (N, 3)) @ x + rng.normal(0, np.sqrt(sb2), (N, 1))
        for _ in range(depth - 1):
            z = rng.normal(0, np.sqrt(sw2 / N), (N, N)) @ np.tanh(z) + rng.normal(0, np.sqrt(sb2), (N, 1))
        Ks.append(sb2 + sw2 * np.tanh(z).T @ np.tanh(z) / N)
    K = np.mean(Ks, axis=0)
    k11, k12, k22 = nngp_kernel_matrix("tanh", sw2, sb2, depth, x[:, 0], x[:, 1], dps=12)
    assert np.allclose(K, [[float(k11), float(k12)], [float(k12), float(k22)]], atol=0.04)
