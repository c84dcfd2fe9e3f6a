"""Wide networks as field theories, signal propagation, the path integral as a network (fieldtheory)."""

import math

import mpmath
import numpy as np
import sympy as sp

import mathml as mm
from mathml.core.checks import check_close, check_exact, check_predicate, compare_routes
from mathml.fieldtheory import (
    CosNet,
    PathNetwork,
    SignalPropagation,
    conv_stencil,
    critical_sigma_w2,
    finite_width_kurtosis,
    free_kernel,
    kurtosis_by_enumeration,
    lattice_oscillator,
    mehler_kernel,
    sample_relu_outputs,
)

HASHIMOTO = "Hashimoto, 'Neural Networks, Quantum systems and Gravity' (seed 001_93b42a828fc17771.txt)"
t1, t2, c, b = sp.symbols("tau_1 tau_2 c b", real=True)
m, lam, N = sp.symbols("m Lambda N", positive=True)
X = sp.Symbol("x")


@mm.theorem(
    "Cos-net two-point function is exact at every width",
    tags=("fieldtheory", "nnft"),
    source="Halverson 2112.04527; " + HASHIMOTO + ", slide 'Neural Network Field Theory'",
)
def cosnet_two_point_exact():
    r"""With $a_n\sim N(0, 1/N)$, $b_n\sim U(-\Lambda,\Lambda)$, $c_n\sim U(-\pi,\pi)$ and the prefactor
    $A=\sqrt{2\Lambda/\pi}$: $E_c\cos(\theta_1+c)\cos(\theta_2+c)=\tfrac12\cos(\theta_1-\theta_2)$,
    $\sum_n E a_n^2 = 1$, $E_b = \frac1{2\Lambda}\int_{-\Lambda}^{\Lambda}$ and the integrand is even, so
    $\langle x(\tau_1)x(\tau_2)\rangle = \frac1\pi\int_0^\Lambda \frac{\cos p(\tau_1-\tau_2)}{p^2+m^2}dp$ for
    every $N$.  Checked symbolically (c-average, prefactor) and by Monte Carlo at $N = 1$."""
    d = mm.Derivation(
        "c-average of a product of two cosines",
        sp.integrate(sp.cos(t1 * b + c) * sp.cos(t2 * b + c), (c, -sp.pi, sp.pi)) / (2 * sp.pi),
    )
    d.step(sp.cos(b * (t1 - t2)) / 2, "product to sum; the oscillating term integrates to zero")
    # prefactor: A^2 * N * E[a^2] * (1/(2 Lambda)) * (1/2) * 2 (even integrand: int_{-L}^{L} = 2 int_0^L)
    coef = (2 * lam / sp.pi) * N * (1 / N) * (1 / (2 * lam)) * sp.Rational(1, 2) * 2
    net = CosNet(1, 3, 1)
    x = net.sample(300_000, seed=7, taus=[0.0, 1.0])
    g = x[:, 0] * x[:, 1]
    mc = check_close(
        float(g.mean()),
        net.two_point(0, 1),
        digits=2,
        what=f"Monte Carlo at N = 1 (3e5 nets, std. error {g.std() / math.sqrt(g.size):.1e})",
        method="Monte Carlo",
    )
    return [
        d,
        check_exact(
            coef,
            1 / sp.pi,
            what="normalisation A^2 E[sum a^2] (1/2 Lambda)(1/2)(2) = 1/pi",
            method="exact: sympy arithmetic",
        ),
        mc,
    ]


@mm.theorem(
    "With the slide's distributions the cos-net two-point function is int_{-L}^{L} cos(b tau)/(b^2 + k/m) db",
    tags=("fieldtheory", "nnft", "slide"),
    expect="disproved",
    source=HASHIMOTO + ", slide 'Neural Network Field Theory'; brief wave2_fieldtheory S-1",
)
def slide_cosnet_normalisation():
    r"""The slide takes $x(\tau)=\sum_n a_n\cos(b_n\tau+c_n)/\sqrt{b_n^2+k/m}$ with $a\sim N(0,1/N)$,
    $b\sim U(-\Lambda,\Lambda)$, $c\sim U(-\pi,\pi)$ (no prefactor) and writes
    $\langle x x\rangle=\int_{-\Lambda}^{\Lambda}db\,\cos(b\Delta\tau)/(b^2+k/m)$.  The exact expectation is
    $\frac1{4\Lambda}\int_{-\Lambda}^{\Lambda}$: at $\Delta\tau = 0$, $\Lambda = k/m = 1$ it is $\pi/8$,
    not the
    slide's $\pi/2$.  Right: multiply the network by $\sqrt{2\Lambda/\pi}$ to get $\frac1\pi\int_0^\Lambda$
    (or by $\sqrt{4\Lambda}$ to get the slide's integral)."""
    exact = (
        sp.integrate(sp.integrate(sp.cos(c) ** 2 / (b**2 + 1), (c, -sp.pi, sp.pi)) / (2 * sp.pi), (b, -1, 1))
        / 2
    )  # E_b E_c at Lambda = 1; sum_n E a_n^2 = 1
    slide = sp.integrate(1 / (b**2 + 1), (b, -1, 1))
    return check_exact(
        sp.simplify(exact),
        sp.simplify(slide),
        what="<x(0)^2> at Lambda = k/m = 1",
        method="exact: sympy integrals over the parameter distributions",
    )


@mm.theorem(
    "Cos-net connected four-point function is exactly O(1/N)",
    tags=("fieldtheory", "nnft"),
    source="Halverson-Maiti-Stoner 2008.08601 (i.i.d. neurons); brief gauge_hamiltonian_nnft 3.1, F4",
)
def cosnet_four_point():
    r"""For i.i.d. neurons $G^{(4)}_c = N\kappa_4(\text{one neuron})$.  Inputs: $E a^4 = 3/N^2$ and the
    c-average
    of four cosines,
    $\frac18[\cos(\theta_1+\theta_2-\theta_3-\theta_4)+\cos(\theta_1-\theta_2+\theta_3-\theta_4)
    +\cos(\theta_1-\theta_2-\theta_3+\theta_4)]$ (both symbolic).  The resulting formula gives
    $N G_c^{(4)} = 1.198082263$ at $m=1$, $\Lambda=5$, $\tau = (0, .3, .7, 1)$ (brief F4), and a
    Monte Carlo run at $N = 2$ agrees."""
    th = sp.symbols("theta_1:5", real=True)
    d = mm.Derivation(
        "c-average of four cosines",
        sp.integrate(sp.expand(sp.expand_trig(sp.Mul(*[sp.cos(t + c) for t in th]))), (c, -sp.pi, sp.pi))
        / (2 * sp.pi),
    )
    d.step(
        (
            sp.cos(th[0] + th[1] - th[2] - th[3])
            + sp.cos(th[0] - th[1] + th[2] - th[3])
            + sp.cos(th[0] - th[1] - th[2] + th[3])
        )
        / 8,
        "product to sum",
    )
    a = sp.Symbol("a", real=True)
    a4 = sp.integrate(a**4 * sp.exp(-(a**2) * N / 2) * sp.sqrt(N / (2 * sp.pi)), (a, -sp.oo, sp.oo))
    taus = (0, 0.3, 0.7, 1.0)
    value = CosNet(1, 5, 1).four_point_connected(*taus)
    net = CosNet(1, 5, 2)
    x = net.sample(600_000, seed=3, taus=taus)
    mom = lambda i, j: float(np.mean(x[:, i] * x[:, j]))  # noqa: E731
    g4 = float(np.mean(np.prod(x, axis=1))) - (
        mom(0, 1) * mom(2, 3) + mom(0, 2) * mom(1, 3) + mom(0, 3) * mom(1, 2)
    )
    return [
        d,
        mm.verify(a4, 3 / N**2),
        check_close(value, mpmath.mpf("1.198082263"), digits=9, what="N G4c, brief F4", method="mpmath quad"),
        check_close(
            g4,
            net.four_point_connected(*taus),
            digits=1.7,
            what="Monte Carlo G4c at N = 2 (6e5 nets)",
            method="Monte Carlo",
        ),
    ]


@mm.theorem(
    "Exact finite-width kurtosis of ReLU nets: 3 prod(1 + 5/n_l)",
    tags=("fieldtheory", "finite-width"),
    source="brief wave2_fieldtheory F5 (derived); consistent with Roberts-Yaida-Hanin and Hanin-Nica",
)
def relu_kurtosis():
    r"""Per layer $R=\sum_{i\le n}\mathrm{relu}(g_i)^2$ has $E R = n/2$, $E R^2 = 3n/2 + n(n-1)/4$, so
    $E R^2/(E R)^2 = 1 + 5/n$ (symbolic in $n$); the layers multiply and the Gaussian readout adds the 3.
    Checked against an exact sum over the Binomial$(n,\frac12)$ active counts and by Monte Carlo."""
    n = sp.Symbol("n", positive=True, integer=True)
    g = sp.Symbol("g", positive=True)
    e2 = sp.integrate(g**2 * sp.exp(-(g**2) / 2) / sp.sqrt(2 * sp.pi), (g, 0, sp.oo))
    e4 = sp.integrate(g**4 * sp.exp(-(g**2) / 2) / sp.sqrt(2 * sp.pi), (g, 0, sp.oo))
    d = mm.Derivation("E R^2 / (E R)^2 for one ReLU layer", (n * e4 + n * (n - 1) * e2**2) / (n * e2) ** 2)
    d.step(1 + 5 / n, "E relu^2 = 1/2, E relu^4 = 3/2")
    out = [d]
    for widths in ((4,), (4, 4), (8, 8, 8), (3, 1, 7)):
        out.append(
            check_exact(
                finite_width_kurtosis(widths),
                kurtosis_by_enumeration(widths),
                what=f"widths {widths}",
                method="exact: binomial enumeration",
            )
        )
    z = sample_relu_outputs((4,), 300_000, seed=5)
    out.append(
        check_close(
            float(np.mean(z**4) / np.mean(z**2) ** 2),
            finite_width_kurtosis((4,)),
            digits=1,
            what="Monte Carlo, width 4, 3e5 nets",
            method="Monte Carlo",
        )
    )
    return out


@mm.theorem(
    "Wick factorisation at infinite width",
    tags=("fieldtheory", "nnft"),
    source=HASHIMOTO + ", slide 'Wide limit of NN gives Gaussian process' (Neal 1994; Williams 1997)",
)
def wick_infinite_width():
    r"""For a Gaussian process (the $N\to\infty$ limit) the four-point function is
    $G_{12}G_{34}+G_{13}G_{24}+G_{14}G_{23}$: fourth derivative of $e^{J^TGJ/2}$ at $J = 0$ (symbolic).
    The finite-width corrections vanish: the cos-net's $G^{(4)}_c$ is exactly $\propto 1/N$ and the
    ReLU kurtosis $3\prod(1 + 5/n_l)\to 3$."""
    G = sp.Matrix(4, 4, lambda i, j: sp.Symbol(f"G_{min(i, j) + 1}{max(i, j) + 1}"))
    J = sp.symbols("J_1:5")
    Z = sp.exp((sp.Matrix(J).T * G * sp.Matrix(J))[0] / 2)
    four = sp.diff(Z, *J).subs({j: 0 for j in J})
    wick = G[0, 1] * G[2, 3] + G[0, 2] * G[1, 3] + G[0, 3] * G[1, 2]
    n = sp.Symbol("n", positive=True)
    return [
        mm.verify(four, wick),
        check_exact(
            sp.limit(3 * (1 + 5 / n) ** 3, n, sp.oo),
            3,
            what="kurtosis of a depth-3 ReLU net as n -> oo",
            method="exact: sympy limit",
        ),
    ]


@mm.theorem(
    "Jacobians of the ReLU, step and cosine path parametrisations",
    tags=("fieldtheory", "path-integral"),
    source=HASHIMOTO + ", slide 'Path integral measure'; 2403.11420",
)
def path_jacobians():
    r"""$\prod dx_n = (\Delta t)^{N-1}\prod dw_n$ (ReLU: lower triangular, $\Delta t$ on the diagonal),
    $(\Delta t)^{N-1}$ for the step net in velocity variables $W_n$, and $(N/2)^{(N-1)/2}$ for the
    cosine net with fixed phases (the sine matrix squares to $\frac N2\mathbb 1$), exact for N = 2..6."""
    T = sp.Symbol("T", positive=True)
    out = []
    for N_ in (2, 3, 4, 6):
        for kind in ("relu", "step"):
            net = PathNetwork(kind, N_, T, 0, 1)
            out.append(mm.verify(net.jacobian_matrix().det(), (T / N_) ** (N_ - 1)))
        S = PathNetwork("cosine", N_, 1, 0, 1).jacobian_matrix()
        out.append(
            check_exact(
                (S * S).applyfunc(sp.expand),  # radicals only (sin(k pi/N), N = 2, 3, 4, 6): exact
                sp.Rational(N_, 2) * sp.eye(N_ - 1),
                what=f"S^2 = (N/2) 1 at N = {N_}",
                method="exact: sympy radical values of sin(k pi/N), expanded",
            )
        )
    return out


@mm.theorem(
    "The discretised free-particle kernel is exact for every N",
    tags=("fieldtheory", "path-integral"),
    source="2403.11420; brief gauge_hamiltonian_nnft section 4, F6",
)
def free_kernel_every_N():
    r"""Gaussian convolution closes: $\int dy\,K_{t_1}(x,y)K_{t_2}(y,z)=K_{t_1+t_2}(x,z)$ (symbolic), so by
    induction the $N$-step lattice kernel equals the continuum one; the network integral in ReLU
    variables reproduces it symbolically for $N\le 4$ and numerically at $N = 200$ (brief F6)."""
    x, y, z = sp.symbols("x y z", real=True)
    s1, s2 = sp.symbols("t_1 t_2", positive=True)
    exponent = sp.expand(-((x - y) ** 2) / (2 * s1) - (y - z) ** 2 / (2 * s2))
    P = sp.Poly(exponent, y)
    alpha, beta, gamma = -P.coeff_monomial(y**2), P.coeff_monomial(y), P.coeff_monomial(1)
    # int dy e^{-alpha y^2 + beta y + gamma} = sqrt(pi/alpha) e^{beta^2/(4 alpha) + gamma}; prefactors
    # 1/(2 pi sqrt(t1 t2))
    conv = sp.sqrt(sp.pi / alpha) * sp.exp(beta**2 / (4 * alpha) + gamma) / (2 * sp.pi * sp.sqrt(s1 * s2))
    ratio = sp.simplify(sp.powsimp(conv / free_kernel(s1 + s2, x, z), force=True))
    T = sp.Symbol("T", positive=True)
    out = [
        mm.verify(-alpha * y**2 + beta * y + gamma, exponent),
        check_exact(
            ratio,
            1,
            what="Chapman-Kolmogorov: (K_t1 * K_t2)(x, z) / K_{t1+t2}(x, z)",
            method="exact: sympy Gaussian integral formula",
        ),
    ]
    for N_ in (2, 3, 4):
        out.append(mm.verify(PathNetwork("relu", N_, T, x, z).kernel(), free_kernel(T, x, z)))
    out.append(
        check_close(
            PathNetwork("relu", 200, 1.0, 0.2, 0.9).kernel(),
            free_kernel(1, 0.2, 0.9),
            digits=13,
            what="N = 200, x0 = 0.2, xf = 0.9, T = 1",
            method="float64 tridiagonal",
        )
    )
    return out


def _ho_errors(rule: str, Ns: tuple) -> list:
    ref = float(mehler_kernel(1.5, 1, 0.2, 0.9))
    return [
        abs(PathNetwork("step", n, 1.0, 0.2, 0.9).kernel(sp.Rational(9, 8) * X**2, rule=rule) / ref - 1)
        for n in Ns
    ]


def _order(errs: list, Ns: tuple) -> float:
    return -np.polyfit(np.log(Ns), np.log(errs), 1)[0]


@mm.theorem(
    "Harmonic-oscillator lattice kernel with the trapezoid action converges at O(dt^2)",
    tags=("fieldtheory", "path-integral"),
    source="brief wave2_fieldtheory F7 (Mehler's kernel)",
)
def ho_trapezoid_order():
    r"""Endpoint/trapezoid potential, $\omega = 1.5$, $x_0 = 0.2$, $x_f = 0.9$, $T = 1$: relative errors
    against
    Mehler's kernel at $N = 50, 200, 1000$ are $2.232\cdot10^{-5}, 1.395\cdot10^{-6}, 5.58\cdot10^{-8}$
    and the
    fitted order is 2."""
    Ns = (50, 200, 1000)
    errs = _ho_errors("trapezoid", Ns)
    return [
        check_close(_order(errs, Ns), 2, digits=2, what="fitted order of convergence", method="float64 fit"),
        check_close(
            errs[-1] / 5.58e-8,
            1,
            digits=2.5,
            what="relative error at N = 1000 over the brief's 5.58e-8 (F7; a ratio: a relative check)",
            method="float64 tridiagonal",
        ),
    ]


@mm.theorem(
    "The slide's midpoint HO action (sum to N - 1) converges at O(dt^2) like the trapezoid rule",
    tags=("fieldtheory", "path-integral", "slide"),
    expect="disproved",
    source=HASHIMOTO + ", slide 'Ex. Free particle, Harmonic oscillator'; brief S-5",
)
def slide_midpoint_order():
    r"""The slide writes the oscillator potential at the midpoints $x_{ini}-\frac12\Delta tW_n+\Delta
    t\sum_{k\le n}W_k$
    summed over $n = 1..N-1$.  Measured in Euclidean time: the order is 1, not 2, both for that sum and for
    the full midpoint sum ($n\le N$), because $((a+b)/2)^2 = (a^2+b^2)/2-(a-b)^2/4$ and the squared increments
    of a Brownian path add up to $O(T)$.  The missing $N$-th term is a second $O(\Delta t)$ defect.  The
    trapezoid (endpoint) rule is $O(\Delta t^2)$."""
    Ns = (100, 400, 1600)
    errs = _ho_errors("slide", Ns)
    full = _ho_errors("midpoint", Ns)
    return [
        check_close(
            _order(errs, Ns),
            2,
            digits=2,
            what="fitted order, the slide's midpoint sum",
            method="float64 fit",
            recompute=lambda: _order(_ho_errors("slide", (400, 1600, 6400)), (400, 1600, 6400)),
        ),
        check_close(
            _order(full, Ns), 1, digits=1.5, what="fitted order, full midpoint sum", method="float64 fit"
        ),
    ]


@mm.theorem(
    "Lattice oscillator ground state: <x^2> = 1/(2 w sqrt(1 + a^2 w^2/4)), cosh(a E1) = 1 + a^2 w^2/2",
    tags=("fieldtheory", "lattice"),
    source="Creutz & Freedman, Ann. Phys. 132 (1981) 427; brief F9",
)
def lattice_ground_state():
    r"""$G(n) = a e^{-\theta|n|}/(2\sinh\theta)$ with $\cosh\theta = 1+a^2\omega^2/2$ solves the lattice
    equation
    $[2G(n)-G(n+1)-G(n-1)]/a + a\omega^2G(n) = \delta_{n0}$ (symbolic, $n\ge1$ and $n = 0$); the transfer
    matrix gives the same $\langle x^2\rangle$ and gap to 12 digits."""
    a, th = sp.symbols("a theta", positive=True)
    n = sp.Symbol("n", positive=True, integer=True)
    w2 = 2 * (sp.cosh(th) - 1) / a**2
    G = lambda k: a * sp.exp(-th * k) / (2 * sp.sinh(th))  # noqa: E731
    out = [
        mm.verify((2 * G(n) - G(n + 1) - G(n - 1)) / a + a * w2 * G(n), 0),
        mm.verify((2 * G(0) - 2 * G(1)) / a + a * w2 * G(0), 1),
        mm.verify(
            G(0).subs(th, sp.acosh(1 + a**2 * sp.Symbol("omega", positive=True) ** 2 / 2)),
            1
            / (
                2
                * sp.Symbol("omega", positive=True)
                * sp.sqrt(1 + a**2 * sp.Symbol("omega", positive=True) ** 2 / 4)
            ),
        ),
    ]
    return out + lattice_oscillator(1.3, 0.4).check()


@mm.theorem(
    "A convolution stencil is a sum of derivatives: a phi + b phi' + c phi'' + ...",
    tags=("fieldtheory", "locality"),
    source=HASHIMOTO + ", slide 'Locality imposed' (Fukushima 1980); brief F10",
)
def conv_stencil_derivatives():
    r"""$\sum_j k_j\phi(x+j\Delta x) = (k_{-1}+k_0+k_1)\phi + \Delta x(k_1-k_{-1})\phi' +
    \frac{\Delta x^2}2(k_1+k_{-1})\phi'' + O(\Delta x^3)$ (Taylor, symbolic); the central difference
    $(1,-2,1)/\Delta x^2$ is exactly $\phi''$ at this order."""
    h, x = sp.symbols("h x")
    k = sp.symbols("k_m1 k_0 k_1")
    phi = sp.Function("phi")
    lhs = sum(kj * sp.series(phi(x + j * h), h, 0, 3).removeO() for kj, j in zip(k, (-1, 0, 1)))
    coeffs = conv_stencil(k, h)
    rhs = sum(cm * sp.diff(phi(x), x, mth) for mth, cm in enumerate(coeffs))
    return [
        mm.verify(sp.expand(lhs.doit()), sp.expand(rhs)),
        check_exact(
            sp.Matrix(conv_stencil([1 / h**2, -2 / h**2, 1 / h**2], h)).subs(h, 1),
            sp.Matrix([0, 0, 1]),
            what="central difference = phi''",
            method="exact: sympy",
        ),
    ]


@mm.theorem(
    "tanh critical line chi1 = 1, with xi_c diverging there",
    tags=("fieldtheory", "mean-field"),
    source="Poole et al. 1606.05340; Schoenholz et al. 1611.01232; brief dynamics_statmech section 2",
)
def tanh_critical_line():
    r"""At $\sigma_b = 0$: $q^* = 0$ for $\sigma_w^2\le1$ and $\chi_1 = \sigma_w^2\tanh'(0)^2$, so the
    line starts at
    $\sigma_w^2 = 1$ (exact).  At $\sigma_b^2 = 0.05$ the critical $\sigma_w^2 = 1.76095463960674$, where
    $\chi_1 = 1$; approaching it from the ordered side $\xi_c = -1/\ln\chi_1$ grows like $1/(1-\chi_1)$."""
    crit = critical_sigma_w2("tanh", 0.05, dps=16)
    out = [
        check_exact(
            sp.diff(sp.tanh(X), X).subs(X, 0) ** 2,
            1,
            what="chi1 at sigma_w2 = 1, sigma_b2 = 0",
            method="exact: sympy",
        ),
        check_close(
            crit, mpmath.mpf("1.7609546396067"), digits=12, what="critical sigma_w2 at sigma_b2 = 0.05"
        ),
        check_close(
            SignalPropagation("tanh", crit, 0.05, dps=16).chi1, 1, digits=14, what="chi1 on the line"
        ),
    ]
    xis, gaps = [], []
    for k in (2, 4, 6):
        s = SignalPropagation("tanh", crit - mpmath.mpf(10) ** -k, 0.05, dps=14)
        xis.append(s.xi_c)
        gaps.append(1 - s.chi1)
    grows = all(xis[i + 1] > 50 * xis[i] for i in range(2))
    stable = abs(xis[-1] * gaps[-1] - 1) < 1e-5
    out.append(
        check_predicate(
            grows and stable,
            exact=False,
            what=f"xi_c = {[mpmath.nstr(v, 6) for v in xis]} at "
            "distance 1e-2, 1e-4, 1e-6 below the line; xi_c (1 - chi1) -> 1",
            method="mpmath 15 digits",
        )
    )
    return out


@mm.theorem(
    "No parameter fixing: w ReLU(w~ t + b~) = w w~ ReLU(t + b~/w~) for w~ > 0",
    tags=("fieldtheory", "path-integral"),
    source=HASHIMOTO + ", slide '4) In fact: no need of parameter fixing'",
)
def relu_rescaling_positive():
    r"""Positive homogeneity $\mathrm{ReLU}(\alpha u) = \alpha\,\mathrm{ReLU}(u)$, $\alpha > 0$, turns a
    non-fixed ReLU net into the partially fixed one with time divisions $-\tilde b_n/\tilde w_n$.  Proof by
    branches: $\tilde wt+\tilde b = \tilde w\,(t+\tilde b/\tilde w)$ with $\tilde w > 0$ has the sign of
    $t + \tilde b/\tilde w$, so both sides vanish together, and where they do not they are the same linear
    function (symbolic).  For $\tilde w<0$ one needs $\mathrm{ReLU}(-u) = \mathrm{ReLU}(u) - u$:
    $w\,\mathrm{ReLU}(\tilde wt+\tilde b) = -w\tilde w\,\mathrm{ReLU}(t+\tilde b/\tilde w)
    + w\tilde w(t+\tilde b/\tilde w)$, an extra linear term (symbolic on both branches, and a numeric
    screen of the whole identity)."""
    w, t, bb = sp.symbols("w t b", real=True)
    wp, wn = sp.Symbol("wt", positive=True), sp.Symbol("wt", negative=True)
    u = t + bb / wp
    return [
        mm.verify(wp * t + bb, wp * u),  # same sign as u because wt > 0
        mm.verify(w * (wp * t + bb), w * wp * u),  # active branch (u > 0); both sides are 0 for u <= 0
        # w~ < 0: active branch of the left side is u < 0, where ReLU(u) = 0 on the right
        mm.verify(w * (wn * t + bb), w * wn * (t + bb / wn)),
        # u > 0: the left side is 0; the right side is -w w~ u + w w~ u
        mm.verify(-w * wn * (t + bb / wn) + w * wn * (t + bb / wn), 0),
        mm.verify(w * sp.Max(0, wn * t + bb), -w * wn * sp.Max(0, t + bb / wn) + w * wn * (t + bb / wn)),
    ]


@mm.theorem(
    "The slide's ReLU rescaling w ReLU(w~ t + b~) = w w~ ReLU(t + b~/w~) holds for every w~",
    tags=("fieldtheory", "path-integral", "slide"),
    expect="disproved",
    source=HASHIMOTO + ", slide '4) In fact: no need of parameter fixing'",
)
def slide_relu_rescaling_any_sign():
    r"""The slide's 'equivalent NN' uses $\mathrm{ReLU}(\alpha x) = \alpha\mathrm{ReLU}(x)$ with $\alpha
    = \tilde w_n$ of
    any sign.  Counterexample: $w = 1$, $\tilde w = -1$, $\tilde b = 0$, $t = 1$: the left side is
    $\mathrm{ReLU}(-1) = 0$, the right side $-\mathrm{ReLU}(1) = -1$.  (Right: see the previous theorem.)"""
    lhs = 1 * sp.Max(0, -1 * 1 + 0)
    rhs = 1 * (-1) * sp.Max(0, 1 + sp.Integer(0) / -1)
    return check_exact(lhs, rhs, what="w = 1, w~ = -1, b~ = 0, t = 1", method="exact: integer arithmetic")


@mm.theorem(
    "chi1 and q* agree with an independent scipy route",
    tags=("fieldtheory", "mean-field"),
    source="Poole et al. 1606.05340 (definitions); brief F2",
)
def signal_routes():
    r"""tanh at $\sigma_w = 2.5$, $\sigma_b = 0.3$: the mpmath result (30 digits) against a float64 route
    (scipy adaptive quadrature with a fixed-point solve), to 12 digits."""
    from scipy.integrate import quad
    from scipy.optimize import brentq

    s = SignalPropagation("tanh", mpmath.mpf("2.5") ** 2, mpmath.mpf("0.3") ** 2, dps=30)
    E = lambda f, q: quad(
        lambda z: f(math.sqrt(q) * z) * math.exp(-z * z / 2) / math.sqrt(2 * math.pi),  # noqa: E731
        -12,
        12,
        epsabs=1e-13,
        epsrel=1e-13,
        limit=200,
    )[0]
    q = brentq(lambda q: 6.25 * E(lambda u: math.tanh(u) ** 2, q) + 0.09 - q, 0.1, 50, xtol=1e-15)
    chi = 6.25 * E(lambda u: math.cosh(u) ** -4, q)
    return [
        compare_routes(s.q_star, q, digits=12, what="q*", names=("mpmath", "scipy")),
        compare_routes(s.chi1, chi, digits=12, what="chi1", names=("mpmath", "scipy")),
    ]


@mm.theorem(
    "A Gaussian cosine network is the free particle: its two-point function is the Brownian bridge",
    tags=("fieldtheory", "path-integral", "nnft"),
    source=HASHIMOTO
    + ", slides 'NNFT is Fourier transf. of our formulation', 'Gaussian random NN = Free particle'",
)
def cosine_net_free_particle():
    r"""In the cosine parametrisation $x = x_{\rm cl} + \sum_k a_k\cos(k\pi t/T - \pi/2)$ the Euclidean free
    action is diagonal:
    $\int_0^T \frac m2 (\partial_t a_k\sin\frac{k\pi t}T)^2dt = \frac{m k^2\pi^2}{4T}a_k^2$
    (symbolic; the cross terms vanish by orthogonality, the classical part separates because the
    fluctuations vanish at both ends).  So $e^{-S}$ makes the $a_k$ independent $N(0, 2T/(mk^2\pi^2))$: a
    Gaussian cosine network with fixed frequencies, whose two-point function is
    $\sum_k \frac{2T}{mk^2\pi^2}\sin\frac{k\pi t}T\sin\frac{k\pi s}T = \min(t,s)(T-\max(t,s))/(mT)$, the
    free particle's (Brownian-bridge) propagator: checked with Clausen functions at 30 digits."""
    t, T, a = sp.symbols("t T a", positive=True)
    k = sp.Symbol("k", positive=True, integer=True)
    kinetic = sp.integrate(sp.diff(a * sp.sin(k * sp.pi * t / T), t) ** 2, (t, 0, T)) / 2
    cross = sp.integrate(sp.cos(2 * sp.pi * t / T) * sp.cos(3 * sp.pi * t / T), (t, 0, T))
    out = [
        mm.verify(kinetic, sp.pi**2 * k**2 * a**2 / (4 * T)),
        check_exact(cross, 0, what="orthogonality, k = 2, 3"),
    ]
    with mpmath.workdps(30):
        for s_, u_ in (("0.3", "0.75"), ("0.1", "0.2"), ("0.5", "0.5")):
            s, u = mpmath.mpf(s_), mpmath.mpf(u_)
            series = (
                (2 / mpmath.pi**2)
                * (mpmath.clcos(2, mpmath.pi * (u - s)) - mpmath.clcos(2, mpmath.pi * (u + s)))
                / 2
            )
            out.append(
                check_close(
                    series,
                    min(s, u) * (1 - max(s, u)),
                    digits=28,
                    what=f"two-point at (t, s) = ({s_}, {u_}), T = m = 1",
                    method="mpmath Clausen",
                )
            )
    return out
