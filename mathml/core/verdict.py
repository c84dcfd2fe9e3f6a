"""Verdicts: the honest outcome of checking an identity.

A `Verdict` is never reduced to a bool silently: `holds` is True only for
`Status.proved` and `Status.consistent`, and `status` says which.

Examples
--------
>>> from mathml.core.verdict import Status, Verdict
>>> v = Verdict(Status.consistent, method="mpmath 30 digits, 24 points", max_error=0.0,
...             digits=30, points=24, seed=0)
>>> v.holds, str(v.status)
(True, 'consistent')
"""
from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Mapping

__all__ = ["Status", "Verdict"]


class Status(str, enum.Enum):
    """The four possible outcomes of a check.

    - ``proved``: a symbolic procedure reduced lhs - rhs to zero exactly;
    - ``disproved``: a counterexample confirmed at a second, higher precision
      (or by an Arb ball that excludes 0);
    - ``consistent``: agreement to the requested digits at every sampled point;
    - ``unknown``: could not decide.
    """

    proved = "proved"
    disproved = "disproved"
    consistent = "consistent"
    unknown = "unknown"

    def __str__(self) -> str:
        return self.value


_LATEX_STATUS = {
    Status.proved: r"\textbf{proved}",
    Status.disproved: r"\textbf{disproved}",
    Status.consistent: r"\textbf{consistent}",
    Status.unknown: r"\textbf{unknown}",
}


@dataclass(frozen=True)
class Verdict:
    """The outcome of `mathml.verify` with its evidence.

    Attributes
    ----------
    status : Status
    method : str
        Short description, e.g. ``"symbolic: cancel"`` or ``"mpmath 30 digits, 24 points"``.
    max_error : float or None
        Largest |lhs - rhs| seen (None if nothing was evaluated).
    digits : float or None
        Agreeing significant digits at the worst point (None if not evaluated).
    points : int
        Number of sample points evaluated.
    counterexample : dict or None
        Symbol values and test functions of the refuting point (disproved only).
    seed : int
    elapsed : float
        Wall-clock seconds.
    note : str
        Free text: why the ladder stopped, what a value was.
    lhs, rhs : optional
        The statement that was checked (what a document displays), or None.
    """

    status: Status
    method: str = ""
    max_error: float | None = None
    digits: float | None = None
    points: int = 0
    counterexample: Mapping[str, Any] | None = None
    seed: int | None = None
    elapsed: float = 0.0
    note: str = field(default="", compare=False)
    lhs: Any = field(default=None, compare=False, repr=False)
    rhs: Any = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", Status(self.status))

    @property
    def holds(self) -> bool:
        """True for ``proved`` and ``consistent``."""
        return self.status in (Status.proved, Status.consistent)

    def __bool__(self) -> bool:
        raise TypeError(
            "a Verdict has no truth value: use verdict.holds, or compare verdict.status "
            "with Status.proved / Status.consistent"
        )

    def __str__(self) -> str:
        parts = [f"{self.status.value} ({self.method})"]
        if self.max_error is not None:
            parts.append(f"max |lhs-rhs| = {self.max_error:.3g}")
        if self.digits is not None:
            parts.append(f"{self.digits:.1f} digits")
        if self.counterexample:
            ce = ", ".join(f"{k} = {_short(v)}" for k, v in self.counterexample.items())
            parts.append(f"counterexample: {ce}")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)

    def latex(self) -> str:
        """A one-line LaTeX summary (text mode)."""
        text = _LATEX_STATUS[self.status] + " (" + _tex_escape(self.method) + ")"
        if self.counterexample:
            ce = ", ".join(
                f"${_tex_symbol(k)} = {_short_latex(v)}$" for k, v in self.counterexample.items()
            )
            text += "; counterexample: " + ce
        return text

    def _repr_latex_(self) -> str:
        return r"$\text{" + self.latex().replace("$", "") + "}$"


def _short(value: Any) -> str:
    s = str(value)
    return s if len(s) <= 60 else s[:57] + "..."


def _short_latex(value: Any) -> str:
    import sympy as sp

    if isinstance(value, sp.Basic):
        s = sp.latex(value)
        return s if len(s) <= 160 else r"\ldots"
    return r"\text{" + _tex_escape(_short(value)) + "}"


def _tex_symbol(name: str) -> str:
    import sympy as sp

    return sp.latex(sp.Symbol(str(name)))


_TEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
    "_": r"\_", "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}


def _tex_escape(text: str) -> str:
    return "".join(_TEX_SPECIALS.get(c, c) for c in str(text))
