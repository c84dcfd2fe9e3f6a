"""Activations: names, sympy expressions, derivatives and evaluators (checked against sympy/numpy)."""
import mpmath
import numpy as np
import pytest
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.fieldtheory import Activation, as_activation
from mathml.fieldtheory.activations import NAMED, X


def test_named_and_recognised_expressions():
    assert set(NAMED) == {"tanh", "relu", "erf"}
    t = sp.Symbol("t")
    assert as_activation(sp.tanh(t)).name == "tanh" and as_activation(sp.Max(0, t)).name == "relu"
    a = as_activation(sp.sin(t) + t**3)
    assert a.name == "custom" and a.x == t and a.d2 == -sp.sin(t) + 6 * t
    assert as_activation(a) is a and isinstance(a, Activation)


def test_derivatives_and_evaluators():
    erf = as_activation("erf")
    assert sp.simplify(erf.d1 - 2 * sp.exp(-X**2) / sp.sqrt(sp.pi)) == 0
    with mpmath.workdps(30):
        assert abs(erf.mp(1)(mpmath.mpf(0)) - 2 / mpmath.sqrt(mpmath.pi)) < mpmath.mpf(10) ** -28
    v = np.array([-1.0, 0.5])
    assert np.allclose(as_activation("tanh").np(1)(v), 1 - np.tanh(v) ** 2)
    relu = as_activation("relu")
    assert relu.np(1)(v).tolist() == [0.0, 1.0] and relu.mp(1)(mpmath.mpf(2)) == 1
    with pytest.raises(InvalidInputError, match="Dirac"):
        relu.mp(2)
    assert as_activation(sp.Abs(sp.Symbol("y"))).d1 == sp.sign(sp.Symbol("y"))
    assert as_activation("tanh").odd and not as_activation("relu").odd and not as_activation("relu").smooth


def test_errors_and_repr():
    for bad in ("gelu", 3, None, sp.Eq(X, 1), sp.Symbol("a") * sp.Symbol("b")):
        with pytest.raises(InvalidInputError):
            as_activation(bad)
    with pytest.raises(InvalidInputError):
        as_activation("tanh").mp(3)
    a = as_activation("erf")
    assert "erf" in repr(a) and a._repr_latex_().startswith("$")
