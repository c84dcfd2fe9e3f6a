"""The plot extra (Agg backend) and the public names the issue relies on."""
import pytest

import mathml.dynamics as dyn

ISSUE_NAMES = ["LogisticMap", "feigenbaum", "superstable", "bifurcation_point", "onset_of_chaos", "windows",
               "tangent_bifurcation", "intermittency", "lyapunov", "periodic_orbit_count",
               "sharkovskii_precedes",
               "Horseshoe", "henon_lyapunov", "cat_map", "escape_rate", "gutzwiller_amplitude",
               "random_product_lyapunov"]


def test_issue_names_exported():
    for name in ISSUE_NAMES:
        assert name in dyn.__all__ and hasattr(dyn, name)


def test_plots_with_agg():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from mathml.dynamics.plot import plot_bifurcation, plot_lyapunov

    ax = plot_bifurcation(3.4, 4.0, n_r=60, n_keep=30)
    assert ax.get_ylabel() == "$x$" and len(ax.lines) == 1
    ax2 = plot_lyapunov(3.4, 4.0, n_r=60, n_iter=300)
    ydata = ax2.lines[0].get_ydata()
    assert ydata.max() > 0.5 and ydata.min() < 0        # chaos near r = 4, windows below 0
    plt.close("all")


def test_plot_bad_range():
    from mathml.core.errors import InvalidInputError
    from mathml.dynamics.plot import bifurcation_data

    with pytest.raises(InvalidInputError):
        bifurcation_data(3.9, 3.1)
    with pytest.raises(InvalidInputError):
        bifurcation_data(3.0, 4.5)


def test_every_object_has_repr_latex():
    import sympy as sp

    objs = [dyn.LogisticMap(sp.Rational(7, 2)), dyn.feigenbaum(10), dyn.tangent_bifurcation(3),
            dyn.intermittency(3), dyn.random_product_lyapunov(2, 0.5), dyn.Horseshoe(), dyn.cat_map(),
            dyn.PiecewiseLinearRepeller([3, 4]), dyn.lyapunov(4 * sp.Symbol("x") * (1 - sp.Symbol("x")),
                                                                 sp.Symbol("x"), 0.3, n_iter=1000)]
    for o in objs:
        tex = o._repr_latex_()
        assert tex.startswith("$") and tex.endswith("$") and len(repr(o)) < 200
