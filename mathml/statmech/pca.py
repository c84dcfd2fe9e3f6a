r"""PCA as renormalisation (Bradde-Bialek, arXiv:1610.09733): keep the large-variance modes of a covariance.

For a translation-invariant field the covariance is circulant, its eigenvectors are Fourier modes,
and for the periodic lattice Gaussian field with precision :math:`-\Delta_L + m^2` the variances are
:math:`1/(m^2 + 4\sin^2(\pi k/L))` (one dimension; a sum of such terms in the denominator in two):
discarding the smallest-variance principal components is exactly discarding the largest |k|, a
momentum-shell RG step.

Examples
--------
>>> from mathml.statmech import pca_rg, lattice_gaussian_covariance
>>> res = pca_rg(lattice_gaussian_covariance(16, 0.09), keep=5)
>>> res.momenta()[:5].tolist()                 # brief S9: k = 0, +-1, +-2
[0, 1, 1, 2, 2]
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from typing import Any

import numpy as np

from ..core.errors import InvalidInputError
from .configs import _check_real
from .errors import SizeLimitError

#: Largest dense covariance handled (its eigendecomposition takes seconds at this size).
_MAX_MODES = 2048

__all__ = ["PCARG", "pca_rg", "lattice_gaussian_covariance"]


def lattice_gaussian_covariance(L: int, m2: Any, *, dim: int = 1) -> np.ndarray:
    r"""The covariance :math:`(-\Delta_L + m^2)^{-1}` of the periodic lattice Gaussian field (float64).

    Parameters
    ----------
    L : int
        Sites per direction (>= 2).
    m2 : float
        Mass squared, > 0.
    dim : {1, 2}
        Lattice dimension (sites in row-major order for dim = 2).

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import lattice_gaussian_covariance
    >>> C = lattice_gaussian_covariance(4, 1.0)
    >>> round(float(np.linalg.eigvalsh(C).max()), 12)          # k = 0: 1 / m^2
    1.0
    """
    if isinstance(L, bool) or not isinstance(L, Integral) or L < 2:
        raise InvalidInputError(f"L must be an integer >= 2, got {L!r}")
    m2 = _check_real("m2", m2)
    if m2 <= 0:
        raise InvalidInputError(f"m2 must be positive (a massless periodic field has a zero mode), got {m2}")
    if dim not in (1, 2) or isinstance(dim, bool):
        raise InvalidInputError(f"dim must be 1 or 2, got {dim!r}")
    if L ** dim > _MAX_MODES:
        raise SizeLimitError(
            f"L**dim = {L ** dim} sites exceeds {_MAX_MODES} (the covariance is a dense matrix)"
        )
    lap1 = 2 * np.eye(L) - np.roll(np.eye(L), 1, axis=1) - np.roll(np.eye(L), -1, axis=1)
    if dim == 1:
        prec = lap1 + m2 * np.eye(L)
    else:
        prec = np.kron(lap1, np.eye(L)) + np.kron(np.eye(L), lap1) + m2 * np.eye(L * L)
    return np.linalg.inv(prec)


@dataclass(frozen=True)
class PCARG:
    """Principal components of a covariance, sorted by decreasing variance, and the kept block.

    Attributes
    ----------
    variances : numpy.ndarray
        All eigenvalues, decreasing.
    modes : numpy.ndarray
        Orthonormal eigenvectors as columns, in the same order.
    keep : int
        Number of kept (coarse) modes.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import pca_rg
    >>> pca_rg(np.diag([1.0, 3.0, 2.0]), keep=2)
    PCARG(n=3, keep=2)
    """

    variances: np.ndarray
    modes: np.ndarray
    keep: int

    def __repr__(self) -> str:
        return f"PCARG(n={len(self.variances)}, keep={self.keep})"

    def _repr_latex_(self) -> str:
        return (
            r"$C = \sum_{a=1}^{%d}\lambda_a u_au_a^T,\ \text{kept } a \le %d,\ "
            r"\lambda_{%d} = %.6g$"
            % (len(self.variances), self.keep, self.keep, self.variances[self.keep - 1])
        )

    def project(self, x: Any) -> np.ndarray:
        """Coordinates of samples (rows) on the kept modes.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import pca_rg
        >>> pca_rg(np.diag([1.0, 3.0]), keep=1).project([[2.0, 5.0]]).tolist()    # the variance-3 axis
        [[5.0]]
        """
        if isinstance(x, (str, bytes)):
            raise InvalidInputError("samples must be a real array, not a string")
        try:
            x = np.asarray(x, dtype=float)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError("samples must be a real (numeric) array") from exc
        if x.shape[-1] != self.modes.shape[0]:
            raise InvalidInputError(f"samples must have {self.modes.shape[0]} components")
        return x @ self.modes[:, : self.keep]

    def coarse_covariance(self) -> np.ndarray:
        """The covariance restricted to the kept modes, :math:`U_k\\Lambda_kU_k^T`.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import pca_rg
        >>> pca_rg(np.diag([1.0, 3.0]), keep=1).coarse_covariance().tolist()
        [[0.0, 0.0], [0.0, 3.0]]
        """
        U = self.modes[:, : self.keep]
        return U @ np.diag(self.variances[: self.keep]) @ U.T

    def momenta(self, L: int | None = None) -> np.ndarray:
        """For each mode, the |k| (folded to 0..L/2) carrying most of its Fourier weight (1-D sites).

        Examples
        --------
        >>> from mathml.statmech import lattice_gaussian_covariance, pca_rg
        >>> pca_rg(lattice_gaussian_covariance(8, 0.5), keep=3).momenta()[:3].tolist()   # k = 0, +-1
        [0, 1, 1]
        """
        n = self.modes.shape[0]
        L = n if L is None else L
        if L != n:
            raise InvalidInputError(f"momenta() reads 1-D modes of length L = {n}")
        power = np.abs(np.fft.fft(self.modes, axis=0)) ** 2
        k = np.argmax(power, axis=0)
        return np.minimum(k, L - k)


def pca_rg(cov: Any, keep: int | None = None, *, fraction: float | None = None) -> PCARG:
    """Principal components of a covariance matrix as an RG step (keep the large-variance modes).

    Parameters
    ----------
    cov : array_like
        Symmetric positive semi-definite matrix.
    keep : int, optional
        Number of modes kept.
    fraction : float, optional
        Keep the fewest modes explaining at least this fraction of the total variance
        (used when ``keep`` is None; default: keep half the modes).

    Raises
    ------
    InvalidInputError
        For a non-square, asymmetric, non-finite or indefinite matrix, or a bad keep/fraction.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import pca_rg
    >>> pca_rg(np.diag([1.0, 3.0, 2.0]), keep=2).variances.tolist()
    [3.0, 2.0, 1.0]
    """
    if isinstance(cov, (str, bytes)):
        raise InvalidInputError("cov must be a real square matrix, not a string")
    try:
        C = np.asarray(cov, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError("cov must be a real (numeric, square) matrix") from exc
    if C.ndim != 2 or C.shape[0] != C.shape[1] or C.shape[0] == 0 or not np.all(np.isfinite(C)):
        raise InvalidInputError("cov must be a finite non-empty square matrix")
    if C.shape[0] > _MAX_MODES:
        raise SizeLimitError(
            f"cov is {C.shape[0]} x {C.shape[0]}; dense diagonalisation is limited to {_MAX_MODES} modes"
        )
    if not np.allclose(C, C.T, rtol=1e-12, atol=1e-12 * max(1.0, float(np.abs(C).max()))):
        raise InvalidInputError("cov must be symmetric")
    lam, U = np.linalg.eigh((C + C.T) / 2)
    if lam.min() < -1e-10 * max(1.0, abs(lam).max()):
        raise InvalidInputError(f"cov must be positive semi-definite (smallest eigenvalue {lam.min():.3g})")
    order = np.argsort(lam)[::-1]
    lam, U = lam[order], U[:, order]
    n = len(lam)
    if keep is None:
        if fraction is None:
            keep = max(1, n // 2)
        else:
            fraction = _check_real("fraction", fraction)
            if not 0 < fraction <= 1:
                raise InvalidInputError(f"fraction must lie in (0, 1], got {fraction}")
            if not lam.sum() > 0:
                raise InvalidInputError("fraction needs a covariance with positive total variance")
            keep = min(n, int(np.searchsorted(np.cumsum(lam) / lam.sum(), fraction - 1e-15) + 1))
    if isinstance(keep, bool) or not isinstance(keep, Integral) or not 1 <= keep <= n:
        raise InvalidInputError(f"keep must be an integer in [1, {n}], got {keep!r}")
    return PCARG(variances=lam, modes=U, keep=int(keep))
