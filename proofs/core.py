"""Core examples: the Leibniz rule on undefined functions, telescoping sums,
integration by parts with boundary conditions, and a documented false conjecture."""
import sympy as sp

import mathml as mm
from mathml.core.sampling import vanishing

t, T = sp.symbols("t T", positive=True)
w, g = sp.Function("w"), sp.Function("g")
k, n = sp.symbols("k n", integer=True, positive=True)


@mm.theorem("Leibniz rule for exp(g) w", tags=("core", "calculus"))
def leibniz_rule():
    r"""For undefined functions $w, g$: $\frac{d}{dt}\left(e^{g} w\right) = e^{g}(w' + g' w)$."""
    d = mm.Derivation("Product rule on undefined functions", sp.Derivative(sp.exp(g(t)) * w(t), t))
    d.step(sp.exp(g(t)) * w(t).diff(t) + sp.exp(g(t)) * g(t).diff(t) * w(t), "product and chain rule")
    d.step(sp.exp(g(t)) * (w(t).diff(t) + g(t).diff(t) * w(t)), "factor $e^{g}$")
    return d


@mm.theorem("Telescoping sum of 1/(k(k+1))", tags=("core", "sums"))
def telescoping_sum():
    r"""$\sum_{k=1}^{n} \frac{1}{k(k+1)} = 1 - \frac{1}{n+1}$ for every integer $n \ge 1$."""
    d = mm.Derivation("Telescoping", sp.Sum(1 / (k * (k + 1)), (k, 1, n)))
    d.step(sp.Sum(1 / k - 1 / (k + 1), (k, 1, n)), "partial fractions")
    d.step(1 - 1 / (n + 1), "the sum telescopes")
    return d


@mm.theorem("Integration by parts with vanishing boundary terms", tags=("core", "calculus"))
def integration_by_parts():
    r"""If $g(0) = g(T) = 0$ then $\int_0^T w\, g'\, dt = -\int_0^T w'\, g\, dt$.  Exactly: for undefined
    $w, g$, $\int_0^T w g' + \int_0^T w' g = \int_0^T (w g)' = w(T)g(T) - w(0)g(0)$ (linearity, product rule,
    and sympy's fundamental theorem of calculus), which vanishes under the boundary conditions.
    Independently checked numerically with random $w$ and random $g$ vanishing at both ends."""
    def integral(e):
        return sp.Integral(e, (t, 0, T))
    exact = mm.Derivation("Integration by parts",
                          integral(w(t) * g(t).diff(t)) + integral(w(t).diff(t) * g(t)))
    exact.step(integral(w(t) * g(t).diff(t) + w(t).diff(t) * g(t)), "linearity")
    exact.step(integral(sp.Derivative(w(t) * g(t), t)), "product rule")
    boundary = w(T) * g(T) - w(0) * g(0)
    ftc = mm.verify(integral(sp.Derivative(w(t) * g(t), t)).doit(deep=False), boundary)
    vanishing_terms = mm.verify(boundary.subs({g(0): 0, g(T): 0}), 0)
    d = mm.Derivation("Integration by parts, numerically", integral(w(t) * g(t).diff(t)),
                      assumptions=["g(0) = g(T) = 0"])
    d.step(-integral(w(t).diff(t) * g(t)), "boundary terms vanish", functions={"g": vanishing(at=[0, T])})
    return [exact, ftc, vanishing_terms, d.verify(points=6)]


@mm.theorem("Conjecture: log(exp(z)) = z for every complex z", tags=("core", "branches"),
            expect="disproved")
def log_exp_conjecture():
    r"""A false conjecture, documented: $\log e^{z} = z$ fails once $|\operatorname{Im} z| > \pi$
    (principal branch). For real $x$ it holds."""
    z = sp.Symbol("z")
    return mm.verify(sp.log(sp.exp(z)), z)


@mm.theorem("Conjecture: exp(pi sqrt 163) = 640320^3 + 744 (they agree to 30 digits)",
            tags=("core", "precision"), expect="disproved")
def ramanujan_constant():
    r"""Refuted: $e^{\pi\sqrt{163}}$ agrees with $640320^3 + 744$ to about 30 significant digits but is
    not equal to it: at 50 digits the difference $\approx -7.5\times 10^{-13}$ is confirmed at
    higher precision and by an Arb ball."""
    return mm.verify(sp.exp(sp.pi * sp.sqrt(163)), 640320**3 + 744, dps=50, rigorous=True)
