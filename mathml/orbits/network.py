"""Orbits of weight-space symmetries of networks: ReLU rescalings, neuron permutations, attention's GL(d_k).

A ReLU MLP is the one network type `mathml.core.relu.ReluNetwork`, or (the older format, converted
at the boundary) the tuple ``(W1, b1, W2, b2, ...)`` of arrays; it computes
``x -> W_L relu(... relu(W1 x + b1) ...) + b_L`` (column vectors; batches of inputs as rows).
Parameters are flattened in that order.  Ranks follow the one policy of `mathml.core.rank`
(singular values ``s > rtol * s_max``); the functions here state their ``tol`` (default ``1e-9``
for tangent vectors, ``1e-7`` for Jacobians), which is passed as that ``rtol``.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from math import factorial

import numpy as np

from ..core.errors import InvalidInputError, ShapeMismatchError
from ..core.rank import numerical_rank
from ..core.relu import ReluNetwork

__all__ = [
    "numeric_rank",
    "orbit_dimension",
    "check_mlp",
    "mlp_forward",
    "flatten",
    "unflatten",
    "relu_rescaling_generators",
    "relu_orbit_dimension",
    "functional_dimension",
    "mlp_jacobian",
    "permutation_orbit_size",
    "attention_generators",
    "attention_orbit_dimension",
    "OrbitReport",
]


def numeric_rank(matrix, tol: float = 1e-9) -> int:
    """Rank by singular values ``s > tol * max(s)`` (0 for a zero matrix): `mathml.core.rank.numerical_rank`
    with ``rtol=tol``.

    Parameters
    ----------
    matrix : array_like, 2-d
    tol : float
        Relative tolerance in (0, 1).

    Returns
    -------
    int

    Examples
    --------
    >>> numeric_rank(np.array([[1.0, 2.0], [2.0, 4.0]]))
    1
    """
    return numerical_rank(matrix, rtol=tol)


def orbit_dimension(action_generators, point, tol: float = 1e-9) -> int:
    """Dimension of the orbit of ``point`` under a Lie group: the rank of the tangent vectors ``X_i . point``.

    ``action_generators`` is a sequence of matrices ``X_i`` (acting linearly on the flattened point)
    or of callables ``X_i(point) -> tangent vector``.

    Parameters
    ----------
    action_generators : object
        Matrices X_i acting linearly on the flattened point, or callables point -> tangent vector.
    point : object
        The point whose orbit is measured (array).
    tol : float, optional
        Relative singular-value tolerance (the core.rank policy).

    Returns
    -------
    int
        Dimension of the orbit of ``point`` under a Lie group: the rank of the tangent vectors ``X_i .

    Examples
    --------
    >>> so3 = [np.array([[0, -1, 0], [1, 0, 0], [0, 0, 0.]]), np.array([[0, 0, 1], [0, 0, 0], [-1, 0, 0.]]),
    ...        np.array([[0, 0, 0], [0, 0, -1], [0, 1, 0.]])]
    >>> orbit_dimension(so3, np.array([1.0, 2.0, 3.0])), orbit_dimension(so3, np.zeros(3))
    (2, 0)
    """
    p = np.asarray(point, dtype=float).ravel()
    cols = []
    for X in action_generators:
        v = X(point) if callable(X) else np.asarray(X, dtype=float) @ p
        v = np.asarray(v, dtype=float).ravel()
        if v.shape != p.shape:
            raise ShapeMismatchError(f"tangent vector of shape {v.shape}, point of shape {p.shape}")
        cols.append(v)
    if not cols:
        return 0
    return numeric_rank(np.column_stack(cols), tol)


def check_mlp(net) -> tuple:
    """Validate a ReLU MLP and return it as the tuple ``(W1, b1, W2, b2, ...)`` of float arrays.

    Parameters
    ----------
    net : ReluNetwork or tuple ``(W1, b1, W2, b2, ...)`` with at least two layers

    Returns
    -------
    tuple of numpy.ndarray

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        Odd length, a single layer, or shapes that do not chain.
    """
    if isinstance(net, ReluNetwork):
        if net.depth < 2:
            raise InvalidInputError("the network needs at least two layers (one hidden layer)")
        return net.to_flat()
    if not isinstance(net, (tuple, list)) or len(net) < 4 or len(net) % 2:
        raise InvalidInputError("net must be a ReluNetwork or a tuple (W1, b1, W2, b2, ...) with at least "
                                "two layers")
    arrs = [np.asarray(a, dtype=float) for a in net]
    for k in range(0, len(arrs), 2):
        W, b = arrs[k], arrs[k + 1]
        if W.ndim != 2 or b.shape != (W.shape[0],):
            raise ShapeMismatchError(f"layer {k // 2}: W of shape {W.shape} and b of shape {b.shape} do not "
                                     "match")
        if k and W.shape[1] != arrs[k - 2].shape[0]:
            raise ShapeMismatchError(f"layer {k // 2} takes {W.shape[1]} inputs, previous layer gives "
                                     f"{arrs[k - 2].shape[0]}")
    return tuple(arrs)


def mlp_forward(net, inputs) -> np.ndarray:
    """Outputs of the ReLU MLP on ``inputs`` of shape ``(N, d_in)``; returns ``(N, d_out)`` floats.

    Parameters
    ----------
    net : ReluNetwork or tuple ``(W1, b1, W2, b2, ...)``
    inputs : array_like of shape ``(N, d_in)``

    Returns
    -------
    numpy.ndarray
        Shape ``(N, d_out)`` (float; use `mathml.core.relu.ReluNetwork.forward` for exact outputs).

    Examples
    --------
    >>> net = (np.array([[1.0], [-1.0]]), np.zeros(2), np.array([[1.0, 1.0]]), np.zeros(1))
    >>> mlp_forward(net, [[-3.0], [2.0]])
    array([[3.],
           [2.]])
    """
    arrs = check_mlp(net)
    X = np.atleast_2d(np.asarray(inputs, dtype=float))
    return np.asarray(ReluNetwork.from_flat(arrs).forward(X), dtype=float).reshape(X.shape[0], -1)


def flatten(net) -> np.ndarray:
    """All parameters as one vector, in the order ``W1, b1, W2, b2, ...`` (row-major).

    Parameters
    ----------
    net : object
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).

    Returns
    -------
    numpy.ndarray
        All parameters as one vector, in the order ``W1, b1, W2, b2, ...`` (row-major).
    """
    return np.concatenate([a.ravel() for a in check_mlp(net)])


def unflatten(theta, like) -> tuple:
    """Inverse of :func:`flatten` with the shapes of ``like``.

    Parameters
    ----------
    theta : object
        Flat parameter vector.
    like : object
        A network giving the shapes.

    Returns
    -------
    tuple
        Inverse of :func:`flatten` with the shapes of ``like``.
    """
    arrs = check_mlp(like)
    theta = np.asarray(theta, dtype=float)
    if theta.size != sum(a.size for a in arrs):
        raise ShapeMismatchError(f"theta has {theta.size} entries, the net has {sum(a.size for a in arrs)}")
    out, o = [], 0
    for a in arrs:
        out.append(theta[o:o + a.size].reshape(a.shape))
        o += a.size
    return tuple(out)


def relu_rescaling_generators(net) -> list[np.ndarray]:
    """Tangent vectors of the rescaling torus ``(R_{>0})^{hidden}`` at ``net``, one per hidden neuron.

    Neuron ``i`` of layer ``l``: ``delta W_l[i, :] = W_l[i, :]``, ``delta b_l[i] = b_l[i]``,
    ``delta W_{l+1}[:, i] = -W_{l+1}[:, i]`` (from ``relu(c z) = c relu(z)``).

    Parameters
    ----------
    net : object
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).

    Returns
    -------
    list[numpy.ndarray]
        Tangent vectors of the rescaling torus ``(R_{>0})^{hidden}`` at ``net``, one per hidden neuron.
    """
    arrs = check_mlp(net)
    gens = []
    for k in range(0, len(arrs) - 2, 2):
        for i in range(arrs[k].shape[0]):
            d = [np.zeros_like(a) for a in arrs]
            d[k][i, :] = arrs[k][i, :]
            d[k + 1][i] = arrs[k + 1][i]
            d[k + 2][:, i] = -arrs[k + 2][:, i]
            gens.append(np.concatenate([x.ravel() for x in d]))
    return gens


def relu_orbit_dimension(net, tol: float = 1e-9) -> int:
    """Dimension of the rescaling-torus orbit through ``net`` (= #hidden neurons at a generic point).

    Parameters
    ----------
    net : object
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).
    tol : float, optional
        Relative singular-value tolerance (the core.rank policy).

    Returns
    -------
    int
        Dimension of the rescaling-torus orbit through ``net`` (= #hidden neurons at a generic point).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> net = (rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=(2, 5)), rng.normal(size=2))
    >>> relu_orbit_dimension(net)
    5
    """
    gens = relu_rescaling_generators(net)
    return orbit_dimension([(lambda _p, v=v: v) for v in gens], flatten(net), tol)


def functional_dimension(net, inputs, tol: float = 1e-7) -> int:
    """Rank of the Jacobian of ``theta -> (F_theta(x_1), ..., F_theta(x_N))`` (Grigsby et al. 2209.04036).

    The Jacobian is exact (ReLU networks are piecewise linear in each parameter block: derivatives
    by back-propagation of the activation pattern at each input), so ``tol`` only guards rounding.

    Parameters
    ----------
    net : object
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).
    inputs : object
        Inputs (N, d_in), one per row.
    tol : float, optional
        Relative singular-value tolerance (the core.rank policy).

    Returns
    -------
    int
        Rank of the Jacobian of ``theta -> (F_theta(x_1), ..., F_theta(x_N))`` (Grigsby et al.

    Examples
    --------
    >>> rng = np.random.default_rng(1)
    >>> net = (rng.normal(size=(5, 3)), rng.normal(size=5), rng.normal(size=(2, 5)), rng.normal(size=2))
    >>> functional_dimension(net, rng.normal(size=(400, 3)))   # 32 parameters - 5 hidden neurons
    27
    """
    return numeric_rank(mlp_jacobian(net, inputs), tol)


def mlp_jacobian(net, inputs) -> np.ndarray:
    """Jacobian ``(N * d_out, P)`` of the outputs with respect to all parameters (float).

    Rows are grouped by input; columns follow `flatten`.  Computed by
    `mathml.core.relu.ReluNetwork.parameter_jacobian` (back-propagation of the activation pattern).

    Parameters
    ----------
    net : ReluNetwork or tuple ``(W1, b1, W2, b2, ...)``
    inputs : array_like of shape ``(N, d_in)``

    Returns
    -------
    numpy.ndarray
    """
    arrs = check_mlp(net)
    X = np.atleast_2d(np.asarray(inputs, dtype=float))
    if X.shape[1] != arrs[0].shape[1]:
        raise ShapeMismatchError(f"inputs have {X.shape[1]} features, the net takes {arrs[0].shape[1]}")
    return np.asarray(ReluNetwork.from_flat(arrs).parameter_jacobian(X), dtype=float)


def permutation_orbit_size(net, layer: int = 0, tol: float = 1e-12) -> tuple[int, int]:
    """Orbit size and stabiliser order of ``net`` under permutations of the neurons of hidden ``layer``.

    Neurons are identical when their (fan-in row, bias, fan-out column) agree to ``tol``; the
    stabiliser is ``prod_k S_{m_k}`` and the orbit size ``n! / prod m_k!``.

    Parameters
    ----------
    net : object
        A ReLU network: mathml.core.relu.ReluNetwork or the tuple (W1, b1, W2, b2, ...).
    layer : int, optional
        Index of the hidden layer.
    tol : float, optional
        Relative singular-value tolerance (the core.rank policy).

    Returns
    -------
    tuple[int, int]
        Orbit size and stabiliser order of ``net`` under permutations of the neurons of hidden
        ``layer``.

    Examples
    --------
    >>> W1 = np.array([[1., 2], [1, 2], [3, 4], [5, 6]]); b1 = np.array([0., 0, 1, 2])
    >>> W2 = np.array([[1., 1, 2, 3]]); b2 = np.zeros(1)
    >>> permutation_orbit_size((W1, b1, W2, b2))
    (12, 2)
    """
    arrs = check_mlp(net)
    if not (isinstance(layer, int) and 0 <= layer < len(arrs) // 2 - 1):
        raise InvalidInputError(f"layer must be a hidden layer index in [0, {len(arrs) // 2 - 2}]")
    W, b, V = arrs[2 * layer], arrs[2 * layer + 1], arrs[2 * layer + 2]
    keys = [tuple(np.round(np.concatenate([W[i], [b[i]], V[:, i]]) / tol).astype(np.int64))
            for i in range(len(b))]
    stab = 1
    for m in Counter(keys).values():
        stab *= factorial(m)
    return factorial(len(b)) // stab, stab


def attention_generators(WQ, WK) -> list[np.ndarray]:
    """Tangent vectors of ``(W_Q, W_K) -> (W_Q A, W_K A^{-T})`` at ``A = 1``: ``(W_Q X, -W_K X^T)``.

    Parameters
    ----------
    WQ : object
        Query matrix, shape (d, d_k).
    WK : object
        Key matrix, shape (d, d_k).

    Returns
    -------
    list[numpy.ndarray]
        Tangent vectors of ``(W_Q, W_K) -> (W_Q A, W_K A^{-T})`` at ``A = 1``: ``(W_Q X, -W_K X^T)``.
    """
    WQ, WK = np.asarray(WQ, dtype=float), np.asarray(WK, dtype=float)
    if WQ.ndim != 2 or WQ.shape != WK.shape:
        raise ShapeMismatchError(f"W_Q {WQ.shape} and W_K {WK.shape} must be equal-shape matrices (d, d_k)")
    k = WQ.shape[1]
    gens = []
    for i in range(k):
        for j in range(k):
            X = np.zeros((k, k))
            X[i, j] = 1
            gens.append(np.concatenate([(WQ @ X).ravel(), (-WK @ X.T).ravel()]))
    return gens


def attention_orbit_dimension(WQ, WK, tol: float = 1e-9) -> int:
    """Dimension of the GL(d_k) orbit of ``(W_Q, W_K)``: ``d_k^2 - (d_k - r_Q)(d_k - r_K)``.

    Parameters
    ----------
    WQ : object
        Query matrix, shape (d, d_k).
    WK : object
        Key matrix, shape (d, d_k).
    tol : float, optional
        Relative singular-value tolerance (the core.rank policy).

    Returns
    -------
    int
        Dimension of the GL(d_k) orbit of ``(W_Q, W_K)``: ``d_k^2 - (d_k - r_Q)(d_k - r_K)``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> attention_orbit_dimension(rng.normal(size=(6, 3)), rng.normal(size=(6, 3)))
    9
    """
    gens = attention_generators(WQ, WK)
    p = np.concatenate([np.ravel(WQ), np.ravel(WK)])
    return orbit_dimension([(lambda _p, v=v: v) for v in gens], p, tol)


@dataclass(frozen=True)
class OrbitReport:
    """Orbit and stabiliser dimensions of a point under a Lie group of dimension ``group_dimension``.

    Parameters
    ----------
    group_dimension : int
        Dimension of the group.
    orbit_dimension : int
        Dimension of the orbit.
    """

    group_dimension: int
    orbit_dimension: int

    @property
    def stabilizer_dimension(self) -> int:
        return self.group_dimension - self.orbit_dimension

    def latex(self) -> str:
        return (f"\\dim G = {self.group_dimension} = \\dim \\mathcal{{O}} + \\dim G_x = "
                f"{self.orbit_dimension} + {self.stabilizer_dimension}")

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"
