r"""Tree tensor networks and perfect tensors.

`TTN` is the two-level tree of the seed talks (Hashimoto, Jafari):
:math:`\psi(s) = \sum_{m_1\dots m_k} B_{m_1\dots m_k}\prod_c A^{(c)}_{m_c\, s_{c,1}\dots s_{c,n_c}}`,
e.g. :math:`\psi_{s_1s_2s_3s_4} = \sum_{mn}B_{mn}A_{ms_1s_2}A'_{ns_3s_4}`.  The Schmidt rank across
the cut between branch ``c`` and the rest is at most the bond dimension :math:`D_c`.

`five_qubit_code_tensor` is the six-leg encoding tensor of the [[5,1,3]] code
(:math:`T_{a s_1\dots s_5} = \langle s_1\dots s_5|\bar a\rangle`, stabilisers the cyclic shifts of
XZZXI), the building block of the HaPPY holographic codes (Pastawski, Yoshida, Harlow,
Preskill 2015).  `perfect_tensor_cuts` reshapes a tensor across every balanced bipartition of
its legs; a tensor is perfect when all these matrices are proportional to isometries.

Examples
--------
>>> import numpy as np
>>> from mathml.quantum import five_qubit_code_tensor, perfect_tensor_cuts
>>> T = five_qubit_code_tensor()           # exact integers: 4 x the amplitudes
>>> cuts = perfect_tensor_cuts(T)
>>> len(cuts), all((M @ M.T == 4 * np.eye(8, dtype=int)).all() for M in cuts.values())
(20, True)
"""
from __future__ import annotations

from itertools import combinations
from typing import Any, Sequence

import numpy as np

from mathml.core.checks import check_exact, check_predicate
from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.verdict import Verdict

__all__ = ["TTN", "five_qubit_code_tensor", "five_qubit_code_states", "perfect_tensor_cuts",
           "perfect_tensor_check"]


class TTN:
    r"""A two-level tree tensor network state.

    Parameters
    ----------
    top : array with one leg per branch, shape ``(D_1, ..., D_k)``
    branches : sequence of arrays; branch ``c`` has shape ``(D_c, d, ..., d)`` (its bond first,
        then its physical legs, in site order)

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import TTN
    >>> A = np.zeros((2, 2, 2)); A[0, 0, 0] = A[1, 1, 1] = 1      # |00>, |11> on the bond values
    >>> ttn = TTN(np.eye(2) / np.sqrt(2), [A, A])                  # (|0000> + |1111>)/sqrt 2
    >>> np.nonzero(ttn.to_dense())[0].tolist()
    [0, 15]
    """

    def __init__(self, top: Any, branches: Sequence[Any]):
        top = np.asarray(top)
        bs = [np.asarray(b) for b in branches]
        if top.ndim != len(bs) or not bs:
            raise ShapeMismatchError(f"the top tensor needs one leg per branch: {top.ndim} legs, "
                                     f"{len(bs)} branches")
        for x in [top] + bs:
            if x.dtype.kind not in "iufc" or not np.all(np.isfinite(x)):
                raise InvalidInputError("TTN tensors must be finite numeric arrays")
        d = bs[0].shape[1] if bs[0].ndim > 1 else None
        for c, b in enumerate(bs):
            if b.ndim < 2 or b.shape[0] != top.shape[c] or any(n != d for n in b.shape[1:]):
                raise ShapeMismatchError(f"branch {c} must have shape (D_{c} = {top.shape[c]}, d, ..., d) "
                                         f"with d = {d}, got {b.shape}")
        self.top, self.branches, self.d = top, bs, d

    @property
    def N(self) -> int:
        """Number of physical sites."""
        return sum(b.ndim - 1 for b in self.branches)

    @property
    def branch_sites(self) -> list[list[int]]:
        """The sites of each branch."""
        out, start = [], 0
        for b in self.branches:
            out.append(list(range(start, start + b.ndim - 1)))
            start += b.ndim - 1
        return out

    def to_dense(self) -> np.ndarray:
        """The amplitude vector (length ``d**N``, site 0 most significant)."""
        psi = self.top
        for b in self.branches:
            # contract the first remaining bond leg with the branch, physical legs go to the end
            psi = np.tensordot(psi, b.reshape(b.shape[0], -1), axes=([0], [0]))
        return psi.reshape(-1)

    def __repr__(self) -> str:
        return f"TTN(N={self.N}, d={self.d}, bonds={list(self.top.shape)})"

    def _repr_latex_(self) -> str:
        legs = ", ".join(f"m_{c + 1}" for c in range(len(self.branches)))
        prod = " ".join(f"A^{{({c + 1})}}_{{m_{c + 1}\\,\\cdots}}" for c in range(len(self.branches)))
        return (rf"$$\psi(s) = \sum_{{{legs}}} B_{{{legs}}}\,{prod}\qquad\text{{(N = {self.N}, "
                rf"bonds {list(self.top.shape)})}}$$")


def _pauli_string(word: str) -> np.ndarray:
    mats = {"I": np.eye(2, dtype=np.int64), "X": np.array([[0, 1], [1, 0]], dtype=np.int64),
            "Z": np.array([[1, 0], [0, -1]], dtype=np.int64)}
    out = np.ones((1, 1), dtype=np.int64)
    for ch in word:
        out = np.kron(out, mats[ch])
    return out


def five_qubit_code_states() -> np.ndarray:
    r"""The logical states :math:`4|\bar 0\rangle, 4|\bar 1\rangle` of the [[5,1,3]] code.

    Exact int64, shape (2, 32).

    :math:`|\bar 0\rangle = \tfrac14\sum_{g\in\mathcal S} g|00000\rangle` (the 16 stabiliser elements
    generated by XZZXI and its cyclic shifts), :math:`|\bar 1\rangle = X^{\otimes 5}|\bar 0\rangle`.

    Examples
    --------
    >>> from mathml.quantum import five_qubit_code_states
    >>> v = five_qubit_code_states()
    >>> (v @ v.T).tolist()       # orthogonal, each of norm 4
    [[16, 0], [0, 16]]
    """
    gens = ["XZZXI", "IXZZX", "XIXZZ", "ZXIXZ"]
    P = np.eye(32, dtype=np.int64)
    for g in gens:
        P = P @ (np.eye(32, dtype=np.int64) + _pauli_string(g))
    zero = P[:, 0]                      # sum over the 16 group elements applied to |00000>
    one = _pauli_string("XXXXX") @ zero
    return np.stack([zero, one])


def five_qubit_code_tensor() -> np.ndarray:
    """The six-leg tensor ``T[a, s1, ..., s5] = 4 <s1..s5|a_L>`` (exact int64, shape (2,)*6).

    Examples
    --------
    >>> from mathml.quantum import five_qubit_code_tensor
    >>> five_qubit_code_tensor().shape
    (2, 2, 2, 2, 2, 2)
    """
    return five_qubit_code_states().reshape((2,) * 6)


def perfect_tensor_cuts(T: Any) -> dict[tuple[int, ...], np.ndarray]:
    """Every balanced bipartition of the legs of ``T``: ``{legs A: matrix (legs A) x (rest)}``.

    Every choice of half of the legs is a key, so each bipartition appears twice (once per
    side, as transposed matrices): ``C(2n, n)`` cuts for ``2n`` legs, 20 for six legs.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import perfect_tensor_cuts
    >>> len(perfect_tensor_cuts(np.zeros((2, 2, 2, 2))))
    6
    """
    T = np.asarray(T)
    n = T.ndim
    if n > 12 or T.size > 2**20:
        raise InvalidInputError(f"perfect-tensor checks take at most 12 legs and 2**20 entries, "
                                f"got {n} legs, "
                                f"{T.size} entries")
    if T.dtype.kind not in "iufc" or not np.all(np.isfinite(T)):
        raise InvalidInputError("a tensor must be a finite numeric array")
    if n < 2 or n % 2:
        raise InvalidInputError(f"a perfect tensor has an even number (>= 2) of legs, got {n}")
    out = {}
    for A in combinations(range(n), n // 2):
        B = [i for i in range(n) if i not in A]
        dA = int(np.prod([T.shape[i] for i in A]))
        out[A] = T.transpose(list(A) + B).reshape(dA, -1)
    return out


def perfect_tensor_check(T: Any, tol: float = 1e-12) -> Verdict:
    """Whether every balanced cut of ``T`` is proportional to an isometry (``M M^dagger = c I``, one ``c``).

    Integer tensors are checked exactly (``proved`` / ``disproved``); float tensors with
    tolerance ``tol`` (``consistent`` / ``unknown``).

    Examples
    --------
    >>> from mathml.quantum import five_qubit_code_tensor, perfect_tensor_check
    >>> perfect_tensor_check(five_qubit_code_tensor()).status
    <Status.proved: 'proved'>
    >>> import numpy as np
    >>> ghz = np.zeros((2,) * 4, dtype=int); ghz[0, 0, 0, 0] = ghz[1, 1, 1, 1] = 1
    >>> perfect_tensor_check(ghz).status
    <Status.disproved: 'disproved'>
    """
    T = np.asarray(T)
    cuts = perfect_tensor_cuts(T)
    if T.dtype.kind in "iu":
        grams = [M.astype(object) @ M.T.astype(object) for M in cuts.values()]
        c = sum(grams[0][i, i] for i in range(grams[0].shape[0])) // grams[0].shape[0]
        import sympy as sp

        if c == 0:
            return check_predicate(False, exact=True,
                                   what="the zero tensor is not a perfect tensor (M M^T = 0)",
                                   method="exact integer arithmetic")

        lhs = sp.Matrix.vstack(*[sp.Matrix(g) for g in grams])
        rhs = sp.Matrix.vstack(*[c * sp.eye(g.shape[0]) for g in grams])
        return check_exact(lhs, rhs, what=f"M M^T = {c} I on all {len(cuts)} balanced cuts",
                           method="exact integer arithmetic")
    grams = [M @ M.conj().T for M in cuts.values()]
    c = np.trace(grams[0]).real / grams[0].shape[0]
    ok = c > tol and all(np.allclose(g, c * np.eye(g.shape[0]), atol=tol) for g in grams)
    return check_predicate(ok, exact=False, what=f"M M^dagger = c I on all {len(cuts)} balanced cuts",
                           method=f"float64, tolerance {tol:g}")
