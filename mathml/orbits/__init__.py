"""mathml.orbits: group orbits, nilpotent and minimal orbits, weight-space symmetry orbits, curvature.

Submodules: :mod:`.finite` (finite group actions, Burnside/Polya, minimal orbits of features),
:mod:`.partitions` and :mod:`.classical` (nilpotent orbits of sl, so, sp by partitions),
:mod:`.roots` and :mod:`.exceptional` (root systems from Cartan matrices, weighted Dynkin diagrams,
G2--E8 tables), :mod:`.network` (ReLU rescaling/permutation orbits, functional dimension, attention),
:mod:`.curvature`, :mod:`.spin` and :mod:`.experiment` (left-invariant metrics).

Examples
--------
>>> import mathml.orbits as mo
>>> exceptional = [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)]
>>> [mo.minimal_nilpotent_orbit(t, r).dimension for t, r in exceptional]
[6, 16, 22, 34, 58]
"""
from .classical import (
    NilpotentOrbit,
    centraliser_dimension,
    hasse_diagram,
    is_admissible,
    minimal_nilpotent_orbit,
    minimal_orbit,
    minimal_orbit_dimension_formula,
    nilpotent_orbits,
    partition_dimension,
    principal_orbit,
    rank_one_orbit_dimension,
    representative,
    sl_hasse_diagram,
)
from .curvature import (
    lie_algebra_basis,
    milnor_scalar_curvature,
    milnor_structure_constants,
    pauli_basis,
    scalar_curvature,
    scalar_curvature_gradient,
    scalar_curvature_orthonormal,
    scalar_curvature_symbolic,
    structure_constants,
)
from .exceptional import EXCEPTIONAL_TABLES, ExceptionalOrbit, exceptional_orbits
from .experiment import (
    CurvatureExperiment,
    collapsed_su2_scalar_curvature,
    curvature_experiment,
    kronecker_rank,
    realign,
)
from .finite import (
    FeatureOrbit,
    burnside_count,
    cycle_index,
    dihedral_patch_group,
    minimal_feature_orbits,
    minimal_orbits,
    orbit,
    orbits,
    patch_action,
    polya_count,
    schreier_graph,
    stabilizer,
)
from .network import (
    OrbitReport,
    attention_orbit_dimension,
    flatten,
    functional_dimension,
    mlp_forward,
    mlp_jacobian,
    numeric_rank,
    orbit_dimension,
    permutation_orbit_size,
    relu_orbit_dimension,
    relu_rescaling_generators,
    unflatten,
)
from .partitions import dominance_covers, dominates, partitions, transpose
from .roots import (
    bala_carter_diagrams,
    cartan_matrix,
    dual_coxeter_number,
    highest_root,
    lie_algebra_dimension,
    positive_roots,
    wdd_orbit_dimension,
)
from .spin import adjoint_action, rotor_action, rotor_adjoint_discrepancy
from .shadow import SHADOW_GROUPS, ShadowResidual, shadow_residual

__all__ = [
    "SHADOW_GROUPS", "ShadowResidual", "shadow_residual",
    "CurvatureExperiment", "EXCEPTIONAL_TABLES", "ExceptionalOrbit", "FeatureOrbit", "NilpotentOrbit",
    "OrbitReport", "adjoint_action", "attention_orbit_dimension", "bala_carter_diagrams",
    "burnside_count", "cartan_matrix", "centraliser_dimension", "collapsed_su2_scalar_curvature",
    "curvature_experiment", "cycle_index", "dihedral_patch_group", "dominance_covers", "dominates",
    "dual_coxeter_number", "exceptional_orbits", "flatten", "functional_dimension", "hasse_diagram",
    "highest_root", "is_admissible", "kronecker_rank", "lie_algebra_basis", "lie_algebra_dimension",
    "milnor_scalar_curvature", "milnor_structure_constants", "minimal_feature_orbits",
    "minimal_nilpotent_orbit", "minimal_orbit",
    "minimal_orbit_dimension_formula", "minimal_orbits", "mlp_forward", "mlp_jacobian",
    "nilpotent_orbits", "numeric_rank", "orbit", "orbit_dimension", "orbits", "partition_dimension",
    "partitions", "patch_action", "pauli_basis", "permutation_orbit_size", "polya_count",
    "positive_roots", "principal_orbit", "rank_one_orbit_dimension", "realign",
    "relu_orbit_dimension", "relu_rescaling_generators", "representative", "rotor_action",
    "rotor_adjoint_discrepancy", "scalar_curvature", "scalar_curvature_gradient",
    "scalar_curvature_orthonormal", "scalar_curvature_symbolic", "schreier_graph", "sl_hasse_diagram",
    "stabilizer", "structure_constants", "transpose", "unflatten", "wdd_orbit_dimension",
]
