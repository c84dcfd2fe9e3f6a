"""Plots for mathml.learning (the ``plot`` extra: matplotlib is imported when a function is called).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mathml.learning.plot import plot_replicator_simplex
>>> from mathml.learning import rps
>>> ax = plot_replicator_simplex(rps(1, 1), starts=[(0.5, 0.3, 0.2)], t_end=10.0)
>>> len(ax.lines) >= 1
True
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..core.errors import InvalidInputError
from .games import replicator
from .optimisers import heavy_ball

__all__ = ["plot_replicator_simplex", "plot_heavy_ball"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InvalidInputError("plotting needs matplotlib: pip install 'mathml[plot]'") from exc
    return plt


def plot_replicator_simplex(A: Any, starts: Sequence[Sequence[float]], *, t_end: float = 30.0, ax=None):
    """Phase portrait of 3-strategy replicator dynamics in barycentric coordinates.

    Parameters
    ----------
    A : 3 x 3 payoff matrix (e.g. `mathml.learning.rps`)
    starts : initial points on the simplex
    t_end : float
    ax : matplotlib axes, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    plt = _pyplot()
    rep = replicator(A)
    if rep.A.rows != 3:
        raise InvalidInputError("the simplex portrait needs a 3 x 3 payoff matrix")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4))
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    ax.plot(*np.vstack([corners, corners[:1]]).T, color="0.5", lw=0.8)
    for x0 in starts:
        _, traj = rep.integrate(x0, t_end, n_out=800)
        xy = traj @ corners
        ax.plot(xy[:, 0], xy[:, 1], lw=1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title("replicator dynamics")
    return ax


def plot_heavy_ball(grad, theta0: Sequence[float], steps: int, *, lr: float, momentums: Sequence[float], ax=None):
    """Heavy-ball trajectories in the plane for several momenta (Sutskever form).

    Returns
    -------
    matplotlib.axes.Axes
    """
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4))
    for mu in momentums:
        run = heavy_ball(grad, np.asarray(theta0, dtype=float), steps, lr=lr, momentum=mu)
        path = np.array(run.thetas)
        if path.ndim != 2 or path.shape[1] != 2:
            raise InvalidInputError("plot_heavy_ball draws 2-d parameter vectors")
        ax.plot(path[:, 0], path[:, 1], marker=".", ms=2, lw=0.8, label=f"μ = {mu:g}")
    ax.legend()
    ax.set_title("heavy ball")
    return ax
