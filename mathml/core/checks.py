"""One verdict policy: turn a computed quantity into a `Verdict`.

Families and theorems never build ``Verdict(...)`` by hand.  They call one of
these helpers, which share one tolerance policy (`agree`):

- `check_exact`: exact values (int, Fraction, sympy Rational/algebraic numbers,
  exact matrices, python-flint fmpz/fmpq and their matrices).  Equal is
  ``proved``, different is ``disproved`` (exact arithmetic needs no second
  precision).  Floats are refused: use `check_close`.
- `check_close`: a numeric value against an expected one at stated digits.
  Agreement is ``consistent`` (never ``proved``).  A mismatch is ``disproved``
  only when it is confirmed: by ``recompute`` (the same quantity at higher
  precision, still off), by an Arb ball that excludes the expected value, or by
  a rigorous ``error_bound`` on the computed value.  Otherwise ``unknown``.
- `compare_routes`: two independent numeric routes to the same quantity.
  Agreement is ``consistent``; disagreement is ``unknown`` (one of them is
  wrong, and we cannot tell which).
- `check_predicate`: a yes/no fact computed by the caller, with a flag saying
  whether the computation was exact.

The tolerance policy: ``a`` and ``b`` agree to ``digits`` when
``|a - b| <= 10**(-digits) * max(1, |a|, |b|)`` (relative for magnitudes above 1,
absolute below).  It is the single definition used across mathml.

Examples
--------
>>> import sympy as sp
>>> from fractions import Fraction
>>> from mathml.core.checks import check_exact, check_close, compare_routes
>>> check_exact(sp.Rational(1, 3) + sp.Rational(1, 6), Fraction(1, 2)).status
<Status.proved: 'proved'>
>>> check_exact(sp.Integer(27), 28, what="ReLU parameter rank").status
<Status.disproved: 'disproved'>
>>> import mpmath
>>> with mpmath.workdps(40):
...     v = check_close(mpmath.sqrt(2)**2, 2, digits=30)
>>> v.status, v.method
(<Status.consistent: 'consistent'>, 'numeric, agrees to 30 digits')
>>> compare_routes(1.0, 1.0 + 1e-3, digits=10).status
<Status.unknown: 'unknown'>
"""
from __future__ import annotations

import math
import time
from fractions import Fraction
from numbers import Integral, Rational as _RationalABC
from typing import Any, Callable

import mpmath
import sympy as sp

from .errors import InvalidInputError
from .verdict import Status, Verdict

__all__ = [
    "agree",
    "agreeing_digits",
    "tolerance",
    "check_exact",
    "check_close",
    "compare_routes",
    "check_predicate",
    "EXACT_METHOD_PREFIXES",
    "is_exact_method",
]

#: Method texts that mark a ``proved`` verdict as coming from exact computation.
EXACT_METHOD_PREFIXES = ("symbolic", "exact", "arb", "induction")


def is_exact_method(method: str) -> bool:
    """True when a verdict's ``method`` names an exact (or rigorous ball) computation.

    >>> is_exact_method("exact rational arithmetic"), is_exact_method("float64 SVD")
    (True, False)
    """
    return str(method).strip().lower().startswith(EXACT_METHOD_PREFIXES)


def tolerance(digits: float, *values: Any) -> mpmath.mpf:
    """The absolute tolerance ``10**(-digits) * max(1, |v| for v in values)``.

    >>> float(tolerance(3, 250.0))
    0.25
    """
    _check_digits(digits)
    scale = max([mpmath.mpf(1)] + [abs(mpmath.mpmathify(_to_mp(v))) for v in values])
    return mpmath.mpf(10) ** (-mpmath.mpf(digits)) * scale


def agree(a: Any, b: Any, digits: float) -> bool:
    """The one agreement test of mathml (see the module docstring).

    >>> agree(1.0, 1.0 + 1e-12, 10), agree(1.0, 1.001, 10)
    (True, False)
    """
    a_mp, b_mp = _to_mp(a), _to_mp(b)
    return bool(abs(a_mp - b_mp) <= tolerance(digits, a_mp, b_mp))


def agreeing_digits(a: Any, b: Any) -> float:
    """Agreeing significant digits, ``-log10(|a - b| / max(1, |a|, |b|))`` (inf when equal).

    >>> round(agreeing_digits(2.0, 2.0 + 2e-8), 1)
    8.0
    """
    a_mp, b_mp = _to_mp(a), _to_mp(b)
    err = abs(a_mp - b_mp)
    if err == 0:
        return math.inf
    scale = max(mpmath.mpf(1), abs(a_mp), abs(b_mp))
    return float(-mpmath.log10(err / scale))


def check_exact(computed: Any, expected: Any, *, what: str = "", method: str = "exact arithmetic",
                lhs: Any = None, rhs: Any = None) -> Verdict:
    """Compare two exact values: ``proved`` when equal, ``disproved`` when not.

    Parameters
    ----------
    computed, expected : exact value
        int, `fractions.Fraction`, sympy numbers and exact expressions without free
        symbols, sympy matrices of those, numpy integer arrays, python-flint
        ``fmpz``/``fmpq``/``fmpz_mat``/``fmpq_mat``.
    what : str
        What the value is (goes into the verdict's note), e.g. ``"parameter rank"``.
    method : str
        How ``computed`` was obtained; must describe an exact computation
        (it is prefixed with ``"exact: "`` unless it already says so).
    lhs, rhs : optional
        What to display for the statement (default: the two values).

    Raises
    ------
    InvalidInputError
        For floating-point input (use `check_close`) or values with free symbols
        (use `mathml.verify`).

    Examples
    --------
    >>> import sympy as sp
    >>> check_exact(sp.Matrix([[1, 2]]), sp.Matrix([[1, 2]])).method
    'exact arithmetic'
    >>> check_exact(0.5, sp.Rational(1, 2))
    Traceback (most recent call last):
    ...
    mathml.core.errors.InvalidInputError: check_exact got a floating-point value (0.5): exact checks accept int, Fraction, sympy exact numbers/matrices and python-flint exact types; use check_close for floats
    """
    start = time.perf_counter()
    a, b = _to_exact(computed), _to_exact(expected)
    if not is_exact_method(method):
        method = "exact: " + method
    if isinstance(a, sp.MatrixBase) != isinstance(b, sp.MatrixBase):
        raise InvalidInputError(f"check_exact: cannot compare a matrix with a scalar ({what or 'value'})")
    if isinstance(a, sp.MatrixBase):
        if a.shape != b.shape:
            return _verdict(Status.disproved, method, start, what,
                            f"shapes differ: {a.shape} against {b.shape}", lhs if lhs is not None else a,
                            rhs if rhs is not None else b)
        diffs = list(a - b)
    else:
        diffs = [a - b]
    zero = [_exact_is_zero(d) for d in diffs]
    if all(z is True for z in zero):
        return _verdict(Status.proved, method, start, what, "", lhs if lhs is not None else a,
                        rhs if rhs is not None else b, max_error=0.0)
    if any(z is False for z in zero):
        bad = next(i for i, z in enumerate(zero) if z is False)
        note = f"differs by {sp.sstr(diffs[bad])[:80]}" + (f" (entry {bad})" if len(diffs) > 1 else "")
        return _verdict(Status.disproved, method, start, what, note, lhs if lhs is not None else a,
                        rhs if rhs is not None else b)
    from .verify import verify  # an exact constant sympy could not decide: the ladder decides

    verdict = verify(a, b)
    return _replace(verdict, note=_join(what, verdict.note))


def check_close(computed: Any, expected: Any, *, digits: float, what: str = "",
                method: str = "numeric", recompute: Callable[[], Any] | None = None,
                error_bound: Any = None, lhs: Any = None, rhs: Any = None) -> Verdict:
    """Compare a numeric value with an expected one at ``digits`` (the policy of `agree`).

    Parameters
    ----------
    computed : number, mpmath number, numpy scalar, or python-flint arb/acb ball
    expected : number or exact sympy number
    digits : float
        Digits of agreement asked for.
    recompute : callable, optional
        Returns the same quantity computed at higher precision (for example
        ``lambda: f(dps=2 * dps)``).  A mismatch that survives it is ``disproved``.
    error_bound : number, optional
        A rigorous bound on ``|computed - true value|``.  A mismatch larger than the
        bound (plus the tolerance) is ``disproved``.
    what, method : str
        What the value is and how it was computed (e.g. ``"float64 QR, 10^5 steps"``).

    Returns
    -------
    Verdict
        ``consistent`` on agreement; ``disproved`` on a confirmed mismatch; else ``unknown``.

    Examples
    --------
    >>> import mpmath
    >>> with mpmath.workdps(30):
    ...     v = check_close(mpmath.e, 2.718, digits=20, recompute=lambda: +mpmath.e)
    >>> v.status
    <Status.disproved: 'disproved'>
    """
    start = time.perf_counter()
    _check_digits(digits)
    lhs_d = lhs if lhs is not None else computed
    rhs_d = rhs if rhs is not None else expected
    try:
        from flint import acb, arb
    except ImportError:  # pragma: no cover - python-flint is a core dependency
        arb = acb = ()
    e_mp = _to_mp(expected)
    if arb and isinstance(computed, (arb, acb)):
        bits = mpmath.mp.prec
        diff = computed - _to_flint(expected, type(computed))
        mid = _to_mp(computed.mid() if hasattr(computed, "mid") else computed)
        err = abs(mid - e_mp)
        tol = tolerance(digits, mid, e_mp)
        radius = _to_mp(diff.rad()) if isinstance(diff, arb) else _to_mp(abs(diff).rad())
        if err + radius <= tol:
            return _verdict(Status.consistent, f"{method}, arb ball within {digits:g} digits", start,
                            what, "", lhs_d, rhs_d, max_error=float(err), digits=_digits(mid, e_mp))
        if not diff.contains(0) and err > tol:
            return _verdict(Status.disproved, f"{method}, arb ball excludes the expected value", start,
                            what, f"differs by {mpmath.nstr(err, 6)} (ball radius {mpmath.nstr(radius, 3)})",
                            lhs_d, rhs_d, max_error=float(err), digits=_digits(mid, e_mp))
        del bits
        return _verdict(Status.unknown, f"{method}, arb ball too wide to decide", start, what,
                        f"radius {mpmath.nstr(radius, 3)}", lhs_d, rhs_d, max_error=float(err))
    c_mp = _to_mp(computed)
    err = abs(c_mp - e_mp)
    if _finite(c_mp) and agree(c_mp, e_mp, digits):
        return _verdict(Status.consistent, f"{method}, agrees to {digits:g} digits", start, what, "",
                        lhs_d, rhs_d, max_error=float(err), digits=_digits(c_mp, e_mp))
    if not _finite(c_mp):
        return _verdict(Status.unknown, f"{method}, computed value is not finite", start, what,
                        f"computed {c_mp}", lhs_d, rhs_d)
    note = f"differs by {mpmath.nstr(err, 6)}"
    if error_bound is not None:
        bound = abs(_to_mp(error_bound))
        if err > bound + tolerance(digits, c_mp, e_mp):
            return _verdict(Status.disproved, f"{method}, outside its rigorous error bound "
                            f"{mpmath.nstr(bound, 3)}", start, what, note, lhs_d, rhs_d,
                            max_error=float(err), digits=_digits(c_mp, e_mp))
    if recompute is not None:
        again = _to_mp(recompute())
        err2 = abs(again - e_mp)
        stable = _finite(again) and not agree(again, e_mp, digits) and agree(again, c_mp, max(2, digits / 2))
        if stable:
            return _verdict(Status.disproved, f"{method}, confirmed by recomputation", start, what,
                            note + f"; recomputed difference {mpmath.nstr(err2, 6)}", lhs_d, rhs_d,
                            max_error=float(err), digits=_digits(c_mp, e_mp))
        return _verdict(Status.unknown, f"{method}, recomputation did not confirm the mismatch", start,
                        what, note + f"; recomputed difference {mpmath.nstr(err2, 6)}", lhs_d, rhs_d,
                        max_error=float(err))
    return _verdict(Status.unknown, f"{method}, mismatch not confirmed", start, what,
                    note + " (pass recompute= or error_bound= to confirm a disproof)", lhs_d, rhs_d,
                    max_error=float(err), digits=_digits(c_mp, e_mp))


def compare_routes(route_a: Any, route_b: Any, *, digits: float, what: str = "",
                   names: tuple[str, str] = ("route A", "route B")) -> Verdict:
    """Two independent numeric computations of one quantity: agreement is ``consistent``.

    Disagreement is ``unknown``: the routes contradict each other, so neither a proof
    nor a confirmed counterexample exists.

    Examples
    --------
    >>> compare_routes(0.5, 0.5 + 1e-14, digits=12, names=("quadrature", "ODE")).method
    'quadrature vs ODE, agree to 12 digits'
    """
    start = time.perf_counter()
    _check_digits(digits)
    a, b = _to_mp(route_a), _to_mp(route_b)
    err = abs(a - b)
    label = f"{names[0]} vs {names[1]}"
    if _finite(a) and _finite(b) and agree(a, b, digits):
        return _verdict(Status.consistent, f"{label}, agree to {digits:g} digits", start, what, "",
                        route_a, route_b, max_error=float(err), digits=_digits(a, b))
    return _verdict(Status.unknown, f"{label}, disagree", start, what,
                    f"differ by {mpmath.nstr(err, 6)}", route_a, route_b, max_error=float(err))


def check_predicate(holds: bool, *, exact: bool, what: str, method: str,
                    confirmed: bool = False, lhs: Any = None, rhs: Any = None) -> Verdict:
    """A yes/no fact computed by the caller.

    ``exact=True`` (exact arithmetic, a finite enumeration): ``proved`` / ``disproved``.
    ``exact=False`` (floating point): ``consistent`` when it holds; when it fails,
    ``disproved`` only with ``confirmed=True`` (the caller re-checked at higher
    precision), else ``unknown``.

    Examples
    --------
    >>> check_predicate(True, exact=True, what="r_1 < R_1", method="exact comparison").status
    <Status.proved: 'proved'>
    >>> check_predicate(False, exact=False, what="spectral gap > 0", method="float64 eigvalsh").status
    <Status.unknown: 'unknown'>
    """
    start = time.perf_counter()
    if not isinstance(holds, (bool, )) and not hasattr(holds, "__bool__"):
        raise InvalidInputError(f"check_predicate needs a bool, got {type(holds).__name__}")
    holds = bool(holds)
    if exact:
        if not is_exact_method(method):
            method = "exact: " + method
        status = Status.proved if holds else Status.disproved
    elif holds:
        status = Status.consistent
    else:
        status = Status.disproved if confirmed else Status.unknown
    return _verdict(status, method, start, what, "", lhs, rhs)


# ---------------------------------------------------------------- internals

def _check_digits(digits: Any) -> None:
    if isinstance(digits, bool) or not isinstance(digits, (int, float)) or not (0 < digits < 10**5):
        raise InvalidInputError(f"digits must be a positive number below 100000, got {digits!r}")


def _finite(x: Any) -> bool:
    return bool(mpmath.isfinite(x)) if not isinstance(x, mpmath.mpc) else bool(
        mpmath.isfinite(x.real) and mpmath.isfinite(x.imag))


def _digits(a: Any, b: Any) -> float:
    d = agreeing_digits(a, b)
    return round(d, 1) if math.isfinite(d) else float(mpmath.mp.dps)


def _to_mp(value: Any) -> Any:
    """Any number (python, numpy, sympy, flint, mpmath) as an mpmath mpf/mpc."""
    if isinstance(value, (mpmath.mpf, mpmath.mpc)):
        return value
    if isinstance(value, bool):
        raise InvalidInputError("a bool is not a number; pass 0/1 explicitly")
    if isinstance(value, (int, float, complex)):
        return mpmath.mpmathify(value)
    if isinstance(value, Fraction):
        return mpmath.mpf(value.numerator) / value.denominator
    if isinstance(value, sp.Basic):
        if value.free_symbols:
            raise InvalidInputError(f"expected a number, got an expression with free symbols: {value}")
        n = value.evalf(mpmath.mp.dps + 5)
        re, im = n.as_real_imag()
        if im == 0:
            return mpmath.mpf(sp.Float(re, mpmath.mp.dps + 5)._mpf_) if re.is_Number else mpmath.mpf(str(re))
        return mpmath.mpc(mpmath.mpf(str(re)), mpmath.mpf(str(im)))
    try:
        import numpy as np

        if isinstance(value, np.generic):
            return mpmath.mpmathify(value.item())
    except ImportError:  # pragma: no cover
        pass
    mod = type(value).__module__ or ""
    if mod.startswith("flint"):
        name = type(value).__name__
        if name in ("fmpz", "fmpq"):
            return mpmath.mpf(int(value.p if name == "fmpq" else value)) / (int(value.q) if name == "fmpq" else 1)
        if name == "arb":
            return mpmath.mpf(value.mid().str(radius=False, more=True, n=mpmath.mp.dps + 5))
        if name == "acb":
            return mpmath.mpc(_to_mp(value.real), _to_mp(value.imag))
    try:
        return mpmath.mpmathify(value)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"expected a number, got {type(value).__name__}: {value!r}") from exc


def _to_flint(value: Any, kind: type) -> Any:
    v = _to_mp(value)
    if isinstance(v, mpmath.mpc):
        from flint import acb

        return acb(mpmath.nstr(v.real, mpmath.mp.dps + 5), mpmath.nstr(v.imag, mpmath.mp.dps + 5))
    return kind(mpmath.nstr(v, mpmath.mp.dps + 5))


_FLOAT_TYPES = (float, complex)


def _to_exact(value: Any) -> Any:
    if isinstance(value, bool):
        raise InvalidInputError("check_exact got a bool; pass an integer")
    if isinstance(value, _FLOAT_TYPES) or _is_float_like(value):
        raise InvalidInputError(
            f"check_exact got a floating-point value ({value!r}): exact checks accept int, Fraction, "
            "sympy exact numbers/matrices and python-flint exact types; use check_close for floats")
    if isinstance(value, Integral):
        return sp.Integer(int(value))
    if isinstance(value, (Fraction, _RationalABC)) and not isinstance(value, sp.Basic):
        return sp.Rational(int(value.numerator), int(value.denominator))
    mod = type(value).__module__ or ""
    if mod.startswith("flint"):
        name = type(value).__name__
        if name == "fmpz":
            return sp.Integer(int(value))
        if name == "fmpq":
            return sp.Rational(int(value.p), int(value.q))
        if name in ("fmpz_mat", "fmpq_mat"):
            return sp.Matrix(value.nrows(), value.ncols(),
                             [_to_exact(value[i, j]) for i in range(value.nrows()) for j in range(value.ncols())])
        raise InvalidInputError(f"check_exact: {name} is not an exact type (arb/acb are balls: use check_close)")
    try:
        import numpy as np

        if isinstance(value, np.ndarray):
            if value.dtype.kind not in "iu" and value.dtype != object:
                raise InvalidInputError(
                    f"check_exact got a numpy array of dtype {value.dtype}: only integer (or object arrays of "
                    "exact numbers) are exact; use check_close for floats")
            return sp.Matrix(value.tolist()).applyfunc(_to_exact) if value.ndim == 2 else sp.Matrix(
                [_to_exact(v) for v in value.ravel().tolist()])
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, sp.MatrixBase):
        return sp.Matrix(value).applyfunc(_to_exact)
    if isinstance(value, sp.Basic):
        if value.free_symbols:
            raise InvalidInputError(
                f"check_exact compares values; {value} has free symbols {sorted(map(str, value.free_symbols))}: "
                "use mathml.verify for identities")
        if value.has(sp.Float):
            raise InvalidInputError(
                f"check_exact got a value containing a Float ({value}): use check_close for floating point")
        return value
    raise InvalidInputError(f"check_exact cannot compare a {type(value).__name__}: accepted are int, "
                            "Fraction, sympy exact numbers and matrices, python-flint fmpz/fmpq(_mat)")


def _is_float_like(value: Any) -> bool:
    if isinstance(value, (mpmath.mpf, mpmath.mpc, sp.Float)):
        return True
    try:
        import numpy as np

        return isinstance(value, np.floating) or isinstance(value, np.complexfloating)
    except ImportError:  # pragma: no cover
        return False


def _exact_is_zero(d: Any) -> bool | None:
    if d.is_Rational:
        return bool(d == 0)
    z = d.is_zero
    if z is not None:
        return bool(z)
    simplified = sp.nsimplify(d) if not d.has(sp.Function) else d
    return None if simplified.is_zero is None else bool(simplified.is_zero)


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)


def _verdict(status: Status, method: str, start: float, what: str, note: str, lhs: Any, rhs: Any,
             **kw: Any) -> Verdict:
    return Verdict(status, method=method, elapsed=time.perf_counter() - start, note=_join(what, note),
                   lhs=lhs, rhs=rhs, **kw)


def _replace(verdict: Verdict, **changes: Any) -> Verdict:
    import dataclasses

    return dataclasses.replace(verdict, **changes)
