"""Long computations take progress=; a forced bar counts the stages (tqdm) and writes to stderr."""
import pytest

pytest.importorskip("tqdm")


def test_curvature_experiment_progress_bar_counts_steps(capsys):
    from mathml.orbits import curvature_experiment

    r = curvature_experiment(1, seed=1, steps=5, progress=True)
    err = capsys.readouterr().err
    assert "curvature SU(2)" in err and r.scalar_curvature > 0


def test_fit_metric_progress_bar(capsys):
    import sympy as sp

    from mathml.hamiltonian import PHI, BulkNetwork, ads_schwarzschild_h, bulk_data, fit_metric

    lam = sp.Symbol("lambda")
    truth = BulkNetwork(3, -1, lam * PHI**4 / 4, ads_schwarzschild_h(3), 1, 0.1, 4, params={lam: 1.0})
    data = bulk_data(truth, 20, 20, seed=0)
    fit_metric(data, layers=4, deltas=(1.0, 0.3), maxiter=3, progress=True)
    err = capsys.readouterr().err
    assert "fit_metric" in err
    fit_metric(data, layers=4, deltas=(1.0,), maxiter=2, progress=False)
    assert capsys.readouterr().err == ""
