r"""Exact variational energies and exact-gradient optimisation of neural states (enumeration, N <= 20).

:math:`E(\theta) = \langle\psi|H|\psi\rangle/\langle\psi|\psi\rangle` over all :math:`2^N`
configurations.  With :math:`\phi = \psi/\|\psi\|` and :math:`D = \partial\psi/\partial\theta\,/\|\psi\|`,
the force is :math:`F = D^\dagger(H - E)\phi` and the stochastic-reconfiguration (quantum
geometric) matrix :math:`S = D^\dagger D - (D^\dagger\phi)(\phi^\dagger D)`; the SR step is
:math:`\theta \leftarrow \theta - \eta\,(S + \epsilon)^{-1}F` (imaginary-time evolution projected
on the ansatz).  Real parameters use :math:`\mathrm{Re}\,S` and :math:`\mathrm{Re}\,F`.

Examples
--------
>>> from mathml.quantum import RBMState, tfim, variational_energy, lowest_energies
>>> H = tfim(4, 1, units="pauli")
>>> E = variational_energy(RBMState.random(4, 4, seed=0), H)
>>> bool(E >= lowest_energies(H, k=1)[0] - 1e-12)
True
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from mathml.core.errors import InvalidInputError, ShapeMismatchError

from .operators import configurations
from .validate import check_int, check_real

__all__ = ["variational_energy", "energy_gradient", "optimize_exact", "OptimizationResult"]


def _check_model(model) -> None:
    from .models import SpinModel

    if not isinstance(model, SpinModel):
        raise InvalidInputError(f"expected a SpinModel (tfim, heisenberg, j1j2, ...), "
                                f"got {type(model).__name__}")


def _check(state, model) -> None:
    _check_model(model)
    if not all(hasattr(state, name) for name in ("N", "psi", "amplitudes", "params")):
        raise InvalidInputError(f"expected a neural state (RBMState, FeedForwardState, DBMState), "
                                f"got {type(state).__name__}")
    if getattr(model, "d", None) != 2:
        raise InvalidInputError("neural states are spin-1/2 states: pass a spin-1/2 SpinModel")
    if state.N != model.N:
        raise ShapeMismatchError(f"the state has N = {state.N} sites, the model N = {model.N}")
    if model.N > 20:
        raise InvalidInputError(f"exact enumeration is for N <= 20, got N = {model.N}")


def variational_energy(state, model) -> float:
    """Exact :math:`\\langle\\psi|H|\\psi\\rangle/\\langle\\psi|\\psi\\rangle` (enumeration).

    Parameters
    ----------
    state : RBMState, FeedForwardState, DBMState, or an amplitude vector of length 2**N
    model : SpinModel (spin 1/2, N <= 20)

    Returns
    -------
    float

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import heisenberg, variational_energy
    >>> singlet = np.array([0, 1, -1, 0]) / np.sqrt(2)
    >>> round(variational_energy(singlet, heisenberg(2, pbc=False, units="spin")), 12)
    -0.75
    """
    if isinstance(state, np.ndarray) or isinstance(state, (list, tuple)):
        _check_model(model)
        try:
            psi = np.asarray(state, dtype=complex)
        except (TypeError, ValueError) as exc:
            raise InvalidInputError("an amplitude vector must hold numbers") from exc
        if psi.shape != (model.dimension,):
            raise ShapeMismatchError(f"an amplitude vector needs {model.dimension} entries, got {psi.shape}")
        norm = np.linalg.norm(psi)
        if norm == 0 or not np.isfinite(norm):
            raise InvalidInputError("the amplitude vector must be finite and nonzero")
        psi = psi / norm
    else:
        _check(state, model)
        psi = state.amplitudes()
    return float(np.real(np.vdot(psi, model.matrix() @ psi)))


def energy_gradient(state, model, H=None) -> tuple[float, np.ndarray, np.ndarray]:
    """Exact energy, force ``F`` and SR matrix ``S`` (see the module docstring).

    Examples
    --------
    >>> from mathml.quantum import RBMState, tfim
    >>> from mathml.quantum.variational import energy_gradient
    >>> E, F, S = energy_gradient(RBMState.random(3, 3, seed=0), tfim(3, 1, units="pauli"))
    >>> F.shape, S.shape
    ((15,), (15, 15))
    """
    _check(state, model)
    H = model.matrix() if H is None else H
    s = configurations(model.N)
    psi = state.psi(s)
    norm = np.linalg.norm(psi)
    phi = psi / norm
    D = state.jacobian(s) / norm
    Hphi = H @ phi
    E = float(np.real(np.vdot(phi, Hphi)))
    F = D.conj().T @ (Hphi - E * phi)
    Dphi = D.conj().T @ phi
    S = D.conj().T @ D - np.outer(Dphi, Dphi.conj())
    return E, F, S


@dataclass
class OptimizationResult:
    """An optimised state and its energy history (exact or VMC)."""

    state: Any
    energies: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    method: str = ""

    @property
    def energy(self) -> float:
        """The last energy."""
        return float(self.energies[-1])

    def __repr__(self) -> str:
        return f"OptimizationResult({self.method}, {len(self.energies)} steps, E = {self.energy:.10g})"

    def _repr_latex_(self) -> str:
        return (rf"$E = {self.energy:.10g}\quad\text{{after {len(self.energies)} steps ({self.method})}}$")


def optimize_exact(state, model, *, steps: int = 500, lr: float = 0.05, method: str = "sr",
                   diag_shift: float = 1e-4, tol: float = 0.0) -> OptimizationResult:
    """Optimise a neural state with exact gradients (``method="sr"`` or plain gradient descent ``"gd"``).

    Parameters
    ----------
    state : RBMState, FeedForwardState or DBMState
        The starting point (unchanged; the result holds a new state).
    model : SpinModel (spin 1/2, N <= 20)
    steps : int
    lr : float
        Step size :math:`\\eta`.
    method : {"sr", "gd"}
    diag_shift : float
        :math:`\\epsilon` added to the diagonal of ``S`` (SR only).
    tol : float
        Stop early when the energy changes by less than ``tol`` in a step.

    Returns
    -------
    OptimizationResult

    Examples
    --------
    >>> from mathml.quantum import RBMState, tfim, optimize_exact, lowest_energies
    >>> H = tfim(4, 1, units="pauli")
    >>> res = optimize_exact(RBMState.random(4, 8, seed=0), H, steps=200)
    >>> E0 = lowest_energies(H, k=1)[0]
    >>> bool(abs(res.energy - E0) / abs(E0) < 1e-3)
    True
    """
    if method not in ("sr", "gd"):
        raise InvalidInputError(f"method must be 'sr' or 'gd', got {method!r}")
    lr, diag_shift = check_real(lr, "lr", minimum=0), check_real(diag_shift, "diag_shift", minimum=0)
    tol = check_real(tol, "tol", minimum=0)
    steps = check_int(steps, "steps", 1, 10**6)
    _check(state, model)
    H = model.matrix()
    theta = state.params.copy()
    real = not np.iscomplexobj(theta)
    energies: list[float] = []
    for _ in range(int(steps)):
        E, F, S = energy_gradient(state, model, H)
        energies.append(E)
        if len(energies) > 1 and abs(energies[-2] - E) < tol:
            break
        if real:
            F, S = np.real(F), np.real(S)
            F = 2 * F
        if method == "sr":
            S = S + diag_shift * np.eye(len(theta))
            step = np.linalg.solve(S, F)
            if real:
                step = step / 2
        else:
            step = F
        theta = theta - lr * step
        state = state.with_params(theta)
    energies.append(variational_energy(state, model))
    return OptimizationResult(state, energies, [], f"exact {method}, lr {lr}")
