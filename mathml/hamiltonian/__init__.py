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
from .bulk import (
    ETA,
    PHI,
    BulkNetwork,
    ads_schwarzschild_h,
    ads_schwarzschild_metric,
    bulk_eom,
    bulk_update,
    bump,
    metric_function,
    smoothness_penalty,
    talk_bulk_update,
)
from .fit import MetricFit, bulk_data, fit_metric
from .friction import FrictionFit, FrictionNetwork, fit_friction
from .geodesic import ResidualLayer, christoffel_symbols, geodesic_network, separable_network
from .network import (
    HamiltonianNetwork,
    hamilton_equations,
    hamiltonian_from_network,
    layer_jacobian_determinant,
    network_from_hamiltonian,
    round_trip,
)
from .symplectic import (
    energy_drift,
    euler_step,
    step_jacobian,
    symplectic_form_defect,
    symplectic_step,
)

__all__ = [
    "BulkNetwork",
    "ETA",
    "FrictionFit",
    "FrictionNetwork",
    "MetricFit",
    "PHI",
    "ads_schwarzschild_h",
    "ads_schwarzschild_metric",
    "bulk_data",
    "bulk_eom",
    "bulk_update",
    "bump",
    "fit_friction",
    "fit_metric",
    "metric_function",
    "smoothness_penalty",
    "talk_bulk_update",
    "ResidualLayer",
    "christoffel_symbols",
    "energy_drift",
    "euler_step",
    "geodesic_network",
    "separable_network",
    "step_jacobian",
    "symplectic_form_defect",
    "symplectic_step",
    "HamiltonianNetwork",
    "NotRepresentableError",
    "hamilton_equations",
    "hamiltonian_from_network",
    "layer_jacobian_determinant",
    "network_from_hamiltonian",
    "round_trip",
]
