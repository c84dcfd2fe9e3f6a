"""Gauge symmetries of linear neural ODEs (reference brief gauge_hamiltonian_nnft.md, section 1):
rescalings, translations, the full affine group, time reparametrisations, the matrix case, the
lattice and ReLU versions, attention, and gauge fixing; with the talk's sign errors refuted."""
from fractions import Fraction

import mpmath
import numpy as np
import sympy as sp

import mathml as mm
from mathml.core.checks import check_close, check_exact
from mathml.core.rank import exact_rank
from mathml.core.relu import ReluNetwork
from mathml.core.sampling import vanishing
from mathml.gauge import (LinearNODE, MatrixNODE, chain_output, continuum_limit, discrete_gauge,
                          flow_equivalence, linear_transport_gauge, loop_invariants,
                          magnus_error_order, parameter_rank, weight_decay_gauge)
from mathml.gauge.attention import (exact_parameter_rank, parameter_jacobian, relu_attention,
                                    relu_attention_rescale)

NODE = LinearNODE()
t, w, b = NODE.t, NODE.w, NODE.b
T = sp.Symbol("T", positive=True)
g, c, f = (sp.Function(n)(t) for n in ("g", "c", "f"))
x = sp.Function("x")(t)
ON_SHELL = {x.diff(t): NODE.rhs(x)}
VANISH = {"g": vanishing(at=[0, T]), "c": vanishing(at=[0, T])}
VG, VC = {"g": VANISH["g"]}, {"c": VANISH["c"]}
SLIDES = "seed 001 (Hashimoto, String Data 2024)"


def _I(e):
    return sp.Integral(e, (t, 0, T))


def _close(what, compute, dps=30, digits=25):
    """Numeric agreement through mathml.core.checks: ``compute(d)`` returns (values, expected) as
    mpmath numbers or matrices computed at ``d`` digits; each entry is compared at ``digits`` digits
    (`check_close`), a mismatch being confirmed by recomputation at ``2 dps`` digits."""
    with mpmath.workdps(dps + 10):
        vals, exps = compute(dps)
    flat = (lambda m: list(m) if isinstance(m, mpmath.matrix) else [m])
    vals, exps = flat(vals), flat(exps)
    again = {}

    def recompute(k):
        if not again:
            with mpmath.workdps(2 * dps + 10):
                again["v"] = flat(compute(2 * dps)[0])
        return again["v"][k]

    out = []
    for k, (v, e) in enumerate(zip(vals, exps)):
        with mpmath.workdps(dps + 10):
            out.append(check_close(v, e, digits=digits, recompute=lambda k=k: recompute(k),
                                   what=f"{what}" + (f", entry {k}" if len(vals) > 1 else ""),
                                   method=f"mpmath {dps} digits"))
    return out


def _rescaling(sign):
    gt = NODE.rescale(g, sign=sign, T=T)
    xt = gt.state_map(x)
    d = mm.Derivation(f"Rescaling sign {sign:+d}", xt.diff(t).subs(ON_SHELL),
                      assumptions=["x' = w x + b"])
    d.step(gt.transformed.w * xt + gt.transformed.b,
           r"$= \tilde w \tilde x + \tilde b$")
    return [d, flow_equivalence(NODE, gt.transformed, T=T, functions=VG, points=4)]


@mm.theorem("Rescaling x to exp(g) x gives w + g', exp(g) b", tags=("gauge", "scalar"))
def rescaling_plus():
    r"""Under $\tilde x = e^{g(t)} x$ the model $\dot x = w x + b$ becomes $\dot{\tilde x} =
    (w + \dot g)\tilde x + e^{g} b$; with $g(0) = g(T) = 0$ the flow map $x(0) \mapsto x(T)$ is
    unchanged (random $w, b$, random $g$ vanishing at both ends, random $T$)."""
    return _rescaling(+1)


@mm.theorem("Rescaling x to exp(-g) x gives w - g', exp(-g) b", tags=("gauge", "scalar"))
def rescaling_minus():
    r"""The talk's $x \to x - g x$ is infinitesimally $\tilde x = e^{-g} x$, which induces
    $w \to w - \dot g$ and $b \to e^{-g} b$ (not $w + \dot g$)."""
    return _rescaling(-1)


@mm.theorem("The slide's label x -> x - g x induces its rules w -> w + g', b -> exp(g(t) - g(0)) b",
            tags=("gauge", "flag"), expect="disproved",
            source=SLIDES + ", slide '3. Diffeos in neural ODEs' (linear neural ODE)")
def slide_label():
    r"""Refuted: the slide reads "Spatial diffeo $x(t) \mapsto x(t) - g(t)x(t)$ is weight transf.
    $w(t) \mapsto w(t) + \dot g(t)$, $b(t) \mapsto e^{g(t)-g(t=0)} b(t)$".  The rules themselves are a
    true symmetry (induced by $\tilde x = e^{g(t) - g(0)} x$, see the normalised-rescaling theorem);
    the slip is the label: $x - g x$ is, to first order, $\tilde x = e^{-g} x$, which induces
    $w \mapsto w - \dot g$.  Along $\dot x = w x + b$ the label's $\tilde x$ does not solve the model
    with the slide's parameters (residual $-2\dot g\,\tilde x + \dots \ne 0$), and the weights differ
    by $2\dot g$ (random $w, b, x$ and $g$)."""
    label = NODE.rescale(g, sign=-1)
    rules = NODE.rescale(g, T=T, normalized=True).transformed
    xt = label.state_map(x)
    residual = xt.diff(t).subs(ON_SHELL) - (rules.w * xt + rules.b)
    return [mm.verify(residual, 0, points=4), mm.verify(label.transformed.w, rules.w, points=4)]


@mm.theorem("Mixing signs, (w + g', exp(-g) b), is a gauge symmetry (brief FLAG 1)", tags=("gauge", "flag"),
            expect="disproved", source="reference brief gauge_hamiltonian_nnft.md, section 1.3, FLAG 1")
def mixed_pairing():
    r"""Refuted: a consistent rescaling pairs $w \mapsto w + \sigma\dot g$ with $b \mapsto e^{\sigma g} b$
    (equal signs).  The mixed pair $(w + \dot g, e^{-g} b)$ changes the flow map even for
    $g(0) = g(T) = 0$: at $w = \sin t$, $b = 1$, $g = \sin \pi t$, $x(0) = 1/2$ it gives
    $x(1) = 1.2511$ instead of $2.1559$ (brief 1.9 oracles).  This pairing is not on the slide."""
    mixed = LinearNODE(w + g.diff(t), sp.exp(-g) * b)
    concrete = LinearNODE(sp.sin(t), 1)
    gs = sp.sin(sp.pi * t)
    return [flow_equivalence(NODE, mixed, T=T, functions=VG, points=2),
            flow_equivalence(concrete, LinearNODE(sp.sin(t) + gs.diff(t), sp.exp(-gs)), T=1, points=1)]


@mm.theorem("The rescaling by g = t^2 on [0, 1] (g(1) = 1, not 0) keeps the flow map",
            tags=("gauge", "boundary"), expect="disproved")
def boundary_condition_violated():
    r"""Refuted: with $w = \sin t$, $b = 1$, $T = 1$ and $g = t^2$ ($g(1) = 1 \neq 0$) the transformed
    model maps $x(0)$ to $e\,x(1)$: the counterexample shows $A_b / A_a = e = 2.718281828\ldots$, so
    the boundary condition $g(T) = 0$ is needed."""
    base = LinearNODE(sp.sin(t), 1)
    return flow_equivalence(base, base.rescale(t**2, T=1).transformed, T=1, points=1)


@mm.theorem("Translation x to x + c gives b + c' - w c", tags=("gauge", "scalar"))
def translation():
    r"""$\tilde x = x + c(t)$ with $c(0) = c(T) = 0$ leaves $w$ and the flow map unchanged and maps
    $b \to b + \dot c - w c$, because $\int_0^T U(T,s)(\dot c - w c)\,ds = [U(T,s) c(s)]_0^T = 0$."""
    gt = NODE.translate(c, T=T)
    d = mm.Derivation("Translation", gt.state_map(x).diff(t).subs(ON_SHELL))
    d.step(gt.transformed.w * gt.state_map(x) + gt.transformed.b, r"$= w\tilde x + \tilde b$")
    return [d, flow_equivalence(NODE, gt.transformed, T=T, functions=VC, points=4)]


@mm.theorem("Affine maps x -> a x + c form the full gauge group: equal flow maps are affinely related",
            tags=("gauge", "scalar"))
def affine_group():
    r"""(Symmetry) $\tilde x = a x + c$ gives $\tilde w = w + \dot a / a$,
    $\tilde b = a b + \dot c - \tilde w c$; with $a = e^{g}$, $g(0) = g(T) = 0$ and $c(0) = c(T) = 0$ the
    flow map is invariant (symbolic ODE residual; flow maps at random $w, b, g, c$).

    (Completeness) Conversely, let $(w_1, b_1)$ and $(w_2, b_2)$ have the same flow map
    $(A, B)$.  Put $a(t) = e^{\int_0^t (w_2 - w_1)}$, $v_i(t) = \int_0^t U_i(t, s) b_i(s)\,ds$ (so
    $\dot v_i = w_i v_i + b_i$, $v_i(0) = 0$) and $c = v_2 - a v_1$.  Then the affine map $(a, c)$
    sends $(w_1, b_1)$ exactly to $(w_2, b_2)$ (symbolic, for undefined $w_i, b_i$), and
    $a(0) = 1$, $c(0) = 0$, $a(T) = A_2/A_1 = 1$, $c(T) = B_2 - B_1 = 0$: every pair of models with
    one flow map is related by an affine gauge transformation, so the orbits are the fibres of
    $(A, B)$."""
    gt = NODE.affine(sp.exp(g), c, T=T)
    symmetry = [mm.verify(gt.ode_residual(), 0),
                flow_equivalence(NODE, gt.transformed, T=T, functions=VANISH, points=4)]
    w1, b1, w2, b2, a, v1, v2 = (sp.Function(n)(t) for n in ("w_1", "b_1", "w_2", "b_2", "a", "v_1", "v_2"))
    rules = {a.diff(t): (w2 - w1) * a, v1.diff(t): w1 * v1 + b1, v2.diff(t): w2 * v2 + b2}
    induced = LinearNODE(w1, b1, t).affine(a, v2 - a * v1, T=T).transformed
    dw = mm.Derivation("Induced weight", induced.w.doit().subs(rules))
    dw.step(w2, "$\\dot a = (w_2 - w_1) a$")
    db = mm.Derivation("Induced bias", induced.b.doit().subs(rules))
    db.step(b2, "$\\dot v_i = w_i v_i + b_i$")
    s_ = sp.Symbol("s", real=True)
    a_explicit = sp.exp(sp.Integral((w2 - w1).subs(t, s_), (s_, 0, t)))
    a_ode = mm.verify(sp.diff(a_explicit, t).doit(), (w2 - w1) * a_explicit)
    return symmetry + [dw, db, a_ode]


@mm.theorem("Time reparametrisation: w and b are one-forms", tags=("gauge", "time"))
def time_reparametrisation():
    r"""With $t = \varphi(s)$, $\varphi(0) = 0$, $\varphi(T) = T$, $\varphi' > 0$:
    $\tilde w(s) = w(\varphi(s))\varphi'(s)$, $\tilde b(s) = b(\varphi(s))\varphi'(s)$ give the same
    flow map ($\varphi = s + 0.3 \sin(\pi s)/\pi$, $T = 1$, random $w, b$). Infinitesimally
    ($\tau = t + \epsilon f$) $\delta w = -\epsilon (f w)'$, $\delta b = -\epsilon (f b)'$, which is the
    affine map with $g = -\epsilon f w$, $c = -\epsilon f b$ to first order."""
    phi = t + sp.Rational(3, 10) * sp.sin(sp.pi * t) / sp.pi
    eps = sp.Symbol("epsilon")
    inf = NODE.reparametrize_infinitesimal(f, eps)
    affine = NODE.affine(sp.exp(-eps * f * w), -eps * f * b)
    return [flow_equivalence(NODE, NODE.reparametrize(phi, T=1).transformed, T=1, points=4),
            mm.verify(inf.ode_residual().diff(eps).subs(eps, 0), 0),
            mm.verify(affine.transformed.b.diff(eps).subs(eps, 0), inf.transformed.b.diff(eps)),
            mm.verify(affine.transformed.w.diff(eps).subs(eps, 0), inf.transformed.w.diff(eps))]


@mm.theorem("Acceleration and the regulariser L_R", tags=("gauge", "fixing"))
def acceleration():
    r"""Along $\dot x = w x + b$: $\ddot x = (\dot w + w^2) x + (\dot b + w b)$. So the talk's
    $L_R = \lambda\int[(\dot w + w^2)^2 + ((\partial_t + w) b)^2]$ penalises the acceleration of every
    trajectory (no sign error), and vanishes only on straight-line transport."""
    X = sp.Symbol("x")
    d = mm.Derivation("Acceleration", sp.Derivative(w * x + b, t).doit().subs(ON_SHELL))
    d.step(NODE.acceleration(x), "collect powers of $x$")
    return [d, mm.verify(NODE.acceleration(X).coeff(X, 0), b.diff(t) + w * b)]


@mm.theorem("Covariant derivative D = d/dt - w", tags=("gauge", "scalar"))
def covariant_derivative():
    r"""Under $\sigma = +1$: $(\partial_t - \tilde w)\tilde b = e^{g}(\partial_t - w) b$, while
    $(\partial_t + \tilde w)\tilde b - e^{g}(\partial_t + w)b = 2\dot g e^{g} b$ (not covariant)."""
    new = NODE.rescale(g).transformed
    return [mm.verify(new.b.diff(t) - new.w * new.b, sp.exp(g) * (b.diff(t) - w * b)),
            mm.verify(new.b.diff(t) + new.w * new.b - sp.exp(g) * (b.diff(t) + w * b),
                      2 * g.diff(t) * sp.exp(g) * b)]


# --- matrix case -------------------------------------------------------------------------
_W = sp.Matrix([[sp.sin(t), 1], [-t, sp.Rational(1, 2)]])
_B = sp.Matrix([1, t])
_X0 = [sp.Rational(3, 10), sp.Rational(-7, 10)]
_K = sp.Matrix([[0, 1], [2, 0]])


def _expK(s):  # expm(s K) in closed form, K^2 = 2
    return sp.cosh(sp.sqrt(2) * s) * sp.eye(2) + sp.sinh(sp.sqrt(2) * s) / sp.sqrt(2) * _K


_G, _GI = _expK(t * (1 - t)), _expK(-t * (1 - t))
_MNODE = MatrixNODE(2, _W, _B, t)


@mm.theorem("Matrix gauge: W to G W inv(G) + G' inv(G), b to G b", tags=("gauge", "matrix"))
def matrix_gauge():
    r"""For $\tilde x = G x$: $\tilde W = G W G^{-1} + \dot G G^{-1}$, $\tilde b = G b$ (symbolic, for
    undefined $2\times 2$ $W$, $G$); with $G = \exp(t(1-t)K)$, $K = \begin{pmatrix}0&1\\2&0\end{pmatrix}$
    the brief's model keeps $x(1) = (0.7452604, -0.8822353)$ and $U(1,0)$."""
    generic = MatrixNODE(2)
    Gs = sp.Matrix(2, 2, lambda i, j: sp.Function(f"G_{i}{j}")(t))
    residual = generic.gauge(Gs).ode_residual()
    gt = _MNODE.gauge(_G, T=1, inverse=_GI)

    def flows(d):
        return _MNODE.flow(1, _X0, dps=d)[2], gt.transformed.flow(1, _X0, dps=d)[2]
    return [mm.verify(residual, sp.zeros(2, 1), points=4)] + _close("x(1) after vs before", flows)


@mm.theorem("The row-vector ordering W -> inv(G) W G + inv(G) G', b -> inv(G) b keeps the flow map",
            tags=("gauge", "matrix", "flag"), expect="disproved")
def matrix_wrong_order():
    r"""Refuted for column vectors: the row-vector ordering $W \to G^{-1} W G + G^{-1}\dot G$,
    $b \to G^{-1} b$ changes the flow map of the column-vector model:
    $x(1) = (0.9239635, -1.1237566)$ instead of $(0.7452604, -0.8822353)$ (brief FLAG 2)."""
    wrong = MatrixNODE(2, _GI * _W * _G + _GI * _G.diff(t), _GI * _B, t)

    def flows(d):
        return _MNODE.flow(1, _X0, dps=d)[2], wrong.flow(1, _X0, dps=d)[2]
    return _close("x(1), row ordering vs column model", lambda d: flows(d)[::-1])


@mm.theorem("Wilson-loop invariants tr U and det U for G(0) = G(T) = G0", tags=("gauge", "matrix"))
def loop_invariant_theorem():
    r"""With $G(t) = G_0 \exp(t(1-t)K)$, $G_0 = \begin{pmatrix}1&0.3\\0&1\end{pmatrix}$,
    $U(1,0) \to G_0 U G_0^{-1}$, so $\operatorname{tr} U = 2.4533713$ and $\det U = 2.6109071$ are
    unchanged; $\det U = \exp\int_0^1 \operatorname{tr} W$ (Liouville)."""
    G0 = sp.Matrix([[1, sp.Rational(3, 10)], [0, 1]])
    gt = _MNODE.gauge(G0 * _G, T=1, inverse=_GI * G0.inv())

    def inv(d, k):
        return (loop_invariants(_MNODE.propagator(1, dps=d))[k],
                loop_invariants(gt.transformed.propagator(1, dps=d))[k])
    liouville = lambda d: (loop_invariants(_MNODE.propagator(1, dps=d))[1],  # noqa: E731
                           mpmath.exp(mpmath.mpf(3) / 2 - mpmath.cos(1)))
    return (_close("tr U after vs before", lambda d: inv(d, 0))
            + _close("det U after vs before", lambda d: inv(d, 1))
            + _close("det U vs exp(int tr W)", liouville))


@mm.theorem("Magnus expansion: truncation orders", tags=("gauge", "matrix"))
def magnus_orders():
    r"""For $W = \begin{pmatrix}0&1\\t&t^2\end{pmatrix}$ on $[0,h]$, $\exp\Omega_1$ has local error
    $O(h^3)$ and $\exp(\Omega_1+\Omega_2)$ has $O(h^5)$ (measured slopes, $h = 1/8 \to 1/16$);
    $\Omega_2$ is checked against its closed form for $W = \begin{pmatrix}0&1\\t&0\end{pmatrix}$:
    $\Omega_2 = \operatorname{diag}(-1/12, 1/12)$ at $T = 1$."""
    Wp = [[0, 1], [t, t**2]]
    verdicts = [check_close(magnus_error_order(order, Wp, t), expected, digits=1,
                            what=f"measured local error order of Magnus truncation {order}",
                            method="slope of log error, h = 1/8 -> 1/16, mpmath")
                for order, expected in ((1, 3), (2, 5))]
    om2 = MatrixNODE(2, [[0, 1], [t, 0]], None, t).magnus(2, T=1)[1]
    verdicts.append(mm.verify(sp.Matrix(om2).applyfunc(lambda e: e.doit()),
                              sp.diag(sp.Rational(-1, 12), sp.Rational(1, 12))))
    return verdicts


# --- lattice, ReLU, attention -------------------------------------------------------------
@mm.theorem("Discrete gauge symmetry of a linear chain is exact", tags=("gauge", "lattice"))
def discrete_chain():
    r"""For $x_{n+1} = W_n x_n + \beta_n$: $W_n \to G_{n+1} W_n G_n^{-1}$,
    $\beta_n \to G_{n+1}\beta_n + c_{n+1} - \tilde W_n c_n$ with $G_0 = G_N = 1$, $c_0 = c_N = 0$ leaves
    $x_N$ unchanged exactly (symbolic, $N = 3$, $2\times 2$), not only to $O(\Delta t)$."""
    q = iter(sp.symbols("q0:30"))
    Ws = [sp.Matrix(2, 2, lambda i, j: next(q)) for _ in range(3)]
    bs = [sp.Matrix(2, 1, lambda i, j: next(q)) for _ in range(3)]
    a, e = sp.symbols("a e", positive=True)
    Gs = [sp.eye(2), sp.Matrix([[a, 1], [0, 1]]), sp.Matrix([[1, 0], [e, a]]), sp.eye(2)]
    cs = [sp.zeros(2, 1), sp.Matrix([a, 1]), sp.Matrix([0, e]), sp.zeros(2, 1)]
    W2, b2 = discrete_gauge(Ws, bs, Gs, cs)
    X = sp.Matrix(sp.symbols("x0 x1"))
    return mm.verify(chain_output(W2, b2, X), chain_output(Ws, bs, X))


@mm.theorem("Continuum limit of the Euler-layer gauge map is w + g'", tags=("gauge", "lattice"))
def continuum():
    r"""With $W_n = 1 + \Delta t\, w(t_n)$ and $G_n = e^{g(t_n)}$:
    $(G_{n+1} W_n G_n^{-1} - 1)/\Delta t \to w + \dot g$, i.e. $\tilde x = e^{+g} x$ (brief FLAG 2)."""
    return mm.verify(continuum_limit(NODE, g), w + g.diff(t))


@mm.theorem("ReLU networks: positive diagonal rescalings and the Jacobian rank", tags=("gauge", "relu"))
def relu_symmetry():
    r"""$W_l \to \Lambda_{l+1} W_l \Lambda_l^{-1}$, $b_l \to \Lambda_{l+1} b_l$ with positive diagonal
    $\Lambda$ leaves a ReLU net unchanged ($\sigma(\lambda z) = \lambda\sigma(z)$, $\lambda > 0$): checked in
    exact rational arithmetic for a $3 \to 5 \to 2$ net with integer weights on 60 rational inputs.
    Its parameter Jacobian (32 parameters) has rank $27 = 32 - 5$ at these inputs (exact rank of the
    rational Jacobian, python-flint), and the 5 rescaling directions are in its kernel (exactly), so
    the generic rank is exactly 27 (brief 1.9)."""
    rng = np.random.default_rng(0)
    W1, W2 = rng.integers(-5, 6, size=(5, 3)), rng.integers(-5, 6, size=(2, 5))
    b1, b2 = rng.integers(-5, 6, size=5), rng.integers(-5, 6, size=2)
    net = ReluNetwork([W1, W2], [b1, b2])
    scales = [Fraction(int(k), int(m)) for k, m in zip(rng.integers(1, 9, 5), rng.integers(1, 9, 5))]
    X = [[Fraction(int(v), 7) for v in row] for row in rng.integers(-30, 31, size=(60, 3))]
    same = check_exact(net.rescaled([scales]).forward(X), net.forward(X),
                       what="outputs of the rescaled net on 60 rational inputs",
                       method="exact rational arithmetic")
    J = net.parameter_jacobian(X)
    # tangent of rescaling hidden unit j: row j of W1 and b1 scale by lambda, column j of W2 by 1/lambda
    tangents = []
    for j in range(5):
        dW1, db1, dW2 = np.zeros((5, 3), dtype=int), np.zeros(5, dtype=int), np.zeros((2, 5), dtype=int)
        dW1[j], db1[j], dW2[:, j] = W1[j], b1[j], -W2[:, j]
        tangents.append(list(dW1.ravel()) + list(db1) + list(dW2.ravel()) + [0, 0])
    Tm = sp.Matrix(tangents).T
    return [same,
            check_exact(exact_rank(J), 27, what="rank of the 120 x 32 parameter Jacobian",
                        method="exact: python-flint fmpq_mat rank of the rational Jacobian"),
            check_exact(J * Tm, sp.zeros(J.rows, 5), what="rescaling directions lie in the kernel",
                        method="exact rational matrix product"),
            check_exact(exact_rank(Tm), 5, what="the 5 rescaling directions are independent",
                        method="exact: python-flint fmpq_mat rank")]


@mm.theorem("Attention: GL(d_k) acts on W_Q, W_K; rank 2 d d_k - d_k squared", tags=("gauge", "attention"))
def attention_theorem():
    r"""$Q K^\top = X W_Q W_K^\top X^\top$ is invariant under $W_Q \to W_Q A$, $W_K \to W_K A^{-\top}$
    (symbolic, $d = 3$, $d_k = 2$); the map $(W_Q, W_K) \mapsto W_Q W_K^\top$ has Jacobian rank
    $2 d d_k - d_k^2$ ($= 39$ for $d = 8$, $d_k = 3$): exact rank of the integer Jacobian at a seeded
    integer point, with the $d_k^2 = 9$ directions $(W_Q M, -W_K M^\top)$ of the $GL(d_k)$ orbit exactly in
    its kernel (brief 1.7)."""
    WQ = sp.Matrix(3, 2, sp.symbols("q0:6"))
    WK = sp.Matrix(3, 2, sp.symbols("k0:6"))
    A = sp.Matrix(2, 2, sp.symbols("a0:4"))
    d, dk = 8, 3
    rng = np.random.default_rng(0)
    PQ, PK = (sp.Matrix(rng.integers(-5, 6, size=(d, dk))) for _ in range(2))
    J = parameter_jacobian(PQ, PK)
    orbit = []
    for i in range(dk):
        for j in range(dk):
            M = sp.zeros(dk, dk)
            M[i, j] = 1
            orbit.append(list(PQ * M) + list(-PK * M.T))
    Om = sp.Matrix(orbit).T
    return [mm.verify((WQ * A) * (WK * A.inv().T).T, WQ * WK.T),
            check_exact(exact_parameter_rank(d, dk), parameter_rank(d, dk),
                        what="Jacobian rank of (W_Q, W_K) -> W_Q W_K^T at a seeded integer point",
                        method="exact: python-flint rank of the integer Jacobian"),
            check_exact(J * Om, sp.zeros(J.rows, dk * dk), what="GL(d_k) orbit directions lie in the kernel",
                        method="exact integer matrix product"),
            check_exact(exact_rank(Om), dk * dk, what="the GL(d_k) orbit has dimension d_k^2",
                        method="exact: python-flint rank")]


@mm.theorem("ReLU attention is invariant under alpha rescalings with alpha_q alpha_k > 0 and product 1",
            tags=("gauge", "attention"), source=SLIDES + ", slide '3. Self-attention in transformers'")
def relu_attention_rescaling():
    r"""For the talk's $h_i = \sum_j \mathrm{ReLU}((x w^{(q)})_i (x w^{(k)})_j^\top)(x w^{(v)})_j$, the
    rescaling $w^{(a)} \to \alpha_a w^{(a)}$ multiplies every logit by $c = \alpha_q\alpha_k$ and the
    values by $\alpha_v$; since $\mathrm{ReLU}(c s) = c\,\mathrm{ReLU}(s)$ for $c > 0$, $h$ is unchanged when
    $\alpha_q\alpha_k > 0$ and $\alpha_q\alpha_k\alpha_v = 1$ (the lemma checked at random points; the
    attention output compared in exact rational arithmetic for $\alpha = (2, 3/4, 2/3)$ on random
    rational $4\times 3$ data)."""
    cpos = sp.Symbol("c", positive=True)
    s_, v_ = sp.symbols("s v", real=True)
    lemma = mm.Derivation("Positive homogeneity of ReLU", sp.Max(0, cpos * s_) * v_ / cpos)
    lemma.step(sp.Max(0, s_) * v_, "$c > 0$")
    xq, wq, wk, wv = _rational_attention_data()
    rescaled = relu_attention_rescale(wq, wk, wv, 2, sp.Rational(3, 4), sp.Rational(2, 3))
    return [lemma, check_exact(relu_attention(xq, *rescaled), relu_attention(xq, wq, wk, wv),
                               what="ReLU attention output, alpha = (2, 3/4, 2/3)",
                               method="exact rational arithmetic")]


@mm.theorem("The talk's rescaling with only alpha_q alpha_k alpha_v = 1 is a symmetry of ReLU attention",
            tags=("gauge", "attention", "flag"), expect="disproved",
            source=SLIDES + ", slide '3. Self-attention in transformers' (NN sym 1)")
def relu_attention_rescaling_slide():
    r"""Refuted: the slide states "NN sym 1: rescaling $w^{(a)} \mapsto \alpha^{(a)} w^{(a)}$,
    $w^{(q)} w^{(k)} w^{(v)} = 1$" for
    $h_i = \sum_j \mathrm{ReLU}((x w^{(q)})_i (x w^{(k)})_j^\top)(x w^{(v)})_j$.
    With ReLU the product condition is not enough: $\alpha = (-1, 1, -1)$ has product 1 but flips
    the sign of every logit, and $\mathrm{ReLU}(-s) \ne -\mathrm{ReLU}(s)$; the outputs differ (exact
    rational arithmetic on random rational data).  The symmetry needs $\alpha_q\alpha_k > 0$."""
    xq, wq, wk, wv = _rational_attention_data()
    flipped = relu_attention_rescale(wq, wk, wv, -1, 1, -1)
    return check_exact(relu_attention(xq, *flipped), relu_attention(xq, wq, wk, wv),
                       what="ReLU attention output, alpha = (-1, 1, -1)", method="exact rational arithmetic")


def _rational_attention_data():
    rng = np.random.default_rng(5)
    rat = lambda shape: sp.Matrix(shape[0], shape[1],  # noqa: E731
                                  [sp.Rational(int(v), 4) for v in rng.integers(-8, 9, size=shape).ravel()])
    return rat((4, 3)), rat((3, 3)), rat((3, 3)), rat((3, 3))


# --- gauge fixing -------------------------------------------------------------------------
@mm.theorem("Straight-line (linear transport) gauge", tags=("gauge", "fixing"))
def straight_line_gauge():
    r"""$w^* = (A-1)/(T + (A-1)t)$, $b^* = B/(T + (A-1)t)$ has $\ddot x \equiv 0$ and flow map
    $x \mapsto A x + B$; for $w = \sin t$, $b = 1$ it reproduces $x(1) = 2.1559337893485$ from
    $x(0) = 1/2$. A pure rescaling keeps $b(0) = 1 \ne b^*(0) = B$, so the translation is needed."""
    A, B = sp.symbols("A B", positive=True)
    ws, bs = linear_transport_gauge(A, B, T, t=t)
    X = sp.Symbol("x")
    A1 = sp.exp(1 - sp.cos(1))
    B1 = sp.Integral(sp.exp(sp.cos(t) - sp.cos(1)), (t, 0, 1))
    w1, b1 = linear_transport_gauge(A1, B1, 1, t=t)
    return [mm.verify(LinearNODE(ws, bs).acceleration(X), 0),
            mm.verify(sp.integrate(ws, (t, 0, T)), sp.log(A)),
            flow_equivalence(LinearNODE(sp.sin(t), 1), LinearNODE(w1, b1.evalf(40)), T=1, points=1)]


@mm.theorem("Weight decay minimum over the gauge orbit", tags=("gauge", "fixing"))
def weight_decay():
    r"""$\min_g \int_0^T (w + \dot g)^2 = (\int_0^T w)^2/T$ over $g(0) = g(T)$.  Lower bound: with
    $m = \frac1T\int_0^T w$,
    $\int_0^T (w + \dot g - m)^2 = \int_0^T (w + \dot g)^2 - T m^2 - 2m(g(T) - g(0))$ for all $w = W'$, $g$
    (exact: sympy's expansion, linearity and fundamental theorem of calculus on both sides), which is
    $\int_0^T (w + \dot g)^2 - T m^2$ when $g(T) = g(0)$; the left side is an integral of a square, so
    $\int (w + \dot g)^2 \ge T m^2$ for every admissible $g$.  Attained where $w + \dot g \equiv m$: for
    $w = \sin t$, $T = 1$ the minimising gauge gives
    $(1 - \cos 1)^2 = 0.211321970 < \int_0^1 \sin^2 = 0.272675643$."""
    W = sp.Function("W")(t)  # an antiderivative of w (w = W'), so m = (W(T) - W(0)) / T
    m, u = (W.subs(t, T) - W.subs(t, 0)) / T, W.diff(t) + g.diff(t)
    excess = _I((u - m)**2)
    # unconditionally (any W, g): int (u - m)^2 = int u^2 - T m^2 - 2 m (g(T) - g(0)); proved by sympy's
    # exact expand (linearity) and doit (fundamental theorem of calculus) on both sides
    unconditional = _I(u**2) - T * m**2 - 2 * m * (g.subs(t, T) - g.subs(t, 0))
    identity = mm.verify(sp.expand(excess).doit(), sp.expand(unconditional).doit())
    at_bc = mm.verify(unconditional.subs(g.subs(t, T), g.subs(t, 0)), _I(u**2) - T * m**2)
    gs = weight_decay_gauge(sp.sin(t), 1, t=t).doit()
    return [identity, at_bc,
            mm.verify(sp.Integral((sp.sin(t) + gs.diff(t))**2, (t, 0, 1)), (1 - sp.cos(1))**2),
            mm.verify(gs.subs(t, 1), 0), mm.verify(gs.subs(t, 0), 0)]


@mm.theorem("Matrix straight-line gauge: obstruction at A = -1", tags=("gauge", "fixing"))
def gribov_obstruction():
    r"""$M(t) = 1 + (t/T)(A - 1)$ is singular at $t = T/2$ for $A = -1$ (rotation by $\pi$), so the
    straight-line representative $W^* = (A-1)M^{-1}/T$ does not exist there."""
    A = -sp.eye(2)
    M = sp.eye(2) + (t / T) * (A - sp.eye(2))
    return mm.verify(M.subs(t, T / 2).det(), 0)


@mm.theorem("Normalised rescaling exp(g(t) - g(0)) b needs only g(T) = g(0)", tags=("gauge", "scalar"),
            source=SLIDES + ", slide '3. Diffeos in neural ODEs' (the rules w + g', e^{g(t) - g(0)} b)")
def normalised_rescaling():
    r"""$\tilde x = e^{g(t) - g(0)} x$ induces $w \to w + \dot g$, $b \to e^{g(t)-g(0)} b$ (the slide's
    rules, which are right) and keeps the flow map whenever $g(T) = g(0)$ (here $g = 1 + \sin 2\pi t$
    on $[0, 1]$, random $w, b$)."""
    gt = NODE.rescale(1 + sp.sin(2 * sp.pi * t), T=1, normalized=True)
    return [mm.verify(gt.ode_residual(), 0), flow_equivalence(NODE, gt.transformed, T=1, points=4)]


@mm.theorem("Balanced gauge of a ReLU unit minimises L2 weight decay", tags=("gauge", "relu", "fixing"))
def balanced_relu_gauge():
    r"""For a hidden unit with fan-in row $r$ and fan-out column $c$,
    $\lambda^2\|r\|^2 + \|c\|^2/\lambda^2$ is minimal at $\lambda^2 = \|c\|/\|r\|$ with value
    $2\|r\|\|c\|$ (symbolic, $\rho = \|r\|$, $\gamma = \|c\|$)."""
    lam, rho, gam = sp.symbols("lambda rho gamma", positive=True)
    cost = lam**2 * rho**2 + gam**2 / lam**2
    lam_star = sp.sqrt(gam / rho)
    return [mm.verify(sp.diff(cost, lam).subs(lam, lam_star), 0),
            mm.verify(cost.subs(lam, lam_star), 2 * rho * gam),
            mm.verify(sp.diff(cost, lam, 2).subs(lam, lam_star), 8 * rho**2)]


@mm.theorem("Discretised linear NODE: (A, B) has rank 2, the gauge orbit dimension 2N - 2",
            tags=("gauge", "lattice"))
def chain_gauge_orbit_dimension():
    r"""For the scalar chain $x_{n+1} = W_n x_n + \beta_n$ with $N = 5$ layers at a rational point, the
    map $(W, \beta) \mapsto (A, B) = (\prod W_n,\ x_N|_{x_0 = 0})$ has Jacobian rank 2, and the tangent
    vectors of the interior gauge group (scalings $G_1..G_{N-1}$ and shifts $c_1..c_{N-1}$) span a
    $2N - 2 = 8$ dimensional space inside its kernel: the orbits fill the fibres (exact ranks)."""
    N = 5
    Ws = sp.symbols(f"W0:{N}")
    bs = sp.symbols(f"b0:{N}")
    x = sp.Integer(0)
    for W, b in zip(Ws, bs):
        x = W * x + b
    A, B = sp.Mul(*Ws), x
    params = list(Ws) + list(bs)
    point = {p: sp.Rational(k + 2, k + 3) * (-1) ** k for k, p in enumerate(params)}
    J = sp.Matrix([[sp.diff(f, p) for p in params] for f in (A, B)]).subs(point)
    tangents = []
    for n in range(1, N):  # interior nodes x_1 .. x_{N-1}
        # scaling x_n -> e^s x_n: W_{n-1}, b_{n-1} scale by e^s, W_n by e^-s
        v = {p: 0 for p in params}
        v[Ws[n - 1]], v[bs[n - 1]], v[Ws[n]] = point[Ws[n - 1]], point[bs[n - 1]], -point[Ws[n]]
        tangents.append([v[p] for p in params])
        # shift x_n -> x_n + c: b_{n-1} += c, b_n -= W_n c
        v = {p: 0 for p in params}
        v[bs[n - 1]], v[bs[n]] = 1, -point[Ws[n]]
        tangents.append([v[p] for p in params])
    Tm = sp.Matrix(tangents).T
    got = sp.Matrix([J.rank(), Tm.rank(), (J * Tm).norm()])
    return mm.verify(got, sp.Matrix([2, 2 * N - 2, 0]))
