"""Kolmogorov–Arnold superpositions, rank across the middle, laps: theorems with exact or
stated-precision checks (mathml.kolmogorov)."""
import sympy as sp

import mathml as mm
from mathml.core.checks import check_exact, check_predicate
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
    ds = descents(5, 2, 10, variant="sprecher")
    a, b = ds[0]
    pa = psi(a, n=2, gamma=10, variant="sprecher")
    pb = psi(b, n=2, gamma=10, variant="sprecher")
    return [check_predicate(pa <= pb, exact=True, what=f"psi({a}) = {pa} <= psi({b}) = {pb}",
                            method="exact rationals"),
            check_exact(len(ds), 0, what="descents among the 99999 neighbouring pairs of D_5",
                        method="exact rationals on D_5 (finite enumeration)")]


@mm.theorem("An n x m array is additive (A_ij = a_i + b_j) iff exp(A) has rank 1",
            tags=("kolmogorov", "tensor"))
def additive_rank_one():
    r"""($\Rightarrow$) For $A_{ij} = a_i + b_j$ every $2\times 2$ minor of $E = e^{A}$ vanishes:
    $e^{a_i+b_k}e^{a_j+b_l} - e^{a_i+b_l}e^{a_j+b_k} = 0$ for symbolic indices $i, j, k, l$ (any
    $n \times m$), and $E \ne 0$, so $\operatorname{rank} E = 1$.  ($\Leftarrow$) If $E$ (positive entries)
    has rank 1, then
    $E_{ij}E_{11} = E_{i1}E_{1j}$, and taking logarithms of positive reals
    $A_{ij} = A_{i1} + A_{1j} - A_{11}$, i.e. $a_i = A_{i1} - A_{11}$, $b_j = A_{1j}$
    (symbolic indices).
    Both directions are also checked on symbolic $2\times3$, $3\times4$, $4\times2$ arrays: every minor
    of $e^{a_i + b_j}$ vanishes, and an array whose exponential satisfies the rank-one relations has
    zero double-centred residual ($H A H = 0$, `additive_decomposition`)."""
    i, j, k, l = sp.symbols("i j k l", integer=True)
    a, b, A = (sp.IndexedBase(n, real=True) for n in ("a", "b", "A"))
    E = lambda r, c: sp.exp(a[r] + b[c])  # noqa: E731
    out = [mm.verify(E(i, k) * E(j, l) - E(i, l) * E(j, k), 0)]
    back = mm.Derivation("Logarithm of the rank-one relation",
                         sp.log(sp.exp(A[i, 1]) * sp.exp(A[1, j]) / sp.exp(A[1, 1])))
    back.step(A[i, 1] + A[1, j] - A[1, 1], "log of positive reals")
    out.append(back)
    for n, m in [(2, 3), (3, 4), (4, 2)]:
        al, be = sp.symbols(f"alpha0:{n}", real=True), sp.symbols(f"beta0:{m}", real=True)
        Ex = sp.Matrix(n, m, [sp.exp(al[r] + be[c]) for r in range(n) for c in range(m)])
        minors = [Ex[r, c] * Ex[r2, c2] - Ex[r, c2] * Ex[r2, c] for r in range(n) for r2 in range(r + 1, n)
                  for c in range(m) for c2 in range(c + 1, m)]
        out.append(mm.verify(sp.Matrix(minors), sp.zeros(len(minors), 1)))
        X = sp.Matrix(n, m, lambda r, c: sp.Symbol(f"x_{r}{c}", real=True))
        rel = lambda r, c, X=X: sp.log(sp.exp(X[r, 0]) * sp.exp(X[0, c]) / sp.exp(X[0, 0]))  # noqa: E731
        rank_one = [X[r, c] if r == 0 or c == 0 else rel(r, c) for r in range(n) for c in range(m)]
        Y = sp.Matrix(n, m, rank_one)
        out.append(mm.verify(additive_decomposition(Y).residual, sp.zeros(n, m)))
    return out


@mm.theorem("Freedman's 2x2 array [[1,-1],[-1,1]] is additive (a sum a_i + b_j)",
            tags=("kolmogorov", "tensor"), expect="disproved")
def freedman_not_additive():
    r"""Refuted: $\begin{pmatrix}1&-1\\-1&1\end{pmatrix}$ is not a sum $a_i + b_j$. Its
    interaction $A_{11} - A_{12} - A_{21} + A_{22} = 4 \ne 0$ and $\det e^{A} = e^2 - e^{-2} \ne 0$."""
    A = sp.Matrix([[1, -1], [-1, 1]])
    dec = additive_decomposition(A)
    return mm.verify(dec.residual, sp.zeros(2, 2))


@mm.theorem("The depth-L sawtooth has 2^L laps", tags=("kolmogorov", "laps"))
def sawtooth_laps():
    r"""Telgarsky's width-2 ReLU network composed $L$ times has exactly $2^L$ linear pieces on
    $[0,1]$ (exact rational knots: proved), equal to the number of laps of the $L$-th iterate of the
    tent map (preimages of the turning point identified at 60 digits: consistent)."""
    x = sp.Symbol("x")
    L = 6
    pieces = relu_pieces(sawtooth(L))
    lp = laps(1 - sp.Abs(2 * x - 1), x, L)
    return [check_exact(pieces, 2**L, what="linear pieces of the depth-6 sawtooth",
                        method="exact rational knots"),
            check_predicate(lp == 2**L, exact=False, what=f"laps of the 6th tent iterate: {lp} = 2^6",
                            method="preimages of the turning point at 60 digits")]


@mm.theorem("One Braun-Griebel iteration for f = xy contracts by eta = 0.86", tags=("kolmogorov", "outer"))
def ka_representation_xy():
    r"""For $f(x, y) = xy$ on $[0,1]^2$ ($n = 2$, $m = 4$, $\gamma = 6$, $\epsilon = 0.1$) one
    iteration at level $k = 2$ (5057 bumps, float64 with a 26-bit requirement) gives
    $\sup|f - \sum_q \Phi_q\circ\xi_q| \le \eta\|f\|_\infty$, $\eta = (3\epsilon + 4)/5$, on 1441
    sample points (a sampled sup norm: consistent, not proved)."""
    ka = KolmogorovArnold(2).fit(lambda x: x[:, 0] * x[:, 1], max_iter=1, samples=1000)
    rec = ka.history[0]
    return check_predicate(rec.residual <= rec.eta * rec.norm_before, exact=False,
                           what=f"level {rec.level}, {rec.bumps} bumps: sampled residual {rec.residual:.4g} "
                                f"<= eta ||f|| = {rec.eta * rec.norm_before:.4g}",
                           method="float64 sampled sup norm on 1441 points")
