"""Kolmogorov–Arnold superpositions, rank across the middle, laps: theorems with exact or
stated-precision checks (mathml.kolmogorov)."""
import time

import sympy as sp

import mathml as mm
from mathml.core.verdict import Status, Verdict
from mathml.kolmogorov import (
    KolmogorovArnold, additive_decomposition, descents, laps, neighbour_gaps, psi, relu_pieces, sawtooth,
)


@mm.theorem("Koppen psi at 0.59 (n = 2, gamma = 10)", tags=("kolmogorov", "inner"))
def koppen_value():
    r"""Braun--Griebel (2.9): $\psi(0.59) = \tfrac12\psi(0.5) + \tfrac12\psi(0.6) + \tfrac{8}{2}10^{-3}
    = \tfrac{277}{500}$, evaluated exactly by the pair recursion."""
    value = psi("0.59", n=2, gamma=10)
    d = mm.Derivation("Carry step of Koppen's recursion", sp.Rational(value.numerator, value.denominator))
    d.step(sp.Rational(1, 2) * sp.Rational(1, 2) + sp.Rational(1, 2) * sp.Rational(6, 10)
           + sp.Rational(8, 2) * sp.Rational(1, 10**3), "carry: the last digit is gamma - 1")
    d.step(sp.Rational(277, 500), "arithmetic")
    return d


@mm.theorem("Koppen psi is strictly increasing on D_4 with least gap 10^-15", tags=("kolmogorov", "inner"))
def koppen_monotone():
    r"""On all $10^4$ points of $D_4$ ($n = 2$, $\gamma = 10$) neighbouring values of Koppen's
    $\psi$ differ by at least exactly $\gamma^{-\beta(4)} = 10^{-15}$ (exact rationals)."""
    lo, _ = neighbour_gaps(4, 2, 10)
    return mm.verify(sp.Rational(lo.numerator, lo.denominator), sp.Rational(1, 10**15))


@mm.theorem("Conjecture: Sprecher's psi is monotone", tags=("kolmogorov", "inner"), expect="disproved")
def sprecher_monotone():
    r"""Sprecher's 1996 inner function is not monotone: $\psi(0.58999) = 2207/4000 > \psi(0.59) =
    11/20$ (Braun--Griebel 2009, (2.5)); on $D_5$ it has exactly 10 descents."""
    start = time.perf_counter()
    ds = descents(5, 2, 10, variant="sprecher")
    a, b = ds[0]
    pa = psi(a, n=2, gamma=10, variant="sprecher")
    pb = psi(b, n=2, gamma=10, variant="sprecher")
    status = Status.disproved if pa > pb else Status.unknown
    return Verdict(status, method="exact rationals on D_5", max_error=float(pa - pb), points=10**5,
                   counterexample={"d": str(a), "d'": str(b), "psi(d)": str(pa), "psi(d')": str(pb)},
                   elapsed=time.perf_counter() - start,
                   note=f"{len(ds)} descents among the 99999 neighbouring pairs")


@mm.theorem("Additive arrays are exactly those with exp of rank 1", tags=("kolmogorov", "tensor"))
def additive_rank_one():
    r"""For $A_{ij} = a_i + b_j$ the double-centred residual $H A H$ vanishes and
    $\det\big(e^{A}\big)_{2\times2} = e^{a_1+b_1}e^{a_2+b_2} - e^{a_1+b_2}e^{a_2+b_1} = 0$
    (rank 1), symbolically."""
    a1, a2, b1, b2 = sp.symbols("a1 a2 b1 b2", real=True)
    A = sp.Matrix([[a1 + b1, a1 + b2], [a2 + b1, a2 + b2]])
    residual = additive_decomposition(A).residual
    E = A.applyfunc(sp.exp)
    return [mm.verify(residual, sp.zeros(2, 2)), mm.verify(E.det(), 0)]


@mm.theorem("Freedman's 2x2 array [[1,-1],[-1,1]] is not additive", tags=("kolmogorov", "tensor"),
            expect="disproved")
def freedman_not_additive():
    r"""Conjecture refuted: $\begin{pmatrix}1&-1\\-1&1\end{pmatrix}$ is a sum $a_i + b_j$. Its
    interaction $A_{11} - A_{12} - A_{21} + A_{22} = 4 \ne 0$ and $\det e^{A} = e^2 - e^{-2} \ne 0$."""
    A = sp.Matrix([[1, -1], [-1, 1]])
    dec = additive_decomposition(A)
    return mm.verify(dec.residual, sp.zeros(2, 2))


@mm.theorem("The depth-L sawtooth has 2^L laps", tags=("kolmogorov", "laps"))
def sawtooth_laps():
    r"""Telgarsky's width-2 ReLU network composed $L$ times has exactly $2^L$ linear pieces on
    $[0,1]$, equal to the number of laps of the $L$-th iterate of the tent map (exact rational
    knots; preimages of the turning point at 60 digits)."""
    x = sp.Symbol("x")
    L = 6
    pieces = relu_pieces(sawtooth(L))
    lp = laps(1 - sp.Abs(2 * x - 1), x, L)
    return [mm.verify(sp.Integer(pieces), 2**L), mm.verify(sp.Integer(lp), 2**L)]


@mm.theorem("One Braun-Griebel iteration for f = xy contracts by eta = 0.86", tags=("kolmogorov", "outer"))
def ka_representation_xy():
    r"""For $f(x, y) = xy$ on $[0,1]^2$ ($n = 2$, $m = 4$, $\gamma = 6$, $\epsilon = 0.1$) one
    iteration at level $k = 2$ (5057 bumps, float64 with a 26-bit requirement) gives
    $\sup|f - \sum_q \Phi_q\circ\xi_q| \le \eta\|f\|_\infty$, $\eta = (3\epsilon + 4)/5$, on 1441
    sample points (a sampled sup norm: consistent, not proved)."""
    start = time.perf_counter()
    ka = KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=1000)
    rec = ka.history[0]
    ok = rec.residual <= rec.eta * rec.norm_before
    return Verdict(Status.consistent if ok else Status.unknown, method="float64 sampled sup norm",
                   max_error=rec.residual, points=1441, seed=0, elapsed=time.perf_counter() - start,
                   note=f"level {rec.level}, {rec.bumps} bumps, residual {rec.residual:.4g} <= {rec.eta:.3g}")
