"""The scalar linear neural ODE x' = w(t) x + b(t) and its gauge transformations.

Conventions (reference brief, section 1.3): transformations are *active*,
x -> x~ = a(t) x + c(t).  With a = e^{sigma g} the parameters change as
w~ = w + sigma g', b~ = e^{sigma g} b, and the flow map x(0) -> x(T) is unchanged
when g(0) = g(T) = 0.  The talk's slide (seed 001) wrote w -> w + g', b -> e^{g(t) - g(0)} b,
a true symmetry (x~ = e^{g - g(0)} x, needing only g(T) = g(0)), under the label x -> x - g x,
which induces w - g' instead; mixing signs, (w + g', e^{-g} b), is *not* a symmetry, and
`GaugeTransformation.ode_residual` exposes why.

Examples
--------
>>> import sympy as sp
>>> from mathml.gauge import LinearNODE
>>> node = LinearNODE()
>>> t, g = node.t, sp.Function('g')(node.t)
>>> gt = node.rescale(g, sign=-1)
>>> gt.transformed.w
w(t) - Derivative(g(t), t)
>>> gt.transformed.b
b(t)*exp(-g(t))
>>> sp.simplify(gt.ode_residual())
0
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex as _latex
from ._common import T_DEFAULT, align_time, as_expr, time_symbol

__all__ = ["LinearNODE", "GaugeTransformation"]

_X = sp.Symbol("x", real=True)
_EPSILON = sp.Symbol("epsilon")


@dataclass(frozen=True)
class LinearNODE:
    """The scalar model x' = w(t) x + b(t) on [0, T].

    Parameters
    ----------
    w, b : sympy expressions in ``t`` (default ``Function('w')(t)``, ``Function('b')(t)``).
    t : sympy Symbol, optional
        The time variable.  Users own their symbols: when omitted it is inferred from ``w`` and
        ``b`` (the symbol named ``t`` with any compatible assumptions; an only free symbol to which
        an undefined function is applied, ``w(s)``; the default real ``t`` when there is no free
        symbol), so ``LinearNODE(w=sin(t))`` with a plain ``t`` is time dependent.  A lone symbol
        of another name (``w = a``: a constant? a time?) raises and asks for ``t=``.

    Raises
    ------
    InvalidInputError
        For strings, non-finite values, a ``t`` named symbol that is not real, or ambiguous symbols.

    Examples
    --------
    >>> import sympy as sp
    >>> node = LinearNODE(w=sp.sin(LinearNODE().t), b=1)
    >>> node.solution(sp.Rational(1, 2), 1).evalf(14)   # brief 1.9: 2.1559337893485
    2.1559337893485
    """

    w: Any = None
    b: Any = None
    t: Any = None

    def __post_init__(self) -> None:
        w0 = None if self.w is None else as_expr(self.w, "w")
        b0 = None if self.b is None else as_expr(self.b, "b")
        t = time_symbol([e for e in (w0, b0) if e is not None], self.t)
        object.__setattr__(self, "t", t)
        w = sp.Function("w")(t) if w0 is None else align_time(w0, t)
        b = sp.Function("b")(t) if b0 is None else align_time(b0, t)
        object.__setattr__(self, "w", w)
        object.__setattr__(self, "b", b)

    # --- solution ---------------------------------------------------------
    def _dummy(self, name: str) -> sp.Symbol:
        return sp.Symbol(name, real=True)

    def wilson_line(self, t1: Any, t2: Any) -> sp.Expr:
        """U(t2, t1) = exp(int_{t1}^{t2} w(s) ds): transport from time t1 to time t2.

        Examples
        --------
        >>> import sympy as sp
        >>> node = LinearNODE(w=2)
        >>> node.wilson_line(0, 3).doit()
        exp(6)
        """
        s = self._dummy("s")
        return sp.exp(sp.Integral(self.w.subs(self.t, s), (s, as_expr(t1, "t1"), as_expr(t2, "t2"))))

    def invariants(self, T: Any = T_DEFAULT) -> tuple[sp.Expr, sp.Expr]:
        """The two gauge-invariant data (A, B) of the flow map x(T) = A x(0) + B."""
        s = self._dummy("s")
        A = self.wilson_line(0, T)
        B = sp.Integral(self.wilson_line(s, T) * self.b.subs(self.t, s), (s, 0, as_expr(T, "T")))
        return A, B

    def solution(self, x0: Any, T: Any = T_DEFAULT) -> sp.Expr:
        """The Wilson-line form x(T) = U(T, 0) x0 + int_0^T U(T, s) b(s) ds (unevaluated integrals)."""
        A, B = self.invariants(T)
        return A * as_expr(x0, "x0") + B

    def rhs(self, x: Any = _X) -> sp.Expr:
        """The vector field w x + b."""
        return self.w * x + self.b

    def acceleration(self, x: Any = _X) -> sp.Expr:
        """x'' = (w' + w^2) x + (b' + w b) along every trajectory.

        Examples
        --------
        >>> import sympy as sp
        >>> node = LinearNODE()
        >>> x = sp.Symbol('x')
        >>> sp.expand(node.acceleration(x) - (node.w.diff(node.t) * x + node.w**2 * x
        ...           + node.b.diff(node.t) + node.w * node.b))
        0
        """
        t = self.t
        return (self.w.diff(t) + self.w**2) * x + (self.b.diff(t) + self.w * self.b)

    # --- gauge transformations -------------------------------------------
    def affine(self, a: Any, c: Any, *, T: Any = T_DEFAULT) -> "GaugeTransformation":
        """x~ = a(t) x + c(t): w~ = w + a'/a, b~ = a b + c' - w~ c; needs a = 1, c = 0 at 0 and T.

        This is the full gauge group of the linear model (brief 1.3).
        """
        a, c = align_time(as_expr(a, "a"), self.t), align_time(as_expr(c, "c"), self.t)
        t, T = self.t, as_expr(T, "T")
        w_new = self.w + a.diff(t) / a
        b_new = a * self.b + c.diff(t) - w_new * c
        conds = (_eq(a.subs(t, 0), 1), _eq(a.subs(t, T), 1), _eq(c.subs(t, 0), 0), _eq(c.subs(t, T), 0))
        return GaugeTransformation("affine", self, LinearNODE(w_new, b_new, t),
                                   sp.Lambda(_X, a * _X + c), conds, {"a": a, "c": c})

    def rescale(self, g: Any, sign: int = 1, *, T: Any = T_DEFAULT,
                normalized: bool = False) -> "GaugeTransformation":
        """x~ = e^{sign g} x: w~ = w + sign g', b~ = e^{sign g} b, with g(0) = g(T) = 0.

        With ``normalized=True`` the state map is x~ = e^{sign (g - g(0))} x, so
        b~ = e^{sign (g(t) - g(0))} b and only g(T) = g(0) is needed (brief 1.3).

        Examples
        --------
        >>> import sympy as sp
        >>> node = LinearNODE()
        >>> gt = node.rescale(sp.Function('g')(node.t))
        >>> gt.conditions
        (Eq(g(0), 0), Eq(g(T), 0))
        """
        if isinstance(sign, bool) or sign not in (1, -1):
            raise InvalidInputError(f"sign must be +1 or -1, got {sign!r}")
        g = align_time(as_expr(g, "g"), self.t)
        t, T = self.t, as_expr(T, "T")
        shift = g.subs(t, 0) if normalized else 0
        factor = sp.exp(sign * (g - shift))
        new = LinearNODE(self.w + sign * g.diff(t), factor * self.b, t)
        conds = (_eq(g.subs(t, T), g.subs(t, 0)),) if normalized else \
            (_eq(g.subs(t, 0), 0), _eq(g.subs(t, T), 0))
        name = ("rescale" if sign == 1 else "rescale (sign -1)") + (" normalized" if normalized else "")
        return GaugeTransformation(name, self, new, sp.Lambda(_X, factor * _X), conds, {"g": g})

    def translate(self, c: Any, *, T: Any = T_DEFAULT) -> "GaugeTransformation":
        """x~ = x + c(t): w~ = w, b~ = b + c' - w c, with c(0) = c(T) = 0."""
        c = align_time(as_expr(c, "c"), self.t)
        t, T = self.t, as_expr(T, "T")
        new = LinearNODE(self.w, self.b + c.diff(t) - self.w * c, t)
        conds = (_eq(c.subs(t, 0), 0), _eq(c.subs(t, T), 0))
        return GaugeTransformation("translate", self, new, sp.Lambda(_X, _X + c), conds, {"c": c})

    def reparametrize(self, phi: Any, *, T: Any = T_DEFAULT) -> "GaugeTransformation":
        """Finite time reparametrisation: old time t = phi(s) of the new time s (written t again).

        w~(s) = w(phi(s)) phi'(s), b~(s) = b(phi(s)) phi'(s) (both one-forms), with
        phi(0) = 0, phi(T) = T and phi' > 0.  The state map is the identity: x~(s) = x(phi(s)).
        """
        phi = align_time(as_expr(phi, "phi"), self.t)
        t, T = self.t, as_expr(T, "T")
        dphi = phi.diff(t)
        new = LinearNODE(self.w.subs(t, phi) * dphi, self.b.subs(t, phi) * dphi, t)
        conds = (_eq(phi.subs(t, 0), 0), _eq(phi.subs(t, T), T))
        return GaugeTransformation("reparametrize", self, new, sp.Lambda(_X, _X), conds, {"phi": phi})

    def reparametrize_infinitesimal(self, f: Any, eps: Any = _EPSILON, *,
                                    T: Any = T_DEFAULT) -> "GaugeTransformation":
        """First-order form of a time shift tau = t + eps f(t): dw = -eps (f w)', db = -eps (f b)'.

        It equals the affine gauge map with g = -eps f w, c = -eps f b (to first order in eps);
        the returned state map is that affine map, exact only to O(eps^2).
        """
        f, eps = align_time(as_expr(f, "f"), self.t), as_expr(eps, "eps")
        t, T = self.t, as_expr(T, "T")
        new = LinearNODE(self.w - eps * (f * self.w).diff(t), self.b - eps * (f * self.b).diff(t), t)
        conds = (_eq(f.subs(t, 0), 0), _eq(f.subs(t, T), 0))
        state = sp.Lambda(_X, (1 - eps * f * self.w) * _X - eps * f * self.b)
        return GaugeTransformation("infinitesimal reparametrize", self, new, state, conds,
                                   {"f": f, "epsilon": eps})

    def latex(self) -> str:
        """LaTeX of the ODE."""
        x = sp.Function("x")(self.t)
        return _latex(sp.Eq(x.diff(self.t), self.w * x + self.b))

    def _repr_latex_(self) -> str:
        return "$" + self.latex() + "$"


def _eq(lhs: sp.Expr, rhs: Any) -> sp.Eq:
    return sp.Eq(lhs, rhs, evaluate=False)


@dataclass(frozen=True)
class GaugeTransformation:
    """A map x -> x~ = state_map(x) between two linear models, with the conditions it needs.

    Attributes
    ----------
    name : str
    original, transformed : LinearNODE
    state_map : sympy Lambda, x -> x~
    conditions : tuple of sympy Eq (boundary conditions for the flow map to be invariant)
    parameters : dict name -> gauge function
    """

    name: str
    original: LinearNODE
    transformed: LinearNODE
    state_map: sp.Lambda
    conditions: tuple = ()
    parameters: dict = field(default_factory=dict, compare=False)

    def __repr__(self) -> str:
        return (f"GaugeTransformation({self.name!r}, w~ = {sp.sstr(self.transformed.w)[:100]}, "
                f"b~ = {sp.sstr(self.transformed.b)[:100]})")

    def ode_residual(self) -> sp.Expr:
        """d/dt x~ - (w~ x~ + b~) for x~ = state_map(x(t)) along solutions of the original ODE.

        Identically zero exactly when the parameter map is the one induced by the state map.
        """
        t = self.original.t
        x = sp.Function("x")(t)
        xt = self.state_map(x)
        residual = xt.diff(t) - self.transformed.rhs(xt)
        return sp.expand(residual.subs(x.diff(t), self.original.rhs(x)))

    def conditions_hold(self, T: Any = None) -> bool | None:
        """Whether every condition holds (at the given T); None when undecidable."""
        results = []
        for cond in self.conditions:
            c = cond if T is None else cond.subs(T_DEFAULT, T)
            diff = sp.simplify(c.lhs - c.rhs)
            results.append(diff.is_zero)
        if any(r is False for r in results):
            return False
        return True if all(results) else None

    def _lines(self) -> list[str]:
        new = self.transformed
        lines = [r"x &\mapsto \tilde x = " + _latex(self.state_map.expr),
                 r"w &\mapsto \tilde w = " + _latex(new.w),
                 r"b &\mapsto \tilde b = " + _latex(new.b)]
        if self.conditions:
            lines.append(r"&\text{with } " + r",\ ".join(_latex(c) for c in self.conditions))
        return lines

    def latex(self) -> str:
        """An align* block: the state map, the induced parameter maps and the conditions.

        Returns
        -------
        str
        """
        return "\\begin{align*}\n" + " \\\\\n".join(self._lines()) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return "$$\\begin{aligned}" + " \\\\ ".join(self._lines()) + "\\end{aligned}$$"
