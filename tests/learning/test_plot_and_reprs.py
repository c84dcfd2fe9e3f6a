"""Plots (Agg backend) and notebook reprs of mathml.learning objects."""
import numpy as np
import pytest
import sympy as sp

from mathml.learning import (
    TORIC_DEL_PEZZO,
    energy_conserving_descent,
    gaussian_ib,
    heavy_ball,
    hodge_decomposition,
    iterative_ib,
    replicator,
    rps,
)

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


def test_plots_draw_the_trajectories():
    from mathml.learning.plot import plot_heavy_ball, plot_replicator_simplex

    ax = plot_replicator_simplex(rps(1, 1), starts=[(0.5, 0.3, 0.2), (0.4, 0.4, 0.2)], t_end=5.0)
    assert len(ax.lines) == 3                  # triangle + two orbits
    ax = plot_heavy_ball(lambda x: np.array([x[0], 10 * x[1]]), [1.0, 1.0], 50, lr=0.05, momentums=[0.0, 0.9])
    assert len(ax.lines) == 2
    ends = [line.get_xydata()[-1] for line in ax.lines]
    assert all(np.linalg.norm(e) < 1.5 for e in ends)


def test_every_object_has_short_repr_and_math_latex():
    objs = [
        heavy_ball(lambda th: th, 1.0, 2, lr=0.1, momentum=0.5),
        energy_conserving_descent(lambda x: float(x @ x), lambda x: 2 * x, [1.0], dt=0.01, steps=10, v0=-0.1),
        gaussian_ib(1, sp.Rational(1, 2), 1),
        iterative_ib(np.eye(2) / 2, 2.0, 2),
        replicator(rps(1, 1)),
        hodge_decomposition([(0, 1), (1, 2), (0, 2)], [1, 2, 3]),
        TORIC_DEL_PEZZO["Bl2"],
    ]
    for obj in objs:
        tex = obj._repr_latex_()
        assert tex.startswith("$") and tex.endswith("$") and tex.count("{") == tex.count("}")
        assert len(repr(obj)) < 120
