r"""Dynamics and chaos: the logistic map to Feigenbaum, intermittency, symbolic dynamics, Lyapunov spectra.

Freedman's "ML, QML and Dynamics" (seed 000) reads deep nets as stretch-and-fold dynamics and
lists the logistic map, Feigenbaum's universality, Pomeau–Manneville intermittency, Li–Yorke,
the Smale horseshoe and the Gutzwiller trace formula.  This package computes them with stated
precision: high-precision values come from mpmath / python-flint with the digits stated,
counts are exact integers, and float64 Monte Carlo results carry statistical errors.

Conventions: ``f_r(x) = r x (1 - x)`` (the talk's ``-r x (x - 1)``); ``R_n`` superstable,
``r_n`` period-doubling parameters; ``delta``, ``alpha`` from ``g(x) = -alpha g(g(-x/alpha))``.

Examples
--------
>>> import mpmath
>>> from mathml.dynamics import feigenbaum, periodic_orbit_count
>>> mpmath.nstr(feigenbaum(20).delta, 20)
'4.6692016091029906719'
>>> periodic_orbit_count(5)
6
"""
from __future__ import annotations

from .certify import certify_least_period
from .cascade import bifurcation_point, onset_of_chaos, superstable, superstable_table
from .errors import ConvergenceError, EscapeError
from .universality import FeigenbaumConstants, feigenbaum
from .laminar import Intermittency, intermittency
from .logistic import LogisticMap
from .lyapunov import (
    LyapunovEstimate,
    LyapunovSpectrum,
    henon_lyapunov,
    logistic_lyapunov,
    lyapunov,
    random_product_lyapunov,
    stretch_and_fold_window,
)
from .symbolic import (
    Horseshoe,
    periodic_orbit_count,
    periodic_point_count,
    sharkovskii_key,
    sharkovskii_precedes,
)
from .trace import CatMap, PiecewiseLinearRepeller, cat_map, escape_rate, gutzwiller_amplitude
from .kneading import (
    TangentBifurcation,
    certify_superstable,
    kneading_less,
    kneading_words,
    tangent_bifurcation,
    windows,
)

__all__ = [
    "CatMap",
    "ConvergenceError",
    "EscapeError",
    "FeigenbaumConstants",
    "Horseshoe",
    "Intermittency",
    "LogisticMap",
    "LyapunovEstimate",
    "LyapunovSpectrum",
    "PiecewiseLinearRepeller",
    "TangentBifurcation",
    "bifurcation_point",
    "cat_map",
    "certify_least_period",
    "certify_superstable",
    "escape_rate",
    "feigenbaum",
    "gutzwiller_amplitude",
    "henon_lyapunov",
    "intermittency",
    "kneading_less",
    "kneading_words",
    "logistic_lyapunov",
    "lyapunov",
    "onset_of_chaos",
    "periodic_orbit_count",
    "periodic_point_count",
    "random_product_lyapunov",
    "sharkovskii_key",
    "sharkovskii_precedes",
    "stretch_and_fold_window",
    "superstable",
    "superstable_table",
    "tangent_bifurcation",
    "windows",
]
