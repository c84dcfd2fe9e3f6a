"""Phase diagram of mean-field signal propagation: chi1 over (sigma_w^2, sigma_b^2) with the critical line.

matplotlib is imported lazily (the ``plot`` extra).  The grid values use a float64 route (the
trapezoid rule on a Gaussian grid for the length-map fixed point and chi1, accurate to about 1e-10
for tanh and erf); the critical line is computed with `critical_sigma_w2` (mpmath).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mathml.fieldtheory.plot import chi1_grid
>>> import numpy as np
>>> C = chi1_grid("tanh", np.array([1.0, 4.0]), np.array([0.0]))
>>> bool(C[0, 0] < 1.0 + 1e-9 and C[0, 1] > 1.0)
True
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np

from mathml.core.errors import InvalidInputError

from .activations import as_activation
from .signal import critical_sigma_w2

__all__ = ["chi1_grid", "phase_diagram"]


def chi1_grid(
    activation: Any, sigma_w2: Sequence[float], sigma_b2: Sequence[float], *, h: float = 0.02
) -> np.ndarray:
    """chi1 on the grid: an array of shape (len(sigma_b2), len(sigma_w2)) (float64).

    The fixed point q* is found by bisection on the length map evaluated with the trapezoid rule
    (step ``h`` on [-12, 12], spectrally accurate for smooth activations; ReLU uses chi1 = sigma_w2/2).

    Raises
    ------
    InvalidInputError
        Empty or negative grids.
    """
    act = as_activation(activation)
    sw = np.asarray(sigma_w2, dtype=float).ravel()
    sb = np.asarray(sigma_b2, dtype=float).ravel()
    if (
        sw.size == 0
        or sb.size == 0
        or np.any(sw < 0)
        or np.any(sb < 0)
        or not np.all(np.isfinite(sw))
        or not np.all(np.isfinite(sb))
    ):
        raise InvalidInputError(
            "sigma_w2 and sigma_b2 must be non-empty grids of finite non-negative numbers"
        )
    if act.name == "relu":
        return np.broadcast_to(sw / 2, (sb.size, sw.size)).copy()
    if not act.smooth:
        raise InvalidInputError("chi1_grid's float route needs a smooth activation (tanh, erf, ...)")
    z = np.arange(-12.0, 12.0 + h / 2, h)
    w = np.exp(-z * z / 2) * h / math.sqrt(2 * math.pi)
    f0, f1 = act.np(0), act.np(1)
    out = np.empty((sb.size, sw.size))
    for i, b in enumerate(sb):
        for j, s in enumerate(sw):
            lo, hi = 0.0, max(1.0, 2 * b)

            def F(q: float, s: float = s, b: float = b) -> float:
                return s * float(np.sum(w * np.asarray(f0(math.sqrt(q) * z)) ** 2)) + b - q

            if F(0.0) <= 1e-300:
                slope0 = s * float(np.asarray(f1(0.0))) ** 2
                if slope0 <= 1:
                    out[i, j] = slope0
                    continue
                lo = 1e-9
            k = 0
            while F(hi) > 0 and k < 60:
                lo, hi, k = hi, 2 * hi, k + 1
            for _ in range(80):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if F(mid) > 0 else (lo, mid)
            q = (lo + hi) / 2
            out[i, j] = s * float(np.sum(w * np.asarray(f1(math.sqrt(q) * z)) ** 2))
    return out


def phase_diagram(
    activation: Any = "tanh",
    sigma_w2: Sequence[float] | None = None,
    sigma_b2: Sequence[float] | None = None,
    *,
    ax: Any = None,
    line_points: int = 8,
) -> Any:
    """Plot chi1 over (sigma_w^2, sigma_b^2) with the order-to-chaos line chi1 = 1; returns the Axes.

    Parameters
    ----------
    activation : "tanh", "erf", "relu" or a smooth sympy expression
    sigma_w2, sigma_b2 : grids (defaults: 40 points in [0.5, 4] and 30 points in [0, 1])
    ax : matplotlib Axes, optional
    line_points : int
        Number of sigma_b^2 values at which the critical line is computed with mpmath.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import numpy as np
    >>> from mathml.fieldtheory.plot import phase_diagram
    >>> ax = phase_diagram("tanh", np.linspace(0.5, 3, 6), np.linspace(0, 0.5, 4), line_points=3)
    >>> ax.get_xlabel()
    '$\\\\sigma_w^2$'
    """
    import matplotlib.pyplot as plt

    sw = np.linspace(0.5, 4.0, 40) if sigma_w2 is None else np.asarray(sigma_w2, dtype=float)
    sb = np.linspace(0.0, 1.0, 30) if sigma_b2 is None else np.asarray(sigma_b2, dtype=float)
    if isinstance(line_points, bool) or not isinstance(line_points, int) or line_points < 2:
        raise InvalidInputError(f"line_points must be an integer >= 2, got {line_points!r}")
    C = chi1_grid(activation, sw, sb)
    if ax is None:
        _, ax = plt.subplots(figsize=(5, 4))
    mesh = ax.pcolormesh(sw, sb, C, shading="auto", cmap="coolwarm")
    ax.figure.colorbar(mesh, ax=ax, label=r"$\chi_1$")
    bs = np.linspace(float(sb.min()), float(sb.max()), line_points)
    crit = [float(critical_sigma_w2(activation, b, dps=10)) for b in bs]
    ax.plot(crit, bs, "k-", lw=2, label=r"$\chi_1 = 1$")
    ax.set_xlabel(r"$\sigma_w^2$")
    ax.set_ylabel(r"$\sigma_b^2$")
    ax.set_title(f"order (chi1 < 1) to chaos (chi1 > 1): {as_activation(activation).name}")
    ax.legend(loc="upper left")
    return ax
