"""The information bottleneck (Tishby–Pereira–Bialek 1999; Tishby–Zaslavsky, arXiv 1503.02406).

- `iterative_ib`: the self-consistent IB equations on finite alphabets, vectorised;
- `gaussian_ib`: critical trade-offs ``β_i = 1/(1 - λ_i)``, ``λ_i`` the eigenvalues of
  ``Σ_{x|y} Σ_x^{-1}`` (Chechik, Globerson, Tishby & Weiss, JMLR 6 (2005)), exact for exact input;
- `bsc_ib_curve`: the optimal ``I(T;Y)`` at a given ``I(X;T)`` (bits) for a uniform bit sent through a
  binary symmetric channel with crossover ``p``.  By Mrs. Gerber's lemma (Wyner–Ziv 1973) the optimum
  is ``T = X ⊕ Bernoulli(q)``: ``I(X;T) = 1 - h(q)`` and ``I(T;Y) = 1 - h(q ⋆ p)``,
  ``q ⋆ p = q(1 - p) + (1 - q)p``.

Examples
--------
>>> import sympy as sp
>>> from mathml.learning import gaussian_ib
>>> rho = sp.Rational(4, 5)
>>> gaussian_ib(1, rho, 1).critical_betas            # 1/ρ² (brief L6)
[25/16]
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex

__all__ = ["GaussianIB", "gaussian_ib", "bsc_ib_curve", "binary_entropy", "IBSolution", "iterative_ib",
           "mutual_information_bits"]


@dataclass(frozen=True)
class GaussianIB:
    """Eigenvalues ``λ_i`` of ``Σ_{x|y} Σ_x^{-1}`` (ascending) and the critical ``β_i = 1/(1 - λ_i)``."""

    eigenvalues: list
    critical_betas: list

    def _repr_latex_(self) -> str:
        return r"$\beta_i^{c} = " + ",\\ ".join(latex(b) for b in self.critical_betas) + "$"

    def __repr__(self) -> str:
        return f"GaussianIB(critical_betas={self.critical_betas})"


def gaussian_ib(sigma_x: Any, sigma_xy: Any, sigma_y: Any) -> GaussianIB:
    """Critical β of the Gaussian information bottleneck.

    Parameters
    ----------
    sigma_x, sigma_xy, sigma_y : matrices (or scalars)
        Covariance of X, cross-covariance, covariance of Y.

    Returns
    -------
    GaussianIB
        Exact when the covariances are exact; ``λ = 1`` (X ⟂ Y along a direction) gives β = oo.

    Raises
    ------
    InvalidInputError
        Shapes that do not fit, or a covariance that is not positive definite.
    """
    mats, numeric = [], False
    for name, v in (("sigma_x", sigma_x), ("sigma_xy", sigma_xy), ("sigma_y", sigma_y)):
        if isinstance(v, (str, bytes, bool, np.bool_)):
            raise InvalidInputError(f"{name} must be a number or a matrix of numbers, got {v!r}")
        try:
            rows = v.tolist() if hasattr(v, "tolist") else v
            rows = rows if isinstance(rows, (list, tuple)) else [[rows]]
            rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in rows]
        except TypeError:
            raise InvalidInputError(f"{name} must be a number or a matrix of numbers, got {v!r}") from None
        for r in rows:
            for e in r:
                if isinstance(e, (str, bytes, bool, np.bool_)):
                    raise InvalidInputError(f"{name} has a non-numeric entry {e!r}")
                if isinstance(e, sp.Basic):
                    if e.free_symbols or not e.is_number or e.has(sp.nan, sp.oo, -sp.oo, sp.zoo):
                        raise InvalidInputError(f"{name} entries must be finite numbers (no symbols), got {e}")
                    numeric |= isinstance(e, sp.Float)
                elif isinstance(e, (float, np.floating)):
                    numeric = True
                    if not np.isfinite(e):
                        raise InvalidInputError(f"{name} entries must be finite, got {e!r}")
                elif not isinstance(e, (int, np.integer, Fraction)):
                    raise InvalidInputError(f"{name} entries must be real numbers, got {e!r}")
        try:
            mats.append(sp.Matrix([[sp.Rational(e.numerator, e.denominator) if isinstance(e, Fraction) else
                                    (int(e) if isinstance(e, np.integer) else e) for e in r] for r in rows]))
        except (TypeError, ValueError):
            raise InvalidInputError(f"{name} must be a rectangular matrix") from None
    sx, sxy, sy = mats
    if sx.rows != sx.cols or sy.rows != sy.cols or sxy.shape != (sx.rows, sy.rows):
        raise InvalidInputError(f"shapes do not fit: Σx {sx.shape}, Σxy {sxy.shape}, Σy {sy.shape}")
    if numeric:
        return _gaussian_ib_float(*(np.array(m.tolist(), dtype=float) for m in (sx, sxy, sy)))
    for name, m in (("sigma_x", sx), ("sigma_y", sy)):
        if not m.is_symmetric() or not all(bool(d > 0) for d in
                                           [m[:k, :k].det() for k in range(1, m.rows + 1)]):
            raise InvalidInputError(f"{name} must be symmetric positive definite")
    cond = sx - sxy * sy.inv() * sxy.T
    # the joint covariance [[Σx, Σxy], [Σyx, Σy]] is PSD iff the Schur complement Σ_{x|y} is PSD
    if cond.is_positive_semidefinite is False:
        raise InvalidInputError("the joint covariance is not positive semi-definite (Σx - Σxy Σy^-1 Σyx has a "
                                "negative eigenvalue): no Gaussian has these covariances")
    lam = cond * sx.inv()
    eig = sorted((sp.nsimplify(e) for e, mult in lam.eigenvals().items() for _ in range(mult)),
                 key=lambda e: float(sp.re(sp.N(e, 30))))
    betas = [sp.oo if e == 1 else sp.radsimp(1 / (1 - e)) for e in eig]
    return GaussianIB(eig, betas)


def _gaussian_ib_float(sx: np.ndarray, sxy: np.ndarray, sy: np.ndarray) -> GaussianIB:
    """Float64 route of `gaussian_ib` (any float entry): numpy eigenvalues, Python floats out."""
    for name, m in (("sigma_x", sx), ("sigma_y", sy)):
        if not np.allclose(m, m.T, rtol=1e-12, atol=0) or np.linalg.eigvalsh(m).min() <= 0:
            raise InvalidInputError(f"{name} must be symmetric positive definite")
    cond = sx - sxy @ np.linalg.solve(sy, sxy.T)
    scale = max(1.0, float(np.abs(sx).max()))
    if np.linalg.eigvalsh((cond + cond.T) / 2).min() < -1e-12 * scale:
        raise InvalidInputError("the joint covariance is not positive semi-definite (Σx - Σxy Σy^-1 Σyx has a "
                                "negative eigenvalue): no Gaussian has these covariances")
    lam = np.sort(np.linalg.eigvals(cond @ np.linalg.inv(sx)).real)
    betas = [float("inf") if abs(1 - v) < 1e-14 else float(1 / (1 - v)) for v in lam]
    return GaussianIB([float(v) for v in lam], betas)


def _probability(q: Any, name: str) -> mpmath.mpf:
    if isinstance(q, (str, bytes, bool, np.bool_)):
        raise InvalidInputError(f"{name} must be a number in [0, 1], got {type(q).__name__}: {q!r}")
    if isinstance(q, sp.Basic):
        if q.free_symbols or not q.is_number:
            raise InvalidInputError(f"{name} must be a number, got {q}")
        q = mpmath.mpf(sp.Rational(q).p) / sp.Rational(q).q if q.is_Rational else mpmath.mpf(sp.N(q, mpmath.mp.dps + 5))
    elif isinstance(q, Fraction):
        q = mpmath.mpf(q.numerator) / q.denominator
    try:
        q = mpmath.mpf(q)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{name} must be a real number, got {q!r}") from None
    if not mpmath.isfinite(q) or q < 0 or q > 1:
        raise InvalidInputError(f"{name} must lie in [0, 1], got {q}")
    return q


def binary_entropy(q: Any) -> mpmath.mpf:
    """``h(q) = -q log2 q - (1 - q) log2(1 - q)`` in bits (mpmath, current precision).

    Raises
    ------
    InvalidInputError
        Unless ``q`` is a real number in [0, 1] (strings, bools, NaN refused).

    Examples
    --------
    >>> import mpmath
    >>> from mathml.learning import binary_entropy
    >>> with mpmath.workdps(20):
    ...     mpmath.nstr(binary_entropy(0.11), 15)
    '0.499915958164528'
    """
    q = _probability(q, "q")
    if q < 0 or q > 1:
        raise InvalidInputError(f"a probability must lie in [0, 1], got {q}")
    if q == 0 or q == 1:
        return mpmath.mpf(0)
    return -(q * mpmath.log(q, 2) + (1 - q) * mpmath.log(1 - q, 2))


def bsc_ib_curve(p: Any, i_xt: Any, *, dps: int = 30) -> mpmath.mpf:
    """Optimal ``I(T;Y)`` (bits) at ``I(X;T) = i_xt`` bits, X a uniform bit, Y = X through BSC(p).

    Parameters
    ----------
    p : crossover probability in [0, 1]
    i_xt : number in [0, 1] (bits)
    dps : working digits

    Examples
    --------
    >>> import mpmath
    >>> from mathml.learning import bsc_ib_curve
    >>> mpmath.nstr(bsc_ib_curve(0.1, 1), 15)        # 1 - h(0.1) at 30 digits
    '0.531004406410719'
    """
    if isinstance(dps, (bool, np.bool_)) or not isinstance(dps, (int, np.integer)) or not 5 <= dps <= 2000:
        raise InvalidInputError(f"dps must be an integer in [5, 2000], got {dps!r}")
    with mpmath.workdps(int(dps) + 10):
        p = _probability(p, "p")
        i = _probability(i_xt, "i_xt (I(X;T) of a uniform bit, in bits)")
        target = 1 - i
        if target == 0:
            q = mpmath.mpf(0)
        elif target == 1:
            q = mpmath.mpf(1) / 2
        else:
            # h is increasing on [0, 1/2]: bisection is robust even where h is flat (q near 1/2)
            lo, hi = mpmath.mpf(0), mpmath.mpf(1) / 2
            for _ in range(int(3.4 * mpmath.mp.dps) + 10):
                mid = (lo + hi) / 2
                if binary_entropy(mid) < target:
                    lo = mid
                else:
                    hi = mid
            q = (lo + hi) / 2
        qp = q * (1 - p) + (1 - q) * p
        out = 1 - binary_entropy(qp)
    return +out


def mutual_information_bits(p_joint: np.ndarray) -> float:
    """I(A;B) in bits of a joint probability table (rows A, columns B)."""
    try:
        pj = np.asarray(p_joint, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError("p_joint must be a 2-d table of probabilities") from None
    if pj.ndim != 2 or not np.all(np.isfinite(pj)) or np.any(pj < 0) or not abs(pj.sum() - 1) < 1e-9:
        raise InvalidInputError("p_joint must be a 2-d table of non-negative finite numbers summing to 1")
    pa, pb = pj.sum(1, keepdims=True), pj.sum(0, keepdims=True)
    mask = pj > 0
    return float(np.sum(pj[mask] * np.log2(pj[mask] / (pa @ pb)[mask])))


@dataclass(frozen=True)
class IBSolution:
    """An iterative-IB fixed point: encoder ``p(t|x)`` (rows x), ``I(X;T)`` and ``I(T;Y)`` in bits."""

    encoder: np.ndarray
    i_xt: float
    i_ty: float
    beta: float
    iterations: int

    def _repr_latex_(self) -> str:
        return (r"$\beta = " + f"{self.beta:g}" + r",\ I(X;T) = " + f"{self.i_xt:.6f}" + r"\,\mathrm{bits},\ I(T;Y) = "
                + f"{self.i_ty:.6f}" + r"\,\mathrm{bits}$")

    def __repr__(self) -> str:
        return f"IBSolution(beta={self.beta:g}, I(X;T)={self.i_xt:.6f}, I(T;Y)={self.i_ty:.6f} bits)"


def iterative_ib(p_xy: Any, beta: float, n_t: int, *, seed: int = 0, max_iter: int = 2000,
                 tol: float = 1e-12) -> IBSolution:
    """Tishby's self-consistent equations ``p(t|x) ∝ p(t) exp(-β KL[p(y|x) || p(y|t)])``, vectorised.

    Parameters
    ----------
    p_xy : 2-d array, a joint distribution (rows x, columns y; normalised here)
    beta : float > 0
    n_t : int, the size of the bottleneck alphabet
    seed : int, random initial encoder
    max_iter, tol : stopping rule on the encoder change (max abs)

    Returns
    -------
    IBSolution

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.learning import iterative_ib, bsc_ib_curve
    >>> p = 0.1
    >>> pxy = np.array([[1 - p, p], [p, 1 - p]]) / 2
    >>> sol = iterative_ib(pxy, beta=8.0, n_t=2, seed=1)
    >>> abs(sol.i_ty - float(bsc_ib_curve(p, sol.i_xt))) < 1e-8      # on the optimal curve (float64)
    True
    """
    try:
        pj = np.asarray(p_xy, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError("p_xy must be a 2-d array of non-negative finite numbers") from None
    if pj.ndim != 2 or np.any(pj < 0) or not np.all(np.isfinite(pj)) or pj.sum() <= 0:
        raise InvalidInputError("p_xy must be a 2-d array of non-negative finite numbers with positive sum")
    if isinstance(beta, (bool, np.bool_, str)) or not isinstance(beta, (int, float, np.integer, np.floating, Fraction,
                                                                        sp.Rational)):
        raise InvalidInputError(f"beta must be a positive finite number, got {beta!r}")
    beta = float(beta)
    if not (np.isfinite(beta) and beta > 0):
        raise InvalidInputError(f"beta must be a positive finite number, got {beta!r}")
    for name, v, low in (("n_t", n_t, 1), ("max_iter", max_iter, 1), ("seed", seed, 0)):
        if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)) or v < low:
            raise InvalidInputError(f"{name} must be an integer >= {low}, got {v!r}")
    n_t, max_iter = int(n_t), int(max_iter)
    if pj.shape[0] * n_t > 10**7 or n_t * pj.shape[1] > 10**7:
        raise InvalidInputError(f"|X| x |T| = {pj.shape[0]} x {n_t} is too large (limit 10^7 entries)")
    if not (isinstance(tol, (int, float, np.floating)) and tol >= 0):
        raise InvalidInputError(f"tol must be a non-negative number, got {tol!r}")
    pj = pj / pj.sum()
    px = pj.sum(1)
    keep = px > 0
    pj, px = pj[keep], px[keep]
    py_x = pj / px[:, None]
    rng = np.random.default_rng(seed)
    enc = rng.random((len(px), n_t)) + 0.1
    enc /= enc.sum(1, keepdims=True)
    log_py_x = np.log(np.where(py_x > 0, py_x, 1.0))
    it = 0
    for it in range(1, max_iter + 1):
        pt = px @ enc
        py_t = (enc * px[:, None]).T @ py_x / np.maximum(pt, 1e-300)[:, None]
        # KL[p(y|x) || p(y|t)] for all x, t
        kl = (py_x * log_py_x).sum(1)[:, None] - py_x @ np.log(np.maximum(py_t, 1e-300)).T
        logits = np.log(np.maximum(pt, 1e-300))[None, :] - beta * kl
        logits -= logits.max(1, keepdims=True)
        new = np.exp(logits)
        new /= new.sum(1, keepdims=True)
        delta = np.max(np.abs(new - enc))
        enc = new
        if delta < tol:
            break
    pxt = enc * px[:, None]
    pty = enc.T @ pj
    return IBSolution(enc, mutual_information_bits(pxt), mutual_information_bits(pty), float(beta), it)
