"""The single source of the mathml version (pyproject reads it through hatch's version source)."""
__all__ = ["__version__"]

__version__ = "0.1.0"
