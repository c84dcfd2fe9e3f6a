"""su(2) ~ spin(3): the galgebra rotor action against the matrix adjoint action of SU(2).

A unit axis ``n`` and angle ``theta`` give the rotor ``R = cos(theta/2) - sin(theta/2) I n``
(``I n = n1 e23 + n2 e31 + n3 e12``) acting on vectors by ``v -> R v R~``, and the matrix
``U = cos(theta/2) - i sin(theta/2) n.sigma`` acting on ``su(2)`` by ``Ad_U(v.sigma) = U (v.sigma) U^dagger``.
Both are the rotation about ``n`` by ``theta``; :func:`rotor_adjoint_discrepancy` measures the difference.
"""
from __future__ import annotations

import sympy as sp

from ..core.errors import InvalidInputError

__all__ = ["rotor_action", "adjoint_action", "rotor_adjoint_discrepancy"]

_SIGMA = (sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([[0, -sp.I], [sp.I, 0]]), sp.Matrix([[1, 0], [0, -1]]))


def _unit(axis):
    n = [sp.nsimplify(x) if isinstance(x, float) else sp.sympify(x) for x in axis]
    if len(n) != 3:
        raise InvalidInputError(f"axis must have 3 components, got {axis!r}")
    norm = sp.sqrt(sum(x ** 2 for x in n))
    if norm == 0:
        raise InvalidInputError("axis must be non-zero")
    return [x / norm for x in n]


def _galgebra_ga():
    """Import galgebra's ``Ga`` without its global side effects.

    On import galgebra replaces ``repr`` of every sympy object and the builtin
    ``print`` (galgebra/printer.py); that would change how all of sympy prints
    for the rest of the session, so both are put back at once.
    """
    import builtins

    from sympy.printing.defaults import Printable

    saved_repr, saved_print = Printable.__repr__, builtins.print
    had_hook = "__ga_print_str__" in vars(Printable)
    from galgebra.ga import Ga

    Printable.__repr__ = saved_repr
    builtins.print = saved_print
    if not had_hook and "__ga_print_str__" in vars(Printable):
        delattr(Printable, "__ga_print_str__")
    return Ga


def rotor_action(axis, angle, vector) -> list:
    """Components of ``R v R~`` computed with galgebra (exact sympy expressions).

    >>> [sp.nsimplify(x) for x in rotor_action((0, 0, 1), sp.pi / 2, (1, 0, 0))]
    [0, 1, 0]
    """
    Ga = _galgebra_ga()
    n = _unit(axis)
    th = sp.sympify(angle)
    o3d = Ga("e1 e2 e3", g=[1, 1, 1])
    e1, e2, e3 = o3d.mv()
    B = n[0] * (e2 ^ e3) + n[1] * (e3 ^ e1) + n[2] * (e1 ^ e2)
    R = sp.cos(th / 2) - sp.sin(th / 2) * B
    v = sp.sympify(vector[0]) * e1 + sp.sympify(vector[1]) * e2 + sp.sympify(vector[2]) * e3
    w = R * v * R.rev()
    return [sp.simplify((w | e).scalar()) for e in (e1, e2, e3)]


def adjoint_action(axis, angle, vector) -> list:
    """Components of ``Ad_U(v . sigma)`` in the Pauli basis (``tr(sigma_k X)/2``), exact.

    >>> [sp.nsimplify(x) for x in adjoint_action((0, 0, 1), sp.pi / 2, (1, 0, 0))]
    [0, 1, 0]
    """
    n = _unit(axis)
    th = sp.sympify(angle)
    ns = sum((n[k] * _SIGMA[k] for k in range(3)), sp.zeros(2, 2))
    U = sp.cos(th / 2) * sp.eye(2) - sp.I * sp.sin(th / 2) * ns
    X = sum((sp.sympify(vector[k]) * _SIGMA[k] for k in range(3)), sp.zeros(2, 2))
    Y = U * X * U.H
    return [sp.simplify((_SIGMA[k] * Y).trace() / 2) for k in range(3)]


def rotor_adjoint_discrepancy(axis, angle, vector, dps: int = 30) -> float:
    """``max_k |(R v R~)_k - Ad_U(v)_k|`` evaluated with ``dps`` digits.

    >>> rotor_adjoint_discrepancy((1, 2, 2), sp.Rational(7, 10), (3, -1, 2)) < 1e-25
    True
    """
    a = rotor_action(axis, angle, vector)
    b = adjoint_action(axis, angle, vector)
    return float(max(abs(sp.N(x - y, dps)) for x, y in zip(a, b)))
