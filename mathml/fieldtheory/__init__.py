"""Wide networks as field theories: NNGP kernels, signal propagation, NN field theory, path integrals.

Sources: Neal 1994, Williams 1997, Lee et al. 2018 (NNGP); Poole et al. 2016 and Schoenholz et al.
2017 (signal propagation); Halverson et al. 2008.08601, 2112.04527 (NN field theory, the cos-net);
Hirono, Maeda, Totsuka-Yoshinaka, Hashimoto 2403.11420 (the path integral as a network);
Creutz & Freedman 1981 (the lattice oscillator).

Examples
--------
>>> from mathml.fieldtheory import finite_width_kurtosis, critical_sigma_w2
>>> finite_width_kurtosis((10,)), critical_sigma_w2("tanh", 0)
(9/2, 1)
"""

from __future__ import annotations

from .activations import Activation, as_activation
from .cosnet import CosNet, cutoff_propagator
from .finite_width import finite_width_kurtosis, kurtosis_by_enumeration, sample_relu_outputs
from .kernels import erf_expectation, kernel_routes, nngp_kernel, nngp_kernel_matrix, relu_expectation
from .lattice import LatticeOscillator, conv_stencil, lattice_oscillator
from .pathnet import PathNetwork
from .propagators import free_kernel, mehler_kernel, tridiagonal_gaussian
from .signal import SignalPropagation, critical_sigma_w2

__all__ = [
    "Activation",
    "CosNet",
    "LatticeOscillator",
    "PathNetwork",
    "SignalPropagation",
    "as_activation",
    "conv_stencil",
    "critical_sigma_w2",
    "cutoff_propagator",
    "erf_expectation",
    "finite_width_kurtosis",
    "free_kernel",
    "kernel_routes",
    "kurtosis_by_enumeration",
    "lattice_oscillator",
    "mehler_kernel",
    "nngp_kernel",
    "nngp_kernel_matrix",
    "relu_expectation",
    "sample_relu_outputs",
    "tridiagonal_gaussian",
]
