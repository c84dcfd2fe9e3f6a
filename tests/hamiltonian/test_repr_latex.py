"""One _repr_latex_ convention: ``$...$`` or ``$$...$$`` math that compiles,
no ``\\frac`` inside ``\\text{}`` (checked by the ``check_repr_latex`` fixture in tests/conftest.py)."""


def test_hamiltonian_objects_render(check_repr_latex):
    import numpy as np
    import sympy as sp

    from mathml.hamiltonian import (PHI, BulkNetwork, FrictionNetwork, ads_schwarzschild_h,
                                    network_from_hamiltonian, separable_network)

    q, p, dt = sp.symbols("q p Delta_t")
    x = sp.Symbol("x")
    objs = [network_from_hamiltonian(p**2 / 2 + sp.log(sp.cosh(3 * p)) / 3 + q**4 / 4, q, p, dt),
            BulkNetwork(3, -1, PHI**4 / 4, ads_schwarzschild_h(3), 1, sp.Rational(1, 10), 10),
            FrictionNetwork(1, sp.cos(x) - 1, -np.ones(4) / 2, layers=4, t_final=1),
            separable_network(q**2 / 2, q, p, dt)]
    check_repr_latex(objs)
