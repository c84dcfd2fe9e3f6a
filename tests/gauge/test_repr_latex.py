"""One _repr_latex_ convention: ``$...$`` or ``$$...$$`` math that compiles,
no ``\\frac`` inside ``\\text{}`` (checked by the ``check_repr_latex`` fixture in tests/conftest.py)."""


def test_gauge_objects_render(check_repr_latex):
    import sympy as sp

    from mathml.core.relu import ReluNetwork
    from mathml.gauge import LinearNODE, MatrixNODE

    node = LinearNODE()
    g = sp.Function("g")(node.t)
    objs = [node, node.rescale(g), node.affine(sp.exp(g), g), LinearNODE(w=sp.sin(node.t) / 3, b=1),
            MatrixNODE(2), MatrixNODE(2).gauge(sp.eye(2)), ReluNetwork([[[1, 2]], [[3]]], [[0], [1]])]
    check_repr_latex(objs)
