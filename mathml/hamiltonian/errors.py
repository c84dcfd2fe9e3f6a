"""Errors raised by `mathml.hamiltonian`."""
from __future__ import annotations

from mathml.core.errors import InvalidInputError

__all__ = ["NotRepresentableError"]


class NotRepresentableError(InvalidInputError):
    """A Hamiltonian (or a term of it) lies outside the family that a network layer can represent."""
