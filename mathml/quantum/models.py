r"""Spin models with stated units: `SpinModel` and the builders `tfim`, `heisenberg`, `j1j2`, `aklt`.

Units are mandatory for the spin-1/2 builders.  ``units="spin"`` means the couplings
multiply spin operators :math:`S^a = \sigma^a/2`; ``units="pauli"`` means they multiply
Pauli matrices :math:`\sigma^a`.  A two-spin bond differs by the factor 4
(:math:`\sigma_i\cdot\sigma_j = 4\,S_i\cdot S_j`), a one-spin field term by 2.  Published
numbers use both (Carleo-Troyer write the Heisenberg model with Pauli matrices;
Bethe-ansatz tables use spin units), so every model carries its units and says them
in its ``repr`` and LaTeX.

Sums over bonds are literal: ``sum_{i=0}^{N-1} X_i X_{i+r}`` with indices mod ``N``
for periodic chains (``pbc=True``), ``i + r < N`` for open ones.

Examples
--------
>>> from mathml.quantum import heisenberg, lowest_energies
>>> H = heisenberg(4, units="spin")
>>> H
SpinModel('heisenberg', N=4, spin=1/2, units='spin', pbc=True, 4 terms)
>>> [round(float(e), 12) for e in lowest_energies(H, k=2)]   # float64 ED, 12 digits
[-2.0, -1.0]
>>> float(lowest_energies(heisenberg(4, units="pauli"), k=1)[0])   # 4 x the spin-unit value
-8.0
"""
from __future__ import annotations

import math
from fractions import Fraction
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.core.latex import latex

from .errors import UnitsError
from .operators import _check_sites, as_spin, dot_product, local_dimension, pauli, spin_matrices

__all__ = ["Term", "SpinModel", "tfim", "heisenberg", "heisenberg_square", "j1j2", "aklt", "UNITS"]

#: The accepted unit conventions.
UNITS = ("spin", "pauli")


@dataclass(frozen=True)
class Term:
    """One term ``coefficient * op`` acting on ``sites`` (``op`` an exact d^k x d^k sympy matrix).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.quantum.models import Term
    >>> from mathml.quantum.operators import pauli
    >>> t = Term(sp.Integer(-1), (0,), pauli("x"))
    >>> t.numeric().tolist()
    [[-0.0, -1.0], [-1.0, -0.0]]
    """

    coefficient: Any
    sites: tuple[int, ...]
    op: sp.Matrix

    def numeric(self) -> np.ndarray:
        """``coefficient * op`` as a float (or complex) numpy array."""
        m = np.array((self.op * self.coefficient).evalf(17).tolist(), dtype=complex)
        return m.real.copy() if not np.any(m.imag) else m


@dataclass
class SpinModel:
    r"""A spin Hamiltonian :math:`H = \sum_t c_t\, O_t` on ``N`` sites with its units and symmetries.

    Build it with `tfim`, `heisenberg`, `j1j2` or `aklt`.  ``conserves_sz`` and
    ``translation_invariant`` say which symmetry sectors `lowest_energies` accepts.

    Attributes
    ----------
    name, N, spin, units, pbc : the model's identity (``units`` is ``"spin"``, ``"pauli"`` or
        ``"spin-1"`` for models written with spin-1 operators)
    terms : list of `Term`
    params : dict of the couplings
    formula : sympy-free LaTeX of :math:`H`

    Examples
    --------
    >>> from mathml.quantum import tfim
    >>> H = tfim(3, 1, units="pauli")
    >>> H.dimension, H.conserves_sz, H.translation_invariant
    (8, False, True)
    >>> H.matrix().shape
    (8, 8)
    """

    name: str
    N: int
    spin: sp.Rational
    units: str
    pbc: bool
    terms: list[Term]
    params: dict[str, Any]
    formula: str
    conserves_sz: bool = False
    translation_invariant: bool = False
    flip_symmetric: bool = False
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    @property
    def d(self) -> int:
        """Local dimension ``2S + 1``."""
        return int(2 * self.spin + 1)

    @property
    def dimension(self) -> int:
        """Dimension ``d**N`` of the full Hilbert space."""
        return self.d ** self.N

    def numeric_terms(self) -> list[tuple[tuple[int, ...], np.ndarray]]:
        """The terms as ``(sites, numeric matrix)`` pairs (cached)."""
        if "numeric" not in self._cache:
            self._cache["numeric"] = [(t.sites, t.numeric()) for t in self.terms]
        return self._cache["numeric"]

    def matrix(self, sector: Any = None):
        """The sparse (CSR) Hamiltonian, on the full space or in a symmetry ``sector``.

        See `mathml.quantum.lowest_energies` for the accepted sectors.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.quantum import heisenberg
        >>> H = heisenberg(4, units="spin").matrix()
        >>> bool(abs(H - H.T.conj()).max() == 0)
        True
        """
        from .sectors import sector_matrix

        return sector_matrix(self, sector)[0]

    def exact_matrix(self) -> sp.SparseMatrix:
        """The full-space Hamiltonian in exact sympy arithmetic (small ``N`` only: d**N <= 4096).

        Examples
        --------
        >>> from mathml.quantum import j1j2
        >>> j1j2(4, 1, units="pauli").exact_matrix()[0, 0]
        8
        """
        if self.dimension > 4096:
            raise InvalidInputError(f"exact_matrix is for d**N <= 4096, got {self.dimension}")
        from .sectors import full_codes, term_entries

        codes = full_codes(self)
        entries: dict[tuple[int, int], Any] = {}
        for t in self.terms:
            mat = t.op * t.coefficient
            for rows, cols, val in term_entries(self, t.sites, mat, codes, lambda c: c, exact=True):
                rows = cols if rows is None else rows
                for r, c in zip(rows.tolist(), cols.tolist()):
                    entries[(r, c)] = entries.get((r, c), 0) + val
        return sp.SparseMatrix(self.dimension, self.dimension, {k: v for k, v in entries.items() if v != 0})

    def __repr__(self) -> str:
        return (f"SpinModel({self.name!r}, N={self.N}, spin={self.spin}, units={self.units!r}, "
                f"pbc={self.pbc}, {len(self.terms)} terms)")

    def _repr_latex_(self) -> str:
        bc = "periodic" if self.pbc else "open"
        return (f"$${self.formula}\\qquad\\text{{(N = {self.N}, {bc}, {self.units} units)}}$$")


# ------------------------------------------------------------------ builders

def _units(units: Any) -> str:
    if units is None:
        raise UnitsError("units is mandatory: pass units='spin' (couplings multiply S = sigma/2) or "
                         "units='pauli' (couplings multiply sigma); a bond differs by a factor 4")
    if units not in UNITS:
        raise UnitsError(f"units must be 'spin' or 'pauli', got {units!r}")
    return units


def _coupling(value: Any, name: str) -> Any:
    if isinstance(value, bool) or value is None:
        raise InvalidInputError(f"{name} must be a real number, got {value!r}")
    if isinstance(value, (int, np.integer)):
        return sp.Integer(int(value))
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise InvalidInputError(f"{name} must be finite, got {value!r}")
        return sp.Float(float(value), 17)
    if isinstance(value, sp.Basic) and value.is_number and value.is_real and value.is_finite:
        return value
    raise InvalidInputError(f"{name} must be a real number (int, float or exact sympy number), got {value!r}")


def _signed(terms: list[tuple[Any, str]], leading: bool = True) -> str:
    """LaTeX of ``c_1 X_1 + c_2 X_2 + ...`` with unit coefficients and signs written cleanly."""
    out = ""
    for c, body in terms:
        if c == 0:
            continue
        neg = bool(c < 0)
        mag = -c if neg else c
        coef = "" if mag == 1 else latex(mag) + "\\,"
        if not out and leading:
            out = ("-" if neg else "") + coef + body
        else:
            out += (" - " if neg else " + ") + coef + body
    return out if out or not leading else "0"


def _bonds(N: int, r: int, pbc: bool) -> list[tuple[int, int]]:
    if pbc:
        return [(i, (i + r) % N) for i in range(N)]
    return [(i, i + r) for i in range(N - r)]


def _chain(N: Any, pbc: Any, *, minimum_pbc: int = 3, spin: Any = "1/2") -> int:
    if not isinstance(pbc, (bool, np.bool_)):
        raise InvalidInputError(f"pbc must be True or False, got {pbc!r}")
    maximum = 24 if local_dimension(spin) == 2 else 15
    return _check_sites(N, minimum=minimum_pbc if pbc else 2, maximum=maximum)


def tfim(N: int, h: Any, J: Any = 1, pbc: bool = True, *, units: str | None = None) -> SpinModel:
    r"""The transverse-field Ising chain.

    ``units="pauli"``: :math:`H = -J\sum_i \sigma^z_i\sigma^z_{i+1} - h\sum_i \sigma^x_i`
    (Carleo-Troyer's convention); ``units="spin"``: the same with :math:`S^a` in place of
    :math:`\sigma^a`, i.e. the Pauli model with :math:`J/4` and :math:`h/2`.

    Parameters
    ----------
    N : int
        Number of sites (3..24 periodic, 2..24 open).
    h, J : real
        Field and coupling (exact inputs are kept exact in `SpinModel.exact_matrix`).
    pbc : bool
        Periodic (default) or open chain.
    units : {"spin", "pauli"}
        Mandatory.

    Returns
    -------
    SpinModel

    Raises
    ------
    UnitsError
        When ``units`` is missing or not accepted.

    Examples
    --------
    >>> from mathml.quantum import tfim, lowest_energies
    >>> round(float(lowest_energies(tfim(8, 1, units="pauli"), k=1)[0]), 10)   # -2/sin(pi/16), 10 digits
    -10.251661791
    """
    units = _units(units)
    N = _chain(N, pbc)
    hh, JJ = _coupling(h, "h"), _coupling(J, "J")
    if units == "pauli":
        zz, x = sp.kronecker_product(pauli("z"), pauli("z")), pauli("x")
        op = r"\sigma"
    else:
        zz, x = sp.kronecker_product(pauli("z"), pauli("z")) / 4, pauli("x") / 2
        op = "S"
    terms = [Term(-JJ, b, zz) for b in _bonds(N, 1, pbc)] + [Term(-hh, (i,), x) for i in range(N)]
    upper = "N" if pbc else "N-1"
    formula = "H = " + _signed([(-JJ, f"\\sum_{{i=1}}^{{{upper}}} {op}^z_i {op}^z_{{i+1}}"),
                                (-hh, f"\\sum_{{i=1}}^{{N}} {op}^x_i")])
    return SpinModel("tfim", N, sp.Rational(1, 2), units, bool(pbc), terms, {"h": hh, "J": JJ}, formula,
                     conserves_sz=False, translation_invariant=bool(pbc), flip_symmetric=True)


def heisenberg(N: int, pbc: bool = True, *, units: str | None = None, J: Any = 1,
               delta: Any = 1) -> SpinModel:
    r"""The spin-1/2 Heisenberg (XXZ) chain :math:`H = J\sum_i (S^x_iS^x_{i+1} + S^y_iS^y_{i+1}
    + \Delta S^z_iS^z_{i+1})` (``units="spin"``), or the same with Pauli matrices (``"pauli"``, 4x).

    Parameters
    ----------
    N : int
        Number of sites.
    pbc : bool
        Periodic (default) or open.
    units : {"spin", "pauli"}
        Mandatory.
    J, delta : real
        Coupling (antiferromagnetic for ``J > 0``) and anisotropy (``delta = 1``: isotropic).

    Returns
    -------
    SpinModel
        Conserves total :math:`S^z`; translation invariant when periodic.

    Examples
    --------
    >>> from mathml.quantum import heisenberg, lowest_energies
    >>> round(float(lowest_energies(heisenberg(8, units="spin"), sector={"Sz": 0}, k=1)[0]), 10)
    -3.6510934089
    """
    units = _units(units)
    N = _chain(N, pbc)
    JJ, dd = _coupling(J, "J"), _coupling(delta, "delta")
    Sz, Sp, Sm = spin_matrices(sp.Rational(1, 2))
    kp = sp.kronecker_product
    bond = dd * kp(Sz, Sz) + (kp(Sp, Sm) + kp(Sm, Sp)) / 2
    if units == "pauli":
        bond = 4 * bond
    terms = [Term(JJ, b, bond) for b in _bonds(N, 1, pbc)]
    op = r"\sigma" if units == "pauli" else "S"
    upper = "N" if pbc else "N-1"
    inner = f"{op}^x_i {op}^x_{{i+1}} + {op}^y_i {op}^y_{{i+1}}" + _signed(
        [(dd, f"{op}^z_i {op}^z_{{i+1}}")], leading=False)
    formula = "H = " + _signed([(JJ, f"\\sum_{{i=1}}^{{{upper}}} \\left({inner}\\right)")])
    return SpinModel("heisenberg", N, sp.Rational(1, 2), units, bool(pbc), terms, {"J": JJ, "delta": dd},
                     formula, conserves_sz=True, translation_invariant=bool(pbc), flip_symmetric=True)


def heisenberg_square(Lx: int, Ly: int, pbc: bool = True, *, units: str | None = None,
                      J: Any = 1) -> SpinModel:
    r"""The spin-1/2 Heisenberg model on an ``Lx x Ly`` square lattice, :math:`H = J\sum_{\langle ij\rangle}
    S_i\cdot S_j` (``units="spin"``; ``"pauli"`` is 4x).  Site ``(x, y)`` is number ``x + Lx y``.

    Momentum sectors are not offered (the 1-d translation of `lowest_energies` is not a lattice
    symmetry here); Sz and spin-inversion sectors are.

    Parameters
    ----------
    Lx, Ly : int
        Lattice sides (>= 3 each when periodic, >= 2 when open; ``Lx * Ly <= 24``).
    pbc : bool
        Torus (default) or open square.
    units : {"spin", "pauli"}
        Mandatory.
    J : real

    Returns
    -------
    SpinModel

    Examples
    --------
    >>> from mathml.quantum import heisenberg_square, lowest_energies
    >>> H = heisenberg_square(4, 4, units="spin")           # brief Q3: -11.228483208429
    >>> round(float(lowest_energies(H, k=1, sector={"Sz": 0, "flip": 1})[0]), 10)
    -11.2284832084
    """
    units = _units(units)
    if not isinstance(pbc, (bool, np.bool_)):
        raise InvalidInputError(f"pbc must be True or False, got {pbc!r}")
    for name, L in (("Lx", Lx), ("Ly", Ly)):
        if isinstance(L, bool) or not isinstance(L, (int, np.integer)) or L < (3 if pbc else 2):
            raise InvalidInputError(f"{name} must be an integer >= {3 if pbc else 2}, got {L!r}")
    N = _check_sites(int(Lx) * int(Ly))
    JJ = _coupling(J, "J")
    bond = dot_product(sp.Rational(1, 2)) * (4 if units == "pauli" else 1)
    bonds = []
    for y in range(Ly):
        for x in range(Lx):
            i = x + Lx * y
            if pbc or x + 1 < Lx:
                bonds.append((i, (x + 1) % Lx + Lx * y))
            if pbc or y + 1 < Ly:
                bonds.append((i, x + Lx * ((y + 1) % Ly)))
    op = r"\boldsymbol{\sigma}" if units == "pauli" else r"\mathbf{S}"
    formula = "H = " + _signed([(JJ, f"\\sum_{{\\langle ij\\rangle}} {op}_i\\cdot {op}_j")])
    model = SpinModel("heisenberg_square", N, sp.Rational(1, 2), units, bool(pbc),
                      [Term(JJ, b, bond) for b in bonds], {"J": JJ, "Lx": int(Lx), "Ly": int(Ly)},
                      formula + f"\\quad({int(Lx)}\\times{int(Ly)})", conserves_sz=True,
                      translation_invariant=False, flip_symmetric=True)
    return model


def j1j2(N: int, J2: Any, pbc: bool = True, *, units: str | None = None, J1: Any = 1,
         delta: Any = 1) -> SpinModel:
    r"""The J1-J2 chain :math:`H = J_1\sum_i S_i\cdot S_{i+1} + J_2\sum_i S_i\cdot S_{i+2}`
    (``units="spin"``; ``"pauli"`` is 4x).  ``J2 = J1/2`` is the Majumdar-Ghosh point, where
    :math:`E_0 = -3N/8` (spin units, N even, periodic).

    Parameters
    ----------
    N : int
        Number of sites (at least 3 when periodic, at least 3 when open).
    J2 : real
        Next-nearest-neighbour coupling.
    pbc : bool
        Periodic (default) or open.
    units : {"spin", "pauli"}
        Mandatory.
    J1 : real
        Nearest-neighbour coupling (default 1).
    delta : real
        XXZ anisotropy of both couplings (:math:`S^xS^x + S^yS^y + \Delta S^zS^z`; default 1,
        isotropic).  With ``delta != 1`` and ``J2 != 0`` the chain is non-integrable and has no
        SU(2) multiplets: its level statistics are GOE-like in a fully resolved sector.

    Returns
    -------
    SpinModel

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.quantum import j1j2, lowest_energies
    >>> E = lowest_energies(j1j2(8, sp.Rational(1, 2), units="spin"), k=2, sector={"Sz": 0})
    >>> [round(float(e), 10) for e in E]      # the two dimer states, -3N/8 = -3
    [-3.0, -3.0]
    """
    units = _units(units)
    N = _chain(N, pbc)
    if not pbc and N < 3:
        raise InvalidInputError(f"an open J1-J2 chain needs N >= 3, got {N}")
    a, b, dd = _coupling(J1, "J1"), _coupling(J2, "J2"), _coupling(delta, "delta")
    Sz, Sp, Sm = spin_matrices(sp.Rational(1, 2))
    kp = sp.kronecker_product
    bond = (dd * kp(Sz, Sz) + (kp(Sp, Sm) + kp(Sm, Sp)) / 2) * (4 if units == "pauli" else 1)
    terms = [Term(a, bd, bond) for bd in _bonds(N, 1, pbc)] + [Term(b, bd, bond) for bd in _bonds(N, 2, pbc)]
    op = r"\boldsymbol{\sigma}" if units == "pauli" else r"\mathbf{S}"
    formula = "H = " + _signed([(a, f"\\sum_i {op}_i\\cdot {op}_{{i+1}}"),
                                (b, f"\\sum_i {op}_i\\cdot {op}_{{i+2}}")])
    if dd != 1:
        formula += f"\\quad(\\Delta = {latex(dd)}\\text{{ in every bond}})"
    return SpinModel("j1j2", N, sp.Rational(1, 2), units, bool(pbc), terms, {"J1": a, "J2": b, "delta": dd},
                     formula,
                     conserves_sz=True, translation_invariant=bool(pbc), flip_symmetric=True)


def aklt(N: int, pbc: bool = True) -> SpinModel:
    r"""The AKLT spin-1 chain :math:`H = \sum_i [S_i\cdot S_{i+1} + \tfrac13 (S_i\cdot S_{i+1})^2]`.

    Spin-1 operators (no Pauli form; ``units`` is ``"spin-1"``).  Each bond term equals
    :math:`2P_2 - 2/3` (:math:`P_2` the projector on total bond spin 2), so the periodic ground
    state energy is :math:`-2N/3`.

    Parameters
    ----------
    N : int
        Number of sites (3..15 periodic, 2..15 open).
    pbc : bool
        Periodic (default) or open.

    Returns
    -------
    SpinModel

    Examples
    --------
    >>> from mathml.quantum import aklt, lowest_energies
    >>> round(float(lowest_energies(aklt(6), k=1, sector={"Sz": 0})[0]), 10)   # -2N/3
    -4.0
    """
    N = _chain(N, pbc, spin=1)
    ss = dot_product(1)
    bond = ss + ss * ss / 3
    terms = [Term(sp.Integer(1), b, bond) for b in _bonds(N, 1, pbc)]
    formula = (r"H = \sum_i \left[\mathbf{S}_i\cdot\mathbf{S}_{i+1} + \tfrac{1}{3}"
               r"\left(\mathbf{S}_i\cdot\mathbf{S}_{i+1}\right)^2\right]")
    return SpinModel("aklt", N, as_spin(1), "spin-1", bool(pbc), terms, {}, formula,
                     conserves_sz=True, translation_invariant=bool(pbc), flip_symmetric=True)
