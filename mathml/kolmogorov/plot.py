r"""Plot helpers (the optional ``plot`` extra): the inner function psi and the outer functions.

matplotlib is imported only when a helper is called; without it the helpers raise
:class:`MissingDependencyError` (a :class:`~mathml.core.errors.MathmlError`).  The plotted
psi values are the exact grid values of :func:`~mathml.kolmogorov.grid_values`, each rounded
once to the nearest float.
"""
from __future__ import annotations

from numbers import Integral

import numpy as np

from ..core.errors import InvalidInputError, MathmlError
from .inner import _check_params
from .outer import KolmogorovArnold
from .properties import grid_values

__all__ = ["MissingDependencyError", "plot_psi", "plot_outer"]

_MAX_POINTS = 10 ** 6
_MISSING = "plotting needs matplotlib: pip install 'mathml[plot]'"


class MissingDependencyError(MathmlError, ImportError):
    """An optional dependency (here matplotlib, the ``plot`` extra) is not installed."""


def _axes(ax):
    """Import matplotlib lazily; return ``ax`` or a new Axes from pyplot."""
    try:
        import matplotlib  # noqa: F401
        if ax is None:
            import matplotlib.pyplot as plt
    except ImportError as exc:
        raise MissingDependencyError(_MISSING) from exc
    if ax is None:
        _, ax = plt.subplots()
        return ax
    from matplotlib.axes import Axes
    if not isinstance(ax, Axes):
        raise InvalidInputError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    return ax


def _is_int(v) -> bool:
    return isinstance(v, Integral) and not isinstance(v, bool)


def plot_psi(n: int = 2, gamma: int = 10, *, level: int = 4, variant: str = "koppen", ax=None):
    r"""Draw the inner function psi on [0, 1] from its exact values on the grid :math:`D_{level}`.

    Parameters
    ----------
    n, gamma : int
        Dimension (>= 2) and base (>= 3).
    level : int
        Grid level k in [1, 7]; the plot has :math:`\gamma^k + 1` points (the last is
        :math:`\psi(1) = 1`), at most 10**6.
    variant : {"koppen", "sprecher"}
        Köppen's function (continuous: a line through the grid values) or Sprecher's
        original (discontinuous: a step plot); for "sprecher" every descent
        :math:`\psi(d) > \psi(d + \gamma^{-k})` is marked at its right end
        :math:`d + \gamma^{-k}` by a red triangle (the line labelled ``"descents"``).
    ax : matplotlib Axes, optional
        Axes to draw on; by default a new figure from pyplot.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax.lines[0]`` holds the grid points and the psi values.

    Raises
    ------
    InvalidInputError
        For bad n, gamma, level, variant or ax.
    MissingDependencyError
        When matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from mathml.kolmogorov import plot_psi
    >>> ax = plot_psi(2, 10, level=2)
    >>> len(ax.lines) >= 1, len(ax.lines[0].get_ydata())
    (True, 101)
    >>> float(ax.lines[0].get_ydata()[59])  # psi(0.59) = 277/500
    0.554
    >>> ax = plot_psi(2, 3, level=5, variant="sprecher")
    >>> [len(ln.get_xdata()) for ln in ax.lines if ln.get_label() == "descents"]
    [3]
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    _check_params(n, gamma)
    if variant not in ("koppen", "sprecher"):
        raise InvalidInputError(f"variant must be 'koppen' or 'sprecher', got {variant!r}")
    if not _is_int(level) or not 1 <= level <= 7:
        raise InvalidInputError(f"level must be an integer in [1, 7], got {level!r}")
    size = gamma ** level
    if size > _MAX_POINTS:
        raise InvalidInputError(f"gamma**level = {gamma}**{level} = {size} grid points is too many to plot "
                                f"(at most {_MAX_POINTS}); lower the level")
    ax = _axes(ax)
    num, den = grid_values(level, n, gamma, variant=variant)
    # Python int / int is correctly rounded: each plotted value is float(exact psi)
    y = np.array([int(v) / den for v in num] + [1.0])
    x = np.array([i / size for i in range(size)] + [1.0])
    ax.plot(x, y, drawstyle="steps-post" if variant == "sprecher" else "default", lw=1.0,
            label=rf"$\psi$ ({variant}, $n={n}$, $\gamma={gamma}$, $D_{{{level}}}$)")
    if variant == "sprecher":
        bad = np.nonzero(num[:-1] > num[1:])[0] + 1
        ax.plot(x[bad], y[bad], linestyle="none", marker="v", color="red", label="descents")
    ax.set_xlim(0.0, 1.0)
    ax.set_xlabel("$x$")
    ax.set_ylabel(r"$\psi(x)$")
    ax.set_title(rf"{'Köppen' if variant == 'koppen' else 'Sprecher'} $\psi$ on $D_{{{level}}}$"
                 + (f" ({len(bad)} descents)" if variant == "sprecher" else ""))
    return ax


def plot_outer(model: KolmogorovArnold, q=None, *, ax=None, samples: int = 2000):
    r"""Draw the outer functions :math:`\Phi_q` of a fitted :class:`KolmogorovArnold`.

    Each :math:`\Phi_q` is sampled at ``samples`` equally spaced t in the range
    :math:`[0, \sum_p\lambda_p]` of the inner sums :math:`\xi_q`.  The bumps are narrow
    (ramps about :math:`\gamma^{-\beta(k+1)}`), so the sampled curves show the plateaus'
    heights, not every ramp.

    Parameters
    ----------
    model : KolmogorovArnold
        A model after :meth:`~KolmogorovArnold.fit` (at least one iteration).
    q : int, sequence of int or None
        The shifts to draw, each in [0, m]; None draws all m + 1 = 2n + 1 outer functions.
    ax : matplotlib Axes, optional
        Axes to draw on; by default a new figure from pyplot.
    samples : int
        Number of sample points per curve, in [2, 10**6].

    Returns
    -------
    matplotlib.axes.Axes
        One line per drawn q, in order, labelled ``"$\Phi_q$"``.

    Raises
    ------
    InvalidInputError
        For a model that is not a fitted KolmogorovArnold, bad q, samples or ax.
    MissingDependencyError
        When matplotlib is not installed.

    Examples
    --------
    >>> import matplotlib; matplotlib.use("Agg")
    >>> from mathml.kolmogorov import KolmogorovArnold, plot_outer
    >>> ka = KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=400)
    >>> ax = plot_outer(ka, samples=500)
    >>> len(ax.lines) >= 1, len(ax.lines), len(ax.lines[0].get_xdata())
    (True, 5, 500)
    >>> len(plot_outer(ka, q=2).lines)
    1
    >>> import matplotlib.pyplot as plt; plt.close("all")
    """
    if not isinstance(model, KolmogorovArnold):
        raise InvalidInputError(f"model must be a KolmogorovArnold, got {type(model).__name__}")
    if not model.levels:
        raise InvalidInputError("model has no outer functions yet: call model.fit(f) first")
    if q is None:
        qs = list(range(model.m + 1))
    else:
        qs = [q] if _is_int(q) else (list(q) if isinstance(q, (list, tuple, range, np.ndarray)) else None)
        if not qs or not all(_is_int(v) and 0 <= v <= model.m for v in qs):
            raise InvalidInputError(f"q must be None, an integer or a non-empty sequence of integers in "
                                    f"[0, {model.m}], got {q!r}")
    if not _is_int(samples) or not 2 <= samples <= _MAX_POINTS:
        raise InvalidInputError(f"samples must be an integer in [2, {_MAX_POINTS}], got {samples!r}")
    ax = _axes(ax)
    t = np.linspace(0.0, float(model.inner.lam.sum()), int(samples))
    for qq in qs:
        ax.plot(t, model.outer(int(qq), t), lw=1.0, label=rf"$\Phi_{{{int(qq)}}}$")
    ax.set_xlabel("$t$")
    ax.set_ylabel(r"$\Phi_q(t)$")
    ax.set_title(rf"outer functions ($n={model.n}$, $\gamma={model.gamma}$, "
                 + f"{len(model.levels)} iteration{'s' if len(model.levels) != 1 else ''})")
    ax.legend(loc="best", fontsize="small")
    return ax
