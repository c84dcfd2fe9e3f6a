r"""The inverse Ising problem ("physics: beta, h, J -> <M>; ML: the inverse", Jafari's Hopfield slide).

Model: spins :math:`s \in \{\pm1\}^n`, :math:`P(s) \propto \exp(\tfrac12 s^TJs + h\cdot s)` with symmetric
J, zero diagonal (the `BoltzmannMachine` energy with ``units="spin"``).  Given the data's
magnetisations and correlations, two estimators of (J, h):

- ``method="exact"``: Boltzmann learning, i.e. maximum likelihood with exact gradients
  :math:`\langle s_is_j\rangle_{data} - \langle s_is_j\rangle_{model}` by enumeration (n <= 16); it matches
  the data's first and second moments, and recovers (J, h) exactly when the data are an Ising
  Boltzmann distribution;
- ``method="mean_field"``: naive mean-field inversion, :math:`J = -(C^{-1})_{i\ne j}` with the connected
  correlations :math:`C = \langle ss^T\rangle - mm^T`, and
  :math:`h_i = \operatorname{artanh} m_i - \sum_j J_{ij}m_j`
  (Kappen-Rodriguez 1998); its error is second order in J.

Examples
--------
>>> import numpy as np
>>> from mathml.statmech import BoltzmannMachine, inverse_ising
>>> J = np.array([[0, 0.3, 0.0], [0.3, 0, -0.2], [0.0, -0.2, 0]])
>>> p = BoltzmannMachine(J, [0.1, 0.0, -0.1], units="spin").probabilities()
>>> J_hat, h_hat = inverse_ising(p)
>>> bool(np.max(np.abs(J_hat - J)) < 1e-6), np.round(h_hat, 6).tolist()
(True, [0.1, 0.0, -0.1])
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.errors import DomainError, InvalidInputError
from .boltzmann import BoltzmannMachine
from .configs import _check_n, configurations
from .rbm import _check_distribution

__all__ = ["inverse_ising", "spin_moments"]


def spin_moments(p: Any, n: int) -> tuple[np.ndarray, np.ndarray]:
    r"""Magnetisations :math:`m = \langle s\rangle` and correlations :math:`\langle ss^T\rangle` of a
    distribution over spin states.

    Parameters
    ----------
    p : array_like
        Probabilities over the :math:`2^n` spin states (order of `configurations`).
    n : int

    Examples
    --------
    >>> from mathml.statmech import spin_moments
    >>> m, S = spin_moments([0.5, 0.0, 0.0, 0.5], 2)       # s_1 = s_2, unbiased
    >>> m.tolist(), S.tolist()
    ([0.0, 0.0], [[1.0, 1.0], [1.0, 1.0]])
    """
    n = _check_n(n, 20)
    p = _check_distribution(p, n)
    X = configurations(n, "spin").astype(float)
    return p @ X, X.T @ (p[:, None] * X)


def _on_boundary(p: np.ndarray, n: int) -> bool:
    """True when no strictly positive distribution over the 2^n states has the moments of p (an LP:
    maximise t subject to q >= t, sum q = 1 and the first and second moments of p)."""
    from scipy.optimize import linprog

    X = configurations(n, "spin").astype(float)
    iu = np.triu_indices(n, 1)
    A = np.vstack([np.ones(len(X)), X.T, (X[:, iu[0]] * X[:, iu[1]]).T])
    b = A @ p
    # variables (q, t): maximise t <=> minimise -t; q_x - t >= 0
    c = np.zeros(len(X) + 1)
    c[-1] = -1.0
    A_eq = np.hstack([A, np.zeros((len(A), 1))])
    A_ub = np.hstack([-np.eye(len(X)), np.ones((len(X), 1))])
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(len(X)), A_eq=A_eq, b_eq=b, bounds=(0, None), method="highs")
    return bool(res.status != 0 or -res.fun < 1e-9)


def inverse_ising(
    p_data: Any, *, method: str = "exact", maxiter: int = 5000
) -> tuple[np.ndarray, np.ndarray]:
    r"""Couplings J and fields h of the Ising model that best explains a distribution over spin states.

    Parameters
    ----------
    p_data : array_like
        Probabilities over the :math:`2^n` states of n spins (order of `configurations`), n <= 16.
    method : {"exact", "mean_field"}
        Boltzmann learning (exact gradients, L-BFGS) or naive mean-field inversion (module docstring).
    maxiter : int
        Iteration budget of the exact method.

    Returns
    -------
    (J, h) : numpy arrays
        Symmetric J with zero diagonal, and h (float64).

    Raises
    ------
    InvalidInputError
        For an invalid distribution, an unknown method, or (mean field) singular correlations.
    DomainError
        (exact, n <= 10) When the moments of ``p_data`` lie on the boundary of the marginal polytope
        (no strictly positive distribution has them), so that only infinite couplings fit.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import BoltzmannMachine, inverse_ising
    >>> J = np.array([[0, 0.05], [0.05, 0]])
    >>> p = BoltzmannMachine(J, units="spin").probabilities()
    >>> J_mf, h_mf = inverse_ising(p, method="mean_field")
    >>> round(float(J_mf[0, 1]), 6)                        # -C^{-1}: tanh(0.05)/(1 - tanh^2 0.05)
    0.050083
    """
    try:
        p = np.asarray(p_data, dtype=float) if not isinstance(p_data, (str, bytes)) else None
    except (TypeError, ValueError):
        p = None
    if p is None or p.ndim != 1 or len(p) < 2 or len(p) & (len(p) - 1):
        raise InvalidInputError("p_data must be a probability vector of length 2**n (n >= 1)")
    n = int(len(p)).bit_length() - 1
    _check_n(n, 16)
    p = _check_distribution(p, n)
    if method == "exact":
        if n <= 10 and _on_boundary(p, n):
            # Boltzmann learning matches <s_i> and <s_i s_j>; on the boundary of the marginal polytope
            # (e.g. perfectly correlated spins) only infinite couplings do, and L-BFGS would return an
            # arbitrary cut-off such as J = 14.2.
            raise DomainError(
                "no finite couplings reproduce the moments of p_data: no strictly positive distribution "
                "has them (boundary of the marginal polytope, e.g. |<s_i>| = 1 or |<s_i s_j>| = 1)"
            )
        bm = BoltzmannMachine(np.zeros((n, n)), units="spin").fit_exact(p, maxiter=maxiter, gtol=1e-12)
        return bm.W, bm.b
    if method != "mean_field":
        raise InvalidInputError(f"method must be 'exact' or 'mean_field', got {method!r}")
    m, S = spin_moments(p, n)
    C = S - np.outer(m, m)
    if np.linalg.cond(C) > 1e12 or np.any(np.abs(m) >= 1):
        raise InvalidInputError(
            "mean-field inversion needs non-singular connected correlations and |m_i| < 1"
        )
    J = -np.linalg.inv(C)
    np.fill_diagonal(J, 0.0)
    h = np.arctanh(m) - J @ m
    return J, h
