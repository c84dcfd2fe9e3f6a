"""Gauge fixing of the linear neural ODE (brief 1.8): the acceleration penalty, the unique
straight-line ("linear transport") representative, its matrix obstruction, and weight decay.

Examples
--------
>>> import sympy as sp
>>> from mathml.gauge import linear_transport_gauge
>>> t = sp.Symbol('t', real=True)
>>> w, b = linear_transport_gauge(sp.Integer(3), sp.Integer(2), sp.Integer(1), t=t)
>>> w, b
(2/(2*t + 1), 2/(2*t + 1))
>>> sp.simplify(w.diff(t) + w**2), sp.simplify(b.diff(t) + w * b)   # x'' = 0
(0, 0)
"""
from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..core.errors import DomainError, InvalidInputError, ShapeMismatchError
from ._common import T_DEFAULT, align_time, as_expr, as_time_symbol, time_symbol
from .linear import LinearNODE

__all__ = ["regularizer", "linear_transport_gauge", "matrix_linear_transport_gauge",
           "transport_obstruction", "weight_decay_minimum", "weight_decay_gauge", "balanced_gauge"]


def regularizer(node: LinearNODE, lam: Any, T: Any = T_DEFAULT) -> sp.Expr:
    """L_R = lam int_0^T [(w' + w^2)^2 + ((d/dt + w) b)^2] dt: the squared coefficients of
    x'' = (w' + w^2) x + (b' + w b), so L_R = 0 iff every trajectory moves in a straight line.

    Parameters
    ----------
    node : LinearNODE
        A LinearNODE.
    lam : object
        Regularisation weight lambda.
    T : object, optional
        Final time (number or positive sympy symbol; default the symbol T).

    Returns
    -------
    sympy.Expr
        L_R = lam int_0^T [(w' + w^2)^2 + ((d/dt + w) b)^2] dt: the squared coefficients of x'' = (w' +
        w^2) x + (b' + w b), so L_R = 0 iff every trajectory ...

    Examples
    --------
    >>> import sympy as sp
    >>> node = LinearNODE()
    >>> lam, integral = regularizer(node, 2, T=1).as_coeff_Mul()
    >>> t, w, b = node.t, node.w, node.b
    >>> lam, integral.limits, sp.expand(integral.function - (w.diff(t) + w**2)**2 - (b.diff(t) + w*b)**2)
    (2, ((t, 0, 1),), 0)
    """
    if not isinstance(node, LinearNODE):
        raise InvalidInputError(f"regularizer needs a LinearNODE, got {type(node).__name__}")
    t = node.t
    x = sp.Symbol("x")
    acc = sp.expand(node.acceleration(x))
    c1, c0 = acc.coeff(x, 1), acc.coeff(x, 0)
    return as_expr(lam, "lam") * sp.Integral(sp.factor(c0)**2 + sp.factor(c1)**2, (t, 0, as_expr(T, "T")))


def linear_transport_gauge(A: Any, B: Any, T: Any = T_DEFAULT, *, t: Any = None) -> tuple:
    """(w*, b*) = ((A - 1) / (T + (A - 1) t), B / (T + (A - 1) t)): the unique representative
    of the orbit with flow map x -> A x + B whose trajectories are straight lines.

    It needs A > 0 (always true for the scalar model, A = exp(int w)); reaching it from a
    given (w, b) needs the translation c(t), not only the rescaling e^{g}.

    Parameters
    ----------
    A : object
        Flow-map slope (scalar or square matrix), or a matrix argument.
    B : object
        Flow-map offset (scalar or vector).
    T : object, optional
        Final time (number or positive sympy symbol; default the symbol T).
    t : object, optional
        Time symbol (inferred from the expressions when omitted).

    Returns
    -------
    tuple
        (w*, b*) = ((A - 1) / (T + (A - 1) t), B / (T + (A - 1) t)): the unique representative of the
        orbit with flow map x -> A x + B whose trajectories are ...
    """
    A, B, T = as_expr(A, "A"), as_expr(B, "B"), as_expr(T, "T")
    t = as_time_symbol(t)
    if A.is_positive is False:
        raise DomainError(f"A = {A} is not positive: no linear model has this flow map")
    den = T + (A - 1) * t
    return (A - 1) / den, B / den


def transport_obstruction(A: Any) -> list:
    """Eigenvalues of A in (-oo, 0]: where M(t) = 1 + (t/T)(A - 1) is singular (Gribov-like).

    Parameters
    ----------
    A : object
        Flow-map slope (scalar or square matrix), or a matrix argument.

    Returns
    -------
    list
        Eigenvalues of A in (-oo, 0]: where M(t) = 1 + (t/T)(A - 1) is singular (Gribov-like).

    Examples
    --------
    >>> transport_obstruction([[-1, 0], [0, -1]])   # rotation by pi
    [-1.0, -1.0]
    """
    M = np.asarray(A, dtype=float)
    if M.ndim != 2 or M.shape[0] != M.shape[1]:
        raise ShapeMismatchError(f"A must be square, got shape {M.shape}")
    ev = np.linalg.eigvals(M)
    bad = [float(e.real) for e in ev if abs(e.imag) <= 1e-12 * max(1, abs(e)) and e.real <= 1e-12]
    return sorted(bad)


def matrix_linear_transport_gauge(A: Any, B: Any, T: Any = T_DEFAULT, *, t: Any = None) -> tuple:
    """(W*, b*) = ((A - 1) M^{-1} / T, M^{-1} B / T) with M(t) = 1 + (t/T)(A - 1).

    Raises DomainError when A has an eigenvalue in (-oo, 0]: then M(t) is singular at some
    t in (0, T] and no straight-line representative exists.

    Parameters
    ----------
    A : object
        Flow-map slope (scalar or square matrix), or a matrix argument.
    B : object
        Flow-map offset (scalar or vector).
    T : object, optional
        Final time (number or positive sympy symbol; default the symbol T).
    t : object, optional
        Time symbol (inferred from the expressions when omitted).

    Returns
    -------
    tuple
        (W*, b*) = ((A - 1) M^{-1} / T, M^{-1} B / T) with M(t) = 1 + (t/T)(A - 1).
    """
    A_m, B_m = sp.Matrix(A), sp.Matrix(B)
    n = A_m.shape[0]
    if A_m.shape != (n, n) or B_m.shape != (n, 1):
        raise ShapeMismatchError(f"A must be n x n and B n x 1, got {A_m.shape}, {B_m.shape}")
    bad = transport_obstruction(np.array(A_m.evalf(), dtype=float))
    if bad:
        raise DomainError(f"A has eigenvalue(s) {bad} in (-oo, 0]: the straight-line gauge does "
                          "not exist (M(t) = 1 + t(A-1)/T becomes singular)")
    t = as_time_symbol(t)
    T = as_expr(T, "T")
    M = sp.eye(n) + (t / T) * (A_m - sp.eye(n))
    Minv = M.inv()
    return (A_m - sp.eye(n)) * Minv / T, Minv * B_m / T


def weight_decay_minimum(w: Any, T: Any = T_DEFAULT, *, t: Any = None) -> sp.Expr:
    """min over g with g(0) = g(T) = 0 of int_0^T (w + g')^2 dt = (int_0^T w)^2 / T.

    Parameters
    ----------
    w : object
        The weight function w(t).
    T : object, optional
        Final time (number or positive sympy symbol; default the symbol T).
    t : object, optional
        Time symbol (inferred from the expressions when omitted).

    Returns
    -------
    sympy.Expr
        Min over g with g(0) = g(T) = 0 of int_0^T (w + g')^2 dt = (int_0^T w)^2 / T.

    Examples
    --------
    >>> import sympy as sp
    >>> t = sp.Symbol('t', real=True)
    >>> weight_decay_minimum(sp.sin(t), 1, t=t).doit()   # (1 - cos 1)^2
    (1 - cos(1))**2
    """
    w, T = as_expr(w, "w"), as_expr(T, "T")
    t = time_symbol([w], t)
    w = align_time(w, t)
    return sp.Integral(w, (t, 0, T))**2 / T


def weight_decay_gauge(w: Any, T: Any = T_DEFAULT, *, t: Any = None) -> sp.Expr:
    """The minimising gauge function g(t) = (t/T) int_0^T w - int_0^t w (so w + g' is constant).

    Parameters
    ----------
    w : object
        The weight function w(t).
    T : object, optional
        Final time (number or positive sympy symbol; default the symbol T).
    t : object, optional
        Time symbol (inferred from the expressions when omitted).

    Returns
    -------
    sympy.Expr
        The minimising gauge function g(t) = (t/T) int_0^T w - int_0^t w (so w + g' is constant).
    """
    w, T = as_expr(w, "w"), as_expr(T, "T")
    t = time_symbol([w], t)
    w = align_time(w, t)
    s = sp.Symbol("s", real=True)
    return t / T * sp.Integral(w.subs(t, s), (s, 0, T)) - sp.Integral(w.subs(t, s), (s, 0, t))


def balanced_gauge(W1: Any, b1: Any, W2: Any) -> tuple[np.ndarray, np.ndarray]:
    """Per hidden ReLU unit: lam_i^2 = ||c_i|| / ||r_i|| minimises ||lam r_i||^2 + ||c_i / lam||^2,
    the minimum being 2 ||r_i|| ||c_i|| (r_i = [W1 | b1]_i fan-in row, c_i = W2[:, i] fan-out).

    Returns (lam, minimum per unit).

    Parameters
    ----------
    W1 : object
        First-layer weights, shape (h, d).
    b1 : object
        First-layer biases, shape (h,).
    W2 : object
        Second-layer weights, shape (k, h).
    """
    W1, W2 = np.asarray(W1, dtype=float), np.asarray(W2, dtype=float)
    b1 = np.asarray(b1, dtype=float)
    if W1.ndim != 2 or W2.ndim != 2 or b1.shape != (W1.shape[0],) or W2.shape[1] != W1.shape[0]:
        raise ShapeMismatchError(f"need W1 (h x d), b1 (h,), W2 (k x h); got {W1.shape}, "
                                 f"{b1.shape}, {W2.shape}")
    r = np.linalg.norm(np.hstack([W1, b1[:, None]]), axis=1)
    c = np.linalg.norm(W2, axis=0)
    if np.any(r == 0) or np.any(c == 0):
        raise InvalidInputError("every hidden unit needs nonzero fan-in and fan-out to be balanced")
    return np.sqrt(c / r), 2 * r * c
