r"""Level statistics: the mean adjacent-gap ratio :math:`\langle\tilde r\rangle`.

:math:`\tilde r_n = \min(s_n, s_{n+1})/\max(s_n, s_{n+1})` with spacings :math:`s_n = E_{n+1} - E_n`
of a sorted spectrum (no unfolding needed).  Reference values (Atas, Bogomolny, Giraud, Roux,
PRL 110, 084101 (2013)): Poisson :math:`2\ln 2 - 1 = 0.38629...`; GOE 3x3 surmise
:math:`4 - 2\sqrt 3 = 0.53590...`; GOE large-N :math:`\approx 0.5307`.  Resolve all symmetries
first: a spectrum mixing sectors looks Poissonian.

Examples
--------
>>> import numpy as np
>>> from mathml.quantum import level_spacing_ratio, goe_matrix
>>> r = level_spacing_ratio(np.linalg.eigvalsh(goe_matrix(1000, seed=0)))
>>> bool(abs(r - 0.5307) < 0.02)
True
"""
from __future__ import annotations

from typing import Any

import mpmath
import numpy as np

from mathml.core.errors import InvalidInputError

from .validate import check_real

__all__ = ["level_spacing_ratio", "gap_ratios", "goe_matrix", "R_POISSON", "R_GOE_SURMISE", "R_GOE"]

with mpmath.workdps(40):
    #: Poisson value 2 ln 2 - 1 (40 digits).
    R_POISSON = 2 * mpmath.log(2) - 1
    #: GOE Wigner-like surmise 4 - 2 sqrt 3 (40 digits).
    R_GOE_SURMISE = 4 - 2 * mpmath.sqrt(3)
#: GOE large-N value quoted by Atas et al. 2013 (4 digits).
R_GOE = 0.5307


def gap_ratios(energies: Any, degeneracy_tol: float = 1e-12) -> np.ndarray:
    """The ratios :math:`\\tilde r_n` of a spectrum (sorted first).

    Exact degeneracies (spacing below ``degeneracy_tol`` times the mean spacing) are merged
    first, since a zero spacing makes the ratio meaningless.

    >>> from mathml.quantum.spectra import gap_ratios
    >>> gap_ratios([0, 1, 3, 4]).tolist()
    [0.5, 0.5]
    """
    try:
        E = np.asarray(energies, dtype=float).ravel()
    except (TypeError, ValueError) as exc:
        raise InvalidInputError("energies must be a sequence of real numbers") from exc
    if E.size < 3 or not np.all(np.isfinite(E)):
        raise InvalidInputError("need at least 3 finite energies")
    degeneracy_tol = check_real(degeneracy_tol, "degeneracy_tol", minimum=0)
    E = np.sort(E)
    s = np.diff(E)
    scale = s.mean() if s.mean() > 0 else 1.0
    s = s[s > degeneracy_tol * scale]
    if s.size < 2:
        raise InvalidInputError("fewer than 3 distinct levels")
    return np.minimum(s[1:], s[:-1]) / np.maximum(s[1:], s[:-1])


def level_spacing_ratio(energies: Any, degeneracy_tol: float = 1e-12) -> float:
    """The mean :math:`\\langle\\tilde r\\rangle` (see `gap_ratios`).

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import level_spacing_ratio
    >>> E = np.cumsum(np.random.default_rng(0).exponential(size=100_000))   # Poisson levels
    >>> round(level_spacing_ratio(E), 2)                                      # 2 ln 2 - 1 = 0.386
    0.39
    """
    return float(np.mean(gap_ratios(energies, degeneracy_tol)))


def goe_matrix(n: int, seed: int = 0) -> np.ndarray:
    """A GOE matrix :math:`(A + A^T)/2` with standard normal ``A`` from ``default_rng(seed)``.

    >>> from mathml.quantum import goe_matrix
    >>> goe_matrix(3).shape
    (3, 3)
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or not 3 <= n <= 4096:
        raise InvalidInputError(f"n must be an integer in 3..4096 (a dense n x n matrix), got {n!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidInputError(f"seed must be a non-negative integer, got {seed!r}")
    A = np.random.default_rng(seed).standard_normal((n, n))
    return (A + A.T) / 2
