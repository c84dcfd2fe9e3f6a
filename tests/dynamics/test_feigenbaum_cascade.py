"""Feigenbaum constants, the superstable and bifurcation parameters, the onset of chaos."""
import mpmath
import pytest

from mathml.core.errors import InvalidInputError
from mathml.dynamics import bifurcation_point, feigenbaum, onset_of_chaos, superstable, superstable_table

with mpmath.workdps(80):
    # OEIS A006890 / A006891 (the 70-digit values of brief dynamics_statmech.md §1)
    DELTA = mpmath.mpf("4.669201609102990671853203820466201617258185577475768632745651343004134")
    ALPHA = mpmath.mpf("2.502907875095892822283902873218215786381271376727149977336192056779235")


def close(a, b, digits):
    with mpmath.workdps(digits + 20):
        b = mpmath.mpf(b) if isinstance(b, str) else b
        return abs(a - b) <= mpmath.mpf(10) ** (-digits) * max(1, abs(b))


def test_delta_alpha_30_digits():
    fc = feigenbaum(30)
    assert close(fc.delta, DELTA, 30) and close(fc.alpha, ALPHA, 30)
    assert fc.error < mpmath.mpf(10) ** -30


def test_delta_alpha_60_digits():
    fc = feigenbaum(60)
    assert close(fc.delta, DELTA, 60) and close(fc.alpha, ALPHA, 60)


def test_universal_function_satisfies_functional_equation():
    # independent check: g(x) = -alpha g(g(-x/alpha)) at seeded random points of [-1, 1]
    import numpy as np

    fc = feigenbaum(30)
    with mpmath.workdps(40):
        for x in np.random.default_rng(0).uniform(-1, 1, 6):
            x = mpmath.mpf(x)
            lhs = fc.g(x)
            rhs = -fc.alpha * fc.g(fc.g(-x / fc.alpha))
            assert abs(lhs - rhs) < mpmath.mpf(10) ** -28
        assert abs(fc.g(0) - 1) == 0


def test_second_route_wolf_ratio():
    # ratio of superstable spacings at n = 15 (brief table: 4.66920160889)
    with mpmath.workdps(40):
        R = superstable_table(15, 30)
        ratio = (R[13] - R[14]) / (R[14] - R[15])
    assert mpmath.nstr(ratio, 12) == "4.66920160889"


@pytest.mark.parametrize("n, value", [
    (2, "3.4985616993277015200"), (3, "3.5546408627688248654"), (4, "3.5666673798562685140"),
    (5, "3.5692435316371103378"), (8, "3.5699387742333054878"), (10, "3.5699453554864685809"),
    (15, "3.5699456717283834742")])
def test_superstable_table(n, value):
    # brief dynamics_statmech.md §1, table of R_n [calc]
    assert close(superstable(n, 25), value, 19)


def test_superstable_low_levels_exact():
    with mpmath.workdps(40):
        assert close(superstable(0, 30), mpmath.mpf(2), 30)
        assert close(superstable(1, 30), 1 + mpmath.sqrt(5), 30)


@pytest.mark.parametrize("n, value", [
    (1, "3"), (3, "3.544090359551922853615965987"), (5, "3.568759419543826431298210280"),
    (7, "3.569891259378120487320271201"), (9, "3.569943176048401636354442976")])
def test_bifurcation_points(n, value):
    # brief dynamics_statmech.md §1, table of r_n [calc]
    assert close(bifurcation_point(n, 30), value, 26)


def test_r2_and_r3_polynomial():
    with mpmath.workdps(40):
        assert close(bifurcation_point(2, 30), 1 + mpmath.sqrt(6), 29)
        t = bifurcation_point(3, 35)
        # MathWorld "Logistic Map": r_3 is a root of this degree-12 polynomial
        coeffs = [1, -12, 48, -40, -193, 392, 44, 8, -977, -604, 2108, 0, 4913]
        assert abs(mpmath.polyval(coeffs, t)) < mpmath.mpf(10) ** -25


def test_multiplier_minus_one_at_bifurcation():
    from mathml.dynamics._common import bits_for, cycle_jets, to_fixed

    r, x = bifurcation_point(4, 30, with_point=True)
    P = bits_for(30)
    xp, a, *_ = cycle_jets(to_fixed(x, P), to_fixed(r, P), 8, P)
    assert abs(a / 2**P + 1) < 1e-20 and abs((xp - to_fixed(x, P)) / 2**P) < 1e-20


def test_interlacing():
    with mpmath.workdps(40):
        R = superstable_table(9, 25)
        rs = [bifurcation_point(n, 25) for n in range(1, 11)]
        assert all(rs[n - 1] < R[n] < rs[n] for n in range(1, 10))


def test_onset_of_chaos_oeis():
    # OEIS A098587 (brief wave2_dynamics.md D3)
    with mpmath.workdps(40):
        v, err = onset_of_chaos(20, with_error=True)
        assert close(v, "3.56994567187094490184200515138649893676", 20)
        assert err < mpmath.mpf(10) ** -20


@pytest.mark.parametrize("bad", [-1, 25, 1.5, "3", True])
def test_bad_levels(bad):
    with pytest.raises(InvalidInputError):
        superstable(bad)


@pytest.mark.parametrize("bad", [0, -3, 301, 2.0, None])
def test_bad_digits(bad):
    with pytest.raises(InvalidInputError):
        feigenbaum(bad)


def test_bifurcation_level_zero_rejected():
    with pytest.raises(InvalidInputError):
        bifurcation_point(0)
    with pytest.raises(InvalidInputError):
        onset_of_chaos(31)


def test_repr_latex():
    fc = feigenbaum(15)
    assert fc._repr_latex_().startswith("$\\delta = 4.669")
    assert "digits=15" in repr(fc)


def test_subleading_eigenvalues():
    # brief wave2_dynamics.md D1 [calc]: 0.1596284404, -0.1236527126, -0.05730702107
    ev = feigenbaum(30).eigenvalues
    assert close(ev[0], DELTA, 25)
    for got, want in zip(ev[1:4], ("0.1596284404", "-0.1236527126", "-0.05730702107")):
        assert abs(got - mpmath.mpf(want)) < 1e-10
