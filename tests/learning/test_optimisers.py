"""Heavy ball, its continuous limit, Polyak's tuning and energy-conserving descent."""
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import mathml as mm
from mathml.learning import (
    damped_hamiltonian_limit,
    energy_conserving_descent,
    gradient_descent_optimal,
    heavy_ball,
    heavy_ball_parameters,
    heavy_ball_rate,
    polyak_optimal,
)

rationals = st.fractions(min_value=-3, max_value=3, max_denominator=20).map(lambda f: sp.Rational(f.numerator, f.denominator))


def test_polyak_closed_form_against_brute_force_spectral_radius():
    # independent: worst spectral radius of the 2x2 iteration matrix over a dense curvature grid
    for mu, L in [(1, 100), (1, 4), (2, 50)]:
        a, b, rate = polyak_optimal(mu, L)
        worst = heavy_ball_rate(float(a), float(b), np.linspace(mu, L, 4001))
        assert worst == pytest.approx(float(rate), rel=1e-6)
        # Polyak beats the best plain gradient descent: (sqrt k - 1)/(sqrt k + 1) < (k - 1)/(k + 1)
        assert float(rate) < float(gradient_descent_optimal(mu, L)[1])


def test_polyak_values_are_exact():
    # Polyak 1964: kappa = 100 gives rate 9/11, step 4/121, momentum 81/121
    assert polyak_optimal(1, 100) == (sp.Rational(4, 121), sp.Rational(81, 121), sp.Rational(9, 11))
    a, b, r = polyak_optimal(sp.Rational(1, 2), 8)
    assert r == sp.Rational(3, 5) and b == sp.Rational(9, 25)


def test_polyak_rejects_bad_bounds():
    with pytest.raises(mm.MathmlError, match="0 < mu <= L"):
        polyak_optimal(5, 1)
    with pytest.raises(mm.MathmlError):
        polyak_optimal("1", 2)


@settings(max_examples=20)
@given(eta=rationals.filter(lambda r: r != 0), mu=rationals.filter(lambda r: r != 1), th0=rationals)
def test_forms_agree_exactly_on_random_quadratics(eta, mu, th0):
    grad = lambda th: 3 * th - 1  # noqa: E731
    a = heavy_ball(grad, th0, 5, lr=eta, momentum=mu)
    b = heavy_ball(grad, th0, 5, lr=eta, momentum=mu, form="pytorch")
    lr_c, m_c = heavy_ball_parameters(eta, mu, source="sutskever", target="autograd")
    c = heavy_ball(grad, th0, 5, lr=lr_c, momentum=m_c, form="autograd")
    assert a.thetas == b.thetas == c.thetas


@settings(max_examples=20)
@given(lr=rationals.filter(lambda r: r != 0), m=rationals.filter(lambda r: r != 1))
def test_parameter_conversion_round_trip(lr, m):
    there = heavy_ball_parameters(lr, m, source="autograd", target="sutskever")
    back = heavy_ball_parameters(*there, source="sutskever", target="autograd")
    assert sp.simplify(back[0] - lr) == 0 and back[1] == m


def test_schedules_break_the_pytorch_equivalence():
    # pytorch #1099: with a changing lr the PyTorch form rescales the stored velocity
    sched = [sp.Rational(1, 10), sp.Rational(1, 5)]
    a = heavy_ball(lambda th: 2 * th, sp.Integer(1), 2, lr=sched, momentum=sp.Rational(1, 2))
    b = heavy_ball(lambda th: 2 * th, sp.Integer(1), 2, lr=sched, momentum=sp.Rational(1, 2), form="pytorch")
    # hand computation: Sutskever theta_2 = 0.8 - 0.1 - 0.32 = 0.38; PyTorch theta_2 = 0.8 - 0.2*(1 + 1.6) = 0.28
    assert a.thetas[2] == sp.Rational(38, 100) and b.thetas[2] == sp.Rational(28, 100)


def test_damped_limit_trajectory_approaches_ode_solution():
    # theta'' + gamma theta' + theta = 0 (C = theta^2/2): heavy ball with mu = 1 - gamma h, eta = h^2
    gamma, T = 0.5, 4.0
    t = sp.Symbol("t")
    exact = sp.dsolve(sp.Derivative(sp.Function("y")(t), t, 2) + gamma * sp.Function("y")(t).diff(t)
                      + sp.Function("y")(t), ics={sp.Function("y")(0): 1, sp.Function("y")(t).diff(t).subs(t, 0): 0}).rhs
    errs = []
    for n in (400, 800):
        h = T / n
        mu, eta = damped_hamiltonian_limit(gamma, h)
        run = heavy_ball(lambda th: th, 1.0, n, lr=eta, momentum=mu)
        errs.append(abs(run.thetas[-1] - float(exact.subs(t, T))))
    assert errs[1] < errs[0] and errs[0] / errs[1] > 1.8   # first order in h


def test_energy_conserving_descent_keeps_energy_and_descends():
    run = energy_conserving_descent(lambda x: float(x @ x), lambda x: 2 * x, [1.0, -0.5], dt=0.01, steps=3000,
                                    v0=-0.01)
    assert run.max_energy_drift < 1e-12
    assert run.losses.min() < 1e-3 < run.losses[0]


def test_energy_conserving_descent_rejects_bad_input():
    with pytest.raises(mm.MathmlError, match="positive"):
        energy_conserving_descent(lambda x: float(x @ x), lambda x: 2 * x, [1.0], dt=0.01, steps=10, v0=5.0)
    with pytest.raises(mm.MathmlError, match="dt"):
        energy_conserving_descent(lambda x: float(x @ x), lambda x: 2 * x, [1.0], dt=-1, steps=10)


def test_heavy_ball_bad_input():
    with pytest.raises(mm.MathmlError, match="form"):
        heavy_ball(lambda x: x, 1.0, 3, lr=0.1, momentum=0.5, form="adam")
    with pytest.raises(mm.MathmlError, match="schedule"):
        heavy_ball(lambda x: x, 1.0, 3, lr=[0.1], momentum=0.5)
    with pytest.raises(mm.MathmlError, match="steps"):
        heavy_ball(lambda x: x, 1.0, -1, lr=0.1, momentum=0.5)


def test_repr_latex():
    run = heavy_ball(lambda th: th, 1.0, 2, lr=0.1, momentum=0.5, form="pytorch")
    assert run._repr_latex_().startswith("$") and "b_{t+1}" in run._repr_latex_()
