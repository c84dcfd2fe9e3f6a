r"""Variational renormalisation group and its exact RBM realisation (Mehta-Schwab, arXiv:1410.3831).

Kadanoff's variational RG couples the fine spins v to coarse spins h through an operator
:math:`T_\lambda(v, h)` and defines
:math:`e^{-H^{RG}_\lambda[h]} = \operatorname{Tr}_v e^{T_\lambda(v, h) - H[v]}`.  Then
:math:`Z^{RG} = \operatorname{Tr}_h e^{-H^{RG}}
= \operatorname{Tr}_v e^{-H[v]}\operatorname{Tr}_h e^{T_\lambda}`, so the free energy is preserved
exactly when :math:`\operatorname{Tr}_h e^{T_\lambda(v, h)} = 1` for every v.
With an RBM :math:`E(v, h)` and :math:`T = -E + H`, the condition says that the RBM's marginal on
v is the Boltzmann weight :math:`e^{-H}`, and then :math:`H^{RG}` is the RBM's hidden free energy.

`mehta_schwab_1d` realises decimation of the periodic chain :math:`-H = K\sum v_iv_{i+1}` by an RBM
with ±1 units: hidden unit :math:`h_j` (the kept spin) couples to :math:`v_{2j}` with weight w and to
:math:`v_{2j\pm1}` with weight K.  Summing the visible layer exactly,

.. math:: \sum_v e^{-E(v, h)} = (2\cosh w)^{N/2} A^{N/2} e^{K'\sum_j h_jh_{j+1}},\qquad
          K' = \tfrac12\ln\cosh 2K,\ A = 2\sqrt{\cosh 2K},

for every w: the hidden marginal is the decimated chain.  With :math:`T = -E + H - \tfrac N2 w`,
:math:`\ln\operatorname{Tr}_h e^{T} = \sum_j \ln(1 + e^{-2(w + v_{2j}K(v_{2j-1} + v_{2j+1}))})`, between 0 and
:math:`\tfrac N2\ln(1 + e^{-2(w - 2K)})`: the exactness condition holds in the limit
:math:`w \to \infty` (where :math:`h_j = v_{2j}`: decimation), with :math:`Z^{RG} = (1 + e^{-2w})^{N/2} Z`.

Examples
--------
>>> from mathml.statmech import mehta_schwab_1d
>>> ms = mehta_schwab_1d(0.7, N=8, w=12.0)
>>> rg = ms.variational_rg()
>>> # float64; the defect is at most (N/2) ln(1 + e^{-2(w - 2K)})
>>> f"{rg.exactness_defect:.4e}", f"{ms.defect_bound():.4e}"
('2.4832e-09', '2.4832e-09')
>>> f"{rg.log_Z_rg - rg.log_Z:.3e}"                 # (N/2) ln(1 + e^{-2w}) = 1.510e-10
'1.510e-10'
>>> round(ms.coupling, 15)                           # brief S5: 0.382942822864013044860
0.382942822864013
"""

from __future__ import annotations

from dataclasses import dataclass
from numbers import Integral
from typing import Any, Callable

import numpy as np

from ..core.errors import InvalidInputError, ShapeMismatchError
from .configs import _check_n, _check_real, check_units, configurations, logsumexp
from .ising1d import IsingChain, decimation_coupling
from .rbm import RBM

__all__ = ["VariationalRG", "variational_rg", "MehtaSchwab1D", "mehta_schwab_1d"]

_MAX = 20


@dataclass(frozen=True)
class VariationalRG:
    r"""The outcome of `variational_rg` (float64).

    Attributes
    ----------
    H_rg : numpy.ndarray
        :math:`H^{RG}[h]` over the :math:`2^{n_h}` coarse states.
    log_trace : numpy.ndarray
        :math:`\ln\operatorname{Tr}_h e^{T(v, h)}` over the :math:`2^{n_v}` fine states (0 when exact).
    log_Z, log_Z_rg : float
        :math:`\ln\operatorname{Tr}_v e^{-H}` and :math:`\ln\operatorname{Tr}_h e^{-H^{RG}}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import variational_rg
    >>> rg = variational_rg(np.full((4, 2), np.log(0.5)), np.zeros(4), 2, 1)    # T = ln(1/2): exact
    >>> rg.is_exact(), round(rg.log_Z, 12) == round(rg.log_Z_rg, 12)
    (True, True)
    """

    H_rg: np.ndarray
    log_trace: np.ndarray
    log_Z: float
    log_Z_rg: float

    @property
    def exactness_defect(self) -> float:
        r""":math:`\max_v |\ln\operatorname{Tr}_h e^{T(v, h)}|` (0 for an exact RG step)."""
        return float(np.max(np.abs(self.log_trace)))

    def is_exact(self, tol: float = 1e-12) -> bool:
        """True when the exactness condition holds to ``tol`` at every fine state.

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> rg = mehta_schwab_1d(0.5, N=4, w=30.0).variational_rg()
        >>> rg.is_exact(1e-20), rg.is_exact(1e-12)        # defect 2 ln(1 + e^{-58}) ~ 1.3e-25 (float64)
        (True, True)
        """
        return self.exactness_defect <= tol

    def __repr__(self) -> str:
        return (
            f"VariationalRG(n_h_states={len(self.H_rg)}, log_Z={self.log_Z:.12g}, "
            f"log_Z_rg={self.log_Z_rg:.12g}, defect={self.exactness_defect:.3g})"
        )

    def _repr_latex_(self) -> str:
        return r"$\ln Z = %.12g,\ \ln Z^{RG} = %.12g,\ \max_v|\ln\operatorname{Tr}_h e^{T}| = %.3g$" % (
            self.log_Z,
            self.log_Z_rg,
            self.exactness_defect,
        )


def _table(f: Any, shape: tuple[int, ...], args: tuple[np.ndarray, ...], name: str) -> np.ndarray:
    if callable(f):
        try:
            if len(args) == 2:
                V, Hh = args
                vv = np.repeat(V, len(Hh), axis=0)
                hh = np.tile(Hh, (len(V), 1))
                out = np.asarray(f(vv, hh), dtype=float).reshape(shape)
            else:
                out = np.asarray(f(args[0]), dtype=float).reshape(shape)
        except (TypeError, ValueError) as exc:
            sig = "T(v, h) on row-stacked (M, n_v), (M, n_h) arrays" if len(args) == 2 else "H(v) on (M, n_v) rows"
            raise InvalidInputError(f"{name} must be {sig}, returning M real values ({exc})") from exc
    else:
        out = np.asarray(f, dtype=float)
        if out.shape != shape:
            raise ShapeMismatchError(
                f"{name} must have shape {shape} (states in configurations() order), got {out.shape}"
            )
    if np.any(np.isnan(out)) or np.any(out == np.inf):
        raise InvalidInputError(f"{name} must not contain NaN or +inf (-inf in T means a forbidden pair)")
    return out


def variational_rg(
    T: Callable | Any, H: Callable | Any, n_v: int, n_h: int, *, units: str = "spin"
) -> VariationalRG:
    r"""One variational RG step :math:`e^{-H^{RG}[h]} = \operatorname{Tr}_v e^{T(v, h) - H[v]}` by
    enumeration.

    Parameters
    ----------
    T : callable or array
        ``T(v, h)`` on row-stacked configurations (shapes ``(M, n_v)``, ``(M, n_h)``) returning M
        values, or an array of shape ``(2**n_v, 2**n_h)``.
    H : callable or array
        ``H(v)`` on rows, or an array of shape ``(2**n_v,)``.
    n_v, n_h : int
        Numbers of fine and coarse units (each at most 20).
    units : {"spin", "binary"}

    Returns
    -------
    VariationalRG

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import variational_rg
    >>> # decimation of a 4-spin ring onto spins 0 and 2: T = 0 if h = (v0, v2), else -inf
    >>> T = lambda v, h: np.where((v[:, 0] == h[:, 0]) & (v[:, 2] == h[:, 1]), 0.0, -np.inf)
    >>> H = lambda v: -0.5 * np.sum(v * np.roll(v, -1, axis=1), axis=1)
    >>> rg = variational_rg(T, H, 4, 2)
    >>> rg.is_exact(), round(rg.log_Z - rg.log_Z_rg, 12)
    (True, 0.0)
    """
    check_units(units)
    n_v, n_h = _check_n(n_v, _MAX), _check_n(n_h, _MAX)
    if n_v + n_h > 24:
        raise InvalidInputError(
            f"n_v + n_h = {n_v + n_h} exceeds 24 (the joint table has 2**(n_v + n_h) entries)"
        )
    V = configurations(n_v, units).astype(float)
    Hh = configurations(n_h, units).astype(float)
    Tt = _table(T, (2**n_v, 2**n_h), (V, Hh), "T")
    Hv = _table(H, (2**n_v,), (V,), "H")
    H_rg = -logsumexp(Tt - Hv[:, None], axis=0)
    log_trace = logsumexp(Tt, axis=1)
    return VariationalRG(
        H_rg=H_rg, log_trace=log_trace, log_Z=float(logsumexp(-Hv)), log_Z_rg=float(logsumexp(-H_rg))
    )


class MehtaSchwab1D:
    r"""The RBM realisation of 1D decimation (module docstring), ``N`` visible and ``N/2`` hidden ±1 units.

    Use `mehta_schwab_1d` to build it.

    Attributes
    ----------
    K, w : float
        Chain coupling and the weight tying :math:`h_j` to :math:`v_{2j}`.
    N : int
        Number of visible spins (even, periodic).
    rbm : RBM
        The machine (``units="spin"``, zero biases).

    Examples
    --------
    >>> from mathml.statmech import mehta_schwab_1d
    >>> mehta_schwab_1d(0.7, N=6, w=8.0)
    MehtaSchwab1D(K=0.7, N=6, w=8.0)
    """

    def __init__(self, K: float, N: int, w: float):
        self.K, self.N, self.w = K, N, w
        W = np.zeros((N, N // 2))
        for j in range(N // 2):
            W[2 * j, j] = w
            W[(2 * j - 1) % N, j] += K
            W[(2 * j + 1) % N, j] += K
        self.rbm = RBM(W, units="spin")

    def __repr__(self) -> str:
        return f"MehtaSchwab1D(K={self.K}, N={self.N}, w={self.w})"

    def _repr_latex_(self) -> str:
        return (
            r"$E(v, h) = -\sum_{j=1}^{%d} h_j\big(%s\,v_{2j} + %s\,(v_{2j-1} + v_{2j+1})\big),\quad "
            r"K' = \tfrac12\ln\cosh 2K$" % (self.N // 2, repr(self.w), repr(self.K))
        )

    @property
    def coupling(self) -> float:
        r"""The decimated coupling :math:`K' = \tfrac12\ln\cosh 2K` of the hidden marginal.

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> round(ms.coupling, 15)                        # (1/2) ln cosh 1
        0.216890415241514
        """
        return decimation_coupling(self.K)

    def chain(self) -> IsingChain:
        """The fine chain :math:`-H = K\\sum v_iv_{i+1}` (periodic, N spins).

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> ms.chain()
        IsingChain(N=4, K=0.5, h=0.0, pbc=True)
        """
        return IsingChain(self.N, self.K)

    def hidden_chain(self) -> IsingChain:
        """The decimated chain (N/2 spins, coupling K') that the hidden marginal equals.

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> ms.hidden_chain().N
        2
        """
        return IsingChain(self.N // 2, self.coupling)

    def H(self, v: np.ndarray) -> np.ndarray:
        """The chain energy :math:`H[v] = -K\\sum v_iv_{i+1}` on rows.

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> float(ms.H([1, 1, 1, 1]))
        -2.0
        """
        v = np.asarray(v, dtype=float)
        return -self.K * np.sum(v * np.roll(v, -1, axis=-1), axis=-1)

    def T(self, v: np.ndarray, h: np.ndarray) -> np.ndarray:
        r"""The RG operator :math:`T = -E(v, h) + H[v] - \tfrac N2 w` on rows.

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> float(ms.T([1, 1, 1, 1], [1, 1]))      # h_j = v_{2j}: T = 0 (ln 1)
        0.0
        """
        return -self.rbm.energy(v, h) + self.H(v) - self.N // 2 * self.w

    def defect_bound(self) -> float:
        r"""The bound :math:`\tfrac N2\ln(1 + e^{-2(w - 2K)})` on :math:`|\ln\operatorname{Tr}_h e^{T}|`.

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> f"{ms.defect_bound():.6e}"                   # 2 ln(1 + e^{-18})
        '3.045996e-08'
        """
        return float(self.N // 2 * np.log1p(np.exp(-2 * (self.w - 2 * abs(self.K)))))

    def variational_rg(self) -> VariationalRG:
        """The RG step by enumeration (N <= 16).

        Examples
        --------
        >>> from mathml.statmech import mehta_schwab_1d
        >>> ms = mehta_schwab_1d(0.5, N=4, w=10.0)
        >>> rg = ms.variational_rg()
        >>> f"{rg.exactness_defect:.6e}"                  # the worst v saturates the bound
        '3.045996e-08'
        """
        return variational_rg(self.T, self.H, self.N, self.N // 2)


def mehta_schwab_1d(K: Any, N: int = 8, w: Any = 12.0) -> MehtaSchwab1D:
    r"""The RBM that realises decimation of the periodic Ising chain exactly (module docstring).

    Parameters
    ----------
    K : float
        Chain coupling.
    N : int
        Number of fine spins: even, at least 4.
    w : float
        Weight between :math:`h_j` and :math:`v_{2j}`; the exactness condition holds to
        :math:`\tfrac N2\ln(1 + e^{-2(w - 2|K|)})` and exactly as :math:`w \to \infty`.

    Returns
    -------
    MehtaSchwab1D

    Raises
    ------
    InvalidInputError
        For an odd or too small N, or non-finite K, w.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import mehta_schwab_1d, configurations
    >>> ms = mehta_schwab_1d(0.5, N=6, w=3.0)
    >>> h = configurations(3, "spin")
    >>> F = ms.rbm.hidden_free_energy(h)                      # -ln sum_v e^{-E(v, h)}
    >>> ref = -ms.coupling * np.sum(h * np.roll(h, -1, axis=1), axis=1)
    >>> float(np.ptp(F - ref)) < 1e-12                        # equal up to a constant, at any w
    True
    """
    K, w = _check_real("K", K), _check_real("w", w)
    if isinstance(N, bool) or not isinstance(N, Integral) or N < 4 or N % 2 or N > 4096:
        raise InvalidInputError(f"N must be an even integer in [4, 4096], got {N!r}")
    return MehtaSchwab1D(K, int(N), w)
