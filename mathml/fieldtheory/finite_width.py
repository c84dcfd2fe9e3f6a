"""Exact finite-width non-Gaussianity of ReLU networks at He initialisation.

Network: h^1 = W^1 x, h^l = W^l relu(h^{l-1}) (l = 2..L), output z = W^{L+1} relu(h^L), zero biases,
W^l ~ N(0, 2 / n_{l-1}) for the hidden layers (He) and the readout ~ N(0, 1 / n_L).  Given the layer
below, the n_l pre-activations are i.i.d. N(0, s_l), so ||relu(h^l)||^2 = s_l R_l with
R_l = sum_{i <= n_l} relu(g_i)^2, g_i standard normal, independent of everything before.  With
E relu(g)^2 = 1/2 and E relu(g)^4 = 3/2,

    E R = n/2,   E R^2 = 3n/2 + n(n-1)/4 = n(n+5)/4,   E R^2 / (E R)^2 = 1 + 5/n,

and z given the last layer is N(0, ||relu(h^L)||^2 / n_L), so E z^4 = 3 E[S^2]/n_L^2 and

    E[z^4] / E[z^2]^2 = 3 prod_l (1 + 5 / n_l)     (every input x != 0; one hidden layer: 3 + 15/n).

`finite_width_kurtosis` returns this as an exact Rational; `kurtosis_by_enumeration` recomputes it
independently (sympy integrals for the relu moments, exact sum over the Binomial(n, 1/2) number of
active units for each layer); `sample_relu_outputs` is the Monte Carlo route.

Examples
--------
>>> from mathml.fieldtheory import finite_width_kurtosis
>>> finite_width_kurtosis((4,)), finite_width_kurtosis((4, 4))          # brief F5: 6.75, 15.1875
(27/4, 243/16)
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError

__all__ = ["finite_width_kurtosis", "kurtosis_by_enumeration", "sample_relu_outputs", "relu_moment"]


def _widths(widths: Any) -> tuple[int, ...]:
    if isinstance(widths, (int, np.integer)) and not isinstance(widths, bool):
        widths = (widths,)
    if isinstance(widths, str) or not hasattr(widths, "__iter__"):
        raise InvalidInputError(f"widths must be a sequence of positive integers, got {widths!r}")
    out = []
    for n in widths:
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise InvalidInputError(f"every width must be a positive integer, got {n!r}")
        out.append(int(n))
    return tuple(out)


def finite_width_kurtosis(widths: Sequence[int]) -> sp.Rational:
    """E[z^4] / E[z^2]^2 = 3 prod_l (1 + 5/n_l) for a ReLU net at He init, zero biases (exact).

    Parameters
    ----------
    widths : sequence of positive int
        Hidden widths n_1, ..., n_L (an empty sequence is the linear model: 3).

    Returns
    -------
    sympy.Rational

    Raises
    ------
    InvalidInputError
        A width that is not a positive integer.

    Examples
    --------
    >>> from mathml.fieldtheory import finite_width_kurtosis
    >>> finite_width_kurtosis([8, 8, 8])          # brief F5: 12.873046875
    6591/512
    >>> finite_width_kurtosis(())
    3
    """
    k = sp.Integer(3)
    for n in _widths(widths):
        k *= 1 + sp.Rational(5, n)
    return k


def relu_moment(k: int) -> sp.Expr:
    """E[relu(g)^k] for a standard normal g, by exact sympy integration (of g^k over g > 0; k >= 1).

    >>> from mathml.fieldtheory.finite_width import relu_moment
    >>> relu_moment(2), relu_moment(4)
    (1/2, 3/2)
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 0:
        raise InvalidInputError(f"k must be a non-negative integer, got {k!r}")
    if k == 0:
        return sp.Integer(1)
    g = sp.Symbol("g", positive=True)
    return sp.integrate(g**k * sp.exp(-(g**2) / 2) / sp.sqrt(2 * sp.pi), (g, 0, sp.oo))


def kurtosis_by_enumeration(widths: Sequence[int]) -> sp.Rational:
    """The same kurtosis from an independent exact route.

    For each layer, the number K of active units is Binomial(n, 1/2); given K, R is a sum of K
    squared standard normals, so E[R | K] = K, E[R^2 | K] = K^2 + 2K (chi-square moments, from sympy's
    Gaussian integrals of g^2 and g^4).  The exact sum over K gives E R and E R^2 per layer.
    Widths up to 5000 (InvalidInputError beyond).

    >>> from mathml.fieldtheory.finite_width import kurtosis_by_enumeration
    >>> kurtosis_by_enumeration((1, 2))
    63
    """
    m2, m4 = _gauss_moments()
    ratio = sp.Integer(1)
    ws = _widths(widths)
    if any(n > 5000 for n in ws):
        raise InvalidInputError(
            "kurtosis_by_enumeration sums over every active count (O(n) exact terms per layer): widths "
            f"up to 5000, got {max(ws)}; finite_width_kurtosis is exact at any width"
        )
    for n in ws:
        ER, ER2 = sp.Integer(0), sp.Integer(0)
        for k in range(n + 1):
            p = sp.binomial(n, k) / sp.Integer(2) ** n
            ER += p * k * m2
            ER2 += p * (k * m4 + k * (k - 1) * m2**2)
        ratio *= ER2 / ER**2
    return sp.nsimplify(3 * ratio)


@functools.lru_cache(maxsize=1)
def _gauss_moments() -> tuple[sp.Expr, sp.Expr]:
    g = sp.Symbol("g", real=True)
    gauss = sp.exp(-(g**2) / 2) / sp.sqrt(2 * sp.pi)
    return (sp.integrate(g**2 * gauss, (g, -sp.oo, sp.oo)), sp.integrate(g**4 * gauss, (g, -sp.oo, sp.oo)))


def sample_relu_outputs(
    widths: Sequence[int], n_samples: int, seed: int, *, d_in: int = 3, chunk: int = 200_000
) -> np.ndarray:
    """Monte Carlo: outputs z of ``n_samples`` independently initialised ReLU nets at one fixed input.

    The input is the all-ones vector of length ``d_in``; the first layer is N(0, 2/d_in).

    >>> import numpy as np
    >>> from mathml.fieldtheory.finite_width import sample_relu_outputs
    >>> z = sample_relu_outputs((4,), 400_000, seed=0)
    >>> k = float(np.mean(z**4) / np.mean(z**2)**2)
    >>> abs(k - 6.75) < 0.4            # exact 27/4; Monte Carlo error of the heavy-tailed ratio
    True
    """
    ws = _widths(widths)
    if isinstance(n_samples, bool) or not isinstance(n_samples, (int, np.integer)) or n_samples < 1:
        raise InvalidInputError(f"n_samples must be a positive integer, got {n_samples!r}")
    if isinstance(d_in, bool) or not isinstance(d_in, int) or d_in < 1:
        raise InvalidInputError(f"d_in must be a positive integer, got {d_in!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative integer, got {seed!r}")
    if isinstance(chunk, bool) or not isinstance(chunk, int) or chunk < 1:
        raise InvalidInputError(f"chunk must be a positive integer, got {chunk!r}")
    fans = [d_in, *ws]
    per_net = max(n * f for n, f in zip(ws + (1,), fans))  # largest weight matrix of one net
    if int(n_samples) * sum(n * f for n, f in zip(ws + (1,), fans)) > 2 * 10**10:
        raise InvalidInputError(
            "n_samples times the number of weights per net exceeds 2e10 (minutes of work): reduce them"
        )
    chunk = max(1, min(chunk, 2 * 10**7 // per_net))  # at most 2e7 numbers (160 MB) per weight array
    rng = np.random.default_rng(int(seed))
    out = np.empty(int(n_samples))
    for start in range(0, int(n_samples), chunk):
        k = min(chunk, int(n_samples) - start)
        h = np.ones((k, d_in))
        fan = d_in
        for i, n in enumerate(ws):
            W = rng.standard_normal((k, n, fan)) * np.sqrt(2.0 / fan)
            h = np.einsum("knf,kf->kn", W, h if i == 0 else np.maximum(h, 0.0))
            fan = n
        last = np.maximum(h, 0.0) if ws else h
        w = rng.standard_normal((k, fan)) * np.sqrt(1.0 / fan)
        out[start : start + k] = np.einsum("kf,kf->k", w, last)
    return out
