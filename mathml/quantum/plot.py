r"""Plot helper (the optional ``plot`` extra): block entropy against :math:`\ln\ell` with the fitted slope.

matplotlib is imported only when the helper is called; without it the helper raises
`MissingDependencyError` (a `mathml.MathmlError`).  For the critical TFIM the slope is
:math:`c/3` with :math:`c = 1/2` (Calabrese-Cardy).
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from mathml.core.errors import InvalidInputError, MathmlError

from .exact import tfim_block_entropy

__all__ = ["MissingDependencyError", "plot_entanglement_entropy"]

_MISSING = "plotting needs matplotlib: pip install 'mathml[plot]'"


class MissingDependencyError(MathmlError, ImportError):
    """An optional dependency (here matplotlib, the ``plot`` extra) is not installed."""


def _axes(ax):
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


def plot_entanglement_entropy(ells: Sequence[int] = (4, 8, 16, 32, 64, 128, 256), h: Any = 1, J: Any = 1,
                              *, entropies: Sequence[float] | None = None, ax=None):
    r"""Plot :math:`S(\ell)` against :math:`\ln\ell` with the least-squares line; report ``c = 3 x slope``.

    Parameters
    ----------
    ells : sequence of int
        Block lengths (at least two distinct values >= 1).
    h, J : real
        TFIM field and coupling (infinite chain, `tfim_block_entropy`); ignored when ``entropies``
        is given.
    entropies : sequence of float, optional
        Precomputed :math:`S(\ell)` (e.g. from an MPS or ED) to plot instead.
    ax : matplotlib Axes, optional

    Returns
    -------
    (Axes, float)
        The axes and the fitted central charge ``3 * slope``.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from mathml.quantum.plot import plot_entanglement_entropy
    >>> ax, c = plot_entanglement_entropy((32, 64, 128, 256))
    >>> round(c, 2)            # c = 1/2 to 2 digits
    0.5
    """
    ells = np.asarray(ells)
    if ells.ndim != 1 or ells.dtype.kind not in "iu" or len(set(ells.tolist())) < 2 or ells.min() < 1:
        raise InvalidInputError("ells must be at least two distinct positive integers")
    if entropies is None:
        S = np.array([tfim_block_entropy(int(ell), h, J) for ell in ells])
    else:
        S = np.asarray(entropies, dtype=float)
        if S.shape != ells.shape or not np.all(np.isfinite(S)):
            raise InvalidInputError("entropies must be finite and match ells in length")
    ax = _axes(ax)
    x = np.log(ells)
    slope, intercept = np.polyfit(x, S, 1)
    ax.plot(x, S, "o", label=r"$S(\ell)$")
    xx = np.linspace(x.min(), x.max(), 50)
    ax.plot(xx, slope * xx + intercept, "-", label=rf"slope $c/3$, $c = {3 * slope:.4f}$")
    ax.set_xlabel(r"$\ln \ell$")
    ax.set_ylabel(r"$S(\ell)$ [nats]")
    ax.legend()
    return ax, float(3 * slope)
