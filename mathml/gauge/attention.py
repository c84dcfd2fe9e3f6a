"""Gauge redundancies of transformer self-attention (brief 1.7), in the row convention.

Q = X W_Q, K = X W_K, attn = softmax(Q K^T / sqrt(d_k)) X W_V W_O.  W_Q -> W_Q A,
W_K -> W_K A^{-T} (A in GL(d_k)) leaves Q K^T unchanged; W_V -> W_V B, W_O -> B^{-1} W_O
likewise; a key bias only adds a per-row constant to the logits.

Examples
--------
>>> import numpy as np
>>> from mathml.gauge import attention_symmetry
>>> rng = np.random.default_rng(0)
>>> WQ, WK, A = rng.normal(size=(8, 3)), rng.normal(size=(8, 3)), rng.normal(size=(3, 3))
>>> WQ2, WK2 = attention_symmetry(WQ, WK, A)
>>> float(np.max(np.abs(WQ2 @ WK2.T - WQ @ WK.T))) < 1e-12
True
"""
from __future__ import annotations

from typing import Any

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError, ShapeMismatchError
from ..core.rank import exact_rank, numerical_rank

__all__ = ["attention", "attention_symmetry", "value_output_symmetry", "parameter_rank",
           "numeric_parameter_rank", "exact_parameter_rank", "parameter_jacobian", "relu_attention",
           "relu_attention_rescale"]


def _mat(a: Any, what: str) -> np.ndarray:
    try:
        arr = np.asarray(a, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{what} must be a numeric matrix") from None
    if arr.ndim != 2 or not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{what} must be a finite 2-d array, got shape {arr.shape}")
    return arr


def _invertible(A: np.ndarray, what: str) -> np.ndarray:
    if A.shape[0] != A.shape[1]:
        raise ShapeMismatchError(f"{what} must be square, got shape {A.shape}")
    if np.linalg.cond(A) > 1e12:
        raise InvalidInputError(f"{what} must be invertible (it is singular or ill conditioned)")
    return np.linalg.inv(A)


def attention(X, W_Q, W_K, W_V, W_O, b_Q=None, b_K=None) -> np.ndarray:
    """softmax((X W_Q + b_Q)(X W_K + b_K)^T / sqrt(d_k)) X W_V W_O, rows as tokens."""
    X, W_Q, W_K, W_V, W_O = (_mat(a, n) for a, n in ((X, "X"), (W_Q, "W_Q"), (W_K, "W_K"),
                                                       (W_V, "W_V"), (W_O, "W_O")))
    Q = X @ W_Q + (0 if b_Q is None else np.asarray(b_Q, dtype=float))
    K = X @ W_K + (0 if b_K is None else np.asarray(b_K, dtype=float))
    logits = Q @ K.T / np.sqrt(W_Q.shape[1])
    logits -= logits.max(axis=1, keepdims=True)
    P = np.exp(logits)
    P /= P.sum(axis=1, keepdims=True)
    return P @ X @ W_V @ W_O


def attention_symmetry(W_Q: Any, W_K: Any, A: Any) -> tuple[np.ndarray, np.ndarray]:
    """(W_Q A, W_K A^{-T}) for A in GL(d_k): Q K^T is unchanged."""
    W_Q, W_K, A = _mat(W_Q, "W_Q"), _mat(W_K, "W_K"), _mat(A, "A")
    if W_Q.shape != W_K.shape or A.shape[0] != W_Q.shape[1]:
        raise ShapeMismatchError(f"W_Q, W_K must both be d x d_k and A d_k x d_k; got "
                                 f"{W_Q.shape}, {W_K.shape}, {A.shape}")
    return W_Q @ A, W_K @ _invertible(A, "A").T


def value_output_symmetry(W_V: Any, W_O: Any, B: Any) -> tuple[np.ndarray, np.ndarray]:
    """(W_V B, B^{-1} W_O) for B in GL(d_v): W_V W_O is unchanged."""
    W_V, W_O, B = _mat(W_V, "W_V"), _mat(W_O, "W_O"), _mat(B, "B")
    if B.shape[0] != W_V.shape[1] or W_O.shape[0] != W_V.shape[1]:
        raise ShapeMismatchError(f"W_V is d x d_v, W_O d_v x d and B d_v x d_v; got "
                                 f"{W_V.shape}, {W_O.shape}, {B.shape}")
    return W_V @ B, _invertible(B, "B") @ W_O


def parameter_rank(d: int, d_k: int) -> int:
    """2 d d_k - d_k^2: the rank of (W_Q, W_K) -> W_Q W_K^T (d_k <= d); the GL(d_k) orbit has
    dimension d_k^2.

    Examples
    --------
    >>> parameter_rank(8, 3)   # brief 1.9
    39
    """
    for name, v in (("d", d), ("d_k", d_k)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise InvalidInputError(f"{name} must be a positive integer, got {v!r}")
    if d_k > d:
        raise InvalidInputError(f"need d_k <= d, got d_k = {d_k} > d = {d}")
    return 2 * d * d_k - d_k * d_k


def parameter_jacobian(W_Q: Any, W_K: Any) -> Any:
    """The Jacobian of (W_Q, W_K) -> W_Q W_K^T (rows: entries of the product row-major; columns:
    entries of W_Q then W_K row-major).

    Exact (a sympy Matrix) when W_Q and W_K are sympy matrices or integer arrays, float64 otherwise.

    Parameters
    ----------
    W_Q, W_K : d x d_k matrices

    Returns
    -------
    sympy.Matrix or numpy.ndarray of shape (d * d, 2 * d * d_k)

    Raises
    ------
    ShapeMismatchError
        When W_Q and W_K do not have the same shape.

    Examples
    --------
    >>> import sympy as sp
    >>> parameter_jacobian(sp.Matrix([[1]]), sp.Matrix([[2]]))
    Matrix([[2, 1]])
    """
    exact = all(isinstance(M, sp.MatrixBase) or (isinstance(M, np.ndarray) and M.dtype.kind in "iu")
                for M in (W_Q, W_K))
    if exact:
        WQ, WK = sp.Matrix(W_Q), sp.Matrix(W_K)
    else:
        WQ, WK = _mat(W_Q, "W_Q"), _mat(W_K, "W_K")
    if WQ.shape != WK.shape:
        raise ShapeMismatchError(f"W_Q and W_K must have the same shape d x d_k, got {WQ.shape}, {WK.shape}")
    d, d_k = WQ.shape
    cols = []
    for which in (0, 1):
        for i in range(d):
            for a in range(d_k):
                if exact:
                    E = sp.zeros(d, d_k)
                    E[i, a] = 1
                    dM = E * WK.T if which == 0 else WQ * E.T
                    cols.append(list(dM))
                else:
                    E = np.zeros((d, d_k))
                    E[i, a] = 1
                    dM = E @ WK.T if which == 0 else WQ @ E.T
                    cols.append(dM.ravel())
    return sp.Matrix(cols).T if exact else np.array(cols).T


def exact_parameter_rank(d: int, d_k: int, *, seed: int = 0, bound: int = 5) -> int:
    """Exact rank of the Jacobian of (W_Q, W_K) -> W_Q W_K^T at seeded random integer weights.

    The point is redrawn until W_Q and W_K have full column rank (exactly).  The Jacobian at an
    integer point is an integer matrix; its rank is computed exactly (`mathml.core.rank.exact_rank`,
    python-flint).  The rank at any point is at most the generic
    rank, so a point reaching `parameter_rank` proves the generic rank is at least that value;
    the GL(d_k) orbit directions in the kernel give the matching upper bound.

    Parameters
    ----------
    d, d_k : int
        Model and head dimension, 1 <= d_k <= d.
    seed : int
        Seed of ``numpy.random.default_rng`` for the integer weights.
    bound : int
        Weights are drawn uniformly from [-bound, bound].

    Returns
    -------
    int

    Examples
    --------
    >>> exact_parameter_rank(8, 3)   # 2 d d_k - d_k^2 (brief 1.7)
    39
    """
    parameter_rank(d, d_k)  # validates
    if isinstance(bound, bool) or not isinstance(bound, int) or bound < 1:
        raise InvalidInputError(f"bound must be a positive integer, got {bound!r}")
    rng = np.random.default_rng(seed)
    for _ in range(100):  # a generic point: W_Q and W_K of full column rank d_k (checked exactly)
        WQ = rng.integers(-bound, bound + 1, size=(d, d_k))
        WK = rng.integers(-bound, bound + 1, size=(d, d_k))
        if exact_rank(WQ) == d_k and exact_rank(WK) == d_k:
            return exact_rank(parameter_jacobian(WQ, WK))
    raise InvalidInputError(f"no integer point with full-rank W_Q, W_K in [-{bound}, {bound}] after 100 "
                            "draws; use a larger bound")


def numeric_parameter_rank(d: int, d_k: int, *, seed: int = 0) -> int:
    """Numerical rank of the Jacobian of (W_Q, W_K) -> W_Q W_K^T at random normal weights.

    Float64 SVD with the one rank tolerance of mathml (`mathml.core.rank.numerical_rank`): evidence,
    not a proof; `exact_parameter_rank` is the exact version.

    Parameters
    ----------
    d, d_k : int
    seed : int
        Seed of ``numpy.random.default_rng``.

    Returns
    -------
    int

    Examples
    --------
    >>> numeric_parameter_rank(8, 3)
    39
    """
    parameter_rank(d, d_k)  # validates
    rng = np.random.default_rng(seed)
    WQ, WK = rng.normal(size=(d, d_k)), rng.normal(size=(d, d_k))
    return numerical_rank(parameter_jacobian(WQ, WK))


def relu_attention(x: Any, w_q: Any, w_k: Any, w_v: Any) -> Any:
    r"""The talk's ReLU attention :math:`h_i = \sum_j \mathrm{ReLU}((x w_q)_i (x w_k)_j^T)\,(x w_v)_j`.

    Seed 001 ("3. Self-attention in transformers"): ``x`` is ``n x d`` (tokens as rows), the weights
    ``d x d``.  Exact in, exact out: sympy matrices give a sympy matrix (ReLU as ``Max(0, .)``),
    anything else float64.

    Parameters
    ----------
    x : n x d matrix
    w_q, w_k, w_v : d x d' matrices (query, key, value)

    Returns
    -------
    sympy.Matrix or numpy.ndarray, n x d'

    Examples
    --------
    >>> import sympy as sp
    >>> relu_attention(sp.Matrix([[1, 0], [0, 1]]), sp.eye(2), sp.eye(2), sp.Matrix([[1, 2], [3, 4]]))
    Matrix([
    [1, 2],
    [3, 4]])
    """
    if all(isinstance(M, sp.MatrixBase) for M in (x, w_q, w_k, w_v)):
        Q, K, V = x * w_q, x * w_k, x * w_v
        if Q.shape[1] != K.shape[1]:
            raise ShapeMismatchError(f"query and key widths differ: {Q.shape[1]} != {K.shape[1]}")
        return (Q * K.T).applyfunc(lambda s: sp.Max(0, s)) * V
    X, WQ, WK, WV = (_mat(a, n) for a, n in ((x, "x"), (w_q, "w_q"), (w_k, "w_k"), (w_v, "w_v")))
    try:
        return np.maximum((X @ WQ) @ (X @ WK).T, 0.0) @ (X @ WV)
    except ValueError as exc:
        raise ShapeMismatchError(f"relu_attention: shapes do not chain: {exc}") from None


def relu_attention_rescale(w_q: Any, w_k: Any, w_v: Any, alpha_q: Any, alpha_k: Any,
                           alpha_v: Any) -> tuple[Any, Any, Any]:
    """(alpha_q w_q, alpha_k w_k, alpha_v w_v): the talk's "NN sym 1".

    It is a symmetry of `relu_attention` when alpha_q alpha_k > 0 and alpha_q alpha_k alpha_v = 1
    (ReLU commutes with positive scalings only); the talk states only the product condition.
    No condition is enforced here, so the refuted case can be built.

    Parameters
    ----------
    w_q, w_k, w_v : matrices
    alpha_q, alpha_k, alpha_v : numbers (sympy numbers keep the result exact)

    Returns
    -------
    tuple of three matrices

    Examples
    --------
    >>> import sympy as sp
    >>> relu_attention_rescale(sp.eye(1), sp.eye(1), sp.eye(1), 2, sp.Rational(1, 2), 1)
    (Matrix([[2]]), Matrix([[1/2]]), Matrix([[1]]))
    """
    for name, a in (("alpha_q", alpha_q), ("alpha_k", alpha_k), ("alpha_v", alpha_v)):
        if isinstance(a, (bool, str, bytes)):
            raise InvalidInputError(f"{name} must be a number, got {a!r}")
    return alpha_q * w_q, alpha_k * w_k, alpha_v * w_v
