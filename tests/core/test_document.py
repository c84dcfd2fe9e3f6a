"""The catalogue PDF and notebook LaTeX: everything compiles, nothing is overfull, nothing is pulled in.

Compiled with the real pdflatex (skipped with a reason when it is missing); the log is read.
"""
import shutil
import textwrap
from pathlib import Path

import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import mathml as mm
from mathml.core.catalogue import catalogue_document, statement_latex
from mathml.core.latex import build_pdf, document, parse_log
from mathml.core.texsafe import escape_text, prose
from mathml.core.theorems import TheoremResult, collect_theorems, run_theorems

ROOT = Path(__file__).resolve().parents[2]
needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                    reason="pdflatex is not installed (Debian: texlive-latex-base)")

HOSTILE = r'''
import sympy as sp
import mathml as mm

@mm.theorem(r"C:\new\test & 100% of $x_1$ {unbalanced", source="arXiv:2101.00001, eq. (3); slide 7 #2")
def hostile():
    r"""Reads $\input{/etc/passwd}$ and \input{/etc/passwd} and \write18{rm -rf x}
    ~^_ ν ℏ ∂ ∇ κ χ ☃ 30° x² $x²$."""
    x = sp.Symbol("x")
    return mm.verify(sp.Sum(x**k / sp.factorial(k), (k, 0, 40)) if False else sum(x**k for k in range(60)),
                     sum(x**k for k in range(60)))

@mm.theorem("Unicode title: ν, ℏ, ∂_t ψ = ∇²ψ, κ/χ")
def unicode_title():
    """A backslash in a traceback: the theorem raises."""
    raise RuntimeError(r"C:\new\table\x00 went \wrong {")

@mm.theorem("counterexample with a test function", expect="disproved")
def test_function():
    """Integral of g over [0, 1] equals g(0): false."""
    x = sp.Symbol("x", real=True)
    g = sp.Function("g")
    return mm.verify(sp.Integral(g(x), (x, 0, 1)), g(0), points=4)

@mm.theorem("a long derivation", source="folklore")
def long_derivation():
    """A product of sums, expanded: long lines are broken."""
    a, b, c, d, e = sp.symbols("a b c d e")
    expr = (a + b + c + d + e)**3
    return mm.Derivation("cube of a five-term sum", expr).step(sp.expand(expr), "multinomial expansion")
'''


@pytest.fixture(scope="module")
def hostile_results(tmp_path_factory):
    path = tmp_path_factory.mktemp("hostile") / "hostile.py"
    path.write_text(HOSTILE)
    return run_theorems(collect_theorems([path]), timeout=300)


def test_hostile_results_are_reported(hostile_results):
    by_name = {r.name: r for r in hostile_results}
    assert by_name["counterexample with a test function"].ok
    assert "went" in by_name["Unicode title: ν, ℏ, ∂_t ψ = ∇²ψ, κ/χ"].error


def _compile(tmp_path, tex):
    path = tmp_path / "doc.tex"
    path.write_text(tex, encoding="utf-8")
    return build_pdf(path)


@needs_pdflatex
def test_hostile_catalogue_compiles_without_overfull_boxes_or_file_reads(tmp_path, hostile_results):
    tex = catalogue_document(hostile_results, title=r"Title with \input{/etc/passwd} and ν")
    assert r"\input{/etc/passwd}" not in tex and r"\write18" not in tex
    assert r"\backslash\mathrm{input}" in tex and r"\textbackslash{}input" in tex
    assert "[U+2603]" in tex  # the snowman is shown, not dropped
    assert r"\ensuremath{\hbar}" in tex and r"\ensuremath{\nabla}" in tex
    assert r"g{\left(s \right)}" in tex and "_x0" not in tex and "x_{0}" not in tex  # readable test function
    assert r"\href{https://arxiv.org/abs/2101.00001}" in tex and r"\bibitem{src1}" in tex
    assert "refuted, as expected" in tex and r"\tableofcontents" in tex
    build = _compile(tmp_path, tex)
    log = build.log.read_text()
    assert "/etc/passwd" not in log.replace(r"\input{/etc/passwd}", "")  # nothing was opened
    assert [w for w in build.overfull if w > 1.0] == [], build.warnings
    assert build.pages >= 4 and build.runs >= 2
    assert "undefined" not in log.lower()


@needs_pdflatex
def test_core_catalogue_compiles_without_overfull_boxes(tmp_path):
    results = run_theorems(collect_theorems([ROOT / "proofs" / "core.py"]), timeout=300)
    build = _compile(tmp_path, catalogue_document(results))
    assert build.overfull == () or max(build.overfull) <= 1.0, build.warnings
    assert build.pages >= 4


@needs_pdflatex
@pytest.mark.slow
def test_whole_catalogue_compiles_without_overfull_boxes(tmp_path):
    results = run_theorems(collect_theorems([ROOT / "proofs"]), jobs=2)
    build = _compile(tmp_path, catalogue_document(results))
    assert [w for w in build.overfull if w > 1.0] == [], build.warnings


def _repr_objects():
    x = sp.Symbol("x", real=True)
    g = sp.Function("g")
    d = mm.Derivation("cosh squared", sp.cosh(x)**2).step(1 + sp.sinh(x)**2, r"Pythagoras, 100% {\it sure}")
    disproved = mm.verify(sp.Integral(g(x), (x, 0, 1)), g(0), points=4)
    fraction = mm.verify(x / (x + 1), 1 - x / (x + 1), points=4)  # disproved with a \frac counterexample
    result = TheoremResult("C:\\new & $x$", "f.py", "holds", mm.Status.proved, 0.1, "st", "", "")
    return [d, d.verify(points=4), disproved, fraction, mm.verify(sp.sin(x)**2 + sp.cos(x)**2, 1),
            mm.Notation(), result]


@needs_pdflatex
def test_every_repr_latex_compiles(tmp_path):
    from mathml.core.relu import as_relu_network
    objects = _repr_objects()
    outputs = [obj._repr_latex_() for obj in objects]
    assert all(o.startswith("$\\displaystyle ") and o.endswith("$") for o in outputs)  # one convention
    assert any(r"\frac" in o for o in outputs)
    others = [mm.smooth(3), mm.vanishing(at=[0, 1]), as_relu_network([([[1, 2], [3, 4]], [0, 1])])]
    outputs += [o._repr_latex_() for o in others]  # core objects of other modules: they compile too
    build = _compile(tmp_path, document([o + "\n\n" for o in outputs], title="reprs"))
    assert build.pages >= 1


def test_plain_reprs_are_short():
    x = sp.Symbol("x")
    v = mm.verify((x + 1)**2, x**2 + 2*x + 1)
    assert repr(v).startswith("Verdict(proved, symbolic") and repr(v).endswith(("ms)", " s)"))
    report = mm.Derivation("d", x).step(x, "same").verify()
    assert repr(report) == "DerivationReport('d', proved, 1 steps)"
    assert "proved" in report._repr_latex_() and report._repr_latex_() != report.derivation._repr_latex_()


def test_statement_lines_are_broken_at_the_width():
    x = sp.Symbol("x")
    tex = statement_latex(sum(x**k for k in range(80)), 0)
    lines = tex.splitlines()
    assert len(lines) > 3 and all(line.startswith(r"\mmfit") for line in lines)


@given(st.text(max_size=60))
def test_escaped_text_has_no_live_commands_or_unbalanced_braces(s):
    out = escape_text(s)
    stripped = out
    for safe in (r"\textbackslash{}", r"\textasciitilde{}", r"\textasciicircum{}", r"\allowbreak{}"):
        stripped = stripped.replace(safe, "")
    import re
    commands = set(re.findall(r"\\([A-Za-z]+)", stripped))
    assert commands <= {"ensuremath", "textsf", "ldots", "S", "P", "copyright", "tfrac"} | set(
        re.findall(r"\\([A-Za-z]+)", "".join(mm.core.texsafe.UNICODE_LATEX.values())))
    depth = 0
    for tok in re.findall(r"\\.|[{}]", out):
        depth += (tok == "{") - (tok == "}")
        assert depth >= 0
    assert depth == 0


_PIECES = list("ab$\\{}%#&_^~ ") + ["\\input", "\\frac", "ν", "\\write"]


@given(st.lists(st.sampled_from(_PIECES), max_size=30))
def test_prose_keeps_only_whitelisted_commands(pieces):
    import re
    out = prose("".join(pieces))
    assert not re.search(r"\\(input|include|write|openin|read|def|catcode)\b", out.replace(r"\backslash", ""))


def test_parse_log_counts():
    log = textwrap.dedent("""\
        Overfull \\hbox (3.5pt too wide) in paragraph at lines 1--2
        Underfull \\hbox (badness 1000) in paragraph
        LaTeX Warning: Reference `x' undefined.
        Output written on doc.pdf (2 pages, 100 bytes).""")
    overfull, warnings, pages = parse_log(log)
    assert overfull == (3.5,) and pages == 2 and len(warnings) == 3


@needs_pdflatex
def test_wide_tall_and_huge_statements_fit_the_page(tmp_path):
    from mathml.core.catalogue import CATALOGUE_PREAMBLE
    x = sp.Symbol("x")
    wide = sp.Matrix(10, 10, lambda i, j: sp.sin(x)**i / (1 + x**j))
    tall = sp.Matrix(60, 1, lambda i, j: sp.exp(x)**i)
    huge = sp.Matrix(30, 30, lambda i, j: i + j)
    product = sp.Mul(*[sp.gamma(x + k) for k in range(40)], evaluate=False)  # one long unbreakable term
    parts = [statement_latex(m, m) for m in (wide, tall, huge)] + [statement_latex(product, 0)]
    assert r"a $30 \times 30$ matrix" in parts[2]
    build = _compile(tmp_path, document(parts, title="sizes", preamble=CATALOGUE_PREAMBLE))
    assert build.overfull == (), build.warnings
