r"""Sparse Hamiltonian assembly on the full space and in symmetry sectors.

A sector is a mapping with the keys ``"Sz"`` (total magnetisation, e.g. ``0`` or ``1/2``)
and/or ``"momentum"`` (an integer ``m``: crystal momentum :math:`k = 2\pi m/N`,
translation :math:`T: i \mapsto i+1`).  Sz sectors are spanned by basis states;
momentum sectors by the Bloch states
:math:`|a(k)\rangle = N_a^{-1/2}\sum_j e^{-ikj} T^j|a\rangle` of representatives ``a``
(smallest basis index of each orbit), whose matrix elements are
:math:`h\,e^{ikl}\sqrt{R_a/R_b}` for :math:`H|a\rangle \ni h\,T^l|b\rangle` (``R`` the orbit
lengths).  Assembly is vectorised over basis states: each nonzero entry of a local term
moves all matching states at once.

Examples
--------
>>> from mathml.quantum import heisenberg
>>> from mathml.quantum.sectors import sector_matrix
>>> H, info = sector_matrix(heisenberg(6, units="spin"), {"Sz": 0, "momentum": 0})
>>> H.shape, info["dimension"]
((4, 4), 4)
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any, Callable, Iterator

import numpy as np
import scipy.sparse as sps
import sympy as sp

from mathml.core.errors import InvalidInputError

from .errors import SectorError

__all__ = ["full_codes", "sz_codes", "term_entries", "sector_matrix", "parse_sector", "embed"]

_MAX_FULL = 2**22


def full_codes(model) -> np.ndarray:
    """All basis indices ``0 .. d**N - 1``."""
    if model.dimension > _MAX_FULL:
        raise InvalidInputError(f"the full space has dimension {model.dimension} > {_MAX_FULL}; use a sector")
    return np.arange(model.dimension, dtype=np.int64)


def _magnetisation_twice(model, codes: np.ndarray) -> np.ndarray:
    """2 * total Sz of each basis index (digit k has m = S - k)."""
    d, N = model.d, model.N
    total = np.zeros(len(codes), dtype=np.int64)
    rest = codes.copy()
    for _ in range(N):
        total += rest % d
        rest //= d
    return N * (d - 1) - 2 * total


def sz_codes(model, sz: Any) -> np.ndarray:
    """Sorted basis indices with total magnetisation ``sz``.

    >>> from mathml.quantum import heisenberg
    >>> from mathml.quantum.sectors import sz_codes
    >>> sz_codes(heisenberg(4, units="spin"), 0).tolist()
    [3, 5, 6, 9, 10, 12]
    """
    two = _twice(sz)
    if (two - model.N * (model.d - 1)) % 2 or abs(two) > model.N * (model.d - 1):
        raise SectorError(f"Sz = {sz} is not a magnetisation of {model.N} spins {model.spin} "
                          f"(accepted: -{model.N * model.spin} .. {model.N * model.spin} in steps of 1)")
    if model.d == 2 and model.dimension > _MAX_FULL:
        from itertools import combinations

        n_down = (model.N - two) // 2
        codes = np.array([sum(1 << (model.N - 1 - i) for i in c)
                          for c in combinations(range(model.N), n_down)], dtype=np.int64)
        return np.sort(codes)
    codes = full_codes(model)
    return codes[_magnetisation_twice(model, codes) == two]


def _twice(sz: Any) -> int:
    if isinstance(sz, (bool, str)):
        raise SectorError(f"Sz must be an integer or half-integer number, got {sz!r}")
    try:
        two = Fraction(str(sz)) * 2 if isinstance(sz, float) else Fraction(sz) * 2
    except (TypeError, ValueError) as exc:
        raise SectorError(f"Sz must be an integer or half-integer, got {sz!r}") from exc
    if two.denominator != 1:
        raise SectorError(f"Sz must be an integer or half-integer, got {sz!r}")
    return int(two)


def term_entries(model, sites: tuple[int, ...], mat: Any, codes: np.ndarray,
                 index_of: Callable[[np.ndarray], np.ndarray], *, exact: bool = False
                 ) -> Iterator[tuple[np.ndarray, np.ndarray, Any]]:
    """For each nonzero entry ``mat[out, in]`` of a local term: ``(rows, cols, value)``.

    ``cols`` are positions in ``codes`` whose local state on ``sites`` is ``in``; ``rows``
    are ``index_of`` the codes with ``out`` written on ``sites`` instead.
    """
    d, N = model.d, model.N
    k = len(sites)
    powers = np.array([d ** (N - 1 - s) for s in sites], dtype=np.int64)
    local_digits = [(codes // p) % d for p in powers]
    local = np.zeros(len(codes), dtype=np.int64)
    for dig in local_digits:
        local = local * d + dig
    shape = mat.shape
    for inn in range(shape[1]):
        cols = np.nonzero(local == inn)[0]
        if not len(cols):
            continue
        in_digits = _digits(inn, k, d)
        for out in range(shape[0]):
            val = mat[out, inn]
            if (val == 0) if exact else (abs(val) == 0):
                continue
            out_digits = _digits(out, k, d)
            shift = int(sum((o - i) * int(p) for o, i, p in zip(out_digits, in_digits, powers)))
            yield index_of(codes[cols] + shift), cols, val


def _digits(x: int, k: int, d: int) -> list[int]:
    out = []
    for _ in range(k):
        out.append(x % d)
        x //= d
    return out[::-1]


def parse_sector(model, sector: Any) -> dict[str, Any]:
    """Validate a sector mapping against the model's symmetries; returns ``{"Sz": .., "momentum": ..}``."""
    if sector is None:
        return {}
    if not isinstance(sector, dict):
        raise SectorError(f"sector must be None or a dict such as {{'Sz': 0, 'momentum': 0}}, got {sector!r}")
    out: dict[str, Any] = {}
    for key, value in sector.items():
        if key in ("Sz", "sz", "S_z"):
            if not model.conserves_sz:
                raise SectorError(f"model {model.name!r} does not conserve total Sz; no Sz sectors")
            _twice(value)
            out["Sz"] = value
        elif key in ("momentum", "k"):
            if not model.translation_invariant:
                raise SectorError(f"model {model.name!r} (pbc={model.pbc}) is not translation invariant; "
                                  "momentum sectors need a periodic chain")
            if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
                raise SectorError(f"momentum must be an integer m (k = 2 pi m / N), got {value!r}")
            out["momentum"] = int(value) % model.N
        else:
            raise SectorError(f"unknown sector key {key!r}; accepted: 'Sz', 'momentum'")
    return out


def _rotate(codes: np.ndarray, N: int, d: int) -> np.ndarray:
    """Translation T (site i -> i + 1) on basis indices."""
    top = d ** (N - 1)
    return codes // d + (codes % d) * top


def sector_matrix(model, sector: Any = None) -> tuple[sps.csr_matrix, dict[str, Any]]:
    """The Hamiltonian restricted to ``sector`` and a description of the sector basis.

    Returns
    -------
    (scipy.sparse.csr_matrix, dict)
        The dict holds ``dimension``, ``codes`` (basis indices of the states or
        representatives), and for momentum sectors ``periods`` and ``momentum``.

    Raises
    ------
    SectorError
        For a symmetry the model does not have, or an empty sector.
    """
    from .models import SpinModel

    if not isinstance(model, SpinModel):
        raise InvalidInputError(f"expected a SpinModel (tfim, heisenberg, j1j2, aklt), "
                                f"got {type(model).__name__}")
    sec = parse_sector(model, sector)
    pool = sz_codes(model, sec["Sz"]) if "Sz" in sec else full_codes(model)
    terms = model.numeric_terms()
    if "momentum" not in sec:
        if "Sz" in sec:
            def index_of(new: np.ndarray) -> np.ndarray:
                pos = np.searchsorted(pool, new)
                pos = np.minimum(pos, len(pool) - 1)
                if not np.array_equal(pool[pos], new):
                    raise SectorError("a term leaves the Sz sector (the model does not conserve Sz)")
                return pos
        else:
            def index_of(new: np.ndarray) -> np.ndarray:
                return new
        rows, cols, vals = [], [], []
        for sites, mat in terms:
            for r, c, v in term_entries(model, sites, mat, pool, index_of):
                rows.append(r)
                cols.append(c)
                vals.append(np.full(len(r), v))
        dim = len(pool)
        H = _csr(rows, cols, vals, dim)
        return H, {"dimension": dim, "codes": pool}
    N, d, m = model.N, model.d, sec["momentum"]
    rot = pool.copy()
    best = pool.copy()
    steps = np.zeros(len(pool), dtype=np.int64)     # j* with T^{j*} s = representative
    fixed = np.ones(len(pool), dtype=np.int64)      # number of j in 0..N-1 with T^j s = s
    for j in range(1, N):
        rot = _rotate(rot, N, d)
        better = rot < best
        best = np.where(better, rot, best)
        steps = np.where(better, j, steps)
        fixed += rot == pool
    period = N // fixed
    is_rep = best == pool
    allowed = is_rep & ((m * period) % N == 0)
    reps = pool[allowed]
    if not len(reps):
        raise SectorError(f"the sector {sector} is empty for N = {N}")
    rep_period = period[allowed]
    rep_pos = -np.ones(len(pool), dtype=np.int64)
    rep_pos[np.nonzero(allowed)[0]] = np.arange(len(reps))
    k = 2 * np.pi * m / N
    rows, cols, vals = [], [], []

    def locate(new: np.ndarray) -> np.ndarray:
        pos = np.searchsorted(pool, new)
        pos = np.minimum(pos, len(pool) - 1)
        if not np.array_equal(pool[pos], new):
            raise SectorError("a term leaves the Sz sector (the model does not conserve Sz)")
        return pos

    for sites, mat in terms:
        for pos, c, v in term_entries(model, sites, mat, reps, locate):
            b = rep_pos[np.searchsorted(pool, best[pos])]
            keep = b >= 0
            shift = (N - steps[pos]) % N      # s = T^l b with l = N - j*
            amp = v * np.exp(1j * k * shift) * np.sqrt(rep_period[c] / period[pos])
            rows.append(b[keep])
            cols.append(c[keep])
            vals.append(amp[keep])
    dim = len(reps)
    H = _csr(rows, cols, vals, dim)
    if m == 0 or 2 * m == N:
        H = H.real.tocsr() if not np.any(np.abs(H.imag.data) > 1e-14) else H
    return H, {"dimension": dim, "codes": reps, "periods": rep_period, "momentum": m}


def _csr(rows: list, cols: list, vals: list, dim: int) -> sps.csr_matrix:
    if rows:
        r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    else:
        r = c = np.zeros(0, dtype=np.int64)
        v = np.zeros(0)
    H = sps.coo_matrix((v, (r, c)), shape=(dim, dim)).tocsr()
    H.sum_duplicates()
    H.eliminate_zeros()
    return H


def embed(model, vector: np.ndarray, info: dict[str, Any]) -> np.ndarray:
    """A sector vector written in the full basis (Sz sectors and momentum sectors).

    >>> import numpy as np
    >>> from mathml.quantum import heisenberg
    >>> from mathml.quantum.sectors import sector_matrix, embed
    >>> H, info = sector_matrix(heisenberg(4, units="spin"), {"Sz": 0})
    >>> embed(heisenberg(4, units="spin"), np.ones(6), info).nonzero()[0].tolist()
    [3, 5, 6, 9, 10, 12]
    """
    vector = np.asarray(vector)
    full = np.zeros(model.dimension, dtype=complex if ("momentum" in info or np.iscomplexobj(vector))
                    else float)
    if "momentum" not in info:
        full[info["codes"]] = vector
        return full
    N, d, k = model.N, model.d, 2 * np.pi * info["momentum"] / model.N
    norms = N / np.sqrt(info["periods"].astype(float))        # sqrt(N_a) = N / sqrt(R_a)
    rot = info["codes"].copy()
    for j in range(N):
        np.add.at(full, rot, vector * np.exp(-1j * k * j) / norms)
        rot = _rotate(rot, N, d)
    return full


del sp
