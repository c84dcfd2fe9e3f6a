r"""The AdS/DL bulk network of Hashimoto, Sugishita, Tanaka and Tomiya (arXiv 1802.08313).

Metric :math:`ds^2 = -f(\eta)dt^2 + d\eta^2 + g(\eta)dx_{(d-1)}^2`, scalar action
:math:`\int\sqrt{-g}[-\tfrac12(\partial\phi)^2 - \tfrac12 m^2\phi^2 - V(\phi)]`; the equation of motion is
:math:`\partial_\eta\pi + h\pi - m^2\phi - V'(\phi) = 0` with :math:`\pi = \partial_\eta\phi` and
:math:`h = \partial_\eta \log\sqrt{f g^{d-1}}`.  With a *signed* step :math:`\Delta\eta` (negative from
the boundary :math:`\eta_{ini}` to the horizon :math:`\eta_{fin}`) one layer is

.. math::
    \phi \mapsto \phi + \Delta\eta\,\pi, \qquad
    \pi \mapsto \pi - \Delta\eta\,[h(\eta_n)\pi - m^2\phi - V'(\phi)],

i.e. :math:`W^{(n)} = \begin{pmatrix}1 & \Delta\eta\\
\Delta\eta\, m^2 & 1 - \Delta\eta\, h(\eta_n)\end{pmatrix}`
plus :math:`(0, \Delta\eta V'(\phi))` with :math:`V'` at the layer's *input* :math:`\phi` (simultaneous
update, as in the public code of 1809.10536).  The talk's
:math:`\pi(\eta + d) = \pi + d(h\pi - V')` has the opposite sign and drops :math:`m^2\phi`; see
`talk_bulk_update`.

Examples
--------
>>> import sympy as sp
>>> ph = sp.Symbol('phi')
>>> net = BulkNetwork(3, -1, ph**4/4, ads_schwarzschild_h(3), 1, sp.Rational(1, 10), 10)
>>> round(float(net.forward(0.5, -0.1)), 6)     # brief section 2.2 oracle: 3.9766403
3.97664
>>> float(net.forward(1.0, 0.0))                # exact fixed point for m^2 = -1, V = phi^4/4
0.0
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.latex import latex as _latex
from mathml.core.symbols import distinguished_symbol

from .network import _check_expr

__all__ = ["ETA", "PHI", "PI", "metric_function", "ads_schwarzschild_h", "ads_schwarzschild_metric",
           "BulkNetwork", "bump", "bulk_update", "talk_bulk_update", "bulk_eom",
           "smoothness_penalty"]

ETA = sp.Symbol("eta", positive=True)
PHI = sp.Symbol("phi")
PI = sp.Symbol("pi_phi")


def metric_function(f: Any, g: Any, d: int, eta: sp.Symbol | None = None) -> sp.Expr:
    r""":math:`h(\eta) = \partial_\eta \log\sqrt{f g^{d-1}}`, simplified.

    Parameters
    ----------
    f, g : sympy Expr
        Metric functions of the radial coordinate.
    d : int
        Boundary dimension.
    eta : Symbol, optional
        The radial coordinate; inferred from ``f`` and ``g`` when omitted (the symbol named ``eta``,
        else their only free symbol; `ETA` when they have none).

    Returns
    -------
    sympy.Expr

    Raises
    ------
    InvalidInputError
        Bad ``d``, or an ``eta`` that cannot be inferred or contradicts ``positive=True``.

    Examples
    --------
    >>> import sympy as sp
    >>> e = sp.Symbol('eta', positive=True)
    >>> metric_function(sp.exp(2*e), sp.exp(2*e), 3, e)     # pure AdS: h = d
    3
    >>> r = sp.Symbol('r')                                    # the user's own coordinate is inferred
    >>> metric_function(sp.exp(2*r), sp.exp(2*r), 3)
    3
    """
    f, g = _check_expr(f, "f"), _check_expr(g, "g")
    if isinstance(d, bool) or not isinstance(d, int) or d < 1:
        raise InvalidInputError(f"d must be a positive int (boundary dimension), got {d!r}")
    eta = _eta_symbol([f, g], eta)
    return sp.simplify(sp.diff(sp.log(f * g ** (d - 1)) / 2, eta))


def _eta_symbol(exprs: list, eta: Any) -> sp.Symbol:
    sym = distinguished_symbol(exprs, eta, name="eta", positive=True)
    return ETA if sym == ETA else sym


def _phi_symbol(V: sp.Expr, phi: Any, params: Mapping | None = None) -> sp.Symbol:
    """The field symbol of V: params are parameters, not candidates (masked by fresh dummies)."""
    masked = V.xreplace({k: sp.Dummy() for k in params}) if params else V
    free = {s for s in masked.free_symbols if not isinstance(s, sp.Dummy)}
    return distinguished_symbol([sp.Add(*free)] if free else [], phi, name="phi")


def ads_schwarzschild_metric(d: int, L: Any = 1, eta: sp.Symbol = ETA, r0: Any = 1) -> tuple:
    r"""``(f, g)`` of the AdS\ :sub:`d+1` black hole in the coordinate :math:`r = r_0\cosh^{2/d}(d\eta/2L)`.

    From :math:`ds^2 = -(r^2/L^2)F dt^2 + L^2 dr^2/(r^2 F) + (r^2/L^2) dx^2`, :math:`F = 1 - (r_0/r)^d`:
    then :math:`d\eta = L\,dr/(r\sqrt F)`, :math:`f = (r^2/L^2)F`, :math:`g = r^2/L^2`.

    Parameters
    ----------
    d : int
        Boundary dimension (AdS_{d+1}).
    L : object, optional
        AdS radius.
    eta : sympy.Symbol, optional
        Radial coordinate symbol (inferred when omitted).
    r0 : object, optional
        Horizon radius.

    Returns
    -------
    tuple
        ``(f, g)`` of the AdS\ :sub:`d+1` black hole in the coordinate :math:`r =
        r_0\cosh^{2/d}(d\eta/2L)`.
    """
    L, r0 = _check_expr(L, "L"), _check_expr(r0, "r0")
    r = r0 * sp.cosh(d * eta / (2 * L)) ** sp.Rational(2, d)
    F = 1 - (r0 / r) ** d
    return (r**2 / L**2) * F, r**2 / L**2


def ads_schwarzschild_h(d: int, L: Any = 1, eta: sp.Symbol = ETA) -> sp.Expr:
    r""":math:`h = (d/L)\coth(d\eta/L)`, the AdS-Schwarzschild reference metric function.

    Parameters
    ----------
    d : int
        Boundary dimension (AdS_{d+1}).
    L : object, optional
        AdS radius.
    eta : sympy.Symbol, optional
        Radial coordinate symbol (inferred when omitted).

    Returns
    -------
    sympy.Expr
        :math:`h = (d/L)\coth(d\eta/L)`, the AdS-Schwarzschild reference metric function.

    Examples
    --------
    >>> ads_schwarzschild_h(3)
    3/tanh(3*eta)
    """
    if not isinstance(d, int) or d < 1:
        raise InvalidInputError(f"d must be a positive int, got {d!r}")
    L = _check_expr(L, "L")
    return (d / L) / sp.tanh(d * eta / L)


def bulk_eom(h: Any, m2: Any, V: sp.Expr, phi_of_eta: sp.Expr, eta: sp.Symbol | None = None, *,
             phi: sp.Symbol | None = None) -> sp.Expr:
    r"""The residual :math:`\phi'' + h\phi' - m^2\phi - V'(\phi)` of the bulk equation of motion.

    Parameters
    ----------
    h, m2 : sympy Expr or number
    V : sympy Expr
        The potential in the field symbol ``phi``.
    phi_of_eta : sympy Expr
        A trial solution, a function of ``eta``.
    eta : Symbol, optional
        The radial coordinate; inferred from ``phi_of_eta`` and ``h`` when omitted.
    phi : Symbol, optional
        The field symbol of ``V``; inferred when omitted (the symbol named ``phi``, else V's only
        free symbol; `PHI` when V is constant).

    Returns
    -------
    sympy.Expr

    Examples
    --------
    >>> import sympy as sp
    >>> x, r = sp.symbols('x r')                  # the user's field and coordinate symbols
    >>> bulk_eom(0, -1, x**4/4, sp.exp(-r))
    2*exp(-r) - exp(-3*r)
    """
    phi_of_eta = _check_expr(phi_of_eta, "phi")
    V = _check_expr(V, "V")
    h = _check_expr(h, "h")
    field = _phi_symbol(V, phi)
    eta = _eta_symbol([phi_of_eta, h], eta)
    dV = sp.diff(V, field).subs(field, phi_of_eta)
    return sp.diff(phi_of_eta, eta, 2) + h * sp.diff(phi_of_eta, eta) - m2 * phi_of_eta - dV


def bulk_update(phi, pi, h, m2, dV, step) -> tuple:
    """One correct layer with signed step: ``(phi + step*pi, pi - step*(h*pi - m2*phi - dV))``.

    Parameters
    ----------
    phi : object
        Field value(s), or a time reparametrisation phi(t).
    pi : object
        Conjugate momentum value(s).
    h : object
        Metric function value(s) h.
    m2 : object
        Mass squared.
    dV : object
        V'(phi) at the layer input.
    step : object
        Signed step (Delta eta).

    Returns
    -------
    tuple
        One correct layer with signed step: ``(phi + step*pi, pi - step*(h*pi - m2*phi - dV))``.
    """
    return phi + step * pi, pi - step * (h * pi - m2 * phi - dV)


def talk_bulk_update(phi, pi, h, dV, step) -> tuple:
    """The talk's layer ``(phi + d*pi, pi + d*(h*pi - dV))`` (wrong sign; its V has the mass term): refuted.

    Parameters
    ----------
    phi : object
        Field value(s), or a time reparametrisation phi(t).
    pi : object
        Conjugate momentum value(s).
    h : object
        Metric function value(s) h.
    dV : object
        V'(phi) at the layer input.
    step : object
        Signed step (Delta eta).

    Returns
    -------
    tuple
        The talk's layer ``(phi + d*pi, pi + d*(h*pi - dV))`` (wrong sign; its V has the mass term): refuted.
    """
    return phi + step * pi, pi + step * (h * pi - dV)


def bump(F, eps: float = 0.1, delta: float = 0.01):
    r"""The smoothed indicator
    :math:`t(F) = \tfrac12[\tanh((F-\epsilon)/\delta) - \tanh((F+\epsilon)/\delta) + 2]`.

    Approximately 0 for :math:`|F| < \epsilon` (positive data) and 1 otherwise.

    Parameters
    ----------
    F : object
        Horizon values F of the network output.
    eps : float, optional
        Threshold |F| < eps for a positive label.
    delta : float, optional
        Width of the smoothed indicator.

    Returns
    -------
    object
        The smoothed indicator :math:`t(F) = \tfrac12[\tanh((F-\epsilon)/\delta) -
        \tanh((F+\epsilon)/\delta) + 2]`.

    Examples
    --------
    >>> f"{bump(0.0):.1e}", round(float(bump(0.2)), 12)    # brief: t(0) ~ 4e-9, t(0.2) ~ 1
    ('4.1e-09', 1.0)
    """
    F = np.asarray(F, dtype=float)
    return 0.5 * (np.tanh((F - eps) / delta) - np.tanh((F + eps) / delta) + 2.0)


def _bump_grad(F, eps, delta):
    return 0.5 / delta * ((1 - np.tanh((F - eps) / delta) ** 2) - (1 - np.tanh((F + eps) / delta) ** 2))


@dataclass(frozen=True, eq=False)   # array fields: identity equality
class BulkNetwork:
    """The discretised bulk equation of motion as a deep network (one layer per eta step).

    Parameters
    ----------
    d : int
        Boundary dimension (AdS_{d+1}).
    m2 : float
        Mass squared.
    V : sympy Expr
        Interaction potential in `PHI` (or in the symbol passed as ``phi``); other symbols are
        parameters whose values go in ``params`` (e.g. ``lam`` in ``lam*phi**4/4``).
    h : sympy Expr in `ETA`, or sequence of ``layers`` floats
        The metric function; an expression is evaluated at each layer's input eta.
    eta_ini, eta_fin : float
        Boundary and horizon cut-off; the step ``(eta_fin - eta_ini)/layers`` is signed.
    layers : int
    phi : Symbol, optional
        The field symbol of ``V``.  Inferred when omitted: the symbol of ``V`` named ``phi`` (any
        assumptions), else the only free symbol of ``V`` that is not a key of ``params``; a
        same-named symbol with contradicting assumptions raises.
    params : mapping Symbol -> float, optional
    eta : Symbol, optional
        The radial coordinate of an expression ``h``; inferred like ``phi`` (default `ETA`).

    Examples
    --------
    >>> import sympy as sp
    >>> phi, lam = sp.Symbol('phi', real=True), sp.Symbol('lam')   # the user's own symbols
    >>> net = BulkNetwork(3, -1, lam*phi**4/4, ads_schwarzschild_h(3), 1, sp.Rational(1, 10), 10,
    ...                   params={lam: 1})
    >>> net.phi is phi, float(net.forward(1.0, 0.0))
    (True, 0.0)
    """

    d: int
    m2: float
    V: sp.Expr
    h: Any
    eta_ini: float
    eta_fin: float
    layers: int
    phi: sp.Symbol | None = None
    params: Mapping = field(default_factory=dict)
    eta: sp.Symbol | None = None

    def __post_init__(self):
        if not isinstance(self.layers, int) or self.layers < 1:
            raise InvalidInputError(f"layers must be a positive int, got {self.layers!r}")
        V = _check_expr(self.V, "V")
        if not all(isinstance(k, sp.Symbol) for k in self.params):
            raise InvalidInputError(f"params keys must be sympy Symbols, got {list(self.params)}")
        if self.phi is not None and not isinstance(self.phi, sp.Symbol):
            raise InvalidInputError(f"phi must be a sympy Symbol, got {self.phi!r}")
        field_symbol = _phi_symbol(V, self.phi, self.params)
        object.__setattr__(self, "phi", PHI if field_symbol == PHI else field_symbol)
        extra = V.free_symbols - {self.phi} - set(self.params)
        if extra:
            raise InvalidInputError(f"V has symbols {sorted(map(str, extra))} without values; pass them in "
                                    f"params, and name the field with phi= (now {self.phi})")
        eta_ini, eta_fin = float(self.eta_ini), float(self.eta_fin)
        if eta_fin <= 0 or eta_ini <= 0 or eta_ini == eta_fin:
            raise InvalidInputError("need eta_ini, eta_fin > 0 and different (eta = 0 is the horizon)")
        etas = eta_ini + np.arange(self.layers) * (eta_fin - eta_ini) / self.layers
        if isinstance(self.h, sp.Basic):
            eta = _eta_symbol([self.h], self.eta)
            object.__setattr__(self, "eta", eta)
            hfun = sp.lambdify(eta, self.h, "numpy")
            free = self.h.free_symbols - {eta}
            if free:
                raise InvalidInputError(f"h must be an expression in eta only; extra symbols {free}")
            hv = np.asarray(hfun(etas), dtype=float) * np.ones(self.layers)
        else:
            hv = np.asarray(self.h, dtype=float).ravel()
            if hv.shape != (self.layers,):
                raise ShapeMismatchError(f"h has {hv.size} values, expected one per layer ({self.layers})")
        if not np.all(np.isfinite(hv)):
            raise InvalidInputError("h is not finite at some layer input eta")
        object.__setattr__(self, "_etas", etas)
        object.__setattr__(self, "_h", hv)
        sub = {k: float(v) for k, v in self.params.items()}
        dV = sp.diff(V, self.phi).subs(sub)
        object.__setattr__(self, "_dV", _fast_lambdify(self.phi, dV))
        object.__setattr__(self, "_d2V", sp.lambdify(self.phi, sp.diff(dV, self.phi).subs(sub) + 0 * self.phi,
                                                     "numpy"))

    @property
    def step(self) -> float:
        """The signed step (negative from boundary to horizon)."""
        return (float(self.eta_fin) - float(self.eta_ini)) / self.layers

    @property
    def etas(self) -> np.ndarray:
        """Input eta of each layer, ``eta_ini + n*step``."""
        return self._etas.copy()

    @property
    def h_values(self) -> np.ndarray:
        """h at each layer's input eta."""
        return self._h.copy()

    def weight_matrices(self) -> list[np.ndarray]:
        """The 2x2 matrices ``[[1, step], [step*m2, 1 - step*h_n]]``."""
        s, m2 = self.step, float(self.m2)
        return [np.array([[1.0, s], [s * m2, 1.0 - s * hn]]) for hn in self._h]

    def trajectory(self, phi, pi) -> np.ndarray:
        """States at every layer: array of shape ``(layers + 1, 2) + shape(phi)``."""
        phi, pi = np.broadcast_arrays(np.asarray(phi, dtype=float), np.asarray(pi, dtype=float))
        out = np.empty((self.layers + 1, 2) + phi.shape)
        out[0, 0], out[0, 1] = phi, pi
        s, m2 = self.step, float(self.m2)
        for n in range(self.layers):
            phi, pi = bulk_update(phi, pi, self._h[n], m2, self._dV(phi), s)
            out[n + 1, 0], out[n + 1, 1] = phi, pi
        return out

    def forward(self, phi, pi):
        r"""Horizon value :math:`F = 2\pi/\eta_{fin} - m^2\phi - V'(\phi)` (vectorised)."""
        phi, pi = np.broadcast_arrays(np.asarray(phi, dtype=float), np.asarray(pi, dtype=float))
        phi, pi = phi.copy(), pi.copy()
        s, m2 = self.step, float(self.m2)
        tmp = np.empty_like(phi)
        # in place, one temporary: pi <- (1 - s h_n) pi + s m2 phi + s V'(phi), then phi <- phi + s pi_old
        # (about 2.5x faster than the expression form in `trajectory` at 10^5 inputs)
        for hn in self._h:
            dv = np.asarray(self._dV(phi), dtype=float)
            np.multiply(phi, s * m2, out=tmp)
            tmp += s * dv
            phi += s * pi
            pi *= 1.0 - s * hn
            pi += tmp
        return 2.0 * pi / float(self.eta_fin) - m2 * phi - self._dV(phi)

    def forward_loop(self, phi: float, pi: float) -> float:
        """Per-sample pure-Python forward pass (the benchmark baseline)."""
        s, m2, ef = self.step, float(self.m2), float(self.eta_fin)
        dV = self._dV
        for hn in self._h:
            dv = float(dV(phi))
            phi, pi = phi + s * pi, pi - s * (hn * pi - m2 * phi - dv)
        return 2.0 * pi / ef - m2 * phi - float(dV(phi))

    def loss(self, phi, pi, labels, *, eps: float = 0.1, delta: float = 0.01,
             reg: float = 0.01) -> float:
        r"""Mean :math:`|t(F) - y|` (y = 0 positive, 1 negative) plus
        :math:`c\sum_{n\ge1}\eta_{n-1}^4(h_n - h_{n-1})^2` (the smoothness penalty of 1809.10536's code).
        """
        y = np.asarray(labels, dtype=float)
        data = float(np.mean(np.abs(bump(self.forward(phi, pi), eps, delta) - y)))
        return data + reg * smoothness_penalty(self._h, self._etas)

    def _repr_latex_(self) -> str:
        return (rf"$\text{{BulkNetwork}}: d={self.d},\ m^2={_latex(self.m2)},\ V={_latex(self.V)},\ "
                rf"\eta: {_latex(self.eta_ini)}\to{_latex(self.eta_fin)},\ N={self.layers}$")


class _ProductPowerPrinter(NumPyPrinter):
    """Prints small integer powers of a symbol as products (numpy multiplies faster than it powers)."""

    def _print_Pow(self, expr, rational=False):
        if expr.exp.is_Integer and 2 <= expr.exp <= 6 and expr.base.is_Symbol:
            return "(" + "*".join([self._print(expr.base)] * int(expr.exp)) + ")"
        return super()._print_Pow(expr, rational=rational)


def _fast_lambdify(var: sp.Symbol, expr: sp.Expr):
    return sp.lambdify(var, expr + 0 * var, "numpy", printer=_ProductPowerPrinter)


def smoothness_penalty(h: np.ndarray, etas: np.ndarray) -> float:
    r""":math:`\sum_{n\ge1}\eta_{n-1}^4 (h_n - h_{n-1})^2`.

    Parameters
    ----------
    h : numpy.ndarray
        Metric function value(s) h.
    etas : numpy.ndarray
        Input eta of each layer.

    Returns
    -------
    float
        :math:`\sum_{n\ge1}\eta_{n-1}^4 (h_n - h_{n-1})^2`.
    """
    h = np.asarray(h, dtype=float)
    return float(np.sum(etas[:-1] ** 4 * np.diff(h) ** 2))
