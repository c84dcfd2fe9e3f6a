"""Learning as mechanics and geometry (mathml.learning): optimisers, PINNs, the information bottleneck,
embeddings, toric Kähler–Einstein metrics, replicator dynamics and Hodge decompositions.

Seeds: Freedman, "ML, QML and Dynamics" (CMSA 2023, seed 000); Jafari, "Physics for ML" (seed 002);
Persson's project description (seed 003).  Brief: shared/references/wave2_learning.md.
"""
import mpmath
import numpy as np
import sympy as sp

import mathml as mm
from mathml.core.checks import check_close, check_exact, check_predicate
from mathml.core.kronecker import realign
from mathml.kolmogorov import min_kronecker_rank_isometric
from mathml.learning import (
    TORIC_DEL_PEZZO,
    admits_kahler_einstein,
    bbi_hamiltonian,
    bsc_ib_curve,
    cycle_metric,
    damped_oscillator_solution,
    energy_conserving_descent,
    euclidean_distortion_lower_bound,
    gaussian_ib,
    heavy_ball,
    heavy_ball_parameters,
    heavy_ball_rate,
    hodge_decomposition,
    iterative_ib,
    oscillator_operator,
    pairwise_flow,
    pinn_residual,
    polyak_optimal,
    replicator,
    ricci_lower_bound,
    rps,
)

t = sp.Symbol("t", real=True)
G = sp.Function("G")          # an arbitrary gradient field


@mm.theorem("Heavy ball: Sutskever, PyTorch and autograd parametrisations give the same iterates",
            tags=("learning", "optimisers"), source="Jafari seed 002 (momentum slide); HIPS/autograd #289")
def heavy_ball_equivalence():
    r"""With an arbitrary gradient $G$, four steps of Sutskever's form $(\mu, \eta)$, PyTorch's form with
    $\mathrm{lr} = \eta$ and autograd's form with $\alpha = \eta/(1-\mu)$, $m = \mu$ give identical iterates
    (exact symbolic comparison)."""
    eta, mu, th0 = sp.symbols("eta mu theta_0")
    a = heavy_ball(G, th0, 4, lr=eta, momentum=mu)
    b = heavy_ball(G, th0, 4, lr=eta, momentum=mu, form="pytorch")
    lr_a, m_a = heavy_ball_parameters(eta, mu, source="sutskever", target="autograd")
    c = heavy_ball(G, th0, 4, lr=lr_a, momentum=m_a, form="autograd")
    return [mm.verify(sp.Matrix(a.thetas), sp.Matrix(b.thetas)),
            mm.verify(sp.Matrix(a.thetas), sp.Matrix(c.thetas))]


@mm.theorem("With a learning-rate schedule the PyTorch and Sutskever forms still agree",
            tags=("learning", "optimisers"), expect="disproved", source="pytorch issue #1099 (doc note)")
def heavy_ball_schedule():
    r"""Refuted: with $\eta_0 = 1/10$, $\eta_1 = 1/5$, $\mu = 1/2$ and $C = \theta^2$ from $\theta_0 = 1$, the
    second iterates differ exactly (PyTorch scales the whole velocity by the new rate)."""
    sched = [sp.Rational(1, 10), sp.Rational(1, 5)]
    a = heavy_ball(lambda th: 2 * th, sp.Integer(1), 2, lr=sched, momentum=sp.Rational(1, 2))
    b = heavy_ball(lambda th: 2 * th, sp.Integer(1), 2, lr=sched, momentum=sp.Rational(1, 2), form="pytorch")
    return check_exact(b.thetas[2], a.thetas[2], what="theta_2, PyTorch vs Sutskever",
                       method="exact rational iteration")


@mm.theorem("Heavy ball is a consistent discretisation of the damped oscillator θ'' + γθ' + ∇C = 0",
            tags=("learning", "optimisers"), source="Qian, Neural Networks 12 (1999); brief L2")
def damped_limit():
    r"""With $\mu = 1 - \gamma h$, $\eta = h^2$ and Taylor data $\theta(t \pm h)$, the residual
    $\theta_{n+1} - \theta_n - \mu(\theta_n - \theta_{n-1}) + \eta\nabla C(\theta_n)$ has no $O(h)$ term and
    its $h^2$ coefficient is $\theta'' + \gamma\theta' + C'(\theta)$; along that ODE
    $\frac{d}{dt}(\tfrac12\theta'^2 + C(\theta)) = -\gamma\theta'^2$."""
    h, gam = sp.symbols("h gamma", positive=True)
    th = sp.symbols("theta0:4")
    Cp = sp.Function("C_prime")
    plus = th[0] + h * th[1] + h**2 / 2 * th[2] + h**3 / 6 * th[3]
    minus = th[0] - h * th[1] + h**2 / 2 * th[2] - h**3 / 6 * th[3]
    residual = sp.expand(plus - th[0] - (1 - gam * h) * (th[0] - minus) + h**2 * Cp(th[0]))
    theta, C = sp.Function("theta"), sp.Function("C")
    energy = theta(t).diff(t) ** 2 / 2 + C(theta(t))
    ode = {theta(t).diff(t, 2): -gam * theta(t).diff(t) - sp.Subs(sp.Derivative(C(sp.Symbol("u")), sp.Symbol("u")),
                                                                  sp.Symbol("u"), theta(t))}
    dissipation = energy.diff(t).subs(ode).doit()
    return [mm.verify(residual.coeff(h, 1), 0),
            mm.verify(residual.coeff(h, 2), th[2] + gam * th[1] + Cp(th[0])),
            mm.verify(dissipation, -gam * theta(t).diff(t) ** 2)]


@mm.theorem("Polyak's heavy ball: double roots at both ends of [μ, L] and rate (√L - √μ)/(√L + √μ)",
            tags=("learning", "optimisers"), source="Polyak 1964; brief L1")
def polyak():
    r"""At $\alpha^*$, $\beta^*$ the characteristic polynomial $z^2 - (1 + \beta - \alpha\lambda)z + \beta$ has a
    double root at $\lambda = \mu$ and $\lambda = L$ (zero discriminant, symbolic), so every root has
    modulus $\sqrt{\beta^*}$; numerically the worst spectral radius on [1, 100] is 9/11, against 99/101 for
    the best gradient descent."""
    m, L = sp.symbols("mu L", positive=True)
    sm, sl = sp.sqrt(m), sp.sqrt(L)
    alpha, beta = 4 / (sl + sm) ** 2, ((sl - sm) / (sl + sm)) ** 2
    disc = [(1 + beta - alpha * lam) ** 2 - 4 * beta for lam in (m, L)]
    a, b, rate = polyak_optimal(1, 100)
    worst = heavy_ball_rate(float(a), float(b), np.linspace(1, 100, 2001))
    return [mm.verify(disc[0], 0), mm.verify(disc[1], 0),
            check_close(worst, rate, digits=6, what="worst spectral radius on [1, 100]",
                        method="float64 eigenvalues on 2001 curvatures")]


@mm.theorem("Energy-conserving descent conserves the Born–Infeld energy", tags=("learning", "optimisers"),
            source="De Luca–Silverstein, arXiv 2201.11137; Jafari seed 002")
def ecd_energy():
    r"""Along Hamilton's equations of $H = V(\theta)\sqrt{1 + \pi^2}$, $dH/dt = 0$ (symbolic, any $V$); the
    discrete ECD (symplectic Euler plus energy restoration) keeps $E$ to rounding over 5000 steps on a
    tilted double well (by construction: $|\pi|$ is rescaled to restore $E$ each step, so this checks the
    implementation, not a property of the integrator), and its best loss (0.313) lies well below the
    starting loss (0.804); it stays in the right-hand well in these 5000 steps (the global minimum,
    about $-0.31$, is in the left one)."""
    theta, pi = sp.Function("theta")(t), sp.Function("pi")(t)
    V = sp.Function("V")
    thv, piv = sp.symbols("vartheta varpi")
    H = bbi_hamiltonian(V(thv), [thv], [piv])
    flow = {theta.diff(t): H.diff(piv).subs({thv: theta, piv: pi}),
            pi.diff(t): -H.diff(thv).subs({thv: theta, piv: pi})}
    dHdt = H.subs({thv: theta, piv: pi}).diff(t).subs(flow)
    loss = lambda x: float((x[0] ** 2 - 1) ** 2 + 0.3 * x[0] + x[1] ** 2)  # noqa: E731
    grad = lambda x: np.array([4 * x[0] * (x[0] ** 2 - 1) + 0.3, 2 * x[1]])  # noqa: E731
    run = energy_conserving_descent(loss, grad, [1.2, 0.5], dt=1e-3, steps=5000, v0=-1.0)
    return [mm.verify(dHdt, 0),
            check_close(run.energies[-1], run.energies[0], digits=12, what="energy after 5000 steps",
                        method="float64 ECD"),
            check_predicate(bool(run.losses.min() < run.losses[0] - 0.4), exact=False,
                            what=f"best loss {run.losses.min():.3f} below the start {run.losses[0]:.3f} by > 0.4",
                            method="float64 ECD, 5000 steps")]


@mm.theorem("The exact damped oscillator has zero physics-informed residual", tags=("learning", "pinn"),
            source="Jafari seed 002 (PINN slide); Raissi et al. JCP 378 (2019); brief L5")
def pinn():
    r"""For $m = 1$, $\mu = 4$, $k = 400$, $x(0) = 1$, $x'(0) = 0$ the closed form
    $x = e^{-2t}(\cos\omega t + \tfrac{2}{\omega}\sin\omega t)$, $\omega = \sqrt{396}$, makes the slide's physics
    term vanish identically, and $x(1/2) = -0.33685168059041337$ (brief L5)."""
    x = damped_oscillator_solution(1, 4, 400, t=t)
    with mpmath.workdps(30):
        value = mpmath.mpf(sp.N(x.subs(t, sp.Rational(1, 2)), 40))
    return [mm.verify(pinn_residual(oscillator_operator(1, 4, 400), x, t=t), 0),
            mm.verify(x.subs(t, 0), 1), mm.verify(x.diff(t).subs(t, 0), 0),
            check_close(value, mpmath.mpf("-0.33685168059041337"), digits=15, what="x(1/2)",
                        method="mpmath 30 digits")]


@mm.theorem("Johnson–Lindenstrauss: every n-point metric space embeds in O(log n/ε²) dimensions "
            "with distortion 1 + ε", tags=("learning", "embeddings"), expect="disproved",
            source="Freedman seed 000, 'Lindenstrauss Theorem' slide")
def jl_general_metric():
    r"""Refuted for general finite metrics: in any Euclidean space
    $\sum_{\mathrm{edges}}|x_i - x_{i+1}|^2 - |x_1 - x_3|^2 - |x_2 - x_4|^2 = |x_1 - x_2 + x_3 - x_4|^2 \ge 0$
    (symbolic in $\mathbb{R}^3$), so the 4-cycle's graph metric needs distortion $\ge \sqrt2$ whatever the
    dimension (Enflo 1969): with $\varepsilon = 1/10$ no embedding exists.  JL holds for subsets of
    Euclidean space."""
    xs = [sp.Matrix(sp.symbols(f"x{i}_1:4", real=True)) for i in range(1, 5)]
    sq = lambda v: (v.T * v)[0, 0]  # noqa: E731
    lhs = sum(sq(xs[i] - xs[(i + 1) % 4]) for i in range(4)) - sq(xs[0] - xs[2]) - sq(xs[1] - xs[3])
    bound = euclidean_distortion_lower_bound(cycle_metric(4))
    eps = sp.Rational(1, 10)
    return [mm.verify(lhs, sq(xs[0] - xs[1] + xs[2] - xs[3])),
            check_exact(bound, sp.sqrt(2), what="distortion lower bound for C4", method="exact quadrilateral bound"),
            check_predicate(bool(bound <= 1 + eps), exact=True, what="C4 embeds with distortion 1 + 1/10",
                            method="exact comparison sqrt(2) > 11/10")]


@mm.theorem("Log singular values {1, 1, -1, -1} are incompatible with tensor rank 1", tags=("learning", "tensor"),
            expect="disproved", source="Freedman seed 000, 'More Math for LLMs' slide")
def singular_value_claim():
    r"""Refuted: $I_2 \otimes \operatorname{diag}(e, e^{-1})$ has singular values $e, e, e^{-1}, e^{-1}$ and
    Kronecker rank 1 (exact).  Over isometric identifications only the multiset matters: sorted logs
    $w \le x \le y \le z$ come from a product iff $w + z = x + y$.  What the slide's array shows is that the
    fixed pairing $[[1, -1], [-1, 1]]$ is not additive."""
    L = sp.kronecker_product(sp.eye(2), sp.diag(sp.E, 1 / sp.E))
    svals = sorted(L.singular_values(), key=lambda v: float(v))
    rank = realign(L, (2, 2), (2, 2)).rank()
    counter = check_exact(sp.Matrix(svals), sp.Matrix([1 / sp.E, 1 / sp.E, sp.E, sp.E]),
                          what="singular values of I (x) diag(e, 1/e)", method="exact sympy")
    incompatible = check_predicate(rank != 1, exact=True, what="Kronecker rank of I (x) diag(e, 1/e) is not 1",
                                   method="exact rank of the realigned matrix")
    other = min_kronecker_rank_isometric(np.diag([1.0, 2.0, 3.0, 5.0]), (2, 2))
    criterion = check_predicate(other.rank == 2 and other.certified, exact=False,
                                what="{1, 2, 3, 5}: minimum rank 2 (no product multiset)",
                                method="float64 singular values, arrangements")
    return [counter, criterion, incompatible]


@mm.theorem("Gaussian information bottleneck: the first critical β is 1/ρ²", tags=("learning", "bottleneck"),
            source="Chechik, Globerson, Tishby, Weiss, JMLR 6 (2005); Persson seed 003; brief L6")
def gaussian_ib_critical():
    r"""For unit-variance scalars with correlation $\rho$ and $T = aX + \xi$, $s = a^2/\sigma_\xi^2$, the IB
    Lagrangian $\tfrac12\ln(1+s) - \beta\,\tfrac12\ln\frac{1+s}{1+s(1-\rho^2)}$ has slope
    $\tfrac12(1 - \beta\rho^2)$ at $s = 0$, so a non-trivial $T$ appears exactly for $\beta > 1/\rho^2$,
    which is $1/(1-\lambda)$ with $\lambda = 1-\rho^2$ the eigenvalue of $\Sigma_{x|y}\Sigma_x^{-1}$."""
    s, beta = sp.symbols("s beta", positive=True)
    rho = sp.Symbol("rho", positive=True)
    lag = sp.log(1 + s) / 2 - beta * sp.log((1 + s) / (1 + s * (1 - rho**2))) / 2
    slope = sp.diff(lag, s).subs(s, 0)
    two = gaussian_ib(sp.Matrix([[2, 1], [1, 2]]), sp.Matrix([[1, 0], [0, 1]]), sp.eye(2))
    numeric = sorted(1 / (1 - np.linalg.eigvals((np.array([[2.0, 1.0], [1.0, 2.0]]) - np.eye(2))
                                                @ np.linalg.inv(np.array([[2.0, 1.0], [1.0, 2.0]])))))
    return [mm.verify(slope, (1 - beta * rho**2) / 2),
            check_exact(gaussian_ib(1, sp.Rational(4, 5), 1).critical_betas[0], sp.Rational(25, 16),
                        what="critical beta at rho = 4/5", method="exact eigenvalues"),
            check_close(float(two.critical_betas[0]), numeric[0], digits=12, what="2-d example, first beta",
                        method="exact sympy vs float64 eig"),
            check_close(float(two.critical_betas[1]), numeric[1], digits=12, what="2-d example, second beta",
                        method="exact sympy vs float64 eig")]


@mm.theorem("Iterative IB on a binary symmetric channel lands on the Mrs. Gerber curve", tags=("learning", "bottleneck"),
            source="Tishby–Pereira–Bialek 1999; Wyner–Ziv 1973 (Mrs. Gerber's lemma); Persson seed 003")
def bsc_ib():
    r"""For X a uniform bit and Y = X through BSC(0.1), the iterative IB fixed points at β = 4, 8, 16 satisfy
    $I(T;Y) = 1 - h(q \star p)$ with $1 - h(q) = I(X;T)$, the optimal curve, to 8 digits."""
    p = 0.1
    pxy = np.array([[1 - p, p], [p, 1 - p]]) / 2
    out = []
    for beta in (4.0, 8.0, 16.0):
        sol = iterative_ib(pxy, beta, 2, seed=3)
        out.append(check_close(sol.i_ty, bsc_ib_curve(p, sol.i_xt), digits=8, what=f"beta = {beta:g}",
                               method="float64 iterative IB"))
    return out


@mm.theorem("Toric del Pezzo surfaces: Kähler–Einstein iff the barycentre vanishes; Li's Ricci bounds",
            tags=("learning", "geometry"),
            source="Wang–Zhu 2004; Tian 1990; Székelyhidi 2011; Chi Li arXiv 0909.3443; Persson seed 003")
def toric_ke():
    r"""Exact barycentres of the anticanonical polygons: 0 for $\mathbb{P}^2$, $\mathbb{P}^1\times\mathbb{P}^1$ and
    $\mathrm{Bl}_3$ (Kähler–Einstein, Tian's list), non-zero for $\mathrm{Bl}_1$ and $\mathrm{Bl}_2$; the greatest
    Ricci lower bounds are $R(\mathrm{Bl}_1) = 6/7$ (Székelyhidi) and $R(\mathrm{Bl}_2) = 21/25$ (Li)."""
    bary = sp.Matrix([[c for c in TORIC_DEL_PEZZO[k].barycenter] for k in ("P2", "P1xP1", "Bl3")])
    ke = [admits_kahler_einstein(k) for k in ("P2", "P1xP1", "Bl1", "Bl2", "Bl3")]
    return [check_exact(bary, sp.zeros(3, 2), what="barycentres of P2, P1xP1, Bl3", method="exact polygon centroid"),
            check_predicate(ke == [True, True, False, False, True], exact=True, what="Tian's list",
                            method="exact barycentres"),
            check_exact(ricci_lower_bound("Bl1"), sp.Rational(6, 7), what="R(Bl1)", method="exact Li formula"),
            check_exact(ricci_lower_bound("Bl2"), sp.Rational(21, 25), what="R(Bl2)", method="exact Li formula"),
            check_exact(TORIC_DEL_PEZZO["Bl1"].area, 4, what="area of the Bl1 polygon (brief L7)",
                        method="exact shoelace")]


@mm.theorem("Rock-paper-scissors: x1 x2 x3 is conserved for a = b and a Lyapunov function for a > b",
            tags=("learning", "games"), source="Freedman seed 000 (RPS slides); Zeeman 1980; brief L8")
def rps_invariants():
    r"""On the simplex, $\frac{d}{dt}\ln(x_1x_2x_3) = (a - b)(1 - 3(x_1x_2 + x_2x_3 + x_3x_1))$ (symbolic), and
    $1 - 3\sum x_ix_j \ge 0$; numerically $x_1x_2x_3$ stays at 0.03 to 10 digits over $t \in [0, 50]$ for
    $a = b = 1$ (brief L8)."""
    a, b = sp.symbols("a b", positive=True)
    x1, x2 = sp.symbols("x1 x2", positive=True)
    x = sp.Matrix([x1, x2, 1 - x1 - x2])
    rhs = replicator(rps(a, b)).rhs(x)
    dlog = sum(rhs[i] / x[i] for i in range(3))
    pair = x[0] * x[1] + x[1] * x[2] + x[2] * x[0]
    x0 = np.array([0.5, 0.3, 0.2])
    _, traj = replicator(rps(1, 1)).integrate(x0, 50.0)
    prod = traj.prod(axis=1)
    return [mm.verify(dlog, (a - b) * (1 - 3 * pair)),
            mm.verify(1 - 3 * pair, ((x[0] - x[1]) ** 2 + (x[1] - x[2]) ** 2 + (x[2] - x[0]) ** 2) / 2),
            check_close(prod[-1], 0.03, digits=10, what="x1 x2 x3 at t = 50", method="DOP853 rtol 1e-12")]


@mm.theorem("Hodge decomposition is orthogonal, and a Condorcet cycle is pure curl", tags=("learning", "games"),
            source="Jiang–Lim–Yao–Ye, Math. Program. 127 (2011); Freedman seed 000 (non-gradient orders)")
def hodge():
    r"""On $K_4$ plus a pendant 4-cycle with an integer flow, the three parts are exactly orthogonal and sum to
    the flow; the Condorcet profile (ABC, BCA, CAB) has zero gradient part."""
    edges = [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3), (3, 4), (4, 5), (5, 6), (6, 3)]
    flow = [3, -1, 4, 1, -5, 9, 2, -6, 5, 3]
    h = hodge_decomposition(edges, flow)
    dot = lambda u, v: sum(p * q for p, q in zip(u, v))  # noqa: E731
    inner = sp.Matrix([dot(h.gradient, h.curl), dot(h.gradient, h.harmonic), dot(h.curl, h.harmonic)])
    total = sp.Matrix([g + c + r for g, c, r in zip(h.gradient, h.curl, h.harmonic)])
    condorcet = hodge_decomposition(*pairwise_flow([("A", "B", "C"), ("B", "C", "A"), ("C", "A", "B")]))
    return [check_exact(inner, sp.zeros(3, 1), what="pairwise inner products", method="exact rational solve"),
            check_exact(total, sp.Matrix(flow), what="parts sum to the flow", method="exact rational solve"),
            check_exact(sp.Matrix(condorcet.gradient), sp.zeros(3, 1), what="Condorcet gradient part",
                        method="exact rational solve")]
