r"""Entanglement of pure states: Schmidt values and von Neumann entropies (nats).

:math:`S = -\sum_\alpha \lambda_\alpha^2 \ln \lambda_\alpha^2` for Schmidt values
:math:`\lambda_\alpha` of a normalised state.

Examples
--------
>>> import numpy as np
>>> from mathml.quantum import entanglement_entropy
>>> bell = np.array([1, 0, 0, 1]) / np.sqrt(2)
>>> round(entanglement_entropy(bell, 1), 12) == round(float(np.log(2)), 12)
True
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from mathml.core.errors import InvalidInputError, ShapeMismatchError

from .validate import check_int

__all__ = ["schmidt_values", "entanglement_entropy", "entropy_from_probabilities"]


def entropy_from_probabilities(p: Any) -> float:
    """:math:`-\\sum p \\ln p` (nats), zero terms skipped.

    >>> from mathml.quantum.entanglement import entropy_from_probabilities
    >>> entropy_from_probabilities([0.5, 0.5]) == entropy_from_probabilities([1, 1]) * 0 + 0.6931471805599453
    True
    """
    p = np.asarray(p, dtype=float)
    p = p[p > 0]
    return float(-np.sum(p * np.log(p)))


def _split(psi: Any, subsystem: Any, N: int | None, d: int) -> tuple[np.ndarray, int]:
    d = check_int(d, "the local dimension d", 2, 64)
    psi = np.asarray(psi)
    if psi.dtype == object:
        try:
            psi = psi.astype(complex)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError("the state must be a numeric amplitude vector") from exc
    if psi.ndim != 1 or psi.dtype.kind not in "iufc" or not np.all(np.isfinite(psi)):
        raise InvalidInputError("the state must be a finite 1-d numeric amplitude vector")
    if N is None:
        N = int(round(np.log(max(len(psi), 1)) / np.log(d)))
    N = check_int(N, "N", 1, 64)
    if d ** N != len(psi):
        raise ShapeMismatchError(f"a state of {N} sites with local dimension {d} has {d ** N} amplitudes, "
                                 f"got {len(psi)}")
    if isinstance(subsystem, (int, np.integer)) and not isinstance(subsystem, (bool, np.bool_)):
        if not 0 <= subsystem <= N:
            raise InvalidInputError(f"a block length must be in 0..{N}, got {subsystem}")
        sites: Sequence[int] = list(range(int(subsystem)))
    else:
        if isinstance(subsystem, (str, bytes, bool, np.bool_)) or not hasattr(subsystem, "__iter__"):
            raise InvalidInputError(f"the subsystem must be a block length or a list of sites, "
                                    f"got {subsystem!r}")
        sites = [check_int(s, "a site of the subsystem", 0, N - 1) for s in subsystem]
    if len(set(sites)) != len(sites):
        raise InvalidInputError(f"the subsystem must be distinct sites in 0..{N - 1} or a block length, "
                                f"got {subsystem!r}")
    rest = [s for s in range(N) if s not in sites]
    tensor = psi.reshape((d,) * N).transpose(list(sites) + rest)
    return tensor.reshape(d ** len(sites), d ** len(rest)), N


def schmidt_values(psi: Any, subsystem: Any, N: int | None = None, d: int = 2) -> np.ndarray:
    """Schmidt values (descending) of a state across ``subsystem`` | rest (state normalised first).

    Parameters
    ----------
    psi : array of ``d**N`` amplitudes (basis convention of `mathml.quantum.operators`)
    subsystem : int or sequence of int
        A block length ``ell`` (sites ``0 .. ell-1``) or a list of sites.
    N : int, optional
        Number of sites (inferred from the length).
    d : int
        Local dimension.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum.entanglement import schmidt_values
    >>> schmidt_values(np.array([1.0, 0, 0, 0]), 1).round(12).tolist()
    [1.0, 0.0]
    """
    m, _ = _split(psi, subsystem, N, d)
    norm = np.linalg.norm(m)
    if norm == 0:
        raise InvalidInputError("the zero vector has no Schmidt decomposition")
    return np.linalg.svd(m / norm, compute_uv=False)


def entanglement_entropy(psi: Any, subsystem: Any, N: int | None = None, d: int = 2) -> float:
    """Von Neumann entropy (nats) of ``subsystem`` in the pure state ``psi``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import entanglement_entropy
    >>> ghz = np.zeros(8); ghz[[0, 7]] = 1
    >>> round(entanglement_entropy(ghz, [0, 2]), 12) == round(float(np.log(2)), 12)
    True
    """
    return entropy_from_probabilities(schmidt_values(psi, subsystem, N, d) ** 2)
