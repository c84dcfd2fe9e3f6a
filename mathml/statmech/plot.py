r"""Plot helpers (the optional ``plot`` extra): magnetisation and specific heat of the 2D Ising model
against K.

matplotlib is imported only when a helper is called; without it the helpers raise
:class:`MissingDependencyError` (a :class:`~mathml.core.errors.MathmlError`).  Curves are computed
with mpmath at 15 digits and drawn in double precision: Yang's magnetisation and Onsager's specific
heat for the infinite lattice, and Kaufman's exact finite-torus specific heat for the sizes asked for.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any, Sequence

import numpy as np

from ..core.errors import InvalidInputError, MathmlError
from .ising2d import K_C, Ising2D, onsager_specific_heat, yang_magnetisation

__all__ = ["MissingDependencyError", "plot_magnetisation", "plot_specific_heat"]

_MISSING = "plotting needs matplotlib: pip install 'mathml[plot]'"


class MissingDependencyError(MathmlError, ImportError):
    """An optional dependency (here matplotlib, the ``plot`` extra) is not installed."""


def _axes(ax: Any) -> Any:
    try:
        import matplotlib  # noqa: F401

        if ax is None:
            import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is installed in the test environment
        raise MissingDependencyError(_MISSING) from exc
    if ax is None:
        _, ax = plt.subplots()
        return ax
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise InvalidInputError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _grid(K_range: Sequence[float], points: int) -> np.ndarray:
    if isinstance(points, bool) or not isinstance(points, Integral) or not 2 <= points <= 10_000:
        raise InvalidInputError(f"points must be an integer in [2, 10000], got {points!r}")
    try:
        lo, hi = (float(x) for x in K_range)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError("K_range must be a pair of numbers (K_min, K_max)") from exc
    if not (np.isfinite(lo) and np.isfinite(hi) and 0 < lo < hi):
        raise InvalidInputError(f"K_range must satisfy 0 < K_min < K_max, got ({lo}, {hi})")
    return np.linspace(lo, hi, points)


def plot_magnetisation(K_range: Sequence[float] = (0.2, 1.0), *, points: int = 200, ax: Any = None) -> Any:
    r"""Yang's spontaneous magnetisation :math:`M(K)` of the infinite square lattice, with :math:`K_c` marked.

    Parameters
    ----------
    K_range : (float, float)
        Interval of couplings, :math:`0 < K_{min} < K_{max}`.
    points : int
        Number of grid points (2 to 10000).
    ax : matplotlib Axes, optional
        Axes to draw on; by default a new figure from pyplot.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` holds K and M(K).

    Raises
    ------
    InvalidInputError
        For a bad range, number of points or ax.
    MissingDependencyError
        When matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mathml.statmech.plot import plot_magnetisation
    >>> ax = plot_magnetisation((0.3, 0.6), points=50)
    >>> K, M = ax.lines[0].get_data()
    >>> float(M[0]), round(float(M[-1]), 6)              # 0 below K_c; Yang M(0.6) = 0.973609 (brief)
    (0.0, 0.973609)
    """
    Ks = _grid(K_range, points)
    ax = _axes(ax)
    M = np.array([yang_magnetisation(float(k)) for k in Ks])
    ax.plot(Ks, M, label="Yang, $L = \\infty$")
    ax.axvline(float(K_C), color="grey", linestyle=":", label="$K_c$")
    ax.set_xlabel("$K = J/k_BT$")
    ax.set_ylabel("spontaneous magnetisation $M$")
    ax.legend()
    return ax


def plot_specific_heat(
    K_range: Sequence[float] = (0.2, 0.8),
    *,
    sizes: Sequence[int] = (4, 8, 16),
    points: int = 60,
    ax: Any = None,
) -> Any:
    r"""Specific heat per site :math:`c(K)`: Onsager's (infinite lattice) and Kaufman's exact finite tori.

    Parameters
    ----------
    K_range : (float, float)
        Interval of couplings, :math:`0 < K_{min} < K_{max}`.
    sizes : sequence of int
        Torus sizes L (each >= 2) drawn with Kaufman's formula.
    points : int
        Number of grid points.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` is Onsager's curve, then one line per size.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mathml.statmech.plot import plot_specific_heat
    >>> ax = plot_specific_heat((0.3, 0.6), sizes=(4,), points=7)
    >>> [line.get_label() for line in ax.lines[:2]]
    ['Onsager, $L = \\infty$', 'Kaufman, $L = 4$']
    """
    Ks = _grid(K_range, points)
    if (
        isinstance(sizes, (str, bytes))
        or not isinstance(sizes, Sequence)
        or any(isinstance(L, bool) or not isinstance(L, Integral) or not 2 <= L <= 1024 for L in sizes)
    ):
        raise InvalidInputError(f"sizes must be a sequence of integers in [2, 1024], got {sizes!r}")
    ax = _axes(ax)
    kc = float(K_C)
    grid = [k for k in Ks if abs(k - kc) > 1e-6]  # the infinite-lattice c diverges at K_c
    ax.plot(grid, [float(onsager_specific_heat(k, dps=15)) for k in grid], label="Onsager, $L = \\infty$")
    for L in sizes:
        ax.plot(
            Ks,
            [float(Ising2D(int(L), float(k)).specific_heat(dps=15)) for k in Ks],
            label=f"Kaufman, $L = {int(L)}$",
        )
    ax.axvline(kc, color="grey", linestyle=":")
    ax.set_xlabel("$K = J/k_BT$")
    ax.set_ylabel("specific heat per site $c$")
    ax.legend()
    return ax
