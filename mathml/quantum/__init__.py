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
from .models import SpinModel, aklt, heisenberg, j1j2, tfim

__all__ = ["E_INF_HEISENBERG", "SectorError", "SpinModel", "UnitsError", "aklt", "bethe_roots",
           "entanglement_entropy", "ground_state", "heisenberg", "heisenberg_bethe", "j1j2",
           "lowest_energies", "schmidt_values", "tfim", "tfim_block_entropy", "tfim_free_fermion",
           "tfim_free_fermion_levels"]
