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
import re
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

    def __repr__(self) -> str:
        return f"Verdict({self.status.value}, {self.method or 'no method'}, {_duration(self.elapsed)})"

    def __str__(self) -> str:
        parts = [f"{self.status.value} ({self.method})"]
        if self.max_error is not None:
            parts.append(f"max |lhs-rhs| = {self.max_error:.3g}")
        if self.digits is not None:
            parts.append(f"{self.digits:.1f} digits")
        if self.counterexample:
            ce = ", ".join(f"{_readable_key(k)} = {_short(_readable(v))}"
                           for k, v in self.counterexample.items())
            parts.append(f"counterexample: {ce}")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)

    def counterexample_latex(self, limit: int = 160) -> list[str]:
        """The counterexample as math-mode strings ``name = value`` (readable names, no dummies).

        Values whose LaTeX is longer than ``limit`` characters are shown as ``\\ldots``.
        """
        return [f"{_key_latex(k)} = {_short_latex(_readable(v), limit)}"
                for k, v in (self.counterexample or {}).items()]

    def latex(self) -> str:
        """A one-line LaTeX summary (text mode)."""
        from .texsafe import escape_text

        text = _LATEX_STATUS[self.status] + " (" + escape_text(self.method) + ")"
        ce = self.counterexample_latex()
        if ce:
            text += "; counterexample: " + ", ".join(f"${c}$" for c in ce)
        return text

    def _repr_latex_(self) -> str:
        from .texsafe import escape_text

        head = ""
        if self.lhs is not None and self.rhs is not None:
            from .latex import latex as _latex

            try:
                head = _latex(self.lhs) + " = " + _latex(self.rhs) + r" \qquad "
            except Exception:  # noqa: BLE001 - a display is never worth an exception
                head = ""
        body = r"\text{" + _LATEX_STATUS[self.status] + " (" + escape_text(self.method) + r")}"
        ce = self.counterexample_latex()
        if ce:
            body += r"\text{; counterexample: }" + r",\ ".join(ce)
        return "$\\displaystyle " + head + body + "$"


def _duration(seconds: float) -> str:
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


_DUMMY = re.compile(r"\b_x(\d+)\b")


def _dummy_name(match: re.Match) -> str:
    i = int(match.group(1))
    return "s" if i == 0 else f"s{i}"


def _readable_key(key: Any) -> str:
    return _DUMMY.sub(_dummy_name, str(key))


def _readable(value: Any) -> Any:
    """Replace the samplers' dummy variables ``_x0, _x1`` by ``s, s1``."""
    import sympy as sp

    if isinstance(value, sp.Basic):
        subs = {d: sp.Symbol(_dummy_name(_DUMMY.match("_" + d.name)), **d.assumptions0)
                for d in value.free_symbols if isinstance(d, sp.Dummy) and _DUMMY.fullmatch("_" + d.name)}
        return value.xreplace(subs) if subs else value
    return value


def _key_latex(key: Any) -> str:
    import sympy as sp

    name = _readable_key(key)
    m = re.fullmatch(r"([A-Za-z]\w*)\(([^()]*)\)", name)
    if m:  # a test function f(s, t)
        args = [a.strip() for a in m.group(2).split(",")]
        if all(a.isidentifier() for a in args):
            from .latex import latex as _latex

            return _latex(sp.Function(m.group(1))(*[sp.Symbol(a) for a in args]))
    if name.isidentifier():
        return sp.latex(sp.Symbol(name))
    from .texsafe import escape_text

    return r"\text{" + escape_text(name) + "}"


def _short(value: Any) -> str:
    try:
        s = str(value)
    except ValueError:  # an integer beyond Python's int-to-str digit limit
        return f"<a number of about {int(value).bit_length() * 0.30103:.0f} digits>" \
            if hasattr(value, "__int__") else "<too large to print>"
    return s if len(s) <= 60 else s[:57] + "..."


def _short_latex(value: Any, limit: int = 160) -> str:
    import sympy as sp

    if isinstance(value, sp.Basic):
        from .latex import latex as _latex

        s = _latex(value)
        return s if len(s) <= limit else r"\ldots"
    from .texsafe import escape_text

    return r"\text{" + escape_text(_short(value)) + "}"



