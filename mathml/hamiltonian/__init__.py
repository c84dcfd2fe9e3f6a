"""Hamiltonian systems as networks, symplectic layers, neural geodesics and the AdS/DL bulk network.

Examples
--------
>>> import sympy as sp
>>> from mathml.hamiltonian import network_from_hamiltonian, hamiltonian_from_network
>>> q, p, dt = sp.symbols('q p dt')
>>> hamiltonian_from_network(network_from_hamiltonian(p**2/2 + q**2/2, q, p, dt))
p**2/2 + q**2/2
"""
from __future__ import annotations

from .errors import NotRepresentableError
from .network import (
    HamiltonianNetwork,
    hamilton_equations,
    hamiltonian_from_network,
    layer_jacobian_determinant,
    network_from_hamiltonian,
    round_trip,
)

__all__ = [
    "HamiltonianNetwork",
    "NotRepresentableError",
    "hamilton_equations",
    "hamiltonian_from_network",
    "layer_jacobian_determinant",
    "network_from_hamiltonian",
    "round_trip",
]
