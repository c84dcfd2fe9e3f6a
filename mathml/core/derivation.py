"""Derivations (chains ``e0 = e1 = ...`` checked link by link) and theorems.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.derivation import Derivation
>>> x = sp.Symbol('x')
>>> d = Derivation("Square of cosh", sp.cosh(x)**2)
>>> _ = d.step(1 + sp.sinh(x)**2, "hyperbolic Pythagoras").step((sp.cosh(2*x) + 1)/2, "double angle")
>>> report = d.verify()
>>> report.status, [str(v.status) for v in report.verdicts]
(<Status.proved: 'proved'>, ['proved', 'proved'])
>>> print(d.latex())
\\begin{align*}
\\cosh^{2}{\\left(x \\right)} &= \\sinh^{2}{\\left(x \\right)} + 1 \\qquad\\text{(hyperbolic Pythagoras)}\\\\
&= \\frac{\\cosh{\\left(2 x \\right)}}{2} + \\frac{1}{2} \\qquad\\text{(double angle)}
\\end{align*}
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import sympy as sp

from .errors import InvalidInputError, TheoremError
from .latex import Notation, PaperPrinter, split_terms, text
from .verdict import Status, Verdict
from .inputs import as_sympy
from .verify import verify

__all__ = ["Step", "Derivation", "DerivationReport", "theorem", "TheoremInfo", "combine_status",
           "EXPECTATIONS"]

_RELATIONS = {"=": "=", "==": "="}
_SEVERITY = [Status.disproved, Status.unknown, Status.consistent, Status.proved]


def combine_status(statuses: Sequence[Status]) -> Status:
    """The weakest of several statuses (disproved < unknown < consistent < proved).

    Examples
    --------
    >>> combine_status([Status.proved, Status.consistent])
    <Status.consistent: 'consistent'>
    """
    statuses = [Status(s) for s in statuses]
    if not statuses:
        return Status.unknown
    return min(statuses, key=_SEVERITY.index)


@dataclass(frozen=True)
class Step:
    """One link of a derivation: ``relation expr`` justified by ``reason``."""

    expr: Any
    reason: str
    relation: str = "="
    functions: Mapping | None = None
    domain: Mapping | None = None


class Derivation:
    """An ordered chain ``expr0 = expr1 = ...`` whose links are verified one by one.

    Parameters
    ----------
    title : str
    start : sympy expression, optional
        The first expression; without it, the first `step` gives it.
    assumptions : sequence of str or sympy relations
        Stated in the rendered text (e.g. ``"g(0) = g(T) = 0"``).
    notation : Notation, optional
    """

    def __init__(self, title: str, start: Any = None, *, assumptions: Sequence[Any] = (),
                 notation: Notation | None = None):
        if not isinstance(title, str) or not title.strip():
            raise InvalidInputError("a Derivation needs a non-empty title string")
        if notation is not None and not isinstance(notation, Notation):
            raise InvalidInputError(f"notation must be a mathml Notation, got {type(notation).__name__}")
        if isinstance(assumptions, (str, sp.Basic)):
            assumptions = (assumptions,)
        self.title = title
        self.start = None if start is None else as_sympy(start, "start")
        self.assumptions = tuple(assumptions)
        self.notation = notation or Notation()
        self.steps: list[Step] = []

    def step(self, expr: Any, reason: str, *, relation: str = "=", functions: Mapping | None = None,
             domain: Mapping | None = None) -> "Derivation":
        """Append ``relation expr`` with its justification; returns self for chaining."""
        if relation not in _RELATIONS:
            raise InvalidInputError(f"relation {relation!r} is not supported; accepted: '='")
        if not isinstance(reason, str):
            raise InvalidInputError("reason must be a string")
        expr = as_sympy(expr, "step expression")
        if self.start is None:
            self.start = expr
            self._start_reason = reason
            return self
        self.steps.append(Step(expr, reason, _RELATIONS[relation], functions, domain))
        return self

    @property
    def conclusion(self) -> sp.Eq:
        """``Eq(start, last expression)``."""
        if self.start is None or not self.steps:
            raise InvalidInputError(f"derivation {self.title!r} has fewer than two expressions")
        last = self.steps[-1].expr
        if isinstance(self.start, sp.MatrixBase):
            return sp.Eq(self.start, last, evaluate=False)
        return sp.Eq(self.start, last, evaluate=False)

    def verify(self, **kwargs: Any) -> "DerivationReport":
        """Verify every link against the previous expression (keyword arguments go to `verify`)."""
        if self.start is None or not self.steps:
            raise InvalidInputError(f"derivation {self.title!r} needs a start and at least one step")
        verdicts = []
        previous = self.start
        for s in self.steps:
            options = dict(kwargs)
            if s.functions is not None:
                options["functions"] = {**(kwargs.get("functions") or {}), **s.functions}
            if s.domain is not None:
                options["domain"] = {**(kwargs.get("domain") or {}), **s.domain}
            verdicts.append(verify(previous, s.expr, **options))
            previous = s.expr
        return DerivationReport(self, tuple(verdicts))

    def latex(self, verdicts: Sequence[Verdict] | None = None) -> str:
        """One ``align*`` block: ``start &= e1 \\qquad\\text{(reason)} \\\\ &= e2 ...``."""
        if self.start is None:
            raise InvalidInputError(f"derivation {self.title!r} is empty")
        printer = PaperPrinter(self.notation)
        rows = []
        first = printer.doprint(self.start)
        for i, s in enumerate(self.steps):
            reason = s.reason
            tag = r" \qquad\text{(" + text(reason) + ")}" if reason else ""
            if verdicts is not None:
                v = verdicts[i]
                tag = r" \qquad\text{(" + (text(reason) + "; " if reason else "") + r"\textbf{" \
                    + v.status.value + "}: " + text(v.method) + ")}"
            lines = split_terms(s.expr, self.notation)
            head = (first + " " if i == 0 else "") + "&" + s.relation + " "
            body = (r" \\" + "\n" + r"&\quad ").join(lines)
            rows.append(head + body + tag)
        if not rows:
            rows.append(first)
        return "\\begin{align*}\n" + "\\\\\n".join(rows) + "\n\\end{align*}"

    def _repr_latex_(self) -> str:
        return "$\\displaystyle " + self.latex().replace("align*", "aligned") + "$"

    def __repr__(self) -> str:
        return f"Derivation({self.title!r}, {len(self.steps)} steps)"


@dataclass(frozen=True)
class DerivationReport:
    """The verdict of every link of a `Derivation`."""

    derivation: Derivation
    verdicts: tuple[Verdict, ...]

    @property
    def status(self) -> Status:
        return combine_status([v.status for v in self.verdicts])

    @property
    def holds(self) -> bool:
        return all(v.holds for v in self.verdicts)

    def latex(self) -> str:
        d = self.derivation
        parts = [r"\paragraph{" + text(d.title) + "}"]
        if d.assumptions:
            parts.append("Assume " + ", ".join(
                "$" + PaperPrinter(d.notation).doprint(a) + "$" if isinstance(a, sp.Basic) else text(str(a))
                for a in d.assumptions) + ".")
        parts.append(d.latex(self.verdicts))
        return "\n".join(parts)

    def _repr_latex_(self) -> str:
        """Every step with its verdict (status and method) next to its reason."""
        d = self.derivation
        return "$\\displaystyle " + d.latex(self.verdicts).replace("align*", "aligned") + "$"

    def __repr__(self) -> str:
        return f"DerivationReport({self.derivation.title!r}, {self.status.value}, {len(self.verdicts)} steps)"

    def __str__(self) -> str:
        lines = [f"{self.derivation.title}: {self.status.value}"]
        lines += [f"  step {i + 1} ({s.reason}): {v}" for i, (s, v) in
                  enumerate(zip(self.derivation.steps, self.verdicts))]
        return "\n".join(lines)


EXPECTATIONS = {
    "holds": (Status.proved, Status.consistent),
    "proved": (Status.proved,),
    "consistent": (Status.consistent, Status.proved),
    "disproved": (Status.disproved,),
}


@dataclass(frozen=True)
class TheoremInfo:
    """What `theorem` attaches to a function (as ``fn.__mathml_theorem__``)."""

    name: str
    tags: tuple[str, ...]
    expect: str
    function: Callable[[], Any] = field(compare=False)
    citation: str | None = None

    @property
    def statement(self) -> str:
        doc = (self.function.__doc__ or "").strip()
        return doc.split("\n\n")[0].strip() if doc else ""


def theorem(name: str, *, tags: Sequence[str] = (), expect: str = "holds", source: str | None = None):
    """Register a function as a theorem for ``mathml prove``.

    The function takes no arguments and returns a `Derivation`, a `Verdict`,
    a `DerivationReport` or a list of them.  ``expect="disproved"`` documents a
    refuted conjecture (e.g. a sign error in a source): the run succeeds when
    the refutation is confirmed.

    Parameters
    ----------
    name : str
        The title; for ``expect="disproved"`` it states the refuted conjecture.
    tags : sequence of str
    expect : {"holds", "proved", "consistent", "disproved"}
    source : str, optional
        Where the statement comes from, e.g. ``"arXiv:2010.00001, eq. (12)"`` or
        ``"seed talk, slide 14"``; kept as ``TheoremInfo.citation`` and listed in
        the bibliography of the ``mathml prove --latex`` document.

    Returns
    -------
    callable
        A decorator; the decorated function gets ``__mathml_theorem__``.

    Raises
    ------
    TheoremError
        For an empty name, an unknown ``expect`` or a non-string ``source``.

    Examples
    --------
    >>> import sympy as sp
    >>> @theorem("Pythagoras", tags=("trig",))
    ... def pythagoras():
    ...     x = sp.Symbol('x', real=True)
    ...     return Derivation("sin^2 + cos^2", sp.sin(x)**2 + sp.cos(x)**2).step(1, "Pythagoras")
    >>> pythagoras.__mathml_theorem__.expect
    'holds'
    >>> @theorem("Euler", source="L. Euler, Introductio (1748), ch. 8")
    ... def euler():
    ...     return Derivation("Euler", sp.exp(sp.I * sp.pi)).step(-1, "Euler's formula")
    >>> euler.__mathml_theorem__.citation
    'L. Euler, Introductio (1748), ch. 8'
    """
    if not isinstance(name, str) or not name.strip():
        raise TheoremError("theorem() needs a non-empty name")
    if expect not in EXPECTATIONS:
        raise TheoremError(f"expect={expect!r} is not accepted; use one of {sorted(EXPECTATIONS)}")
    if isinstance(tags, str):
        tags = (tags,)
    if source is not None and (not isinstance(source, str) or not source.strip()):
        raise TheoremError("source must be a non-empty string (e.g. 'arXiv:2010.00001, eq. 12'), "
                           f"got {source!r}")

    def decorate(fn: Callable[[], Any]) -> Callable[[], Any]:
        if not callable(fn):
            raise TheoremError("@theorem decorates a function")

        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(*args, **kwargs)

        wrapper.__mathml_theorem__ = TheoremInfo(name, tuple(tags), expect, fn, source)
        return wrapper

    return decorate
