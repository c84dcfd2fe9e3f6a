"""mathml: a symbolic-numeric workbench for the mathematics linking neural networks,
dynamics and physics.

Import it as ``import mathml as mm`` (``from sympy import *`` rebinds a bare
``mathml`` name to sympy's MathML printer).  Domain subpackages are imported
explicitly: ``mathml.gauge``, ``mathml.kolmogorov``, ``mathml.hamiltonian``,
``mathml.orbits``.

Examples
--------
>>> import sympy as sp, mathml as mm
>>> x = sp.Symbol('x', real=True)
>>> mm.verify(sp.cosh(x)**2 - sp.sinh(x)**2, 1).status
<Status.proved: 'proved'>
"""
from __future__ import annotations

from .core.derivation import Derivation, DerivationReport, Step, theorem
from .core.errors import (
    DomainError,
    InvalidInputError,
    LatexCompileError,
    MathmlError,
    ParseError,
    ShapeMismatchError,
    TheoremError,
)
from .core.latex import Notation, compile_pdf, document, latex
from .core.parsing import parse_expr, parse_relation
from .core.checks import check_close, check_exact, check_predicate, compare_routes
from .core.sampling import constant, generic, polynomial, positive, smooth, vanishing
from .core.sweep import sweep
from .core.verdict import Status, Verdict
from .core.verify import verify

from ._version import __version__

__all__ = [
    "Derivation",
    "DerivationReport",
    "DomainError",
    "InvalidInputError",
    "LatexCompileError",
    "MathmlError",
    "Notation",
    "ParseError",
    "ShapeMismatchError",
    "Status",
    "Step",
    "TheoremError",
    "Verdict",
    "check_close",
    "check_exact",
    "check_predicate",
    "compare_routes",
    "compile_pdf",
    "constant",
    "document",
    "generic",
    "latex",
    "parse_expr",
    "parse_relation",
    "polynomial",
    "positive",
    "smooth",
    "sweep",
    "theorem",
    "vanishing",
    "verify",
]
