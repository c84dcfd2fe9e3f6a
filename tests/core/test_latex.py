"""LaTeX printing with an explicit Notation, documents, and the pdflatex compile test."""
import shutil

import pytest
import sympy as sp

import mathml as mm
from mathml.core.errors import InvalidInputError, LatexCompileError
from mathml.core.latex import Notation, compile_pdf, document, latex, split_terms, text

t = sp.Symbol("t")
w = sp.Function("w")


def test_derivative_styles():
    e = w(t).diff(t, 2)
    assert latex(e) == r"\frac{d^{2}}{d t^{2}} w{\left(t \right)}"
    assert latex(e, Notation(derivative="prime")) == r"w''{\left(t \right)}"
    assert latex(e, Notation(derivative="dot", function_arguments=False)) == r"\ddot{w}"
    assert latex(w(t).diff(t, 5), Notation(derivative="prime")) == r"w^{(5)}{\left(t \right)}"


def test_symbol_names_mul_symbol_and_operatorname():
    lam = sp.Symbol("lam")
    n = Notation(symbol_names={lam: r"\lambda_{\mathrm{reg}}"}, mul_symbol="dot")
    assert latex(2 * lam * t, n) == r"2 \cdot \lambda_{\mathrm{reg}} \cdot t"
    assert latex(sp.Function("relu")(t)) == r"\operatorname{relu}{\left(t \right)}"
    assert latex(sp.Function("relu")(t), Notation(operatorname=False)) == r"relu{\left(t \right)}"
    assert latex(sp.Function("phi")(t)) == r"\phi{\left(t \right)}"


def test_printer_has_no_global_state():
    before = sp.latex(w(t).diff(t))
    latex(w(t).diff(t), Notation(derivative="prime"))
    assert sp.latex(w(t).diff(t)) == before


def test_notation_validation():
    for bad in ({"derivative": "arrow"}, {"mul_symbol": "star"}, {"line_width": 3},
                {"symbol_names": {t: 3}}, {"diff_operator": "D"}):
        with pytest.raises(InvalidInputError):
            Notation(**bad)
    with pytest.raises(InvalidInputError, match="both as"):
        Notation(symbol_names={"a": "x", "b": "x"})
    with pytest.raises(InvalidInputError, match="parse"):
        latex("x + 1")


def test_split_terms_keeps_every_term():
    x = sp.Symbol("x")
    expr = sum((-1) ** k * x**k / (k + 1) for k in range(25))
    lines = split_terms(expr, Notation(line_width=40))
    assert len(lines) > 1
    assert sum(l.count("x^{") for l in lines) == 23  # x^2 .. x^24 all present once


def test_text_escapes_outside_math():
    assert text("a_b & 50% #1 $x_1^2$") == r"a\_b \& 50\% \#1 $x_1^2$"
    assert text("λ ≤ 1") == r"\ensuremath{\lambda} \ensuremath{\le} 1"
    assert text("unbalanced $x") == r"unbalanced \$x"


def test_document_structure_and_bad_items():
    tex = document(["Hello.", sp.Eq(t, 1), mm.Derivation("d", t).step(t, "same")], title="T_1")
    assert r"\title{T\_1}" in tex and r"\mmfit{t = 1}" in tex and r"\begin{align*}" in tex
    with pytest.raises(InvalidInputError, match="latex"):
        document([object()])


def test_compile_pdf_errors(tmp_path, monkeypatch):
    with pytest.raises(InvalidInputError, match="no such"):
        compile_pdf(tmp_path / "missing.tex")
    f = tmp_path / "a.tex"
    f.write_text(document(["x"]))
    monkeypatch.setenv("PATH", str(tmp_path))  # hide pdflatex
    with pytest.raises(LatexCompileError, match="not on PATH"):
        compile_pdf(f)


needs_pdflatex = pytest.mark.skipif(shutil.which("pdflatex") is None,
                                    reason="pdflatex is not installed (Debian: texlive-latex-base)")


@needs_pdflatex
def test_document_compiles_and_broken_one_reports_error(tmp_path):
    d = mm.Derivation("Leibniz", sp.Derivative(sp.exp(w(t)) * t, t)).step(
        sp.exp(w(t)) * (1 + t * w(t).diff(t)), "product rule")
    good = tmp_path / "good.tex"
    good.write_text(document([d.verify(points=4), text("Text with λ, 100% and x_1.")], title="Test"))
    assert compile_pdf(good).stat().st_size > 1000
    bad = tmp_path / "bad.tex"
    bad.write_text(document([r"\undefinedcommand"]))
    with pytest.raises(LatexCompileError, match="Undefined control sequence"):
        compile_pdf(bad)
