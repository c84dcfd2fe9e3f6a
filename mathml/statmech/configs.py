"""Unit conventions and exact enumeration of configurations (shared by every model of the package).

Two conventions for a binary unit are used throughout, always stated by a ``units`` argument:

- ``units="spin"``: :math:`s \\in \\{-1, +1\\}` (Ising spins, Carleo-Troyer hidden units);
- ``units="binary"``: :math:`x \\in \\{0, 1\\}` (Hinton's Boltzmann machines, Hashimoto's slide).

They are related by :math:`s = 2x - 1`.  Configuration number ``k`` has unit ``i`` equal to bit
``i`` of ``k`` (least significant bit first), so ``configurations(n)[k]`` lists the states in
the order used by every probability table of the package.

Examples
--------
>>> from mathml.statmech import configurations
>>> configurations(2, "spin").tolist()
[[-1, -1], [1, -1], [-1, 1], [1, 1]]
>>> configurations(2, "binary").tolist()
[[0, 0], [1, 0], [0, 1], [1, 1]]
"""

from __future__ import annotations

import math
from numbers import Integral, Real
from typing import Any, Iterator

import mpmath
import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from .errors import SizeLimitError

__all__ = [
    "UNITS",
    "MAX_ENUMERATION",
    "configurations",
    "config_chunks",
    "check_units",
    "logsumexp",
    "as_coupling",
    "is_exact",
    "common_kind",
    "to_mpf",
]

#: The accepted unit conventions.
UNITS = ("spin", "binary")
#: Largest number of units enumerated exhaustively (2**MAX_ENUMERATION states).
MAX_ENUMERATION = 26


def check_units(units: Any) -> str:
    """Validate a unit convention name.

    Examples
    --------
    >>> from mathml.statmech import check_units
    >>> check_units("spin")
    'spin'
    """
    if units not in UNITS:
        raise InvalidInputError(
            f"units must be 'spin' (values -1, +1) or 'binary' (values 0, 1), got {units!r}"
        )
    return units


def _check_n(n: Any, limit: int = MAX_ENUMERATION) -> int:
    if isinstance(n, bool) or not isinstance(n, Integral) or n < 0:
        raise InvalidInputError(f"the number of units must be a non-negative integer, got {n!r}")
    if n > limit:
        raise SizeLimitError(
            f"exact enumeration of {n} units (2**{n} states) is beyond the limit of {limit} units"
        )
    return int(n)


def configurations(n: int, units: str = "spin", *, start: int = 0, stop: int | None = None) -> np.ndarray:
    """All ``2**n`` configurations of ``n`` units (rows ``start:stop``) as an int8 array.

    Parameters
    ----------
    n : int
        Number of units, at most 26.
    units : {"spin", "binary"}
        Values -1/+1 or 0/1.
    start, stop : int
        Row range (for chunked enumeration).

    Returns
    -------
    numpy.ndarray
        Shape ``(stop - start, n)``, row ``k`` holds the bits of ``start + k``.

    Raises
    ------
    SizeLimitError
        For ``n > 26``.

    Examples
    --------
    >>> from mathml.statmech import configurations
    >>> configurations(3, "binary", start=5, stop=6).tolist()
    [[1, 0, 1]]
    """
    n = _check_n(n)
    check_units(units)
    stop = 2**n if stop is None else stop
    for name, val in (("start", start), ("stop", stop)):
        if isinstance(val, bool) or not isinstance(val, Integral):
            raise InvalidInputError(f"{name} must be an integer, got {val!r}")
    if not (0 <= start <= stop <= 2**n):
        raise InvalidInputError(f"need 0 <= start <= stop <= 2**n = {2**n}, got start={start}, stop={stop}")
    k = np.arange(start, stop, dtype=np.int64)
    bits = ((k[:, None] >> np.arange(n, dtype=np.int64)) & 1).astype(np.int8)
    return 2 * bits - 1 if units == "spin" else bits


def config_chunks(n: int, units: str = "spin", chunk: int = 2**16) -> Iterator[np.ndarray]:
    """Iterate over all configurations of ``n`` units in blocks of ``chunk`` rows.

    Examples
    --------
    >>> from mathml.statmech import config_chunks
    >>> [c.shape for c in config_chunks(3, chunk=5)]
    [(5, 3), (3, 3)]
    """
    n = _check_n(n)
    total = 2**n
    for start in range(0, total, chunk):
        yield configurations(n, units, start=start, stop=min(total, start + chunk))


def logsumexp(values: Any, axis: int | None = None) -> Any:
    """Numerically stable ``log(sum(exp(values)))`` in float64.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import logsumexp
    >>> round(float(logsumexp(np.array([1000.0, 1000.0]))), 12)   # 1000 + log 2, double precision
    1000.69314718056
    """
    try:
        a = np.asarray(values, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError("logsumexp needs a real numeric array") from exc
    if a.size == 0:
        raise InvalidInputError("logsumexp of an empty array (the log of an empty sum is -inf by convention)")
    m = np.max(a, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    out = np.log(np.sum(np.exp(a - m), axis=axis, keepdims=True)) + m
    return out.item() if axis is None else np.squeeze(out, axis=axis)


def _check_real(name: str, value: Any) -> float:
    """A finite real float (used by the float-only models)."""
    if isinstance(value, bool) or not isinstance(value, (Real, np.floating, np.integer)):
        raise InvalidInputError(f"{name} must be a real number, got {type(value).__name__}: {value!r}")
    v = float(value)
    if not math.isfinite(v):
        raise InvalidInputError(f"{name} must be finite, got {v}")
    return v


def _check_int(name: str, value: Any, lo: int = 1, hi: int | None = None) -> int:
    """An integer in ``[lo, hi]`` (bools, floats and strings refused)."""
    if isinstance(value, bool) or not isinstance(value, Integral) or value < lo or (hi is not None and value > hi):
        rng = f"[{lo}, {hi}]" if hi is not None else f">= {lo}"
        raise InvalidInputError(f"{name} must be an integer {rng}, got {value!r}")
    return int(value)


def _check_seed(seed: Any) -> int:
    """A non-negative integer seed for ``numpy.random.default_rng``."""
    return _check_int("seed", seed, 0)


def _check_cd_options(k: Any, lr: Any, epochs: Any, batch_size: Any, seed: Any) -> tuple[float, np.random.Generator]:
    """Contrastive-divergence hyper-parameters checked; returns ``(lr, rng)``."""
    for name, val in (("k", k), ("epochs", epochs), ("batch_size", batch_size)):
        _check_int(name, val)
    lr = _check_real("lr", lr)
    if lr <= 0:
        raise InvalidInputError(f"lr must be a positive learning rate, got {lr}")
    return lr, np.random.default_rng(_check_seed(seed))


def _check_samples(samples: Any, n: int, units: str) -> np.ndarray:
    """A non-empty ``(n_samples, n)`` float array whose entries are 0/1 (binary) or -1/+1 (spin)."""
    allowed = (0, 1) if units == "binary" else (-1, 1)
    data = np.asarray(samples)
    if data.ndim != 2 or data.shape[1] != n or len(data) == 0 or not np.all(np.isin(data, allowed)):
        raise InvalidInputError(
            f"samples must be a non-empty (n_samples, {n}) array with entries in {set(allowed)} "
            f"(units={units!r})"
        )
    return data.astype(float)


def _empirical_distribution(data: np.ndarray) -> np.ndarray:
    """Frequencies of the ``2**n`` configurations of the rows of ``data``, ordered as `configurations`."""
    n = data.shape[1]
    idx = ((data > 0).astype(np.int64) << np.arange(n)).sum(axis=1)
    return np.bincount(idx, minlength=2**n) / len(data)


def as_coupling(name: str, value: Any) -> Any:
    """Normalise a coupling: exact values become sympy, floats stay floats, mpmath stays mpmath.

    ``int``, `fractions.Fraction` and sympy expressions (numbers or symbols) are exact and
    returned as sympy objects; ``float`` and numpy floats are returned as ``float``; ``mpmath.mpf``
    is kept.  Strings, bools, NaN, infinities and complex numbers are refused.

    Examples
    --------
    >>> from fractions import Fraction
    >>> from mathml.statmech import as_coupling
    >>> as_coupling("K", Fraction(1, 2)), as_coupling("K", 0.25)
    (1/2, 0.25)
    """
    if isinstance(value, (str, bytes)):
        raise InvalidInputError(
            f"{name} must be a number or a sympy expression, not a string ({value!r}); "
            "parse strings with mathml.parse_expr first"
        )
    if isinstance(value, bool):
        raise InvalidInputError(f"{name} must be a number, got the bool {value}")
    if isinstance(value, mpmath.mpf):
        if not mpmath.isfinite(value):
            raise InvalidInputError(f"{name} must be finite, got {value}")
        return value
    if isinstance(value, (float, np.floating)):
        v = float(value)
        if not math.isfinite(v):
            raise InvalidInputError(f"{name} must be finite, got {v}")
        return v
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr):
            raise InvalidInputError(f"{name} must be a sympy expression, got {type(value).__name__}")
        if value.has(sp.Float):
            return float(value) if not value.free_symbols else value
        if not value.free_symbols:
            if value.is_real is False or value.has(sp.zoo, sp.nan, sp.oo, -sp.oo):
                raise InvalidInputError(f"{name} must be a finite real number, got {value}")
        return value
    if isinstance(value, (Integral, np.integer)):
        return sp.Integer(int(value))
    if isinstance(value, Real):  # Fraction and other exact rationals
        return sp.Rational(value.numerator, value.denominator)
    raise InvalidInputError(f"{name} must be a real number or a sympy expression, got {type(value).__name__}")


def is_exact(value: Any) -> bool:
    """True for sympy values (the exact branch of every model).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.statmech import is_exact
    >>> is_exact(sp.Rational(1, 3)), is_exact(0.3)
    (True, False)
    """
    return isinstance(value, sp.Basic)


def common_kind(*values: Any) -> tuple[Any, ...]:
    """Bring couplings to one kind: all sympy when all are exact (or one has free symbols), else numeric.

    A float among exact numbers turns them into floats (an mpf into mpf): floats are handled
    numerically, and exact results are only promised for exact input.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.statmech import common_kind
    >>> common_kind(0.5, sp.Integer(0))
    (0.5, 0.0)
    >>> common_kind(sp.Rational(1, 2), sp.Integer(0))
    (1/2, 0)
    """
    if all(is_exact(v) for v in values) or any(is_exact(v) and v.free_symbols for v in values):
        return tuple(sp.sympify(v) for v in values)
    if any(isinstance(v, mpmath.mpf) for v in values):
        return tuple(to_mpf(v) for v in values)
    return tuple(float(v) for v in values)


def to_mpf(value: Any) -> mpmath.mpf:
    """A real number (sympy exact, float, int, mpf) as an mpmath mpf at the current precision.

    Raises
    ------
    InvalidInputError
        For free symbols or non-real values.

    Examples
    --------
    >>> import sympy as sp, mpmath
    >>> from mathml.statmech import to_mpf
    >>> with mpmath.workdps(20):
    ...     print(to_mpf(sp.sqrt(2)))
    1.4142135623730950488
    """
    if isinstance(value, sp.Basic):
        if value.free_symbols:
            raise InvalidInputError(f"a numeric value is needed, got {value} with free symbols")
        num = sp.N(value, mpmath.mp.dps + 10)
        if not num.is_real:
            raise InvalidInputError(f"a real number is needed, got {value}")
        return mpmath.mpf(sp.Float(num, mpmath.mp.dps + 10)._mpf_)
    return mpmath.mpf(value)
