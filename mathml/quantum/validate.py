"""Argument checks shared by `mathml.quantum` (each raises `InvalidInputError` with what is accepted).

Examples
--------
>>> from mathml.quantum.validate import check_int, check_real
>>> check_int(3, "N", 1, 10), check_real(0.5, "h")
(3, 0.5)
"""
from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import numpy as np

from mathml.core.errors import InvalidInputError

__all__ = ["check_int", "check_real", "check_seed"]


def check_int(x: Any, name: str, minimum: int | None = None, maximum: int | None = None) -> int:
    """``x`` as a Python int (bools, floats, strings refused), within ``[minimum, maximum]``.

    >>> from mathml.quantum.validate import check_int
    >>> import numpy as np
    >>> check_int(np.int64(4), "N", 1)
    4
    """
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, np.integer)):
        raise InvalidInputError(f"{name} must be an integer, got {x!r}")
    x = int(x)
    if (minimum is not None and x < minimum) or (maximum is not None and x > maximum):
        lo = "-inf" if minimum is None else minimum
        hi = "inf" if maximum is None else maximum
        raise InvalidInputError(f"{name} must be an integer in {lo}..{hi}, got {x}")
    return x


def check_real(x: Any, name: str, minimum: float | None = None) -> float:
    """``x`` as a finite float (int, float, numpy, Fraction or real sympy number; no bool/str).

    >>> from mathml.quantum.validate import check_real
    >>> import sympy as sp
    >>> check_real(sp.Rational(1, 4), "lr", minimum=0)
    0.25
    """
    if isinstance(x, (bool, np.bool_, str, bytes)) or x is None:
        raise InvalidInputError(f"{name} must be a real number, got {x!r}")
    if isinstance(x, (int, float, np.integer, np.floating, Fraction)):
        value = float(x)
    else:
        import sympy as sp

        if not (isinstance(x, sp.Basic) and x.is_number and x.is_real):
            raise InvalidInputError(f"{name} must be a real number (int, float, Fraction, real sympy "
                                    "number), "
                                    f"got {x!r}")
        value = float(x)
    if not math.isfinite(value):
        raise InvalidInputError(f"{name} must be finite, got {x!r}")
    if minimum is not None and value < minimum:
        raise InvalidInputError(f"{name} must be >= {minimum}, got {x!r}")
    return value


def check_seed(seed: Any) -> int:
    """A non-negative integer seed for ``numpy.random.default_rng``.

    >>> from mathml.quantum.validate import check_seed
    >>> check_seed(7)
    7
    """
    return check_int(seed, "seed", 0)
