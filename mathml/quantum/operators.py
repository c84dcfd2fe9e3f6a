r"""Local spin operators, the basis convention and configuration helpers.

Basis convention (stated once, used everywhere in `mathml.quantum`):

- the local basis of a spin ``S`` is ordered by decreasing magnetisation,
  index ``0`` is :math:`m = +S` ("up"), index ``2S`` is :math:`m = -S`;
- site ``0`` is the leftmost Kronecker factor (the most significant digit of the
  basis index), so basis index ``b = sum_i digit_i d**(N - 1 - i)``;
- for spin 1/2 a configuration is written with Ising values ``s_i = +1`` (up,
  digit 0) and ``s_i = -1`` (down, digit 1); neural-network states take these.

Exact operators are sympy matrices; :math:`S^a = \sigma^a/2` for spin 1/2.

Examples
--------
>>> from mathml.quantum.operators import spin_matrices, configurations
>>> Sz, Sp, Sm = spin_matrices(1)
>>> Sz
Matrix([
[1, 0,  0],
[0, 0,  0],
[0, 0, -1]])
>>> configurations(2).tolist()
[[1, 1], [1, -1], [-1, 1], [-1, -1]]
"""
from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError

__all__ = ["spin_matrices", "pauli", "dot_product", "configurations", "local_dimension", "as_spin",
           "digits_of", "MAX_SITES"]

#: Largest number of sites for which full-space vectors are built (2**20 amplitudes for spin 1/2).
MAX_SITES = 24


def as_spin(spin: Any) -> sp.Rational:
    """The spin quantum number as an exact sympy Rational (1/2, 1, 3/2, ...).

    Raises
    ------
    InvalidInputError
        When ``spin`` is not a positive half-integer.

    Examples
    --------
    >>> from mathml.quantum.operators import as_spin
    >>> as_spin(0.5), as_spin(1)
    (1/2, 1)
    """
    if isinstance(spin, bool):
        raise InvalidInputError("spin must be a positive half-integer such as 1/2 or 1, got a bool")
    try:
        value = sp.Rational(Fraction(str(spin))) if isinstance(spin, float) else sp.Rational(spin)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"spin must be a positive half-integer such as 1/2 or 1, "
                                f"got {spin!r}") from exc
    if value <= 0 or (2 * value).q != 1:
        raise InvalidInputError(f"spin must be a positive half-integer such as 1/2 or 1, got {spin!r}")
    return value


def local_dimension(spin: Any) -> int:
    """``2S + 1``.

    >>> from mathml.quantum.operators import local_dimension
    >>> local_dimension(1)
    3
    """
    return int(2 * as_spin(spin) + 1)


def spin_matrices(spin: Any = "1/2") -> tuple[sp.Matrix, sp.Matrix, sp.Matrix]:
    r"""Exact :math:`(S^z, S^+, S^-)` in the basis :math:`m = S, S-1, \dots, -S`.

    Parameters
    ----------
    spin : half-integer
        The spin quantum number ``S``.

    Returns
    -------
    tuple of sympy.Matrix
        :math:`S^z`, :math:`S^+`, :math:`S^- = (S^+)^T`, with
        :math:`\langle m+1|S^+|m\rangle = \sqrt{S(S+1) - m(m+1)}`.

    Examples
    --------
    >>> from mathml.quantum.operators import spin_matrices
    >>> Sz, Sp, Sm = spin_matrices(1)
    >>> Sp
    Matrix([
    [0, sqrt(2),       0],
    [0,       0, sqrt(2)],
    [0,       0,       0]])
    """
    S = as_spin(spin)
    d = int(2 * S + 1)
    ms = [S - k for k in range(d)]
    Sz = sp.diag(*ms)
    Sp = sp.zeros(d, d)
    for k in range(1, d):
        m = ms[k]
        Sp[k - 1, k] = sp.sqrt(S * (S + 1) - m * (m + 1))
    return Sz, Sp, Sp.T


def pauli(name: str) -> sp.Matrix:
    """An exact Pauli matrix (``"x"``, ``"y"``, ``"z"`` or ``"I"``) in the basis (up, down).

    Examples
    --------
    >>> from mathml.quantum.operators import pauli
    >>> pauli("y")
    Matrix([
    [0, -I],
    [I,  0]])
    """
    mats = {"x": sp.Matrix([[0, 1], [1, 0]]), "y": sp.Matrix([[0, -sp.I], [sp.I, 0]]),
            "z": sp.Matrix([[1, 0], [0, -1]]), "I": sp.eye(2)}
    if name not in mats:
        raise InvalidInputError(f"pauli() takes 'x', 'y', 'z' or 'I', got {name!r}")
    return mats[name]


def dot_product(spin: Any = "1/2") -> sp.Matrix:
    r"""The exact two-site operator :math:`\mathbf S_1\cdot\mathbf S_2` (a :math:`d^2\times d^2` matrix).

    Written as :math:`S^z S^z + (S^+S^- + S^-S^+)/2`, which is real.

    Examples
    --------
    >>> from mathml.quantum.operators import dot_product
    >>> sorted(dot_product().eigenvals().items())
    [(-3/4, 1), (1/4, 3)]
    """
    Sz, Sp, Sm = spin_matrices(spin)
    kp = sp.kronecker_product
    return kp(Sz, Sz) + (kp(Sp, Sm) + kp(Sm, Sp)) / 2


def configurations(N: int) -> np.ndarray:
    """All ``2**N`` spin-1/2 configurations as Ising values ``+-1``, in basis order (shape ``(2**N, N)``,
    ``N <= 20``).

    Row ``b`` is the configuration of basis index ``b`` (digit 0 = up = +1).

    Examples
    --------
    >>> from mathml.quantum.operators import configurations
    >>> configurations(1).tolist()
    [[1], [-1]]
    """
    N = _check_sites(N, maximum=20)
    idx = np.arange(2**N, dtype=np.int64)
    return 1 - 2 * digits_of(idx, N, 2)


def digits_of(codes: np.ndarray, N: int, d: int) -> np.ndarray:
    """Base-``d`` digits of basis indices, site 0 first (shape ``(len(codes), N)``).

    >>> import numpy as np
    >>> from mathml.quantum.operators import digits_of
    >>> digits_of(np.array([5]), 3, 2).tolist()
    [[1, 0, 1]]
    """
    codes = np.asarray(codes, dtype=np.int64)
    powers = d ** np.arange(N - 1, -1, -1, dtype=np.int64)
    return (codes[:, None] // powers[None, :]) % d


def _check_sites(N: Any, *, minimum: int = 1, maximum: int = MAX_SITES) -> int:
    if isinstance(N, bool) or not isinstance(N, (int, np.integer)):
        raise InvalidInputError(f"the number of sites N must be an integer, got {N!r}")
    N = int(N)
    if not minimum <= N <= maximum:
        raise InvalidInputError(f"the number of sites N must be between {minimum} and {maximum}, got {N}")
    return N
