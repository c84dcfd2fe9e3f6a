"""Scalar curvature of left-invariant metrics on Lie groups (Milnor 1976; Besse, Einstein Manifolds 7.38).

Structure constants ``c[i, j, k]``: ``[e_i, e_j] = sum_k c[i, j, k] e_k``.  A left-invariant metric is
the Gram matrix ``G[i, j] = <e_i, e_j>``.  For an orthonormal basis,
``scal = -1/4 sum (c_ij^k)^2 - 1/2 sum_i B(e_i, e_i) - |Z|^2`` with ``B(X, X) = tr(ad X)^2`` and
``Z = sum_i tr(ad e_i) e_i`` (zero for unimodular groups).  In a general basis every sum becomes a
contraction with ``G`` and ``G^{-1}``; that basis-free form is used here, numerically (numpy einsum)
and symbolically (sympy), and cross-checked against the orthonormal-frame form in the tests.

Exact in, exact out (the float policy of every mathml family): `structure_constants` of a named
algebra is computed in exact arithmetic (the bases have entries in Q(i, sqrt 2, sqrt 3, ...)) and
returned as an integer array when every constant is an integer (so, sl, su(2), Pauli words), else as
an exact sympy object array (``exact=True``) or its float values (default for non-integral ones).
`scalar_curvature_symbolic` keeps exact input exact (``structure_constants("su", 2)`` with
``eye(3)`` gives the integer 6); any float in the input makes the computation numeric and the result
a sympy Float.  `scalar_curvature` and the gradient are float (numpy) routines by design.
"""
from __future__ import annotations

import itertools
from fractions import Fraction
from functools import lru_cache

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError, ShapeMismatchError

__all__ = [
    "lie_algebra_basis",
    "pauli_basis",
    "structure_constants",
    "scalar_curvature",
    "scalar_curvature_orthonormal",
    "scalar_curvature_gradient",
    "scalar_curvature_symbolic",
    "milnor_scalar_curvature",
    "milnor_structure_constants",
]


def _gell_mann(n):
    mats = []
    for j in range(n):
        for k in range(j + 1, n):
            s = np.zeros((n, n), complex)
            s[j, k] = s[k, j] = 1
            a = np.zeros((n, n), complex)
            a[j, k], a[k, j] = -1j, 1j
            mats += [s, a]
    for l in range(1, n):
        d = np.zeros((n, n), complex)
        d[:l, :l] = np.eye(l)
        d[l, l] = -l
        mats.append(d * np.sqrt(2.0 / (l * (l + 1))))
    return mats


@lru_cache(maxsize=None)
def _pauli_words(k):
    paulis = [np.array([[0, 1], [1, 0]], complex), np.array([[0, -1j], [1j, 0]]),
              np.array([[1, 0], [0, -1]], complex), np.eye(2, dtype=complex)]
    words = []
    for idx in itertools.product(range(4), repeat=k):
        if all(i == 3 for i in idx):
            continue
        m = np.array([[1.0 + 0j]])
        for i in idx:
            m = np.kron(m, paulis[i])
        words.append((idx, m))
    return tuple(words)


def pauli_basis(k: int) -> list[np.ndarray]:
    """Basis ``-i P`` of su(2^k), ``P`` the non-identity Pauli words (``tr(P P) = 2^k``).

    Parameters
    ----------
    k : int
        Number of qubits (su(2^k)).

    Returns
    -------
    list[numpy.ndarray]
        Basis ``-i P`` of su(2^k), ``P`` the non-identity Pauli words (``tr(P P) = 2^k``).

    Examples
    --------
    >>> len(pauli_basis(2))
    15
    """
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise InvalidInputError(f"k must be a positive int, got {k!r}")
    return [-1j * m for _, m in _pauli_words(k)]


def lie_algebra_basis(name: str, n: int) -> list[np.ndarray]:
    """Matrix basis of ``"su"`` (``-i`` times generalised Gell-Mann, ``tr(l_a l_b) = 2 delta``),
    ``"so"`` (``E_ij - E_ji``) or ``"sl"`` (``E_ij`` off-diagonal and ``E_ii - E_{i+1,i+1}``).

    Parameters
    ----------
    name : str
        Algebra name: "su", "so" or "sl".
    n : int
        Matrix size n (the algebra of n x n matrices).

    Returns
    -------
    list[numpy.ndarray]
        Matrix basis of ``"su"`` (``-i`` times generalised Gell-Mann, ``tr(l_a l_b) = 2 delta``),
        ``"so"`` (``E_ij - E_ji``) or ``"sl"`` (``E_ij`` ...

    Examples
    --------
    >>> [len(lie_algebra_basis(g, 4)) for g in ("su", "so", "sl")]
    [15, 6, 15]
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise InvalidInputError(f"n must be an int >= 2, got {n!r}")
    if name == "su":
        return [-1j * m for m in _gell_mann(n)]
    if name == "so":
        out = []
        for i in range(n):
            for j in range(i + 1, n):
                m = np.zeros((n, n))
                m[i, j], m[j, i] = 1, -1
                out.append(m)
        return out
    if name == "sl":
        out = []
        for i in range(n):
            for j in range(n):
                if i != j:
                    m = np.zeros((n, n))
                    m[i, j] = 1
                    out.append(m)
        for i in range(n - 1):
            m = np.zeros((n, n))
            m[i, i], m[i + 1, i + 1] = 1, -1
            out.append(m)
        return out
    raise InvalidInputError(f"unknown Lie algebra {name!r}; accepted: 'su', 'so', 'sl' or a list of matrices")


def _exact_basis(name: str, n: int) -> list[sp.Matrix]:
    """The named bases of `lie_algebra_basis` / `pauli_basis` as exact sympy matrices."""
    I = sp.I
    if name == "pauli":
        paulis = [sp.Matrix([[0, 1], [1, 0]]), sp.Matrix([[0, -I], [I, 0]]), sp.Matrix([[1, 0], [0, -1]]),
                  sp.eye(2)]
        out = []
        for idx in itertools.product(range(4), repeat=n):
            if all(i == 3 for i in idx):
                continue
            m = sp.Matrix([[1]])
            for i in idx:
                m = sp.kronecker_product(m, paulis[i])
            out.append(-I * m)
        return out
    if name == "su":
        mats = []
        for j in range(n):
            for k in range(j + 1, n):
                sym = sp.zeros(n, n)
                sym[j, k] = sym[k, j] = 1
                asym = sp.zeros(n, n)
                asym[j, k], asym[k, j] = -I, I
                mats += [sym, asym]
        for l in range(1, n):
            d = sp.zeros(n, n)
            for i in range(l):
                d[i, i] = 1
            d[l, l] = -l
            mats.append(d * sp.sqrt(sp.Rational(2, l * (l + 1))))
        return [-I * m for m in mats]
    return [sp.Matrix(np.asarray(m).real.astype(int).tolist()) for m in lie_algebra_basis(name, n)]


@lru_cache(maxsize=None)
def _exact_constants(name: str, n: int) -> tuple:
    """Exact structure constants of a named basis (flattened tuple of sympy numbers, and d)."""
    basis = _exact_basis(name, n)
    d = len(basis)
    # real coordinates: stack real and imaginary parts of vec(e_a); solve by the exact normal equations
    cols = []
    for m in basis:
        v = [sp.nsimplify(e) for e in m]
        cols.append([sp.re(e) for e in v] + [sp.im(e) for e in v])
    B = sp.Matrix(cols).T
    P = (B.T * B).inv() * B.T
    out = [sp.Integer(0)] * (d * d * d)
    for i in range(d):
        for j in range(i + 1, d):
            br = basis[i] * basis[j] - basis[j] * basis[i]
            if br.is_zero_matrix:
                continue
            v = list(br)
            coef = P * sp.Matrix([sp.re(e) for e in v] + [sp.im(e) for e in v])
            for k in range(d):
                ck = sp.nsimplify(sp.radsimp(coef[k]))
                out[(i * d + j) * d + k] = ck
                out[(j * d + i) * d + k] = -ck
    return tuple(out), d


#: Named algebras up to this dimension get exact structure constants by default.
_EXACT_MAX_DIM = 15


def structure_constants(lie_algebra, n: int | None = None, *, tol: float = 1e-9,
                        exact: bool | None = None) -> np.ndarray:
    """Structure constants ``c[i, j, k]`` of a basis: ``[e_i, e_j] = sum_k c[i, j, k] e_k``.

    Parameters
    ----------
    lie_algebra : str or sequence of square matrices
        ``"su"``, ``"so"``, ``"sl"`` (with ``n``), ``"pauli"`` (su(2^n) in the Pauli-word basis),
        or matrices spanning a Lie algebra (brackets expanded by least squares in their real span;
        a bracket outside the span raises).
    n : int, optional
        Matrix size (or number of qubits for ``"pauli"``) of a named algebra.
    tol : float
        Relative residual allowed for the least-squares expansion of a user basis.
    exact : bool, optional
        Named algebras only.  ``True``: exact arithmetic, an object array of sympy numbers (or an
        integer array when all constants are integers).  ``False``: float.  Default: exact for
        algebras of dimension up to 15 and for every Pauli basis (whose constants are 0 and +-2).

    Returns
    -------
    numpy.ndarray of shape (d, d, d)
        Integer dtype when every constant is an exact integer; object (sympy) for exact
        non-integers; float64 otherwise.

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        Unknown name, dependent or non-square matrices, or a span not closed under brackets.

    Examples
    --------
    >>> c = structure_constants("su", 2)
    >>> c.dtype.kind, c[0, 1, 2]         # [-i s_x, -i s_y] = 2 (-i s_z), exactly
    ('i', np.int64(2))
    >>> import sympy as sp
    >>> structure_constants("su", 3, exact=True)[2, 3, 7]    # 2 f_458 of Gell-Mann (basis -i lambda_a)
    sqrt(3)
    """
    if isinstance(lie_algebra, str):
        if n is None:
            raise InvalidInputError("give n together with the algebra's name")
        basis = pauli_basis(n) if lie_algebra == "pauli" else lie_algebra_basis(lie_algebra, n)
        d = len(basis)
        if lie_algebra == "pauli":
            return _pauli_constants(n)
        if exact or (exact is None and d <= _EXACT_MAX_DIM):
            flat, d = _exact_constants(lie_algebra, n)
            if all(v.is_Integer for v in flat):
                return np.array([int(v) for v in flat], dtype=np.int64).reshape(d, d, d)
            if exact:
                return np.array(flat, dtype=object).reshape(d, d, d)
            return np.array([float(v) for v in flat], dtype=float).reshape(d, d, d)
    else:
        try:
            basis = [np.asarray(m) for m in lie_algebra]
        except TypeError:
            raise InvalidInputError("lie_algebra must be a name or a sequence of matrices") from None
        if not basis or any(m.ndim != 2 or m.shape != basis[0].shape or m.shape[0] != m.shape[1]
                            for m in basis):
            raise ShapeMismatchError("basis matrices must be square and of one shape")
    return _numeric_constants(basis, tol)


def _numeric_constants(basis, tol):
    B = np.stack(basis).astype(complex)
    d = len(B)
    real = np.concatenate([B.reshape(d, -1).real, B.reshape(d, -1).imag], axis=1).T   # (2 m^2, d)
    if np.linalg.matrix_rank(real) < d:
        raise InvalidInputError("basis matrices are linearly dependent")
    brackets = np.einsum("iab,jbc->ijac", B, B) - np.einsum("jab,ibc->ijac", B, B)
    rhs = brackets.reshape(d * d, -1)
    rhs = np.concatenate([rhs.real, rhs.imag], axis=1).T
    coef, *_ = np.linalg.lstsq(real, rhs, rcond=None)
    resid = np.abs(real @ coef - rhs).max() if rhs.size else 0.0
    if resid > tol * max(1.0, np.abs(rhs).max()):
        raise InvalidInputError(f"the span of the basis is not closed under brackets (residual {resid:.2e})")
    return coef.T.reshape(d, d, d)


@lru_cache(maxsize=None)
def _pauli_constants_cached(k: int) -> np.ndarray:
    # Pauli words are orthogonal for tr(A^H B) = 2^k delta, with entries in {0, +-1, +-i}: the
    # brackets and traces below are sums of products of Gaussian integers, exact in float64, and the
    # division by 2^k is exact; the constants are integers (0 or +-2)
    B = np.stack(pauli_basis(k))
    d, N = len(B), 2 ** k
    brackets = np.einsum("iab,jbc->ijac", B, B) - np.einsum("jab,ibc->ijac", B, B)
    coef = np.einsum("kab,ijab->ijk", B.conj(), brackets) / N   # tr(e_k^H [e_i, e_j]) / N
    assert np.all(coef.imag == 0) and np.all(coef.real == np.round(coef.real))
    out = np.round(coef.real).astype(np.int64)
    out.setflags(write=False)
    return out.reshape(d, d, d)


def _pauli_constants(k: int) -> np.ndarray:
    return _pauli_constants_cached(k).copy()


def _check(c, metric):
    c = np.asarray(c, dtype=float)
    G = np.asarray(metric, dtype=float)
    d = c.shape[0]
    if c.shape != (d, d, d) or G.shape != (d, d):
        raise ShapeMismatchError(f"need c of shape (d, d, d) and metric (d, d); got {c.shape}, {G.shape}")
    if not np.allclose(G, G.T) or np.linalg.eigvalsh(G).min() <= 0:
        raise InvalidInputError("metric must be symmetric positive definite")
    return c, G


def scalar_curvature(c, metric) -> float:
    """Scalar curvature of the left-invariant metric ``metric`` (Gram matrix) on the group of ``c``.

    Basis-free form with ``g = G^{-1}``, ``t_i = sum_j c_ij^j``:
    ``-1/4 g^{ii'} g^{jj'} c_ij^k c_i'j'^k' G_kk' - 1/2 g^{ii'} c_ij^k c_i'k^j - g^{ii'} t_i t_i'``.

    Parameters
    ----------
    c : object
        Structure constants c[i, j, k], shape (d, d, d).
    metric : object
        Gram matrix G (symmetric positive definite).

    Returns
    -------
    float
        Scalar curvature of the left-invariant metric ``metric`` (Gram matrix) on the group of ``c``.

    Examples
    --------
    >>> c = structure_constants("su", 2)
    >>> round(scalar_curvature(c, np.eye(3)), 12)   # round unit S^3
    6.0
    >>> round(scalar_curvature(structure_constants("su", 3), np.eye(8)), 9)   # N(N^2-1) for <X,Y> = -tr(XY)/2
    24.0
    """
    c, G = _check(c, metric)
    g = np.linalg.inv(G)
    d = c.shape[0]
    # three BLAS contractions (d^4 flops each) instead of one generic einsum
    X = (c.reshape(d * d, d) @ G).reshape(d, d, d)                       # c_ij^k G_kl
    Y = (g.T @ X.reshape(d, d * d)).reshape(d, d, d)                      # g^{ia} X_ijl
    Z = (g.T @ Y.transpose(1, 0, 2).reshape(d, d * d)).reshape(d, d, d)   # g^{jb} Y_ajl -> (b, a, l)
    term1 = float(np.vdot(Z.ravel(), c.transpose(1, 0, 2).ravel()))
    K = c.reshape(d, d * d) @ c.transpose(0, 2, 1).reshape(d, d * d).T    # c_ij^k c_ak^j
    term2 = float(np.sum(g * K))
    t = np.einsum("ijj->i", c)
    return float(-0.25 * term1 - 0.5 * term2 - t @ g @ t)


def scalar_curvature_gradient(c, metric) -> np.ndarray:
    """Gradient ``d scal / d G`` (a symmetric matrix) of :func:`scalar_curvature`.

    Differentiating the basis-free form with ``d(G^{-1}) = -G^{-1} dG G^{-1}``:
    ``-1/4 (A - 2 g P g) + 1/2 g K g + g t t^T g`` with ``A_kl = g^{ia} g^{jb} c_ij^k c_ab^l``,
    ``P_ia = g^{jb} c_ij^k c_ab^l G_kl``, ``K_ia = c_ij^k c_ak^j``.

    Parameters
    ----------
    c : object
        Structure constants c[i, j, k], shape (d, d, d).
    metric : object
        Gram matrix G (symmetric positive definite).

    Returns
    -------
    numpy.ndarray
        Gradient ``d scal / d G`` (a symmetric matrix) of :func:`scalar_curvature`.

    Examples
    --------
    >>> c = structure_constants("su", 2)
    >>> np.allclose(scalar_curvature_gradient(c, np.eye(3)), -2 * np.eye(3))   # scal(t I) = 6/t
    True
    """
    c, G = _check(c, metric)
    g = np.linalg.inv(G)
    A = np.einsum("ia,jb,ijk,abl->kl", g, g, c, c, optimize=True)
    P = np.einsum("jb,ijk,abl,kl->ia", g, c, c, G, optimize=True)
    K = np.einsum("ijk,akj->ia", c, c)
    t = np.einsum("ijj->i", c)
    grad = -0.25 * (A - 2 * g @ P @ g) + 0.5 * g @ K @ g + np.outer(g @ t, g @ t)
    return 0.5 * (grad + grad.T)


def scalar_curvature_orthonormal(c, metric) -> float:
    """The same scalar curvature by passing to an orthonormal frame (``G = L L^T``, ``e = L^{-1} X``),
    ``c'_ab^c = (L^-1)_ai (L^-1)_bj c_ij^k L_kc``, then Milnor's orthonormal formula.  Independent check.

    Parameters
    ----------
    c : object
        Structure constants c[i, j, k], shape (d, d, d).
    metric : object
        Gram matrix G (symmetric positive definite).

    Returns
    -------
    float
        The same scalar curvature by passing to an orthonormal frame (``G = L L^T``, ``e = L^{-1} X``),
        ``c'_ab^c = (L^-1)_ai (L^-1)_bj c_ij^k L_kc``, then ...

    Examples
    --------
    >>> round(scalar_curvature_orthonormal(structure_constants("su", 2), np.diag([1.0, 1.0, 4.0])), 12)
    0.0
    """
    c, G = _check(c, metric)
    L = np.linalg.cholesky(G)
    Li = np.linalg.inv(L)
    cp = np.einsum("ai,bj,ijk,kc->abc", Li, Li, c, L, optimize=True)
    t = np.einsum("ijj->i", cp)
    return float(-0.25 * np.sum(cp ** 2) - 0.5 * np.einsum("ijk,ikj->", cp, cp) - t @ t)


def _entry(v):
    if isinstance(v, (str, bytes)):
        raise InvalidInputError("structure constants must be numbers or sympy expressions, got the string "
                                f"{v!r} "
                                "(strings are never parsed here; use mathml.parse_expr)")
    if isinstance(v, bool):
        raise InvalidInputError("a bool is not a structure constant")
    if isinstance(v, (int, np.integer)):
        return sp.Integer(int(v))
    if isinstance(v, (float, np.floating)):
        return sp.Float(float(v))
    if isinstance(v, (complex, np.complexfloating)):
        return sp.Float(v.real) + sp.I * sp.Float(v.imag)
    if isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    if isinstance(v, sp.Basic):
        return v
    raise InvalidInputError("structure constants must be numbers or sympy expressions, got "
                            f"{type(v).__name__}")


def scalar_curvature_symbolic(c, metric) -> sp.Expr:
    """Symbolic scalar curvature (sympy) of a Gram matrix, exact for exact input.

    Parameters
    ----------
    c : nested sequence or array of shape (d, d, d)
        Structure constants: ints, Fractions, sympy expressions (exact) or floats (numeric).
    metric : sympy Matrix or nested sequence (d, d)
        The Gram matrix; may contain symbols.

    Returns
    -------
    sympy.Expr
        Exact (simplified) when ``c`` and ``metric`` are exact; with any float in the input the
        computation is numeric and the result contains Floats (the one float policy).

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        Strings, non-numbers, or dimensions that do not match.

    Examples
    --------
    >>> import sympy as sp
    >>> scalar_curvature_symbolic(structure_constants("su", 2), sp.eye(3))      # round S^3: exactly 6
    6
    >>> a1, a2, a3 = sp.symbols("a1:4", positive=True)
    >>> c = milnor_structure_constants(2, 2, 2)
    >>> s = scalar_curvature_symbolic(c, sp.diag(a1, a2, a3))
    >>> sp.factor(s.subs({a1: 1, a2: 1}))
    -2*(a3 - 4)
    """
    if isinstance(metric, (str, bytes)):
        raise InvalidInputError("metric must be a matrix, not a string (strings are never parsed here)")
    G = sp.Matrix(metric)
    if any(isinstance(e, str) for e in G):
        raise InvalidInputError("metric entries must be numbers or sympy expressions")
    d = G.shape[0]
    try:
        C = [[[_entry(c[i][j][k]) for k in range(d)] for j in range(d)] for i in range(d)]
    except (IndexError, TypeError):
        raise ShapeMismatchError("metric and structure constants have different dimensions") from None
    if G.shape != (d, d) or len(C) != d or np.shape(np.asarray(c, dtype=object)) != (d, d, d):
        raise ShapeMismatchError("metric and structure constants have different dimensions")
    g = G.inv()
    R = range(d)
    M = [[[sum(g[i, a] * g[j, b] * C[i][j][k] for i in R for j in R if C[i][j][k] != 0)
           for k in R] for b in R] for a in R]
    term1 = sum(M[a][b][k] * C[a][b][l] * G[k, l] for a in R for b in R for k in R for l in R
                if C[a][b][l] != 0)
    term2 = sum(g[i, a] * C[i][j][k] * C[a][k][j] for i in R for a in R for j in R for k in R)
    t = [sum(C[i][j][j] for j in R) for i in R]
    term3 = sum(g[i, a] * t[i] * t[a] for i in R for a in R)
    return sp.simplify(-sp.Rational(1, 4) * term1 - sp.Rational(1, 2) * term2 - term3)


def milnor_structure_constants(l1, l2, l3) -> list:
    """``[e2, e3] = l1 e1, [e3, e1] = l2 e2, [e1, e2] = l3 e3`` as a nested list ``c[i][j][k]``.

    Parameters
    ----------
    l1 : object
        lambda_1.
    l2 : object
        lambda_2.
    l3 : object
        lambda_3.

    Returns
    -------
    list
        ``[e2, e3] = l1 e1, [e3, e1] = l2 e2, [e1, e2] = l3 e3`` as a nested list ``c[i][j][k]``.
    """
    c = [[[0] * 3 for _ in range(3)] for _ in range(3)]
    for (i, j, k), lam in zip([(1, 2, 0), (2, 0, 1), (0, 1, 2)], (l1, l2, l3)):
        c[i][j][k] = lam
        c[j][i][k] = -lam
    return c


def milnor_scalar_curvature(l1, l2, l3):
    """Milnor's closed form ``2(mu1 mu2 + mu2 mu3 + mu3 mu1)``, ``mu_i = (l1 + l2 + l3)/2 - l_i``.

    Parameters
    ----------
    l1 : object
        lambda_1.
    l2 : object
        lambda_2.
    l3 : object
        lambda_3.

    Returns
    -------
    object
        Milnor's closed form ``2(mu1 mu2 + mu2 mu3 + mu3 mu1)``, ``mu_i = (l1 + l2 + l3)/2 - l_i``.

    Examples
    --------
    >>> milnor_scalar_curvature(2, 2, 2), milnor_scalar_curvature(1, 1, 4)
    (6, 0)
    """
    half = sp.Rational(1, 2) if any(isinstance(x, (int, sp.Basic)) for x in (l1, l2, l3)) else 0.5
    s = (l1 + l2 + l3) * half
    m1, m2, m3 = s - l1, s - l2, s - l3
    return 2 * (m1 * m2 + m2 * m3 + m3 * m1)
