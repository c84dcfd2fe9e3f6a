"""Errors raised by `mathml.quantum` (all are `mathml.MathmlError` subclasses)."""
from __future__ import annotations

from mathml.core.errors import InvalidInputError

__all__ = ["UnitsError", "SectorError"]


class UnitsError(InvalidInputError):
    """The ``units`` of a spin model are missing or not one of ``"spin"`` / ``"pauli"``."""


class SectorError(InvalidInputError):
    """A symmetry sector was asked of a model that does not have that symmetry, or is empty."""
