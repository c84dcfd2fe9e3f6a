"""Hamiltonian systems as networks and the AdS/DL bulk network (arXiv 1802.08313)."""
import sympy as sp

import mathml as mm
from mathml.hamiltonian import (
    ETA,
    ads_schwarzschild_h,
    ads_schwarzschild_metric,
    bulk_update,
    hamilton_equations,
    layer_jacobian_determinant,
    metric_function,
    network_from_hamiltonian,
    round_trip,
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
    return d


@mm.theorem("Round trip Hamiltonian -> network -> Hamiltonian", tags=("hamiltonian",))
def round_trip_theorem():
    r"""The inverse map (network to Hamiltonian) undoes the forward map up to an additive constant:
    the gradients of $H$ and of the reconstructed $H'$ agree, and network $\to H \to$ network gives the
    same layer map."""
    net = network_from_hamiltonian(H, q, p, dt)
    return [round_trip(H, q, p, dt), round_trip(net)]


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


@mm.theorem("Bulk equation of motion as a network (correct sign)", tags=("hamiltonian", "ads"))
def bulk_network_sign():
    r"""With signed step $\Delta\eta$, $W = \begin{pmatrix}1 & \Delta\eta\\ \Delta\eta\, m^2 &
    1 - \Delta\eta\, h\end{pmatrix}$ plus $(0, \Delta\eta V'(\phi))$ is the Euler step of
    $\phi' = \pi$, $\pi' = -h\pi + m^2\phi + V'(\phi)$, the equation of motion
    $\partial_\eta\pi + h\pi - m^2\phi - V'(\phi) = 0$ ($V = \phi^4/4$ here)."""
    dV = phi**3
    W = sp.Matrix([[1, s], [s * m2, 1 - s * h]])
    d = mm.Derivation("Bulk layer", W * sp.Matrix([phi, pi]) + sp.Matrix([0, s * dV]))
    d.step(sp.Matrix(bulk_update(phi, pi, h, m2, dV, s)), "regroup: $\\pi - \\Delta\\eta(h\\pi - m^2\\phi - V')$")
    d.step(sp.Matrix([phi + s * pi, pi + s * (-h * pi + m2 * phi + dV)]), "Euler step of the EOM")
    return d


@mm.theorem("Talk's bulk update pi + d(h pi - V') equals the EOM step", tags=("hamiltonian", "ads"),
            expect="disproved")
def talk_bulk_form():
    r"""Refuted: the talk's $\pi(\eta + d) = \pi + d(h\pi - V'(\phi))$ with $\phi(\eta + d) = \phi + d\pi$
    has the wrong sign of the bracket and drops $m^2\phi$; it differs from the correct
    $\pi - d(h\pi - m^2\phi - V')$."""
    return mm.verify(talk_bulk_update(phi, pi, h, phi**3, s)[1], bulk_update(phi, pi, h, m2, phi**3, s)[1])


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
