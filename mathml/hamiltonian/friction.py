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

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError

from .fit import _Model, _train
from .network import _check_expr

__all__ = ["TIME", "FrictionNetwork", "FrictionFit", "fit_friction"]

TIME = sp.Symbol("t")


@dataclass(frozen=True, eq=False)   # array fields: identity equality
class FrictionNetwork:
    """Forward-Euler network of ``m x'' = h(t) x' + V'(x)`` on ``[0, t_final]`` with ``layers`` steps.

    ``h`` is a sympy expression in `TIME` or an array of one value per layer.
    """

    mass: float
    V: sp.Expr
    h: Any
    x: sp.Symbol = sp.Symbol("x")
    layers: int = 20
    t_final: float = 10.0

    def __post_init__(self):
        if not isinstance(self.layers, int) or self.layers < 1:
            raise InvalidInputError(f"layers must be a positive int, got {self.layers!r}")
        if float(self.mass) <= 0 or float(self.t_final) <= 0:
            raise InvalidInputError("mass and t_final must be positive")
        V = _check_expr(self.V, "V")
        if V.free_symbols - {self.x}:
            raise InvalidInputError(f"V must depend on x = {self.x} only, got symbols {V.free_symbols}")
        times = np.arange(self.layers) * self.step
        if isinstance(self.h, sp.Basic):
            if self.h.free_symbols - {TIME}:
                raise InvalidInputError("h must be an expression in t (mathml.hamiltonian.friction.TIME)")
            hv = np.asarray(sp.lambdify(TIME, self.h, "numpy")(times), dtype=float) * np.ones(self.layers)
        else:
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
        return float(self.t_final) / self.layers

    @property
    def times(self) -> np.ndarray:
        return self._times.copy()

    @property
    def h_values(self) -> np.ndarray:
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
        return (rf"${sp.latex(self.mass)}\,\ddot x = h(t)\dot x + {sp.latex(sp.diff(self.V, self.x))},"
                rf"\ t\in[0, {self.t_final}],\ N = {self.layers}$")


@dataclass(frozen=True, eq=False)   # array fields: identity equality
class FrictionFit:
    """Learned h per layer of a `FrictionNetwork`, with the final loss and the classification accuracy."""

    h: np.ndarray
    accuracy: float
    network: FrictionNetwork
    history: tuple = ()

    def _repr_latex_(self) -> str:
        return r"$h = (" + ", ".join(f"{x:.3f}" for x in self.h) + rf"),\ \text{{acc}} = {self.accuracy:.3f}$"


def fit_friction(data, *, mass: float = 1.0, V: sp.Expr, x: sp.Symbol = sp.Symbol("x"),
                 layers: int = 20, t_final: float = 10.0, h0=None, seed: int = 0, reg: float = 0.01,
                 eps: float = 0.1, deltas: Sequence[float] = (1.0, 0.3, 0.1, 0.03, 0.01),
                 maxiter: int = 300) -> FrictionFit:
    """Recover h(t) per layer from initial conditions labelled 0 if they stop (``|v(T)| < eps``)."""
    x0, v0, y = (np.asarray(a, dtype=float).ravel() for a in data)
    if not (x0.shape == v0.shape == y.shape):
        raise ShapeMismatchError("x0, v0 and labels must have equal length")
    rng = np.random.default_rng(seed)
    h = np.asarray(h0, dtype=float).copy() if h0 is not None else rng.normal(0.0, 0.5, layers)
    net = FrictionNetwork(mass, V, h, x=x, layers=layers, t_final=t_final)
    model, m = net._model()
    # train on h_b = -h/m, the bulk-form coefficient
    hb, _, history = _train(model, -h / m, np.zeros(0), (x0, v0, y), eps=eps, deltas=deltas, reg=reg,
                            maxiter=maxiter)
    h = -hb * m
    final = FrictionNetwork(mass, V, h, x=x, layers=layers, t_final=t_final)
    acc = float(np.mean((np.abs(final.forward(x0, v0)) < eps) == (y < 0.5)))
    return FrictionFit(h, acc, final, history)
