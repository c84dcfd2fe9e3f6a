r"""The talk's friction example: :math:`m\ddot x = h(t)\dot x + V'(x)` with unknown :math:`h(t)`.

One layer is a forward-Euler step of size :math:`\Delta t = T/N > 0`:
:math:`x \mapsto x + \Delta t\, v`, :math:`v \mapsto v + \Delta t\,(h_n v + V'(x))/m` with
:math:`h_n = h(t_n)`, :math:`t_n = n\Delta t`.  This is the bulk layer of `mathml.hamiltonian.bulk` with
:math:`h_{bulk} = -h/m`, :math:`m^2 = 0`, :math:`V_{bulk} = V/m`; the output is :math:`F = v(T)`, and
initial conditions that stop at :math:`t = T` (:math:`|v(T)| < \epsilon`) are the positive data.

Examples
--------
>>> import sympy as sp
>>> t, x = sp.Symbol('t'), sp.Symbol('x')
>>> net = FrictionNetwork(1, -x**2/2, -sp.Integer(1), x=x, layers=4, t_final=1)
>>> # x'' = -x' - x, step 1/4 from (0, 1); by hand v: 3/4, 1/2, 17/64, 15/256
>>> float(net.forward(0.0, 1.0)), 15/256
(0.05859375, 0.05859375)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Sequence

import numpy as np
import scipy.optimize
import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.latex import latex as _latex
from mathml.core.progress import progress_bar
from mathml.core.symbols import distinguished_symbol

from .fit import _Model, _train, loss_and_gradient
from .network import _check_expr

__all__ = ["TIME", "FrictionNetwork", "FrictionFit", "fit_friction", "legendre_basis"]

TIME = sp.Symbol("t")


@dataclass(frozen=True, eq=False)   # array fields: identity equality
class FrictionNetwork:
    """Forward-Euler network of ``m x'' = h(t) x' + V'(x)`` on ``[0, t_final]`` with ``layers`` steps.

    Parameters
    ----------
    mass : float
        Positive mass ``m``.
    V : sympy Expr
        The potential in the position symbol ``x``.
    h : sympy Expr in the time symbol, or sequence of ``layers`` floats
        The friction coefficient, evaluated at each layer's input time.
    x : Symbol, optional
        The position symbol of ``V``; inferred when omitted (the symbol named ``x``, else V's only
        free symbol).
    layers : int
    t_final : float
    t : Symbol, optional
        The time symbol of an expression ``h``; inferred like ``x`` (default `TIME`).

    Examples
    --------
    >>> import sympy as sp
    >>> q, s = sp.Symbol('q', real=True), sp.Symbol('s')       # the user's own symbols
    >>> net = FrictionNetwork(1.0, q**2/2, -sp.exp(-s), layers=4, t_final=1.0)
    >>> net.x is q, net.t is s
    (True, True)
    """

    mass: float
    V: sp.Expr
    h: Any
    x: sp.Symbol | None = None
    layers: int = 20
    t_final: float = 10.0
    t: sp.Symbol | None = None

    def __post_init__(self):
        if not isinstance(self.layers, int) or self.layers < 1:
            raise InvalidInputError(f"layers must be a positive int, got {self.layers!r}")
        if float(self.mass) <= 0 or float(self.t_final) <= 0:
            raise InvalidInputError("mass and t_final must be positive")
        V = _check_expr(self.V, "V")
        object.__setattr__(self, "x", distinguished_symbol([V], self.x, name="x"))
        if V.free_symbols - {self.x}:
            raise InvalidInputError(f"V must depend on x = {self.x} only, got symbols {V.free_symbols}")
        times = np.arange(self.layers) * self.step
        if isinstance(self.h, sp.Basic):
            t = distinguished_symbol([self.h], self.t, name="t")
            object.__setattr__(self, "t", t)
            if self.h.free_symbols - {t}:
                raise InvalidInputError(f"h must be an expression in the time symbol {t} only; pass t=...")
            hv = np.asarray(sp.lambdify(t, self.h, "numpy")(times), dtype=float) * np.ones(self.layers)
        else:
            if self.t is None:
                object.__setattr__(self, "t", TIME)
            hv = np.asarray(self.h, dtype=float).ravel()
            if hv.shape != (self.layers,):
                raise ShapeMismatchError(f"h has {hv.size} values, expected {self.layers}")
        object.__setattr__(self, "_h", hv)
        object.__setattr__(self, "_times", times)
        dV = sp.diff(V, self.x) / float(self.mass)
        object.__setattr__(self, "_dVm", sp.lambdify(self.x, dV + 0 * self.x, "numpy"))
        object.__setattr__(self, "_d2Vm", sp.lambdify(self.x, sp.diff(dV, self.x) + 0 * self.x, "numpy"))

    @property
    def step(self) -> float:
        """The time step ``t_final / layers``."""
        return float(self.t_final) / self.layers

    @property
    def times(self) -> np.ndarray:
        """Input time of each layer, ``n * step``."""
        return self._times.copy()

    @property
    def h_values(self) -> np.ndarray:
        """The friction coefficient h at each layer's input time."""
        return self._h.copy()

    def forward(self, x0, v0):
        """Velocity at ``t_final`` (vectorised)."""
        x, v = np.broadcast_arrays(np.asarray(x0, dtype=float), np.asarray(v0, dtype=float))
        s, m = self.step, float(self.mass)
        for n in range(self.layers):
            x, v = x + s * v, v + s * (self._h[n] * v / m + self._dVm(x))
        return v

    def _model(self) -> _Model:
        m = float(self.mass)
        dV, d2V = self._dVm, self._d2Vm
        # bulk form: pi' = pi - s*(h_b pi - m2 phi - dV_b) with h_b = -h/m; output F = v
        # unit smoothness weights (the bulk weights eta^4 have no meaning in t)
        return _Model(0.0, self.step, 1.0, np.ones(self.layers), lambda x: dV(x), lambda x: d2V(x), (),
                      out_pi=1.0, out_phi=0.0, out_dV=0.0), m

    def _repr_latex_(self) -> str:
        return (rf"${_latex(self.mass)}\,\ddot x = h(t)\dot x + {_latex(sp.diff(self.V, self.x))},"
                rf"\ t\in[0, {self.t_final}],\ N = {self.layers}$")


@dataclass(frozen=True, eq=False)   # array fields: identity equality
class FrictionFit:
    """Learned h per layer of a `FrictionNetwork`, with the classification accuracy.

    ``loss`` is the final bump loss (last ``delta``, with the penalty); ``coefficients`` are the
    Legendre coefficients of h when a smooth basis was fitted (empty for free per-layer values);
    ``starts`` is the number of starts tried (the lowest loss is kept).

    Parameters
    ----------
    h : numpy.ndarray
        Learned h per layer.
    accuracy : float
        Training accuracy.
    network : FrictionNetwork
        The fitted network.
    history : tuple
        (delta, loss) per continuation stage.
    loss : float
        Final loss.
    coefficients : numpy.ndarray or None
        Basis coefficients of h.
    starts : int
        Number of starts tried.
    """

    h: np.ndarray
    accuracy: float
    network: FrictionNetwork
    history: tuple = ()
    loss: float = float("nan")
    coefficients: np.ndarray = field(default_factory=lambda: np.zeros(0))
    starts: int = 1

    def compare(self, h_ref) -> np.ndarray:
        """Per-layer difference ``h - h_ref`` (h_ref: an expression in `TIME` or an array)."""
        n = self.network
        ref = FrictionNetwork(n.mass, n.V, h_ref, x=n.x, layers=n.layers, t_final=n.t_final)
        return self.h - ref.h_values

    def _repr_latex_(self) -> str:
        return r"$h = (" + ", ".join(f"{x:.3f}" for x in self.h) + rf"),\ \text{{acc}} = {self.accuracy:.3f}$"


def legendre_basis(layers: int, size: int) -> np.ndarray:
    """``(layers, size)`` matrix of the Legendre polynomials P_0..P_{size-1} at the layer times t_n,
    mapped to ``2 t_n / T - 1`` in [-1, 1).

    Parameters
    ----------
    layers : int
        Number of layers.
    size : int
        Number of sample points.

    Returns
    -------
    numpy.ndarray
        ``(layers, size)`` matrix of the Legendre polynomials P_0..P_{size-1} at the layer times t_n,
        mapped to ``2 t_n / T - 1`` in [-1, 1).
    """
    if not isinstance(size, (int, np.integer)) or not 1 <= size <= layers:
        raise InvalidInputError(f"basis size must be an int in [1, {layers}], got {size!r}")
    u = 2.0 * np.arange(layers) / layers - 1.0          # t_n / T mapped to [-1, 1)
    return np.polynomial.legendre.legvander(u, int(size) - 1)


def _coefficient_loss(model, B, m, c, data, *, eps, delta, reg):
    """Bump loss (+ smoothness penalty on h) at h = B c and its exact gradient in c."""
    x0, v0, y = data
    L, ghb, _ = loss_and_gradient(model, -(B @ c) / m, np.zeros(0), x0, v0, y, eps=eps, delta=delta, reg=reg)
    return L, -(B.T @ ghb) / m


def _fit_coefficients(model, B, c, m, data, *, eps, deltas, reg, maxiter):
    """L-BFGS-B on the coefficients c of h = B c (exact gradient: chain rule through the checked
    reverse-mode `loss_and_gradient` of the bulk form h_b = -h/m), annealing the bump width."""
    history = []
    L = float("nan")
    for delta in deltas:
        def fun(c, delta=delta):
            return _coefficient_loss(model, B, m, c, data, eps=eps, delta=delta, reg=reg)
        res = scipy.optimize.minimize(fun, c, jac=True, method="L-BFGS-B", options={"maxiter": maxiter})
        c, L = res.x, float(res.fun)
        history.append((delta, L))
    return c, L, tuple(history)


def fit_friction(data, *, mass: float = 1.0, V: sp.Expr, x: sp.Symbol | None = None,
                 layers: int = 20, t_final: float = 10.0, h0=None, seed: int = 0, reg: float = 0.01,
                 eps: float = 0.1, deltas: Sequence[float] = (1.0, 0.3, 0.1, 0.03, 0.01),
                 maxiter: int = 300, basis=None, starts=None, progress: bool | None = None) -> FrictionFit:
    r"""Recover h(t) per layer from initial conditions labelled 0 if they stop (``|v(T)| < eps``).

    Parameters
    ----------
    data : tuple (x0, v0, y)
        Initial conditions and labels (0: ``|v(T)| < eps``, 1: not), e.g. from `bulk_data`.
    h0 : array, optional
        Starting h per layer (default: seeded ``N(0, 0.5)`` per layer).
    reg : float
        Weight of the smoothness penalty :math:`\sum_n (h_{n+1} - h_n)^2`.
    basis : int or sequence of int, optional
        Fit h = sum_k c_k P_k(2t/T - 1) with the first ``basis`` Legendre polynomials instead of
        ``layers`` free values.  A sequence (e.g. ``(3, 5)``) is a continuation: fit with each size
        in turn, starting from the least-squares projection of the previous h.  ``None``: free values.
    starts : sequence of float or of arrays, optional
        Multi-start: each entry is a starting h (a constant or per-layer array); the fit with the
        lowest final loss is kept.  Default: just ``h0``.
    progress : bool or None
        A progress bar over the starts and basis sizes (None: only in a terminal or notebook).

    Notes
    -----
    Stop/no-stop labels pin h on the early part of [0, T] and only weakly on the late part (by then
    most trajectories have come to rest): 20 free values without a penalty, or 6+ basis terms, reach
    a lower loss than the truth with errors of ~0.5 at late t.  For the synthetic example of
    ``docs/hamiltonian.md`` use ``basis=(3, 5), reg=0.0, starts=(-0.3, -0.6, -1.0)``: mean per-layer
    error 0.007 (old free-value default: 0.114).

    Returns
    -------
    FrictionFit
        Recover h(t) per layer from initial conditions labelled 0 if they stop (``|v(T)| < eps``).
    """
    x0, v0, y = (np.asarray(a, dtype=float).ravel() for a in data)
    if not (x0.shape == v0.shape == y.shape):
        raise ShapeMismatchError("x0, v0 and labels must have equal length")
    rng = np.random.default_rng(seed)
    h = np.asarray(h0, dtype=float).copy() if h0 is not None else rng.normal(0.0, 0.5, layers)
    net = FrictionNetwork(mass, V, h, x=x, layers=layers, t_final=t_final)
    model, m = net._model()
    if basis is None and starts is None:
        # train on h_b = -h/m, the bulk-form coefficient (the original free per-layer fit)
        hb, _, history = _train(model, -h / m, np.zeros(0), (x0, v0, y), eps=eps, deltas=deltas, reg=reg,
                                maxiter=maxiter, progress=progress)
        h = -hb * m
        loss = history[-1][1] if history else float("nan")
        coef, nstarts = np.zeros(0), 1
    else:
        sizes = [layers] if basis is None else ([basis] if np.isscalar(basis) else list(basis))
        bases = [legendre_basis(layers, k) for k in sizes]
        inits = [h] if starts is None else [np.broadcast_to(np.asarray(s0, dtype=float), (layers,)).copy()
                                            for s0 in starts]
        best = None
        bar = progress_bar(len(inits) * len(bases), desc="fit_friction", enabled=progress)
        for hs in inits:
            hist = []
            for B in bases:
                bar.update(1)
                c = np.linalg.lstsq(B, hs, rcond=None)[0]
                c, L, hh = _fit_coefficients(model, B, c, m, (x0, v0, y), eps=eps, deltas=deltas, reg=reg,
                                             maxiter=maxiter)
                hs, hist = B @ c, hist + list(hh)
            if best is None or L < best[1]:
                best = (hs, L, c, tuple(hist))
        bar.close()
        h, loss, coef, history = best
        coef = coef if basis is not None else np.zeros(0)
        nstarts = len(inits)
    final = FrictionNetwork(mass, V, h, x=x, layers=layers, t_final=t_final)
    acc = float(np.mean((np.abs(final.forward(x0, v0)) < eps) == (y < 0.5)))
    return FrictionFit(h, acc, final, history, loss, coef, nstarts)
