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
