r"""Separable Hamiltonians as 2x2 layers, and the neural geodesic equation.

For :math:`H = p^2/2 + V(q)` a layer is :math:`z \mapsto W z + \Delta t\, N(z)` with
:math:`W = \begin{pmatrix}1 & \Delta t\\ 0 & 1\end{pmatrix}` and :math:`N(q, p) = (0, -V'(q))`: exactly
one forward-Euler step.  The brief's alternative "W, then the activation
:math:`(x_1, x_2 - \Delta t V'(x_1))`" evaluates :math:`V'` at the *new* q: that is symplectic Euler
(variant B), with Jacobian determinant exactly 1, not forward Euler.

The geodesic equation :math:`\dot x = v`, :math:`\dot v = -\Gamma(x)(v, v)` is the same kind of layer
with :math:`W = \begin{pmatrix}I & \Delta t I\\ 0 & I\end{pmatrix}` and
:math:`N(x, v) = (0, -\Gamma^i_{jk} v^j v^k)`.

Examples
--------
>>> import sympy as sp
>>> th, ph = sp.symbols('theta phi')
>>> G = christoffel_symbols(sp.diag(1, sp.sin(th)**2), (th, ph))
>>> sp.simplify(G[0][1][1]), sp.simplify(G[1][0][1])
(-sin(2*theta)/2, 1/tan(theta))
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.latex import latex as _latex

from .network import _check_expr, _check_symbol

__all__ = ["ResidualLayer", "separable_network", "christoffel_symbols", "geodesic_network"]


@dataclass(frozen=True)
class ResidualLayer:
    r"""A layer :math:`z \mapsto W z + \Delta t\, N(z)` on a state vector of symbols ``variables``.

    Attributes
    ----------
    variables : tuple of Symbol
    W : Matrix
    nonlinearity : Matrix
        N(z) as expressions in ``variables``.
    dt : Expr
    """

    variables: tuple
    W: sp.Matrix
    nonlinearity: sp.Matrix
    dt: sp.Expr

    def step(self, state) -> tuple:
        """The next state (a tuple of expressions) from ``state`` (a sequence)."""
        state = list(state)
        if len(state) != len(self.variables):
            raise ShapeMismatchError(f"state has {len(state)} entries, the layer needs "
                                     f"{len(self.variables)} ({', '.join(map(str, self.variables))})")
        z = sp.Matrix([_check_expr(s, "state entry") for s in state])
        sub = dict(zip(self.variables, z))
        out = self.W * z + self.dt * self.nonlinearity.xreplace(sub)
        return tuple(out)

    def activation_after_W(self, state) -> tuple:
        r"""The brief's ordering :math:`z \mapsto \sigma(Wz)` with :math:`\sigma(z) = z + \Delta t N(z)`."""
        z = sp.Matrix([_check_expr(s, "state entry") for s in state])
        y = self.W * z
        return tuple(y + self.dt * self.nonlinearity.xreplace(dict(zip(self.variables, y))))

    def _repr_latex_(self) -> str:
        z = sp.Matrix(self.variables)
        return (r"$z \mapsto " + _latex(self.W) + _latex(z) + " + " + _latex(self.dt)
                + _latex(self.nonlinearity) + "$")


def separable_network(V: Any, q: sp.Symbol, p: sp.Symbol, dt: Any) -> ResidualLayer:
    """The 2x2 layer of ``H = p^2/2 + V(q)``: forward Euler as ``W z + dt N(z)``.

    Parameters
    ----------
    V : object
        A potential (sympy expression).
    q : sympy.Symbol
        Position symbol.
    p : sympy.Symbol
        Momentum symbol.
    dt : object
        Time step (symbol or number).

    Returns
    -------
    ResidualLayer
        The 2x2 layer of ``H = p^2/2 + V(q)``: forward Euler as ``W z + dt N(z)``.

    Examples
    --------
    >>> import sympy as sp
    >>> q, p, dt = sp.symbols('q p dt')
    >>> layer = separable_network(q**4/4, q, p, dt)
    >>> layer.W, layer.step((q, p))
    (Matrix([
    [1, dt],
    [0,  1]]), (dt*p + q, -dt*q**3 + p))
    """
    V, q, p, dt = _check_expr(V, "V"), _check_symbol(q, "q"), _check_symbol(p, "p"), _check_expr(dt, "dt")
    if V.has(p):
        raise InvalidInputError(f"V must not depend on p, got V = {V}")
    W = sp.Matrix([[1, dt], [0, 1]])
    return ResidualLayer((q, p), W, sp.Matrix([0, -sp.diff(V, q)]), dt)


def christoffel_symbols(metric: sp.Matrix, coords) -> list:
    r"""Christoffel symbols :math:`\Gamma^i_{jk} = \tfrac12 g^{il}(\partial_j g_{lk} + \partial_k g_{lj}
    - \partial_l g_{jk})` as nested lists ``G[i][j][k]``.

    Parameters
    ----------
    metric : sympy.Matrix
        Metric tensor (sympy Matrix) in the coordinates.
    coords : object
        Coordinate symbols.

    Returns
    -------
    list
        Christoffel symbols :math:`\Gamma^i_{jk} = \tfrac12 g^{il}(\partial_j g_{lk} + \partial_k g_{lj}
        - \partial_l g_{jk})` as nested lists ``G[i][j][k]``.
    """
    coords = tuple(_check_symbol(c, "coordinate") for c in coords)
    g = sp.Matrix(metric)
    n = len(coords)
    if g.shape != (n, n):
        raise ShapeMismatchError(f"metric has shape {g.shape}, expected ({n}, {n}) for coordinates {coords}")
    if not (g - g.T).is_zero_matrix:
        raise InvalidInputError("metric must be symmetric")
    ginv = g.inv()
    return [[[sp.simplify(sum(ginv[i, l] * (sp.diff(g[l, k], coords[j]) + sp.diff(g[l, j], coords[k])
                                             - sp.diff(g[j, k], coords[l])) for l in range(n)) / 2)
              for k in range(n)] for j in range(n)] for i in range(n)]


def geodesic_network(metric: sp.Matrix, coords, dt: Any, velocities=None) -> ResidualLayer:
    r"""The neural geodesic layer :math:`(x, v) \mapsto (x + \Delta t v, v - \Delta t \Gamma(x)(v, v))`.

    Parameters
    ----------
    metric : sympy.Matrix
        Metric tensor (sympy Matrix) in the coordinates.
    coords : object
        Coordinate symbols.
    dt : object
        Time step (symbol or number).
    velocities : object, optional
        Velocity symbols (default v_<coord>).

    Returns
    -------
    ResidualLayer
        The neural geodesic layer :math:`(x, v) \mapsto (x + \Delta t v, v - \Delta t \Gamma(x)(v, v))`.

    Examples
    --------
    >>> import sympy as sp
    >>> x, y, dt = sp.symbols('x y dt')
    >>> layer = geodesic_network(sp.eye(2), (x, y), dt)   # flat plane: straight lines
    >>> layer.step(layer.variables)
    (dt*v_x + x, dt*v_y + y, v_x, v_y)
    """
    coords = tuple(_check_symbol(c, "coordinate") for c in coords)
    dt = _check_expr(dt, "dt")
    n = len(coords)
    vel = tuple(velocities) if velocities is not None else tuple(sp.Symbol(f"v_{c}") for c in coords)
    if len(vel) != n:
        raise ShapeMismatchError(f"{len(vel)} velocities for {n} coordinates")
    G = christoffel_symbols(metric, coords)
    acc = sp.Matrix([0] * n + [-sum(G[i][j][k] * vel[j] * vel[k] for j in range(n) for k in range(n))
                               for i in range(n)])
    W = sp.eye(2 * n)
    W[:n, n:] = dt * sp.eye(n)
    return ResidualLayer(coords + vel, W, acc, dt)
