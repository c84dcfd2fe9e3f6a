"""One _repr_latex_ convention: ``$...$`` or ``$$...$$`` math that compiles,
no ``\\frac`` inside ``\\text{}`` (checked by the ``check_repr_latex`` fixture in tests/conftest.py)."""


def test_kolmogorov_objects_render(check_repr_latex):
    import numpy as np
    import sympy as sp

    from mathml.kolmogorov import (additive_decomposition, image_separation, monotone_pieces,
                                   nearest_kronecker, psi_series)

    x = sp.Symbol("x")
    objs = [monotone_pieces(4 * x * (1 - x), x, (0, 1))[0],
            nearest_kronecker(np.kron(np.eye(2), np.diag([1.0, 2.0])), (2, 2), (2, 2)),
            additive_decomposition(sp.Matrix([[1, -1], [-1, 1]])),
            additive_decomposition(np.array([[1.0, 2.0], [3.0, 5.0]])),
            psi_series("0.59", n=2, gamma=10), image_separation(1, 2, 10)]
    check_repr_latex(objs)
