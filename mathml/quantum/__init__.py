"""Quantum spin models with stated units, exact references, neural-network and tensor-network states.

Examples
--------
>>> import mpmath
>>> from mathml.quantum import heisenberg, lowest_energies, heisenberg_bethe
>>> ed = float(lowest_energies(heisenberg(10, units="spin"), k=1, sector={"Sz": 0})[0])
>>> abs(ed - float(heisenberg_bethe(10))) < 1e-12     # ED = Bethe ansatz to 12 digits
True
"""
from __future__ import annotations

from .ed import ground_state, lowest_energies
from .entanglement import entanglement_entropy, schmidt_values
from .errors import SectorError, UnitsError
from .exact import (
    E_INF_HEISENBERG,
    bethe_roots,
    heisenberg_bethe,
    tfim_block_entropy,
    tfim_free_fermion,
    tfim_free_fermion_levels,
)
from .kernels import fidelity_kernel, geometric_difference, model_complexity
from .models import SpinModel, aklt, heisenberg, heisenberg_square, j1j2, tfim
from .mps import MPS, aklt_matrices, aklt_mps, rbm_bond_bound, rbm_to_mps
from .neural import DBMState, FeedForwardState, RBMState
from .spectra import goe_matrix, level_spacing_ratio
from .ttn import (
    TTN,
    five_qubit_code_states,
    five_qubit_code_tensor,
    perfect_tensor_check,
    perfect_tensor_cuts,
)
from .variational import optimize_exact, variational_energy
from .vmc import vmc_energy, vmc_sr

__all__ = [
    "DBMState",
    "E_INF_HEISENBERG",
    "FeedForwardState",
    "MPS",
    "RBMState",
    "SectorError",
    "SpinModel",
    "TTN",
    "UnitsError",
    "aklt",
    "aklt_matrices",
    "aklt_mps",
    "bethe_roots",
    "entanglement_entropy",
    "fidelity_kernel",
    "five_qubit_code_states",
    "five_qubit_code_tensor",
    "geometric_difference",
    "goe_matrix",
    "ground_state",
    "heisenberg",
    "heisenberg_bethe",
    "heisenberg_square",
    "j1j2",
    "level_spacing_ratio",
    "lowest_energies",
    "model_complexity",
    "optimize_exact",
    "perfect_tensor_check",
    "perfect_tensor_cuts",
    "rbm_bond_bound",
    "rbm_to_mps",
    "schmidt_values",
    "tfim",
    "tfim_block_entropy",
    "tfim_free_fermion",
    "tfim_free_fermion_levels",
    "variational_energy",
    "vmc_energy",
    "vmc_sr",
]
