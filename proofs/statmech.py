"""Statistical mechanics of networks (brief wave2_statmech.md and dynamics_statmech.md section 4):
Ising decimation, the three routes to the 2D partition function, Onsager at K_c, RBM marginals,
Mehta-Schwab exactness, PCA-RG, Trotter layers, the Gaussian DBM, the AGS capacity, and two slide
statements (Jafari's unnormalised P(v), Z = e^{-S_grav})."""

import inspect
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

import mathml as mm
from mathml.core.checks import check_close, check_exact, check_predicate, compare_routes
from mathml.statmech import (
    K_C,
    RBM,
    GaussianDBM,
    Ising2D,
    IsingChain,
    ags_capacity,
    ags_equations,
    decimation_coupling,
    density_of_states,
    lattice_gaussian_covariance,
    mehta_schwab_1d,
    onsager_free_energy,
    pca_rg,
    trotter_coupling,
    variational_rg,
)

JAFARI = "Jafari, 'ML and Physics, Lec III: Physics for ML' (seed 002_b1058ae68cda0212.txt)"
HASHIMOTO = "Hashimoto, 'Neural Networks, Quantum systems and Gravity' (seed 001_93b42a828fc17771.txt)"
K = sp.Symbol("K", positive=True)


def _theorem(name, source, **kw):
    """`mm.theorem` with ``source=`` when the installed core accepts it (else the docstring carries it)."""
    if "source" in inspect.signature(mm.theorem).parameters:
        kw["source"] = source
    return mm.theorem(name, **kw)


@_theorem(
    "Decimation of the Ising chain: sum_s2 e^{K s2 (s1 + s3)} = A e^{K' s1 s3} and Z_N = A^{N/2} Z_{N/2}(K')",
    "Kadanoff; brief dynamics_statmech.md section 4 (oracle S5)",
    tags=("statmech", "rg"),
)
def decimation():
    r"""For every $s_1, s_3 = \pm1$: $2\cosh K(s_1 + s_3) = 2\sqrt{\cosh 2K}\,e^{K's_1s_3}$ with
    $K' = \tfrac12\ln\cosh 2K$ (symbolic, four cases).  Hence $Z_8(K) = A^4 Z_4(K')$ in closed form
    $(2\cosh K)^8 + (2\sinh K)^8$, and with a field $h$ the general map $(K', h', A)$ of
    `IsingChain.decimate` reproduces brute-force enumeration at exact $K = 7/10$, $h = 1/3$
    (30 digits); at $K = 7/10$, $K' = 0.382942822864013044860$ (brief S5)."""
    Kp, A = decimation_coupling(K), 2 * sp.sqrt(sp.cosh(2 * K))
    cases = [(s1, s3) for s1 in (1, -1) for s3 in (1, -1)]
    lhs = sp.Matrix([2 * sp.cosh(K * (s1 + s3)) for s1, s3 in cases])
    rhs = sp.Matrix([A * sp.exp(Kp * s1 * s3) for s1, s3 in cases])
    out = [mm.verify(lhs, rhs)]
    chain = IsingChain(8, K)
    a, half = chain.decimate()
    d = mm.Derivation("Z_8(K) = A^4 Z_4(K')", chain.partition_function())
    d.step(a**4 * half.partition_function(), "decimation, $K' = \\tfrac12\\ln\\cosh 2K$")
    out.append(d)
    field = IsingChain(10, Fraction(7, 10), Fraction(1, 3))
    a, half = field.decimate()
    with mpmath.workdps(40):
        exact = field.partition_function("brute", dps=40)
        via = mpmath.mpf(sp.N(a, 45)) ** 5 * half.partition_function(dps=40)
        out.append(
            compare_routes(
                via,
                exact,
                digits=30,
                what="Z_10(7/10, 1/3) with a field",
                names=("A^5 Z_5(K', h')", "brute force, 2^10 states"),
            )
        )
        kp = decimation_coupling(sp.Rational(7, 10))
        out.append(
            check_close(
                sp.N(kp, 40),
                mpmath.mpf("0.382942822864013044860"),
                digits=20,
                what="K'(0.7), brief S5",
                method="sympy evalf 40 digits",
            )
        )
    return out


@_theorem(
    "Kaufman's formula = transfer matrix = brute force for the L x L torus (L = 2, 3, 4)",
    "B. Kaufman, Phys. Rev. 76, 1232 (1949); brief dynamics_statmech.md section 4 (oracle S4)",
    tags=("statmech", "ising"),
)
def kaufman_transfer_brute():
    r"""At $K = 1/2$ and $K = 3/10$ (both sides of $K_c$, so both signs of $\gamma_0 = 2K + \ln\tanh K$),
    the exact brute-force $Z = \sum_E g(E)e^{-KE}$ (integer $g$ from enumerating $2^{L^2}$ states)
    agrees with Kaufman's formula and with the trace of the row transfer matrix (Arb balls) to 35
    digits, and $Z_{4\times4}(1/2) = 26839013.61226279250585$ (brief S4)."""
    out = []
    with mpmath.workdps(45):
        for L in (2, 3, 4):
            for Kv in (sp.Rational(1, 2), sp.Rational(3, 10)):
                model = Ising2D(L, Kv)
                exact = model.partition_function("brute")
                kauf = model.partition_function("kaufman", dps=45)
                tran = model.partition_function("transfer", dps=45)
                out.append(
                    check_close(
                        kauf,
                        exact,
                        digits=35,
                        what=f"Kaufman, L = {L}, K = {Kv}",
                        method="mpmath 45 digits",
                        recompute=lambda m=model: m.partition_function("kaufman", dps=90),
                    )
                )
                out.append(
                    compare_routes(
                        tran,
                        kauf,
                        digits=35,
                        what=f"L = {L}, K = {Kv}",
                        names=("transfer matrix (Arb)", "Kaufman"),
                    )
                )
        z = Ising2D(4, sp.Rational(1, 2)).partition_function("brute")
        out.append(
            check_close(
                z,
                mpmath.mpf("26839013.61226279250585"),
                digits=21,
                what="brief S4",
                method="exact sum evaluated at 45 digits",
            )
        )
    return out


@_theorem(
    "Z_{4x4}(K_c) = 5509120 is an integer (and Z_{2x2}(K_c) = 80), while Z_{3x3}(K_c) is irrational",
    "brief dynamics_statmech.md section 4 (oracle S4); wave2_statmech.md section 3",
    tags=("statmech", "ising"),
)
def z44_integer():
    r"""$e^{2K_c} = 1 + \sqrt2$, so $e^{-K_cE} = (1 + \sqrt2)^{-E/2}$.  On an even torus E is a multiple
    of 4 and $g(E) = g(-E)$ (flip one sublattice), so Z is a sum of
    $(1 + \sqrt2)^{2m} + (\sqrt2 - 1)^{2m} \in \mathbb Z$: exactly $Z_{4\times4}(K_c) = 5509120$ and
    $Z_{2\times2}(K_c) = 80$ (exact algebra on the enumerated $g(E)$; no normalisation needed).
    On the $3\times3$ torus the powers are odd and the $\sqrt2$ part survives: $Z = a + b\sqrt2$ with
    $b \ne 0$, so the integrality is special to even L."""
    out = [
        check_exact(
            Ising2D(4, K_C).partition_function("brute"),
            5509120,
            what="Z_4x4(K_c)",
            method="exact algebra in Q(sqrt 2) over the enumerated g(E)",
        ),
        check_exact(
            Ising2D(2, K_C).partition_function("brute"),
            80,
            what="Z_2x2(K_c)",
            method="exact algebra in Q(sqrt 2)",
        ),
    ]
    g4 = density_of_states(4)
    out.append(
        check_predicate(
            all(E % 4 == 0 and g4[E] == g4.get(-E) for E in g4),
            exact=True,
            what="4x4: E = 0 mod 4 and g(E) = g(-E)",
            method="exact enumeration of 2^16 states",
        )
    )
    z3 = sp.expand(Ising2D(3, K_C).partition_function("brute"))
    b = z3.coeff(sp.sqrt(2))
    out.append(
        check_predicate(
            b != 0 and z3.subs(sp.sqrt(2), 0) + b * sp.sqrt(2) == z3,
            exact=True,
            what=f"Z_3x3(K_c) = {z3}: its sqrt(2) part is non-zero",
            method="exact algebra in Q(sqrt 2)",
        )
    )
    return out


@_theorem(
    "Antiferromagnet: Z_L(-K) = Z_L(K) on even tori but not on odd ones; Kaufman continued to K < 0",
    "B. Kaufman, Phys. Rev. 76, 1232 (1949); audit of mathml.statmech (odd-L continuation derived here)",
    tags=("statmech", "ising"),
)
def antiferromagnet():
    r"""Flipping one sublattice of an even torus maps every bond $s_is_j \to -s_is_j$, so $g(E) = g(-E)$
    and $Z(-K) = Z(K)$: exact enumeration of the $2^{16}$ states of the $4\times4$ torus.  On the
    $3\times3$ torus there is no such map: $g(-18) = 2$ but $g(18) = 0$ (the antiferromagnet is
    frustrated), so the exponential polynomials $Z(\pm K)$ differ.  For $K < 0$ and odd L Kaufman's
    four products at $|K|$ recombine with the signs $(-, +, +, -)$ (continuation
    $\gamma_k(-K) = \gamma_{L-k}(K) + i\pi$, which swaps the odd and even sets of k and turns
    $\cosh$ into $\pm i\sinh$); this reproduces the exact $Z_{3\times3}(-1/2)$ and $Z_{3\times3}(-3)$
    to 35 digits and the float64 transfer matrix at $L = 7$, $K = -3$."""
    g4, g3 = density_of_states(4), density_of_states(3)
    out = [
        check_predicate(
            all(g4[E] == g4.get(-E, 0) for E in g4),
            exact=True,
            what="4x4 torus: g(E) = g(-E), hence Z(-K) = Z(K)",
            method="exact enumeration of 2^16 states",
        ),
        check_predicate(
            g3[-18] == 2 and g3.get(18, 0) == 0,
            exact=True,
            what="3x3 torus: g(-18) = 2 but g(18) = 0, hence Z(-K) != Z(K)",
            method="exact enumeration of 2^9 states",
        ),
    ]
    with mpmath.workdps(45):
        for Kv in (sp.Rational(-1, 2), sp.Integer(-3)):
            model = Ising2D(3, Kv)
            out.append(
                check_close(
                    model.partition_function("kaufman", dps=45),
                    model.partition_function("brute"),
                    digits=35,
                    what=f"Z_3x3({Kv}): Kaufman continued vs exact enumeration",
                    method="mpmath 45 digits",
                    recompute=lambda m=model: m.partition_function("kaufman", dps=90),
                )
            )
    seven = Ising2D(7, -3.0)
    out.append(
        compare_routes(
            seven.log_partition_function("kaufman"),
            seven.log_partition_function("transfer"),
            digits=11,
            what="ln Z_7x7(-3)",
            names=("Kaufman continued", "transfer matrix, float64 positive matrix power"),
        )
    )
    return out


@_theorem(
    "Onsager at K_c: -beta f = ln 2 / 2 + 2G/pi (G = Catalan)",
    "L. Onsager, Phys. Rev. 65, 117 (1944); brief wave2_statmech.md oracle S2",
    tags=("statmech", "ising"),
)
def onsager_kc():
    r"""Exactly: $\sinh 2K_c = 1$, $\cosh 2K_c = \sqrt2$, so $k = 2\sinh 2K_c/\cosh^2 2K_c = 1$ and
    $\ln(2\cosh 2K_c) = \tfrac32\ln 2$.  Then $\tfrac1\pi\int_0^{\pi/2}\ln\tfrac{1 + \cos\theta}2\,d\theta =
    \tfrac4\pi\int_0^{\pi/4}\ln\cos u\,du = \tfrac{2G}\pi - \ln 2$, giving $\ln2/2 + 2G/\pi =
    0.92969539834161021498\ldots$ (quadrature at 40 digits).  Second route, away from $K_c$:
    Kaufman's $\ln Z/L^2$ at $L = 128$, $K = 0.3$ (finite-size error $\sim e^{-L/\xi}$) equals
    Onsager's integral to 20 digits."""
    out = [
        check_exact(sp.sinh(2 * K_C).rewrite(sp.exp), 1, what="sinh 2K_c", method="symbolic"),
        check_exact(sp.cosh(2 * K_C).rewrite(sp.exp), sp.sqrt(2), what="cosh 2K_c", method="symbolic"),
        mm.verify(sp.log(2 * sp.cosh(2 * K_C)), sp.Rational(3, 2) * sp.log(2)),
    ]
    closed = sp.log(2) / 2 + 2 * sp.Catalan / sp.pi
    with mpmath.workdps(45):
        out.append(
            check_close(
                onsager_free_energy(K_C, dps=40),
                closed,
                digits=35,
                what="-beta f(K_c), brief S2 = 0.9296953983416102149854",
                method="mpmath quad 40 digits",
                recompute=lambda: onsager_free_energy(K_C, dps=60),
            )
        )
        u = mpmath.mpf(1)
        out.append(
            check_close(
                4 / mpmath.pi * mpmath.quad(lambda t: mpmath.log(mpmath.cos(t)), [0, mpmath.pi / 4]),
                2 * mpmath.catalan / mpmath.pi - mpmath.log(2) * u,
                digits=35,
                what="(4/pi) int_0^{pi/4} ln cos = 2G/pi - ln 2",
                method="mpmath quad 45 digits",
            )
        )
    with mpmath.workdps(30):
        big = Ising2D(128, sp.Rational(3, 10)).log_partition_function(dps=30) / 128**2
        out.append(
            compare_routes(
                big,
                onsager_free_energy(sp.Rational(3, 10), dps=30),
                digits=20,
                what="-beta f(0.3)",
                names=("Kaufman L = 128", "Onsager integral"),
            )
        )
    return out


@_theorem(
    "RBM marginals: sum_h e^{-E} = e^{a.v} prod_j (1 + e^{b_j + W_j.v}) (0/1), prod_j 2cosh(...) (+-1)",
    "Carleo-Troyer, Science 355, 602 (2017); brief wave2_statmech.md oracle S8",
    tags=("statmech", "rbm"),
)
def rbm_marginals():
    r"""Symbolic for 2 visible and 3 hidden units with symbolic $v$, $a$, $b$, $W$ (energy
    $E = -a\cdot v - b\cdot h - v^TWh$): the $2^3$-term hidden sum equals the product form, for 0/1
    and for $\pm1$ hidden units.  Numerically, `RBM.log_partition_function` (sum of $e^{-F(v)}$ over
    the smaller layer) equals the naive double loop over all $2^{12}$ pairs in both conventions."""
    v = sp.symbols("v0:2", real=True)
    a = sp.symbols("a0:2", real=True)
    b = sp.symbols("b0:3", real=True)
    W = sp.Matrix(2, 3, sp.symbols("w0:6", real=True))
    field = [b[j] + sum(W[i, j] * v[i] for i in range(2)) for j in range(3)]
    av = sum(ai * vi for ai, vi in zip(a, v))
    out = []
    for vals, factor in (((0, 1), lambda x: 1 + sp.exp(x)), ((-1, 1), lambda x: 2 * sp.cosh(x))):
        total = sum(
            sp.exp(av + sum(h[j] * field[j] for j in range(3)))
            for h in [(x, y, z) for x in vals for y in vals for z in vals]
        )
        prod = sp.exp(av) * sp.Mul(*[factor(f) for f in field])
        out.append(mm.verify(total, prod.rewrite(sp.exp) if vals == (-1, 1) else prod))
    for units in ("binary", "spin"):
        rbm = RBM.random(5, 7, seed=3, units=units)
        out.append(
            compare_routes(
                rbm.log_partition_function(),
                rbm.log_partition_function(method="naive"),
                digits=12,
                what=f"ln Z, {units} units",
                names=("sum of e^{-F(v)}", "naive loop"),
            )
        )
    return out


@_theorem(
    "Mehta-Schwab: an RBM whose hidden marginal is exactly the decimated chain; Tr_h e^T -> 1 as w -> oo",
    "Mehta & Schwab, arXiv:1410.3831; brief dynamics_statmech.md section 4",
    tags=("statmech", "rg"),
)
def mehta_schwab():
    r"""RBM with $\pm1$ units, hidden $h_j$ tied to $v_{2j}$ by $w$ and to $v_{2j\pm1}$ by $K$ (N = 4,
    symbolic $K$, $w$): $\sum_v e^{-E(v, h)} = (2\cosh w)^2A^2e^{2K'h_0h_1}$ for all four $h$ (the
    decimated 2-spin ring).  The RG operator $T = -E + H - 2w$ has
    $\operatorname{Tr}_h e^{T} = \prod_j(1 + e^{-2(w + v_{2j}K(v_{2j-1} + v_{2j+1}))}) \to 1$ as
    $w \to \infty$ (sympy limit), the exactness condition.  Numerically (N = 8, K = 0.7, w = 12) the
    defect equals its bound $4\ln(1 + e^{-2(w - 2K)})$ and any $T = \ln p(h|v)$ gives $Z^{RG} = Z$."""
    w = sp.Symbol("w", positive=True)
    vs = [(a, b, c, d) for a in (1, -1) for b in (1, -1) for c in (1, -1) for d in (1, -1)]
    hs = [(x, y) for x in (1, -1) for y in (1, -1)]

    def minus_e(v, h):
        return h[0] * (w * v[0] + K * (v[3] + v[1])) + h[1] * (w * v[2] + K * (v[1] + v[3]))

    lhs = sp.Matrix([sum(sp.exp(minus_e(v, h)) for v in vs) for h in hs])
    A, Kp = 2 * sp.sqrt(sp.cosh(2 * K)), decimation_coupling(K)
    rhs = sp.Matrix([(2 * sp.cosh(w)) ** 2 * A**2 * sp.exp(2 * Kp * h[0] * h[1]) for h in hs])
    out = [mm.verify(lhs, rhs)]
    trace = sp.log(1 + sp.exp(-2 * (w - 2 * K)))
    out.append(
        check_exact(
            sp.limit(trace, w, sp.oo), 0, what="lim_{w->oo} ln(1 + e^{-2(w - 2K)})", method="symbolic limit"
        )
    )
    ms = mehta_schwab_1d(0.7, N=8, w=12.0)
    rg = ms.variational_rg()
    out.append(
        compare_routes(
            rg.exactness_defect,
            ms.defect_bound(),
            digits=14,
            what="max_v ln Tr_h e^T (the worst v saturates the bound)",
            names=("enumeration", "bound"),
        )
    )
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((2**6, 2**3))
    T = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))  # Tr_h e^T = 1
    H = rng.standard_normal(2**6)
    gen = variational_rg(T, H, 6, 3)
    out.append(
        compare_routes(
            gen.log_Z_rg,
            gen.log_Z,
            digits=13,
            what="Tr_h e^T = 1 implies Z_RG = Z",
            names=("ln Z_RG", "ln Z"),
        )
    )
    return out


@_theorem(
    "PCA modes are Fourier modes: (-Delta + m^2) e^{i theta j} = (m^2 + 4 sin^2(theta/2)) e^{i theta j}",
    "Bradde & Bialek, arXiv:1610.09733; brief wave2_statmech.md oracle S9",
    tags=("statmech", "rg"),
)
def pca_fourier():
    r"""Symbolically, $f_j = e^{2\pi ikj/L}$ is an eigenvector of the periodic precision
    $(-\Delta_L + m^2)$ with eigenvalue $m^2 + 4\sin^2(\pi k/L)$, so the covariance has Fourier
    eigenvectors and variances $1/(m^2 + 4\sin^2(\pi k/L))$.  Numerically (L = 16, m = 0.3), the top five
    PCA variances are those of $k = 0, \pm1, \pm2$ and their modes carry momenta 0, 1, 1, 2, 2."""
    j, k, L = sp.symbols("j k L", integer=True)
    m = sp.Symbol("m", positive=True)
    f = lambda n: sp.exp(2 * sp.pi * sp.I * k * n / L)  # noqa: E731
    lhs = 2 * f(j) - f(j + 1) - f(j - 1) + m**2 * f(j)
    out = [mm.verify(lhs, (m**2 + 4 * sp.sin(sp.pi * k / L) ** 2) * f(j))]
    res = pca_rg(lattice_gaussian_covariance(16, 0.09), keep=5)
    for idx, kk in enumerate((0, 1, 1, 2, 2)):
        out.append(
            check_close(
                res.variances[idx],
                1 / (0.09 + 4 * np.sin(np.pi * kk / 16) ** 2),
                digits=12,
                what=f"PCA variance {idx} (k = {kk})",
                method="float64 eigh",
            )
        )
    out.append(
        check_predicate(
            res.momenta()[:5].tolist() == [0, 1, 1, 2, 2],
            exact=False,
            what="momenta of the top five modes",
            method="float64 FFT of eigenvectors",
        )
    )
    return out


@_theorem(
    "Trotter layer: <s|e^{a sigma^x}|s'> = sqrt(sinh a cosh a) e^{K s s'}, K = -(1/2) ln tanh a",
    "Suzuki 1976; Carleo, Nomura, Imada 2018; brief wave2_statmech.md oracle S7",
    tags=("statmech", "quantum"),
)
def trotter():
    r"""For $a > 0$: $Ce^{K} = \cosh a$ and $Ce^{-K} = \sinh a$, so the classical layer weight
    $Ce^{Kss'}$ equals the matrix $e^{a\sigma^x} = \begin{pmatrix}\cosh a & \sinh a\\ \sinh a & \cosh a
    \end{pmatrix}$ entrywise (symbolic)."""
    a = sp.Symbol("a", positive=True)
    Kt, C = trotter_coupling(a)
    layer = sp.Matrix([[C * sp.exp(Kt * s * t) for t in (1, -1)] for s in (1, -1)])
    sx = sp.Matrix([[0, 1], [1, 0]])
    as_exp = lambda M: M.applyfunc(lambda e: e.rewrite(sp.exp))  # noqa: E731
    return mm.verify(as_exp(layer), as_exp(sp.exp(a * sx)))


@_theorem(
    "Gaussian DBM: the marginal of v has precision S_0 of the Schur chain, ln Z[J] in closed form",
    f"{HASHIMOTO}, slide 'AdS/CFT and deep learning'; brief wave2_statmech.md section 3",
    tags=("statmech", "ads"),
)
def gaussian_dbm():
    r"""Scalar layers $p_0, p_1, p_2$, couplings $w_0, w_1$ (symbols): $(Q^{-1})_{00} = 1/S_0$ with
    $S_0 = p_0 - w_0^2/(p_1 - w_1^2/p_2)$, and $\det Q_{hh} = S_1S_2$ (symbolic).  At
    $p = (2, 3, 2)$, $w = (1, 1)$, $J = 7/10$ the exact closed form of $\ln Z[J]$ agrees to 25 digits
    with the textbook Gaussian integral through the full hidden precision matrix,
    $\tfrac{n_h}2\ln 2\pi - \tfrac12\ln\det Q_{hh} + \tfrac12 c^TQ_{hh}^{-1}c - \tfrac12 p_0J^2$,
    $c = (w_0J, 0)$ (mpmath linear algebra, no Schur chain)."""
    p0, p1, p2, w0, w1 = sp.symbols("p0 p1 p2 w0 w1", positive=True)
    g = GaussianDBM([p0, p1, p2], [w0, w1])
    S = g.schur_chain()
    Q = g.full_precision()
    out = [mm.verify(Q.inv()[0, 0], 1 / S[0][0, 0]), mm.verify(Q[1:, 1:].det(), S[1][0, 0] * S[2][0, 0])]
    num = GaussianDBM([2, 3, 2], [1, 1])
    J = sp.Rational(7, 10)
    with mpmath.workdps(35):
        closed = mpmath.mpf(sp.N(num.log_partition_function(J), 40))
        Jm = mpmath.mpf(7) / 10
        Qhh = mpmath.matrix([[3, -1], [-1, 2]])
        c = mpmath.matrix([Jm, 0])
        direct = (
            mpmath.log(2 * mpmath.pi)
            - mpmath.log(mpmath.det(Qhh)) / 2
            + (c.T * mpmath.lu_solve(Qhh, c))[0] / 2
            - Jm**2
        )
        out.append(
            compare_routes(
                closed,
                direct,
                digits=25,
                what="ln Z[7/10]",
                names=("Schur chain (exact)", "full-matrix Gaussian integral"),
            )
        )
    return out


@_theorem(
    "AGS capacity: alpha_c = 0.1379055664949317, m_c = 0.9674171156852916 (replica-symmetric, T = 0)",
    "Amit, Gutfreund, Sompolinsky, PRL 55, 1530 (1985); brief wave2_statmech.md oracle S6",
    tags=("statmech", "hopfield"),
)
def ags():
    r"""The root $y_c$ of $y g'(y) = g(y)$, $g = \operatorname{erf}(y) - \tfrac{2y}{\sqrt\pi}e^{-y^2}$,
    gives $(\alpha_c, m_c)$ that satisfy the three AGS equations $m = \operatorname{erf}(y)$,
    $C = \sqrt{2/(\pi\alpha r)}e^{-y^2}$, $r = (1 - C)^{-2}$ to 40 digits; $\alpha_c$ agrees with a
    direct maximisation of $\alpha(y) = g^2/(2y^2)$ (golden section), with the published 0.138
    and 0.967 to their 3 digits, and with Stojnic's closed form (the same squared maximum,
    written with $\delta = (1 - m)/2$), printed as 0.137906."""
    a, m = ags_capacity(digits=40)
    out = []
    with mpmath.workdps(50):
        y = mpmath.erfinv(m)
        C = 2 * y * mpmath.exp(-y * y) / (mpmath.sqrt(mpmath.pi) * m)
        r = 1 / (1 - C) ** 2
        for name, res in zip(("m = erf y", "C equation", "r equation"), ags_equations(a, m, C, r)):
            out.append(
                check_close(res, 0, digits=38, what=f"AGS residual: {name}", method="mpmath 50 digits")
            )
    with mpmath.workdps(30):
        g = lambda t: mpmath.erf(t) - 2 * t / mpmath.sqrt(mpmath.pi) * mpmath.exp(-t * t)  # noqa: E731
        alpha = lambda t: g(t) ** 2 / (2 * t * t)  # noqa: E731
        lo, hi = mpmath.mpf(1), mpmath.mpf(2)
        phi = (mpmath.sqrt(5) - 1) / 2
        for _ in range(120):
            x1, x2 = hi - phi * (hi - lo), lo + phi * (hi - lo)
            lo, hi = (x1, hi) if alpha(x1) < alpha(x2) else (lo, x2)
        out.append(
            compare_routes(
                alpha((lo + hi) / 2),
                a,
                digits=20,
                what="alpha_c",
                names=("golden-section maximum", "stationarity root"),
            )
        )
    out.append(check_close(a, 0.138, digits=3, what="alpha_c vs AGS 0.138", method="mpmath 40 digits"))
    out.append(
        check_close(
            a,
            0.137906,
            digits=6,
            what="alpha_c vs Stojnic arXiv:2403.01907, 0.137906",
            method="mpmath 40 digits",
        )
    )
    out.append(check_close(m, 0.967, digits=3, what="m_c vs AGS 0.967", method="mpmath 40 digits"))
    return out


@_theorem(
    "Slide: P(v) = exp[-E(v)] is the Boltzmann machine's probability distribution",
    JAFARI + ", slide 'Boltzmann Machines'",
    tags=("statmech", "slide"),
    expect="disproved",
)
def slide_unnormalised():
    r"""Refuted.  Jafari's slide writes $P(v_i) = \exp[-\mathcal E(v_i)]$ (Hashimoto's slide likewise
    $P(v) = \sum_h \exp[-\mathcal E(v, h)]$).  Summed over the states it is Z, not 1: for
    $\mathcal E \equiv 0$ on three binary units $\sum_v e^{-\mathcal E} = 8$.  Right:
    $P = e^{-\mathcal E}/Z$ (see the companion theorem)."""
    total = sum(sp.exp(0) for _ in range(8))
    return check_exact(total, 1, what="sum over {0,1}^3 of exp(-E) with E = 0", method="exact enumeration")


@_theorem(
    "Boltzmann normalisation: sum_v e^{-E(v)}/Z = 1 for the slide's energy (2 units, symbolic a, w)",
    JAFARI + ", slide 'Boltzmann Machines'",
    tags=("statmech", "slide"),
)
def boltzmann_normalised():
    r"""For $\mathcal E = a_1v_1 + a_2v_2 + w(v_1v_2 + v_2v_1)$ on $v \in \{0, 1\}^2$ (symbols), the
    normalised weights $e^{-\mathcal E}/Z$ sum to 1 exactly."""
    a1, a2, w = sp.symbols("a1 a2 w", real=True)
    states = [(x, y) for x in (0, 1) for y in (0, 1)]
    weights = [sp.exp(-(a1 * x + a2 * y + 2 * w * x * y)) for x, y in states]
    Z = sum(weights)
    return mm.verify(sum(wt / Z for wt in weights), 1)


@_theorem(
    "Slide: Z[J] = exp(-S_grav) = sum_h exp(-E(v, h)), read as Z[J] = e^{-E(J, h*)} at the saddle",
    HASHIMOTO + "; " + JAFARI + ", slide 'AdS/CFT and deep learning'",
    tags=("statmech", "slide", "ads"),
    expect="disproved",
)
def slide_saddle():
    r"""Refuted as an identity.  For the Gaussian DBM with $p = (2, 3, 2)$, $w = (1, 1)$ the exact
    $\int dh\,e^{-E(J, h)}$ is $e^{-E(J, h^*)}(2\pi)^{n_h/2}(\det S_1\det S_2)^{-1/2}$: the
    equality "$Z = e^{-S_{grav}}$" holds only at the saddle, up to the J-independent determinant
    (here $S_1 = 5/2$, $S_2 = 2$ and the factor is $2\pi/\sqrt5 \ne 1$).  What is exact
    for Gaussian units is the ratio statement of the companion theorem; the DBM sum itself is the
    full path integral."""
    g = GaussianDBM([2, 3, 2], [1, 1])
    J = sp.Rational(7, 10)
    factor = sp.simplify(sp.exp(g.log_partition_function(J) + g.saddle_energy(J)))
    return check_exact(
        factor, 1, what=f"Z[J] e^{{E(J, h*)}} = {factor}", method="exact algebra (Schur chain)"
    )


@_theorem(
    "Gaussian DBM: Z[J]/Z[0] = exp(-E(J, h*(J))) exactly (the saddle-point dictionary for ratios)",
    HASHIMOTO + ", slide 'Quantum AdS/CFT in Deep Boltzmann'",
    tags=("statmech", "ads"),
)
def saddle_ratio():
    r"""With symbolic source J and the chain $p = (2, 3, 2)$, $w = (1, 1)$:
    $\ln Z[J] - \ln Z[0] = -E(J, h^*(J)) = -\tfrac12 S_0J^2$ with $S_0 = 2 - 1/(3 - 1/2) = 8/5$
    (symbolic).  The classical bulk action gives the J-dependence exactly because the units are Gaussian."""
    g = GaussianDBM([2, 3, 2], [1, 1])
    J = sp.Symbol("J", real=True)
    d = mm.Derivation("ln Z[J] - ln Z[0]", g.log_partition_function(J) - g.log_partition_function(0))
    d.step(-g.saddle_energy(J), "Gaussian integral over $h$")
    d.step(-sp.Rational(4, 5) * J**2, "$S_0 = 8/5$")
    return d
