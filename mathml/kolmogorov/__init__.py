"""Kolmogorov–Arnold superpositions (exact inner functions), tensor rank across the middle, laps."""
from __future__ import annotations

from .inner import (
    GammaSeries, PrecisionError, PsiEnclosure, beta, bits_needed, grid_digits, lambdas, psi,
    psi_batch, psi_float, psi_pair, psi_reference, psi_series, shift, sprecher_psi, to_fraction,
)

__all__ = [
    "GammaSeries", "PrecisionError", "PsiEnclosure", "beta", "bits_needed", "grid_digits", "lambdas",
    "psi", "psi_batch", "psi_float", "psi_pair", "psi_reference", "psi_series", "shift",
    "sprecher_psi", "to_fraction",
]
