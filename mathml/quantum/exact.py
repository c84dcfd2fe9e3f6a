r"""Exact reference energies and entropies: Bethe ansatz and free fermions.

- `heisenberg_bethe`: the ground-state energy of the periodic spin-1/2 Heisenberg ring from
  the Bethe equations :math:`N\arctan 2\lambda_j = \pi I_j + \sum_k \arctan(\lambda_j - \lambda_k)`,
  :math:`I_j = -(M-1)/2, \dots, (M-1)/2`, :math:`M = N/2`; :math:`E_0 = N/4 - \sum_j 2/(4\lambda_j^2+1)`
  (spin units).  Fixed-point iteration in float64, then Newton's method in mpmath.
- `tfim_free_fermion`, `tfim_free_fermion_levels`: the periodic TFIM via Jordan-Wigner.  The
  parity :math:`P = \prod_i\sigma^x_i` splits the space; :math:`P = +1` has antiperiodic fermion
  momenta :math:`k = (2m-1)\pi/N` and an even number of Bogoliubov quasiparticles, :math:`P = -1`
  periodic momenta :math:`k = 2\pi m/N` and an odd number.  Mode energies
  :math:`\varepsilon_k = 2|J e^{ik} - h|`, except the unpaired modes :math:`k = 0` and
  :math:`k = \pi`, which carry the signed energies :math:`2(h - J)` and :math:`2(h + J)`.
- `tfim_block_entropy`: the entropy of a block from the correlation matrix
  :math:`G_{mn} = g_{m-n}`, :math:`g_l = \frac{1}{\pi}\int_0^\pi \frac{J\cos k(l-1) - h\cos kl}
  {\sqrt{J^2 + h^2 - 2Jh\cos k}}\,dk`, :math:`S = \sum_\nu H_2((1+\nu)/2)` over singular values
  :math:`\nu` of :math:`G`.

Examples
--------
>>> from mathml.quantum import heisenberg_bethe, tfim_free_fermion
>>> import mpmath
>>> mpmath.nstr(heisenberg_bethe(16, digits=20), 19)
'-7.142296360616779864'
>>> round(tfim_free_fermion(8, 1), 12)       # -2/sin(pi/16), 12 digits
-10.251661790966
"""
from __future__ import annotations

import heapq
from typing import Any

import mpmath
import numpy as np

from mathml.core.errors import InvalidInputError

from .entanglement import entropy_from_probabilities
from .models import _units
from .validate import check_int, check_real

__all__ = ["heisenberg_bethe", "bethe_roots", "tfim_free_fermion", "tfim_free_fermion_levels",
           "tfim_block_entropy", "tfim_correlations", "E_INF_HEISENBERG"]

#: Hulthen's thermodynamic limit 1/4 - ln 2 of the Heisenberg ring per site (spin units), 40 digits.
with mpmath.workdps(40):
    E_INF_HEISENBERG = mpmath.mpf(1) / 4 - mpmath.log(2)


def _even_ring(N: Any, maximum: int = 160) -> int:
    if isinstance(N, bool) or not isinstance(N, (int, np.integer)) or not 2 <= N <= maximum or N % 2:
        raise InvalidInputError(f"the Bethe ground state needs an even ring length 2 <= N <= {maximum}, "
                                f"got {N!r}")
    return int(N)


def _digits_arg(digits: Any) -> int:
    if isinstance(digits, bool) or not isinstance(digits, (int, np.integer)) or not 5 <= digits <= 1000:
        raise InvalidInputError(f"digits must be an integer in 5..1000, got {digits!r}")
    return int(digits)


_BETHE_BUDGET = 10_000


def _budget(N: int, digits: int) -> None:
    if N * digits > _BETHE_BUDGET:
        raise InvalidInputError(f"N * digits = {N * digits} > {_BETHE_BUDGET}: Newton on N/2 coupled "
                                f"equations at {digits} digits would take minutes; ask for at most "
                                f"{_BETHE_BUDGET // N} digits at N = {N}")


def bethe_roots(N: int, digits: int = 20) -> list:
    """The ``N/2`` real rapidities of the Heisenberg ring's ground state (mpmath, ``digits`` digits).

    Raises
    ------
    InvalidInputError
        For odd or non-integer ``N``, or ``N * digits > 10000`` (a run of minutes).

    Examples
    --------
    >>> import mpmath
    >>> from mathml.quantum.exact import bethe_roots
    >>> [mpmath.nstr(x, 12) for x in bethe_roots(4)]     # +-1/(2 sqrt 3)
    ['-0.288675134595', '0.288675134595']
    """
    N, digits = _even_ring(N), _digits_arg(digits)
    _budget(N, digits)
    M = N // 2
    I = np.arange(M) - (M - 1) / 2
    lam = 0.5 * np.tan(np.pi * I / N)
    for _ in range(20000):
        new = 0.5 * np.tan((np.pi * I + np.arctan(lam[:, None] - lam[None, :]).sum(axis=1)) / N)
        done = np.max(np.abs(new - lam)) < 1e-15
        lam = new
        if done:
            break
    with mpmath.workdps(digits + 15):
        x = mpmath.matrix([mpmath.mpf(float(v)) for v in lam])
        Ij = [mpmath.mpf(int(2 * v)) / 2 for v in I]
        for _ in range(100):
            F = mpmath.matrix(M, 1)
            Jm = mpmath.matrix(M, M)
            for j in range(M):
                s = sum(mpmath.atan(x[j] - x[k]) for k in range(M))
                F[j] = N * mpmath.atan(2 * x[j]) - mpmath.pi * Ij[j] - s
                for k in range(M):
                    if k != j:
                        Jm[j, k] = 1 / (1 + (x[j] - x[k]) ** 2)
                Jm[j, j] = 2 * N / (1 + 4 * x[j] ** 2) - sum(1 / (1 + (x[j] - x[k]) ** 2)
                                                             for k in range(M) if k != j)
            dx = mpmath.lu_solve(Jm, F)
            x = x - dx
            if mpmath.norm(dx, mpmath.inf) < mpmath.mpf(10) ** (-(digits + 10)):
                break
        return [+v for v in x]


def heisenberg_bethe(N: int, digits: int = 20, *, units: str = "spin") -> mpmath.mpf:
    r"""Ground-state energy of the periodic spin-1/2 Heisenberg ring from the Bethe equations.

    Parameters
    ----------
    N : int
        Even ring length, 2..160 (``N = 2`` is the doubled bond, -3/2); Newton runs in mpmath.
    digits : int
        Decimal digits of the result (Newton's method runs with 15 guard digits); ``N * digits``
        at most 10000 (N = 160 to 62 digits, N = 16 to 625), else `InvalidInputError`.
    units : {"spin", "pauli"}
        ``"spin"`` (default, :math:`H = \sum S_i\cdot S_{i+1}`) or ``"pauli"`` (4x).

    Returns
    -------
    mpmath.mpf

    Examples
    --------
    >>> import mpmath
    >>> from mathml.quantum import heisenberg_bethe
    >>> mpmath.nstr(heisenberg_bethe(6, digits=20), 15)
    '-2.80277563773199'
    >>> mpmath.nstr(heisenberg_bethe(6, units="pauli"), 15)
    '-11.2111025509280'
    """
    units = _units(units)
    N, digits = _even_ring(N), _digits_arg(digits)
    roots = bethe_roots(N, digits)
    with mpmath.workdps(digits + 10):
        E = mpmath.mpf(N) / 4 - sum(2 / (4 * x**2 + 1) for x in roots)
        if units == "pauli":
            E *= 4
    with mpmath.workdps(digits):
        return +E


# ------------------------------------------------------------------ TFIM free fermions

def _tfim_args(N: Any, h: Any, J: Any, units: str, maximum: int = 10**6) -> tuple[int, float, float]:
    N = check_int(N, "N", 2, maximum)
    hf, Jf = check_real(h, "h"), check_real(J, "J")
    if _units(units) == "spin":      # -J S^z S^z - h S^x  =  Pauli model with J/4, h/2
        hf, Jf = hf / 2, Jf / 4
    return N, hf, Jf


def _mode_energies(N: int, h: float, J: float, parity: int) -> np.ndarray:
    """Signed Bogoliubov mode energies of the sector with ``parity`` = +1 (NS) or -1 (R)."""
    m = np.arange(N)
    k = (2 * m + 1) * np.pi / N if parity == 1 else 2 * np.pi * m / N
    eps = 2 * np.abs(J * np.exp(1j * k) - h)
    zero = np.isclose(np.cos(k), 1, rtol=0, atol=1e-12)
    pi = np.isclose(np.cos(k), -1, rtol=0, atol=1e-12)
    eps[zero] = 2 * (h - J)
    eps[pi] = 2 * (h + J)
    return eps


def _sector_levels(eps: np.ndarray, parity: int, k: int) -> list[float]:
    """The ``k`` lowest energies sum_q eps_q (n_q - 1/2) with (-1)^{sum n} = parity."""
    base_occ = eps < 0
    base = -0.5 * float(np.sum(np.abs(eps)))
    base_parity = 1 if int(np.sum(base_occ)) % 2 == 0 else -1
    cost = np.sort(np.abs(eps))
    out: list[float] = []
    if base_parity == parity:
        out.append(base)
    if not len(cost):
        return out
    heap = [(cost[0], 0, 1)]        # (sum of flipped costs, last index, number flipped)
    while heap and len(out) < k:
        s, i, n = heapq.heappop(heap)
        if (base_parity * (-1) ** n) == parity:
            out.append(base + float(s))
        if i + 1 < len(cost):
            heapq.heappush(heap, (s + cost[i + 1], i + 1, n + 1))
            heapq.heappush(heap, (s - cost[i] + cost[i + 1], i + 1, n))
    return out


def tfim_free_fermion_levels(N: int, h: Any, J: Any = 1, k: int = 4, *, units: str = "pauli") -> np.ndarray:
    r"""The ``k`` lowest energies (with multiplicity) of the periodic TFIM from free fermions.

    Both parity sectors are enumerated with their momentum sets and quasiparticle-parity
    constraints (see the module docstring); the result equals the ``k`` lowest eigenvalues of
    exact diagonalisation.

    Parameters
    ----------
    N : int
        Ring length (>= 2).
    h, J : real
        Field and coupling, any signs.
    k : int
        Number of levels.
    units : {"pauli", "spin"}
        ``"pauli"`` (default): :math:`H = -J\sum\sigma^z\sigma^z - h\sum\sigma^x`; ``"spin"``: with S.

    Returns
    -------
    numpy.ndarray (float64, ascending)

    Examples
    --------
    >>> from mathml.quantum import tfim_free_fermion_levels
    >>> tfim_free_fermion_levels(4, 0, 1, k=3).round(12).tolist()   # h = 0: two ferromagnets, then -4+4
    [-4.0, -4.0, 0.0]
    """
    N, hf, Jf = _tfim_args(N, h, J, units)
    k = check_int(k, "k (the number of levels)", 1, 100_000)
    levels = []
    for parity in (1, -1):
        levels += _sector_levels(_mode_energies(N, hf, Jf, parity), parity, int(k))
    return np.sort(np.array(levels))[: int(k)]


def tfim_free_fermion(N: int, h: Any, J: Any = 1, *, units: str = "pauli") -> float:
    r"""Ground-state energy of the periodic TFIM,
    :math:`H = -J\sum\sigma^z_i\sigma^z_{i+1} - h\sum\sigma^x_i`.

    For ``N`` even and ``Jh >= 0`` this is :math:`-\sum_{m=1}^{N}\sqrt{J^2 + h^2 - 2Jh\cos((2m-1)\pi/N)}`;
    in general the lower of the two parity sectors' ground states.

    Parameters
    ----------
    N : int
    h, J : real
    units : {"pauli", "spin"}
        Default ``"pauli"`` (Carleo-Troyer's convention); ``"spin"`` uses S = sigma/2.

    Returns
    -------
    float

    Examples
    --------
    >>> from mathml.quantum import tfim_free_fermion
    >>> round(tfim_free_fermion(80, 1) / 80, 12)       # -> -4/pi = -1.2732395447...
    -1.273321360724
    """
    return float(tfim_free_fermion_levels(N, h, J, k=1, units=units)[0])


def tfim_correlations(ell: int, h: float, J: float, N: int | None = None, points: int = 2**15) -> np.ndarray:
    """The block correlation matrix ``G`` (ell x ell) of the TFIM ground state.

    ``N`` given: the periodic ring of ``N`` sites (even-parity ground state, antiperiodic momenta,
    exact).  ``N=None``: the infinite chain; at ``h == J`` from the closed form
    ``g_l = 2/(pi (2l - 1))``, otherwise by the spectrally convergent midpoint rule with
    ``points`` antiperiodic momenta.
    """
    lags = np.arange(-(ell - 1), ell)
    if N is None and h == J and h > 0:
        g = 2 / (np.pi * (2 * lags - 1))
    else:
        M = N if N is not None else max(points, 64 * ell)
        k = (2 * np.arange(M) + 1) * np.pi / M
        omega = np.sqrt(J**2 + h**2 - 2 * J * h * np.cos(k))
        if np.any(omega == 0):
            raise InvalidInputError("a zero mode at these (N, h, J): the ground state is degenerate")
        # g_l = Re (1/M) sum_k (J e^{-ik} - h)/omega_k e^{ikl}, k = (2m+1) pi / M: one inverse FFT
        F = np.fft.ifft((J * np.exp(-1j * k) - h) / omega)
        g = np.real(np.exp(1j * np.pi * lags / M) * F[lags % M])
    idx = np.arange(ell)
    return g[(idx[:, None] - idx[None, :]) + ell - 1]


def tfim_block_entropy(ell: int, h: Any = 1, J: Any = 1, *, N: int | None = None) -> float:
    r"""Von Neumann entropy (nats) of a block of ``ell`` spins in the TFIM ground state.

    Correlation-matrix method (Vidal-Latorre-Rico-Kitaev 2003): singular values :math:`\nu`
    of :math:`G`, :math:`S = \sum_\nu H_2((1+\nu)/2)`.  At :math:`h = J` the infinite chain obeys
    :math:`S \approx \frac{c}{3}\ln\ell + c'` with :math:`c = 1/2`.

    Parameters
    ----------
    ell : int
        Block length (>= 1).
    h, J : real
        Pauli-unit field and coupling (:math:`H = -J\sum\sigma^z\sigma^z - h\sum\sigma^x`).
    N : int, optional
        Ring length; ``None`` (default) is the infinite chain.

    Returns
    -------
    float

    Examples
    --------
    >>> from mathml.quantum import tfim_block_entropy
    >>> round(tfim_block_entropy(64) - tfim_block_entropy(32), 3)     # ~ (1/6) ln 2 = 0.1155
    0.116
    """
    if isinstance(ell, bool) or not isinstance(ell, (int, np.integer)) or not 1 <= ell <= 5000:
        raise InvalidInputError(f"ell must be an integer block length in 1..5000, got {ell!r}")
    if N is not None:
        _tfim_args(N, h, J, "pauli")
        if ell > N:
            raise InvalidInputError(f"the block ell = {ell} does not fit in the ring N = {N}")
    _, hf, Jf = _tfim_args(2, h, J, "pauli")
    if hf == 0 and Jf == 0:
        raise InvalidInputError("h = J = 0 is H = 0: every state is a ground state, the entropy is undefined")
    if N is not None and Jf < 0 and int(N) % 2:
        raise InvalidInputError("an antiferromagnetic (J < 0) ring of odd length is frustrated: its ground "
                                "state is not the even-parity state of the correlation-matrix method")
    # local unitaries prod sigma^z (h -> -h) and sigma^x on every other site (J -> -J, even rings and the
    # infinite chain) leave block entropies unchanged; the correlation matrix is for h, J >= 0
    hf, Jf = abs(hf), abs(Jf)
    nu = np.clip(np.linalg.svd(tfim_correlations(int(ell), hf, Jf, N), compute_uv=False), 0, 1)
    p = np.concatenate([(1 + nu) / 2, (1 - nu) / 2])
    return entropy_from_probabilities(p)
