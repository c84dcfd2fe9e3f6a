"""The theorem catalogue as a document a physicist could publish (``mathml prove --latex``).

Each theorem shows the statement it checked as displayed mathematics (the
Verdict's ``lhs``/``rhs`` or the Derivation's chain), long expressions broken
at top-level sums and, only if a single piece is still wider than the line,
scaled to the line width (``\\mmfit``), so that no line is overfull.  The
document has a title page, a table of contents, one section per theorem file
(family), the ``@theorem(..., source=...)`` citations as a bibliography,
verdict and method as a compact tag under each step, and timings only in an
appendix table.  Every piece of text goes through `mathml.core.texsafe`.

Examples
--------
>>> import sympy as sp
>>> import mathml as mm
>>> from mathml.core.catalogue import item_latex
>>> x = sp.Symbol('x')
>>> print(item_latex(mm.verify((x + 1)**2, x**2 + 2*x + 1)))
\\mmfit{\\left(x + 1\\right)^{2} = x^{2} + 2 x + 1}
\\mmtag{proved}{symbolic: ...}
"""
from __future__ import annotations

import ast
import dataclasses
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Sequence

import sympy as sp

from .derivation import Derivation, DerivationReport
from .latex import Notation, PaperPrinter, document, split_terms
from .texsafe import escape_text, prose
from .verdict import Status, Verdict

__all__ = ["item_latex", "statement_latex", "catalogue_document", "CATALOGUE_PREAMBLE"]

_MAX_ENTRIES = 100  # matrices with more entries are described, not displayed
_WIDTH = 58  # glyphs per displayed line before a sum is broken (11pt, 2.2 cm margins)

#: Macros the catalogue uses (added to `mathml.core.latex.document`'s preamble).
CATALOGUE_PREAMBLE = r"""\newcommand{\mmtag}[2]{\par{\raggedleft\small
  \textsc{#1}\ensuremath{\,\cdot\,}\textit{#2}\par}}
\newcommand{\mmnote}[1]{\par{\small #1\par}}
"""


def _math(value: Any, printer: PaperPrinter) -> str:
    shape = getattr(value, "shape", ())
    if isinstance(shape, tuple) and len(shape) == 2 and shape[0] * shape[1] > _MAX_ENTRIES:
        return r"\text{(a $%d \times %d$ matrix, too large to display)}" % shape
    if isinstance(value, (sp.Basic, sp.MatrixBase)):
        return printer.doprint(value)
    if type(value).__module__ == "numpy" and getattr(value, "ndim", 3) <= 2 and value.size <= 400:
        return printer.doprint(sp.Matrix(value.tolist()) if value.ndim else sp.sympify(value.item()))
    if isinstance(value, (bool, str)):
        return r"\text{" + escape_text(str(value)) + "}"
    if isinstance(value, (int, float)):
        return printer.doprint(sp.sympify(value))
    try:
        import mpmath

        if isinstance(value, (mpmath.mpf, mpmath.mpc)):
            return printer.doprint(sp.sympify(mpmath.nstr(value, 20)))
    except Exception:  # noqa: BLE001
        pass
    text = str(value)
    return r"\text{" + escape_text(text if len(text) <= 200 else text[:197] + "...") + "}"


def _lines(value: Any, notation: Notation) -> list[str]:
    if isinstance(value, sp.Expr) and not isinstance(value, sp.MatrixBase):
        return split_terms(value, dataclasses.replace(notation, line_width=_WIDTH))
    return [_math(value, PaperPrinter(notation))]


def _width(tex: str) -> int:
    return len(re.sub(r"\\[A-Za-z]+|[{}\s]", "", tex))


def statement_latex(lhs: Any, rhs: Any, *, relation: str = "=", notation: Notation | None = None) -> str:
    """``lhs = rhs`` as displayed lines (``\\mmfit``), sums broken at the line width.

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol('x')
    >>> print(statement_latex(sp.sin(x)**2, 1 - sp.cos(x)**2))
    \\mmfit{\\sin^{2}{\\left(x \\right)} = 1 - \\cos^{2}{\\left(x \\right)}}
    """
    notation = notation or Notation()
    left, right = _lines(lhs, notation), _lines(rhs, notation)
    if len(left) == 1 and _width(left[0]) + _width(right[0]) <= _WIDTH:
        rows = [left[0] + f" {relation} " + right[0]] + [r"\quad " + r for r in right[1:]]
        return "\n".join([r"\mmfit{" + rows[0] + "}"] + [r"\mmfit[2em]{" + r + "}" for r in rows[1:]])
    out = [r"\mmfit{" + left[0] + "}"] + [r"\mmfit[2em]{" + r + "}" for r in left[1:]]
    out.append(r"\mmfit[1em]{" + relation + " " + right[0] + "}")
    out += [r"\mmfit[2em]{" + r + "}" for r in right[1:]]
    return "\n".join(out)


def _tag(v: Verdict, reason: str = "") -> str:
    method = escape_text(v.method or "no method")
    if reason:
        method = prose(reason) + "; " + method
    out = r"\mmtag{" + v.status.value + "}{" + method + "}"
    ce = v.counterexample_latex(limit=1500)
    if ce:
        out += "\n\\mmnote{Counterexample:}\n" + "\n".join(r"\mmfit[1em]{" + c + "}" for c in ce)
    return out


def _derivation_latex(report: DerivationReport) -> str:
    d: Derivation = report.derivation
    printer = PaperPrinter(d.notation)
    parts = [r"\mmnote{\textbf{" + prose(d.title) + "}}"]
    if d.assumptions:
        parts.append(r"\mmnote{Assume " + ", ".join(
            "$" + printer.doprint(a) + "$" if isinstance(a, sp.Basic) else prose(str(a))
            for a in d.assumptions) + ".}")
    previous = d.start
    parts += [r"\mmfit{" + line + "}" for line in _lines(previous, d.notation)]
    for step, verdict in zip(d.steps, report.verdicts):
        lines = _lines(step.expr, d.notation)
        parts.append(r"\mmfit[1em]{" + step.relation + " " + lines[0] + "}")
        parts += [r"\mmfit[2.5em]{" + line + "}" for line in lines[1:]]
        parts.append(_tag(verdict, step.reason))
    return "\n".join(parts)


def item_latex(item: Any) -> str:
    """One theorem item (Verdict, Derivation, DerivationReport) as catalogue LaTeX.

    A Verdict without a recorded statement shows its tag and note only.
    """
    if isinstance(item, Derivation):
        item = item.verify()
    if isinstance(item, DerivationReport):
        return _derivation_latex(item)
    if isinstance(item, Verdict):
        head = ""
        if item.lhs is not None and item.rhs is not None:
            head = statement_latex(item.lhs, item.rhs) + "\n"
        note = "\n" + r"\mmnote{" + escape_text(item.note[:400]) + "}" if item.note and not head else ""
        return head + _tag(item) + note
    raise TypeError(f"item_latex takes a Verdict, Derivation or DerivationReport, got {type(item).__name__}")


def _family(path: str) -> tuple[str, str]:
    """Section title and introduction of a theorem file (its module docstring, read statically)."""
    title = Path(path).stem.replace("_", " ").capitalize() if path else "Theorems"
    try:
        doc = ast.get_docstring(ast.parse(Path(path).read_text(encoding="utf-8"))) or ""
    except (OSError, SyntaxError, ValueError):
        doc = ""
    return title, doc.split("\n\n")[0].strip()


_POWER = re.compile(r"(?<![\w$\\])([A-Za-z]{1,5}|\d+)\^(\d+|[A-Za-z]|\{[\w+\-]*\})(?![\w$])")


_NAMED = frozenset("alpha beta gamma delta epsilon zeta eta theta kappa lambda mu nu xi pi rho sigma tau phi "
                   "chi psi omega Gamma Delta Theta Lambda Xi Pi Sigma Phi Psi Omega sin cos tan cot exp log "
                   "ln sinh cosh tanh".split())


def _title(name: str) -> str:
    """A theorem name as LaTeX: ASCII powers such as ``O(dt^2)`` become math, the rest is prose."""
    if "$" in name:
        return prose(name)
    def power(m: re.Match) -> str:
        base = m.group(1)
        if base in _NAMED:
            base = "\\" + base
        return "$" + base + "^{" + m.group(2).strip("{}") + "}$"

    return prose(_POWER.sub(power, name))


def _heading(name: str) -> str:
    """A section title with a plain-ASCII variant for the PDF bookmarks."""
    plain = re.sub(r"[^A-Za-z0-9 ,.:;()=+\-]", "", name).strip() or "theorem"
    return r"\texorpdfstring{" + _title(name) + "}{" + plain + "}"


def _outcome(r: Any) -> str:
    if r.error:
        return "error"
    if r.ok and r.expect == "disproved":
        return "refuted, as expected"
    return ("as expected" if r.ok else "NOT as expected")


def catalogue_document(results: Sequence[Any], *, title: str = "mathml: verified theorems",
                       author: str | None = None) -> str:
    """The whole catalogue document from `mathml.core.theorems.TheoremResult` objects.

    Returns
    -------
    str
        A LaTeX document (compile it with `mathml.core.latex.build_pdf`).

    Examples
    --------
    >>> catalogue_document([]).count(r"\\tableofcontents")
    1
    """
    families: "OrderedDict[str, list]" = OrderedDict()
    for r in results:
        families.setdefault(r.source, []).append(r)
    keys: "OrderedDict[str, str]" = OrderedDict()
    for r in results:
        if r.citation and r.citation not in keys:
            keys[r.citation] = f"src{len(keys) + 1}"
    counts = {s.value: sum(1 for r in results if r.status == s) for s in Status}
    bad = sum(1 for r in results if not r.ok)
    body = [r"\section*{Summary}\addcontentsline{toc}{section}{Summary}",
            f"{len(results)} theorems: " + ", ".join(f"{n} {s}" for s, n in counts.items() if n)
            + f". {len(results) - bad} ended as expected" + (f", \\textbf{{{bad} did not}}." if bad else "."),
            r"\begin{longtable}{@{}>{\raggedright\arraybackslash}p{0.47\linewidth}"
            r">{\raggedright\arraybackslash}p{0.11\linewidth}>{\raggedright\arraybackslash}p{0.12\linewidth}"
            r">{\raggedright\arraybackslash}p{0.2\linewidth}@{}}",
            r"\textbf{Theorem} & \textbf{Expected} & \textbf{Result} & \textbf{Outcome}\\ \hline\endhead"]
    for r in results:
        outcome = _outcome(r)
        outcome = outcome if r.ok else r"\textbf{" + outcome + "}"
        body.append(f"{_title(r.name)} & {r.expect} & {r.status.value} & {outcome}\\\\")
    body.append(r"\end{longtable}")
    for path, members in families.items():
        fam, intro = _family(path)
        body.append(r"\clearpage" + "\n" + r"\section{" + _heading(fam) + "}")
        if intro:
            body.append(prose(intro))
        for r in members:
            part = [r"\subsection{" + _heading(r.name) + "}"]
            if r.statement:
                part.append(prose(r.statement))
            if r.citation:
                part.append(r"\mmnote{Source: \cite{" + keys[r.citation] + "}.}")
            if r.body_latex:
                part.append(r.body_latex)
            verdict = f"Result: \\textbf{{{r.status.value}}}, expected {r.expect}: {_outcome(r)}."
            part.append(r"\mmnote{" + verdict + "}")
            if r.error:
                lines = r.error.strip().splitlines()[-12:]
                shown = r"\\ ".join(escape_text(line[:300]) for line in lines)
                part.append(r"\mmnote{\textit{Error:} " + shown + "}")
            body.append("\n".join(part))
    body.append(r"\clearpage\appendix" + "\n" + r"\section{Timings}")
    body.append(r"Wall-clock seconds per theorem (noisy: they depend on the machine and its load; "
                r"``cached'' results were replayed from the result cache).")
    body.append(r"\begin{longtable}{@{}>{\raggedright\arraybackslash}p{0.58\linewidth}"
                r">{\raggedright\arraybackslash}p{0.18\linewidth}"
                r">{\raggedright\arraybackslash}p{0.16\linewidth}@{}}")
    body.append(r"\textbf{Theorem} & \textbf{Family} & \textbf{Seconds}\\ \hline\endhead")
    for r in results:
        fam = _family(r.source)[0]
        body.append(f"{_title(r.name)} & {escape_text(fam)} & {r.elapsed:.2f}"
                    + (" (cached)" if r.cached else "") + r"\\")
    body.append(r"\end{longtable}")
    if keys:
        items = [r"\bibitem{" + key + "} " + _citation(cite) for cite, key in keys.items()]
        body.append("\\begin{thebibliography}{99}\n" + "\n".join(items) + "\n\\end{thebibliography}")
    return document(body, title=title, author=author, toc=True, preamble=CATALOGUE_PREAMBLE)


_ARXIV = re.compile(r"arXiv:\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)", re.I)


def _citation(cite: str) -> str:
    """A bibliography entry: text escaped, arXiv identifiers linked."""
    out, last = [], 0
    for m in _ARXIV.finditer(cite):
        out.append(prose(cite[last:m.start()]))
        out.append(r"\href{https://arxiv.org/abs/" + m.group(1) + "}{" + escape_text(m.group(0)) + "}")
        last = m.end()
    out.append(prose(cite[last:]))
    return "".join(out)
