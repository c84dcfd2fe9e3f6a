"""Exceptions raised by mathml.

Every error a user can trigger with bad input is a subclass of `MathmlError`, so a
caller can catch one class.  The message always says what was wrong and what is
accepted.

Examples
--------
>>> from mathml.core.errors import MathmlError, DomainError
>>> issubclass(DomainError, MathmlError) and issubclass(DomainError, ValueError)
True
"""
from __future__ import annotations

__all__ = [
    "MathmlError",
    "InvalidInputError",
    "DomainError",
    "ShapeMismatchError",
    "ParseError",
    "LatexCompileError",
    "TheoremError",
]


class MathmlError(Exception):
    """Base class of every error mathml raises on purpose."""


class InvalidInputError(MathmlError, ValueError):
    """An argument has the wrong type or value (NaN, inf, non-sympy object, ...)."""


class DomainError(InvalidInputError):
    """A sampling domain is empty or contradicts a symbol's assumptions."""


class ShapeMismatchError(InvalidInputError):
    """Two matrices that must have the same shape do not."""


class ParseError(InvalidInputError):
    """A user string is not an accepted mathematical expression."""


class LatexCompileError(MathmlError, RuntimeError):
    """pdflatex is missing or failed to compile a document."""


class TheoremError(MathmlError):
    """A theorem file or a theorem function is malformed."""
