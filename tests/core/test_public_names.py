"""Public core names that the other tests reach only indirectly, each checked for real."""
import mpmath
import pytest
import sympy as sp

import mathml as mm
from mathml.cli import build_parser
from mathml.core.arb import arb_excludes_zero, require_flint, to_acb
from mathml.core.derivation import EXPECTATIONS, DerivationReport, Step, TheoremInfo
from mathml.core.evaluation import NotEvaluable, compile_mp, to_mp_real
from mathml.core.latex import Notation, PaperPrinter
from mathml.core.parsing import CONSTANTS, parse_expr
from mathml.core.sampling import Sampler, smooth
from mathml.core.theorems import TheoremResult, run_theorems


def test_build_parser_knows_the_subcommands():
    args = build_parser().parse_args(["prove", "proofs", "--jobs", "2", "--only", "*gauge*"])
    assert (args.command, args.jobs, args.only) == ("prove", 2, "*gauge*")


def test_to_acb_encloses_the_true_value():
    flint = require_flint()
    with flint.ctx.workprec(200):
        ball = to_acb(sp.exp(sp.pi) - sp.pi)  # Gelfond: e^pi - pi = 19.99909997918947...
    assert abs(float(ball.real.mid()) - 19.999099979189475) < 1e-12
    assert arb_excludes_zero(sp.exp(sp.pi) - sp.pi - 20) == "arb 128 bits"


def test_step_and_report_types():
    x = sp.Symbol("x", real=True)
    d = mm.Derivation("t", x * (x + 1)).step(x**2 + x, "expand")
    assert d.steps == [Step(x**2 + x, "expand")]
    report = d.verify(points=3)
    assert isinstance(report, DerivationReport) and report.holds


def test_expectations_table_and_theorem_info():
    assert EXPECTATIONS["holds"] == (mm.Status.proved, mm.Status.consistent)
    assert EXPECTATIONS["disproved"] == (mm.Status.disproved,)

    @mm.theorem("pi > 3", expect="proved")
    def f():
        return mm.verify(sp.floor(sp.pi), 3)

    info = f.__mathml_theorem__
    assert isinstance(info, TheoremInfo) and info.expect == "proved"
    (result,) = run_theorems([info])
    assert isinstance(result, TheoremResult) and result.ok and r"\subsection*{pi $>$ 3}" in result.latex()


def test_to_mp_real_and_not_evaluable():
    with mpmath.workdps(40):
        assert mpmath.almosteq(to_mp_real(sp.sqrt(2)), mpmath.sqrt(2), 1e-38)
    t = sp.Symbol("t")
    f = compile_mp([sp.Integral(sp.exp(t), t)], [t])
    with pytest.raises(NotEvaluable):
        f([mpmath.mpf(1)])


def test_paper_printer_is_a_sympy_printer_with_notation():
    p = PaperPrinter(Notation(mul_symbol="times"))
    x, y = sp.symbols("x y")
    assert p.doprint(2 * x * y) == r"2 \times x \times y"


def test_parser_constants():
    assert CONSTANTS["pi"] is sp.pi and parse_expr("pi") is sp.pi


def test_sampler_base_class():
    assert isinstance(smooth(2), Sampler)
    with pytest.raises(NotImplementedError):
        Sampler().template(sp.Symbol("t"))
