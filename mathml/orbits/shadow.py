"""Shadow groups (Paul–Venkatasubramanian): how far a layer map is from a group element.

`shadow_residual(A, group)` returns the nearest element of the group in the Frobenius norm and the
residual ``||A - g||_F``:

- ``"O"``: the polar factor ``U V^T`` of ``A = U Σ V^T`` (Higham, *Functions of Matrices*, §8.1);
- ``"SO"``: the special-orthogonal Procrustes solution (flip the last singular direction if needed);
- ``"Sim"``: ``c Q`` with ``Q`` the polar factor and ``c = tr(Σ)/n`` (scaled rotations);
- ``"GL"``: ``A`` itself when invertible (residual 0), else the nearest invertible perturbation is
  arbitrarily close: residual 0 with a note;
- ``"Aff"``: for a sampled layer map ``(X, Y)`` (rows are points), the least-squares affine map.

Examples
--------
>>> import numpy as np
>>> from mathml.orbits import shadow_residual
>>> r = shadow_residual(np.array([[2.0, 0.0], [0.0, 0.5]]), "O")        # float64
>>> r.element, round(r.residual, 12)
(array([[1., 0.],
       [0., 1.]]), 1.118033988750)
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ..core.errors import InvalidInputError

__all__ = ["ShadowResidual", "shadow_residual", "SHADOW_GROUPS"]

SHADOW_GROUPS = ("O", "SO", "Sim", "GL", "Aff")


@dataclass(frozen=True)
class ShadowResidual:
    """The nearest group element (``element``; for "Aff" the pair ``(W, b)``) and ``||A - g||_F``."""

    group: str
    element: Any
    residual: float
    note: str = ""

    def _repr_latex_(self) -> str:
        return (r"$\min_{g\in \mathrm{" + self.group + r"}}\|A - g\|_F = " + f"{self.residual:.6g}" + "$")

    def __repr__(self) -> str:
        return f"ShadowResidual({self.group}, residual={self.residual:.6g})"


def _real_array(A: Any, what: str) -> np.ndarray:
    if isinstance(A, (str, bytes)):
        raise InvalidInputError(f"{what} must be an array of real numbers, not a string")
    try:
        a = np.asarray(np.array(A).tolist() if not isinstance(A, np.ndarray) else A)
        if np.iscomplexobj(a):
            complex_entries = bool(np.any(np.imag(a) != 0))
            a = a.real
        else:
            complex_entries = False
        a = np.asarray(a, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{what} must be an array of real numbers (no strings or free symbols)") from None
    if complex_entries:
        raise InvalidInputError(f"{what} must be real (the groups here are real matrix groups); got complex entries")
    return a


def _square(A: Any) -> np.ndarray:
    a = _real_array(A, "A")
    if a.ndim != 2 or a.shape[0] != a.shape[1] or a.shape[0] < 1:
        raise InvalidInputError(f"A must be a square matrix, got shape {a.shape}")
    if not np.all(np.isfinite(a)):
        raise InvalidInputError("A must have finite entries")
    return a


def shadow_residual(A: Any, group: str) -> ShadowResidual:
    """Distance from ``A`` to the nearest element of ``group`` (one of `SHADOW_GROUPS`).

    Parameters
    ----------
    A : square matrix, or for ``group="Aff"`` a pair ``(X, Y)`` of (n_samples, d) arrays
    group : {"O", "SO", "Sim", "GL", "Aff"}

    Returns
    -------
    ShadowResidual

    Raises
    ------
    InvalidInputError
        Unknown group, bad shapes, non-finite entries.
    """
    if group not in SHADOW_GROUPS:
        raise InvalidInputError(f"group must be one of {SHADOW_GROUPS}, got {group!r}")
    if group == "Aff":
        try:
            X, Y = A
        except (TypeError, ValueError):
            raise InvalidInputError('for group="Aff" pass a pair (X, Y) of sample arrays') from None
        X, Y = _real_array(X, "X"), _real_array(Y, "Y")
        if X.ndim != 2 or Y.ndim != 2 or len(X) != len(Y) or len(X) <= X.shape[1]:
            raise InvalidInputError("X and Y must be 2-d with the same number of rows, more rows than columns of X")
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(Y))):
            raise InvalidInputError("X and Y must have finite entries")
        aug = np.hstack([X, np.ones((len(X), 1))])
        coef, *_ = np.linalg.lstsq(aug, Y, rcond=None)
        W, b = coef[:-1].T, coef[-1]
        res = float(np.linalg.norm(aug @ coef - Y))
        return ShadowResidual("Aff", (W, b), res)
    a = _square(A)
    u, s, vt = np.linalg.svd(a)
    if group == "GL":
        note = "" if s.min() > 0 else "A is singular: invertible matrices come arbitrarily close"
        return ShadowResidual("GL", a, 0.0, note)
    q = u @ vt
    if group == "SO" and np.linalg.det(q) < 0:
        d = np.ones(len(s))
        d[-1] = -1
        q = u @ np.diag(d) @ vt
    note = ""
    if group == "Sim":
        c = s.sum() / len(s)
        g = c * q
        if c == 0:
            note = "A = 0: scaled rotations c Q (c > 0) come arbitrarily close; the infimum is not attained"
    else:
        g = q
    return ShadowResidual(group, g, float(np.linalg.norm(a - g)), note)
