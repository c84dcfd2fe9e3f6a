"""Hypothesis strategies for users' own property tests of identities.

All strategies produce exact objects (sympy Rationals, polynomials with rational
coefficients, test functions with rational coefficients), so no float creeps in.

Examples
--------
>>> import sympy as sp
>>> from hypothesis import given, settings
>>> x = sp.Symbol('x')
>>> @settings(max_examples=5, deadline=None)
... @given(p=polynomials(x, max_degree=3))
... def check(p):
...     assert sp.expand(p - p) == 0
>>> check()
"""
from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp
from hypothesis import strategies as st

from .core.errors import InvalidInputError
from .core.sampling import Sampler, smooth

__all__ = ["rationals", "nonzero_polynomials", "polynomials", "test_functions", "seeds"]


def rationals(low=-5, high=5, *, max_denominator: int = 64) -> st.SearchStrategy[sp.Rational]:
    """Exact sympy Rationals in ``[low, high]`` with bounded denominators.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=10, deadline=None, database=None)
    ... @given(r=rationals(1, 2))
    ... def check(r):
    ...     assert r.is_Rational and 1 <= r <= 2
    >>> check()
    """
    lo, hi = Fraction(sp.Rational(low).p, sp.Rational(low).q), Fraction(sp.Rational(high).p, sp.Rational(high).q)
    if not lo < hi:
        raise InvalidInputError(f"rationals() needs low < high, got {low}, {high}")
    if max_denominator < 1:
        raise InvalidInputError("max_denominator must be >= 1")
    return st.fractions(min_value=lo, max_value=hi, max_denominator=max_denominator).map(
        lambda f: sp.Rational(f.numerator, f.denominator))


def polynomials(var: sp.Symbol, *, max_degree: int = 4, coefficients=None) -> st.SearchStrategy[sp.Expr]:
    """Polynomials in ``var`` with exact rational coefficients (possibly zero)."""
    if not isinstance(var, sp.Symbol):
        raise InvalidInputError(f"polynomials() needs a sympy Symbol, got {var!r}")
    coefficients = coefficients if coefficients is not None else rationals(-4, 4, max_denominator=8)
    return st.lists(coefficients, min_size=1, max_size=max_degree + 1).map(
        lambda cs: sp.Add(*[c * var**k for k, c in enumerate(cs)]))


def nonzero_polynomials(var: sp.Symbol, *, max_degree: int = 4) -> st.SearchStrategy[sp.Expr]:
    """Polynomials that are not identically zero (built so, without filtering).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> x = sp.Symbol('x')
    >>> @settings(max_examples=10, deadline=None, database=None)
    ... @given(p=nonzero_polynomials(x, max_degree=3))
    ... def check(p):
    ...     assert sp.expand(p) != 0 and sp.degree(p, x) <= 3
    >>> check()
    """
    nonzero = rationals(-4, 4, max_denominator=8).filter(lambda r: r != 0)
    lead = st.integers(0, max_degree).flatmap(
        lambda d: st.tuples(st.just(d), nonzero, polynomials(var, max_degree=max(d - 1, 0))))
    return lead.map(lambda t: t[1] * var**t[0] + (t[2] if t[0] > 0 else 0))


def test_functions(var: sp.Symbol, sampler: Sampler | None = None) -> st.SearchStrategy[sp.Expr]:
    """Random smooth test functions of ``var`` (a sampler's draws, default ``smooth(3)``).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> t = sp.Symbol('t')
    >>> @settings(max_examples=5, deadline=None, database=None)
    ... @given(f=test_functions(t))
    ... def check(f):
    ...     assert f.free_symbols <= {t}
    >>> check()
    """
    sampler = sampler or smooth(3)
    if not isinstance(sampler, Sampler):
        raise InvalidInputError(f"test_functions() takes a mathml sampler, got {sampler!r}")
    return seeds().map(lambda s: sampler.draw(np.random.default_rng(s), var))


test_functions.__test__ = False  # not a pytest test despite its name


def seeds() -> st.SearchStrategy[int]:
    """Seeds for `mathml.verify` and the samplers."""
    return st.integers(0, 2**32 - 1)
