"""Kolmogorov–Arnold superpositions with exact inner functions, tensor rank across the middle,
additive arrays, laps and topological entropy.

Examples
--------
>>> from mathml.kolmogorov import psi, kronecker_rank
>>> psi("0.59", n=2, gamma=10)
Fraction(277, 500)
"""
from __future__ import annotations

from .inner import (
    GammaSeries, PrecisionError, PsiEnclosure, beta, bits_needed, grid_digits, lambdas, psi,
    psi_batch, psi_float, psi_pair, psi_reference, psi_series, shift, sprecher_psi, to_fraction,
)
from .laps import (
    MonotonePiece, kneading_coefficients, laps, monotone_pieces, topological_entropy, turning_points,
)
from .outer import InnerFunction, IterationRecord, KolmogorovArnold, LorentzForm, OuterLevel
from .plot import plot_outer, plot_psi
from .properties import (
    ImageSeparation, cube_width, descents, gap_shifts, grid_digit_array, grid_values,
    image_separation, neighbour_gaps, widest_gap,
)
from .relu import montufar_lower_bound, relu_pieces, sawtooth, serra_upper_bound
from .tensor import (
    AdditiveDecomposition, KroneckerApproximation, additive_decomposition, kronecker_rank,
    nearest_kronecker, realign,
)
from .isometric import IsometricKroneckerRank, is_product_multiset, min_kronecker_rank_isometric

__all__ = [
    "IsometricKroneckerRank", "is_product_multiset", "min_kronecker_rank_isometric",
    "AdditiveDecomposition", "GammaSeries", "ImageSeparation", "KroneckerApproximation",
    "InnerFunction", "IterationRecord", "KolmogorovArnold", "LorentzForm", "MonotonePiece",
    "OuterLevel", "PrecisionError", "PsiEnclosure",
    "additive_decomposition", "beta", "bits_needed", "cube_width", "descents", "gap_shifts",
    "grid_digit_array", "grid_digits", "grid_values", "image_separation", "kneading_coefficients",
    "kronecker_rank", "lambdas", "laps", "monotone_pieces", "montufar_lower_bound",
    "nearest_kronecker", "neighbour_gaps", "plot_outer", "plot_psi", "psi", "psi_batch", "psi_float",
    "psi_pair",
    "psi_reference", "psi_series", "realign", "relu_pieces", "sawtooth", "serra_upper_bound", "shift",
    "sprecher_psi", "to_fraction", "topological_entropy", "turning_points", "widest_gap",
]
