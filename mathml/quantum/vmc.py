r"""Variational Monte Carlo: Metropolis sampling of :math:`|\psi|^2`, local energies, blocking error bars, SR.

Error bars come from the blocking (binning) analysis of Flyvbjerg and Petersen (J. Chem.
Phys. 91, 461 (1989)): the chain-averaged time series of local energies is halved repeatedly
by averaging neighbours; the standard error of the mean is computed at every level and the
largest value over the levels with at least 32 blocks is reported (it grows with the block
size until the blocks are longer than the autocorrelation time, then plateaus).

Local energies :math:`E_{loc}(s) = \sum_{s'} H_{ss'}\psi(s')/\psi(s)` read the connected
configurations from the sparse Hamiltonian's rows, so ``N <= 20``.

Examples
--------
>>> from mathml.quantum import RBMState, tfim, vmc_energy, variational_energy
>>> H = tfim(6, 1, units="pauli")
>>> rbm = RBMState.random(6, 6, seed=1, scale=0.3)
>>> est = vmc_energy(rbm, H, n_samples=4000, seed=0)
>>> bool(abs(est.mean - variational_energy(rbm, H)) < 4 * est.error)    # within 4 error bars
True
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from mathml.core.errors import InvalidInputError

from .validate import check_int, check_real, check_seed
from .variational import OptimizationResult, _check

__all__ = ["metropolis_samples", "local_energies", "blocking_error", "VMCEstimate", "vmc_energy", "vmc_sr"]


def _enough(n_samples: Any, n_chains: Any) -> None:
    n_samples = check_int(n_samples, "n_samples", 1, 10**7)
    n_chains = check_int(n_chains, "n_chains", 1, 10**4)
    if n_samples < 32 * n_chains:
        raise InvalidInputError(f"the blocking error bar needs at least 32 sweeps: "
                                f"n_samples >= 32 * n_chains "
                                f"= {32 * n_chains}, got n_samples = {n_samples}")


def metropolis_samples(state, n_samples: int, *, seed: int = 0, n_chains: int = 16,
                       burn_in: int = 50) -> np.ndarray:
    """Samples of :math:`|\\psi(s)|^2` by single-spin-flip Metropolis, one sample per chain per sweep.

    Returns an array of shape ``(n_sweeps, n_chains, N)`` (time, chain, site) with
    ``n_sweeps * n_chains >= n_samples``; random numbers from ``default_rng(seed)``.

    Examples
    --------
    >>> from mathml.quantum import RBMState
    >>> from mathml.quantum.vmc import metropolis_samples
    >>> metropolis_samples(RBMState.random(4, 2), 64, seed=0, n_chains=8).shape
    (8, 8, 4)
    """
    n_samples = check_int(n_samples, "n_samples", 1, 10**7)
    n_chains = check_int(n_chains, "n_chains", 1, 10**4)
    burn_in = check_int(burn_in, "burn_in", 0, 10**5)
    rng = np.random.default_rng(check_seed(seed))
    N = state.N
    s = rng.choice([-1.0, 1.0], size=(n_chains, N))
    logp = 2 * np.real(state.log_psi(s))
    n_sweeps = -(-n_samples // n_chains)
    out = np.empty((n_sweeps, n_chains, N))
    chains = np.arange(n_chains)
    for t in range(burn_in + n_sweeps):
        for _ in range(N):
            site = rng.integers(0, N, n_chains)
            trial = s.copy()
            trial[chains, site] *= -1
            logp_t = 2 * np.real(state.log_psi(trial))
            with np.errstate(invalid="ignore"):
                accept = np.log(rng.random(n_chains)) < (logp_t - logp)
            s[accept] = trial[accept]
            logp[accept] = logp_t[accept]
        if t >= burn_in:
            out[t - burn_in] = s
    return out


def _indices(s: np.ndarray) -> np.ndarray:
    N = s.shape[-1]
    bits = ((1 - s) // 2).astype(np.int64)
    return bits @ (2 ** np.arange(N - 1, -1, -1, dtype=np.int64))


def local_energies(state, model, samples: Any, H=None) -> np.ndarray:
    """:math:`E_{loc}(s)` for configurations ``samples`` (any leading shape, last axis N).

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import RBMState, tfim
    >>> from mathml.quantum.vmc import local_energies
    >>> zero = RBMState(np.zeros(3), np.zeros(1), np.zeros((3, 1)))   # the uniform state
    >>> local_energies(zero, tfim(3, 1, units="pauli"), np.ones((1, 3))).real.round(12).tolist()
    [-6.0]
    """
    _check(state, model)
    H = model.matrix() if H is None else H
    samples = np.asarray(samples, dtype=float)
    shape = samples.shape[:-1]
    s = samples.reshape(-1, model.N)
    rows = H[_indices(s)]
    counts = np.diff(rows.indptr)
    owner = np.repeat(np.arange(len(s)), counts)
    conn = rows.indices
    N = model.N
    conn_cfg = 1 - 2 * ((conn[:, None] >> np.arange(N - 1, -1, -1)) & 1).astype(float)
    ratio = np.exp(state.log_psi(conn_cfg) - state.log_psi(s)[owner])
    eloc = np.zeros(len(s), dtype=complex)
    np.add.at(eloc, owner, rows.data * ratio)
    return eloc.reshape(shape)


def blocking_error(x: Any, min_blocks: int = 32) -> tuple[float, float, list[float]]:
    """Mean, blocking standard error and the standard error at each blocking level.

    Raises
    ------
    InvalidInputError
        With fewer than ``2 * min_blocks`` values.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum.vmc import blocking_error
    >>> x = np.random.default_rng(0).normal(size=4096)
    >>> mean, err, levels = blocking_error(x)
    >>> bool(0.8 / 64 < err < 1.25 / 64)      # independent data: about 1/sqrt(4096)
    True
    """
    x = np.asarray(x, dtype=float).ravel()
    if len(x) < 2 * min_blocks or not np.all(np.isfinite(x)):
        raise InvalidInputError(f"blocking needs at least {2 * min_blocks} finite values, got {len(x)}")
    mean = float(np.mean(x))
    levels = []
    y = x
    while len(y) >= min_blocks:
        levels.append(float(np.std(y, ddof=1) / np.sqrt(len(y))))
        n = len(y) // 2 * 2
        y = 0.5 * (y[:n:2] + y[1:n:2])
    return mean, max(levels), levels


@dataclass(frozen=True)
class VMCEstimate:
    """A Monte Carlo energy with its blocking error bar."""

    mean: float
    error: float
    n_samples: int
    acceptance_note: str = ""

    def __repr__(self) -> str:
        return f"VMCEstimate({self.mean:.8g} +- {self.error:.2g}, {self.n_samples} samples)"

    def _repr_latex_(self) -> str:
        return rf"$E = {self.mean:.8g} \pm {self.error:.2g}\quad\text{{({self.n_samples} samples)}}$"


def vmc_energy(state, model, *, n_samples: int = 10_000, seed: int = 0, n_chains: int = 16,
               burn_in: int = 50) -> VMCEstimate:
    """The VMC energy of ``state`` with a blocking error bar (one standard error).

    Parameters
    ----------
    state : neural state
    model : SpinModel (spin 1/2, N <= 20)
    n_samples, seed, n_chains, burn_in : sampling controls (`metropolis_samples`)

    Returns
    -------
    VMCEstimate

    Examples
    --------
    >>> from mathml.quantum import RBMState, heisenberg, vmc_energy
    >>> vmc_energy(RBMState.random(4, 4, seed=0), heisenberg(4, units="spin"), n_samples=2048).n_samples
    2048
    """
    _check(state, model)
    _enough(n_samples, n_chains)
    samples = metropolis_samples(state, n_samples, seed=seed, n_chains=n_chains, burn_in=burn_in)
    eloc = local_energies(state, model, samples).real          # (time, chain)
    mean, err, _ = blocking_error(eloc.mean(axis=1), min_blocks=16)
    return VMCEstimate(mean, err, int(eloc.size))


def vmc_sr(state, model, *, steps: int = 100, n_samples: int = 2000, lr: float = 0.05,
           diag_shift: float = 1e-3, seed: int = 0, n_chains: int = 16) -> OptimizationResult:
    """Stochastic reconfiguration with sampled forces and metric (VMC + SR).

    Each step samples :math:`|\\psi|^2`, forms :math:`F = \\langle O^* E_{loc}\\rangle - \\langle O^*\\rangle
    \\langle E_{loc}\\rangle` and :math:`S = \\langle O^*O\\rangle - \\langle O^*\\rangle\\langle O\\rangle`
    and steps :math:`\\theta \\leftarrow \\theta - \\eta (S + \\epsilon)^{-1}F`.  The result records the
    energy estimate and its blocking error bar at every step (seed ``seed + step``).

    Examples
    --------
    >>> from mathml.quantum import RBMState, tfim, vmc_sr
    >>> res = vmc_sr(RBMState.random(4, 4, seed=0), tfim(4, 1, units="pauli"), steps=3, n_samples=512)
    >>> len(res.energies), len(res.errors)
    (3, 3)
    """
    _check(state, model)
    steps = check_int(steps, "steps", 1, 10**5)
    lr, diag_shift = check_real(lr, "lr", minimum=0), check_real(diag_shift, "diag_shift", minimum=0)
    seed = check_seed(seed)
    _enough(n_samples, n_chains)
    H = model.matrix()
    theta = state.params.copy()
    real = not np.iscomplexobj(theta)
    energies, errors = [], []
    for step in range(steps):
        samples = metropolis_samples(state, n_samples, seed=seed + step, n_chains=n_chains)
        flat = samples.reshape(-1, model.N)
        eloc = local_energies(state, model, flat, H)
        mean, err, _ = blocking_error(eloc.real.reshape(samples.shape[:2]).mean(axis=1), min_blocks=16)
        energies.append(mean)
        errors.append(err)
        O = state.log_derivatives(flat)
        Oc = O - O.mean(axis=0)
        F = Oc.conj().T @ (eloc - eloc.mean()) / len(flat)
        S = Oc.conj().T @ Oc / len(flat)
        if real:
            F, S = np.real(F), np.real(S)
        step_vec = np.linalg.solve(S + diag_shift * np.eye(len(theta)), F)
        theta = theta - lr * step_vec
        state = state.with_params(theta)
    return OptimizationResult(state, energies, errors, f"VMC + SR, {n_samples} samples/step, lr {lr}")
