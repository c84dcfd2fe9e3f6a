"""Sparse exact diagonalisation: `lowest_energies` and `ground_state`.

Examples
--------
>>> from mathml.quantum import heisenberg, lowest_energies
>>> [round(float(e), 10) for e in lowest_energies(heisenberg(6, units="spin"), k=1, sector={"Sz": 0})]
[-2.8027756377]
"""
from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse.linalg as spla

from mathml.core.errors import InvalidInputError

from .sectors import embed, sector_matrix

__all__ = ["lowest_energies", "ground_state"]

_DENSE_LIMIT = 400
#: Dense diagonalisation is used for every k only up to this dimension (4096**2 doubles = 134 MB).
_DENSE_MAX = 4096
#: Largest number of eigenvalues asked of sparse Lanczos (ARPACK keeps 2k + 1 vectors).
_SPARSE_K_MAX = 200


def _check_k(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidInputError(f"k (the number of energies) must be a positive integer, got {k!r}")
    return int(k)


def _lanczos_lowest(H, tol: float = 1e-10) -> float | None:
    """The lowest eigenvalue by plain Lanczos (three-term recurrence, no reorthogonalisation).

    The lowest Ritz value of the tridiagonal matrix decreases to the lowest eigenvalue; loss of
    orthogonality only adds spurious copies of converged Ritz values.  Stops when the residual
    :math:`\beta_m |y_m|` of the lowest Ritz pair is below ``tol * max(1, |theta|)`` (the eigenvalue
    is then within that residual of an eigenvalue; the error is of order residual**2 / gap).
    Returns ``None`` when it has not converged in ``min(dim, 3000)`` steps.
    """
    from scipy.linalg import eigh_tridiagonal

    dim = H.shape[0]
    v = np.random.default_rng(0).standard_normal(dim)
    if np.iscomplexobj(H.data):
        v = v + 0j
    v /= np.linalg.norm(v)
    v_old = np.zeros_like(v)
    alphas: list[float] = []
    betas: list[float] = []
    beta = 0.0
    for it in range(min(dim, 3000)):
        w = H @ v
        alpha = float(np.real(np.vdot(v, w)))
        w -= alpha * v
        if beta:
            w -= beta * v_old
        alphas.append(alpha)
        beta = float(np.linalg.norm(w))
        scale = max(1.0, abs(alpha), *betas[-1:])
        invariant = beta <= 1e-13 * scale          # the Krylov space is invariant (to rounding)
        if it % 5 == 4 or invariant:
            theta, y = eigh_tridiagonal(np.array(alphas), np.array(betas), select="i", select_range=(0, 0))
            if invariant or beta * abs(y[-1, 0]) <= tol * max(1.0, abs(theta[0])):
                return float(theta[0])
        betas.append(beta)
        v_old, v = v, w / beta
    return None


def _solve(H, k: int, vectors: bool):
    dim = H.shape[0]
    if dim <= _DENSE_LIMIT or (k >= dim - 1 and dim <= _DENSE_MAX):
        dense = H.toarray()
        if vectors:
            w, v = np.linalg.eigh(dense)
            return w[:k], v[:, :k]
        return np.linalg.eigvalsh(dense)[:k], None
    if k >= dim - 1 or k > _SPARSE_K_MAX:
        raise InvalidInputError(f"k = {k} eigenvalues of a {dim}-dimensional sparse matrix: Lanczos gives at "
                                f"most min({_SPARSE_K_MAX}, dim - 2) = {min(_SPARSE_K_MAX, dim - 2)}; "
                                "ask for fewer or use a symmetry sector")
    if k == 1 and not vectors:
        e = _lanczos_lowest(H)
        if e is not None:
            return np.array([e]), None
    v0 = np.random.default_rng(0).standard_normal(dim)
    if np.iscomplexobj(H.data):
        v0 = v0 + 0j
    ncv = min(dim - 1, max(2 * k + 1, 12))
    out = spla.eigsh(H, k=k, which="SA", v0=v0, tol=0, ncv=ncv, return_eigenvectors=vectors)
    if vectors:
        w, v = out
        order = np.argsort(w)
        return w[order], v[:, order]
    return np.sort(out), None


def lowest_energies(model, k: int = 2, sector: Any = None) -> np.ndarray:
    """The ``k`` lowest eigenvalues of ``model`` (ascending), by sparse Lanczos (scipy ``eigsh``).

    Parameters
    ----------
    model : SpinModel
    k : int
        How many eigenvalues (with multiplicity); all of them when ``k`` exceeds the dimension.
    sector : dict, optional
        ``{"Sz": value}`` (models conserving total Sz), ``{"momentum": m}`` (periodic chains,
        k = 2 pi m / N), ``{"flip": +1 or -1}`` (spin inversion m -> -m; with Sz only at Sz = 0),
        or combinations.  ``None``: the full space.

    Returns
    -------
    numpy.ndarray
        float64 energies, sorted ascending.  ``k = 1``: plain Lanczos (stopped at a Ritz residual
        of 1e-10, so the energy is accurate to rounding); ``k > 1``: scipy ``eigsh`` (ARPACK, to
        machine precision, ``tol=0``).  Spaces of dimension <= 400 (or <= 4096 when ``k`` asks
        for nearly all levels) are diagonalised densely.

    Raises
    ------
    SectorError
        When the model does not have the symmetry or the sector is empty.
    InvalidInputError
        For a non-integer or non-positive ``k``, ``k`` above 200 on a sparse space, or a
        Hamiltonian too large to store (more than 4e7 nonzero entries: use a sector).

    Examples
    --------
    >>> from mathml.quantum import aklt, lowest_energies
    >>> [round(float(e), 10) for e in lowest_energies(aklt(4), k=1)]    # -2N/3, 10 digits
    [-2.6666666667]
    """
    k = _check_k(k)
    H, _ = sector_matrix(model, sector)
    return _solve(H, min(k, H.shape[0]), False)[0]


def ground_state(model, sector: Any = None) -> tuple[float, np.ndarray]:
    """The lowest eigenvalue and a normalised eigenvector written in the full basis.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import heisenberg, ground_state
    >>> E, psi = ground_state(heisenberg(4, units="spin"), sector={"Sz": 0})
    >>> round(E, 12), round(float(np.linalg.norm(psi)), 12)
    (-2.0, 1.0)
    """
    H, info = sector_matrix(model, sector)
    w, v = _solve(H, 1, True)
    return float(w[0]), embed(model, v[:, 0], info)
