"""PLACEHOLDER written by the lead so that `import mathml` works; helper-5 replaces this file."""
from .errors import ParseError

__all__ = ["parse_expr", "parse_relation"]


def parse_expr(text, **kwargs):
    raise ParseError("the safe parser is not available yet")


def parse_relation(text, **kwargs):
    raise ParseError("the safe parser is not available yet")
