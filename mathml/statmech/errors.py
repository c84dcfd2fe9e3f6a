"""Errors raised by `mathml.statmech`."""

from __future__ import annotations

from mathml.core.errors import InvalidInputError

__all__ = ["SizeLimitError"]


class SizeLimitError(InvalidInputError):
    """A system is too large for the exact method asked for (enumeration, transfer matrix)."""
