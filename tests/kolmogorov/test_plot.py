"""Plot helpers: the plotted data are the exact psi values, Sprecher's descents are marked,
all 2n+1 outer functions are drawn, bad inputs raise, a missing matplotlib gives a clear error."""
import sys
from fractions import Fraction as F

import numpy as np
import pytest

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from mathml.core.errors import InvalidInputError, MathmlError  # noqa: E402
from mathml.kolmogorov import KolmogorovArnold, descents, plot_outer, plot_psi, psi  # noqa: E402
from mathml.kolmogorov.plot import MissingDependencyError  # noqa: E402


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def ka_xy():
    return KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=400, seed=1)


def _marks(ax):
    return [ln for ln in ax.lines if ln.get_label() == "descents"]


@pytest.mark.parametrize("variant", ["koppen", "sprecher"])
def test_psi_data_are_exact_grid_values(variant):
    ax = plot_psi(2, 10, level=2, variant=variant)
    line = ax.lines[0]
    x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
    assert len(x) == len(y) == 101
    for i in range(100):
        d = F(i, 100)
        assert x[i] == float(d)
        assert y[i] == float(psi(d, n=2, gamma=10, variant=variant))
    assert (x[-1], y[-1]) == (1.0, 1.0)  # psi(1) = 1
    assert y[59] == float(F(277, 500) if variant == "koppen" else F(11, 20))


def test_koppen_line_is_increasing_without_marks():
    ax = plot_psi(2, 10, level=3)
    assert np.all(np.diff(np.asarray(ax.lines[0].get_ydata())) > 0)
    assert _marks(ax) == []
    assert ax.lines[0].get_drawstyle() == "default"


@pytest.mark.parametrize("gamma, level", [(3, 5), (5, 5), (10, 5), (10, 3)])
def test_sprecher_descents_marked(gamma, level):
    ax = plot_psi(2, gamma, level=level, variant="sprecher")
    assert ax.lines[0].get_drawstyle() == "steps-post"
    (mark,) = _marks(ax)
    ds = descents(level, 2, gamma, variant="sprecher")
    assert len(mark.get_xdata()) == len(ds)
    # each mark sits at the right end d' of a descent, at psi(d') < psi(d)
    for (d, d1), xm, ym in zip(ds, mark.get_xdata(), mark.get_ydata()):
        assert xm == float(d1)
        assert ym == float(psi(d1, n=2, gamma=gamma, variant="sprecher"))
        assert psi(d, n=2, gamma=gamma, variant="sprecher") > psi(d1, n=2, gamma=gamma, variant="sprecher")
    if (gamma, level) == (10, 5):
        assert len(ds) == 10 and mark.get_xdata()[0] == 0.09  # ka_laps.md: first between 0.08999 and 0.09


def test_psi_draws_on_given_axes():
    fig, ax = plt.subplots()
    assert plot_psi(ax=ax, level=1) is ax
    assert len(ax.lines) == 1


@pytest.mark.parametrize("kwargs", [dict(n=1), dict(gamma=2), dict(n=2.0), dict(level=0), dict(level=8),
                                    dict(level=True), dict(level=2.0), dict(variant="other"),
                                    dict(gamma=100, level=4), dict(ax="not an axes")])
def test_psi_bad_inputs(kwargs):
    with pytest.raises(InvalidInputError):
        plot_psi(**kwargs)


def test_outer_draws_all_curves(ka_xy):
    ax = plot_outer(ka_xy, samples=300)
    assert len(ax.lines) == 2 * ka_xy.n + 1 == 5
    for q, line in enumerate(ax.lines):
        t, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert len(t) == 300 and t[0] == 0.0 and t[-1] == pytest.approx(ka_xy.inner.lam.sum())
        assert np.array_equal(y, ka_xy.outer(q, t))
        assert line.get_label() == f"$\\Phi_{{{q}}}$"
    assert any(np.any(ln.get_ydata() != 0) for ln in ax.lines)


def test_outer_selected_shifts(ka_xy):
    assert len(plot_outer(ka_xy, q=3).lines) == 1
    ax = plot_outer(ka_xy, q=[0, 4])
    assert [ln.get_label() for ln in ax.lines] == ["$\\Phi_{0}$", "$\\Phi_{4}$"]
    fig, ax = plt.subplots()
    assert plot_outer(ka_xy, q=np.int64(1), ax=ax) is ax


@pytest.mark.parametrize("kwargs", [dict(q=5), dict(q=-1), dict(q=1.0), dict(q=[]), dict(q="0"),
                                    dict(q=True), dict(samples=1), dict(samples=10.0), dict(ax=object())])
def test_outer_bad_inputs(ka_xy, kwargs):
    with pytest.raises(InvalidInputError):
        plot_outer(ka_xy, **kwargs)


def test_outer_needs_fitted_model():
    with pytest.raises(InvalidInputError, match="fit"):
        plot_outer(KolmogorovArnold(2))
    with pytest.raises(InvalidInputError, match="KolmogorovArnold"):
        plot_outer(lambda t: t)


def test_missing_matplotlib(monkeypatch, ka_xy):
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    msg = "plotting needs matplotlib: pip install 'mathml[plot]'"
    for call in (lambda: plot_psi(level=1), lambda: plot_outer(ka_xy)):
        with pytest.raises(MissingDependencyError) as err:
            call()
        assert str(err.value) == msg
        assert isinstance(err.value, MathmlError) and isinstance(err.value, ImportError)


def test_import_does_not_load_matplotlib():
    import subprocess
    code = "import sys, mathml.kolmogorov; assert 'matplotlib' not in sys.modules"
    subprocess.run([sys.executable, "-W", "error", "-c", code], check=True)
