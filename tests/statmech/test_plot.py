"""Plot helpers with the Agg backend: the drawn data are the library's values."""

import matplotlib
import pytest

matplotlib.use("Agg")

from mathml import InvalidInputError  # noqa: E402
from mathml.statmech import Ising2D, yang_magnetisation  # noqa: E402
from mathml.statmech.plot import plot_magnetisation, plot_specific_heat  # noqa: E402


def test_magnetisation_plot_data():
    ax = plot_magnetisation((0.3, 0.8), points=11)
    K, M = ax.lines[0].get_data()
    assert len(K) == 11 and M[0] == 0.0
    assert abs(M[-1] - yang_magnetisation(0.8)) < 1e-15
    assert all(b >= a for a, b in zip(M, M[1:]))  # M is non-decreasing in K


def test_specific_heat_plot_data():
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots()
    out = plot_specific_heat((0.35, 0.55), sizes=(4, 6), points=5, ax=ax)
    assert out is ax and len(ax.lines) >= 3
    K, c = ax.lines[2].get_data()
    assert abs(c[0] - float(Ising2D(6, float(K[0])).specific_heat(dps=15))) < 1e-12
    plt.close(fig)


def test_plot_errors():
    with pytest.raises(InvalidInputError):
        plot_magnetisation((0.5, 0.2))
    with pytest.raises(InvalidInputError):
        plot_magnetisation(points=1)
    with pytest.raises(InvalidInputError):
        plot_specific_heat(sizes=(1,))
    with pytest.raises(InvalidInputError):
        plot_magnetisation(ax="not an axes")
