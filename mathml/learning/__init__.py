"""Learning as physics and geometry: optimisers as mechanics, physics-informed losses, the information
bottleneck, embeddings, toric Kähler–Einstein geometry and orders that no potential explains.

Reference: ``shared/references/wave2_learning.md``; conventions are stated in each module.
Exact inputs give exact sympy results (Polyak's tuning, Gaussian-IB critical β, toric barycentres and
Li's Ricci bound, small Hodge decompositions); float inputs are computed in float64 (or mpmath at a
stated precision) and returned as floats.

Examples
--------
>>> from mathml.learning import ricci_lower_bound, polyak_optimal, jl_min_dim
>>> ricci_lower_bound("Bl1"), polyak_optimal(1, 9)[2], jl_min_dim(10**5, 0.1)
(6/7, 1/2, 9868)
"""
from __future__ import annotations

from .bottleneck import (
    GaussianIB,
    IBSolution,
    binary_entropy,
    bsc_ib_curve,
    gaussian_ib,
    iterative_ib,
    mutual_information_bits,
)
from .embeddings import (
    cycle_metric,
    euclidean_distortion_lower_bound,
    jl_min_dim,
    random_projection_distortion,
    star_metric,
)
from .games import HodgeDecomposition, Replicator, hodge_decomposition, pairwise_flow, replicator, rps
from .optimisers import (
    FORMS,
    ECDRun,
    HeavyBallRun,
    bbi_hamiltonian,
    damped_hamiltonian_limit,
    energy_conserving_descent,
    gradient_descent_optimal,
    heavy_ball,
    heavy_ball_parameters,
    heavy_ball_rate,
    polyak_optimal,
)
from .pinn import damped_oscillator_solution, oscillator_operator, pinn_loss, pinn_residual
from .toric import TORIC_DEL_PEZZO, ToricSurface, admits_kahler_einstein, ricci_lower_bound, toric_surface

__all__ = [
    "ECDRun", "FORMS", "GaussianIB", "HeavyBallRun", "HodgeDecomposition", "IBSolution", "Replicator",
    "TORIC_DEL_PEZZO", "ToricSurface", "admits_kahler_einstein", "bbi_hamiltonian", "binary_entropy",
    "bsc_ib_curve", "cycle_metric", "damped_hamiltonian_limit", "damped_oscillator_solution",
    "energy_conserving_descent", "euclidean_distortion_lower_bound", "gaussian_ib",
    "gradient_descent_optimal", "heavy_ball", "heavy_ball_parameters", "heavy_ball_rate",
    "hodge_decomposition", "iterative_ib", "jl_min_dim", "mutual_information_bits", "oscillator_operator",
    "pairwise_flow", "pinn_loss", "pinn_residual", "polyak_optimal", "random_projection_distortion",
    "replicator", "ricci_lower_bound", "rps", "star_metric", "toric_surface",
]
