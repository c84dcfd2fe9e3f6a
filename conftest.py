"""Test configuration for tests/, the doctests of mathml/ and docs/: hypothesis profiles.

Doctest namespaces are NOT pre-filled: every example imports what it uses, so it runs as shown
when pasted into a fresh REPL.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# sympy's first calls are slow (caches, lazy imports): no per-example deadline.
settings.register_profile("dev", max_examples=20, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=20, deadline=None, derandomize=True, database=None,
                          print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))
