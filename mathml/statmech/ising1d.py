r"""The one-dimensional Ising chain: transfer matrix, exact partition function, decimation.

Conventions: spins :math:`s_i \in \{-1, +1\}`, dimensionless couplings (:math:`K = \beta J`,
:math:`h = \beta\mu B`), Boltzmann weight :math:`e^{-\beta H}` with

.. math:: -\beta H(s) = K \sum_i s_i s_{i+1} + h \sum_i s_i,

the bond sum running over :math:`i = 1, \dots, N` with :math:`s_{N+1} = s_1` for the periodic chain
(``pbc=True``; for :math:`N = 2` the bond is counted twice, :math:`N = 1` has the self-bond
:math:`s_1 s_1 = 1`) and over :math:`i < N` for the open chain.

Transfer matrix :math:`T_{ss'} = e^{K s s' + h (s + s')/2}` with eigenvalues
:math:`\lambda_\pm = e^K\cosh h \pm \sqrt{e^{2K}\sinh^2 h + e^{-2K}}`, so :math:`Z_N = \lambda_+^N +
\lambda_-^N` (periodic).  Decimation (summing out every other spin) maps the periodic chain of
:math:`N` spins to the chain of :math:`N/2` spins with

.. math:: K' = \tfrac14 \ln\frac{\cosh(2K + h)\cosh(2K - h)}{\cosh^2 h},\quad
          h' = h + \tfrac12\ln\frac{\cosh(2K + h)}{\cosh(2K - h)},\quad
          Z_N(K, h) = A^{N/2} Z_{N/2}(K', h'),

:math:`A = 2[\cosh(2K + h)\cosh(2K - h)\cosh^2 h]^{1/4}`; at :math:`h = 0`,
:math:`K' = \tfrac12\ln\cosh 2K` and :math:`A = 2\sqrt{\cosh 2K}` (Kadanoff; brief
``dynamics_statmech.md`` section 4).

Exact in, exact out: integer, `fractions.Fraction` and sympy couplings give sympy results;
floats give floats (or mpmath numbers when ``dps`` is passed).

Examples
--------
>>> import sympy as sp
>>> from mathml.statmech import IsingChain
>>> K = sp.Symbol('K', positive=True)
>>> IsingChain(4, K).partition_function()
16*sinh(K)**4 + 16*cosh(K)**4
>>> round(IsingChain(10, 0.7).partition_function(), 10)     # brief S5: 10003.1422471481920961
10003.1422471482
"""

from __future__ import annotations

import math
from numbers import Integral
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex
from .configs import as_coupling, common_kind, config_chunks, is_exact, to_mpf
from .errors import SizeLimitError

__all__ = ["IsingChain", "decimation_coupling", "decimation_prefactor"]

_MAX_BRUTE = 24


def decimation_coupling(K: Any) -> Any:
    r"""The decimated coupling :math:`K' = \tfrac12\ln\cosh 2K` (zero field), exact for exact input.

    Equivalently :math:`\tanh K' = \tanh^2 K`.

    Parameters
    ----------
    K : number or sympy expression

    Returns
    -------
    sympy expression, float or mpmath.mpf

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.statmech import decimation_coupling
    >>> decimation_coupling(sp.Symbol('K'))
    log(cosh(2*K))/2
    >>> round(decimation_coupling(0.7), 15)        # brief S5: 0.382942822864013044860
    0.382942822864013
    """
    K = as_coupling("K", K)
    if is_exact(K):
        return sp.log(sp.cosh(2 * K)) / 2
    if isinstance(K, mpmath.mpf):
        return mpmath.log(mpmath.cosh(2 * K)) / 2
    return float(np.log(np.cosh(2 * K)) / 2)


def decimation_prefactor(K: Any) -> Any:
    r"""The prefactor :math:`A = 2\sqrt{\cosh 2K}` of :math:`\sum_{s_2} e^{K s_2(s_1 + s_3)} = A e^{K'
    s_1 s_3}`.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.statmech import decimation_prefactor
    >>> decimation_prefactor(sp.Symbol('K'))
    2*sqrt(cosh(2*K))
    """
    K = as_coupling("K", K)
    if is_exact(K):
        return 2 * sp.sqrt(sp.cosh(2 * K))
    if isinstance(K, mpmath.mpf):
        return 2 * mpmath.sqrt(mpmath.cosh(2 * K))
    return float(2 * np.sqrt(np.cosh(2 * K)))


def _lib(*values: Any):
    """The function namespace for the values: sympy (exact), mpmath or numpy."""
    if any(is_exact(v) for v in values):
        return sp
    if any(isinstance(v, mpmath.mpf) for v in values):
        return mpmath
    return np


def _one_plus_power(r: Any, s1: Any, N: int, lib: Any) -> Any:
    """1 + r**N for r = lambda_-/lambda_+ in (-1, 1], given s1 = 1 + r = tr T / lambda_+ computed
    without cancellation.  For r < 0 and odd N (antiferromagnet) 1 - |r|^N = -expm1(N log1p(-s1))."""
    if r == 0:
        return lib.mpf(1) if lib is mpmath else 1.0
    if r > 0 or N % 2 == 0 or -r < 0.5:  # no cancellation in 1 - |r|^N for |r| < 1/2
        return 1 + r**N
    if lib is mpmath:
        return -mpmath.expm1(N * mpmath.log1p(-s1))
    return -math.expm1(N * math.log1p(-s1))


class IsingChain:
    r"""The Ising chain :math:`-\beta H = K\sum s_i s_{i+1} + h\sum s_i` of ``N`` spins.

    Parameters
    ----------
    N : int
        Number of spins, at least 1 (periodic) or 2 (open).
    K, h : number or sympy expression
        Dimensionless coupling and field.  Exact values (int, Fraction, sympy) give exact sympy
        results; floats give floats.
    pbc : bool
        Periodic (default) or open boundary conditions.

    Raises
    ------
    InvalidInputError
        For a non-integer or too small ``N``, or couplings that are not real numbers/sympy
        expressions (strings, NaN, inf, bools).

    Examples
    --------
    >>> from mathml.statmech import IsingChain
    >>> chain = IsingChain(6, 1, pbc=False)
    >>> chain.partition_function()          # 2 (2 cosh K)^(N-1)
    64*cosh(1)**5
    >>> import sympy as sp
    >>> sp.expand((chain.partition_function("brute") - chain.partition_function()).rewrite(sp.exp))
    0
    """

    def __init__(self, N: int, K: Any, h: Any = 0, pbc: bool = True):
        if isinstance(N, bool) or not isinstance(N, Integral):
            raise InvalidInputError(f"N must be a positive integer, got {N!r}")
        if N < (1 if pbc else 2):
            raise InvalidInputError(
                f"N must be >= {1 if pbc else 2} for {'a periodic' if pbc else 'an open'} chain, got {N}"
            )
        if not isinstance(pbc, bool):
            raise InvalidInputError(f"pbc must be True or False, got {pbc!r}")
        self.N, self.pbc = int(N), pbc
        self.K, self.h = common_kind(as_coupling("K", K), as_coupling("h", h))
        self.exact = is_exact(self.K)

    def __repr__(self) -> str:
        return f"IsingChain(N={self.N}, K={self.K}, h={self.h}, pbc={self.pbc})"

    def _repr_latex_(self) -> str:
        K, h = (latex(sp.sympify(v)) if not isinstance(v, float) else repr(v) for v in (self.K, self.h))
        bonds = r"\sum_{i=1}^{%d} s_i s_{i+1}" % (self.N if self.pbc else self.N - 1)
        bc = r",\ s_{%d} = s_1" % (self.N + 1) if self.pbc else ""
        return rf"$-\beta H = {K}\,{bonds} + {h}\sum_{{i=1}}^{{{self.N}}} s_i{bc}$"

    # ------------------------------------------------------------------ energies
    def energy(self, s: Any) -> Any:
        r"""Dimensionless energy :math:`\beta H(s)` of a configuration (or rows of configurations).

        Examples
        --------
        >>> from mathml.statmech import IsingChain
        >>> IsingChain(3, 0.5).energy([1, 1, -1])          # -0.5 (1 - 1 - 1) - 0 * 1
        0.5
        """
        arr = np.asarray(s)
        if arr.ndim == 0 or arr.shape[-1] != self.N or not np.all(np.isin(arr, (-1, 1))):
            raise InvalidInputError(
                f"configurations must have {self.N} entries in {{-1, +1}}, got shape {arr.shape}"
            )
        bonds, mag = self._bond_and_field(arr.astype(np.int64))
        if self.exact:
            out = [-(self.K * int(b) + self.h * int(m)) for b, m in zip(np.ravel(bonds), np.ravel(mag))]
            return out[0] if arr.ndim == 1 else out
        res = -(float(self.K) * bonds + float(self.h) * mag)
        return float(res) if arr.ndim == 1 else res

    def _bond_and_field(self, s: np.ndarray):
        bonds = np.sum(s[..., :-1] * s[..., 1:], axis=-1)
        if self.pbc:
            bonds = bonds + s[..., -1] * s[..., 0]
        return bonds, np.sum(s, axis=-1)

    # ------------------------------------------------------------------ transfer matrix
    def transfer_matrix(self) -> Any:
        r"""The symmetric transfer matrix :math:`T_{ss'} = e^{K s s' + h(s + s')/2}`, rows/columns (+1, -1).

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.statmech import IsingChain
        >>> IsingChain(3, sp.Symbol('K')).transfer_matrix()
        Matrix([
        [   exp(K), exp(-K)],
        [exp(-K),    exp(K)]])
        """
        K, h = self.K, self.h
        lib = _lib(K, h)
        entries = [[lib.exp(K + h), lib.exp(-K)], [lib.exp(-K), lib.exp(K - h)]]
        if lib is sp:
            return sp.Matrix(entries)
        if lib is mpmath:
            return mpmath.matrix(entries)
        return np.array(entries, dtype=float)

    def eigenvalues(self) -> tuple[Any, Any]:
        r"""The transfer-matrix eigenvalues :math:`(\lambda_+, \lambda_-)`.

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.statmech import IsingChain
        >>> IsingChain(3, sp.Symbol('K', positive=True)).eigenvalues()
        (2*cosh(K), 2*sinh(K))
        """
        K, h = self.K, self.h
        lib = _lib(K, h)
        if lib is sp and h == 0:
            return 2 * sp.cosh(K), 2 * sp.sinh(K)
        if lib is sp:
            root = sp.sqrt(sp.exp(2 * K) * sp.sinh(h) ** 2 + sp.exp(-2 * K))
            base = sp.exp(K) * sp.cosh(h)
            return base + root, base - root
        with np.errstate(all="ignore"):
            root = lib.sqrt(lib.exp(2 * K) * lib.sinh(h) ** 2 + lib.exp(-2 * K))
            lp = lib.exp(K) * lib.cosh(h) + root
            lm = 2 * lib.sinh(2 * K) / lp  # det T / lambda_+: no cancellation (base - root cancels)
        if lib is np:
            lp, lm = float(lp), float(lm)
            if not (np.isfinite(lp) and np.isfinite(lm)):
                raise InvalidInputError(
                    f"the transfer-matrix eigenvalues overflow float64 at K = {K}, h = {h}; "
                    "pass mpmath numbers or use log_partition_function()"
                )
        return lp, lm

    def partition_function(self, method: str = "transfer", *, dps: int | None = None) -> Any:
        r"""The exact partition function :math:`Z = \sum_s e^{-\beta H(s)}`.

        Parameters
        ----------
        method : {"transfer", "brute"}
            ``"transfer"``: :math:`\lambda_+^N + \lambda_-^N` (periodic) or
            :math:`u^T T^{N-1} u` with :math:`u_s = e^{hs/2}` (open).
            ``"brute"``: enumeration of the :math:`2^N` configurations (N <= 24), collected by
            (bond sum, magnetisation) with exact integer counts.
        dps : int, optional
            For numeric couplings: compute with mpmath at ``dps`` digits and return an mpf.

        Returns
        -------
        sympy expression (exact couplings), float, or mpmath.mpf (``dps`` given)

        Raises
        ------
        InvalidInputError
            For an unknown method.
        SizeLimitError
            For ``method="brute"`` with N > 24.

        Examples
        --------
        >>> import mpmath
        >>> from fractions import Fraction
        >>> from mathml.statmech import IsingChain
        >>> with mpmath.workdps(25):              # K = 7/10 exactly (the float 0.7 is not 7/10)
        ...     z = IsingChain(10, Fraction(7, 10)).partition_function(dps=25)
        >>> mpmath.nstr(z, 21)                    # brief S5, 21 digits
        '10003.1422471481920961'
        """
        if method not in ("transfer", "brute"):
            raise InvalidInputError(f"method must be 'transfer' or 'brute', got {method!r}")
        if dps is not None:
            with mpmath.workdps(dps):
                return +self._partition(method, dps)
        try:
            return self._partition(method, None)
        except OverflowError as exc:
            raise InvalidInputError(
                f"Z overflows float64 for N = {self.N}, K = {self.K}: "
                "use log_partition_function() or pass dps="
            ) from exc

    def _partition(self, method: str, dps: int | None) -> Any:
        K, h = self._numeric(dps)
        if method == "brute":
            return self._brute(K, h, dps)
        lib = _lib(K, h)
        chain = self if (K is self.K and h is self.h) else IsingChain(self.N, K, h, self.pbc)
        lp, lm = chain.eigenvalues()
        N = self.N
        if self.pbc and lib is not sp:
            # Z = lambda_+^N (1 + r^N), r = lambda_-/lambda_+; for r < 0 and odd N (antiferromagnet)
            # 1 - |r|^N is formed with expm1/log1p so that it does not cancel
            s1 = 2 * lib.exp(K) * lib.cosh(h) / lp
            if lib is np:
                with np.errstate(all="ignore"):
                    z = lp**N * _one_plus_power(lm / lp, float(s1), N, lib)
                if not (math.isfinite(z) and z > 0):
                    raise OverflowError
                return z
            return lp**N * _one_plus_power(lm / lp, s1, N, lib)
        if self.pbc:
            return lp**N + lm**N
        if lib is sp and h == 0:
            return 2 * (2 * sp.cosh(K)) ** (N - 1)
        # open chain: Z = sum over the eigenvectors e of T of (u.e)^2 lambda^{N-1} / |e|^2.  With
        # T = [[m + d, c], [c, m - d]], d = e^K sinh h, c = e^{-K}, R = sqrt(d^2 + c^2), the vectors are
        # written without cancellation: e_+ = (|d| + R, c) or (c, |d| + R), e_- = (c, -(|d| + R)) or
        # (-(|d| + R), c) (the first form for d >= 0); lambda - e^{K+h} would cancel for large K.
        c, d = lib.exp(-K), lib.exp(K) * lib.sinh(h)
        big = abs(d) + lib.sqrt(d * d + c * c)
        if d >= 0:
            vecs = ((big, c), (c, -big))
        else:
            vecs = ((c, big), (-big, c))
        u = (lib.exp(h / 2), lib.exp(-h / 2))
        total = 0
        for lam, e in zip((lp, lm), vecs):
            total += (u[0] * e[0] + u[1] * e[1]) ** 2 * lam ** (N - 1) / (e[0] ** 2 + e[1] ** 2)
        if lib is np:
            total = float(total)
            if not math.isfinite(total):
                raise OverflowError
        return total

    def log_partition_function(self, method: str = "transfer", *, dps: int | None = None) -> Any:
        r""":math:`\ln Z`, computed without overflow (periodic: :math:`N\ln\lambda_+ + \ln(1 +
        (\lambda_-/\lambda_+)^N)`).

        Examples
        --------
        >>> from mathml.statmech import IsingChain
        >>> round(IsingChain(10, 0.7).log_partition_function(), 14)   # brief S5: 9.21065454733275569394
        9.21065454733276
        >>> round(IsingChain(10**6, 0.7).log_partition_function() / 10**6, 12)   # ln(2 cosh 0.7)
        0.920417409918
        """
        K, h = self._numeric(dps)
        if is_exact(K) or is_exact(h):
            return sp.log(self.partition_function(method))
        if method != "transfer" or not self.pbc:
            # through mpmath (no float64 overflow of Z for long chains)
            z = self.partition_function(method, dps=dps or 20)
            with mpmath.workdps(dps or 20):
                out = mpmath.log(z)
            return out if dps is not None else float(out)
        with mpmath.workdps(dps or 20):
            chain = IsingChain(self.N, mpmath.mpf(K), mpmath.mpf(h), True)
            lp, lm = chain.eigenvalues()
            s1 = 2 * mpmath.exp(chain.K) * mpmath.cosh(chain.h) / lp
            out = self.N * mpmath.log(lp) + mpmath.log(_one_plus_power(lm / lp, s1, self.N, mpmath))
            return +out if dps is not None else float(out)

    def free_energy_per_site(self) -> Any:
        r"""Thermodynamic limit :math:`-\beta f = \ln\lambda_+` (exact for exact couplings).

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.statmech import IsingChain
        >>> IsingChain(2, sp.Symbol('K', positive=True)).free_energy_per_site()
        log(2*cosh(K))
        """
        lp, _ = self.eigenvalues()
        lib = _lib(self.K, self.h)
        return lib.log(lp) if lib is not np else float(np.log(lp))

    # ------------------------------------------------------------------ decimation
    def decimate(self) -> tuple[Any, "IsingChain"]:
        r"""Sum out every other spin: return :math:`(A, \text{chain}')` with :math:`Z = A^{N'}\, Z'`.

        Periodic chains need even N (any field); the new chain has :math:`N' = N/2` spins,
        coupling :math:`K'` and field :math:`h'` (module docstring) and
        :math:`Z_N(K, h) = A^{N/2} Z_{N/2}(K', h')`.  Open chains need odd N >= 3 and zero field:
        the two end spins are kept, :math:`N' = (N + 1)/2` and :math:`Z_N = A^{(N-1)/2} Z'_{N'}`.

        Returns
        -------
        (A, IsingChain)
            The prefactor per decimated spin and the decimated chain.

        Raises
        ------
        InvalidInputError
            For an odd periodic chain, an even open chain, or an open chain in a field.

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.statmech import IsingChain
        >>> A, half = IsingChain(8, sp.Symbol('K', positive=True)).decimate()
        >>> A, half.N, half.K
        (2*sqrt(cosh(2*K)), 4, log(cosh(2*K))/2)
        """
        K, h = self.K, self.h
        if self.pbc and self.N % 2:
            raise InvalidInputError(f"decimation of a periodic chain needs an even N, got N = {self.N}")
        if not self.pbc and (self.N % 2 == 0 or self.N < 3 or h != 0):
            raise InvalidInputError(
                f"decimation of an open chain needs an odd N >= 3 and zero field (got N = {self.N}, h = {h})"
            )
        lib = _lib(K, h)
        if lib is sp and h == 0:
            A, Kp, hp = decimation_prefactor(K), decimation_coupling(K), sp.Integer(0)
        else:
            cp, cm, ch = lib.cosh(2 * K + h), lib.cosh(2 * K - h), lib.cosh(h)
            A = 2 * (cp * cm * ch**2) ** (sp.Rational(1, 4) if lib is sp else 0.25)
            Kp = lib.log(cp * cm / ch**2) / 4
            hp = h + lib.log(cp / cm) / 2
            if lib is np:
                A, Kp, hp = float(A), float(Kp), float(hp)
        n_new = self.N // 2 if self.pbc else (self.N + 1) // 2
        return A, IsingChain(n_new, Kp, hp, self.pbc)

    # ------------------------------------------------------------------ internals
    def _numeric(self, dps: int | None):
        if dps is None:
            return self.K, self.h
        if isinstance(dps, bool) or not isinstance(dps, Integral) or not 5 <= dps <= 10_000:
            raise InvalidInputError(f"dps must be an integer in [5, 10000], got {dps!r}")
        if self.exact and (getattr(self.K, "free_symbols", None) or getattr(self.h, "free_symbols", None)):
            raise InvalidInputError("dps needs numeric couplings; this chain has free symbols")
        return to_mpf(self.K), to_mpf(self.h)

    def _brute(self, K: Any, h: Any, dps: int | None) -> Any:
        if self.N > _MAX_BRUTE:
            raise SizeLimitError(f"brute force enumerates 2**N configurations; N = {self.N} > {_MAX_BRUTE}")
        counts: dict[tuple[int, int], int] = {}
        for block in config_chunks(self.N, "spin"):
            b, m = self._bond_and_field(block.astype(np.int64))
            keys, cnt = np.unique(np.stack([b, m], axis=1), axis=0, return_counts=True)
            for (bb, mm_), c in zip(keys.tolist(), cnt.tolist()):
                counts[(bb, mm_)] = counts.get((bb, mm_), 0) + c
        lib = _lib(K, h)
        if lib is sp:
            return sp.Add(*[c * sp.exp(K * b + h * m) for (b, m), c in sorted(counts.items())])
        if lib is mpmath:
            return mpmath.fsum(c * mpmath.exp(K * b + h * m) for (b, m), c in counts.items())
        return float(sum(c * np.exp(K * b + h * m) for (b, m), c in counts.items()))
