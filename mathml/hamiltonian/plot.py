"""Plots for mathml.hamiltonian (the ``plot`` extra: matplotlib is imported when a function is called).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> import numpy as np
>>> from mathml.hamiltonian.bulk import BulkNetwork, PHI, ads_schwarzschild_h
>>> from mathml.hamiltonian.fit import MetricFit
>>> from mathml.hamiltonian.plot import plot_metric_fit
>>> truth = BulkNetwork(3, -1, PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10)
>>> fit = MetricFit(truth.h_values + 0.1, {}, 0.0, 1.0, truth)   # a fit off by 0.1 per layer
>>> top, bottom = plot_metric_fit(fit, ads_schwarzschild_h(3))
>>> np.allclose(bottom.lines[0].get_ydata(), 0.1)
True
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..core.errors import InvalidInputError

__all__ = ["plot_metric_fit", "plot_friction_fit"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InvalidInputError("plotting needs matplotlib: pip install 'mathml[plot]'") from exc
    return plt


def _two_panels(axes):
    plt = _pyplot()
    if axes is None:
        fig, axes = plt.subplots(2, 1, sharex=True, figsize=(6, 5), gridspec_kw={"height_ratios": [2, 1]})
    if len(axes) != 2:
        raise InvalidInputError("axes must be two matplotlib Axes (learned h, per-layer error)")
    return axes


def _plot_fit(x, h, ref, xlabel, axes, label_ref):
    top, bottom = _two_panels(axes)
    top.plot(x, h, "o-", label="learned h")
    if ref is not None:
        top.plot(x, ref, "s--", label=label_ref)
        bottom.plot(x, h - ref, "o-")
        bottom.axhline(0.0, color="grey", linewidth=0.8)
    bottom.set_xlabel(xlabel)
    top.set_ylabel("h")
    bottom.set_ylabel("h - truth")
    top.legend()
    return top, bottom


def plot_metric_fit(fit: Any, h_ref: Any = None, *, axes=None):
    """Learned h(eta) per layer of a `MetricFit` against a reference, with the per-layer error.

    Parameters
    ----------
    fit : MetricFit
        From `mathml.hamiltonian.fit_metric`.
    h_ref : sympy expression in eta, array, or None
        The truth, e.g. `ads_schwarzschild_h` (AdS-Schwarzschild).
    axes : two matplotlib Axes, optional

    Returns
    -------
    tuple of Axes
        (learned h and truth, per-layer error h - truth).

    Raises
    ------
    InvalidInputError
        Without matplotlib, or for a wrong ``axes``.
    """
    etas = fit.network.etas
    ref = None if h_ref is None else fit.h - fit.compare(h_ref)
    top, bottom = _plot_fit(etas, np.asarray(fit.h, dtype=float), ref, r"$\eta$", axes, "truth")
    top.invert_xaxis()  # the network runs from the boundary (large eta) to the horizon
    return top, bottom


def plot_friction_fit(fit: Any, h_ref: Any = None, *, axes=None):
    """Recovered friction h(t) per layer of a `FrictionFit` against a reference, with the error.

    Parameters
    ----------
    fit : FrictionFit
        From `mathml.hamiltonian.fit_friction`.
    h_ref : sympy expression in t, array, or None
    axes : two matplotlib Axes, optional

    Returns
    -------
    tuple of Axes

    Raises
    ------
    InvalidInputError
        Without matplotlib, or for a wrong ``axes``.
    """
    ref = None if h_ref is None else fit.h - fit.compare(h_ref)
    return _plot_fit(fit.network.times, np.asarray(fit.h, dtype=float), ref, "$t$", axes, "truth")
