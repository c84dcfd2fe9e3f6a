r"""Matrix product states :math:`\psi(s_1..s_N) = \mathrm{tr}[A_1^{s_1}A_2^{s_2}\cdots A_N^{s_N}]`.

Tensor convention (stated because libraries differ, cf. quimb's 'lrp'/'lpr' issue): each site
tensor has shape ``(D_left, d, D_right)`` ("left, physical, right").  An open MPS has
``D_left = 1`` on the first site and ``D_right = 1`` on the last; otherwise the trace closes
the chain (periodic).  Dense vectors follow the basis convention of `mathml.quantum.operators`
(site 0 most significant).

Also: `aklt_mps` (the bond-dimension-2 AKLT state) and `rbm_to_mps` (an exact MPS of an RBM with
bond dimension :math:`2^{h_c}` at each cut, :math:`h_c` = number of hidden units coupled to both
sides; Chen, Cheng, Xie, Wang, Xiang, arXiv:1701.04831).

Examples
--------
>>> import numpy as np
>>> from mathml.quantum import MPS
>>> psi = np.random.default_rng(0).normal(size=16)
>>> mps = MPS.from_dense(psi)
>>> mps.bond_dimensions, bool(np.allclose(mps.to_dense(), psi / np.linalg.norm(psi), atol=1e-13))
([2, 4, 2], True)
"""
from __future__ import annotations

from typing import Any, Sequence

import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError

from .entanglement import entropy_from_probabilities
from .validate import check_int, check_real

__all__ = ["MPS", "aklt_matrices", "aklt_mps", "rbm_to_mps", "rbm_bond_bound"]


class MPS:
    """A matrix product state (see the module docstring for the index convention).

    Parameters
    ----------
    tensors : sequence of arrays of shape (D_left, d, D_right)

    Raises
    ------
    ShapeMismatchError
        When neighbouring bond dimensions or physical dimensions disagree.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import MPS
    >>> up = np.array([1.0, 0.0]).reshape(1, 2, 1)
    >>> MPS([up, up]).to_dense().tolist()
    [1.0, 0.0, 0.0, 0.0]
    """

    def __init__(self, tensors: Sequence[Any]):
        ts = []
        for i, t in enumerate(tensors):
            a = np.asarray(t)
            if a.ndim != 3 or a.dtype.kind not in "iufc" or not np.all(np.isfinite(a)):
                raise ShapeMismatchError(f"site {i}: tensors must be finite numeric arrays "
                                         f"(D_left, d, D_right), got shape {a.shape}")
            ts.append(a.astype(complex if np.iscomplexobj(a) else float))
        if not ts:
            raise InvalidInputError("an MPS needs at least one site tensor")
        d = ts[0].shape[1]
        for i, t in enumerate(ts):
            if t.shape[1] != d:
                raise ShapeMismatchError(f"site {i} has physical dimension {t.shape[1]}, site 0 has {d}")
            nxt = ts[(i + 1) % len(ts)]
            if t.shape[2] != nxt.shape[0]:
                raise ShapeMismatchError(f"bond {i}-{(i + 1) % len(ts)}: D_right = {t.shape[2]} but the next "
                                         f"D_left = {nxt.shape[0]}")
        self.tensors = ts

    @property
    def N(self) -> int:
        """Number of sites."""
        return len(self.tensors)

    @property
    def d(self) -> int:
        """Local dimension."""
        return self.tensors[0].shape[1]

    @property
    def periodic(self) -> bool:
        """Whether the chain is closed by a trace (boundary bond > 1)."""
        return self.tensors[0].shape[0] != 1

    @property
    def bond_dimensions(self) -> list[int]:
        """Bond dimensions between sites ``i`` and ``i+1`` (and the closing bond when periodic)."""
        dims = [t.shape[2] for t in self.tensors[:-1]]
        return dims + [self.tensors[0].shape[0]] if self.periodic else dims

    @classmethod
    def from_dense(cls, psi: Any, N: int | None = None, d: int = 2, *, max_bond: int | None = None,
                   cutoff: float = 0.0) -> MPS:
        """An open, left-canonical MPS of a (normalised) dense state by successive SVDs.

        Singular values below ``cutoff`` (relative to the largest) and beyond ``max_bond``
        are discarded; without truncation the state is reproduced to rounding.
        """
        d = check_int(d, "the local dimension d", 2, 64)
        psi = np.asarray(psi)
        if psi.ndim != 1 or psi.dtype.kind not in "iufc" or not np.all(np.isfinite(psi)):
            raise InvalidInputError("from_dense needs a finite 1-d numeric amplitude vector")
        if N is None:
            N = int(round(np.log(max(len(psi), 1)) / np.log(d)))
        N = check_int(N, "N", 1, 64)
        if max_bond is not None:
            max_bond = check_int(max_bond, "max_bond", 1)
        cutoff = check_real(cutoff, "cutoff", minimum=0)
        if d ** N != len(psi):
            raise ShapeMismatchError(f"{len(psi)} amplitudes are not {d}**{N}")
        norm = np.linalg.norm(psi)
        if norm == 0:
            raise InvalidInputError("the zero vector has no MPS form")
        rest = (psi / norm).reshape(1, -1)
        tensors = []
        for _ in range(N - 1):
            Dl = rest.shape[0]
            U, S, Vh = np.linalg.svd(rest.reshape(Dl * d, -1), full_matrices=False)
            keep = S > cutoff * S[0]
            if max_bond is not None:
                keep[int(max_bond):] = False
            keep[0] = True
            U, S, Vh = U[:, keep], S[keep], Vh[keep]
            tensors.append(U.reshape(Dl, d, -1))
            rest = S[:, None] * Vh
        rest = rest / np.linalg.norm(rest)
        tensors.append(rest.reshape(rest.shape[0], d, 1))
        return cls(tensors)

    def to_dense(self) -> np.ndarray:
        """The amplitude vector (length ``d**N``), contracting left to right and tracing the boundary."""
        if self.d ** self.N > 2**24:
            raise InvalidInputError(f"a dense vector of {self.d}**{self.N} amplitudes is too large")
        acc = self.tensors[0]                                  # (D0, d^k, Dk)
        for t in self.tensors[1:]:
            acc = np.einsum("apb,bqc->apqc", acc, t).reshape(acc.shape[0], -1, t.shape[2])
        return np.einsum("apa->p", acc)

    def norm(self) -> float:
        """:math:`\\sqrt{\\langle\\psi|\\psi\\rangle}` by transfer matrices."""
        return float(np.sqrt(abs(self.overlap(self))))

    def overlap(self, other: MPS) -> complex:
        """:math:`\\langle\\text{self}|\\text{other}\\rangle` by transfer matrices (both closed by traces)."""
        if not isinstance(other, MPS):
            raise InvalidInputError(f"overlap takes an MPS, got {type(other).__name__}")
        if other.N != self.N or other.d != self.d:
            raise ShapeMismatchError("overlap needs two MPS of the same length and local dimension")
        E = None
        for a, b in zip(self.tensors, other.tensors):
            T = np.einsum("isj,ksl->ikjl", a.conj(), b)
            E = T if E is None else np.einsum("ikjl,jlmn->ikmn", E, T)
        val = np.einsum("ikik->", E)
        return complex(val) if np.iscomplexobj(val) else float(val)

    def left_canonical(self) -> MPS:
        """An open MPS with every site but the last left-isometric (QR sweep); same state."""
        self._open("left_canonical")
        ts = [t.copy() for t in self.tensors]
        for i in range(self.N - 1):
            Dl, d, Dr = ts[i].shape
            Q, R = np.linalg.qr(ts[i].reshape(Dl * d, Dr))
            ts[i] = Q.reshape(Dl, d, -1)
            ts[i + 1] = np.einsum("ab,bsc->asc", R, ts[i + 1])
        return MPS(ts)

    def right_canonical(self) -> MPS:
        """An open MPS with every site but the first right-isometric (LQ sweep); same state."""
        self._open("right_canonical")
        ts = [t.copy() for t in self.tensors]
        for i in range(self.N - 1, 0, -1):
            Dl, d, Dr = ts[i].shape
            Q, R = np.linalg.qr(ts[i].reshape(Dl, d * Dr).T)
            ts[i] = Q.T.reshape(-1, d, Dr)
            ts[i - 1] = np.einsum("asb,bc->asc", ts[i - 1], R.T)
        return MPS(ts)

    def is_left_canonical(self, tol: float = 1e-10) -> bool:
        """Whether :math:`\\sum_s A^{s\\dagger}A^s = 1` on every site but the last."""
        return all(np.allclose(np.einsum("asb,asc->bc", t.conj(), t), np.eye(t.shape[2]), atol=tol)
                   for t in self.tensors[:-1])

    def is_right_canonical(self, tol: float = 1e-10) -> bool:
        """Whether :math:`\\sum_s A^sA^{s\\dagger} = 1` on every site but the first."""
        return all(np.allclose(np.einsum("asb,csb->ac", t, t.conj()), np.eye(t.shape[0]), atol=tol)
                   for t in self.tensors[1:])

    def schmidt_values(self, bond: int) -> np.ndarray:
        """Normalised Schmidt values across the cut between sites ``bond - 1`` and ``bond``."""
        if isinstance(bond, bool) or not isinstance(bond, (int, np.integer)) or not 1 <= bond < self.N:
            raise InvalidInputError(f"bond must be an integer in 1..{self.N - 1}, got {bond!r}")
        if self.periodic:
            from .entanglement import schmidt_values

            return schmidt_values(self.to_dense(), int(bond), self.N, self.d)
        ts = self.left_canonical().tensors
        S = None
        for i in range(self.N - 1, bond - 1, -1):
            Dl, d, Dr = ts[i].shape
            U, S, Vh = np.linalg.svd(ts[i].reshape(Dl, d * Dr), full_matrices=False)
            ts[i] = Vh.reshape(-1, d, Dr)
            ts[i - 1] = np.einsum("asb,bc->asc", ts[i - 1], U * S)
        return S / np.linalg.norm(S)

    def entanglement_entropy(self, bond: int) -> float:
        """Von Neumann entropy (nats) across ``bond``."""
        return entropy_from_probabilities(self.schmidt_values(bond) ** 2)

    def _open(self, what: str) -> None:
        if self.periodic:
            raise InvalidInputError(f"{what} needs an open MPS; convert with MPS.from_dense(mps.to_dense())")

    def __repr__(self) -> str:
        kind = "periodic" if self.periodic else "open"
        return f"MPS(N={self.N}, d={self.d}, {kind}, bonds={self.bond_dimensions})"

    def _repr_latex_(self) -> str:
        dmax = max(self.bond_dimensions) if self.N > 1 else 1
        return (r"$$\psi(s_1,\dots,s_N) = \operatorname{tr}\left[A_1^{s_1}A_2^{s_2}\cdots A_N^{s_N}\right]"
                rf"\qquad(N = {self.N},\ d = {self.d},\ D_{{\max}} = {dmax})$$")


def aklt_matrices(exact: bool = False) -> list:
    r"""The AKLT matrices :math:`A^{+1} = \sqrt{2/3}\,\sigma^+`, :math:`A^0 = -\sqrt{1/3}\,\sigma^z`,
    :math:`A^{-1} = -\sqrt{2/3}\,\sigma^-` (order m = +1, 0, -1; exact sympy with ``exact=True``).

    They satisfy :math:`\sum_m A^{m\dagger}A^m = 1`.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.quantum import aklt_matrices
    >>> A = aklt_matrices(exact=True)
    >>> sum((a.T * a for a in A), sp.zeros(2, 2))
    Matrix([
    [1, 0],
    [0, 1]])
    """
    sp_ = sp.Matrix([[0, 1], [0, 0]])
    A = [sp.sqrt(sp.Rational(2, 3)) * sp_, -sp.sqrt(sp.Rational(1, 3)) * sp.Matrix([[1, 0], [0, -1]]),
         -sp.sqrt(sp.Rational(2, 3)) * sp_.T]
    if exact:
        return A
    return [np.array(a.evalf(17).tolist(), dtype=float) for a in A]


def aklt_mps(N: int) -> MPS:
    """The periodic AKLT state as a bond-dimension-2 MPS (unnormalised; `MPS.norm` gives the norm).

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import aklt, aklt_mps
    >>> psi = aklt_mps(6).to_dense()
    >>> H = aklt(6).matrix()
    >>> round(float(psi @ (H @ psi) / (psi @ psi)), 12)     # -2N/3
    -4.0
    """
    if isinstance(N, bool) or not isinstance(N, (int, np.integer)) or not 2 <= N <= 200:
        raise InvalidInputError(f"N must be an integer in 2..200, got {N!r}")
    A = np.stack(aklt_matrices(), axis=1)                        # (2, 3, 2): left, physical, right
    return MPS([A] * int(N))


_MAX_RBM_BOND = 1024


def _rbm(rbm):
    from .neural import RBMState

    if not isinstance(rbm, RBMState):
        raise InvalidInputError(f"expected an RBMState, got {type(rbm).__name__}")
    return rbm


def _coupled_sites(rbm, tol: float) -> list[np.ndarray]:
    return [np.nonzero(np.abs(rbm.W[:, j]) > tol)[0] for j in range(rbm.M)]


def rbm_bond_bound(rbm, tol: float = 0.0) -> list[int]:
    """:math:`2^{h_c}` for each cut ``c`` (between sites c-1 and c): the RBM -> MPS bond-dimension bound.

    ``h_c`` counts hidden units with couplings (``|W_ij| > tol``) on both sides of the cut.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import RBMState, rbm_bond_bound
    >>> W = np.array([[1.0, 0.0], [1.0, 0.5], [0.0, 0.5]])     # hidden 0 on sites 0,1; hidden 1 on 1,2
    >>> rbm_bond_bound(RBMState(np.zeros(3), np.zeros(2), W))
    [2, 2]
    """
    tol = check_real(tol, "tol", minimum=0)
    spans = [(c.min(), c.max()) for c in _coupled_sites(_rbm(rbm), tol) if len(c)]
    return [2 ** sum(1 for lo, hi in spans if lo < cut <= hi) for cut in range(1, rbm.N)]


def rbm_to_mps(rbm, tol: float = 0.0) -> MPS:
    r"""An exact open MPS of an RBM state (same amplitudes, not normalised).

    Hidden unit ``j`` is carried as a bond index on every cut inside the span of the sites
    it couples to; its factor :math:`e^{b_jh_j}` sits on its first site, :math:`e^{W_{ij}s_ih_j}` on
    each coupled site; units coupled to one site (or none) are summed locally.  The bond
    dimension at cut ``c`` is exactly `rbm_bond_bound` (Chen et al. 2018, arXiv:1701.04831).

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import RBMState, rbm_to_mps
    >>> rbm = RBMState.random(5, 3, seed=0, scale=0.5)
    >>> mps = rbm_to_mps(rbm)
    >>> bool(np.allclose(mps.to_dense(), rbm.amplitudes(normalize=False), rtol=1e-12))
    True
    """
    N = _rbm(rbm).N
    tol = check_real(tol, "tol", minimum=0)
    bounds = rbm_bond_bound(rbm, tol)
    if bounds and max(bounds) > _MAX_RBM_BOND:
        cut = int(np.argmax(bounds)) + 1
        raise InvalidInputError(f"the exact MPS of this RBM needs bond dimension {max(bounds)} at cut {cut} "
                                f"(2 ** hidden units coupled across it); rbm_to_mps builds bonds up to "
                                f"{_MAX_RBM_BOND}: use fewer or more local hidden units, or a larger tol")
    coupled = _coupled_sites(rbm, tol)
    spans = {j: (c.min(), c.max()) for j, c in enumerate(coupled) if len(c) and c.min() < c.max()}
    crossing = [[j for j, (lo, hi) in spans.items() if lo < cut <= hi] for cut in range(N + 1)]
    dt = complex if rbm.is_complex else float
    tensors = []
    for i in range(N):
        left, right = crossing[i], crossing[i + 1]
        union = sorted(set(left) | set(right))
        h = 1 - 2 * ((np.arange(2 ** len(union))[:, None] >> np.arange(len(union) - 1, -1, -1)) & 1)
        col = {j: h[:, k] for k, j in enumerate(union)}
        li, ri = np.zeros(len(h), dtype=np.int64), np.zeros(len(h), dtype=np.int64)
        for k, j in enumerate(left):
            li += ((1 - col[j]) // 2) << (len(left) - 1 - k)
        for k, j in enumerate(right):
            ri += ((1 - col[j]) // 2) << (len(right) - 1 - k)
        T = np.zeros((2 ** len(left), 2, 2 ** len(right)), dtype=dt)
        for p, sv in enumerate((1.0, -1.0)):
            logv = np.full(len(h), rbm.a[i] * sv, dtype=dt)
            for j in union:
                logv = logv + rbm.W[i, j] * sv * col[j]
                if spans[j][0] == i:
                    logv = logv + rbm.b[j] * col[j]
            for j in range(rbm.M):
                if j in spans:
                    continue
                sites = coupled[j]
                if (len(sites) and sites[0] == i) or (not len(sites) and i == 0):
                    logv = logv + np.log(2 * np.cosh(rbm.b[j] + rbm.W[i, j] * sv * (len(sites) > 0)))
            T[li, p, ri] = np.exp(logv)
        tensors.append(T)
    return MPS(tensors)
