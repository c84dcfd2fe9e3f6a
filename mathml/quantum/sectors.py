r"""Sparse Hamiltonian assembly on the full space and in symmetry sectors.

A sector is a mapping with the keys ``"Sz"`` (total magnetisation, e.g. ``0`` or ``1/2``),
``"momentum"`` (an integer ``m``: crystal momentum :math:`k = 2\pi m/N`, translation
:math:`T: i \mapsto i+1`) and ``"flip"`` (``+1`` or ``-1``: the eigenvalue of the spin
inversion :math:`F: m \mapsto -m` on every site, :math:`\prod_i\sigma^x_i` for spin 1/2; with Sz
only at Sz = 0).  Sz sectors are spanned by basis states.  With momentum or flip, the basis
states are grouped into orbits of the group ``G`` they generate; each orbit's representative
``a`` (its smallest basis index) gives the symmetric state
:math:`|a\rangle = (|G|\,|\mathrm{Stab}\,a|)^{-1/2}\sum_{g\in G}\chi(g)\,g|a\rangle` with the
character :math:`\chi(T^jF^f) = e^{-ikj}z^f` (orbits whose stabiliser has a nontrivial character
drop out).  A term :math:`H|a\rangle \ni h\,g|b\rangle` gives the matrix element
:math:`h\,\overline{\chi(g)}\sqrt{|\mathrm{Stab}\,b|/|\mathrm{Stab}\,a|}`.  Assembly is vectorised
over basis states: each nonzero entry of a local term moves all matching states at once.

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

from mathml.core.errors import InvalidInputError

from .bits import MAX_NNZ, colex_rank, popcount_codes, spin_half_matrix
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
    if model.d == 2:
        return popcount_codes(model.N, (model.N - two) // 2)
    if model.dimension > _MAX_FULL:
        raise InvalidInputError(f"Sz sectors of spin-{model.spin} chains are built from the full space, "
                                f"of dimension {model.dimension} > {_MAX_FULL} here; use a smaller N")
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
    are ``index_of`` the codes with ``out`` written on ``sites`` instead, or ``None`` for a
    diagonal entry (``out == in``: every state is mapped to itself).
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
            if out == inn:
                yield None, cols, val
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
    """Validate a sector mapping against the model's symmetries (keys ``Sz``, ``momentum``, ``flip``)."""
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
        elif key == "flip":
            if not getattr(model, "flip_symmetric", False):
                raise SectorError(f"model {model.name!r} does not commute with the spin inversion m -> -m")
            if isinstance(value, bool) or value not in (1, -1):
                raise SectorError(f"flip must be +1 or -1 (the spin-inversion eigenvalue), got {value!r}")
            out["flip"] = int(value)
        else:
            raise SectorError(f"unknown sector key {key!r}; accepted: 'Sz', 'momentum', 'flip'")
    if "flip" in out and "Sz" in out and _twice(out["Sz"]) != 0:
        raise SectorError("spin inversion maps Sz to -Sz: combine 'flip' only with Sz = 0")
    return out


def _rotate(codes: np.ndarray, N: int, d: int) -> np.ndarray:
    """Translation T (site i -> i + 1) on basis indices."""
    top = d ** (N - 1)
    return codes // d + (codes % d) * top


def _group(model, sec: dict[str, Any]) -> list[tuple[int, int, complex]]:
    """The abelian group (translations x spin inversion) of the sector: (shift j, flip f, character)."""
    N = model.N
    shifts = range(N) if "momentum" in sec else [0]
    flips = (0, 1) if "flip" in sec else (0,)
    k = 2 * np.pi * sec.get("momentum", 0) / N
    z = sec.get("flip", 1)
    return [(j, f, np.exp(-1j * k * j) * (z if f else 1)) for j in shifts for f in flips]


def _images(model, codes: np.ndarray, group) -> Iterator[np.ndarray]:
    """g(codes) for every group element, in the order of ``group`` (one array at a time)."""
    N, d = model.N, model.d
    top = d**N - 1
    rot = codes.copy()
    current = 0
    for j, f, _ in group:
        while current < j:
            rot = _rotate(rot, N, d)
            current += 1
        yield top - rot if f else rot


def sector_matrix(model, sector: Any = None) -> tuple[sps.csr_matrix, dict[str, Any]]:
    """The Hamiltonian restricted to ``sector`` and a description of the sector basis.

    Returns
    -------
    (scipy.sparse.csr_matrix, dict)
        The dict holds ``dimension``, ``codes`` (basis indices of the states or
        representatives), and for momentum / spin-inversion sectors ``stabilisers``
        (stabiliser sizes) and ``group`` (the group elements with their characters).

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

    def locate(new: np.ndarray) -> np.ndarray:
        if "Sz" not in sec:
            return new
        pos = np.searchsorted(pool, new)
        pos = np.minimum(pos, len(pool) - 1)
        if not np.array_equal(pool[pos], new):
            raise SectorError("a term leaves the Sz sector (the model does not conserve Sz)")
        return pos

    if "momentum" not in sec and "flip" not in sec:
        _check_size(model, len(pool), terms)
    if "momentum" not in sec and "flip" not in sec and model.d == 2:
        index_of = None if "Sz" not in sec else (lambda c: colex_rank(c, model.N))
        H = spin_half_matrix(terms, model.N, pool, index_of)
        return H, {"dimension": len(pool), "codes": pool}
    if "momentum" not in sec and "flip" not in sec:
        rows, cols, vals = [], [], []
        diag = np.zeros(len(pool), dtype=complex if any(np.iscomplexobj(m) for _, m in terms) else float)
        for sites, mat in terms:
            for r, c, v in term_entries(model, sites, mat, pool, locate):
                if r is None:
                    diag[c] += v
                    continue
                rows.append(r)
                cols.append(c)
                vals.append(np.full(len(r), v))
        dim = len(pool)
        return _csr(rows, cols, vals, dim, diag), {"dimension": dim, "codes": pool}
    group = _group(model, sec)
    best = pool.copy()
    char_best = np.ones(len(pool), dtype=complex)        # chi(g*) with g* pool = representative
    stab = np.zeros(len(pool), dtype=np.int64)
    char_sum = np.zeros(len(pool), dtype=complex)
    for (_, _, chi), img in zip(group, _images(model, pool, group)):
        better = img < best
        best = np.where(better, img, best)
        char_best = np.where(better, chi, char_best)
        fixed = img == pool
        stab += fixed
        char_sum += np.where(fixed, chi, 0)
    allowed = (best == pool) & (np.abs(char_sum - stab) < 1e-9)
    reps = pool[allowed]
    if not len(reps):
        raise SectorError(f"the sector {sector} is empty for N = {model.N}")
    _check_size(model, len(reps), terms)
    rep_stab = stab[allowed]
    rep_pos = -np.ones(len(pool), dtype=np.int64)
    rep_pos[np.nonzero(allowed)[0]] = np.arange(len(reps))
    pool_pos = (lambda c: c) if "Sz" not in sec else (lambda c: np.searchsorted(pool, c))
    rows, cols, vals = [], [], []
    diag = np.zeros(len(reps), dtype=complex)
    for sites, mat in terms:
        for pos, c, v in term_entries(model, sites, mat, reps, locate):
            if pos is None:           # a representative mapped to itself: identity element, chi = 1
                diag[c] += v
                continue
            b = rep_pos[pool_pos(best[pos])]
            keep = b >= 0
            # s = g_s b with g_s = (g*)^-1: element h conj(chi(g_s)) sqrt(|Stab b| / |Stab a|) = h chi(g*) ...
            amp = v * char_best[pos] * np.sqrt(stab[pos] / rep_stab[c])
            rows.append(b[keep])
            cols.append(c[keep])
            vals.append(amp[keep])
    dim = len(reps)
    H = _csr(rows, cols, vals, dim, diag)
    if np.iscomplexobj(H.data) and not np.any(np.abs(H.data.imag) > 1e-14):
        H = H.real.tocsr()
    info = {"dimension": dim, "codes": reps, "stabilisers": rep_stab, "group": group}
    if "momentum" in sec:
        info["momentum"] = sec["momentum"]
    if "flip" in sec:
        info["flip"] = sec["flip"]
    return H, info


def _check_size(model, dim: int, terms) -> None:
    """Refuse before assembly when the sparse matrix could exceed `MAX_NNZ` stored entries."""
    bound = dim * (1 + sum(int(np.count_nonzero(m - np.diag(np.diag(m)), axis=0).max(initial=0))
                           for _, m in terms))
    if bound > MAX_NNZ:
        raise InvalidInputError(f"the Hamiltonian could need {bound} stored entries (> {MAX_NNZ}, about half "
                                f"a gigabyte) in a space of dimension {dim}; use a smaller N or more "
                                "symmetry sectors (Sz, momentum, flip)")


def _csr(rows: list, cols: list, vals: list, dim: int, diag: np.ndarray) -> sps.csr_matrix:
    idx = np.arange(dim, dtype=np.int64)
    r = np.concatenate(rows + [idx])
    c = np.concatenate(cols + [idx])
    v = np.concatenate(vals + [diag])
    H = sps.coo_matrix((v, (r, c)), shape=(dim, dim)).tocsr()
    H.sum_duplicates()
    H.eliminate_zeros()
    return H


def embed(model, vector: np.ndarray, info: dict[str, Any]) -> np.ndarray:
    """A sector vector written in the full basis (Sz, momentum and spin-inversion sectors).

    Symmetry-adapted states are
    :math:`|a\\rangle = (|G|\\,|\\mathrm{Stab}\\,a|)^{-1/2}\\sum_g \\chi(g)\\, g|a\\rangle`.

    >>> import numpy as np
    >>> from mathml.quantum import heisenberg
    >>> from mathml.quantum.sectors import sector_matrix, embed
    >>> H, info = sector_matrix(heisenberg(4, units="spin"), {"Sz": 0})
    >>> embed(heisenberg(4, units="spin"), np.ones(6), info).nonzero()[0].tolist()
    [3, 5, 6, 9, 10, 12]
    """
    vector = np.asarray(vector)
    if "group" not in info:
        full = np.zeros(model.dimension, dtype=complex if np.iscomplexobj(vector) else float)
        full[info["codes"]] = vector
        return full
    group = info["group"]
    full = np.zeros(model.dimension, dtype=complex)
    norms = np.sqrt(len(group) * info["stabilisers"].astype(float))
    for (_, _, chi), img in zip(group, _images(model, info["codes"], group)):
        np.add.at(full, img, chi * vector / norms)
    if not np.any(np.abs(full.imag) > 1e-14):
        full = full.real.copy()
    return full
