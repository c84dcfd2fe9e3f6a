"""Statistical mechanics for networks: the Ising model exactly, Hopfield networks, Boltzmann machines,
and the renormalisation group as a network (Mehta-Schwab, PCA-RG, Trotter layers, Gaussian DBMs).

Every model states its unit convention (``units="spin"`` for -1/+1, ``units="binary"`` for 0/1) and
the sign of its energy; exact quantities (partition functions, marginals, RG maps) come from exact
enumeration, transfer matrices or closed forms, so they can serve as ground truth for samplers and
trainers.

Examples
--------
>>> import sympy as sp
>>> from mathml.statmech import IsingChain
>>> K = sp.Symbol('K', positive=True)
>>> A, half = IsingChain(4, K).decimate()
>>> half.K
log(cosh(2*K))/2
"""

from __future__ import annotations

from .boltzmann import BoltzmannMachine
from .dbm import DBM
from .configs import (
    MAX_ENUMERATION,
    UNITS,
    as_coupling,
    check_units,
    common_kind,
    config_chunks,
    configurations,
    is_exact,
    logsumexp,
    to_mpf,
)
from .errors import SizeLimitError
from .gaussian import GaussianDBM
from .hopfield import Hopfield, ags_capacity, ags_equations
from .pca import PCARG, lattice_gaussian_covariance, pca_rg
from .rbm import RBM, softplus
from .rg import MehtaSchwab1D, VariationalRG, mehta_schwab_1d, variational_rg
from .trotter import TrotterLayer, trotter_coupling, trotter_layer
from .inverse import inverse_ising, spin_moments
from .ising1d import IsingChain, decimation_coupling, decimation_prefactor
from .ising2d import (
    K_C,
    Ising2D,
    density_of_states,
    onsager_free_energy,
    onsager_internal_energy,
    onsager_specific_heat,
    yang_magnetisation,
)

__all__ = [
    "inverse_ising",
    "spin_moments",
    "GaussianDBM",
    "MehtaSchwab1D",
    "PCARG",
    "TrotterLayer",
    "VariationalRG",
    "lattice_gaussian_covariance",
    "mehta_schwab_1d",
    "pca_rg",
    "trotter_coupling",
    "trotter_layer",
    "variational_rg",
    "BoltzmannMachine",
    "DBM",
    "RBM",
    "softplus",
    "Hopfield",
    "ags_capacity",
    "ags_equations",
    "Ising2D",
    "K_C",
    "density_of_states",
    "onsager_free_energy",
    "onsager_internal_energy",
    "onsager_specific_heat",
    "yang_magnetisation",
    "IsingChain",
    "MAX_ENUMERATION",
    "SizeLimitError",
    "UNITS",
    "as_coupling",
    "check_units",
    "common_kind",
    "config_chunks",
    "configurations",
    "decimation_coupling",
    "decimation_prefactor",
    "is_exact",
    "logsumexp",
    "to_mpf",
]
