r"""Quantum kernels (Huang et al., Nat. Commun. 12:2631, 2021) and the reproducing-kernel pairing.

- `fidelity_kernel`: :math:`K(x, x') = |\langle\phi(x)|\phi(x')\rangle|^2` from statevectors; feature
  maps ``"angle"`` (:math:`\bigotimes_i R_y(x_i)|0\rangle`, closed form :math:`\prod_i\cos^2((x_i-x'_i)/2)`),
  ``"basis"`` (a bit string is a computational basis state: Freedman's "each picture a different
  basis state") or a callable returning normalised state vectors.
- `geometric_difference` :math:`g(K_C\|K_Q) = \sqrt{\|\sqrt{K_Q}K_C^{-1}\sqrt{K_Q}\|_\infty}` and
  `model_complexity` :math:`s_K = y^TK^{-1}y`.
- `rkhs_inner_product` (:math:`f^TK^{-1}g` for functions given by their values on the points) and
  `slide_pairing` (:math:`f^TKg`, the seed's :math:`\iint f(x)K(x,y)g(y)`, an inner product of the
  *coefficients* :math:`f = K\alpha`, not of the functions).

Examples
--------
>>> import numpy as np
>>> from mathml.quantum import fidelity_kernel
>>> K = fidelity_kernel([[0.1, 0.7, -0.3], [0.5, -0.2, 0.4]])
>>> round(float(K[0, 1]), 13)                      # brief Q9: 0.6872321194414
0.6872321194414
"""
from __future__ import annotations

from typing import Any, Callable

import numpy as np

from mathml.core.errors import InvalidInputError, ShapeMismatchError

from .validate import check_real

__all__ = ["angle_states", "basis_states", "fidelity_kernel", "angle_kernel", "geometric_difference",
           "model_complexity", "kernel_ridge_predict", "rkhs_inner_product", "slide_pairing"]


def _matrix(X: Any, name: str) -> np.ndarray:
    X = np.asarray(X)
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim != 2 or X.dtype.kind not in "iuf" or not np.all(np.isfinite(X)) or 0 in X.shape:
        raise InvalidInputError(f"{name} must be a finite real non-empty 2-d array (points x features)")
    if X.shape[1] > 20:
        raise InvalidInputError(f"statevector kernels are for at most 20 features (qubits), got {X.shape[1]}")
    if len(X) * 2 ** X.shape[1] > 2**24:
        raise InvalidInputError(f"{len(X)} statevectors of 2**{X.shape[1]} amplitudes exceed 2**24 numbers "
                                "(128 MB); use fewer points or features")
    return X


def angle_states(X: Any) -> np.ndarray:
    """Statevectors :math:`\\bigotimes_i (\\cos(x_i/2)|0\\rangle + \\sin(x_i/2)|1\\rangle)`, shape (n, 2**d).

    >>> from mathml.quantum.kernels import angle_states
    >>> angle_states([[0.0, 0.0]]).tolist()
    [[1.0, 0.0, 0.0, 0.0]]
    """
    X = _matrix(X, "X").astype(float)
    out = np.ones((len(X), 1))
    for i in range(X.shape[1]):
        q = np.stack([np.cos(X[:, i] / 2), np.sin(X[:, i] / 2)], axis=1)
        out = (out[:, :, None] * q[:, None, :]).reshape(len(X), -1)
    return out


def basis_states(bits: Any) -> np.ndarray:
    """One-hot statevectors of bit strings (exact int64, shape (n, 2**d)).

    >>> from mathml.quantum.kernels import basis_states
    >>> basis_states([[1, 0]]).tolist()
    [[0, 0, 1, 0]]
    """
    B = _matrix(bits, "bits")
    if not np.all((B == 0) | (B == 1)):
        raise InvalidInputError("basis embedding takes bit strings of 0s and 1s")
    idx = B.astype(np.int64) @ (2 ** np.arange(B.shape[1] - 1, -1, -1, dtype=np.int64))
    out = np.zeros((len(B), 2 ** B.shape[1]), dtype=np.int64)
    out[np.arange(len(B)), idx] = 1
    return out


def fidelity_kernel(X: Any, Y: Any = None, feature_map: str | Callable = "angle") -> np.ndarray:
    """The fidelity kernel matrix :math:`|\\langle\\phi(x_i)|\\phi(y_j)\\rangle|^2` by statevectors.

    Parameters
    ----------
    X, Y : arrays (points x features); ``Y`` defaults to ``X``
    feature_map : "angle", "basis" or callable
        A callable maps the point array to normalised state vectors (rows).

    Returns
    -------
    numpy.ndarray
        float64 (exact int64 for ``"basis"``).

    Examples
    --------
    >>> from mathml.quantum import fidelity_kernel
    >>> fidelity_kernel([[0, 1], [1, 1], [0, 1]], feature_map="basis").tolist()
    [[1, 0, 1], [0, 1, 0], [1, 0, 1]]
    """
    if feature_map == "angle":
        fmap = angle_states
    elif feature_map == "basis":
        fmap = basis_states
    elif callable(feature_map):
        fmap = feature_map
    else:
        raise InvalidInputError(f"feature_map must be 'angle', 'basis' or a callable, got {feature_map!r}")
    A = _states(fmap(X))
    B = A if Y is None else _states(fmap(Y))
    if A.shape[1] != B.shape[1]:
        raise ShapeMismatchError(f"feature states of different dimensions: {A.shape[1]} and {B.shape[1]}")
    G = A.conj() @ B.T
    return (G * G.conj()).real.astype(G.dtype if G.dtype.kind == "i" else float)


def _states(S: Any) -> np.ndarray:
    """Check a feature map's output: a 2-d numeric array of finite, normalised rows."""
    S = np.asarray(S)
    if S.ndim != 2 or S.dtype.kind not in "iufc" or not np.all(np.isfinite(S)):
        raise InvalidInputError("a feature map must return a finite 2-d array of state vectors (one per row)")
    if not np.allclose(np.linalg.norm(S, axis=1), 1, rtol=0, atol=1e-10):
        raise InvalidInputError("a feature map must return normalised state vectors")
    return S


def angle_kernel(X: Any, Y: Any = None) -> np.ndarray:
    """The closed form :math:`\\prod_i\\cos^2((x_i - y_i)/2)` of the angle-encoding fidelity kernel.

    >>> import numpy as np
    >>> from mathml.quantum.kernels import angle_kernel
    >>> float(angle_kernel([[np.pi]], [[0.0]])[0, 0]) < 1e-30
    True
    """
    X = _matrix(X, "X").astype(float)
    Y = X if Y is None else _matrix(Y, "Y").astype(float)
    return np.prod(np.cos((X[:, None, :] - Y[None, :, :]) / 2) ** 2, axis=2)


def _psd_sqrt(K: np.ndarray) -> np.ndarray:
    w, V = np.linalg.eigh((K + K.T.conj()) / 2)
    return (V * np.sqrt(np.clip(w, 0, None))) @ V.T.conj()


def _square(K: Any, name: str) -> np.ndarray:
    try:
        K = np.asarray(K, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a finite real square matrix") from exc
    if K.ndim != 2 or K.shape[0] != K.shape[1] or not np.all(np.isfinite(K)):
        raise InvalidInputError(f"{name} must be a finite square matrix")
    return K


def _solve(K: np.ndarray, lam: Any, rhs: np.ndarray, what: str) -> np.ndarray:
    lam = check_real(lam, "lam", minimum=0)
    try:
        return np.linalg.solve(K + lam * np.eye(len(K)), rhs)
    except np.linalg.LinAlgError as exc:
        raise InvalidInputError(f"{what} + lam I is singular: pass a regulariser lam > 0") from exc


def _vector(y: Any, n: int, name: str) -> np.ndarray:
    try:
        y = np.asarray(y, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be real numbers") from exc
    if y.shape != (n,) or not np.all(np.isfinite(y)):
        raise ShapeMismatchError(f"{name} must be {n} finite numbers, got shape {y.shape}")
    return y


def geometric_difference(K_C: Any, K_Q: Any, lam: float = 0.0) -> float:
    """The geometric difference, with the spectral norm:
    :math:`g(K_C\\|K_Q) = \\sqrt{\\|\\sqrt{K_Q}(K_C + \\lambda)^{-1}\\sqrt{K_Q}\\|_\\infty}`.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import geometric_difference
    >>> round(geometric_difference(np.eye(3), np.eye(3)), 12)
    1.0
    """
    K_C, K_Q = _square(K_C, "K_C"), _square(K_Q, "K_Q")
    if K_C.shape != K_Q.shape:
        raise ShapeMismatchError(f"kernels of different sizes: {K_C.shape} and {K_Q.shape}")
    R = _psd_sqrt(K_Q)
    M = R @ _solve(K_C, lam, R, "K_C")
    return float(np.sqrt(np.linalg.norm(M, 2)))


def model_complexity(K: Any, y: Any, lam: float = 0.0) -> float:
    """:math:`s_K = y^T (K + \\lambda)^{-1} y` (Huang et al. 2021).

    >>> import numpy as np
    >>> from mathml.quantum import model_complexity
    >>> model_complexity(np.eye(4), [1, -1, 1, 1])       # basis embedding: s_K = N
    4.0
    """
    K = _square(K, "K")
    y = _vector(y, len(K), "y")
    return float(y @ _solve(K, lam, y, "K"))


def kernel_ridge_predict(K_train: Any, y: Any, K_test: Any, lam: float = 0.0) -> np.ndarray:
    """Kernel ridge predictions :math:`K_{test}(K_{train} + \\lambda)^{-1}y`.

    >>> import numpy as np
    >>> from mathml.quantum.kernels import kernel_ridge_predict
    >>> kernel_ridge_predict(np.eye(2), [1.0, -1.0], np.zeros((1, 2))).tolist()   # unseen: 0
    [0.0]
    """
    K = _square(K_train, "K_train")
    Kt = np.asarray(K_test, dtype=float)
    if Kt.ndim != 2 or Kt.shape[1] != len(K):
        raise ShapeMismatchError(f"K_test must have {len(K)} columns")
    return Kt @ _solve(K, lam, _vector(y, len(K), "y"), "K_train")


def rkhs_inner_product(K: Any, f: Any, g: Any) -> Any:
    """The RKHS inner product :math:`\\langle f, g\\rangle_{\\mathcal H_K} = f^T K^{-1} g`.

    ``f`` and ``g`` are given by their values on the points.

    Works with sympy matrices (exact) or numpy arrays.

    >>> import sympy as sp
    >>> from mathml.quantum.kernels import rkhs_inner_product
    >>> K = sp.Matrix([[2, 1], [1, 2]])
    >>> rkhs_inner_product(K, K[:, 0], K[:, 1])       # <K(., x0), K(., x1)> = K(x0, x1)
    1
    """
    return _pair(K, f, g, inverse=True)


def slide_pairing(K: Any, f: Any, g: Any) -> Any:
    """The seed's pairing :math:`\\iint f(x)K(x,y)g(y) \\to f^T K g` on a finite set (exact with sympy).

    >>> import sympy as sp
    >>> from mathml.quantum.kernels import slide_pairing
    >>> K = sp.Matrix([[2, 1], [1, 2]])
    >>> slide_pairing(K, K[:, 0], K[:, 1])            # not K(x0, x1) = 1
    13
    """
    return _pair(K, f, g, inverse=False)


def _pair(K: Any, f: Any, g: Any, *, inverse: bool) -> Any:
    import sympy as sp

    if isinstance(K, sp.MatrixBase):
        f, g = sp.Matrix(f), sp.Matrix(g)
        M = K.inv() if inverse else K
        return sp.simplify((f.T * M * g)[0, 0])
    K = _square(K, "K")
    f, g = np.asarray(f, dtype=float).ravel(), np.asarray(g, dtype=float).ravel()
    return float(f @ (np.linalg.solve(K, g) if inverse else K @ g))
