"""Paper-ready LaTeX: an explicit `Notation`, a printer, documents, and compiling them.

There is no global printer state: every choice (symbol names, derivative style,
multiplication sign, ``\\operatorname`` for long function names) lives in a
frozen `Notation` passed explicitly.

Examples
--------
>>> import sympy as sp
>>> from mathml.core.latex import Notation, latex
>>> t = sp.Symbol('t')
>>> w = sp.Function('w')
>>> latex(w(t).diff(t, 2) + w(t))
'w{\\\\left(t \\\\right)} + \\\\frac{d^{2}}{d t^{2}} w{\\\\left(t \\\\right)}'
>>> print(latex(w(t).diff(t, 2) + w(t), Notation(derivative="prime", function_arguments=False)))
w + w''
>>> print(latex(sp.Function('relu')(t), Notation()))
\\operatorname{relu}{\\left(t \\right)}
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.latex import LatexPrinter

from .errors import InvalidInputError, LatexCompileError
from .texsafe import prose

__all__ = ["Notation", "latex", "split_terms", "text", "document", "compile_pdf", "build_pdf", "PdfBuild",
           "parse_log", "PaperPrinter"]

_DERIVATIVE_STYLES = ("leibniz", "prime", "dot")
_MUL_SYMBOLS = (None, "ldot", "dot", "times")


@dataclass(frozen=True)
class Notation:
    """How expressions are written.

    Parameters
    ----------
    symbol_names : mapping
        Symbol (or name) -> LaTeX, e.g. ``{lam: r"\\lambda_{\\mathrm{reg}}"}``.
        Two symbols may not render the same (checked).
    derivative : {"leibniz", "prime", "dot"}
        Style for derivatives of undefined functions of one variable.
    mul_symbol : {None, "ldot", "dot", "times"}
    operatorname : bool
        Write multi-letter function names as ``\\operatorname{name}``.
    function_arguments : bool
        Print ``w(t)`` (True) or just ``w`` (False) for undefined functions.
    diff_operator : {"d", "rd"}
        ``d`` or upright ``\\mathrm{d}`` in Leibniz derivatives and integrals.
    line_width : int
        Approximate printed glyphs (LaTeX commands and braces not counted) after
        which a derivation step is broken at top-level ``+``.

    Examples
    --------
    >>> import sympy as sp
    >>> a, b = sp.symbols('a b')
    >>> Notation(symbol_names={a: 'x', b: 'x'})
    Traceback (most recent call last):
    ...
    mathml.core.errors.InvalidInputError: symbol_names renders a and b both as 'x'; ...
    """

    symbol_names: Mapping[Any, str] = field(default_factory=dict)
    derivative: str = "leibniz"
    mul_symbol: str | None = None
    operatorname: bool = True
    function_arguments: bool = True
    diff_operator: str = "d"
    line_width: int = 70

    def __post_init__(self) -> None:
        if self.derivative not in _DERIVATIVE_STYLES:
            raise InvalidInputError(f"derivative must be one of {_DERIVATIVE_STYLES}, "
                                    f"got {self.derivative!r}")
        if self.mul_symbol not in _MUL_SYMBOLS:
            raise InvalidInputError(f"mul_symbol must be one of {_MUL_SYMBOLS}, got {self.mul_symbol!r}")
        if self.diff_operator not in ("d", "rd"):
            raise InvalidInputError(f"diff_operator must be 'd' or 'rd', got {self.diff_operator!r}")
        if not isinstance(self.line_width, int) or self.line_width < 20:
            raise InvalidInputError(f"line_width must be an integer >= 20, got {self.line_width!r}")
        names: dict[str, str] = {}
        fixed = {}
        for key, value in dict(self.symbol_names).items():
            if not isinstance(value, str):
                raise InvalidInputError(f"symbol_names values must be LaTeX strings, got {value!r}")
            key_name = key if isinstance(key, str) else getattr(key, "name", None)
            if key_name is None:
                raise InvalidInputError(f"symbol_names keys must be symbols or names, got {key!r}")
            if value in names and names[value] != key_name:
                raise InvalidInputError(f"symbol_names renders {names[value]} and {key_name} both as "
                                        f"{value!r}; each symbol needs its own notation")
            names[value] = key_name
            fixed[key_name] = value
        object.__setattr__(self, "symbol_names", fixed)

    def _repr_latex_(self) -> str:
        return r"$\displaystyle \text{Notation(derivative=" + self.derivative + ")}$"


class PaperPrinter(LatexPrinter):
    """sympy's LaTeX printer driven by a `Notation`."""

    printmethod = "_latex"

    def __init__(self, notation: Notation | None = None):
        self.notation = notation or Notation()
        settings: dict[str, Any] = {"mul_symbol": self.notation.mul_symbol}
        if self.notation.diff_operator == "rd":
            settings["diff_operator"] = "rd"
        super().__init__(settings)

    def _print_Symbol(self, expr, style="plain"):
        name = self.notation.symbol_names.get(expr.name)
        return name if name is not None else super()._print_Symbol(expr, style=style)

    def _function_name(self, func) -> str:
        name = func.__name__
        if name in self.notation.symbol_names:
            return self.notation.symbol_names[name]
        if self.notation.operatorname and len(name) > 1 \
                and not re.fullmatch(r"[A-Za-z]_?\d*|[A-Za-z]+_\w+", name) \
                and name not in _GREEK:
            return r"\operatorname{%s}" % name
        return self._deal_with_super_sub(name)

    def _print_Function(self, expr, exp=None):
        if isinstance(expr, AppliedUndef):
            head = self._function_name(expr.func)
            body = head if not self.notation.function_arguments else \
                head + r"{\left(%s \right)}" % ", ".join(self._print(a) for a in expr.args)
            return body if exp is None else r"%s^{%s}" % (body, exp)
        return super()._print_Function(expr, exp)

    def _print_Derivative(self, expr):
        fn = expr.expr
        style = self.notation.derivative
        if style != "leibniz" and isinstance(fn, AppliedUndef) and len(fn.args) == 1 \
                and len(expr.variables) == expr.derivative_count and set(expr.variables) == {fn.args[0]}:
            n = expr.derivative_count
            head = self._function_name(fn.func)
            if style == "prime":
                mark = "'" * n if n <= 3 else "^{(%d)}" % n
                body = head + mark
            else:
                dots = {1: r"\dot", 2: r"\ddot", 3: r"\dddot"}
                body = dots[n] + "{" + head + "}" if n in dots else head + "^{(%d)}" % n
            if self.notation.function_arguments:
                body += r"{\left(%s \right)}" % self._print(fn.args[0])
            return body
        text_ = super()._print_Derivative(expr)
        if isinstance(fn, (sp.Add, sp.Mul)):
            # sympy prints d/dt of a product without brackets (sympy #18349): ambiguous in a paper
            inner = self._print(fn)
            if text_.endswith(inner):
                text_ = text_[: -len(inner)] + r"\left(" + inner + r"\right)"
        return text_


_GREEK = {"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
          "lambda", "mu", "nu", "xi", "pi", "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi",
          "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Phi", "Psi", "Omega"}


def latex(expr: Any, notation: Notation | None = None) -> str:
    """LaTeX for a sympy object (math mode content, no delimiters).

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol('x')
    >>> latex(sp.Eq(sp.sin(x)**2 + sp.cos(x)**2, 1))
    '\\\\sin^{2}{\\\\left(x \\\\right)} + \\\\cos^{2}{\\\\left(x \\\\right)} = 1'
    """
    if notation is not None and not isinstance(notation, Notation):
        raise InvalidInputError(f"notation must be a mathml Notation, got {type(notation).__name__}")
    if isinstance(expr, str):
        raise InvalidInputError("latex() takes a sympy object; parse strings with mathml.parse_expr first")
    return PaperPrinter(notation).doprint(sp.sympify(expr) if isinstance(expr, (int, float)) else expr)


def split_terms(expr: Any, notation: Notation | None = None) -> list[str]:
    """Break a long sum into lines of at most ``notation.line_width`` characters.

    Each later line starts with its sign, so the lines can be joined by
    ``\\\\ &\\quad``.  Short expressions give a single line.

    Examples
    --------
    >>> import sympy as sp
    >>> x = sp.Symbol('x')
    >>> lines = split_terms(sum(x**k for k in range(30)), Notation(line_width=40))
    >>> len(lines)
    4
    >>> print(lines[-1])
    + x^{4} + x^{3} + x^{2} + x + 1
    """
    notation = notation or Notation()
    printer = PaperPrinter(notation)
    whole = printer.doprint(expr)
    if _visible_width(whole) <= notation.line_width or not isinstance(expr, sp.Add):
        return [whole]
    terms = expr.as_ordered_terms()
    lines, current = [], ""
    for i, term in enumerate(terms):
        negative = term.could_extract_minus_sign()
        body = printer.doprint(-term if negative else term)
        if isinstance(-term if negative else term, sp.Add):
            body = r"\left(" + body + r"\right)"
        piece = (("- " if negative else "") if i == 0 else (" - " if negative else " + ")) + body
        if current and _visible_width(current + piece) > notation.line_width:
            lines.append(current)
            current = piece.lstrip()
        else:
            current += piece
    lines.append(current)
    return lines


def _visible_width(tex: str) -> int:
    """Rough number of printed glyphs: LaTeX commands and braces take no width."""
    return len(re.sub(r"\\(left|right|frac|operatorname|cdot|qquad|quad)|[{}\s]", "", tex))


def text(s: str) -> str:
    """Make prose LaTeX-safe: escape every special outside ``$...$``, keep whitelisted math, map Unicode.

    See `mathml.core.texsafe.prose`: commands outside the math whitelist and
    unmapped characters are shown visibly, never dropped or executed.

    Examples
    --------
    >>> print(text("Köppen's ψ_k is 100% monotone for $x_1 < x_2$"))
    Köppen's \\ensuremath{\\psi}\\_k is 100\\% monotone for $x_1 < x_2$
    >>> print(text(r"$\\input{/etc/passwd}$"))
    $\\backslash\\mathrm{input}{/etc/passwd}$
    """
    if not isinstance(s, str):
        raise InvalidInputError(f"text() takes a str, got {type(s).__name__}")
    return prose(s)


_PREAMBLE = r"""\documentclass[11pt]{article}
\usepackage[utf8]{inputenc}
\usepackage{amsmath,amssymb,longtable,array,graphicx}
\usepackage[margin=2.2cm]{geometry}
\usepackage[hidelinks]{hyperref}
\allowdisplaybreaks
\setlength{\parindent}{0pt}
\setlength{\parskip}{0.5em}
\setlength{\emergencystretch}{3em}
\sloppy
\newsavebox{\mmbox}
\newlength{\mmavail}
\newlength{\mmtall}
% \mmfit[indent]{math}: one displayed line, scaled down only if wider than the line or taller than a page
\newcommand{\mmfit}[2][0pt]{\par\noindent\setlength{\mmavail}{\dimexpr\linewidth-#1\relax}%
  \hspace*{#1}\sbox{\mmbox}{$\displaystyle #2$}%
  \ifdim\wd\mmbox>\mmavail\sbox{\mmbox}{\resizebox{\mmavail}{!}{\usebox{\mmbox}}}\fi
  \setlength{\mmtall}{\dimexpr\ht\mmbox+\dp\mmbox\relax}%
  \ifdim\mmtall>0.7\textheight\sbox{\mmbox}{\resizebox*{!}{0.7\textheight}{\usebox{\mmbox}}}\fi
  \usebox{\mmbox}\par}
"""


def document(items: Iterable[Any], title: str = "mathml", *, author: str | None = None,
             toc: bool = False, preamble: str = "") -> str:
    """A complete amsmath document from strings (raw LaTeX) and objects with ``latex()``.

    Parameters
    ----------
    items : iterable
        Raw LaTeX strings, sympy objects (displayed), or objects with ``latex()``.
    title, author : str
        Escaped as text.
    toc : bool
        Add a table of contents after the title.
    preamble : str
        Extra raw LaTeX for the preamble.

    Returns
    -------
    str

    Raises
    ------
    InvalidInputError
        For items of other types.

    Examples
    --------
    >>> tex = document([r"Euler: $e^{i\\pi} + 1 = 0$."], title="Notes")
    >>> tex.startswith(r"\\documentclass") and tex.rstrip().endswith(r"\\end{document}")
    True
    """
    if isinstance(items, (str, bytes)):
        items = [items]
    body = []
    for item in items:
        if isinstance(item, str):
            body.append(item)
        elif hasattr(item, "latex") and callable(item.latex):
            body.append(item.latex())
        elif isinstance(item, sp.Basic):
            body.append(r"\mmfit{" + latex(item) + "}")
        else:
            raise InvalidInputError(f"document() items must be strings, sympy objects or objects "
                                    f"with a latex() method, got {type(item).__name__}")
    head = _PREAMBLE + preamble + r"\title{" + text(title) + "}\n"
    head += r"\author{" + text(author) + "}\n" if author else "\\author{}\n"
    head += "\\begin{document}\n\\maketitle\n" + ("\\tableofcontents\n\\clearpage\n" if toc else "")
    return head + "\n" + "\n\n".join(body) + "\n\n\\end{document}\n"


@dataclass(frozen=True)
class PdfBuild:
    """The result of compiling a document: the PDF and what pdflatex's log says.

    Attributes
    ----------
    pdf : Path
    log : Path
        pdflatex's log, kept next to the PDF.
    pages : int
    runs : int
        pdflatex runs (2 or 3: table of contents and references need more than one).
    overfull : tuple of float
        Widths in pt of every overfull box (0 means none).
    warnings : tuple of str
        LaTeX warnings and overfull/underfull box messages from the last run.
    """

    pdf: Path
    log: Path
    pages: int
    runs: int
    overfull: tuple[float, ...]
    warnings: tuple[str, ...]

    def summary(self) -> str:
        """One line: overfull boxes (count and widest) and warnings."""
        widest = max(self.overfull, default=0.0)
        underfull = sum(1 for w in self.warnings if w.startswith("Underfull"))
        widest_text = f" (widest {widest:.1f} pt)" if self.overfull else ""
        return (f"{len(self.overfull)} overfull boxes" + widest_text
                + f", {underfull} underfull boxes, {len(self.warnings) - underfull - len(self.overfull)} "
                "other warnings")


_OVERFULL = re.compile(r"^Overfull \\[hv]box \((\d+(?:\.\d+)?)pt too (?:wide|high)\)")


def parse_log(log_text: str) -> tuple[tuple[float, ...], tuple[str, ...], int]:
    """Overfull widths (pt), warning lines and page count from a pdflatex log.

    Examples
    --------
    >>> log = "Overfull \\\\hbox (12.5pt too wide) in paragraph\\nOutput written on a.pdf (3 pages, 1 bytes)."
    >>> parse_log(log)
    ((12.5,), ('Overfull \\\\hbox (12.5pt too wide) in paragraph',), 3)
    """
    overfull, warnings = [], []
    for line in log_text.splitlines():
        m = _OVERFULL.match(line)
        if m:
            overfull.append(float(m.group(1)))
            warnings.append(line.strip())
        elif "Warning:" in line or line.startswith("Underfull"):
            warnings.append(line.strip())
    pages = re.search(r"Output written on .*?\((\d+) pages?", log_text, re.S)
    return tuple(overfull), tuple(warnings), int(pages.group(1)) if pages else 0


def build_pdf(tex_path: str | os.PathLike, *, timeout: float = 300.0, max_runs: int = 3) -> PdfBuild:
    """Compile with ``pdflatex -no-shell-escape`` until cross-references settle; report the log.

    pdflatex runs with ``-no-shell-escape``, ``-interaction=nonstopmode`` and
    ``-halt-on-error`` in a temporary directory, with ``openin_any=p`` and
    ``openout_any=p`` (TeX may not read or write absolute paths, dot files or
    parent directories).  It reruns (at most ``max_runs`` times) while the log
    asks for it (table of contents, references).  The PDF and the log are
    copied next to the ``.tex`` file.

    Returns
    -------
    PdfBuild

    Raises
    ------
    LatexCompileError
        When pdflatex is not on PATH or the document has errors (the message
        quotes the first error lines of the log).
    InvalidInputError
        When the file does not exist.
    """
    path = Path(tex_path)
    if not path.is_file():
        raise InvalidInputError(f"no such LaTeX file: {path}")
    exe = shutil.which("pdflatex")
    if exe is None:
        raise LatexCompileError("pdflatex is not on PATH: install TeX Live (Debian: apt-get install "
                                "texlive-latex-base) to compile documents")
    env = {**os.environ, "openin_any": "p", "openout_any": "p", "shell_escape": "f"}
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(path, Path(tmp) / "doc.tex")
        runs, log_text = 0, ""
        while runs < max_runs:
            runs += 1
            try:
                proc = subprocess.run([exe, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
                                       "doc.tex"], capture_output=True, text=True, timeout=timeout, cwd=tmp,
                                      stdin=subprocess.DEVNULL, env=env, errors="replace")
            except subprocess.TimeoutExpired as exc:
                raise LatexCompileError(f"pdflatex did not finish within {timeout:g} s on {path}") from exc
            log_file = Path(tmp) / "doc.log"
            log_text = log_file.read_text(errors="replace") if log_file.exists() else proc.stdout
            if proc.returncode != 0 or not (Path(tmp) / "doc.pdf").exists():
                errors = [line for line in log_text.splitlines() if line.startswith("!")][:5]
                raise LatexCompileError(f"pdflatex failed on {path} (exit {proc.returncode}): "
                                        + ("; ".join(errors) or proc.stdout[-800:]))
            if not re.search(r"Rerun to get|Label\(s\) may have changed|No file doc\.(toc|aux)", log_text):
                break
        target, log = path.with_suffix(".pdf"), path.with_suffix(".log")
        shutil.copyfile(Path(tmp) / "doc.pdf", target)
        log.write_text(log_text, encoding="utf-8")
    overfull, warnings, pages = parse_log(log_text)
    return PdfBuild(target, log, pages, runs, overfull, warnings)


def compile_pdf(tex_path: str | os.PathLike, *, timeout: float = 300.0) -> Path:
    """Compile a LaTeX file with pdflatex (see `build_pdf`) and return the PDF path.

    Raises
    ------
    LatexCompileError
        When pdflatex is not on PATH or the document has errors.
    InvalidInputError
        When the file does not exist.
    """
    return build_pdf(tex_path, timeout=timeout).pdf
