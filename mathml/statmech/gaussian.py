r"""The Gaussian deep Boltzmann machine: exact marginals as a chain of Schur complements.

Layers :math:`h^{(0)} = v` (the boundary source J), :math:`h^{(1)}, \dots, h^{(L)}` with real units and

.. math:: E(v, h) = \tfrac12\sum_{k=0}^{L} h^{(k)T}P_kh^{(k)} - \sum_{k=0}^{L-1}h^{(k)T}W_kh^{(k+1)}.

Integrating out the layers from the deepest one up gives the Schur-complement chain

.. math:: S_L = P_L,\qquad S_k = P_k - W_kS_{k+1}^{-1}W_k^T\quad(k = L - 1, \dots, 0),

so the marginal of v has precision :math:`S_0`, the hidden block has
:math:`\det Q_{hh} = \prod_{k\ge1}\det S_k`, and

.. math:: Z[J] = \int dh\,e^{-E(J, h)} = (2\pi)^{n_h/2}\prod_{k\ge1}(\det S_k)^{-1/2}\,e^{-\frac12J^TS_0J},

while the saddle point :math:`h^*(J)` of E gives :math:`E(J, h^*) = \tfrac12J^TS_0J`.  This is the
AdS/DBM dictionary of Hashimoto's talk made exact for Gaussian units (depth k = bulk coordinate,
J = boundary source): :math:`Z[J] = e^{-E(J, h^*)}` up to the J-independent determinant, so
":math:`Z = e^{-S_{grav}}`" holds for ratios :math:`Z[J]/Z[0]` and is the saddle-point (classical)
evaluation, not an identity for Z itself.

Exact in, exact out: sympy matrices (or rationals) give exact sympy results; floats use numpy.

Examples
--------
>>> import sympy as sp
>>> from mathml.statmech import GaussianDBM
>>> p0, p1, p2, w0, w1 = sp.symbols('p0 p1 p2 w0 w1', positive=True)
>>> g = GaussianDBM([p0, p1, p2], [w0, w1])
>>> sp.simplify(g.marginal_precision()[0, 0] - (p0 - w0**2 / (p1 - w1**2 / p2)))
0
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import sympy as sp

from ..core.errors import DomainError, InvalidInputError, ShapeMismatchError
from ..core.latex import latex

__all__ = ["GaussianDBM"]


def _refuse_strings(x: Any, name: str) -> None:
    """Strings are never parsed here (house rule): refuse them, also inside lists."""
    nested = isinstance(x, (list, tuple, np.ndarray)) and any(
        isinstance(e, (str, bytes)) for e in np.ravel(np.asarray(x, dtype=object))
    )
    if isinstance(x, (str, bytes)) or nested:
        raise InvalidInputError(
            f"{name} must be numbers or sympy expressions, not strings (use mathml.parse_expr)"
        )


def _as_matrix(x: Any, name: str, exact: bool) -> Any:
    _refuse_strings(x, name)
    if exact:
        if isinstance(x, sp.MatrixBase):
            return sp.Matrix(x)
        if isinstance(x, (sp.Basic, int, np.integer, Fraction)):
            return sp.Matrix([[sp.nsimplify(x) if isinstance(x, Fraction) else sp.sympify(x)]])
        return sp.Matrix(x).applyfunc(
            lambda e: sp.Rational(e.numerator, e.denominator) if isinstance(e, Fraction) else sp.sympify(e)
        )
    try:
        arr = np.atleast_2d(np.asarray(x, dtype=float))
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a real matrix (or a scalar for a one-unit layer)") from exc
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} must be finite")
    return arr


def _is_exact_input(x: Any) -> bool:
    """Exact unless a float appears: ints, Fractions and sympy objects are exact."""
    if isinstance(x, sp.MatrixBase):
        return not any(isinstance(e, sp.Float) for e in x)
    if isinstance(x, sp.Basic):
        return not x.has(sp.Float)
    if isinstance(x, np.ndarray):
        return x.dtype.kind in "iu" or (x.dtype == object and all(_is_exact_input(e) for e in x.ravel()))
    if isinstance(x, (list, tuple)):
        return all(_is_exact_input(y) for y in x)
    return isinstance(x, (int, np.integer, Fraction)) and not isinstance(x, bool)


class GaussianDBM:
    r"""A Gaussian DBM with layer precisions ``P_k`` and inter-layer couplings ``W_k`` (module docstring).

    Parameters
    ----------
    precisions : sequence
        ``P_0, ..., P_L``: symmetric matrices (or scalars for one-unit layers).
    couplings : sequence
        ``W_0, ..., W_{L-1}``, ``W_k`` of shape ``(n_k, n_{k+1})``.

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        For a wrong number of couplings or inconsistent shapes.

    Examples
    --------
    >>> from mathml.statmech import GaussianDBM
    >>> GaussianDBM([2.0, 2.0], [1.0])
    GaussianDBM(layers=[1, 1])
    """

    def __init__(self, precisions: Sequence[Any], couplings: Sequence[Any]):
        if isinstance(precisions, (str, bytes)) or len(precisions) < 2:
            raise InvalidInputError("need at least two layers (visible + one hidden)")
        if len(couplings) != len(precisions) - 1:
            raise InvalidInputError(
                f"need {len(precisions) - 1} couplings for {len(precisions)} layers, got {len(couplings)}"
            )
        self.exact = _is_exact_input(list(precisions) + list(couplings))
        self.P = [_as_matrix(p, f"precisions[{k}]", self.exact) for k, p in enumerate(precisions)]
        self.W = [_as_matrix(w, f"couplings[{k}]", self.exact) for k, w in enumerate(couplings)]
        for k, p in enumerate(self.P):
            if p.shape[0] != p.shape[1]:
                raise ShapeMismatchError(f"precisions[{k}] must be square, got shape {p.shape}")
        for k, w in enumerate(self.W):
            if w.shape != (self.P[k].shape[0], self.P[k + 1].shape[0]):
                raise ShapeMismatchError(
                    f"couplings[{k}] must have shape {(self.P[k].shape[0], self.P[k + 1].shape[0])}, "
                    f"got {w.shape}"
                )
        self.layers = [p.shape[0] for p in self.P]

    def __repr__(self) -> str:
        return f"GaussianDBM(layers={self.layers})"

    def _repr_latex_(self) -> str:
        return (
            r"$E = \tfrac12\sum_{k=0}^{%d} h^{(k)T}P_kh^{(k)} - \sum_{k=0}^{%d} h^{(k)T}W_kh^{(k+1)},"
            r"\ h^{(0)} = v$" % (len(self.P) - 1, len(self.P) - 2)
        )

    def _inv(self, m: Any) -> Any:
        return m.inv() if self.exact else np.linalg.inv(m)

    def _det(self, m: Any) -> Any:
        return m.det() if self.exact else float(np.linalg.det(m))

    def schur_chain(self) -> list[Any]:
        r"""The Schur complements :math:`[S_0, S_1, \dots, S_L]` (module docstring).

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> [s[0, 0] for s in g.schur_chain()]                   # S_2 = 2, S_1 = 3 - 1/2, S_0 = 2 - 2/5
        [8/5, 5/2, 2]
        """
        S = [None] * len(self.P)
        S[-1] = self.P[-1]
        for k in range(len(self.P) - 2, -1, -1):
            S[k] = (
                self.P[k] - self.W[k] * self._inv(S[k + 1]) * self.W[k].T
                if self.exact
                else self.P[k] - self.W[k] @ self._inv(S[k + 1]) @ self.W[k].T
            )
            if self.exact:
                S[k] = S[k].applyfunc(sp.cancel)
        return S

    def marginal_precision(self) -> Any:
        """The precision :math:`S_0` of the marginal distribution of v.

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.marginal_precision()
        Matrix([[8/5]])
        """
        return self.schur_chain()[0]

    def full_precision(self) -> Any:
        """The block-tridiagonal precision Q of all units (E = x^T Q x / 2).

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.full_precision()
        Matrix([
        [ 2, -1,  0],
        [-1,  3, -1],
        [ 0, -1,  2]])
        """
        n = sum(self.layers)
        off = np.cumsum([0] + self.layers)
        Q = sp.zeros(n, n) if self.exact else np.zeros((n, n))
        for k, p in enumerate(self.P):
            Q[off[k] : off[k + 1], off[k] : off[k + 1]] = p
        for k, w in enumerate(self.W):
            Q[off[k] : off[k + 1], off[k + 1] : off[k + 2]] = -w
            Q[off[k + 1] : off[k + 2], off[k] : off[k + 1]] = -w.T
        return Q

    def _source(self, J: Any) -> Any:
        n0 = self.layers[0]
        _refuse_strings(J, "J")
        if self.exact:
            if isinstance(J, (sp.MatrixBase, list, tuple, np.ndarray)):
                J = sp.Matrix(J)
            else:
                J = sp.Matrix(
                    [sp.Rational(J.numerator, J.denominator) if isinstance(J, Fraction) else sp.sympify(J)]
                )
        else:
            J = np.atleast_1d(np.asarray(J, dtype=float)).reshape(-1, 1)
        if J.shape != (n0, 1):
            raise ShapeMismatchError(f"J must have {n0} components")
        return J

    def saddle(self, J: Any) -> Any:
        r"""The minimiser :math:`h^*(J)` of :math:`E(J, h)` (all hidden layers stacked).

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.saddle(1).T                                            # Q_hh h = (J, 0)
        Matrix([[2/5, 1/5]])
        """
        J = self._source(J)
        Q = self.full_precision()
        n0 = self.layers[0]
        Qhh = Q[n0:, n0:]
        b = -Q[n0:, :n0] * J if self.exact else -Q[n0:, :n0] @ J
        return (Qhh.LUsolve(b).applyfunc(sp.cancel)) if self.exact else np.linalg.solve(Qhh, b)

    def energy(self, J: Any, h: Any) -> Any:
        """The energy E(v = J, h) for stacked hidden values h.

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.energy(1, [0, 0])                                     # p_0 J^2 / 2
        1
        """
        J = self._source(J)
        x = (
            J.col_join(sp.Matrix(h))
            if self.exact
            else np.vstack([J, np.asarray(h, dtype=float).reshape(-1, 1)])
        )
        Q = self.full_precision()
        return sp.cancel((x.T * Q * x)[0, 0] / 2) if self.exact else float((x.T @ Q @ x)[0, 0] / 2)

    def saddle_energy(self, J: Any) -> Any:
        r""":math:`E(J, h^*(J)) = \tfrac12 J^TS_0J` (the "classical action").

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.saddle_energy(1), g.energy(1, list(g.saddle(1)))
        (4/5, 4/5)
        """
        J = self._source(J)
        S0 = self.marginal_precision()
        return sp.cancel((J.T * S0 * J)[0, 0] / 2) if self.exact else float((J.T @ S0 @ J)[0, 0] / 2)

    def log_partition_function(self, J: Any) -> Any:
        r""":math:`\ln Z[J] = \ln\int dh\, e^{-E(J, h)}` exactly (needs positive-definite hidden blocks).

        Raises
        ------
        DomainError
            When a hidden Schur complement is not positive definite (the integral diverges).

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.log_partition_function(1)                  # = ln(2 pi) - ln(5)/2 - 4/5
        -4/5 - log(5/2)/2 - log(2)/2 + log(2*pi)
        """
        S = self.schur_chain()
        n_h = sum(self.layers[1:])
        lib = sp if self.exact else np
        for k, s in enumerate(S[1:], start=1):
            pd = s.is_positive_definite if self.exact else bool(np.all(np.linalg.eigvalsh((s + s.T) / 2) > 0))
            if pd is False:
                raise DomainError(
                    f"the Schur complement S_{k} of the hidden precision is not positive definite: "
                    "the Gaussian integral over h diverges"
                )
        logdet = sum(lib.log(self._det(s)) for s in S[1:])
        out = sp.Rational(n_h, 2) * sp.log(2 * sp.pi) if self.exact else n_h / 2 * np.log(2 * np.pi)
        return out - logdet / 2 - self.saddle_energy(J)

    def latex_chain(self) -> str:
        """The Schur chain as LaTeX (exact models).

        Examples
        --------
        >>> from mathml.statmech import GaussianDBM
        >>> g = GaussianDBM([2, 3, 2], [1, 1])
        >>> g.latex_chain().count("S_"), "frac{8}{5}" in g.latex_chain()
        (3, True)
        """
        if not self.exact:
            raise InvalidInputError("latex_chain needs an exact (sympy) model")
        return r",\ ".join(f"S_{k} = {latex(s)}" for k, s in enumerate(self.schur_chain()))
