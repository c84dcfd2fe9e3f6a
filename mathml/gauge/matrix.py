"""The matrix (non-abelian) linear neural ODE x' = W(t) x + b(t), x in R^n.

Active gauge transformations x~ = G(t) x give W~ = G W G^{-1} + G' G^{-1}, b~ = G b and
U~(t, s) = G(t) U(t, s) G(s)^{-1}; with G(0) = G(T) = 1 the flow map is unchanged, and with
G(0) = G(T) = G0 the Wilson-loop data tr U and det U are (brief 1.5).

Examples
--------
>>> from mathml.gauge import MatrixNODE
>>> node = MatrixNODE(2)
>>> node.W.shape, node.b.shape
((2, 2), (2, 1))
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import flint
import mpmath
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError, ShapeMismatchError
from ..core.evaluation import compile_mp
from . import _spectral
from ..core.latex import latex as _latex
from ._common import T_DEFAULT, align_time, as_expr, time_symbol
from .flow import _check_int, _check_T, _draw

__all__ = ["MatrixNODE", "MatrixGaugeTransformation", "loop_invariants", "magnus_error_order"]


def _as_matrix(value: Any, shape: tuple, what: str) -> sp.Matrix:
    if isinstance(value, (str, bytes)):
        raise InvalidInputError(f"{what} must be a sympy Matrix or nested list, got a string")
    try:
        M = sp.Matrix(value)
    except Exception as exc:  # noqa: BLE001 - sympy raises many types here
        raise InvalidInputError(f"{what} must be a sympy Matrix or nested list: {exc}") from None
    if M.shape != shape:
        raise ShapeMismatchError(f"{what} must have shape {shape}, got {M.shape}")
    return M


@dataclass(frozen=True)
class MatrixNODE:
    """x' = W(t) x + b(t) with an n x n matrix W and an n-vector b (default: undefined functions).

    Parameters
    ----------
    n : int
        State dimension (1 to 50).
    W : matrix, optional
        n x n weight matrix in t (default: undefined functions W_ij(t)).
    b : vector, optional
        n-vector bias in t (default: undefined functions b_i(t)).
    t : sympy.Symbol, optional
        Time symbol; inferred from W and b when omitted (users own their symbols).

    Examples
    --------
    >>> import sympy as sp
    >>> node = MatrixNODE(2)
    >>> node.W[0, 1]
    W_01(t)
    """

    n: int = 2
    W: Any = None
    b: Any = None
    t: Any = None

    def __post_init__(self) -> None:
        n = _check_int("n", self.n, 1, 50)
        W0 = None if self.W is None else _as_matrix(self.W, (n, n), "W")
        b0 = None if self.b is None else _as_matrix(self.b, (n, 1), "b")
        t = time_symbol([m for m in (W0, b0) if m is not None], self.t)
        W = sp.Matrix(n, n, lambda i, j: sp.Function(f"W_{i}{j}")(t)) if W0 is None else align_time(W0, t)
        b = sp.Matrix(n, 1, lambda i, j: sp.Function(f"b_{i}")(t)) if b0 is None else align_time(b0, t)
        for name, value in (("n", n), ("t", t), ("W", sp.ImmutableMatrix(W)), ("b", sp.ImmutableMatrix(b))):
            object.__setattr__(self, name, value)

    def __repr__(self) -> str:
        return f"MatrixNODE(n={self.n}, W={sp.sstr(self.W)[:150]}, b={sp.sstr(self.b)[:80]}, t={self.t})"

    def rhs(self, x: sp.Matrix) -> sp.Matrix:
        """The vector field ``W x + b``.

        Parameters
        ----------
        x : sympy Matrix (n, 1)

        Returns
        -------
        sympy.Matrix
        """
        return self.W * x + self.b

    def acceleration(self, x: Any = None) -> sp.Matrix:
        """x'' = (W' + W^2) x + (b' + W b)."""
        x = sp.Matrix(sp.symbols(f"x0:{self.n}")) if x is None else x
        t = self.t
        return (self.W.diff(t) + self.W**2) * x + (self.b.diff(t) + self.W * self.b)

    def gauge(self, G: Any, *, T: Any = T_DEFAULT, inverse: Any = None) -> "MatrixGaugeTransformation":
        """x~ = G(t) x: W~ = G W G^{-1} + G' G^{-1}, b~ = G b, with G(0) = G(T) = 1.

        ``inverse`` may supply G^{-1} in closed form (e.g. for a matrix exponential).
        """
        G = align_time(_as_matrix(G, (self.n, self.n), "G"), self.t)
        Ginv = G.inv() if inverse is None else align_time(_as_matrix(inverse, (self.n, self.n), "inverse"),
                                                          self.t)
        t, T = self.t, as_expr(T, "T")
        Wn = G * self.W * Ginv + G.diff(t) * Ginv
        bn = G * self.b
        one = sp.eye(self.n)
        conds = (sp.Eq(G.subs(t, 0), one, evaluate=False), sp.Eq(G.subs(t, T), one, evaluate=False))
        return MatrixGaugeTransformation(self, MatrixNODE(self.n, Wn, bn, t), sp.ImmutableMatrix(G), conds)

    def magnus(self, order: int = 3, T: Any = T_DEFAULT) -> list:
        """The first ``order`` (<= 3) Magnus terms of U(T, 0) = exp(Omega_1 + Omega_2 + ...).

        Omega_1 = int_0^T W, Omega_2 = 1/2 int_0^T int_0^{t1} [W1, W2],
        Omega_3 = 1/6 int int int ([W1, [W2, W3]] + [W3, [W2, W1]]) over T > t1 > t2 > t3 > 0.

        Examples
        --------
        >>> import sympy as sp
        >>> t = sp.Symbol('t', real=True)
        >>> om = MatrixNODE(2, W=[[0, 1], [t, 0]], t=t).magnus(2, T=1)
        >>> sp.Matrix(om[0]).applyfunc(lambda e: e.doit()), sp.Matrix(om[1]).applyfunc(lambda e: e.doit())
        (Matrix([
        [  0, 1],
        [1/2, 0]]), Matrix([
        [-1/12,    0],
        [    0, 1/12]]))
        """
        order = _check_int("order", order, 1, 3)
        T = as_expr(T, "T")
        t1, t2, t3 = sp.symbols("t1 t2 t3", real=True)
        W1, W2, W3 = (self.W.subs(self.t, s) for s in (t1, t2, t3))

        def comm(A, B):
            return A * B - B * A
        terms = [self.W.subs(self.t, t1).applyfunc(lambda e: sp.Integral(e, (t1, 0, T)))]
        if order >= 2:
            terms.append(comm(W1, W2).applyfunc(
                lambda e: sp.Rational(1, 2) * sp.Integral(e, (t2, 0, t1), (t1, 0, T))))
        if order >= 3:
            terms.append((comm(W1, comm(W2, W3)) + comm(W3, comm(W2, W1))).applyfunc(
                lambda e: sp.Rational(1, 6) * sp.Integral(e, (t3, 0, t2), (t2, 0, t1), (t1, 0, T))))
        return [sp.ImmutableMatrix(m) for m in terms]

    # --- numerics ----------------------------------------------------------
    def _compiled(self, T, functions, seed, dps):
        exprs = list(self.W) + list(self.b)
        T = _check_T(T)
        templates, env = _draw(exprs, self.t, T, functions, np.random.default_rng(seed))
        with mpmath.workdps(dps + 10):
            fn = compile_mp([e.xreplace(env) for e in exprs], [self.t], functions=templates)
        return fn, env.get(T, T), templates

    def propagator(self, T: Any, *, functions: Mapping | None = None, dps: int = 30,
                   seed: int = 0) -> mpmath.matrix:
        """U(T, 0), the path-ordered exponential (later times to the left), numerically.

        Undefined functions are drawn as in `flow_equivalence` (``functions`` and ``seed``).

        Examples
        --------
        >>> import sympy as sp, mpmath
        >>> t = sp.Symbol('t', real=True)
        >>> node = MatrixNODE(2, W=[[sp.sin(t), 1], [-t, sp.Rational(1, 2)]], b=[1, t], t=t)
        >>> U = node.propagator(1)
        >>> print(mpmath.nstr(U[0, 0], 8), mpmath.nstr(U[1, 0], 8))   # brief 1.9
        1.3316102 -0.6987466
        """
        return self.flow(T, functions=functions, dps=dps, seed=seed)[0]

    def flow(self, T: Any, x0: Any = None, *, functions: Mapping | None = None, dps: int = 30,
             seed: int = 0) -> tuple:
        """(U(T, 0), B) and, when ``x0`` is given, x(T) = U x0 + B, as mpmath matrices.

        Solved by Chebyshev collocation of U = 1 + int W U and x = x0 + int (W x + b) in Arb.
        """
        dps = _check_int("dps", dps, 15, 500)
        fn, T_val, _ = self._compiled(T, functions, seed, dps)
        n = self.n
        with mpmath.workdps(dps + 10):
            Tm = mpmath.mpf(sp.Float(T_val, dps + 10)) if not T_val.is_Rational \
                else mpmath.mpf(int(T_val.p)) / int(T_val.q)
            target = mpmath.mpf(10) ** (-mpmath.mp.dps + 9)
            N = 32
            while True:
                U, B, tails = _collocate(fn, n, Tm, N)
                if N >= 256 or max(tails) < target:
                    break
                N *= 2
            Um = mpmath.matrix([[_spectral.to_mp(U[i, j]) for j in range(n)] for i in range(n)])
            Bm = mpmath.matrix([_spectral.to_mp(B[i, 0]) for i in range(n)])
            if x0 is None:
                return Um, Bm
            x0m = mpmath.matrix([mpmath.mpf(sp.Float(as_expr(v, "x0"), dps + 10)) for v in x0])
            if x0m.rows != n:
                raise ShapeMismatchError(f"x0 must have {n} entries, got {x0m.rows}")
            return Um, Bm, Um * x0m + Bm

    def latex(self) -> str:
        """LaTeX of the right-hand side ``W x + b``.

        Returns
        -------
        str
        """
        x = sp.Matrix(sp.symbols(f"x_0:{self.n}"))
        return _latex(self.W) + _latex(x) + "+" + _latex(self.b)

    def _repr_latex_(self) -> str:
        return r"$\dot x = " + self.latex() + "$"


def _collocate(fn, n, T, N):
    m = N + 1
    ts = _spectral.nodes(T, N)
    vals = [[mpmath.re(v) for v in fn([s])] for s in ts]
    cols = [_spectral.to_arb([vals[a][k] for a in range(m)]) for k in range(n * n + n)]
    with _spectral.arb_precision():
        S = _spectral.integration_matrix(N) * (_spectral.to_arb([T])[0, 0] / 2)
        size = n * m
        M = flint.arb_mat(size, size)
        for i in range(n):
            for j in range(n):
                Wij = cols[i * n + j]
                for a in range(m):
                    for c in range(m):
                        v = -S[a, c] * Wij[c, 0]
                        if i == j and a == c:
                            v += 1
                        M[i * m + a, j * m + c] = v
        # right-hand sides: columns of the identity (for U) and S b (for the particular solution)
        rhs = flint.arb_mat(size, n + 1)
        for i in range(n):
            Sb = S * cols[n * n + i]
            for a in range(m):
                rhs[i * m + a, i] = 1
                rhs[i * m + a, n] = Sb[a, 0]
        X = M.solve(rhs, algorithm="approx")
        U = flint.arb_mat(n, n)
        B = flint.arb_mat(n, 1)
        for i in range(n):
            B[i, 0] = X[i * m + N, n]
            for j in range(n):
                U[i, j] = X[i * m + N, j]
    tails = [_spectral.tail(c, N) for c in cols]
    tails += [_spectral.tail(flint.arb_mat([[X[i * m + a, j]] for a in range(m)]), N)
              for i in range(n) for j in range(n + 1)]
    return U, B, tails


@dataclass(frozen=True)
class MatrixGaugeTransformation:
    """x -> G(t) x between two matrix models, with its boundary conditions.

    Parameters
    ----------
    original : MatrixNODE
        The model before the map.
    transformed : MatrixNODE
        The model after the map.
    G : sympy.ImmutableMatrix
        The gauge matrix G(t); x -> G(t) x.
    conditions : tuple of sympy.Eq
        Boundary conditions G(0) = G(T) = 1.
    """

    original: MatrixNODE
    transformed: MatrixNODE
    G: sp.ImmutableMatrix
    conditions: tuple = ()

    def ode_residual(self) -> sp.Matrix:
        """(G x)' - W~ G x - b~ along solutions of the original ODE; zero iff the map is induced."""
        t = self.original.t
        x = sp.Matrix([sp.Function(f"x_{i}")(t) for i in range(self.original.n)])
        xt = self.G * x
        res = xt.diff(t) - self.transformed.rhs(xt)
        subs = {x[i].diff(t): self.original.rhs(x)[i] for i in range(self.original.n)}
        return res.subs(subs).applyfunc(sp.expand)

    def __repr__(self) -> str:
        return f"MatrixGaugeTransformation(n={self.original.n}, G={sp.sstr(self.G)[:120]})"

    def _lines(self) -> list[str]:
        return [r"x &\mapsto " + _latex(self.G) + r" x",
                r"W &\mapsto G W G^{-1} + \dot G G^{-1}, \quad b \mapsto G b",
                r"&\text{with } " + r",\ ".join(_latex(c) for c in self.conditions)]

    def latex(self) -> str:
        """An align* block: the state map, the induced maps and the conditions.

        Returns
        -------
        str
        """
        return "\\begin{align*}\n" + " \\\\\n".join(self._lines()) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return "$$\\begin{aligned}" + " \\\\ ".join(self._lines()) + "\\end{aligned}$$"


def loop_invariants(U: Any) -> tuple:
    """(tr U, det U): invariant under U -> G0 U G0^{-1} (G(0) = G(T) = G0).

    Parameters
    ----------
    U : object
        A propagator matrix.

    Returns
    -------
    tuple
        (tr U, det U): invariant under U -> G0 U G0^{-1} (G(0) = G(T) = G0).

    Examples
    --------
    >>> import mpmath
    >>> loop_invariants(mpmath.matrix([[1, 2], [3, 4]]))
    (mpf('5.0'), mpf('-2.0'))
    """
    if isinstance(U, mpmath.matrix):
        return sum(U[i, i] for i in range(U.rows)), mpmath.det(U)
    M = sp.Matrix(U)
    if not M.is_square:
        raise ShapeMismatchError(f"U must be square, got shape {M.shape}")
    return M.trace(), M.det()


_STEPS = (sp.Rational(1, 4), sp.Rational(1, 8), sp.Rational(1, 16))


def magnus_error_order(order: int, W: Any, t: sp.Symbol, *, steps=_STEPS,
                       dps: int = 40) -> float:
    """Measured order p of the local error ||exp(Omega_1 + ... + Omega_order)(h) - U(h, 0)|| ~ h^p.

    ``W`` must be a polynomial matrix in ``t`` (the Magnus integrals are then exact).  The slope
    is fitted between the two smallest steps.

    Parameters
    ----------
    order : int
        Magnus order (1 to 3).
    W : object
        Weight matrix W(t) (entries in t).
    t : sympy.Symbol
        Time symbol (inferred from the expressions when omitted).
    steps : object, optional
        Number of steps (or step sizes).
    dps : int, optional
        Decimal digits of the mpmath evaluation.

    Returns
    -------
    float
        Measured order p of the local error ||exp(Omega_1 + .

    Examples
    --------
    >>> import sympy as sp
    >>> t = sp.Symbol('t', real=True)
    >>> round(magnus_error_order(1, [[0, 1], [t, 0]], t))   # Omega_1 alone: local error O(h^3)
    3
    """
    order = _check_int("order", order, 1, 3)
    W = sp.Matrix(W)
    errs = []
    for h in steps:
        node = MatrixNODE(W.shape[0], W.subs(t, t), sp.zeros(W.shape[0], 1), t)
        omega = sum((sp.Matrix(m).applyfunc(lambda e: e.doit()) for m in node.magnus(order, T=h)),
                    sp.zeros(*W.shape))
        with mpmath.workdps(dps):
            approx = mpmath.expm(mpmath.matrix(omega.evalf(dps + 10).tolist()))
            exact = node.propagator(h, dps=dps)
            errs.append(mpmath.mnorm(approx - exact, 1))
    with mpmath.workdps(dps):
        return float(mpmath.log(errs[-2] / errs[-1]) / mpmath.log(mpmath.mpf(steps[-2]) / steps[-1]))
