r"""Bit-trick Hamiltonian assembly for spin-1/2 models (full space and Sz sectors).

A spin-1/2 basis index is an ``N``-bit integer (site ``i`` is bit ``N - 1 - i``, bit value 1
= down, the convention of `mathml.quantum.operators`).  The Sz sector with ``k`` down spins is
the sorted set of ``N``-bit integers of popcount ``k``; its position in that set is the
colexicographic rank :math:`\sum_{t=1}^{k}\binom{p_t}{t}` (:math:`p_1 < \dots < p_k` the set bit
positions, the combinatorial number system), read byte by byte from precomputed tables.  A local
term moves every matching basis state at once by an XOR with a flip mask; the sparse matrix is
filled column by column in two passes (count, then fill) with no sorting of coordinate lists.

Examples
--------
>>> from mathml.quantum.bits import popcount_codes, colex_rank
>>> codes = popcount_codes(5, 2)
>>> codes[:4].tolist()
[3, 5, 6, 9]
>>> bool((colex_rank(codes, 5) == range(10)).all())      # rank = position in the sorted list
True
"""
from __future__ import annotations

from math import comb
from typing import Callable

import numpy as np
import scipy.sparse as sps

from .errors import SectorError

__all__ = ["popcount_codes", "colex_rank", "spin_half_matrix", "MAX_NNZ"]

#: Refuse to assemble matrices with more stored entries than this (about 0.5 GB of CSR).
MAX_NNZ = 40_000_000

_POP8 = np.array([bin(b).count("1") for b in range(256)], dtype=np.int64)


def popcount_codes(N: int, k: int) -> np.ndarray:
    """The sorted ``N``-bit integers with exactly ``k`` set bits (``C(N, k)`` of them), as int64.

    Built bit by bit: codes of ``n + 1`` bits with ``j`` ones are those of ``n`` bits with ``j``
    ones, then those with ``j - 1`` ones plus ``2**n`` (already sorted).

    Examples
    --------
    >>> from mathml.quantum.bits import popcount_codes
    >>> popcount_codes(4, 2).tolist()
    [3, 5, 6, 9, 10, 12]
    """
    if not 0 <= k <= N:
        return np.zeros(0, dtype=np.int64)
    table = {0: np.zeros(1, dtype=np.int64)}
    for n in range(N):
        lo, hi = max(0, k - (N - n - 1)), min(k, n + 1)
        new = {}
        for j in range(lo, hi + 1):
            parts = [table[j]] if j in table else []
            if j - 1 in table:
                parts.append(table[j - 1] + (np.int64(1) << n))
            new[j] = np.concatenate(parts)
        table = new
    return table[k]


def _rank_tables(N: int) -> list[np.ndarray]:
    """``T[q][c, B]``: colex contribution of byte ``B`` at bit offset ``8q`` after ``c`` lower ones."""
    tables = []
    for q in range((N + 7) // 8):
        T = np.zeros((N + 1, 256), dtype=np.int64)
        for c in range(N + 1):
            for B in range(256):
                total, seen = 0, c
                for p in range(8):
                    if B >> p & 1:
                        seen += 1
                        total += comb(8 * q + p, seen)
                T[c, B] = total
        tables.append(T)
    return tables


_TABLES: dict[int, list[np.ndarray]] = {}


def colex_rank(codes: np.ndarray, N: int) -> np.ndarray:
    """Positions of ``codes`` in the sorted list of ``N``-bit integers of the same popcount.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum.bits import colex_rank
    >>> colex_rank(np.array([3, 12, 10]), 4).tolist()
    [0, 5, 4]
    """
    if N not in _TABLES:
        _TABLES[N] = _rank_tables(N)
    codes = np.asarray(codes, dtype=np.int64)
    rank = np.zeros(len(codes), dtype=np.int64)
    below = np.zeros(len(codes), dtype=np.int64)
    for q, T in enumerate(_TABLES[N]):
        byte = (codes >> (8 * q)) & 255
        rank += T[below, byte]
        below += _POP8[byte]
    return rank


def _term_slots(sites: tuple[int, ...], mat: np.ndarray, N: int):
    """Diagonal of ``mat`` and, per slot, (flip mask, value) tables indexed by the local state."""
    k = len(sites)
    shifts = [N - 1 - s for s in sites]
    size = 2**k
    offdiag = [[out for out in range(size) if out != inn and mat[out, inn] != 0] for inn in range(size)]
    slots = []
    for r in range(max((len(o) for o in offdiag), default=0)):
        xmask = np.zeros(size, dtype=np.int64)
        vals = np.zeros(size, dtype=mat.dtype)
        for inn in range(size):
            if r < len(offdiag[inn]):
                out = offdiag[inn][r]
                flip = inn ^ out
                xmask[inn] = sum(1 << shifts[t] for t in range(k) if flip >> (k - 1 - t) & 1)
                vals[inn] = mat[out, inn]
        slots.append((xmask, vals))
    return np.diag(mat).copy(), slots


def _local(codes: np.ndarray, sites: tuple[int, ...], N: int) -> np.ndarray:
    local = np.zeros(len(codes), dtype=np.int64)
    for s in sites:
        local = (local << 1) | ((codes >> (N - 1 - s)) & 1)
    return local


def spin_half_matrix(terms, N: int, codes: np.ndarray,
                     index_of: Callable[[np.ndarray], np.ndarray] | None) -> sps.csr_matrix:
    """The CSR matrix of ``sum(terms)`` on the basis states ``codes`` (spin 1/2).

    ``terms`` are ``(sites, numeric matrix)`` pairs; ``index_of`` maps basis indices to positions
    in ``codes`` (``None``: ``codes`` is the full space, positions are the indices themselves).
    With ``index_of`` given, every term must keep the popcount (conserve Sz).

    Raises
    ------
    SectorError
        When a term changes the number of down spins inside an Sz sector.
    InvalidInputError
        When the matrix would hold more than `MAX_NNZ` entries.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum.bits import spin_half_matrix
    >>> X = np.array([[0.0, 1.0], [1.0, 0.0]])
    >>> spin_half_matrix([((0,), X)], 1, np.arange(2), None).toarray().tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    from mathml.core.errors import InvalidInputError

    dim = len(codes)
    cplx = any(np.iscomplexobj(m) for _, m in terms)
    dt = complex if cplx else float
    prepared = []
    bound = dim
    for sites, mat in terms:
        diag, slots = _term_slots(tuple(sites), np.asarray(mat, dtype=dt), N)
        if index_of is not None:
            for xmask, _ in slots:
                for inn, x in enumerate(xmask.tolist()):
                    out = _apply_flip(inn, x, sites, N)
                    if bin(out).count("1") != bin(inn).count("1"):
                        raise SectorError("a term changes Sz: the model has no Sz sectors")
        prepared.append((tuple(sites), diag, slots))
        bound += dim * len(slots)
    if bound > MAX_NNZ:
        raise InvalidInputError(f"the Hamiltonian would need up to {bound} stored entries (> {MAX_NNZ}, "
                                "about half a gigabyte); use a smaller N or more symmetry sectors")
    diag = np.zeros(dim, dtype=dt)
    counts = np.ones(dim, dtype=np.int64)
    for sites, dvals, slots in prepared:
        local = _local(codes, sites, N)
        if np.any(dvals):
            diag += dvals[local]
        for _, vals in slots:
            counts += vals[local] != 0
    indptr = np.zeros(dim + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    data = np.empty(indptr[-1], dtype=dt)
    rows = np.empty(indptr[-1], dtype=np.int64)
    pos = indptr[:-1].copy()
    cols = np.arange(dim, dtype=np.int64)
    data[pos], rows[pos] = diag, cols
    pos += 1
    for sites, _, slots in prepared:
        local = _local(codes, sites, N)
        for xmask, vals in slots:
            v = vals[local]
            hit = np.nonzero(v != 0)[0]
            target = codes[hit] ^ xmask[local[hit]]
            data[pos[hit]] = v[hit]
            rows[pos[hit]] = target if index_of is None else index_of(target)
            pos[hit] += 1
    H = sps.csc_matrix((data, rows, indptr), shape=(dim, dim)).tocsr()
    H.sum_duplicates()
    H.eliminate_zeros()
    return H


def _apply_flip(inn: int, x: int, sites, N: int) -> int:
    """The local state reached from local state ``inn`` by the global flip mask ``x``."""
    k = len(sites)
    out = inn
    for t, s in enumerate(sites):
        if x >> (N - 1 - s) & 1:
            out ^= 1 << (k - 1 - t)
    return out
