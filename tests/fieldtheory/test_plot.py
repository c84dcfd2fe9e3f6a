"""Phase-diagram plot (Agg backend) and the float chi1 grid against the mpmath route."""

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pytest  # noqa: E402

from mathml.core.errors import InvalidInputError  # noqa: E402
from mathml.fieldtheory import SignalPropagation  # noqa: E402
from mathml.fieldtheory.plot import chi1_grid, phase_diagram  # noqa: E402


def test_grid_against_mpmath():
    C = chi1_grid("tanh", [1.5, 2.5], [0.05])
    # dynamics_statmech.md section 2 table: chi1 = 0.93863627, 1.13351570
    assert abs(C[0, 0] - 0.93863627) < 1e-8 and abs(C[0, 1] - 1.13351570) < 1e-8
    s = SignalPropagation("erf", 2.0, 0.2, dps=15)
    assert abs(chi1_grid("erf", [2.0], [0.2])[0, 0] - float(s.chi1)) < 1e-10
    assert np.allclose(chi1_grid("relu", [1.0, 3.0], [0.0, 0.4]), [[0.5, 1.5], [0.5, 1.5]])


def test_phase_diagram_draws_critical_line():
    import matplotlib.pyplot as plt

    ax = phase_diagram("tanh", np.linspace(0.5, 3, 5), np.linspace(0, 0.3, 3), line_points=2)
    x, y = ax.lines[0].get_data()
    assert abs(x[0] - 1.0) < 1e-9 and y[0] == 0.0  # tanh critical at sigma_w2 = 1, sigma_b2 = 0
    plt.close(ax.figure)


def test_errors():
    with pytest.raises(InvalidInputError):
        chi1_grid("tanh", [], [0.1])
    with pytest.raises(InvalidInputError):
        chi1_grid("tanh", [-1.0], [0.1])
    with pytest.raises(InvalidInputError):
        phase_diagram("tanh", [1.0, 2.0], [0.0, 0.1], line_points=1)
