"""Gauge symmetries of neural ODEs, Wilson lines, and their lattice versions.

Examples
--------
>>> import sympy as sp
>>> from mathml.gauge import LinearNODE
>>> LinearNODE().acceleration(sp.Symbol('x')).has(sp.Function('w')(sp.Symbol('t', real=True)))
True
"""
from .flow import flow_equivalence, flow_map, numeric_flow
from .linear import GaugeTransformation, LinearNODE

__all__ = ["GaugeTransformation", "LinearNODE", "flow_equivalence", "flow_map", "numeric_flow"]
from .matrix import MatrixGaugeTransformation, MatrixNODE, loop_invariants, magnus_error_order

__all__ += ["MatrixGaugeTransformation", "MatrixNODE", "loop_invariants", "magnus_error_order"]
from .attention import (attention, attention_symmetry, numeric_parameter_rank, parameter_rank,
                        value_output_symmetry)
from .lattice import (chain_output, continuum_limit, discrete_gauge, relu_mlp, relu_parameter_rank,
                      relu_rescale)

__all__ += ["attention", "attention_symmetry", "numeric_parameter_rank", "parameter_rank",
            "value_output_symmetry", "chain_output", "continuum_limit", "discrete_gauge", "relu_mlp",
            "relu_parameter_rank", "relu_rescale"]
from .fixing import (balanced_gauge, linear_transport_gauge, matrix_linear_transport_gauge, regularizer,
                     transport_obstruction, weight_decay_gauge, weight_decay_minimum)

__all__ += ["balanced_gauge", "linear_transport_gauge", "matrix_linear_transport_gauge", "regularizer",
            "transport_obstruction", "weight_decay_gauge", "weight_decay_minimum"]
