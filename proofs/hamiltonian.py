"""Hamiltonian systems as networks and the AdS/DL bulk network (arXiv 1802.08313), with the talk's
(seed 001) slips refuted."""
import sympy as sp

import mathml as mm
from mathml.core.checks import check_exact
from mathml.hamiltonian import (
    ETA,
    ads_schwarzschild_h,
    ads_schwarzschild_metric,
    bulk_update,
    hamilton_equations,
    layer_jacobian_determinant,
    metric_function,
    network_from_hamiltonian,
    symplectic_step,
    talk_bulk_update,
)
from mathml.hamiltonian.symplectic import step_jacobian

q, p, dt = sp.symbols("q p Delta_t")
w11, w12, w21, l1, l2, u, v = sp.symbols("w_11 w_12 w_21 lambda_1 lambda_2 u v", nonzero=True)
x = sp.Symbol("x")
# the family with F = log cosh (f = tanh) and G = -cos (g = sin)
H = (w11 * p * q + w12 * p**2 / 2 - w21 * q**2 / 2 + l1 / v * sp.log(sp.cosh(v * p))
     + l2 / u * sp.cos(u * q))
phi, pi, s, h, m2 = sp.symbols("phi pi Delta_eta h m^2")
SLIDES = "seed 001 (Hashimoto, String Data 2024)"


def _talk_layer(entry33):
    """The talk's 4-unit layer: W (4 x 4), activation (dt f, id, id, dt g), then W~; the state is
    (0, q, p, 0).  ``entry33`` is W's (3, 3) entry (the talk wrote 1 + dt w12)."""
    W = sp.Matrix([[0, 0, v, 0], [0, 1 + dt * w11, dt * w12, 0], [0, dt * w21, entry33, 0], [0, u, 0, 0]])
    Wt = sp.Matrix([[0, 0, 0, 0], [l1, 1, 0, 0], [0, 0, 1, l2], [0, 0, 0, 0]])
    z = W * sp.Matrix([0, q, p, 0])
    out = Wt * sp.Matrix([dt * sp.tanh(z[0]), z[1], z[2], dt * sp.sin(z[3])])
    return sp.Matrix([out[1], out[2]])


@mm.theorem("Hamilton's equations from the network layer", tags=("hamiltonian",))
def hamilton_from_network():
    r"""For $H = w_{11}pq + \tfrac12 w_{12}p^2 - \tfrac12 w_{21}q^2 + \tfrac{\lambda_1}{v}\log\cosh(vp)
    + \tfrac{\lambda_2}{u}\cos(uq)$ the 4-unit layer $\xi \mapsto \sigma(W\xi)$ maps $(q, p)$ to
    $(q + \Delta t\,\partial_p H,\ p - \Delta t\,\partial_q H)$ exactly: one forward-Euler step."""
    net = network_from_hamiltonian(H, q, p, dt)
    qdot, pdot = hamilton_equations(H, q, p)
    d = mm.Derivation("Network layer = Euler step", sp.Matrix(net.step((q, p))))
    d.step(sp.Matrix([q + dt * (w11 * q + w12 * p + l1 * sp.tanh(v * p)),
                      p + dt * (w21 * q - w11 * p + l2 * sp.sin(u * q))]), "rows 1, 2 of $W$")
    d.step(sp.Matrix([q + dt * qdot, p + dt * pdot]), "Hamilton's equations")
    e = mm.Derivation("The talk's W, W~ architecture with W_33 = 1 - dt w_11", _talk_layer(1 - dt * w11))
    e.step(sp.Matrix([q + dt * qdot, p + dt * pdot]), "Hamilton's equations")
    return [d, e]


@mm.theorem("The talk's Hamiltonian weight matrix, with entry (3,3) = 1 + dt w12, is the Euler step of H",
            tags=("hamiltonian", "flag"), expect="disproved",
            source=SLIDES + ", slide '3. When is NN a spacetime? Hamilton dynamics is a NN'")
def talk_weight_matrix():
    r"""Refuted: the slide's $W = \begin{pmatrix}0&0&v&0\\0&1+\Delta t w_{11}&\Delta t w_{12}&0\\
    0&\Delta t w_{21}&1+\Delta t w_{12}&0\\0&u&0&0\end{pmatrix}$ with activation
    $(\Delta t f, 1, 1, \Delta t g)$ and $\tilde W$ gives
    $p + \Delta t(w_{21} q + w_{12} p + \lambda_2 g(uq))$,
    while Hamilton's equation $\dot p = -\partial_q H = w_{21} q - w_{11} p + \lambda_2 g(uq)$ needs the
    (3,3) entry $1 - \Delta t w_{11}$ (the $p$ rows differ by $\Delta t (w_{11} + w_{12}) p$).  With that
    entry the layer is exactly the Euler step (theorem "Hamilton's equations from the network layer")."""
    qdot, pdot = hamilton_equations(H, q, p)
    return mm.verify(_talk_layer(1 + dt * w12), sp.Matrix([q + dt * qdot, p + dt * pdot]))


@mm.theorem("Round trip: the layer map determines H up to a constant, and H -> network -> H -> network",
            tags=("hamiltonian",))
def round_trip_theorem():
    r"""The layer $N(q, p) = (q + \Delta t\,\partial_p H,\ p - \Delta t\,\partial_q H)$ determines
    $\nabla H$, hence $H$ up to an additive constant:
    $H_{\rm rec}(q, p) = -\int_0^q \frac{N_p(s, 0)}{\Delta t}\,ds
    + \int_0^p \frac{N_q(q, s) - q}{\Delta t}\,ds
    = H(q, p) - H(0, 0)$ for every $H$ of the family: the integrals are done by sympy from the layer
    map alone, $\nabla H_{\rm rec} = \nabla H$ and $H_{\rm rec}(0, 0) = 0$ exactly (real variables), and
    $\mathbb{R}^2$ is connected.  The network built from $H_{\rm rec}$ has the same layer map as the
    one built from $H$."""
    qr, pr, dtr, sr = sp.symbols("q p Delta_t s", real=True)
    pars = sp.symbols("w_11 w_12 w_21 lambda_1 lambda_2 u v", real=True, nonzero=True)
    Hr = H.xreplace(dict(zip((q, p, dt, w11, w12, w21, l1, l2, u, v), (qr, pr, dtr) + pars)))
    net = network_from_hamiltonian(Hr, qr, pr, dtr)
    Nq, Np = net.step((qr, pr))
    H_rec = (sp.integrate(-((Np - pr) / dtr).subs({qr: sr, pr: 0}), (sr, 0, qr))
             + sp.integrate(((Nq - qr) / dtr).subs(pr, sr), (sr, 0, pr)))
    again = network_from_hamiltonian(H_rec, qr, pr, dtr)
    return [mm.verify(sp.Matrix([H_rec.diff(qr), H_rec.diff(pr)]), sp.Matrix([Hr.diff(qr), Hr.diff(pr)])),
            mm.verify(H_rec.subs({qr: 0, pr: 0}), 0),
            mm.verify(sp.Matrix(again.step((qr, pr))), sp.Matrix(net.step((qr, pr))))]


@mm.theorem("Layer area preservation to O(dt^2)", tags=("hamiltonian",))
def area_preservation():
    r"""The layer's Jacobian determinant is $1 - \Delta t^2[w_{11}^2 + (w_{12} + \lambda_1 v f'(vp))
    (w_{21} + \lambda_2 u g'(uq))]$ with $f = \tanh$, $g = \sin$: phase-space area is preserved to
    $O(\Delta t^2)$."""
    net = network_from_hamiltonian(H, q, p, dt)
    fp = 1 - sp.tanh(v * p) ** 2
    gp = sp.cos(u * q)
    d = mm.Derivation("Jacobian determinant of one layer", layer_jacobian_determinant(net))
    d.step((1 + dt * w11) * (1 - dt * w11) - dt**2 * (w12 + l1 * v * fp) * (w21 + l2 * u * gp),
           "$2\\times2$ determinant")
    d.step(1 - dt**2 * (w11**2 + (w12 + l1 * v * fp) * (w21 + l2 * u * gp)), "expand")
    return d


@mm.theorem("Symplectic Euler layer is exactly symplectic", tags=("hamiltonian",))
def symplectic_euler_exact():
    r"""For the same family, symplectic Euler ($p' = p - \Delta t\,\partial_q H(q, p')$,
    $q' = q + \Delta t\,\partial_p H(q, p')$, explicit because $\partial_q H$ is affine in $p$)
    has $\det J = 1$, i.e. $J^T\Omega J = \Omega$."""
    J = step_jacobian(symplectic_step(H, q, p, dt), q, p)
    omega = sp.Matrix([[0, 1], [-1, 0]])
    return mm.verify(J.T * omega * J, omega)


def _bulk_eom():
    """pi' from the Euler-Lagrange equation of S = int J(eta) (-phi'^2/2 - m^2 phi^2/2 - V(phi)) d eta,
    J = sqrt(f g^(d-1)), written with h = J'/J, pi = phi', and the field and V' as plain symbols."""
    eta = sp.Symbol("eta", real=True)
    J, Phi, V = sp.Function("J")(eta), sp.Function("phi")(eta), sp.Function("V")
    L = J * (-Phi.diff(eta)**2 / 2 - m2 * Phi**2 / 2 - V(Phi))
    (el,) = sp.euler_equations(L, [Phi], [eta])
    acc = sp.solve(el.lhs, Phi.diff(eta, 2))[0]
    acc = acc.subs(J.diff(eta), h * J).subs(Phi.diff(eta), pi).subs(Phi, phi).doit()
    return sp.expand(acc), sp.Function("V")(phi).diff(phi)


def _one_step_error(pi_after):
    """Exact one-step error in pi from (phi, pi) = (1, -1) at eta = 0 on the solution phi = e^{-eta}
    of phi'' + 3 phi' + 2 phi = 0 (h = 3, m^2 = -2 with V = 0; in the talk's convention V' = -2 phi)."""
    return -sp.exp(-s) - pi_after


@mm.theorem("Bulk equation of motion as a network (correct sign)", tags=("hamiltonian", "ads"))
def bulk_network_sign():
    r"""The Euler--Lagrange equation of
    $S = \int d\eta\, J(\eta)\,[-\tfrac12\phi'^2 - \tfrac12 m^2\phi^2 - V(\phi)]$, $J = \sqrt{f g^{d-1}}$, is
    (derived here by sympy's ``euler_equations``, with $h = J'/J$) $\pi' = -h\pi + m^2\phi + V'(\phi)$,
    $\pi = \phi'$.  With signed step $\Delta\eta$,
    $W = \begin{pmatrix}1 & \Delta\eta\\ \Delta\eta\, m^2 & 1 - \Delta\eta\, h\end{pmatrix}$ plus
    $(0, \Delta\eta V'(\phi))$ is its Euler step, whose local error is $O(\Delta\eta^2)$ (exact series on
    the solution $\phi = e^{-\eta}$ of $h = 3$, $m^2 = -2$, $V = 0$)."""
    acc, dV = _bulk_eom()
    W = sp.Matrix([[1, s], [s * m2, 1 - s * h]])
    d = mm.Derivation("Bulk layer", W * sp.Matrix([phi, pi]) + sp.Matrix([0, s * dV]))
    d.step(sp.Matrix(bulk_update(phi, pi, h, m2, dV, s)),
           "regroup: $\\pi - \\Delta\\eta(h\\pi - m^2\\phi - V')$")
    d.step(sp.Matrix([phi + s * pi, pi + s * acc]), "Euler step of the Euler--Lagrange equation")
    err = _one_step_error(bulk_update(1, -1, 3, -2, 0, s)[1])
    return [d, check_exact(sp.limit(err / s**2, s, 0), sp.Rational(-1, 2),
                           what="local error = -step^2/2 + O(step^3): second order",
                           method="exact: sympy limit of the exact one-step error")]


@mm.theorem("The talk's bulk update pi + d(h pi - V') is a consistent Euler step of its equation of motion",
            tags=("hamiltonian", "ads", "flag"), expect="disproved",
            source=SLIDES + ", slide '4. Spacetime emergent from data', equation of motion as a NN")
def talk_bulk_form():
    r"""Refuted.  The talk writes the equation of motion
    $\partial_\eta^2\phi + h\,\partial_\eta\phi - \delta V/\delta\phi = 0$ (its
    $V = -\tfrac{3}{L^2}\phi^2 + \tfrac{\lambda}{4}\phi^4$ contains the mass term, so no $m^2\phi$ is
    missing) and its discretisation $\phi(\eta + \Delta\eta) = \phi + \Delta\eta\,\pi$,
    $\pi(\eta + \Delta\eta) = \pi + \Delta\eta\,(h\pi - \delta V/\delta\phi)$.  The equation gives
    $\pi' = -h\pi + V'$, so the bracket has the wrong sign: at the real point $\phi = 1/2$, $\pi = 1/5$,
    $h = 3$, $V' = 1/3$, $\Delta\eta = 1/10$ the talk's update differs from the derived one by
    $2\Delta\eta(h\pi - V') = 4/75$; and on the exact solution $\phi = e^{-\eta}$ of $h = 3$,
    $V = -\phi^2$ the talk's one-step error is $2\Delta\eta + O(\Delta\eta^2)$ (an inconsistent scheme)
    against $O(\Delta\eta^2)$ for the Euler step (exact limits)."""
    acc, dV = _bulk_eom()
    point = {phi: sp.Rational(1, 2), pi: sp.Rational(1, 5), h: 3, dV: sp.Rational(1, 3), m2: 0,
             s: sp.Rational(1, 10)}
    derived = (pi + s * acc).subs(point)
    typed = talk_bulk_update(phi, pi, h, dV, s)[1].subs(point)
    err = _one_step_error(talk_bulk_update(1, -1, 3, -2, s)[1])
    return [check_exact(typed, derived, what="talk's pi update vs the Euler step at a real point",
                        method="exact rational arithmetic"),
            check_exact(sp.limit(err / s, s, 0), 0, what="talk's local error / step as the step -> 0",
                        method="exact: sympy limit of the exact one-step error")]


@mm.theorem("AdS-Schwarzschild metric function and h' + h^2 = d^2", tags=("hamiltonian", "ads"))
def ads_h():
    r"""For the AdS$_4$ black hole in the coordinate $r = \cosh^{2/3}(3\eta/2)$,
    $h = \partial_\eta\log\sqrt{f g^{2}} = 3\coth 3\eta$, and $h' + h^2 = 9$."""
    f, g = ads_schwarzschild_metric(3)
    d = mm.Derivation("Metric function", metric_function(f, g, 3))
    d.step(ads_schwarzschild_h(3), "$\\sqrt{f g^{2}} = \\tfrac12\\sinh 3\\eta$")
    href = ads_schwarzschild_h(3)
    e = mm.Derivation("Riccati equation", sp.diff(href, ETA) + href**2)
    e.step(sp.Integer(9), "$\\coth' = 1 - \\coth^2$")
    return [d, e]


@mm.theorem("Fixed point (phi, pi) = (1, 0) for m^2 = -1, V = phi^4/4", tags=("hamiltonian", "ads"))
def fixed_point():
    r"""For $m^2 = -1$ and $V = \phi^4/4$, ten bulk layers with arbitrary $h_0, \dots, h_9$ and
    $\Delta\eta$ map $(1, 0)$ to itself, and the horizon value $F = 2\pi/\eta_f - m^2\phi - V'(\phi)$
    vanishes there."""
    hs = sp.symbols("h_0:10")
    ph, pp = sp.Integer(1), sp.Integer(0)
    for hn in hs:
        ph, pp = bulk_update(ph, pp, hn, -1, ph**3, s)
    d = mm.Derivation("Ten layers from (1, 0)", sp.Matrix([ph, pp]))
    d.step(sp.Matrix([1, 0]), "$m^2\\phi + V'(\\phi) = -1 + 1 = 0$ at every layer")
    eta_f = sp.Symbol("eta_f", positive=True)
    Fv = mm.verify(2 * pp / eta_f + ph - ph**3, 0)
    return [d, Fv]
