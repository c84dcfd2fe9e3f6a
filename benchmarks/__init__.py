"""Benchmarks: ``python -m benchmarks [AREA ...]`` prints medians and ratios.

Each area is a module ``benchmarks/<area>.py`` with a ``main()`` that prints its
table; baselines are measured in the same run.
"""
