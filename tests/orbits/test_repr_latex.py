"""One _repr_latex_ convention: ``$...$`` or ``$$...$$`` math that compiles,
no ``\\frac`` inside ``\\text{}`` (checked by the ``check_repr_latex`` fixture in tests/conftest.py)."""


def test_orbits_objects_render(check_repr_latex):
    import numpy as np

    import mathml.orbits as mo

    G = mo.dihedral_patch_group(2)
    objs = [mo.NilpotentOrbit("D", 4, (4, 4), "I"), mo.exceptional_orbits("E", 8)[5],
            mo.exceptional_orbits("G", 2)[2], mo.minimal_feature_orbits(G, [np.ones(4)])[0],
            mo.OrbitReport(9, 6), mo.curvature_experiment(1, steps=2)]
    check_repr_latex(objs)
