"""Freedman's curvature experiment: extremise a curvature functional over left-invariant metrics on
SU(2^k) at fixed volume and ask whether the principal axes are tensor products.

Metrics are ``G = G0^{1/2} exp(S) G0^{1/2}`` with ``tr S = 0`` (so ``det G = det G0``: the volume is
fixed), ``G0`` the bi-invariant metric ``-tr(XY)/N`` in the Pauli basis.  The default functional is
``F = -scal`` (the Hilbert functional on homogeneous metrics, whose critical points at fixed volume
are the Einstein metrics); ``scal`` alone is unbounded below at fixed volume, so "minimise scal" is
ill-posed and is not offered.  A principal axis ``v`` is the matrix ``H = sum_a v_a P_a``; its
Kronecker rank across ``C^2 (x) C^{2^{k-1}}`` is the numerical rank of the realigned matrix
(Van Loan--Pitsianis).  `realign` and `kronecker_rank` are re-exported from `mathml.core.kronecker`
(the same functions as `mathml.kolmogorov.kronecker_rank`): ``kronecker_rank(H, in_dims, out_dims)``
with ``in_dims = (a1, a2)`` the column counts and ``out_dims = (b1, b2)`` the row counts of the
factors, so ``H = A (x) B`` with square ``A`` (2 x 2) and ``B`` (n x n) is
``kronecker_rank(H, (2, n), (2, n))``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.errors import InvalidInputError
from ..core.progress import progress_bar
from .curvature import pauli_basis, scalar_curvature, scalar_curvature_gradient, structure_constants
from ..core.kronecker import kronecker_rank, realign

__all__ = ["realign", "kronecker_rank", "CurvatureExperiment", "curvature_experiment",
           "collapsed_su2_scalar_curvature"]


@dataclass(frozen=True)
class CurvatureExperiment:
    """Result: eigenvalues of ``G`` relative to ``G0`` (sorted), axes (columns, Pauli coordinates),
    Kronecker rank of each axis across the first qubit, the scalar curvature and optimiser status.

    Parameters
    ----------
    k : int
        Number of qubits: SU(2^k).
    eigenvalues : tuple
        Eigenvalues of G relative to G0, sorted.
    axes : numpy.ndarray
        Principal axes (columns, Pauli coordinates).
    kronecker_ranks : tuple
        Kronecker rank of each axis across the first qubit.
    scalar_curvature : float
        Final scalar curvature.
    initial_scalar_curvature : float
        Scalar curvature at the start.
    converged : bool
        Whether the ascent converged.
    """

    k: int
    eigenvalues: tuple
    axes: np.ndarray
    kronecker_ranks: tuple
    scalar_curvature: float
    initial_scalar_curvature: float
    converged: bool

    def degeneracy_pattern(self, tol: float = 1e-4) -> tuple:
        """Sizes of clusters of (relatively) equal eigenvalues."""
        ev = np.asarray(self.eigenvalues)
        sizes, start = [], 0
        for i in range(1, len(ev) + 1):
            if i == len(ev) or abs(ev[i] - ev[start]) > tol * abs(ev[start]):
                sizes.append(i - start)
                start = i
        return tuple(sizes)

    def latex(self) -> str:
        return (f"SU({2 ** self.k}):\\ \\mathrm{{scal}}: {self.initial_scalar_curvature:.4g} \\to "
                f"{self.scalar_curvature:.6g},\\ \\text{{degeneracies }} {list(self.degeneracy_pattern())}")

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def _sqrtm(G):
    w, V = np.linalg.eigh(G)
    return (V * np.sqrt(w)) @ V.T


def _expm_sym(X):
    w, V = np.linalg.eigh(0.5 * (X + X.T))
    return (V * np.exp(w)) @ V.T


def curvature_experiment(k: int, functional=None, *, seed: int = 0, spread: float = 0.3,
                         steps: int = 200, step_size: float = 0.05,
                         progress: bool | None = None) -> CurvatureExperiment:
    """Gradient ascent of a curvature functional over volume-preserving left-invariant metrics on SU(2^k).

    ``functional`` is a pair ``(F, grad_F)`` of callables ``(c, G) -> float`` and
    ``(c, G) -> d F / d G``; the default ``(scal, d scal / d G)`` is the Hilbert functional (its
    maximum at fixed volume is the bi-invariant metric).  Each step moves along the affine-invariant
    natural gradient with the trace removed, ``G <- G^{1/2} exp(eta X) G^{1/2}``,
    ``X = G^{1/2} grad G^{1/2} - (tr/d)``, which keeps ``det G`` fixed exactly.  The start is
    ``exp(S0)``, ``S0`` a seeded random traceless symmetric matrix of norm about ``spread``.

    Parameters
    ----------
    k : int
        Number of qubits: SU(2^k), k = 1, 2 or 3.
    functional : object, optional
        Pair (F, grad_F) of callables (c, G) -> float and (c, G) -> dF/dG.
    seed : int, optional
        Seed of numpy.random.default_rng.
    spread : float, optional
        Norm of the random start.
    steps : int, optional
        Number of steps (or step sizes).
    step_size : float, optional
        Largest log-eigenvalue change per step.
    progress : bool or None, optional
        A progress bar over the steps (None: only in a terminal or notebook).

    Returns
    -------
    CurvatureExperiment
        Gradient ascent of a curvature functional over volume-preserving left-invariant metrics on
        SU(2^k).

    Examples
    --------
    On SU(2) the ascent ends at the round metric (scal 6, the maximum at fixed volume):

    >>> r = curvature_experiment(1, seed=1)
    >>> r.converged, round(r.scalar_curvature, 9), r.degeneracy_pattern()
    (True, 6.0, (3,))

    On SU(4) and SU(8) scal is unbounded above at fixed volume (shrink an su(2) subalgebra), so the
    ascent does not converge; see :func:`collapsed_su2_scalar_curvature`.
    """
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 3:
        raise InvalidInputError(f"k must be 1, 2 or 3 (SU(2), SU(4), SU(8)), got {k!r}")
    N = 2 ** k
    d = N * N - 1
    c = structure_constants("pauli", k)
    if functional is None:
        F, grad_F = scalar_curvature, scalar_curvature_gradient
    else:
        try:
            F, grad_F = functional
        except (TypeError, ValueError):
            raise InvalidInputError("functional must be a pair (F, grad_F) of callables") from None
    rng = np.random.default_rng(seed)
    S0 = rng.normal(size=(d, d))
    S0 = (S0 + S0.T) / 2
    S0 -= np.trace(S0) / d * np.eye(d)
    G = _expm_sym(spread * S0 / np.linalg.norm(S0))
    s0 = scalar_curvature(c, G)
    converged = False
    bar = progress_bar(steps, desc=f"curvature SU({N})", enabled=progress)
    for _ in range(steps):
        bar.update(1)
        R = _sqrtm(G)
        X = R @ grad_F(c, G) @ R
        X -= np.trace(X) / d * np.eye(d)
        size = np.abs(X).max()
        if size < 1e-10 * max(1.0, abs(F(c, G))):
            converged = True
            break
        # scale-free step: move at most step_size in log-eigenvalue per iteration
        G = R @ _expm_sym(step_size * X / max(size, 1.0) if size > 1.0 else step_size * X) @ R
        G = 0.5 * (G + G.T)
    bar.close()
    ev, V = np.linalg.eigh(G)
    basis = pauli_basis(k)
    # the axes come from an iterative optimiser: a stated rtol (the core.rank policy allows it)
    ranks = tuple(kronecker_rank(sum(V[a, j] * basis[a] for a in range(d)), (2, N // 2), (2, N // 2),
                                 rtol=1e-6) if N > 2 else 1 for j in range(d))
    return CurvatureExperiment(k, tuple(ev.tolist()), V, ranks, scalar_curvature(c, G), s0, converged)


def collapsed_su2_scalar_curvature(k: int, t: float) -> float:
    """Scalar curvature on SU(2^k) of the volume-preserving metric that scales the su(2) of the first
    qubit (Pauli words ``X I..I, Y I..I, Z I..I``) by ``t`` and the other ``d - 3`` directions by
    ``t^{-3/(d-3)}``.  For ``k >= 2`` it grows like ``6/t`` as ``t -> 0``: scal is unbounded above at
    fixed volume, unlike on SU(2).

    Parameters
    ----------
    k : int
        2 or 3 (SU(4), SU(8)).
    t : float
        Positive scale of the first qubit's su(2).

    Returns
    -------
    float

    Raises
    ------
    InvalidInputError
        For other ``k`` or ``t <= 0``.

    Examples
    --------
    At ``t = 1`` the metric is the bi-invariant one, with scal ``N^2 (N^2 - 1)/2`` (120 for N = 4,
    orbits_detail.md [V]); for small ``t`` the su(2) factor, a round S^3 of scal 6 shrunk by ``t``,
    dominates: ``t * scal -> 6`` (to 4 decimals at t = 1e-6).

    >>> round(collapsed_su2_scalar_curvature(2, 1.0), 9)
    120.0
    >>> round(1e-6 * collapsed_su2_scalar_curvature(2, 1e-6), 4)
    6.0
    """
    if isinstance(k, bool) or not isinstance(k, int) or not 2 <= k <= 3:
        raise InvalidInputError(f"k must be 2 or 3, got {k!r}")
    if not t > 0:
        raise InvalidInputError(f"t must be positive, got {t!r}")
    N = 2 ** k
    d = N * N - 1
    c = structure_constants("pauli", k)
    from .curvature import _pauli_words
    first = [i for i, (idx, _) in enumerate(_pauli_words(k)) if all(j == 3 for j in idx[1:])]
    diag = np.full(d, t ** (-3.0 / (d - 3)))
    diag[first] = t
    return scalar_curvature(c, np.diag(diag))
