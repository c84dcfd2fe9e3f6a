"""Dynamics and chaos (issue 12): Feigenbaum, the cascade, windows, Li-Yorke, intermittency, Henon,
cat map, repellers, Gutzwiller amplitudes, random products, and the dynamics statements of Freedman's
talk (seed 000_e39733c048b85876.txt), right or refuted."""

import inspect
import math
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp
from flint import arb, ctx

import mathml as mm
from mathml.core.checks import check_close, check_exact, check_predicate, compare_routes
from mathml.dynamics import (
    Horseshoe,
    LogisticMap,
    PiecewiseLinearRepeller,
    bifurcation_point,
    cat_map,
    certify_least_period,
    feigenbaum,
    gutzwiller_amplitude,
    henon_lyapunov,
    intermittency,
    kneading_words,
    lyapunov,
    onset_of_chaos,
    random_product_lyapunov,
    sharkovskii_precedes,
    stretch_and_fold_window,
    superstable_table,
    tangent_bifurcation,
    windows,
)
from mathml.kolmogorov import laps

_HAS_SOURCE = "source" in inspect.signature(mm.theorem).parameters


def theorem(name, *, source, **kw):
    """`mm.theorem` with ``source=`` when the core supports it (the source is also in the docstring)."""
    if _HAS_SOURCE:
        kw["source"] = source
    return mm.theorem(name, **kw)


# Oracles (brief dynamics_statmech.md §1, wave2_dynamics.md §5; OEIS A006890, A006891, A098587)
DELTA = "4.669201609102990671853203820466201617258185577475768632745651343004134"
ALPHA = "2.502907875095892822283902873218215786381271376727149977336192056779235"
R_INF = "3.56994567187094490184200515138649893676"
A000048 = [1, 1, 1, 2, 3, 5, 9, 16, 28, 51, 93, 170]
x, y, r = sp.symbols("x y r")


@theorem(
    "Feigenbaum delta and alpha to 30 digits by collocation",
    tags=("dynamics", "feigenbaum"),
    source="OEIS A006890, A006891; Briggs, Math. Comp. 57 (1991) 435",
)
def feigenbaum_constants():
    r"""Collocation of $g(x) = -\alpha\, g(g(-x/\alpha))$ with $g = 1 + \sum_{k\le N} c_k x^{2k}$ gives
    $\alpha = -1/g(1)$ and $\delta$ = the top eigenvalue of the linearised doubling operator; both agree
    with the published 30+ digit values (OEIS A006890, A006891).  The mismatch test recomputes at 40
    digits."""
    with mpmath.workdps(50):
        fc = feigenbaum(32)
        return [
            check_close(
                fc.delta,
                mpmath.mpf(DELTA),
                digits=30,
                what="delta",
                method="collocation N=%d, mpmath/Arb" % fc.terms,
                recompute=lambda: feigenbaum(40).delta,
            ),
            check_close(
                fc.alpha,
                mpmath.mpf(ALPHA),
                digits=30,
                what="alpha",
                method="collocation N=%d, mpmath/Arb" % fc.terms,
                recompute=lambda: feigenbaum(40).alpha,
            ),
        ]


@theorem(
    "delta from ratios of superstable parameters is a second route (10 digits)",
    tags=("dynamics", "feigenbaum"),
    source="brief dynamics_statmech.md §1, table of delta_n",
)
def delta_two_routes():
    r"""$\delta_n = (R_{n-1} - R_{n-2})/(R_n - R_{n-1})$ at $n = 15$ agrees with the collocation
    eigenvalue to 9 digits (the ratio route converges only like $\delta^{-n}$ times the second eigenvalue)."""
    with mpmath.workdps(40):
        R = superstable_table(15, 30)
        ratio = (R[13] - R[14]) / (R[14] - R[15])
        return compare_routes(
            ratio,
            feigenbaum(20).delta,
            digits=9,
            what="delta",
            names=("superstable ratio n = 15", "collocation eigenvalue"),
        )


@theorem(
    "r_1 = 3 and r_2 = 1 + sqrt 6 exactly; the period-3 saddle-node is at r = 1 + sqrt 8",
    tags=("dynamics", "logistic", "exact"),
    source="brief dynamics_statmech.md §1; resultant Res_x(Phi_p(x), y - (f^p)'(x))",
)
def exact_bifurcations():
    r"""The multipliers of the least-period cycles are the roots of $\mathrm{Res}_x(\Phi_p, y -
    (f^p)')^{1/p}$.
    $p = 1$: $y = 2 - r = -1 \Rightarrow r = 3$; $p = 2$: $y = 4 + 2r - r^2 = -1 \Rightarrow r = 1 + \sqrt 6$;
    $p = 3$, $y = 1$: $(r^2 - 5r + 7)(r^2 - 2r - 7)(r^2 + r + 1) = 0$, whose only real root in $(0, 4]$
    is $1 + 2\sqrt 2 = 1 + \sqrt 8$ (the other quadratics have negative discriminants)."""
    f = LogisticMap(r)
    out = []
    d = mm.Derivation("Period-3 saddle-node condition", f.multiplier_polynomial(3, 1))
    d.step(-(r**2 - 5 * r + 7) * (r**2 - 2 * r - 7) * (r**2 + r + 1), "factor the resultant at $y = 1$")
    out.append(d)
    roots = [s for s in sp.solve(f.multiplier_polynomial(3, 1), r) if s.is_real and 0 < s <= 4]
    out.append(
        check_exact(
            sp.Matrix([roots]),
            sp.Matrix([[1 + sp.sqrt(8)]]),
            what="real saddle-node roots in (0,4]",
            method="exact: sympy solve of the factored resultant",
        )
    )
    r1 = [s for s in sp.solve(f.multiplier_polynomial(1, -1), r) if s.is_positive]
    out.append(
        check_exact(sp.Matrix([r1]), sp.Matrix([[3]]), what="r_1", method="exact: multiplier 2 - r = -1")
    )
    r2 = [s for s in sp.solve(f.multiplier_polynomial(2, -1), r) if s.is_positive]
    out.append(
        check_exact(
            sp.Matrix([r2]),
            sp.Matrix([[1 + sp.sqrt(6)]]),
            what="r_2",
            method="exact: multiplier 4 + 2r - r^2 = -1",
        )
    )
    with mpmath.workdps(30):
        tb = tangent_bifurcation(3, digits=25)
        out.append(
            check_close(
                tb.r_c,
                1 + sp.sqrt(8),
                digits=24,
                what="numeric saddle-node r_c",
                method="2-D Newton continuation from the superstable 3-cycle",
            )
        )
        out.append(
            check_close(
                bifurcation_point(2, 25), 1 + sp.sqrt(6), digits=24, what="numeric r_2", method="2-D Newton"
            )
        )
    return out


@theorem(
    "Interlacing r_n < R_n < r_{n+1} (n = 1..10) and the brief's tables",
    tags=("dynamics", "cascade"),
    source="brief dynamics_statmech.md §1 (tables of r_n, R_n); Feigenbaum 1978",
)
def interlacing():
    r"""Bifurcation points $r_n$ (multiplier $-1$) and superstable parameters $R_n$ interlace.  The
    first link $3 < 1 + \sqrt 5 < 1 + \sqrt 6$ is exact; the rest are 30-digit numerics (separations
    $\ge 10^{-6}$), and the tabulated $r_4, r_9, R_{15}$ are reproduced."""
    out = [
        check_predicate(
            bool(sp.Integer(3) < 1 + sp.sqrt(5) < 1 + sp.sqrt(6)),
            exact=True,
            what="r_1 < R_1 < r_2",
            method="exact: sympy comparison of radicals",
        )
    ]
    with mpmath.workdps(40):
        R = superstable_table(11, 30)
        rs = [None] + [bifurcation_point(n, 30) for n in range(1, 12)]
        ok = all(rs[n] < R[n] < rs[n + 1] for n in range(1, 11))
        out.append(
            check_predicate(
                ok,
                exact=False,
                what="r_n < R_n < r_{n+1}, n = 1..10",
                method="mpmath 30 digits, gaps >= 1e-6",
            )
        )
        out.append(check_close(rs[4], mpmath.mpf("3.564407266095432597773557587"), digits=26, what="r_4"))
        out.append(check_close(rs[9], mpmath.mpf("3.569943176048401636354442976"), digits=26, what="r_9"))
        out.append(
            check_close(
                superstable_table(15, 25)[15], mpmath.mpf("3.5699456717283834742"), digits=19, what="R_15"
            )
        )
    return out


@theorem(
    "Onset of chaos r_inf = 3.56994567187094490184...",
    tags=("dynamics", "cascade"),
    source="OEIS A098587; brief wave2_dynamics.md D3",
)
def onset():
    r"""Two Richardson steps on $R_n$ (factors $\delta$, $\delta^2$) give $r_\infty$ to 22 digits, matching
    OEIS A098587."""
    with mpmath.workdps(40):
        v = onset_of_chaos(22)
        return check_close(v, mpmath.mpf(R_INF), digits=21, what="r_inf", method="Richardson on R_n")


@theorem(
    "r = 4 is conjugate to the tent map by x = sin^2(pi y/2), and its Lyapunov exponent is ln 2",
    tags=("dynamics", "logistic"),
    source="brief dynamics_statmech.md §1 (r = 4); Ulam & von Neumann 1947",
)
def tent_conjugacy():
    r"""With $h(y) = \sin^2(\pi y/2)$: $4h(1-h) = \sin^2(\pi y) = h(2y) = h(2 - 2y)$, so $f_4\circ h =
    h\circ T$.
    Then $\lambda = \int_0^1 \ln|f_4'(h(y))|\,dy = \int_0^1 \ln|4\cos\pi y|\,dy = \ln 2$ (checked by
    quadrature at 30 digits), and a float time average agrees within its error."""
    yy = sp.Symbol("y", real=True)
    h = sp.sin(sp.pi * yy / 2) ** 2
    out = [mm.verify(4 * h * (1 - h), h.subs(yy, 2 * yy)), mm.verify(4 * h * (1 - h), h.subs(yy, 2 - 2 * yy))]
    with mpmath.workdps(30):
        quad = mpmath.quad(lambda t: mpmath.log(abs(4 * mpmath.cos(mpmath.pi * t))), [0, 0.5, 1])
        out.append(
            check_close(
                quad,
                sp.log(2),
                digits=28,
                what="invariant-measure integral",
                method="mpmath quad 30 digits, split at the singularity",
            )
        )
    est = lyapunov(4 * x * (1 - x), x, 0.3, n_iter=100_000)
    out.append(
        check_predicate(
            abs(est.value - math.log(2)) < 5 * est.error + 1e-4,
            exact=False,
            what=f"time average {est.value:.6f} ± {est.error:.1g}",
            method="float64 orbit, 1e5 iterations",
        )
    )
    return out


@theorem(
    "Windows: the real superstable period-p parameters number A000048(p), p = 1..12",
    tags=("dynamics", "windows"),
    source="OEIS A000048; Metropolis, Stein & Stein, J. Comb. Th. A 15 (1973) 25",
)
def window_counts():
    r"""Each admissible kneading word gives a parameter certified by Arb (sign change of $f^p(1/2) - 1/2$
    in an interval of radius $10^{-21}$, lower periods excluded on it); the counts equal OEIS A000048.
    Independently, for $p \le 7$ the exact Sturm count of real roots of $G_p(c) = f_c^p(0)$ ($z^2 + c$),
    minus the divisors' counts, gives the same numbers."""
    counts = [len(windows(p, 20)) for p in range(1, 13)]
    out = [
        check_exact(
            sp.Matrix([counts]),
            sp.Matrix([A000048]),
            what="certified windows per period",
            method="exact: admissible-word enumeration (one parameter per admissible word: Metropolis-Stein-"
            "Stein, Milnor-Thurston) + Arb root certificates on disjoint intervals",
        )
    ]
    c = sp.Symbol("c")
    prim = {}
    for p in range(1, 8):
        z = sp.Integer(0)
        for _ in range(p):
            z = sp.expand(z**2 + c)
        total = sp.Poly(z, c).count_roots()
        prim[p] = total - sum(prim[d] for d in sp.divisors(p)[:-1])
    out.append(
        check_exact(
            sp.Matrix([[prim[p] for p in range(1, 8)]]),
            sp.Matrix([A000048[:7]]),
            what="Sturm counts of real roots of f_c^p(0)",
            method="exact: Sturm sequences",
        )
    )
    return out


@theorem(
    "Li-Yorke/Sharkovskii at r = 3.835: every least period 1..12 occurs",
    tags=("dynamics", "sharkovskii"),
    source="Li & Yorke, Amer. Math. Monthly 82 (1975) 985; Sharkovskii 1964; brief wave2_dynamics.md §3",
)
def li_yorke():
    r"""$r = 767/200$ lies in the period-3 window (superstable $3.8319 < r < 3.8415$, the period doubling).
    For each $n \le 12$ an interval with dyadic end points carries an Arb-certified sign change of
    $f^n(x) - x$ while $f^d(x) - x$ ($d | n$, $d < n$) excludes 0 on it.  Sharkovskii's order puts 3
    before every $n$, as the theorem predicts."""
    rr = Fraction(767, 200)
    found = [certify_least_period(rr, n) is not None for n in range(1, 13)]
    return [
        check_predicate(
            all(found),
            exact=True,
            what="least periods 1..12 certified at r = 767/200",
            method="arb: interval sign change + exclusion of lower periods",
        ),
        check_predicate(
            all(sharkovskii_precedes(3, n) for n in range(1, 200) if n != 3),
            exact=True,
            what="3 precedes every n in Sharkovskii's order",
            method="exact: finite check",
        ),
    ]


@theorem(
    "Type-I intermittency: normal form and channel time 3 pi / sqrt(|a b| eps)",
    tags=("dynamics", "intermittency"),
    source="Pomeau & Manneville, Commun. Math. Phys. 74 (1980) 189; brief wave2_dynamics.md D5",
)
def intermittency_channel():
    r"""At $r_c = 1 + \sqrt 8$: $a = \tfrac12 \partial_x^2 f^3$, $b = \partial_r f^3$ (carried
    derivatives) agree
    with centred finite differences at 30 digits; the directly iterated passage time through the channel
    approaches the normal-form time as $\varepsilon \to 0$ (within 1% at $\varepsilon = 10^{-7}$)."""
    it = intermittency(3, digits=25)
    out = []
    with mpmath.workdps(60):
        xc, rc, h = it.x_c, it.r_c, mpmath.mpf(10) ** -15

        def f3(xx, rr):
            for _ in range(3):
                xx = rr * xx * (1 - xx)
            return xx

        a_fd = (f3(xc + h, rc) - 2 * f3(xc, rc) + f3(xc - h, rc)) / (2 * h * h)
        b_fd = (f3(xc, rc + h) - f3(xc, rc - h)) / (2 * h)
        out.append(
            compare_routes(it.a, a_fd, digits=20, what="a", names=("carried jets", "finite differences"))
        )
        out.append(
            compare_routes(it.b, b_fd, digits=20, what="b", names=("carried jets", "finite differences"))
        )
    n = it.simulate_passage(1e-7, 0.01)
    out.append(
        check_close(
            n,
            it.passage_time(1e-7, 0.01),
            digits=1.9,
            what="passage time at eps = 1e-7",
            method="float64 iteration vs normal form",
        )
    )
    return out


@theorem(
    "Henon map: lambda_1 + lambda_2 = ln|b|; lambda_1 = 0.419 at (1.4, 0.3)",
    tags=("dynamics", "henon"),
    source="Henon, Commun. Math. Phys. 50 (1976) 69; Sprott, Chaos and Time-Series Analysis (2003), App. A",
)
def henon():
    r"""$\det J = \det\begin{pmatrix}-2ax & 1\\ b & 0\end{pmatrix} = -b$ for every point, so the
    exponents sum to
    $\ln|b|$ exactly; QR reproduces it to rounding, and $\lambda_1$ matches Sprott's 0.41922."""
    a, b = sp.symbols("a b")
    J = sp.Matrix([1 - a * x**2 + y, b * x]).jacobian([x, y])
    l1, l2 = spec = henon_lyapunov(1.4, 0.3, n_iter=60_000)
    return [
        mm.verify(J.det(), -b),
        check_close(l1 + l2, math.log(0.3), digits=12, what="lambda_1 + lambda_2", method="float64 QR"),
        check_close(
            l1, 0.41922, digits=2.3, what=f"lambda_1 (± {spec.errors[0]:.1g})", method="float64 QR, 6e4 steps"
        ),
    ]


@theorem(
    "Cat map: #Fix(A^n) = |tr A^n - 2| = L_{2n} - 2",
    tags=("dynamics", "symbolic"),
    source="brief wave2_dynamics.md D10; Arnold & Avez, Ergodic problems of classical mechanics (1968)",
)
def cat_map_counts():
    r"""Enumerating the lattice points $m \in (A^n - 1)[0,1)^2$ exactly gives the fixed points of $A^n$ on the
    torus; their number is $|\det(A^n - 1)| = |\operatorname{tr}A^n - 2| = L_{2n} - 2$ (Lucas numbers):
    1, 5, 16, 45, 121, 320 for $n \le 6$."""
    C = cat_map()
    enum = [len(C.fixed_points(n)) for n in range(1, 7)]
    A = sp.Matrix([[2, 1], [1, 1]])
    trace = [abs((A**n).trace() - 2) for n in range(1, 7)]
    lucas = [sp.lucas(2 * n) - 2 for n in range(1, 7)]
    return [
        check_exact(
            sp.Matrix([enum]),
            sp.Matrix([trace]),
            what="enumeration vs |tr A^n - 2|",
            method="exact: Fraction lattice enumeration",
        ),
        check_exact(sp.Matrix([trace]), sp.Matrix([lucas]), what="Lucas numbers L_2n - 2"),
    ]


@theorem(
    "Escape rate of the slopes-(3, 4) repeller is ln(12/7)",
    tags=("dynamics", "trace"),
    source="Cvitanovic et al., ChaosBook, ch. 'Why cycle?'; brief wave2_dynamics.md D10",
)
def escape():
    r"""The points surviving $n$ steps form $2^n$ intervals of total length exactly $(1/3 + 1/4)^n = (7/12)^n$
    (enumerated for $n \le 8$), so $\gamma = \ln(12/7) = 0.5389965\ldots$; Monte Carlo agrees."""
    rep = PiecewiseLinearRepeller([3, 4])
    meas = sp.Matrix([[rep.survivor_measure(n) for n in range(1, 9)]])
    return [
        check_exact(
            meas,
            sp.Matrix([[sp.Rational(7, 12) ** n for n in range(1, 9)]]),
            what="survivor measure",
            method="exact: interval enumeration",
        ),
        check_close(
            rep.simulate_escape(200_000, 6, seed=0),
            sp.log(sp.Rational(12, 7)),
            digits=1.5,
            what="Monte Carlo escape rate",
            method="float64, 2e5 points, 6 steps",
        ),
    ]


@theorem(
    "Newman's spectrum and the stretch-and-fold window of random deep linear nets",
    tags=("dynamics", "random matrices"),
    source="Newman, Commun. Math. Phys. 103 (1986) 121; brief D9",
)
def stretch_and_fold():
    r"""For i.i.d. Gaussian layers with entry variance $v$, $\lambda_i = \tfrac12[\ln 2v + \psi((N-i+1)/2)]$.
    $\lambda_1 = 0$ exactly at $v = e^{-\psi(N/2)}/2$ and $\lambda_N = 0$ at $v = 2e^\gamma$ (since
    $\psi(1/2) = -\gamma - 2\ln 2$), so exponents of both signs occur iff $v$ lies between; the QR Monte Carlo
    matches Newman's formula within 5 standard errors (N = 4)."""
    n = sp.Symbol("N", positive=True)
    low = sp.exp(-sp.polygamma(0, n / 2)) / 2
    out = [
        mm.verify(sp.log(2 * low) + sp.polygamma(0, n / 2), 0),
        mm.verify(sp.log(2 * (2 * sp.exp(sp.EulerGamma))) + sp.polygamma(0, sp.Rational(1, 2)), 0),
    ]
    lo4, hi4 = stretch_and_fold_window(4)
    out.append(check_exact(lo4, sp.exp(sp.EulerGamma - 1) / 2, what="window low end, N = 4"))
    exact = random_product_lyapunov(4, 0.25)
    mc = random_product_lyapunov(4, 0.25, method="qr", n_layers=10_000, seed=2)
    ok = all(abs(float(e) - m) < 5 * s for e, m, s in zip(exact, mc, mc.errors))
    out.append(
        check_predicate(
            ok,
            exact=False,
            what="QR Monte Carlo within 5 sigma of Newman (N = 4)",
            method="float64 QR, 1e4 layers",
        )
    )
    return out


@theorem(
    "slide: linear layers with singular values both > 1 and < 1 make the deep net stretch (lambda_1 > 0)",
    tags=("dynamics", "slide"),
    expect="disproved",
    source="Freedman, 'ML, QML and Dynamics', slide 'DNN' (seed 000_e39733c048b85876.txt)",
)
def slide_singular_values():
    r"""The slide: vanilla DNN layers "typically have singular values both $> 1$ and $< 1$", read as the
    stretch-and-fold of chaos.  At the standard initialisation ($N = 4$, entry variance $1/N$) a seeded layer
    indeed has singular values on both sides of 1, yet the top Lyapunov exponent of the product is
    $\lambda_1 = \tfrac12(1 - \gamma - \ln 2) = -0.135 < 0$ (Arb): every direction contracts.  Singular values
    of one layer do not decide stretching; the criterion is the window of `stretch_and_fold_window`."""
    W = np.random.default_rng(0).standard_normal((4, 4)) / 2.0
    s = np.linalg.svd(W, compute_uv=False)
    old = ctx.prec
    ctx.prec = 128
    try:
        lam1 = (1 - arb.const_euler() - arb(2).log()) / 2
        positive = bool(lam1 > 0)
        decided = not lam1.contains(0)
    finally:
        ctx.prec = old
    return [
        check_predicate(
            bool(s.max() > 1 > s.min()),
            exact=False,
            what=f"singular values {np.round(s, 3)}",
            method="float64 SVD, seed 0",
        ),
        check_predicate(
            positive and decided,
            exact=True,
            what="lambda_1 = (1 - gamma - ln 2)/2 > 0",
            method="arb 128 bits",
        ),
    ]


@theorem(
    "slide: x_{n+1} = -r x_n (x_n - 1) is the logistic map; period 3 implies chaos (Li-Yorke)",
    tags=("dynamics", "slide"),
    source="Freedman, slide 'Logistic Map' (seed 000_e39733c048b85876.txt)",
)
def slide_logistic():
    r"""The slide's form equals $r x(1 - x)$; "York-Li period 3 $\Rightarrow$ chaos" (Li & Yorke 1975,
    the names are
    reversed on the slide) holds: at $r = 3.835$ the map has a 3-cycle (certified) and a cycle of
    period 5, 7, 11
    (certified); the topological entropy is positive since the laps of $f^n$ grow like $e^{nh}$ (checked with
    `mathml.kolmogorov.laps`: 2, 4, 8, 16, 30, 54 for $n \le 6$, strictly below $2^n$ from $n = 5$)."""
    rr = Fraction(767, 200)
    lap = [laps(sp.Rational(767, 200) * x * (1 - x), x, n) for n in range(1, 7)]
    return [
        mm.verify(-r * x * (x - 1), LogisticMap(r).expr()),
        check_predicate(
            all(certify_least_period(rr, n) is not None for n in (3, 5, 7, 11)),
            exact=True,
            what="periods 3, 5, 7, 11 at r = 767/200",
            method="arb interval certificates",
        ),
        check_predicate(
            lap == [2, 4, 8, 16, 30, 54],
            exact=False,
            what=f"laps of f^n: {lap}",
            method="mathml.kolmogorov.laps, mpmath 60 digits",
        ),
    ]


@theorem(
    "slide: the Smale horseshoe's invariant set is a Cantor set with the full 2-shift",
    tags=("dynamics", "slide", "symbolic"),
    source="Freedman, slide 'Smale Horseshoe Map'; Smale 1967",
)
def slide_horseshoe():
    r"""For the affine horseshoe ($\lambda = 1/3$, $\mu = 3$), each word $w$ of length $n \le 8$ gives
    exactly one
    point fixed by $H^n$ (exact rationals), all $2^n$ are distinct, the itinerary of the point of $w$
    is $w$, and
    $H$ acts as the shift: $H(p(w_0 w_1\ldots)) = p(w_1 \ldots w_0)$.  The invariant set is $C \times
    C$ with Hausdorff
    dimension $2\ln 2/\ln 3$."""
    H = Horseshoe()
    ok = True
    for n in range(1, 9):
        pts = H.periodic_points(n)
        ok &= len(set(pts)) == 2**n
        for i, p in enumerate(pts):
            w = format(i, f"0{n}b")
            ok &= H.itinerary(p, n) == w and H(p) == H.periodic_point(w[1:] + w[0])
    return [
        check_predicate(
            ok,
            exact=True,
            what="conjugacy to the 2-shift on periodic points, n <= 8",
            method="exact: Fraction arithmetic",
        ),
        check_exact(H.hausdorff_dimension(), 2 * sp.log(2) / sp.log(3), what="Hausdorff dimension"),
    ]


@theorem(
    "slide: the Gutzwiller weight is 1/(2 sinh chi_{n,k}) with e^{chi} the monodromy eigenvalue",
    tags=("dynamics", "slide", "trace"),
    expect="disproved",
    source="Freedman, slide 'What Could Quantum Offer ML' (Gutzwiller); Gutzwiller 1971; brief S-7",
)
def slide_gutzwiller():
    r"""The slide writes $1/(2\sinh\chi_{n,k})$.  With $\chi$ the stability exponent (eigenvalues
    $e^{\pm\chi}$) the
    right weight is $|\det(M^n - 1)|^{-1/2} = 1/(2\sinh(n\chi/2))$: the slide is right only if
    $\chi_{n,k} = n\lambda_k T_k/2$.  For the cat map, $n = 1$: $|\det(M - 1)|^{-1/2} = 1$ but
    $1/(2\sinh\chi) = 1/\sqrt5$.  (The slide also omits $1/i\hbar$ and the Weyl term; $T_k$ is a period.)"""
    chi = sp.Symbol("chi", positive=True)
    nn = sp.Symbol("n", positive=True, integer=True)
    M = sp.diag(sp.exp(chi), sp.exp(-chi))
    lhs = -(M**nn - sp.eye(2)).det()
    d = mm.Derivation("|det(M^n - 1)| for eigenvalues e^{±chi}", lhs)
    d.step(sp.exp(nn * chi) + sp.exp(-nn * chi) - 2, "expand")
    d.step(4 * sp.sinh(nn * chi / 2) ** 2, "$\\cosh 2u - 1 = 2\\sinh^2 u$")
    A = sp.Matrix([[2, 1], [1, 1]])
    chi_cat = sp.log((3 + sp.sqrt(5)) / 2)
    slide = 1 / (2 * sp.sinh(chi_cat))
    return [
        d,
        check_exact(
            gutzwiller_amplitude(A, 1),
            sp.simplify(slide.rewrite(sp.exp)),
            what="cat map n = 1: |det(M-1)|^(-1/2) vs 1/(2 sinh chi)",
            method="exact: sympy radicals",
        ),
    ]


@theorem(
    "kneading words are ordered like the parameters",
    tags=("dynamics", "windows"),
    source="Milnor & Thurston, LNM 1342 (1988): monotonicity of the kneading invariant",
)
def kneading_order():
    r"""The superstable parameters of the windows of each period $p \le 9$, sorted by $r$, carry the
    admissible
    words in increasing unimodal order (each parameter's orbit itinerary is checked against its word)."""
    ok = True
    for p in range(2, 10):
        vals = windows(p, 15)
        ok &= len(vals) == len(kneading_words(p)) and all(a < b for a, b in zip(vals, vals[1:]))
    return check_predicate(
        ok, exact=False, what="sorted parameters <-> sorted words", method="mpmath 15 digits"
    )


@theorem(
    "slide (laps conjecture): # pastry layers = laps^depth, i.e. laps(f^n) = laps(f)^n",
    tags=("dynamics", "slide", "laps"),
    expect="disproved",
    source="Freedman, slide 'Laps Conjecture' (seed 000_e39733c048b85876.txt); Misiurewicz & Szlenk 1980",
)
def slide_laps_power():
    r"""The slide equates the number of pastry layers with $\mathrm{laps}^{\mathrm{depth}}$.  For the full
    fold
    ($r = 4$) $\mathrm{laps}(f^n) = 2^n$ holds ($n \le 6$), but laps are only submultiplicative: at
    $r = 767/200$ (period-3 window) $\mathrm{laps}(f^5) = 30 < 2^5$, and
    $\mathrm{laps}(f^n)^{1/n} \to e^{h_{top}} < 2$ (Misiurewicz-Szlenk).  Counts from `mathml.kolmogorov.laps`
    at 60 digits, confirmed at 120 digits."""
    f4 = 4 * x * (1 - x)
    full = [laps(f4, x, n) for n in range(1, 7)]
    g = sp.Rational(767, 200) * x * (1 - x)
    five, five_hi = laps(g, x, 5), laps(g, x, 5, dps=120)
    return [
        check_predicate(full == [2**n for n in range(1, 7)], exact=False, what=f"r = 4: laps {full}",
                        method="mathml.kolmogorov.laps, 60 digits"),
        check_predicate(five == 2**5, exact=False, confirmed=five == five_hi,
                        what=f"r = 767/200: laps(f^5) = {five} vs laps(f)^5 = 32",
                        method="mathml.kolmogorov.laps, 60 and 120 digits"),
    ]
