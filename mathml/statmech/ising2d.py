r"""The square-lattice Ising model on the L x L torus: brute force, transfer matrix, Kaufman, Onsager, Yang.

Conventions: :math:`J = k_B = 1`, spins :math:`\pm 1`, :math:`E(s) = -\sum_{\langle ij\rangle} s_i s_j`
summed over the :math:`2L^2` bonds (each site with its right and lower neighbour, periodic; for
:math:`L = 2` every neighbour pair is joined by two bonds), weight :math:`e^{-KE}`, :math:`K = \beta J`.

Three independent routes to :math:`Z(K)`:

- ``"brute"``: enumeration of all :math:`2^{L^2}` states (:math:`L \le 5`), giving the exact density of
  states :math:`g(E)` (integers) and :math:`Z = \sum_E g(E) e^{-KE}` (exact sympy for exact K);
- ``"transfer"``: the row-to-row transfer matrix of size :math:`2^L` (:math:`L \le 10`),
  :math:`Z = \operatorname{tr} T^L`; Arb ball arithmetic for :math:`L \le 6`, above it the float64
  matrix power of the rescaled (entrywise positive) T, a sum without cancellation;
- ``"kaufman"``: Kaufman's exact finite-torus formula (B. Kaufman, Phys. Rev. 76, 1232 (1949); in the
  form of P. D. Beale, PRL 76, 78 (1996)), any L, at ``dps`` digits with mpmath (no overflow):

.. math:: Z = \tfrac12 (2\sinh 2K)^{L^2/2}\Big[\prod_{r=0}^{L-1} 2\cosh\tfrac{L\gamma_{2r+1}}{2}
          + \prod 2\sinh\tfrac{L\gamma_{2r+1}}{2} + \prod 2\cosh\tfrac{L\gamma_{2r}}{2}
          + \prod 2\sinh\tfrac{L\gamma_{2r}}{2}\Big],

:math:`\cosh\gamma_k = \cosh 2K\coth 2K - \cos(\pi k/L)` for :math:`k \ge 1` and
:math:`\gamma_0 = 2K + \ln\tanh K` (negative below :math:`K_c`: the sign matters in the last product;
checked against brute force at L = 2, 3, 4 on both sides of :math:`K_c`).  For the antiferromagnet
:math:`K < 0`: on even L, :math:`Z(-K) = Z(K)` (flip one sublattice); on odd L the four products at
:math:`|K|` enter with the signs :math:`(-, +, +, -)` (analytic continuation,
:math:`\gamma_k(-K) = \gamma_{L-k}(K) + i\pi`; checked against enumeration at L = 3, 5 and the transfer
matrix at L = 7, 9), with about :math:`1.74\,L|K|` extra working digits for the cancellation.

Thermodynamic limit (Onsager 1944, Yang 1952): :math:`K_c = \tfrac12\ln(1 + \sqrt2)`,

.. math:: -\beta f = \ln(2\cosh 2K) + \frac1\pi\int_0^{\pi/2}
          \ln\tfrac12\Big(1 + \sqrt{1 - k^2\sin^2\theta}\Big)\,d\theta,\quad k = \frac{2\sinh 2K}{\cosh^2 2K},

:math:`u = -\coth 2K\,[1 + \tfrac2\pi(2\tanh^2 2K - 1)\mathbf K(k)]` and
:math:`M = (1 - \sinh^{-4} 2K)^{1/8}` for :math:`K > K_c`.

Examples
--------
>>> import mpmath
>>> from mathml.statmech import Ising2D, K_C
>>> Ising2D(4, K_C).partition_function("brute")          # an integer (brief S4)
5509120
>>> with mpmath.workdps(30):
...     z = Ising2D(4, 0.5).partition_function("kaufman", dps=30)
>>> mpmath.nstr(z, 22)                                   # brief S4: 26839013.61226279250585
'26839013.61226279250585'
"""

from __future__ import annotations

import functools
from numbers import Integral
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import DomainError, InvalidInputError
from ..core.latex import latex
from .configs import as_coupling, is_exact, to_mpf
from .errors import SizeLimitError

__all__ = [
    "K_C",
    "Ising2D",
    "density_of_states",
    "onsager_free_energy",
    "onsager_internal_energy",
    "onsager_specific_heat",
    "yang_magnetisation",
]

#: The critical coupling :math:`K_c = \tfrac12\ln(1 + \sqrt 2)` (exact sympy), :math:`\sinh 2K_c = 1`.
K_C = sp.log(1 + sp.sqrt(2)) / 2

_MAX_BRUTE, _MAX_TRANSFER, _MAX_ARB, _MAX_KAUFMAN = 5, 10, 6, 100_000
_METHODS = ("kaufman", "transfer", "brute")


def _check_L(L: Any) -> int:
    if isinstance(L, bool) or not isinstance(L, Integral) or L < 2:
        raise InvalidInputError(f"L must be an integer >= 2 (the L x L torus), got {L!r}")
    return int(L)


def _check_dps(dps: Any) -> int:
    if isinstance(dps, bool) or not isinstance(dps, Integral) or not 5 <= dps <= 10_000:
        raise InvalidInputError(f"dps must be an integer in [5, 10000], got {dps!r}")
    return int(dps)


def _mpf(K: Any) -> mpmath.mpf:
    """A coupling at the current mpmath precision."""
    if isinstance(K, sp.Basic) and K.free_symbols:
        raise InvalidInputError(
            f"a numeric coupling is needed here, got {K} with free symbols "
            "(use method='brute' for a symbolic Z)"
        )
    return to_mpf(K)


@functools.lru_cache(maxsize=8)
def _dos(L: int) -> tuple[tuple[int, int], ...]:
    n = L * L
    idx = np.arange(n).reshape(L, L)
    right, down = np.roll(idx, -1, axis=1).ravel(), np.roll(idx, -1, axis=0).ravel()
    counts = np.zeros(2 * n + 1, dtype=np.int64)  # by number of unsatisfied bonds
    chunk = 1 << min(n, 18)
    bits = np.arange(n, dtype=np.uint64)
    for start in range(0, 1 << n, chunk):
        x = np.arange(start, start + chunk, dtype=np.uint64)
        xr = np.zeros_like(x)
        xd = np.zeros_like(x)
        for i in range(n):  # neighbour words: bit i of xr is the spin right of site i
            xr |= ((x >> np.uint64(right[i])) & np.uint64(1)) << bits[i]
            xd |= ((x >> np.uint64(down[i])) & np.uint64(1)) << bits[i]
        bad = np.bitwise_count(x ^ xr).astype(np.int64) + np.bitwise_count(x ^ xd).astype(np.int64)
        counts += np.bincount(bad, minlength=2 * n + 1)
    # E = -(satisfied - unsatisfied) = 2 * unsatisfied - 2 n
    return tuple((2 * d - 2 * n, int(c)) for d, c in enumerate(counts) if c)


def density_of_states(L: int) -> dict[int, int]:
    r"""The exact density of states :math:`g(E)` of the L x L torus by enumeration (L <= 5).

    Returns
    -------
    dict
        Energy :math:`E = -\sum s_i s_j` to the number of states (Python ints, summing to
        :math:`2^{L^2}`).

    Raises
    ------
    SizeLimitError
        For L > 5 (2**25 states is the largest enumeration).

    Examples
    --------
    >>> from mathml.statmech import density_of_states
    >>> density_of_states(2)                 # brief: -8:2, 0:12, 8:2
    {-8: 2, 0: 12, 8: 2}
    >>> density_of_states(3)[-18], sum(density_of_states(3).values())
    (2, 512)
    """
    L = _check_L(L)
    if L > _MAX_BRUTE:
        raise SizeLimitError(
            f"brute-force enumeration needs L <= {_MAX_BRUTE} (2**{L * L} states "
            f"for L = {L}); "
            "use method='kaufman' or 'transfer'"
        )
    return dict(_dos(L))


@functools.lru_cache(maxsize=16)
def _row_data(L: int) -> tuple[np.ndarray, np.ndarray]:
    rows = ((np.arange(2**L)[:, None] >> np.arange(L)) & 1) * 2 - 1
    intra = np.sum(rows * np.roll(rows, -1, axis=1), axis=1)
    inter = rows @ rows.T
    return intra, inter


class Ising2D:
    r"""The Ising model on the L x L periodic square lattice, :math:`E = -\sum s_i s_j`.

    Parameters
    ----------
    L : int
        Linear size, at least 2.
    K : number or sympy expression
        Dimensionless coupling :math:`\beta J` (K < 0: antiferromagnet, frustrated on odd L).  Exact K
        gives an exact brute-force Z.

    Raises
    ------
    InvalidInputError
        For a bad L or K.

    Examples
    --------
    >>> from mathml.statmech import Ising2D
    >>> Ising2D(2, 0)
    Ising2D(L=2, K=0)
    >>> Ising2D(3, 0).partition_function("brute")          # 2**9 states of weight 1
    512
    """

    def __init__(self, L: int, K: Any):
        self.L = _check_L(L)
        self.K = as_coupling("K", K)

    def __repr__(self) -> str:
        return f"Ising2D(L={self.L}, K={self.K})"

    def _repr_latex_(self) -> str:
        K = latex(self.K) if is_exact(self.K) else repr(self.K)
        return (
            rf"$Z = \sum_{{s \in \{{\pm1\}}^{{{self.L}\times{self.L}}}}} e^{{-K E(s)}},\ "
            rf"E = -\sum_{{\langle ij\rangle}} s_i s_j,\ K = {K}$"
        )

    def energy(self, s: Any) -> int:
        r"""The energy :math:`E = -\sum_{\langle ij\rangle} s_i s_j` of an L x L array of +-1 spins.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import Ising2D
        >>> Ising2D(3, 0.4).energy(np.ones((3, 3), dtype=int))
        -18
        """
        s = np.asarray(s)
        if s.shape != (self.L, self.L) or not np.all(np.isin(s, (-1, 1))):
            raise InvalidInputError(
                f"a configuration is an {self.L} x {self.L} array of -1/+1, got shape {s.shape}"
            )
        s = s.astype(np.int64)
        return -int(np.sum(s * np.roll(s, -1, axis=0)) + np.sum(s * np.roll(s, -1, axis=1)))

    # ---------------------------------------------------------------- partition function
    def partition_function(self, method: str = "kaufman", *, dps: int = 30) -> Any:
        r"""The partition function :math:`Z = \sum_s e^{-KE(s)}`.

        Parameters
        ----------
        method : {"kaufman", "transfer", "brute"}
            See the module docstring.  ``"brute"`` with an exact K returns an exact sympy number
            (for symbolic K, a sympy expression); otherwise the result is an mpmath number.
        dps : int
            Working precision in digits (``"transfer"`` above L = 6 is float64: about 13 digits).

        Returns
        -------
        sympy expression or mpmath.mpf

        Raises
        ------
        InvalidInputError
            For an unknown method, or a symbolic K with a numeric method.
        SizeLimitError
            Brute force above L = 5, transfer matrix above L = 10.

        Examples
        --------
        >>> import mpmath
        >>> from mathml.statmech import Ising2D
        >>> with mpmath.workdps(30):
        ...     a = Ising2D(3, 0.5).partition_function("kaufman")
        ...     b = Ising2D(3, 0.5).partition_function("transfer")
        >>> mpmath.nstr(a, 22), mpmath.nstr(b, 22)     # brief: 20437.98321384725570166
        ('20437.98321384725570166', '20437.98321384725570166')
        """
        if method not in _METHODS:
            raise InvalidInputError(f"method must be one of {_METHODS}, got {method!r}")
        dps = _check_dps(dps)
        if method == "brute" and is_exact(self.K):
            terms = [c * sp.exp(-self.K * E) for E, c in density_of_states(self.L).items()]
            if not self.K.free_symbols:  # e.g. K_c: powers of 1 + sqrt 2 reduce to a + b sqrt 2
                terms = [sp.expand(sp.radsimp(t)) for t in terms]
            return sp.Add(*terms)
        with mpmath.workdps(dps):
            return +mpmath.exp(self._log_z(method))

    def log_partition_function(self, method: str = "kaufman", *, dps: int = 30) -> Any:
        r""":math:`\ln Z` as an mpmath number (no overflow for any L with ``"kaufman"``).

        Examples
        --------
        >>> import mpmath
        >>> from mathml.statmech import Ising2D, K_C
        >>> with mpmath.workdps(20):
        ...     v = Ising2D(4, K_C).log_partition_function() / 16
        >>> mpmath.nstr(v, 16)                            # brief: ln Z(K_c)/16 = 0.9701197161722052
        '0.9701197161722052'
        >>> with mpmath.workdps(20):                      # 10^6 spins: Z ~ e^(9.3 * 10^5)
        ...     big = Ising2D(1000, K_C).log_partition_function() / 10**6
        >>> mpmath.nstr(big, 6)                           # approaches Onsager's 0.929695...
        '0.929696'
        """
        if method not in _METHODS:
            raise InvalidInputError(f"method must be one of {_METHODS}, got {method!r}")
        dps = _check_dps(dps)
        if method == "brute" and is_exact(self.K) and self.K.free_symbols:
            return sp.log(self.partition_function("brute"))
        with mpmath.workdps(dps):
            return +self._log_z(method)

    def _log_z(self, method: str) -> mpmath.mpf:
        with mpmath.workdps(mpmath.mp.dps + 10):
            K = _mpf(self.K)
            if method == "kaufman":
                return _kaufman_log(self.L, K)
            if method == "transfer":
                return self._transfer_log(K)
            g = density_of_states(self.L)
            terms = [mpmath.log(c) - K * E for E, c in g.items()]
            top = max(terms)
            return top + mpmath.log(mpmath.fsum(mpmath.exp(t - top) for t in terms))

    def _transfer_log(self, K: mpmath.mpf) -> mpmath.mpf:
        L = self.L
        if L > _MAX_TRANSFER:
            raise SizeLimitError(
                f"the transfer matrix has 2**L rows; L = {L} > {_MAX_TRANSFER}: use 'kaufman'"
            )
        intra, inter = _row_data(L)
        if L <= _MAX_ARB:
            from flint import arb, arb_mat, ctx

            old = ctx.prec
            ctx.prec = int(mpmath.mp.prec) + 20
            try:
                k = arb(mpmath.nstr(K, mpmath.mp.dps + 5))
                expo = {int(v): (k * int(v)).exp() for v in np.unique(np.add.outer(intra, intra) / 2 + inter)}
                n = 2**L
                T = arb_mat(
                    n,
                    n,
                    [
                        expo[int(intra[a] / 2 + intra[b] / 2 + inter[a, b])]
                        for a in range(n)
                        for b in range(n)
                    ],
                )
                P = T**L
                tr = sum((P[i, i] for i in range(n)), arb(0))
                mid = mpmath.mpf(tr.mid().str(radius=False, more=True, n=mpmath.mp.dps + 5))
            finally:
                ctx.prec = old
            return mpmath.log(mid)
        # float64: tr T^L from the matrix power of the rescaled (entrywise positive) T, a sum of
        # positive terms with no cancellation.  (Eigenvalues are not used: for odd L and K < 0 the
        # negative ones cancel the positive ones in sum(lambda^L).)
        expo = float(K) * (np.add.outer(intra, intra) / 2 + inter)
        top = float(np.max(expo))
        P = np.linalg.matrix_power(np.exp(expo - top), L)
        return mpmath.mpf(L * top + float(np.log(np.trace(P))))

    # ---------------------------------------------------------------- derived quantities
    def internal_energy(self, *, dps: int = 20) -> mpmath.mpf:
        r"""Energy per site :math:`u = -\partial_K \ln Z / L^2` on the finite torus (Kaufman, mpmath.diff).

        Examples
        --------
        >>> import mpmath
        >>> from mathml.statmech import Ising2D
        >>> with mpmath.workdps(20):
        ...     u = Ising2D(2, 0.5).internal_energy()
        >>> # independent: Z = 4 cosh 8K + 12 gives u = -8 sinh 4 / (4 cosh 4 + 12)
        >>> mpmath.nstr(u, 12)
        '-1.80082536285'
        """
        dps = _check_dps(dps)
        with mpmath.workdps(dps + 10):
            K = _mpf(self.K)
            d = mpmath.diff(lambda k: _kaufman_log(self.L, k), K)
            return +(-d / self.L**2)

    def specific_heat(self, *, dps: int = 20) -> mpmath.mpf:
        r"""Specific heat per site :math:`c = K^2\,\partial_K^2 \ln Z / L^2` (Kaufman, mpmath.diff).

        Examples
        --------
        >>> import mpmath
        >>> from mathml.statmech import Ising2D
        >>> with mpmath.workdps(20):
        ...     c = Ising2D(8, 0.44).specific_heat()
        >>> mpmath.nstr(c, 3)                   # near the finite-size peak (K = 0.42 gives 1.19)
        '1.15'
        """
        dps = _check_dps(dps)
        with mpmath.workdps(dps + 10):
            K = _mpf(self.K)
        # at low temperature d^2 ln Z / dK^2 ~ e^{-8|K|} is the difference of values ~ |K| L^2:
        # about 3.5 |K| digits cancel in the finite differences
        extra = 10 + int(4 * abs(K)) + int(mpmath.log10(self.L))
        if dps + extra > 5000:
            raise SizeLimitError(
                f"the finite-torus specific heat at |K| = {mpmath.nstr(abs(K), 6)} would need "
                f"{dps + extra} working digits (c ~ e^{{-8|K|}}); the limit is 5000"
            )
        with mpmath.workdps(dps + extra):
            d2 = mpmath.diff(lambda k: _kaufman_log(self.L, k), K, 2)
            out = K**2 * d2 / self.L**2
        with mpmath.workdps(dps):
            return +out

    def onsager_free_energy(self, *, dps: int = 30) -> mpmath.mpf:
        """Onsager's :math:`-\\beta f` at this K (the L -> infinity limit); see `onsager_free_energy`.

        Examples
        --------
        >>> import mpmath
        >>> from mathml.statmech import Ising2D
        >>> mpmath.nstr(Ising2D(4, 0.5).onsager_free_energy(dps=25), 22)   # brief S2
        '1.025792812694917575689'
        """
        return onsager_free_energy(self.K, dps=dps)

    def yang_magnetisation(self) -> Any:
        """Yang's spontaneous magnetisation at this K (L -> infinity); see `yang_magnetisation`.

        Examples
        --------
        >>> from mathml.statmech import Ising2D
        >>> round(Ising2D(4, 0.6).yang_magnetisation(), 15)        # brief: 0.973608667440300505509
        0.9736086674403
        """
        return yang_magnetisation(self.K)


def _kaufman_log(L: int, K: mpmath.mpf) -> mpmath.mpf:
    """ln Z of the L x L torus by Kaufman's formula at the current precision."""
    if L > _MAX_KAUFMAN:
        raise SizeLimitError(
            f"Kaufman's formula is evaluated for L <= {_MAX_KAUFMAN} (4L mpmath products), got L = {L}"
        )
    if K == 0:
        return L * L * mpmath.log(2)
    if K < 0 and L % 2 == 0:
        # even L: flipping one sublattice maps E to -E, so Z(-K) = Z(K)
        K = -K
    elif K < 0:
        # odd L (frustrated antiferromagnet): the four products at |K| recombine with the signs
        # (-, +, +, -) (continuation gamma_k(-K) = gamma_{L-k}(K) + i pi).  The signed sum cancels
        # (at most about 4 L |K| / ln 10 digits at low temperature): measure the loss at 25 extra
        # digits and redo the sum with enough digits when needed.
        dps = mpmath.mp.dps
        # a priori: two seams of interface tension sigma = 2|K| + ln tanh|K| (> 0 above K_c) cost
        # about 2 L sigma / ln 10 digits
        sigma = max(2 * abs(K) + mpmath.log(mpmath.tanh(abs(K))), 0)
        extra = int(2 * L * sigma / mpmath.log(10) + mpmath.log10(L * L * abs(K) + 1)) + 25
        for _ in range(3):
            if dps + extra > 20_000:
                raise SizeLimitError(
                    f"Kaufman's formula at K = {mpmath.nstr(K, 6)} < 0 on the odd {L} x {L} torus needs "
                    f"about {extra} extra digits (cancellation); the limit is 20000 working digits"
                )
            with mpmath.workdps(dps + extra):
                value, lost = _kaufman_terms(L, -K, (-1, 1, 1, -1), report=True)
            if lost is not None and lost < extra - 10:
                with mpmath.workdps(dps):
                    return +value
            extra = int(lost + 25) if lost is not None else 2 * extra + int(2 * L * abs(K))
        raise SizeLimitError(f"Kaufman's formula did not converge at L = {L}, K = {mpmath.nstr(K, 8)}")
    return _kaufman_terms(L, K, (1, 1, 1, 1))


def _kaufman_terms(L: int, K: mpmath.mpf, weights: tuple[int, int, int, int], report: bool = False) -> Any:
    """ln of (1/2)(2 sinh 2K)^{L^2/2} times the signed sum of the four Kaufman products (K > 0).

    With ``report=True`` return ``(value, lost)``: ``lost`` estimates the digits lost to cancellation
    (the sum relative to its largest term, plus the digits of the logarithms' size), None when the
    sum came out non-positive."""
    c2, s2 = mpmath.cosh(2 * K), mpmath.sinh(2 * K)
    base = c2 * c2 / s2

    def gamma(k: int) -> mpmath.mpf:
        if k == 0:
            return 2 * K + mpmath.log(mpmath.tanh(K))
        return mpmath.acosh(base - mpmath.cospi(mpmath.mpf(k) / L))

    odd = [L * gamma(2 * r + 1) / 2 for r in range(L)]
    even = [L * gamma(2 * r) / 2 for r in range(L)]
    # log of each product; sinh products may be negative (gamma_0 < 0 below K_c)
    logs, signs = [], []
    for xs in (odd, even):
        logs.append(mpmath.fsum(mpmath.log(2 * mpmath.cosh(x)) for x in xs))
        signs.append(1)
        sh = [2 * mpmath.sinh(x) for x in xs]
        if any(v == 0 for v in sh):
            logs.append(mpmath.mpf("-inf"))
            signs.append(0)
        else:
            logs.append(mpmath.fsum(mpmath.log(abs(v)) for v in sh))
            signs.append(1 if sum(v < 0 for v in sh) % 2 == 0 else -1)
    signs = [sg * wt for sg, wt in zip(signs, weights)]
    top = max(lg for lg, sg in zip(logs, signs) if sg)
    total = mpmath.fsum(sg * mpmath.exp(lg - top) for lg, sg in zip(logs, signs) if sg)
    if report and total <= 0:
        return None, None
    if total <= 0:
        raise SizeLimitError(
            f"Kaufman's formula lost all digits to cancellation at L = {L}, K = {mpmath.nstr(K, 8)}; "
            "raise dps"
        )
    value = -mpmath.log(2) + mpmath.mpf(L * L) / 2 * mpmath.log(2 * s2) + top + mpmath.log(total)
    if report:
        lost = float(-mpmath.log10(total) + mpmath.log10(max(abs(top), 1)))
        return value, lost
    return value


def _coupling_mp(K: Any, name: str = "K") -> mpmath.mpf:
    K = as_coupling(name, K)
    return _mpf(K)


def onsager_free_energy(K: Any, *, dps: int = 30) -> mpmath.mpf:
    r"""Onsager's free energy :math:`-\beta f(K)` per site of the infinite square lattice.

    Computed from the single-integral form (module docstring) with mpmath quadrature at ``dps``.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.statmech import onsager_free_energy, K_C
    >>> with mpmath.workdps(25):
    ...     v = onsager_free_energy(K_C, dps=25)
    ...     closed = mpmath.log(2) / 2 + 2 * mpmath.catalan / mpmath.pi
    >>> mpmath.nstr(v, 22), mpmath.nstr(closed, 22)        # brief S2: 0.9296953983416102149854
    ('0.9296953983416102149854', '0.9296953983416102149854')
    """
    dps = _check_dps(dps)
    with mpmath.workdps(dps + 10):
        K = _coupling_mp(K)
        c2, s2 = mpmath.cosh(2 * K), mpmath.sinh(2 * K)
        k2 = min((2 * s2 / c2**2) ** 2, mpmath.mpf(1))  # k <= 1; rounding at K_c must not exceed 1
        integral = mpmath.quad(
            lambda t: mpmath.log((1 + mpmath.sqrt(1 - k2 * mpmath.sin(t) ** 2)) / 2),
            [0, mpmath.pi / 4, mpmath.pi / 2],
        )
        return +(mpmath.log(2 * c2) + integral / mpmath.pi)


def onsager_internal_energy(K: Any, *, dps: int = 30) -> mpmath.mpf:
    r"""Energy per site :math:`u(K) = -\coth 2K\,[1 + \tfrac2\pi(2\tanh^2 2K - 1)\mathbf K(k)]`
    (infinite lattice).

    At :math:`K_c` the bracket's second term vanishes and :math:`u = -\sqrt2`.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.statmech import onsager_internal_energy, K_C
    >>> with mpmath.workdps(20):
    ...     u = onsager_internal_energy(K_C, dps=20)
    >>> mpmath.nstr(u, 15)                            # -sqrt(2), brief section 4
    '-1.41421356237310'
    """
    dps = _check_dps(dps)
    with mpmath.workdps(dps + 10):
        K = _coupling_mp(K)
    if K == 0:
        return mpmath.mpf(0)
    small = _small_K_digits(K)
    if small > dps + 20:  # high-temperature series: u = -2 tanh K (1 + O(K^2))
        with mpmath.workdps(dps):
            return +(-2 * mpmath.tanh(K))
    # the bracket cancels to O(K^2) at small K: 2 log10(1/|K|) extra digits
    with mpmath.workdps(dps + 10 + 2 * small):
        c2, s2, t2 = mpmath.cosh(2 * K), mpmath.sinh(2 * K), mpmath.tanh(2 * K)
        k = 2 * s2 / c2**2
        coth = 1 / t2
        if abs(k - 1) < mpmath.mpf(10) ** (-(dps + 5)):
            out = -coth
        else:
            out = -coth * (1 + 2 / mpmath.pi * (2 * t2**2 - 1) * mpmath.ellipk(k**2))
    with mpmath.workdps(dps):
        return +out


def _small_K_digits(K: mpmath.mpf) -> int:
    """ceil(log10(1/|K|)) for |K| < 1, else 0."""
    return max(0, int(mpmath.ceil(-mpmath.log10(abs(K))))) if abs(K) < 1 else 0


def onsager_specific_heat(K: Any, *, dps: int = 20) -> mpmath.mpf:
    r"""Specific heat per site :math:`c = -K^2\,du/dK` of the infinite lattice (log-divergent at :math:`K_c`).

    The derivative of `onsager_internal_energy` is taken analytically (chain rule with
    :math:`d\mathbf K/dm = (\mathbf E - (1 - m)\mathbf K)/(2m(1 - m))`, :math:`m = k^2`), so the result
    carries ``dps`` digits; near :math:`K_c` it grows like :math:`\tfrac{8K_c^2}{\pi}\ln\frac{1}{|K - K_c|}`.

    Raises
    ------
    DomainError
        At :math:`K = K_c` (to working precision), where c is infinite.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.statmech import onsager_specific_heat
    >>> with mpmath.workdps(20):
    ...     c = onsager_specific_heat(0.3, dps=20)
    >>> mpmath.nstr(c, 15)        # independent: -K^2 du/dK by central differences, 40 digits
    '0.286290202872046'
    """
    dps = _check_dps(dps)
    with mpmath.workdps(dps + 15):
        K = _coupling_mp(K)
    if K == 0:
        return mpmath.mpf(0)
    small = _small_K_digits(K)
    if small > dps + 20:  # high-temperature series: c = 2 K^2 sech^2 K (1 + O(K^2))
        with mpmath.workdps(dps):
            return +(2 * K**2 / mpmath.cosh(K) ** 2)
    # cancellations: O(K^2) at small K; at low temperature E - (1 - m)K ~ m ~ 16 e^{-4|K|} and
    # du ~ e^{-8|K|} from terms ~ e^{-4|K|}: about 3.5 |K| digits
    extra = 15 + 2 * small + int(4 * abs(K))
    if dps + extra > 20_000:
        raise SizeLimitError(
            f"onsager_specific_heat at |K| = {mpmath.nstr(abs(K), 6)} would need {dps + extra} working "
            "digits (c ~ e^{-8|K|}); the limit is 20000"
        )
    with mpmath.workdps(dps + extra):
        c2, s2, t = mpmath.cosh(2 * K), mpmath.sinh(2 * K), mpmath.tanh(2 * K)
        k = 2 * s2 / c2**2
        m = k * k
        if abs(1 - m) < mpmath.mpf(10) ** (-(dps + 5)):
            raise DomainError(
                f"the specific heat diverges (logarithmically) at K_c; got K = {mpmath.nstr(K, 15)}"
            )
        Kk, Ek = mpmath.ellipk(m), mpmath.ellipe(m)
        A = 2 * t * t - 1
        dC = -2 / s2**2  # d coth(2K)/dK
        dA = 8 * t / c2**2  # 8 t (1 - t^2) without cancellation
        dm = 2 * k * 4 * (c2**2 - 2 * s2**2) / c2**3
        dKk = (Ek - (1 - m) * Kk) / (2 * m * (1 - m))
        du = -dC * (1 + 2 / mpmath.pi * A * Kk) - (1 / t) * 2 / mpmath.pi * (dA * Kk + A * dKk * dm)
    with mpmath.workdps(dps):
        return +(-(K**2) * du)


def yang_magnetisation(K: Any) -> Any:
    r"""Yang's spontaneous magnetisation :math:`M = (1 - \sinh^{-4} 2K)^{1/8}` for :math:`K > K_c`, else 0.

    Exact K gives a sympy number (a symbolic K gives the formula valid for :math:`K > K_c`);
    floats give a float, mpmath numbers an mpf.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.statmech import yang_magnetisation
    >>> round(yang_magnetisation(0.5), 15)           # brief S3: 0.91131937787749597752
    0.911319377877496
    >>> yang_magnetisation(sp.Rational(1, 5))
    0
    """
    K = as_coupling("K", K)
    if is_exact(K):
        expr = (1 - sp.sinh(2 * K) ** -4) ** sp.Rational(1, 8)
        if K.free_symbols:
            return expr
        excess = sp.simplify((sp.sinh(2 * K) - 1).rewrite(sp.exp))
        positive = excess.is_positive
        if positive is None:  # undecided symbolically: decide numerically (exact zero is caught above)
            positive = bool(sp.N(excess, 50) > 0)
        return expr if positive else sp.Integer(0)
    if isinstance(K, mpmath.mpf):
        s = mpmath.sinh(2 * K)
        return (1 - s**-4) ** (mpmath.mpf(1) / 8) if s > 1 else mpmath.mpf(0)
    with np.errstate(over="ignore"):
        s = float(np.sinh(2 * K))
    return float((1 - s**-4) ** 0.125) if s > 1 else 0.0
