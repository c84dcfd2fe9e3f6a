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

from ..core.errors import InvalidInputError, ShapeMismatchError

__all__ = ["attention", "attention_symmetry", "value_output_symmetry", "parameter_rank",
           "numeric_parameter_rank"]


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


def numeric_parameter_rank(d: int, d_k: int, *, seed: int = 0) -> int:
    """Rank of the Jacobian of (W_Q, W_K) -> W_Q W_K^T at random weights (SVD, relative 1e-10).

    Examples
    --------
    >>> numeric_parameter_rank(8, 3)
    39
    """
    parameter_rank(d, d_k)  # validates
    rng = np.random.default_rng(seed)
    WQ, WK = rng.normal(size=(d, d_k)), rng.normal(size=(d, d_k))
    cols = []
    for which in (0, 1):
        for i in range(d):
            for a in range(d_k):
                E = np.zeros((d, d_k)); E[i, a] = 1
                dM = E @ WK.T if which == 0 else WQ @ E.T
                cols.append(dM.ravel())
    s = np.linalg.svd(np.array(cols).T, compute_uv=False)
    return int(np.sum(s > s[0] * 1e-10))
