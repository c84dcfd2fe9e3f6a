r"""Plots (the ``plot`` extra): the bifurcation diagram and the Lyapunov exponent of the logistic map.

matplotlib is imported only when a helper is called; without it the helpers raise
`MissingPlotDependencyError` (a `mathml.MathmlError`).  Both plots iterate in float64.

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mathml.dynamics.plot import plot_bifurcation
>>> ax = plot_bifurcation(r_min=3.4, r_max=4.0, n_r=50, n_keep=20)
>>> ax.get_xlabel()
'$r$'
"""
from __future__ import annotations

import numpy as np

from ..core.errors import InvalidInputError, MathmlError
from ._common import check_int, check_real
from .lyapunov import logistic_lyapunov

__all__ = ["MissingPlotDependencyError", "bifurcation_data", "plot_bifurcation", "plot_lyapunov"]

_MISSING = "plotting needs matplotlib: pip install 'mathml[plot]'"


class MissingPlotDependencyError(MathmlError, ImportError):
    """matplotlib (the ``plot`` extra) is not installed."""


def _axes(ax):
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - exercised only without matplotlib
        raise MissingPlotDependencyError(_MISSING) from exc
    if ax is None:
        _, ax = plt.subplots()
    return ax


def _range(r_min, r_max, n_r):
    lo, hi = check_real("r_min", r_min, positive=True), check_real("r_max", r_max, positive=True)
    if not lo < hi <= 4:
        raise InvalidInputError(f"need 0 < r_min < r_max <= 4, got {lo}, {hi}")
    return np.linspace(lo, hi, check_int("n_r", n_r, 2, 10**5))


def bifurcation_data(r_min=2.8, r_max=4.0, n_r=800, *, n_keep=100, transient=500, x0=0.3):
    """``(r, x)`` arrays of the last ``n_keep`` orbit points for each of ``n_r`` parameters.

    Examples
    --------
    >>> from mathml.dynamics.plot import bifurcation_data
    >>> r, x = bifurcation_data(3.2, 3.3, n_r=3, n_keep=4)
    >>> r.shape, x.shape
    ((12,), (12,))
    """
    r = _range(r_min, r_max, n_r)
    n_keep = check_int("n_keep", n_keep, 1, 10**5)
    transient = check_int("transient", transient, 0, 10**6)
    x = np.full(r.shape, check_real("x0", x0))
    for _ in range(transient):
        x = r * x * (1 - x)
    rs, xs = [], []
    for _ in range(n_keep):
        x = r * x * (1 - x)
        rs.append(r)
        xs.append(x.copy())
    return np.concatenate(rs), np.concatenate(xs)


def plot_bifurcation(r_min=2.8, r_max=4.0, n_r=800, *, n_keep=100, transient=500, ax=None):
    """The orbit (bifurcation) diagram of ``r x (1 - x)`` on ``[r_min, r_max]``; returns the Axes."""
    r, x = bifurcation_data(r_min, r_max, n_r, n_keep=n_keep, transient=transient)
    ax = _axes(ax)
    ax.plot(r, x, ",k", alpha=0.4)
    ax.set_xlabel("$r$")
    ax.set_ylabel("$x$")
    ax.set_title("logistic map: orbit diagram")
    return ax


def plot_lyapunov(r_min=2.8, r_max=4.0, n_r=800, *, n_iter=2000, transient=500, ax=None):
    """The Lyapunov exponent ``lambda(r)`` of ``r x (1 - x)`` with the line ``lambda = 0``; returns the Axes.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mathml.dynamics.plot import plot_lyapunov
    >>> ax = plot_lyapunov(3.5, 4.0, n_r=40, n_iter=200)
    >>> len(ax.lines)
    2
    """
    r = _range(r_min, r_max, n_r)
    lam = logistic_lyapunov(r, n_iter=check_int("n_iter", n_iter, 1, 10**6), transient=transient)
    ax = _axes(ax)
    ax.plot(r, lam, "-", lw=0.8)
    ax.axhline(0.0, color="gray", lw=0.6)
    ax.set_xlabel("$r$")
    ax.set_ylabel(r"$\lambda(r)$")
    ax.set_title("logistic map: Lyapunov exponent")
    return ax
