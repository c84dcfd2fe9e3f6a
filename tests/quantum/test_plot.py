"""The entanglement plot: S against ln l with slope c/3, lazy matplotlib, bad inputs."""

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import mathml as mm  # noqa: E402
from mathml.quantum import tfim_block_entropy  # noqa: E402
from mathml.quantum.plot import MissingDependencyError, plot_entanglement_entropy  # noqa: E402


def test_plot_data_and_central_charge():
    ells = (16, 32, 64, 128)
    ax, c = plot_entanglement_entropy(ells)
    x, y = ax.lines[0].get_data()
    assert np.allclose(x, np.log(ells)) and np.allclose(y, [tfim_block_entropy(ell) for ell in ells])
    assert c == pytest.approx(0.5, abs=5e-3)  # Calabrese-Cardy c = 1/2
    assert ax.get_xlabel() == r"$\ln \ell$"
    plt.close("all")


def test_plot_given_entropies_and_axes():
    fig, ax0 = plt.subplots()
    ax, c = plot_entanglement_entropy(
        [2, 4, 8], entropies=[1.0, 1.0 + np.log(2) / 3, 1.0 + 2 * np.log(2) / 3], ax=ax0
    )
    assert ax is ax0 and c == pytest.approx(1.0, abs=1e-12)
    plt.close(fig)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: plot_entanglement_entropy([4]),
        lambda: plot_entanglement_entropy([0, 4]),
        lambda: plot_entanglement_entropy([2, 4], entropies=[1.0]),
        lambda: plot_entanglement_entropy([2, 4], ax="axes"),
    ],
)
def test_plot_bad_inputs(bad):
    with pytest.raises(mm.InvalidInputError):
        bad()


def test_missing_matplotlib_is_a_mathml_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("matplotlib"):
            raise ImportError("no matplotlib")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(MissingDependencyError, match="pip install"):
        plot_entanglement_entropy([2, 4])
    assert issubclass(MissingDependencyError, mm.MathmlError)
