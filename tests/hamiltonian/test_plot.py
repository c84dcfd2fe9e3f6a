"""mathml.hamiltonian.plot: the plotted numbers are the fit's numbers."""
import matplotlib
import numpy as np
import pytest

from mathml.core.errors import InvalidInputError
from mathml.hamiltonian.bulk import PHI, BulkNetwork, ads_schwarzschild_h
from mathml.hamiltonian.fit import MetricFit
from mathml.hamiltonian.plot import plot_metric_fit

matplotlib.use("Agg")


def test_metric_plot_shows_fit_truth_and_per_layer_error():
    truth = BulkNetwork(3, -1, PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10)
    rng = np.random.default_rng(0)
    learned = truth.h_values + rng.normal(0, 0.05, 10)
    fit = MetricFit(learned, {}, 0.0, 1.0, truth)
    top, bottom = plot_metric_fit(fit, ads_schwarzschild_h(3))
    np.testing.assert_allclose(top.lines[0].get_ydata(), learned)
    np.testing.assert_allclose(top.lines[1].get_ydata(), truth.h_values)
    np.testing.assert_allclose(bottom.lines[0].get_ydata(), fit.compare(ads_schwarzschild_h(3)))
    np.testing.assert_allclose(top.lines[0].get_xdata(), truth.etas)


def test_metric_plot_rejects_wrong_axes():
    truth = BulkNetwork(3, -1, PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 10)
    fit = MetricFit(truth.h_values, {}, 0.0, 1.0, truth)
    with pytest.raises(InvalidInputError):
        plot_metric_fit(fit, axes=[object()])
