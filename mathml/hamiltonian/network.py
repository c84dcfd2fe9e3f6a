r"""Hamiltonian systems as networks: one layer is one forward-Euler step of Hamilton's equations.

The family (arXiv 1802.08313, and the reference brief section 2.1) is

.. math::
    H = w_{11} p q + \tfrac12 w_{12} p^2 - \tfrac12 w_{21} q^2
        + \frac{\lambda_1}{v} F(v p) - \frac{\lambda_2}{u} G(u q), \qquad F' = f,\; G' = g,

with Hamilton's equations :math:`\dot q = w_{11} q + w_{12} p + \lambda_1 f(v p)` and
:math:`\dot p = w_{21} q - w_{11} p + \lambda_2 g(u q)`.  The layer acts on the 4-unit state
:math:`\xi = (q, p, f(vp), g(uq))` as :math:`\xi \mapsto \sigma(W \xi)` with
:math:`\sigma = (\mathrm{id}, \mathrm{id}, f, g)`.

Examples
--------
>>> import sympy as sp
>>> from mathml.hamiltonian import network_from_hamiltonian
>>> q, p, dt = sp.symbols('q p Delta_t')
>>> net = network_from_hamiltonian(p**2/2 + sp.cos(q), q, p, dt)
>>> net.step((q, p))
(Delta_t*p + q, Delta_t*sin(q) + p)
>>> net.step((1, 0))   # dt symbolic, so the result stays symbolic
(1, Delta_t*sin(1))

Exact in, exact out (the one float policy of mathml's families): exact inputs (ints, sympy
Rationals, exact expressions) give exact sympy results; a float anywhere in the input makes the
computation numeric and the result a float (or a sympy Float inside a symbolic result).
"""
from __future__ import annotations

from dataclasses import dataclass
from numbers import Number
from typing import Any, Callable

import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.core.latex import latex as _latex
from mathml.core.verdict import Verdict
from mathml.core.verify import verify

from .errors import NotRepresentableError

__all__ = [
    "HamiltonianNetwork",
    "network_from_hamiltonian",
    "hamiltonian_from_network",
    "hamilton_equations",
    "round_trip",
    "layer_jacobian_determinant",
]

_s = sp.Dummy("s")


def _check_symbol(x: Any, name: str) -> sp.Symbol:
    if not isinstance(x, sp.Symbol):
        raise InvalidInputError(f"{name} must be a sympy Symbol, got {type(x).__name__} {x!r}")
    return x


def _check_expr(x: Any, name: str) -> sp.Expr:
    if isinstance(x, str):
        raise InvalidInputError(f"{name} must be a sympy expression or a number, not a string "
                                f"(strings are never parsed here; use mathml.parse_expr)")
    if isinstance(x, sp.Basic):
        if not isinstance(x, sp.Expr):
            raise InvalidInputError(f"{name} must be a sympy Expr, got {type(x).__name__}")
        return x
    if isinstance(x, Number) and not isinstance(x, bool):
        return sp.nsimplify(x) if isinstance(x, int) else sp.Float(x)
    raise InvalidInputError(f"{name} must be a sympy expression or a real number, got {x!r}")


def hamilton_equations(H: sp.Expr, q: sp.Symbol, p: sp.Symbol) -> tuple[sp.Expr, sp.Expr]:
    r"""Hamilton's equations :math:`(\dot q, \dot p) = (\partial_p H, -\partial_q H)`.

    Parameters
    ----------
    H : sympy.Expr
        A Hamiltonian (sympy expression) or a matrix.
    q : sympy.Symbol
        Position symbol.
    p : sympy.Symbol
        Momentum symbol.

    Returns
    -------
    tuple[sympy.Expr, sympy.Expr]
        Hamilton's equations :math:`(\dot q, \dot p) = (\partial_p H, -\partial_q H)`.

    Examples
    --------
    >>> import sympy as sp
    >>> q, p = sp.symbols('q p')
    >>> hamilton_equations(p**2/2 + q**4/4, q, p)
    (p, -q**3)
    """
    H = _check_expr(H, "H")
    q, p = _check_symbol(q, "q"), _check_symbol(p, "p")
    return sp.diff(H, p), -sp.diff(H, q)


def _split_activation(expr: sp.Expr, x: sp.Symbol) -> tuple[sp.Expr, sp.Expr, sp.Lambda]:
    """Write ``expr(x)`` as ``lam * f(v x)``; returns (lam, v, f).

    The split is not unique (constants move between lam and f); we read lam and v off a single
    scaled function such as ``2*tanh(3*x)`` and fall back to lam = v = 1 otherwise.
    """
    if expr == 0:
        return sp.Integer(0), sp.Integer(1), sp.Lambda(_s, sp.Integer(0))
    lam, rest = expr.as_independent(x, as_Add=False)
    if not isinstance(rest, sp.Function):
        # e.g. d/dp log cosh(3p) = 3 sinh(3p)/cosh(3p): simplify recovers tanh(3p)
        simpler = sp.simplify(expr)
        lam, rest = simpler.as_independent(x, as_Add=False)
    v = sp.Integer(1)
    if isinstance(rest, sp.Function) and len(rest.args) == 1:
        coeff, core = rest.args[0].as_independent(x, as_Add=False)
        if core == x and coeff != 0:
            v = coeff
    f = sp.Lambda(_s, rest.subs(x, _s / v))
    return lam, v, f


@dataclass(frozen=True)
class HamiltonianNetwork:
    r"""A 4-unit layer :math:`\xi \mapsto \sigma(W\xi)` that performs one forward-Euler step.

    Attributes
    ----------
    q, p : Symbol
        Phase-space coordinates.
    dt : Expr
        Time step (a symbol or a number).
    w11, w12, w21, lam1, lam2, u, v : Expr
        Coefficients of the Hamiltonian family.
    f, g : Lambda
        Activations, :math:`\dot q \ni \lambda_1 f(vp)`, :math:`\dot p \ni \lambda_2 g(uq)`.
    """

    q: sp.Symbol
    p: sp.Symbol
    dt: sp.Expr
    w11: sp.Expr
    w12: sp.Expr
    w21: sp.Expr
    lam1: sp.Expr
    lam2: sp.Expr
    u: sp.Expr
    v: sp.Expr
    f: sp.Lambda
    g: sp.Lambda

    @property
    def W(self) -> sp.Matrix:
        """The 4x4 weight matrix acting on ``(q, p, f(vp), g(uq))``."""
        dt, w11, w12, w21 = self.dt, self.w11, self.w12, self.w21
        row1 = [1 + dt * w11, dt * w12, dt * self.lam1, 0]
        row2 = [dt * w21, 1 - dt * w11, 0, dt * self.lam2]
        return sp.Matrix([row1, row2, [self.v * e for e in row2], [self.u * e for e in row1]])

    def activation(self, z: sp.Matrix) -> sp.Matrix:
        """Componentwise activation ``(id, id, f, g)`` of a 4-vector of pre-activations."""
        z = sp.Matrix(z)
        if z.shape != (4, 1):
            raise InvalidInputError(f"activation expects a 4-vector, got shape {z.shape}")
        return sp.Matrix([z[0], z[1], self.f(z[2]), self.g(z[3])])

    def embed(self, state: tuple) -> sp.Matrix:
        """The 4-unit state ``(q, p, f(vp), g(uq))`` of a phase-space point ``(q, p)``."""
        qq, pp = self._state(state)
        return sp.Matrix([qq, pp, self.f(self.v * pp), self.g(self.u * qq)])

    def layer(self, xi: sp.Matrix) -> sp.Matrix:
        """One layer on the 4-unit state: ``activation(W xi)``."""
        return self.activation(self.W * sp.Matrix(xi))

    def step(self, state: tuple) -> tuple:
        """The next ``(q, p)``: one network layer, equal to one forward-Euler step.

        Parameters
        ----------
        state : (q, p)
            Numbers or sympy expressions.

        Returns
        -------
        tuple
            Exact in, exact out: exact inputs (ints, sympy Rationals, symbols) and exact network
            coefficients give exact sympy values.  When a float is involved (in ``state`` or in the
            coefficients) and the result has no free symbols, the result is a pair of Python floats.

        Examples
        --------
        >>> import sympy as sp
        >>> q, p = sp.symbols('q p')
        >>> net = network_from_hamiltonian(p**2/2 + q**2/2, q, p, sp.Rational(1, 10))
        >>> net.step((sp.Rational(3, 7), sp.Rational(-5, 4)))   # (3/7 - 1/8, -5/4 - 3/70)
        (17/56, -181/140)
        >>> net.step((0.5, 0.0))
        (0.5, -0.05)
        """
        qq, pp = self._state(state)
        out = self.layer(self.embed((qq, pp)))
        res = (sp.expand(out[0], deep=False), sp.expand(out[1], deep=False))
        if any(r.free_symbols for r in res):
            return res
        coefficients = ("dt", "w11", "w12", "w21", "lam1", "lam2", "u", "v")
        floats = qq.has(sp.Float) or pp.has(sp.Float) or any(getattr(self, c).has(sp.Float)
                                                             for c in coefficients)
        if floats or any(r.has(sp.Float) for r in res):
            return tuple(float(r) for r in res)
        return res

    def euler_step(self, state: tuple) -> tuple[sp.Expr, sp.Expr]:
        """Forward Euler on Hamilton's equations of `hamiltonian` (the independent reference)."""
        qq, pp = self._state(state)
        qdot, pdot = hamilton_equations(self.hamiltonian(), self.q, self.p)
        sub = {self.q: qq, self.p: pp}
        return (qq + self.dt * qdot.xreplace(sub), pp + self.dt * pdot.xreplace(sub))

    def hamiltonian(self) -> sp.Expr:
        """H up to an additive constant (see `hamiltonian_from_network`)."""
        return hamiltonian_from_network(self)

    def numeric_step(self) -> Callable:
        """A numpy function ``(q, p) -> (q', p')`` for numeric parameters (vectorised)."""
        a, b = sp.symbols("a b")
        q1, p1 = self.step((a, b))
        fn = sp.lambdify((a, b), (q1, p1), "numpy")
        if (q1.free_symbols | p1.free_symbols) - {a, b}:
            raise InvalidInputError("numeric_step needs numeric dt and coefficients; free symbols: "
                                    f"{sorted(map(str, (q1.free_symbols | p1.free_symbols) - {a, b}))}")
        return fn

    def _state(self, state: tuple) -> tuple[sp.Expr, sp.Expr]:
        if not isinstance(state, (tuple, list)) or len(state) != 2:
            raise InvalidInputError(f"state must be a pair (q, p), got {state!r}")
        return _check_expr(state[0], "q"), _check_expr(state[1], "p")

    def _repr_latex_(self) -> str:
        return (r"$W = " + _latex(self.W) + r",\quad \sigma = \left(\mathrm{id}, \mathrm{id}, "
                + _latex(self.f(sp.Symbol("x"))) + ", " + _latex(self.g(sp.Symbol("x")))
                + r"\right)$")


def network_from_hamiltonian(H: sp.Expr, q: sp.Symbol, p: sp.Symbol, dt: Any) -> HamiltonianNetwork:
    r"""The network whose layer is one forward-Euler step of Hamilton's equations for ``H``.

    Parameters
    ----------
    H : sympy Expr
        A Hamiltonian of the form ``w11 p q + w12 p^2/2 - w21 q^2/2 + A(p) + B(q)``; the nonlinear
        parts become the activations ``lam1 f(v p) = A'(p) - w12 p`` and
        ``lam2 g(u q) = -B'(q) - w21 q``.
    q, p : Symbol
    dt : Symbol or number

    Raises
    ------
    NotRepresentableError
        If a term couples q and p other than bilinearly (``p q``), naming the term.

    Returns
    -------
    HamiltonianNetwork
        The network whose layer is one forward-Euler step of Hamilton's equations for ``H``.

    Examples
    --------
    >>> import sympy as sp
    >>> q, p, dt = sp.symbols('q p dt')
    >>> net = network_from_hamiltonian(p*q + p**2/2 - q**2 + sp.log(sp.cosh(3*p))/3, q, p, dt)
    >>> net.w11, net.w12, net.w21, net.lam1, net.v, net.f(sp.Symbol('x'))
    (1, 1, 2, 1, 3, tanh(x))
    >>> network_from_hamiltonian(p**2*q**2, q, p, dt)
    Traceback (most recent call last):
    ...
    mathml.hamiltonian.errors.NotRepresentableError: term p**2*q**2 of H couples q and p non-bilinearly ...
    """
    H = _check_expr(H, "H")
    q, p = _check_symbol(q, "q"), _check_symbol(p, "p")
    dt = _check_expr(dt, "dt")
    if q == p:
        raise InvalidInputError("q and p must be different symbols")
    if dt.has(q, p):
        raise InvalidInputError("dt must not depend on q or p")
    mixed = sp.diff(H, q, p)
    if mixed.has(q, p) and sp.simplify(mixed).has(q, p):
        bad = [t for t in sp.Add.make_args(sp.expand(H)) if sp.diff(t, q, p).has(q, p)]
        term = bad[0] if bad else H
        raise NotRepresentableError(
            f"term {term} of H couples q and p non-bilinearly (d^2H/dqdp = {sp.simplify(mixed)} is not "
            "constant); the network family allows only w11*p*q as a q-p coupling, plus separate "
            "functions of p and of q")
    w11 = sp.simplify(mixed)
    qdot = sp.expand(sp.diff(H, p) - w11 * q)
    pdot = sp.expand(-sp.diff(H, q) + w11 * p)

    def linear_and_rest(expr, x):
        lin, rest = sp.Integer(0), sp.Integer(0)
        for t in sp.Add.make_args(expr):
            c, core = t.as_independent(x, as_Add=False)
            if core == x:
                lin += c
            else:
                rest += t
        return lin, rest

    w12, nq = linear_and_rest(qdot, p)
    w21, np_ = linear_and_rest(pdot, q)
    lam1, v, f = _split_activation(nq, p)
    lam2, u, g = _split_activation(np_, q)
    return HamiltonianNetwork(q, p, dt, w11, w12, w21, lam1, lam2, u, v, f, g)


def _antiderivative(fn: sp.Lambda) -> sp.Lambda:
    x = sp.Dummy("x")
    F = sp.integrate(fn(x), x)
    return sp.Lambda(x, F)


def hamiltonian_from_network(net: HamiltonianNetwork) -> sp.Expr:
    r"""The Hamiltonian of a network, up to an additive constant (the inverse map).

    Parameters
    ----------
    net : HamiltonianNetwork
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).

    Returns
    -------
    sympy.Expr
        The Hamiltonian of a network, up to an additive constant (the inverse map).

    Examples
    --------
    >>> import sympy as sp
    >>> q, p, dt = sp.symbols('q p dt')
    >>> net = network_from_hamiltonian(p**2/2 + q**4/4, q, p, dt)
    >>> hamiltonian_from_network(net)
    p**2/2 + q**4/4
    """
    if not isinstance(net, HamiltonianNetwork):
        raise InvalidInputError(f"expected a HamiltonianNetwork, got {type(net).__name__}")
    q, p = net.q, net.p
    H = net.w11 * p * q + net.w12 * p**2 / 2 - net.w21 * q**2 / 2
    if net.lam1 != 0:
        H += net.lam1 / net.v * _antiderivative(net.f)(net.v * p)
    if net.lam2 != 0:
        H -= net.lam2 / net.u * _antiderivative(net.g)(net.u * q)
    return H


def round_trip(obj: Any, q: sp.Symbol | None = None, p: sp.Symbol | None = None,
               dt: Any = None, **verify_kwargs) -> Verdict:
    """Check a round trip H -> network -> H (gradients agree) or network -> H -> network (steps agree).

    Parameters
    ----------
    obj : object
        A Hamiltonian (with q, p, dt) or a HamiltonianNetwork.
    q : sympy.Symbol | None, optional
        Position symbol.
    p : sympy.Symbol | None, optional
        Momentum symbol.
    dt : object, optional
        Time step (symbol or number).
    **verify_kwargs
        Passed to mathml.verify.

    Returns
    -------
    Verdict
        Check a round trip H -> network -> H (gradients agree) or network -> H -> network (steps agree).

    Examples
    --------
    >>> import sympy as sp
    >>> q, p, dt = sp.symbols('q p dt')
    >>> round_trip(p**2/2 - sp.cos(q) + 2*p*q, q, p, dt).holds
    True
    """
    if isinstance(obj, HamiltonianNetwork):
        back = network_from_hamiltonian(hamiltonian_from_network(obj), obj.q, obj.p, obj.dt)
        a = sp.Matrix(obj.step((obj.q, obj.p)))
        b = sp.Matrix(back.step((obj.q, obj.p)))
        return verify(a, b, **verify_kwargs)
    if q is None or p is None or dt is None:
        raise InvalidInputError("round_trip(H, q, p, dt) needs q, p and dt for a Hamiltonian")
    H = _check_expr(obj, "H")
    H2 = hamiltonian_from_network(network_from_hamiltonian(H, q, p, dt))
    grad = lambda e: sp.Matrix([sp.diff(e, q), sp.diff(e, p)])  # noqa: E731
    return verify(grad(H2), grad(H), **verify_kwargs)


def layer_jacobian_determinant(net: HamiltonianNetwork) -> sp.Expr:
    r"""Determinant of :math:`\partial(q', p')/\partial(q, p)` of one layer, in the form
    :math:`1 - \Delta t^2[w_{11}^2 + (w_{12} + \lambda_1 v f'(vp))(w_{21} + \lambda_2 u g'(uq))]`.

    Parameters
    ----------
    net : HamiltonianNetwork
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).

    Returns
    -------
    sympy.Expr
        Determinant of :math:`\partial(q', p')/\partial(q, p)` of one layer, in the form :math:`1 -
        \Delta t^2[w_{11}^2 + (w_{12} + \lambda_1 v ...

    Examples
    --------
    >>> import sympy as sp
    >>> q, p, dt = sp.symbols('q p dt')
    >>> net = network_from_hamiltonian(p**2/2 + q**2/2, q, p, dt)
    >>> layer_jacobian_determinant(net)
    dt**2 + 1
    """
    if not isinstance(net, HamiltonianNetwork):
        raise InvalidInputError(f"expected a HamiltonianNetwork, got {type(net).__name__}")
    q1, p1 = net.step((net.q, net.p))
    J = sp.Matrix([[sp.diff(q1, net.q), sp.diff(q1, net.p)], [sp.diff(p1, net.q), sp.diff(p1, net.p)]])
    return sp.expand(J.det())
