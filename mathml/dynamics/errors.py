"""Errors of `mathml.dynamics`.

Examples
--------
>>> from mathml.dynamics.errors import ConvergenceError, EscapeError
>>> from mathml import MathmlError
>>> issubclass(ConvergenceError, MathmlError) and issubclass(EscapeError, MathmlError)
True
"""
from __future__ import annotations

from ..core.errors import MathmlError

__all__ = ["ConvergenceError", "EscapeError"]


class ConvergenceError(MathmlError, ArithmeticError):
    """An iterative solver (Newton, collocation) did not reach the requested precision."""


class EscapeError(MathmlError, ArithmeticError):
    """An orbit left the region where the map is defined (e.g. escaped to infinity)."""
