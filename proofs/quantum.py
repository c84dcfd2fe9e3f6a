"""Quantum spin models, neural-network and tensor-network states, quantum kernels.

Exact statements (AKLT, Majumdar-Ghosh, the perfect tensor, the basis-state kernel, the RKHS
pairing) are checked in exact arithmetic (sympy / int64) and come out *proved*; statements about
floating-point spectra and states (free fermions = ED, RBM bounds, c = 1/2) are *consistent*.
Sources: the seed talks in shared/seeds (Hashimoto "Neural Networks, Quantum systems and
Gravity", Jafari "ML and Physics III", Freedman "ML, QML and Dynamics") and the brief
shared/references/wave2_quantum.md (Q1-Q11), dynamics_statmech.md section 5.
"""

import itertools

import mpmath
import numpy as np
import sympy as sp
from scipy.linalg import expm

import mathml as mm
import mathml.quantum as mq
from mathml.core.checks import check_close, check_exact, check_predicate, compare_routes
from mathml.quantum.kernels import rkhs_inner_product, slide_pairing
from mathml.quantum.models import SpinModel, Term
from mathml.quantum.operators import configurations, dot_product, spin_matrices
from mathml.quantum.ttn import _pauli_string

HALF = sp.Rational(1, 2)


@mm.theorem(
    "RBM hidden-sum identity",
    tags=("quantum", "rbm"),
    source="Carleo & Troyer, Science 355:602 (2017); Hashimoto's slide 'Neural Network Quantum "
    "States 5/6'; brief dynamics_statmech.md section 5",
)
def rbm_hidden_sum():
    r"""$\sum_{h\in\{\pm1\}^M} e^{a\cdot s + b\cdot h + s^TWh} = e^{a\cdot s}\prod_j 2\cosh(b_j + \sum_i
    W_{ij}s_i)$, symbolically for $N = 3$ visible and $M = 2$ hidden units with symbolic $a, b, W, s$."""
    N, M = 3, 2
    s = sp.symbols("s_1:4", real=True)
    a = sp.symbols("a_1:4", real=True)
    b = sp.symbols("b_1:3", real=True)
    W = sp.Matrix(N, M, lambda i, j: sp.Symbol(f"W_{i + 1}{j + 1}", real=True))
    visible = sum(a[i] * s[i] for i in range(N))
    theta = [b[j] + sum(W[i, j] * s[i] for i in range(N)) for j in range(M)]
    total = sum(
        sp.exp(visible + sum(h[j] * theta[j] for j in range(M))) for h in itertools.product((1, -1), repeat=M)
    )
    d = mm.Derivation("RBM hidden units summed", total)
    d.step(sp.exp(visible) * sp.Mul(*[sp.exp(t) + sp.exp(-t) for t in theta]), "the sum over h factorises")
    d.step(sp.exp(visible) * sp.Mul(*[2 * sp.cosh(t) for t in theta]), r"$e^x + e^{-x} = 2\cosh x$")
    return d


@mm.theorem(
    "RBM -> MPS with bond dimension 2^(hidden units crossing the cut)",
    tags=("quantum", "rbm", "mps"),
    source="Chen, Cheng, Xie, Wang, Xiang, arXiv:1701.04831 (Hashimoto / Jafari slides); brief Q11",
)
def rbm_mps_bound():
    r"""For seeded random sparse RBMs on 7 sites, `rbm_to_mps` builds an MPS with bond dimension exactly
    $2^{h_c}$ ($h_c$ hidden units coupled on both sides of cut $c$; exact integer check), its amplitudes
    equal the RBM's (float64, 12 digits), and the Schmidt rank of the state at each cut is $\le 2^{h_c}$
    (float64 SVD, rank at relative threshold $10^{-10}$)."""
    rng = np.random.default_rng(7)
    out, dims, bounds, ok = [], [], [], True
    for _ in range(4):
        mask = rng.random((7, 4)) < 0.45
        rbm = mq.RBMState(rng.normal(0, 0.3, 7), rng.normal(0, 0.3, 4), rng.normal(0, 0.6, (7, 4)) * mask)
        mps = mq.rbm_to_mps(rbm)
        bound = mq.rbm_bond_bound(rbm)
        dims += mps.bond_dimensions
        bounds += bound
        ref = rbm.amplitudes(normalize=False)
        out.append(
            compare_routes(
                float(np.max(np.abs(mps.to_dense() / ref - 1))),
                0.0,
                digits=12,
                names=("MPS contraction / RBM amplitude - 1", "0"),
                what="rbm_to_mps reproduces the amplitudes",
            )
        )
        psi = ref / np.linalg.norm(ref)
        for c in range(1, 7):
            sv = mq.schmidt_values(psi, c)
            ok &= int(np.sum(sv > 1e-10 * sv[0])) <= bound[c - 1]
    out.append(
        check_exact(
            sp.Matrix(dims),
            sp.Matrix(bounds),
            what="MPS bond dimensions = 2^h_c",
            method="exact integer comparison",
        )
    )
    out.append(
        check_predicate(
            bool(ok),
            exact=False,
            what="Schmidt rank <= 2^h_c at every cut",
            method="float64 SVD, relative threshold 1e-10",
        )
    )
    return out


@mm.theorem(
    "AKLT: frustration free, E0 = -2N/3 from the bond-dimension-2 MPS",
    tags=("quantum", "aklt", "mps"),
    source="Affleck, Kennedy, Lieb, Tasaki, PRL 59, 799 (1987); brief Q5",
)
def aklt_exact():
    r"""With $h = S\cdot S + \tfrac13(S\cdot S)^2$ on two spins 1: (i) $h$ has the exact eigenvalues
    $-2/3$ (4 times) and $4/3$ (5 times), so $H \ge -2N/3$; (ii) every two-site block
    $(A^{s_1}A^{s_2})_{\alpha\beta}$ of the MPS $A^{+} = \sqrt{2/3}\sigma^+$, $A^0 = -\sqrt{1/3}\sigma^z$,
    $A^- = -\sqrt{2/3}\sigma^-$ satisfies $h v = -\tfrac23 v$ exactly, so $H\psi = -\tfrac{2N}{3}\psi$ on the
    periodic ring of any length; (iii) the transfer matrix has eigenvalues $1, -\tfrac13, -\tfrac13,
    -\tfrac13$, so $\langle\psi|\psi\rangle = 1 + 3(-1/3)^N \neq 0$.  Hence $E_0 = -2N/3$ for every $N \ge 2$,
    a ground state of every bond at once (frustration free).
    (Sparse ED agrees for N = 3..8: tests/quantum.)"""
    ss = dot_product(1)
    h = ss + ss * ss / 3
    spectrum = sorted(h.eigenvals(multiple=True))
    out = [
        check_exact(
            sp.Matrix(spectrum),
            sp.Matrix([-sp.Rational(2, 3)] * 4 + [sp.Rational(4, 3)] * 5),
            what="spectrum of the AKLT bond operator",
            method="exact sympy eigenvalues",
        )
    ]
    A = mq.aklt_matrices(exact=True)
    V = sp.Matrix(
        [
            [(A[s1] * A[s2])[al, be] for al in range(2) for be in range(2)]
            for s1 in range(3)
            for s2 in range(3)
        ]
    )  # 9 x 4: columns are the blocks
    out.append(
        check_exact(
            sp.simplify(h * V),
            -sp.Rational(2, 3) * V,
            what="h (A^s1 A^s2)_ab = -2/3 (A^s1 A^s2)_ab",
            method="exact sympy algebra",
        )
    )
    E = sum((sp.kronecker_product(a, a) for a in A), sp.zeros(4, 4))
    out.append(
        check_exact(
            sp.Matrix(sorted(E.eigenvals(multiple=True))),
            sp.Matrix([-sp.Rational(1, 3)] * 3 + [1]),
            what="transfer matrix spectrum",
            method="exact sympy eigenvalues",
        )
    )
    return out


def _triple_model(N):
    """Sum_i (1/4) T_i^2 - 9/16 per site, T_i = S_i + S_{i+1} + S_{i+2}, as a SpinModel (exact terms)."""
    Sz, Sp, Sm = spin_matrices(HALF)
    one = sp.eye(2)

    def site(op, k):
        mats = [one, one, one]
        mats[k] = op
        return sp.kronecker_product(*mats)

    Tz = sum((site(Sz, k) for k in range(3)), sp.zeros(8, 8))
    Tp = sum((site(Sp, k) for k in range(3)), sp.zeros(8, 8))
    T2 = Tz * Tz + (Tp * Tp.T + Tp.T * Tp) / 2
    terms = [
        Term(sp.Rational(1, 4), (i, (i + 1) % N, (i + 2) % N), T2 - sp.Rational(9, 4) * sp.eye(8))
        for i in range(N)
    ]
    return SpinModel("triples", N, HALF, "spin", True, terms, {}, r"\tfrac14\sum_i T_i^2"), T2


def _dimer_state(N, shift):
    singlet = sp.Matrix([0, 1, -1, 0])
    psi = singlet
    for _ in range(N // 2 - 1):
        psi = sp.kronecker_product(psi, singlet)
    if shift:  # translate by one site: the dimer covering (1,2)(3,4)...(N,1)
        idx = [int("".join(b[1:] + b[:1]), 2) for b in (format(x, f"0{N}b") for x in range(2**N))]
        psi = sp.Matrix([psi[idx[x]] for x in range(2**N)])
    return psi


@mm.theorem(
    "Majumdar-Ghosh: the two dimer states are ground states with E0 = -3N/8",
    tags=("quantum", "j1j2"),
    source="Majumdar & Ghosh, J. Math. Phys. 10, 1388 (1969); brief Q6",
)
def majumdar_ghosh():
    r"""For $H = \sum_i S_i\cdot S_{i+1} + \tfrac12\sum_i S_i\cdot S_{i+2}$ (spin units, periodic, N even):
    $H = \tfrac14\sum_i T_i^2 - \tfrac{9N}{16}$ with $T_i = S_i + S_{i+1} + S_{i+2}$ (exact matrix identity,
    N = 6 and 8), $T_i^2 \in \{3/4, 15/4\}$ exactly, so $H \ge -3N/8$; both dimer coverings satisfy
    $H\psi = -\tfrac{3N}{8}\psi$ exactly (N = 6, 8).  (Sparse ED agrees for N = 6..12: tests/quantum.)"""
    out = []
    for N in (6, 8):
        mg = mq.j1j2(N, HALF, units="spin").exact_matrix()
        model, T2 = _triple_model(N)
        diff = (mg - model.exact_matrix()).todok()
        out.append(
            check_exact(
                sum(1 for v in diff.values() if v != 0),
                0,
                what=f"nonzero entries of H_MG - [(1/4) sum T_i^2 - 9N/16] (N = {N})",
                method="exact sympy sparse matrices",
            )
        )
        for shift in (0, 1):
            psi = _dimer_state(N, shift)
            out.append(
                check_exact(
                    mg * psi,
                    -sp.Rational(3 * N, 8) * psi,
                    what=f"dimer covering {shift + 1}, N = {N}",
                    method="exact sympy matrices",
                )
            )
    out.append(
        check_exact(
            sp.Matrix(sorted(set(T2.eigenvals()))),
            sp.Matrix([sp.Rational(3, 4), sp.Rational(15, 4)]),
            what="spectrum of T^2 for three spins 1/2",
            method="exact sympy eigenvalues",
        )
    )
    return out


@mm.theorem(
    "TFIM: free fermions = exact diagonalisation (periodic rings, both parity sectors)",
    tags=("quantum", "tfim"),
    source="Pfeuty, Ann. Phys. 57, 79 (1970); brief Q1 and dynamics_statmech.md section 5",
)
def tfim_free_fermions():
    r"""The 6 lowest levels of $H = -J\sum\sigma^z_i\sigma^z_{i+1} - h\sum\sigma^x_i$
    from Jordan-Wigner fermions
    (parity $+1$: antiperiodic momenta, even quasiparticle number; parity $-1$: periodic momenta, odd number;
    unpaired modes $k = 0, \pi$ with signed energies $2(h \mp J)$) equal sparse ED for N = 5..10 and
    $(h, J) \in \{(1, 1), (0.5, 1), (2, 1), (-0.7, 1), (0.3, -1)\}$ to 12 digits; the published value
    $E_0(N = 8, h = J = 1) = -2/\sin(\pi/16)$ holds."""
    out = []
    for N in range(5, 11):
        for h, J in ((1, 1), (0.5, 1), (2, 1), (-0.7, 1), (0.3, -1)):
            ed = mq.lowest_energies(mq.tfim(N, h, J, units="pauli"), k=6)
            ff = mq.tfim_free_fermion_levels(N, h, J, k=6)
            out.append(
                compare_routes(
                    float(np.max(np.abs(ed - ff))),
                    0.0,
                    digits=12,
                    names=("max |ED - free fermions|", "0"),
                    what=f"N = {N}, h = {h}, J = {J}",
                )
            )
    with mpmath.workdps(30):
        exact = -2 / mpmath.sin(mpmath.pi / 16)
    out.append(
        check_close(
            mq.tfim_free_fermion(8, 1),
            exact,
            digits=13,
            what="N = 8, h = J = 1",
            method="free fermions, float64",
        )
    )
    return out


@mm.theorem(
    "The [[5,1,3]] encoding tensor is perfect (all 3|3 cuts are unitaries up to 1/2)",
    tags=("quantum", "tensor network", "holography"),
    source="Pastawski, Yoshida, Harlow, Preskill, JHEP 06 (2015) 149; brief Q8; Hashimoto/Jafari "
    "HaPPY-code slides",
)
def perfect_tensor():
    r"""$T_{a s_1\dots s_5} = \langle s_1\dots s_5|\bar a\rangle$ with
    $|\bar 0\rangle = \tfrac14\sum_{g\in\mathcal S}
    g|00000\rangle$: the logical states are stabilised by XZZXI and its cyclic shifts, and for each of the
    20 ways of choosing 3 of the 6 legs the $8\times 8$ reshaping $M$ satisfies $M M^T = \tfrac14 I$
    (exact integer arithmetic on $4T$)."""
    states = mq.five_qubit_code_states()
    out = []
    for g in ("XZZXI", "IXZZX", "XIXZZ", "ZXIXZ"):
        out.append(
            check_exact(
                sp.Matrix(_pauli_string(g) @ states.T),
                sp.Matrix(states.T),
                what=f"{g} stabilises the code",
                method="exact integer arithmetic",
            )
        )
    cuts = mq.perfect_tensor_cuts(mq.five_qubit_code_tensor())
    gram = [sp.Matrix(M @ M.T) for M in cuts.values()]
    out.append(
        check_exact(
            sp.Matrix.vstack(*gram),
            sp.Matrix.vstack(*[16 * sp.eye(8) / 4] * len(gram)),
            what=f"(4M)(4M)^T = 4 I on all {len(cuts)} cuts",
            method="exact integer arithmetic",
        )
    )
    return out


@mm.theorem(
    "Basis-state embedding: K = I, s_K = N, unseen points are predicted 0",
    tags=("quantum", "kernels"),
    source="Freedman, 'Power of Data in Quantum Machine Learning' slide ('C^(2^1000), each picture a "
    "different basis state, linear separation'); Huang et al., Nat. Commun. 12:2631 (2021); brief Q9",
)
def basis_kernel():
    r"""Embedding 12 distinct 10-bit strings as basis states gives the kernel $K = I$ exactly, so every
    labelling is linearly separable but the model complexity is $s_K = y^TK^{-1}y = N$ (maximal) and the
    kernel model predicts exactly 0 on every unseen string: separation without generalisation."""
    rng = np.random.default_rng(3)
    codes = rng.choice(2**10, size=16, replace=False)
    bits = (codes[:, None] >> np.arange(9, -1, -1)) & 1
    train, test = bits[:12], bits[12:]
    K = mq.fidelity_kernel(train, feature_map="basis")
    y = sp.Matrix(rng.choice([-1, 1], size=12).tolist())
    Kt = mq.fidelity_kernel(test, train, feature_map="basis")
    Ks = sp.Matrix(K)
    return [
        check_exact(Ks, sp.eye(12), what="basis-state kernel matrix", method="exact integer statevectors"),
        check_exact((y.T * Ks.inv() * y)[0, 0], 12, what="s_K = y^T K^-1 y", method="exact rational algebra"),
        check_exact(
            sp.Matrix(Kt) * Ks.inv() * y,
            sp.zeros(4, 1),
            what="predictions on unseen strings",
            method="exact rational algebra",
        ),
    ]


def _rational_kernel():
    xs = [sp.Rational(0), sp.Rational(1, 2), sp.Rational(3, 2)]
    return sp.Matrix(3, 3, lambda i, j: 1 / (1 + (xs[i] - xs[j]) ** 2))


@mm.theorem(
    "RKHS inner product <f, g>_H = f^T K^-1 g has the reproducing property",
    tags=("quantum", "kernels"),
    source="Aronszajn (1950); Freedman's 'Caveats' slide; brief D13",
)
def rkhs_reproducing():
    r"""On three points with the Cauchy kernel $K(x, y) = 1/(1 + (x-y)^2)$ (exact rationals), for $f$ with
    values $(1, -2, 3/5)$: $\langle K(\cdot, x_i), f\rangle_{\mathcal H} = f(x_i)$ for each $i$ when the inner
    product of functions (given by their values) is $f^TK^{-1}g$; equivalently $\iint fKg$ is the inner
    product of the coefficient vectors $\alpha = K^{-1}f$."""
    K = _rational_kernel()
    f = sp.Matrix([1, -2, sp.Rational(3, 5)])
    vals = sp.Matrix([rkhs_inner_product(K, K[:, i], f) for i in range(3)])
    alpha = K.inv() * f
    return [
        check_exact(vals, f, what="reproducing property", method="exact rational algebra"),
        check_exact(
            slide_pairing(K, alpha, alpha),
            rkhs_inner_product(K, f, f),
            what="slide pairing of coefficients = RKHS norm^2 of f",
            method="exact rational algebra",
        ),
    ]


@mm.theorem(
    "the slide's pairing <f, g>_k = double integral f K g is the RKHS inner product of f and g",
    tags=("quantum", "kernels"),
    expect="disproved",
    source="Freedman, 'ML, QML and Dynamics', slide 'Caveats' item 1 (shared/seeds/000_*.txt)",
)
def rkhs_slide_pairing():
    r"""Freedman's slide writes $\langle f, g\rangle_k = \iint dx\,dy\, f(x)K(x,y)g(y)$ for the
    reproducing-kernel
    inner product.  Read as an inner product of the functions $f, g$ it fails the reproducing property:
    with the exact 3-point Cauchy kernel, $\langle K(\cdot, x_0), f\rangle$ by the slide's formula is not
    $f(x_0)$.  What is right: $\langle f, g\rangle_{\mathcal H} = f^TK^{-1}g$; the slide's formula is the
    inner product of the coefficient functions ($f = K\alpha$), see the companion theorem."""
    K = _rational_kernel()
    f = sp.Matrix([1, -2, sp.Rational(3, 5)])
    return check_exact(
        slide_pairing(K, K[:, 0], f),
        f[0],
        what="<K(., x0), f> by the slide's pairing vs f(x0)",
        method="exact rational algebra",
    )


@mm.theorem(
    "Every RBM state's variational energy is >= E0 (enumeration)",
    tags=("quantum", "rbm"),
    source="variational principle; Hashimoto's slide 'Neural Network Quantum States 4/6'",
)
def rbm_variational_bound():
    r"""For 12 seeded random RBMs (real and complex, $\alpha = 1, 2$) and one SR-optimised RBM, the exact
    energy $\langle\psi|H|\psi\rangle/\langle\psi|\psi\rangle$ by enumeration of all $2^8$ configurations is
    $\ge E_0$ (sparse ED) for the N = 8 TFIM (h = 1) and the N = 8 Heisenberg ring (float64)."""
    out = []
    for model in (mq.tfim(8, 1, units="pauli"), mq.heisenberg(8, units="spin")):
        E0 = mq.lowest_energies(model, k=1)[0]
        energies = [
            mq.variational_energy(
                mq.RBMState.random(8, 8 * (1 + k % 2), seed=k, scale=0.5, complex=k % 3 == 0), model
            )
            for k in range(12)
        ]
        energies.append(
            mq.optimize_exact(mq.RBMState.random(8, 8, seed=0, scale=0.05), model, steps=60).energy
        )
        out.append(
            check_predicate(
                min(energies) >= E0 - 1e-12,
                exact=False,
                what=f"min variational energy {min(energies):.10f} >= E0 = {E0:.10f} ({model.name})",
                method="float64 enumeration of 2^8 configurations, sparse ED",
            )
        )
    return out


@mm.theorem(
    "Heisenberg ring: Bethe ansatz = ED, and E0/N -> 1/4 - ln 2",
    tags=("quantum", "heisenberg"),
    source="Bethe (1931), Hulthen (1938); brief dynamics_statmech.md section 5 table and Q2",
)
def heisenberg_bethe_ed():
    r"""For N = 4, 6, ..., 16 the Bethe-ansatz energy (20 digits) equals Sz = 0 sparse ED to 12 digits;
    N = 16 matches the brief's $-7.1422963606167798639$; at N = 64 the energy per site agrees with
    $\tfrac14 - \ln 2 - \pi^2/(12N^2)$ (conformal finite-size
    correction, $v = \pi/2$, $c = 1$) to 5 digits."""
    out = []
    for N in range(4, 18, 2):
        ed = mq.lowest_energies(
            mq.heisenberg(N, units="spin"), k=1, sector={"Sz": 0, "momentum": 0 if N % 4 == 0 else N // 2}
        )[0]
        out.append(
            compare_routes(
                ed, mq.heisenberg_bethe(N), digits=12, names=("Sz = 0 sparse ED", "Bethe"), what=f"N = {N}"
            )
        )
    with mpmath.workdps(25):
        out.append(
            check_close(
                mq.heisenberg_bethe(16, digits=20),
                mpmath.mpf("-7.1422963606167798639"),
                digits=18,
                what="N = 16 against the brief",
                method="Bethe equations, Newton in mpmath",
            )
        )
        N = 64
        e = mq.heisenberg_bethe(N, digits=20) / N
        out.append(
            check_close(
                e,
                mq.E_INF_HEISENBERG - mpmath.pi**2 / (12 * N**2),
                digits=5,
                what="N = 64 energy per site vs 1/4 - ln 2 - pi^2/(12 N^2)",
                method="Bethe equations",
            )
        )
    return out


@mm.theorem(
    "Critical TFIM: block entropy grows as (c/3) ln l with c = 1/2; correlation matrix = ED",
    tags=("quantum", "entanglement", "tfim"),
    source="Vidal, Latorre, Rico, Kitaev, PRL 90, 227902 (2003); Calabrese & Cardy (2004); brief Q7",
)
def tfim_entropy():
    r"""On the ring N = 12 (h = J = 1 and h = 0.6) the correlation-matrix entropy of blocks of 1..6 sites
    equals the
    Schmidt entropy of the ED ground state to 10 digits; in the infinite chain at h = J the slope of $S(\ell)$
    against $\ln\ell$ between $\ell = 64$ and $512$ is $c/3$ with $c = 0.5$ to 3 digits."""
    out = []
    for h in (1.0, 0.6):
        _, psi = mq.ground_state(mq.tfim(12, h, units="pauli"))
        ed = [mq.entanglement_entropy(psi, ell) for ell in range(1, 7)]
        ff = [mq.tfim_block_entropy(ell, h, N=12) for ell in range(1, 7)]
        out.append(
            compare_routes(
                float(np.max(np.abs(np.subtract(ed, ff)))),
                0.0,
                digits=10,
                names=("max |S_ED - S_corr|", "0"),
                what=f"ring N = 12, h = {h}",
            )
        )
    ells = np.array([64, 128, 256, 512])
    S = np.array([mq.tfim_block_entropy(int(ell)) for ell in ells])
    slope = np.polyfit(np.log(ells), S, 1)[0]
    out.append(
        check_close(3 * slope, 0.5, digits=3, what="central charge from the slope", method="least squares")
    )
    return out


@mm.theorem(
    "Level statistics: <r> = 2 ln 2 - 1 (Poisson) and 4 - 2 sqrt 3 (GOE surmise)",
    tags=("quantum", "spectra"),
    source="Atas, Bogomolny, Giraud, Roux, PRL 110, 084101 (2013); Freedman's 'spectral picture' slide; "
    "brief Q10",
)
def level_statistics():
    r"""With $P(r) = 1/(1+r)^2$ (Poisson) and the GOE surmise
    $P(r) = \tfrac{27}{8}\frac{r + r^2}{(1 + r + r^2)^{5/2}}$,
    the mean of $\tilde r = \min(r, 1/r)$ is $2\int_0^1 r P(r)\,dr$: $2\ln 2 - 1$ exactly (sympy) and
    $4 - 2\sqrt 3$ (mpmath quadrature, 30 digits); sampled spectra agree (Poisson: 10^5 levels;
    GOE 1000 x 1000)."""
    r = sp.Symbol("r", positive=True)
    d = mm.Derivation("Poisson mean gap ratio", 2 * sp.integrate(r / (1 + r) ** 2, (r, 0, 1)))
    d.step(2 * sp.log(2) - 1, "integrate")
    with mpmath.workdps(30):
        goe = 2 * mpmath.quad(lambda x: x * mpmath.mpf(27) / 8 * (x + x**2) / (1 + x + x**2) ** 2.5, [0, 1])
        v_goe = check_close(
            goe, 4 - 2 * mpmath.sqrt(3), digits=28, what="GOE surmise mean", method="mpmath quad"
        )
    rng = np.random.default_rng(0)
    poisson = mq.level_spacing_ratio(np.cumsum(rng.exponential(size=100_000)))
    sampled = mq.level_spacing_ratio(np.linalg.eigvalsh(mq.goe_matrix(1000, seed=0)))
    return [
        d,
        v_goe,
        check_close(poisson, 2 * np.log(2) - 1, digits=2, what="sampled Poisson spectrum"),
        check_close(sampled, mq.spectra.R_GOE, digits=1.7, what="sampled GOE spectrum (Atas: 0.5307)"),
    ]


@mm.theorem(
    "One hidden unit reproduces an Ising bond: sum_h exp(W h (s1 + s2)) = A exp(K s1 s2)",
    tags=("quantum", "rbm"),
    source="Carleo, Nomura, Imada, Nat. Commun. 9:5322 (2018) (Trotter steps as hidden units); "
    "Hashimoto's slide 'Boltzmann machine states'",
)
def rbm_ising_bond():
    r"""For $s_1, s_2 \in \{\pm1\}$: $\sum_{h=\pm1} e^{Wh(s_1+s_2)} = 2\cosh(W(s_1+s_2)) = A\,e^{Ks_1s_2}$
    with
    $K = \tfrac12\ln\cosh 2W$ and $A = 2\sqrt{\cosh 2W}$, checked symbolically on all four configurations.
    So each factor $e^{\tau J\sigma^z_i\sigma^z_{i+1}}$ of an imaginary-time (Trotter) step is one hidden unit
    with $\cosh 2W = e^{2\tau J}$ (for $\tau J > 0$)."""
    W = sp.Symbol("W", positive=True)
    K = sp.log(sp.cosh(2 * W)) / 2
    A = 2 * sp.sqrt(sp.cosh(2 * W))
    lhs = sp.Matrix([sum(sp.exp(W * h * (s1 + s2)) for h in (1, -1)) for s1 in (1, -1) for s2 in (1, -1)])
    rhs = sp.Matrix([A * sp.exp(K * s1 * s2) for s1 in (1, -1) for s2 in (1, -1)])
    d = mm.Derivation("Ising bond from one hidden unit", lhs)
    d.step(sp.Matrix([2 * sp.cosh(W * (s1 + s2)) for s1 in (1, -1) for s2 in (1, -1)]), "sum over h")
    d.step(rhs, r"$2\cosh 2W = A e^{K}$, $2 = A e^{-K}$")
    return d


@mm.theorem(
    "Open AKLT chain: four edge states at E0 = -2(N-1)/3",
    tags=("quantum", "aklt", "mps"),
    source="Affleck, Kennedy, Lieb, Tasaki, PRL 59, 799 (1987); Hashimoto/Jafari MPS slides",
)
def aklt_open_edges():
    r"""On the open spin-1 chain ($N - 1$ bonds) the four MPS states
    $\psi_{ab} = e_a^TA^{s_1}\cdots A^{s_N}e_b$ ($a, b$ = the two free edge spins 1/2)
    satisfy $H\psi_{ab} = -\tfrac23(N-1)\psi_{ab}$ and are linearly independent (exact sympy, N = 4, 5);
    with the bond spectrum $\{-2/3, 4/3\}$ this gives $E_0 = -2(N-1)/3$ with (at least) fourfold
    degeneracy.  Sparse ED (float64, N = 4..7) finds exactly four levels there and a gap above."""
    A = mq.aklt_matrices(exact=True)
    out = []
    for N in (4, 5):
        H = mq.aklt(N, pbc=False).exact_matrix()
        states = []
        for a in range(2):
            for b in range(2):
                amp = [sp.Mul(*[A[s] for s in sq])[a, b] for sq in itertools.product(range(3), repeat=N)]
                states.append(sp.Matrix(amp))
        out.append(check_exact(H * sp.Matrix.hstack(*states), -sp.Rational(2 * (N - 1), 3)
                               * sp.Matrix.hstack(*states), what=f"H psi_ab = -2(N-1)/3 psi_ab, N = {N}",
                               method="exact sympy matrices"))
        out.append(check_exact(sp.Matrix.hstack(*states).rank(), 4, method="exact sympy rank",
                               what=f"rank of the four edge states, N = {N}"))
    gaps = []
    for N in range(4, 8):
        E = mq.lowest_energies(mq.aklt(N, pbc=False), k=5)
        gaps.append(bool(np.allclose(E[:4], -2 * (N - 1) / 3, atol=1e-10) and E[4] > E[0] + 0.5))
    out.append(check_predicate(all(gaps), exact=False, what="ED: exactly four levels at E0, then a gap > 0.5",
                               method="float64 sparse ED, N = 4..7"))
    return out


@mm.theorem(
    "Trotter steps of the TFIM are an exact deep Boltzmann machine",
    tags=("quantum", "dbm"),
    source="Carleo, Nomura, Imada, Nat. Commun. 9:5322 (2018); Hashimoto's slide 'Deep Boltzmann machine "
    "states'; brief D5",
)
def dbm_trotter():
    r"""(i) $\langle s|e^{x\sigma^x}|s'\rangle = C e^{\gamma ss'}$ with $C = \sqrt{\cosh x\sinh x}$,
    $e^{2\gamma} = \coth x$ ($x > 0$; exact sympy on the four configurations).  (ii) With (i) and the
    hidden-unit Ising bond, `DBMState.from_trotter` places odd Trotter slices in the hidden layer and even
    ones in the deep layer; its amplitudes equal
    $(e^{\tau J\sum\sigma^z\sigma^z}e^{\tau h\sum\sigma^x})^n|+\rangle$ (dense matrices)
    to 12 digits for N = 4 (n = 1, 2, 3, both signs of h and J) and the open N = 5 chain."""
    x = sp.Symbol("x", positive=True)
    C, gamma = sp.sqrt(sp.cosh(x) * sp.sinh(x)), sp.log(sp.cosh(x) / sp.sinh(x)) / 2
    X = sp.Matrix([[sp.cosh(x), sp.sinh(x)], [sp.sinh(x), sp.cosh(x)]])      # exp(x sigma^x)
    ratio = sp.Matrix(2, 2, lambda i, j: sp.simplify(C * sp.exp(gamma * (1 - 2 * i) * (1 - 2 * j)) / X[i, j]))
    out = [check_exact(ratio, sp.ones(2, 2), what="C e^{gamma s s'} / <s|e^{x sigma^x}|s'>",
                       method="exact sympy simplification")]
    cases = ((4, 0.7, 1, 0.2, 1, True), (4, 0.7, 1, 0.2, 3, True), (4, -0.6, -1, 0.3, 2, True),
             (5, 1.1, 0.6, 0.25, 2, False))
    for N, h, J, tau, n, pbc in cases:
        s = configurations(N)
        D = np.exp(tau * J * ((s[:, :-1] * s[:, 1:]).sum(axis=1) + (s[:, -1] * s[:, 0] if pbc else 0)))
        X1 = expm(tau * h * np.array([[0.0, 1.0], [1.0, 0.0]]))
        Xn = X1
        for _ in range(N - 1):
            Xn = np.kron(Xn, X1)
        v = np.ones(2**N)
        for _ in range(n):
            v = D * (Xn @ v)
        a = mq.DBMState.from_trotter(mq.tfim(N, h, J, pbc, units="pauli"), tau, n).amplitudes()
        out.append(compare_routes(abs(np.vdot(a, v / np.linalg.norm(v))), 1.0, digits=12,
                                  names=("|<DBM|Trotter>|", "1"), what=f"N = {N}, h = {h}, J = {J}, n = {n}"))
    return out
