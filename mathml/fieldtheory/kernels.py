"""NNGP kernels of deep fully connected networks at infinite width (Neal 1994; Lee et al. 2018).

K^0(x, x') = sigma_b2 + sigma_w2 x.x' / d_in and K^l = sigma_b2 + sigma_w2 E[phi(u) phi(v)] with
(u, v) ~ N(0, K^{l-1} restricted to {x, x'}).  ``depth`` is the number of hidden layers.

Routes: the closed forms (ReLU: the arc-cosine kernel of Cho & Saul 2009; erf: Williams 1997)
and Gaussian quadrature for any activation (`mathml.core.gaussian`).  `kernel_routes` computes
both and compares them.  Exact inputs with a closed form give exact sympy expressions.

Examples
--------
>>> import sympy as sp
>>> from mathml.fieldtheory import nngp_kernel
>>> nngp_kernel("relu", 2, 0, 1, [1, 0], [0, 1])        # orthogonal inputs: K = 2 * J_1(pi/2)/(2 pi) * 1
1/pi
"""

from __future__ import annotations

from typing import Any

import mpmath
import numpy as np
import sympy as sp

from mathml.core.checks import compare_routes
from mathml.core.errors import InvalidInputError
from mathml.core.gaussian import bivariate_expectation, gaussian_expectation, is_exact_number
from mathml.core.verdict import Verdict

from .activations import as_activation

_MAX_DEPTH = {"exact": 3, "closed": 100_000, "quadrature": 500}

__all__ = [
    "nngp_kernel",
    "nngp_kernel_matrix",
    "arccos_J",
    "relu_expectation",
    "erf_expectation",
    "kernel_routes",
]


def arccos_J(n: int, theta: Any) -> Any:
    """Cho & Saul's angular functions J_n(theta), n = 0, 1, 2: E[Theta(u)Theta(v) u^n v^n] = J_n / (2 pi).

    (u, v unit-variance Gaussians with correlation cos theta.)

    >>> import sympy as sp
    >>> from mathml.fieldtheory.kernels import arccos_J
    >>> arccos_J(1, sp.pi / 2), arccos_J(2, 0)
    (1, 3*pi)
    """
    if n not in (0, 1, 2):
        raise InvalidInputError(f"J_n is implemented for n = 0, 1, 2, got {n!r}")
    mod = sp if isinstance(theta, sp.Basic) or isinstance(theta, int) else mpmath
    pi = mod.pi
    s, c = mod.sin(theta), mod.cos(theta)
    if n == 0:
        return pi - theta
    if n == 1:
        return s + (pi - theta) * c
    return 3 * s * c + (pi - theta) * (1 + 2 * c**2)


def relu_expectation(q11: Any, q12: Any, q22: Any) -> Any:
    """E[relu(u) relu(v)] = sqrt(q11 q22) J_1(theta) / (2 pi), cos theta = q12 / sqrt(q11 q22).

    >>> import sympy as sp
    >>> from mathml.fieldtheory.kernels import relu_expectation
    >>> relu_expectation(1, sp.Rational(1, 2), 1)          # brief F1: 0.304498891...
    sqrt(3)/(4*pi) + 1/6
    """
    if all(is_exact_number(v) for v in (q11, q12, q22)):
        q11, q12, q22 = (sp.sympify(v) for v in (q11, q12, q22))  # nsimplify is slow on nested layers
        if q11 == 0 or q22 == 0:
            return sp.Integer(0)
        r = sp.sqrt(q11 * q22)
        th = sp.acos(q12 / r)
        val = r * arccos_J(1, th) / (2 * sp.pi)
        return sp.expand(val) if sp.count_ops(val) < 40 else val
    q11, q12, q22 = (mpmath.mpf(v) for v in (q11, q12, q22))
    if q11 == 0 or q22 == 0:
        return mpmath.mpf(0)
    r = mpmath.sqrt(q11 * q22)
    th = mpmath.acos(max(-1, min(1, q12 / r)))
    return r * arccos_J(1, th) / (2 * mpmath.pi)


def erf_expectation(q11: Any, q12: Any, q22: Any) -> Any:
    """E[erf(u) erf(v)] = (2/pi) arcsin(2 q12 / sqrt((1 + 2 q11)(1 + 2 q22))) (Williams 1997).

    >>> import mpmath
    >>> from mathml.fieldtheory.kernels import erf_expectation
    >>> mpmath.nstr(erf_expectation(1.3, 0.5, 0.7), 9)      # brief F1
    '0.220994228'
    """
    if all(is_exact_number(v) for v in (q11, q12, q22)):
        q11, q12, q22 = (sp.nsimplify(v) for v in (q11, q12, q22))
        return 2 / sp.pi * sp.asin(2 * q12 / sp.sqrt((1 + 2 * q11) * (1 + 2 * q22)))
    q11, q12, q22 = (mpmath.mpf(v) for v in (q11, q12, q22))
    return 2 / mpmath.pi * mpmath.asin(2 * q12 / mpmath.sqrt((1 + 2 * q11) * (1 + 2 * q22)))


def _vec(x: Any, name: str) -> list:
    if isinstance(x, str):
        raise InvalidInputError(f"{name} must be a number or a sequence of numbers, got a string")
    try:
        items = list(x) if hasattr(x, "__len__") or hasattr(x, "__iter__") else [x]
    except TypeError as exc:
        raise InvalidInputError(f"{name} must be a number or a sequence of numbers, got {x!r}") from exc
    if not items:
        raise InvalidInputError(f"{name} is empty")
    out = []
    for v in items:
        if isinstance(v, (bool, str)):
            raise InvalidInputError(f"{name} has a non-numeric entry {v!r}")
        if is_exact_number(v):
            out.append(sp.nsimplify(v))
            continue
        try:
            m = mpmath.mpf(v)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError(f"{name} has a non-numeric entry {v!r}") from exc
        if not mpmath.isfinite(m):
            raise InvalidInputError(f"{name} has a non-finite entry {v!r}")
        out.append(m)
    return out


def nngp_kernel_matrix(
    activation: Any,
    sigma_w2: Any,
    sigma_b2: Any,
    depth: int,
    x1: Any,
    x2: Any,
    *,
    method: str = "auto",
    dps: int = 14,
) -> tuple:
    """The three kernel entries (K(x1, x1), K(x1, x2), K(x2, x2)) after ``depth`` hidden layers.

    See `nngp_kernel` for the parameters.

    >>> from mathml.fieldtheory.kernels import nngp_kernel_matrix
    >>> nngp_kernel_matrix("relu", 2, 0, 3, [1], [1])         # He init preserves the length: K^0 = 2
    (2, 2, 2)
    """
    act = as_activation(activation)
    if method not in ("auto", "closed", "quadrature"):
        raise InvalidInputError(f"method must be 'auto', 'closed' or 'quadrature', got {method!r}")
    if isinstance(depth, bool) or not isinstance(depth, (int, np.integer)) or depth < 0:
        raise InvalidInputError(f"depth must be a non-negative integer, got {depth!r}")
    if isinstance(dps, bool) or not isinstance(dps, (int, np.integer)) or not 5 <= dps <= 100:
        raise InvalidInputError(f"dps must be an integer in [5, 100], got {dps!r}")
    depth, dps = int(depth), int(dps)
    a, b = _vec(x1, "x1"), _vec(x2, "x2")
    if len(a) != len(b):
        raise InvalidInputError(f"x1 and x2 must have the same length, got {len(a)} and {len(b)}")
    sw, sb = _vec([sigma_w2], "sigma_w2")[0], _vec([sigma_b2], "sigma_b2")[0]
    if sw < 0 or sb < 0:
        raise InvalidInputError("sigma_w2 and sigma_b2 must be non-negative")
    closed = act.name in ("relu", "erf")
    if method == "closed" and not closed:
        raise InvalidInputError(f"no closed form for {act.name}: use method='quadrature'")
    use_closed = closed and method != "quadrature"
    exact = use_closed and all(isinstance(v, sp.Basic) for v in a + b + [sw, sb])
    cap = _MAX_DEPTH["exact" if exact else "closed" if use_closed else "quadrature"]
    if depth > cap:
        raise InvalidInputError(
            f"depth {depth} is too large for this route (at most {cap}: exact closed forms nest one "
            "arccos per layer, quadrature costs about 0.1 s per layer); use float inputs or a smaller depth"
        )
    d = len(a)
    dot = lambda u, v: sum(p * q for p, q in zip(u, v))  # noqa: E731
    with mpmath.workdps(dps + 10):  # every layer at the working precision, rounded to dps below
        k11, k12, k22 = (sb + sw * dot(u, v) / d for u, v in ((a, a), (a, b), (b, b)))
        if not exact:
            k11, k12, k22 = (
                mpmath.mpf(str(sp.N(v, dps + 10))) if isinstance(v, sp.Basic) else v for v in (k11, k12, k22)
            )
        for _ in range(depth):
            if use_closed:
                fn = relu_expectation if act.name == "relu" else erf_expectation
                e11, e12, e22 = fn(k11, k11, k11), fn(k11, k12, k22), fn(k22, k22, k22)
            else:
                f0 = act.mp(0)  # the same function in every layer
                with mpmath.workdps(dps + 5):
                    e11 = gaussian_expectation(
                        lambda x, f0=f0: f0(x) ** 2, k11, dps=dps + 3, breakpoints=act.kinks
                    )
                    e22 = gaussian_expectation(
                        lambda x, f0=f0: f0(x) ** 2, k22, dps=dps + 3, breakpoints=act.kinks
                    )
                    e12 = bivariate_expectation(act.expr, act.expr, k11, k12, k22, dps=dps, smooth=act.smooth)
                    e12 = mpmath.mpf(e12)
            k11, k12, k22 = (sb + sw * e for e in (e11, e12, e22))
            if exact:
                k11, k22 = sp.nsimplify(k11), sp.nsimplify(k22)
    if not exact:
        with mpmath.workdps(dps):
            k11, k12, k22 = (+mpmath.mpf(v) for v in (k11, k12, k22))
    return k11, k12, k22


def nngp_kernel(
    activation: Any,
    sigma_w2: Any,
    sigma_b2: Any,
    depth: int,
    x1: Any,
    x2: Any,
    *,
    method: str = "auto",
    dps: int = 14,
) -> Any:
    """The NNGP kernel K^depth(x1, x2) of a deep network at infinite width.

    Parameters
    ----------
    activation : "tanh", "relu", "erf" or a sympy expression in one symbol
    sigma_w2, sigma_b2 : numbers >= 0
    depth : int >= 0
        Number of hidden layers (0 gives the input kernel sigma_b2 + sigma_w2 x1.x2 / d_in).
    x1, x2 : number or sequence of numbers of the same length d_in
    method : {"auto", "closed", "quadrature"}
        "closed" needs relu or erf; "auto" uses it when available.
    dps : int
        Digits of the numeric result, 5..100 (default 14: the bivariate quadrature runs in float64
        for dps <= 14, in mpmath above, which is slow).  Depth is capped: 3 layers for exact closed
        forms (the expression grows about 3x per layer), 10^5 for float closed forms, 500 for
        quadrature.

    Returns
    -------
    sympy expression (exact input, closed form) or mpmath.mpf

    Raises
    ------
    InvalidInputError
        Unknown method, negative depth or variance, inputs of different lengths, NaN.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.fieldtheory import nngp_kernel
    >>> k1 = nngp_kernel("erf", 1.0, 0.1, 2, [0.3, -1.0], [1.0, 0.5])
    >>> k2 = nngp_kernel("erf", 1.0, 0.1, 2, [0.3, -1.0], [1.0, 0.5], method="quadrature", dps=12)
    >>> abs(k1 - k2) < 1e-11                                   # closed form vs quadrature
    True
    """
    return nngp_kernel_matrix(activation, sigma_w2, sigma_b2, depth, x1, x2, method=method, dps=dps)[1]


def kernel_routes(
    activation: Any, sigma_w2: Any, sigma_b2: Any, depth: int, x1: Any, x2: Any, *, digits: int = 11
) -> Verdict:
    """Compare the closed form with quadrature (relu, erf): ``consistent`` when they agree to ``digits``.

    >>> from mathml.fieldtheory.kernels import kernel_routes
    >>> kernel_routes("relu", 2.0, 0.2, 1, [1.0, 2.0], [-0.5, 1.0]).status
    <Status.consistent: 'consistent'>
    """
    a = nngp_kernel(activation, sigma_w2, sigma_b2, depth, x1, x2, method="closed", dps=20)
    b = nngp_kernel(
        activation, sigma_w2, sigma_b2, depth, x1, x2, method="quadrature", dps=min(digits + 1, 12)
    )
    return compare_routes(
        a,
        b,
        digits=digits,
        what=f"NNGP kernel, {activation}, depth {depth}",
        names=("closed form", "quadrature"),
    )
