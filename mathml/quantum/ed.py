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


def _check_k(k: Any) -> int:
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise InvalidInputError(f"k (the number of energies) must be a positive integer, got {k!r}")
    return int(k)


def _solve(H, k: int, vectors: bool):
    dim = H.shape[0]
    if dim <= _DENSE_LIMIT or k >= dim - 1:
        dense = H.toarray()
        if vectors:
            w, v = np.linalg.eigh(dense)
            return w[:k], v[:, :k]
        return np.linalg.eigvalsh(dense)[:k], None
    v0 = np.random.default_rng(0).standard_normal(dim)
    if np.iscomplexobj(H.data):
        v0 = v0 + 0j
    out = spla.eigsh(H, k=k, which="SA", v0=v0, tol=0, return_eigenvectors=vectors)
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
        float64 energies, sorted ascending.  Lanczos runs to machine precision (``tol=0``),
        spaces of dimension <= 400 are diagonalised densely.

    Raises
    ------
    SectorError
        When the model does not have the symmetry or the sector is empty.

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
