"""verify against ``sympy.simplify(lhs - rhs) == 0`` on a catalogue of identities.

Both are timed from a cleared sympy cache (a user's first call on a new
expression); mathml's own caches of test-function templates stay warm, as they
would in a session.  verify runs with its defaults (24 points, 30 digits, 5 s
budget).

Each catalogue entry records whether the identity is true (under the stated
sampler conditions); a verdict is right when a true identity comes back proved or
consistent and a false one disproved.  The baseline is right when
``simplify(lhs - rhs) == 0`` matches the truth.
"""
from __future__ import annotations

import statistics
import time

import sympy as sp
from sympy.core.cache import clear_cache

import mathml as mm
from mathml.core.sampling import vanishing

from ._common import print_table

__all__ = ["catalogue", "main"]


def catalogue() -> list[tuple[str, sp.Expr, sp.Expr, bool, dict]]:
    """(name, lhs, rhs, true?, verify options) for the benchmark."""
    x, y = sp.symbols("x y", real=True)
    z = sp.Symbol("z")
    a, b = sp.symbols("a b", positive=True)
    t, T = sp.symbols("t T", positive=True)
    k, n = sp.symbols("k n", integer=True, positive=True)
    w, g, h = sp.Function("w"), sp.Function("g"), sp.Function("h")
    van = {"functions": {"g": vanishing(at=[0, T])}}
    return [
        ("pythagoras", sp.sin(x) ** 2 + sp.cos(x) ** 2, 1, True, {}),
        ("double angle", sp.sin(2 * x), 2 * sp.sin(x) * sp.cos(x), True, {}),
        ("cos triple", sp.cos(3 * x), 4 * sp.cos(x) ** 3 - 3 * sp.cos(x), True, {}),
        ("tan addition", sp.tan(x + y), (sp.tan(x) + sp.tan(y)) / (1 - sp.tan(x) * sp.tan(y)), True, {}),
        ("cosh^2 - sinh^2", sp.cosh(x) ** 2 - sp.sinh(x) ** 2, 1, True, {}),
        ("tanh half", sp.tanh(x / 2), sp.sinh(x) / (1 + sp.cosh(x)), True, {}),
        ("false trig", sp.sin(x) ** 2, sp.sin(x), False, {}),
        ("sin sum wrong sign", sp.sin(x + y), sp.sin(x) * sp.cos(y) - sp.cos(x) * sp.sin(y), False, {}),
        ("exp product", sp.exp(x) * sp.exp(y), sp.exp(x + y), True, {}),
        ("log product", sp.log(a * b), sp.log(a) + sp.log(b), True, {}),
        ("log power", sp.log(a ** 3), 3 * sp.log(a), True, {}),
        ("log exp real", sp.log(sp.exp(x)), x, True, {}),
        ("log exp complex", sp.log(sp.exp(z)), z, False, {}),
        ("sqrt square complex", sp.sqrt(z ** 2), z, False, {}),
        ("near identity 163", sp.exp(sp.pi * sp.sqrt(163)), sp.Integer(640320) ** 3 + 744, False, {"dps": 50}),
        ("rational sum", 1 / (x + 1) + 1 / (x - 1), 2 * x / (x ** 2 - 1), True, {}),
        ("partial fractions", 1 / (x * (x + 1)), 1 / x - 1 / (x + 1), True, {}),
        ("binomial cube", (x + y) ** 3, x ** 3 + 3 * x ** 2 * y + 3 * x * y ** 2 + y ** 3, True, {}),
        ("false rational", (x ** 2 - 1) / (x - 1), x - 1, False, {}),
        ("geometric", (1 - x ** 6) / (1 - x), 1 + x + x ** 2 + x ** 3 + x ** 4 + x ** 5, True, {}),
        ("leibniz exp(g) w", sp.diff(sp.exp(g(t)) * w(t), t),
         sp.exp(g(t)) * (w(t).diff(t) + g(t).diff(t) * w(t)), True, {}),
        ("second derivative", sp.diff(w(t) * h(t), t, 2),
         w(t).diff(t, 2) * h(t) + 2 * w(t).diff(t) * h(t).diff(t) + w(t) * h(t).diff(t, 2), True, {}),
        ("quotient rule", sp.diff(w(t) / h(t), t),
         (w(t).diff(t) * h(t) - w(t) * h(t).diff(t)) / h(t) ** 2, True, {}),
        ("chain rule", sp.diff(sp.sin(w(t)), t), sp.cos(w(t)) * w(t).diff(t), True, {}),
        ("wrong chain rule", sp.diff(sp.sin(w(t)), t), sp.cos(w(t)), False, {}),
        ("gauge acceleration", sp.diff(w(t) * sp.Function("x")(t), t).subs(
            sp.Derivative(sp.Function("x")(t), t), w(t) * sp.Function("x")(t)),
         (w(t).diff(t) + w(t) ** 2) * sp.Function("x")(t), True, {}),
        ("FTC", sp.Integral(w(t).diff(t), (t, 0, T)), w(T) - w(0), True, {}),
        ("FTC vanishing", sp.Integral(g(t).diff(t), (t, 0, T)), 0, True, van),
        ("FTC without condition", sp.Integral(g(t).diff(t), (t, 0, T)), 0, False, {}),
        ("by parts vanishing", sp.Integral(w(t) * g(t).diff(t), (t, 0, T)),
         -sp.Integral(w(t).diff(t) * g(t), (t, 0, T)), True, van),
        ("integral linearity", sp.Integral(2 * w(t) + 3 * h(t), (t, 0, T)),
         2 * sp.Integral(w(t), (t, 0, T)) + 3 * sp.Integral(h(t), (t, 0, T)), True, {}),
        ("wilson line exp", sp.exp(sp.Integral(w(t), (t, 0, T))) * sp.exp(sp.Integral(g(t), (t, 0, T))),
         sp.exp(sp.Integral(w(t) + g(t), (t, 0, T))), True, {}),
        ("telescoping", sp.Sum(1 / (k * (k + 1)), (k, 1, n)), 1 - 1 / (n + 1), True, {}),
        ("gauss sum", sp.Sum(k, (k, 1, n)), n * (n + 1) / 2, True, {}),
        ("wrong gauss sum", sp.Sum(k, (k, 1, n)), n ** 2 / 2, False, {}),
        ("gamma recursion", sp.gamma(a + 1), a * sp.gamma(a), True, {}),
    ]


def _baseline(lhs, rhs) -> tuple[bool, float]:
    clear_cache()
    start = time.perf_counter()
    diff = lhs - rhs
    if isinstance(diff, sp.MatrixBase):
        ok = all(sp.simplify(e) == 0 for e in diff)
    else:
        ok = sp.simplify(diff) == 0
    return ok, time.perf_counter() - start


def main() -> None:
    rows = []
    v_times, s_times, v_right, s_right, wrong = [], [], 0, 0, []
    items = catalogue()
    mm.verify(sp.Symbol("x") + 1, 1 + sp.Symbol("x"))  # warm-up of lazy imports
    for name, lhs, rhs, truth, options in items:
        clear_cache()  # both contestants start cold: a warm cache would favour whoever runs second
        start = time.perf_counter()
        verdict = mm.verify(lhs, rhs, **options)
        vt = time.perf_counter() - start
        s_ok, st_ = _baseline(lhs, rhs)
        right = verdict.holds if truth else verdict.status is mm.Status.disproved
        never_wrong = not (truth and verdict.status is mm.Status.disproved) and not (
            not truth and verdict.holds)
        if not never_wrong:
            wrong.append(name)
        v_right += right
        s_right += s_ok == truth
        v_times.append(vt)
        s_times.append(st_)
        rows.append([name, "true" if truth else "false", verdict.status.value, f"{vt * 1e3:.1f}",
                     "holds" if s_ok else "no", f"{st_ * 1e3:.1f}", f"{st_ / vt:.1f}"])
    print_table("verify vs simplify(lhs - rhs) == 0, per identity (ms)",
                ["identity", "truth", "verify", "verify ms", "simplify says", "simplify ms", "ratio"], rows)
    mv, ms = statistics.median(v_times), statistics.median(s_times)
    print_table("core summary", ["", "verify", "simplify baseline"], [
        ["identities", len(items), len(items)],
        ["median time (ms)", f"{mv * 1e3:.1f}", f"{ms * 1e3:.1f}"],
        ["total time (s)", f"{sum(v_times):.2f}", f"{sum(s_times):.2f}"],
        ["right verdicts", v_right, s_right],
        ["wrong verdicts", len(wrong), len(items) - s_right],
        ["median ratio simplify/verify", f"{ms / mv:.1f}x", ""],
    ])
    if wrong:
        print("verify gave WRONG verdicts on:", ", ".join(wrong))
