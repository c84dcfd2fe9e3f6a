"""The path integral as a network (Hirono, Maeda, Totsuka-Yoshinaka, Hashimoto, arXiv 2403.11420).

Time grid t_n = n dt, dt = T/N, endpoints x_0 = x0 and x_N = xf fixed, N - 1 free parameters:

- ``"relu"``: x(t) = x0 + sum_{i=0}^{N-1} w_i relu(t - t_i); parameters w_0..w_{N-2} (accelerations),
  w_{N-1} is fixed by x(T) = xf.  x_n = x0 + dt sum_{i<n} (n - i) w_i: Jacobian dt^{N-1}.
- ``"step"``: x(t) = x0 + dt sum_{n=1}^{N} W_n theta(t - t_{n-1} - dt/2); parameters the velocities
  W_1..W_{N-1} (W_N fixed by xf).  x_n = x0 + dt sum_{k<=n} W_k: Jacobian dt^{N-1}.
- ``"cosine"``: x(t) = x0 + (xf - x0) t/T + sum_{k=1}^{N-1} a_k cos(k pi t/T - pi/2): fixed frequencies
  and phases (the slide's table), Fourier coefficients a_k.  x_n - x_cl = sum_k a_k sin(pi k n/N):
  Jacobian |det S| = (N/2)^{(N-1)/2} because S^2 = (N/2) 1.

Action (hbar = 1, mass m): kinetic sum_n m (x_{n+1} - x_n)^2 / (2 dt) and a potential rule:
``"trapezoid"`` dt [V(x_0)/2 + sum_{n=1}^{N-1} V(x_n) + V(x_N)/2] (error O(dt^2)), ``"midpoint"``
dt sum_{n=1}^{N} V((x_{n-1} + x_n)/2) (O(dt) in Euclidean time), ``"slide"``: the midpoint sum stopped
at n = N - 1 as on the slide.  Euclidean weight e^{-S_E} (S_E = kinetic + potential); real time
e^{iS} (S = kinetic - potential).  The kernel is
(m / (2 pi dt))^{N/2} int prod dx_n e^{-S_E} = (m / (2 pi dt))^{N/2} |J| int prod dp e^{-S_E(p)}.

Examples
--------
>>> import mpmath
>>> from mathml.fieldtheory import PathNetwork, free_kernel
>>> net = PathNetwork("relu", 200, 1.0, 0.2, 0.9)
>>> abs(net.kernel() - float(free_kernel(1, 0.2, 0.9))) < 1e-12        # brief F6, exact at every N
True
"""

from __future__ import annotations

import math
from typing import Any, Sequence

import numpy as np
import sympy as sp

from mathml.core.errors import InvalidInputError
from mathml.core.gaussian import is_exact_number
from mathml.core.latex import latex
from mathml.core.symbols import distinguished_symbol

from .propagators import tridiagonal_gaussian

__all__ = ["PathNetwork", "KINDS", "RULES", "MAX_N", "MAX_N_EXACT", "MAX_DENSE", "MAX_DENSE_EXACT"]

KINDS = ("relu", "step", "cosine")
MAX_N = 2 * 10**6  # time steps (float64 mode)
MAX_N_EXACT = 5000  # time steps (exact sympy mode)
MAX_DENSE = 3000  # N - 1 for dense Jacobian matrices, paths and actions (float64)
MAX_DENSE_EXACT = 300  # the same in sympy
RULES = ("trapezoid", "midpoint", "slide")


def _value(v: Any, name: str) -> Any:
    if isinstance(v, (bool, str)) or v is None:
        raise InvalidInputError(f"{name} must be a number or a sympy expression, got {v!r}")
    if isinstance(v, sp.Basic):
        return v
    if is_exact_number(v):
        return sp.nsimplify(v)
    try:
        f = float(v)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a number, got {v!r}") from exc
    if not math.isfinite(f):
        raise InvalidInputError(f"{name} must be finite, got {v!r}")
    return f


class PathNetwork:
    """Network parametrisation of lattice paths from x0 (t = 0) to xf (t = T) with N time steps.

    Parameters
    ----------
    kind : {"relu", "step", "cosine"}
    N : int >= 1
        Number of time steps (N - 1 free parameters).
    T : positive number or sympy expression
    x0, xf : numbers or sympy expressions
    mass : positive number (default 1)

    Exact (int, Fraction, sympy) inputs give sympy results; a float anywhere switches to float64.

    Raises
    ------
    InvalidInputError
        Unknown kind, N < 1, non-positive T or mass, NaN.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.fieldtheory import PathNetwork
    >>> T = sp.Symbol('T', positive=True)
    >>> PathNetwork("relu", 4, T, 0, 1).jacobian()
    T**3/64
    """

    def __init__(self, kind: str, N: int, T: Any, x0: Any, xf: Any, *, mass: Any = 1) -> None:
        if kind not in KINDS:
            raise InvalidInputError(f"kind must be one of {KINDS}, got {kind!r}")
        if isinstance(N, bool) or not isinstance(N, (int, np.integer)) or N < 1:
            raise InvalidInputError(f"N must be a positive integer, got {N!r}")
        if N > MAX_N:
            raise InvalidInputError(
                f"N = {N} time steps: at most {MAX_N} (the O(N) integration runs in Python, about 3 s per "
                "10^6 steps)"
            )
        self.kind, self.N = kind, int(N)
        self.T, self.x0, self.xf, self.mass = (
            _value(v, n) for v, n in ((T, "T"), (x0, "x0"), (xf, "xf"), (mass, "mass"))
        )
        for v, n in ((self.T, "T"), (self.mass, "mass")):
            if (isinstance(v, float) and v <= 0) or (isinstance(v, sp.Basic) and v.is_positive is False):
                raise InvalidInputError(f"{n} must be positive, got {v}")
        self.exact = all(isinstance(v, sp.Basic) for v in (self.T, self.x0, self.xf, self.mass))
        if self.exact and self.N > MAX_N_EXACT:
            raise InvalidInputError(
                f"exact (sympy) mode handles N <= {MAX_N_EXACT}; pass float T, x0, xf for N = {self.N}"
            )
        if not self.exact:
            self.T, self.x0, self.xf, self.mass = (float(v) for v in (self.T, self.x0, self.xf, self.mass))
        self.dt = self.T / self.N

    # ------------------------------------------------------------------ parametrisation
    def parameter_symbols(self) -> list[sp.Symbol]:
        """The N - 1 free parameters as sympy symbols (w_0.., W_1.., or a_1..).

        >>> from mathml.fieldtheory import PathNetwork
        >>> PathNetwork("step", 3, 1, 0, 1).parameter_symbols()
        [W_1, W_2]
        """
        if self.kind == "relu":
            return list(sp.symbols(f"w_0:{self.N - 1}", real=True)) if self.N > 1 else []
        name = "W" if self.kind == "step" else "a"
        return [sp.Symbol(f"{name}_{k}", real=True) for k in range(1, self.N)]

    def _mod(self) -> Any:
        return sp if self.exact else np

    def jacobian_matrix(self) -> Any:
        """M with x_n - offset_n = sum_i M[n-1, i] p_i for the interior points n = 1..N-1.

        sympy Matrix (exact mode) or numpy array.

        >>> from mathml.fieldtheory import PathNetwork
        >>> PathNetwork("relu", 3, 3, 0, 0).jacobian_matrix()
        Matrix([
        [1, 0],
        [2, 1]])
        """
        n = self.N - 1
        cap = MAX_DENSE_EXACT if self.exact else MAX_DENSE
        if n > cap:
            raise InvalidInputError(
                f"the dense Jacobian matrix is (N - 1)^2 = {n}^2 entries: at most N - 1 = {cap} here "
                "(kernel() integrates in O(N) without it; jacobian() is the closed form)"
            )
        dt = self.dt
        if self.kind == "relu":
            entry = lambda r, i: dt * (r + 1 - i) if i <= r else 0  # noqa: E731
        elif self.kind == "step":
            entry = lambda r, i: dt if i <= r else 0  # noqa: E731
        else:
            if self.exact:
                entry = lambda r, i: sp.sin(sp.pi * (i + 1) * (r + 1) / self.N)  # noqa: E731
            else:
                entry = lambda r, i: math.sin(math.pi * (i + 1) * (r + 1) / self.N)  # noqa: E731
        if self.exact:
            return sp.Matrix(n, n, lambda r, i: entry(r, i))
        return np.array([[entry(r, i) for i in range(n)] for r in range(n)], dtype=float)

    def offset(self) -> list:
        """Interior x_n at zero parameters: x0 (relu, step) or the straight line (cosine)."""
        if self.kind == "cosine":
            return [
                self.x0 + (self.xf - self.x0) * sp.Rational(k, self.N)
                if self.exact
                else self.x0 + (self.xf - self.x0) * k / self.N
                for k in range(1, self.N)
            ]
        return [self.x0] * (self.N - 1)

    def jacobian(self) -> Any:
        """|det dx/dp| in closed form: dt^{N-1} (relu, step), (N/2)^{(N-1)/2} (cosine).

        Exact in sympy mode; a float (possibly 0.0 or inf at large N: use `log_jacobian`) otherwise.

        >>> from mathml.fieldtheory import PathNetwork
        >>> PathNetwork("cosine", 7, 1, 0, 0).jacobian()        # 3.5^3 = 42.875 (brief F8)
        343/8
        """
        if not self.exact:
            return math.exp(self.log_jacobian())  # may underflow/overflow: see log_jacobian
        if self.kind == "cosine":
            return sp.Rational(self.N, 2) ** sp.Rational(self.N - 1, 2)
        return self.dt ** (self.N - 1)

    def log_jacobian(self) -> float:
        """log |det dx/dp| in float64 (no overflow at any N).

        >>> from mathml.fieldtheory import PathNetwork
        >>> round(PathNetwork("relu", 10**6, 1.0, 0, 1).log_jacobian(), 3)     # (N - 1) log(1e-6)
        -13815496.742
        """
        if self.kind == "cosine":
            return (self.N - 1) / 2 * math.log(self.N / 2)
        return (self.N - 1) * math.log(float(self.dt))

    def grid_path(self, params: Sequence[Any]) -> list:
        """x_0, ..., x_N for the given N - 1 parameters.

        >>> from mathml.fieldtheory import PathNetwork
        >>> PathNetwork("relu", 3, 3, 0, 5).grid_path([1, 1])
        [0, 1, 3, 5]
        """
        p = list(params)
        if len(p) != self.N - 1:
            raise InvalidInputError(
                f"{self.kind} net with N = {self.N} has {self.N - 1} parameters, got {len(p)}"
            )
        M, off = self.jacobian_matrix(), self.offset()
        inner = [off[r] + sum(M[r, i] * p[i] for i in range(self.N - 1)) for r in range(self.N - 1)]
        return [self.x0] + inner + [self.xf]

    def path(self, params: Sequence[Any], t: Any) -> Any:
        """The network's output x(t) (continuous t in [0, T]); agrees with `grid_path` on the grid.

        >>> from mathml.fieldtheory import PathNetwork
        >>> net = PathNetwork("relu", 3, 3, 0, 5)
        >>> [float(net.path([1, 1], t)) for t in (1.5, 3)]
        [2.0, 5.0]
        """
        p = [float(v) for v in params] if not self.exact else list(params)
        if len(p) != self.N - 1:
            raise InvalidInputError(f"expected {self.N - 1} parameters, got {len(p)}")
        if not all(math.isfinite(float(v)) for v in p):
            raise InvalidInputError("the parameters must be finite numbers")
        t = np.asarray(t, dtype=float)
        T, dt = float(self.T), float(self.dt)
        x0, xf = float(self.x0), float(self.xf)
        p = [float(v) for v in p]
        if self.kind == "relu":
            xs = self.grid_path(p)
            w = list(p)
            v_last = (xf - float(xs[-2])) / dt
            w.append(v_last - sum(w))
            return x0 + sum(wi * np.maximum(t - i * dt, 0.0) for i, wi in enumerate(w))
        if self.kind == "step":
            xs = self.grid_path(p)
            W = list(p) + [(xf - float(xs[-2])) / dt]
            return x0 + dt * sum(Wn * (t - (n - 1) * dt - dt / 2 > 0) for n, Wn in enumerate(W, start=1))
        return (
            x0
            + (xf - x0) * t / T
            + sum(a * np.cos(k * np.pi * t / T - np.pi / 2) for k, a in enumerate(p, 1))
        )

    # ------------------------------------------------------------------ action
    def _potential(self, potential: Any) -> tuple[Any, sp.Symbol | None]:
        if potential is None:
            return sp.Integer(0), None
        if isinstance(potential, str) or not isinstance(potential, sp.Basic):
            raise InvalidInputError(
                "potential must be a sympy expression in one symbol (or None for a free particle)"
            )
        # the position symbol: the one named x, else the only free symbol; others are parameters
        x = distinguished_symbol([potential], name="x")
        return potential, x

    def action(
        self,
        potential: Any = None,
        *,
        rule: str = "trapezoid",
        real_time: bool = False,
        params: Sequence[Any] | None = None,
    ) -> Any:
        """The lattice action in the network parameters (sympy), for any potential V(x).

        Parameters
        ----------
        potential : sympy expression in one symbol, optional (None: free particle)
        rule : {"trapezoid", "midpoint", "slide"}
        real_time : bool
            False: S_E = kinetic + potential; True: S = kinetic - potential.
        params : sequence, optional
            Values or expressions for the parameters (default: `parameter_symbols`).

        Examples
        --------
        >>> import sympy as sp
        >>> from mathml.fieldtheory import PathNetwork
        >>> net = PathNetwork("step", 2, 2, 0, 0)
        >>> net.action()                       # (W_1^2 + W_1^2) / 2 with dt = 1
        W_1**2
        """
        if rule not in RULES:
            raise InvalidInputError(f"rule must be one of {RULES}, got {rule!r}")
        V, x = self._potential(potential)
        p = self.parameter_symbols() if params is None else list(params)
        xs = self.grid_path(p)
        dt, m = self.dt, self.mass
        kin = sum((xs[n + 1] - xs[n]) ** 2 for n in range(self.N)) * m / (2 * dt)
        Vf = (lambda y: V.subs(x, y)) if x is not None else (lambda y: 0)
        if rule == "trapezoid":
            pot = dt * (Vf(xs[0]) / 2 + sum(Vf(xs[n]) for n in range(1, self.N)) + Vf(xs[-1]) / 2)
        else:
            last = self.N if rule == "midpoint" else self.N - 1
            pot = dt * sum(Vf((xs[n - 1] + xs[n]) / 2) for n in range(1, last + 1))
        S = kin - pot if real_time else kin + pot
        return sp.expand(S) if isinstance(S, sp.Basic) else S

    def quadratic_form(
        self, potential: Any = None, *, rule: str = "trapezoid", real_time: bool = False
    ) -> tuple:
        """(diag, off, lin, const) with S = (1/2) x^T A x + lin^T x + const over the interior x_1..x_{N-1}.

        The potential must be a polynomial of degree <= 2.  O(N).

        >>> from mathml.fieldtheory import PathNetwork
        >>> d, o, l, c = PathNetwork("relu", 3, 3, 0, 1).quadratic_form()
        >>> d, o, l, c
        ([2, 2], [-1], [0, -1], 1/2)
        """
        if rule not in RULES:
            raise InvalidInputError(f"rule must be one of {RULES}, got {rule!r}")
        V, x = self._potential(potential)
        if x is None:
            al = be = ga = sp.Integer(0)
        else:
            if not V.is_polynomial(x) or sp.Poly(V, x).degree() > 2:
                raise InvalidInputError(
                    "kernel() integrates Gaussian weights only: the potential must be a "
                    "polynomial of degree <= 2 in x (use action() for any V)"
                )
            P = sp.Poly(V, x)
            al, be, ga = (P.coeff_monomial(x**k) for k in (2, 1, 0))
        conv = (lambda v: sp.nsimplify(v) if not isinstance(v, sp.Basic) else v) if self.exact else float
        al, be, ga = conv(al), conv(be), conv(ga)
        N, dt, m = self.N, self.dt, self.mass
        s = -1 if real_time else 1
        zero = sp.Integer(0) if self.exact else 0.0
        hd, ho, g = [zero] * (N + 1), [zero] * N, [zero] * (N + 1)
        c0 = zero
        for n in range(N):
            hd[n] += m / dt
            hd[n + 1] += m / dt
            ho[n] -= m / dt
        if rule == "trapezoid":
            for n in range(N + 1):
                w = dt / 2 if n in (0, N) else dt
                hd[n] += s * 2 * al * w
                g[n] += s * be * w
                c0 += s * ga * w
        else:
            last = N if rule == "midpoint" else N - 1
            for n in range(1, last + 1):
                hd[n - 1] += s * al * dt / 2
                hd[n] += s * al * dt / 2
                ho[n - 1] += s * al * dt / 2
                g[n - 1] += s * be * dt / 2
                g[n] += s * be * dt / 2
                c0 += s * ga * dt
        x0, xf = self.x0, self.xf
        const = c0 + hd[0] * x0**2 / 2 + hd[N] * xf**2 / 2 + g[0] * x0 + g[N] * xf
        if N == 1:
            const += ho[0] * x0 * xf
            return [], [], [], const
        diag = hd[1:N]
        off = ho[1 : N - 1]
        lin = list(g[1:N])
        lin[0] += ho[0] * x0
        lin[-1] += ho[N - 1] * xf
        return diag, off, lin, const

    def kernel(
        self,
        potential: Any = None,
        *,
        rule: str = "trapezoid",
        real_time: bool = False,
        method: str = "tridiagonal",
    ) -> Any:
        """The lattice kernel <xf| e^{-HT} |x0> (Euclidean) or <xf| e^{-iHT} |x0>, integrated exactly.

        Parameters
        ----------
        potential : polynomial of degree <= 2 (e.g. omega**2 * x**2 / 2), or None (free particle)
        rule : {"trapezoid", "midpoint", "slide"}
        real_time : bool
        method : {"tridiagonal", "dense"}
            "tridiagonal": O(N) LDL^T in the x variables.  "dense": the Hessian in the network
            parameters, M^T A M, with a dense log-determinant and solve (O(N^3), float64, Euclidean),
            times |det M| from a dense log-determinant: an independent route.

        Returns
        -------
        sympy expression (exact mode), float (Euclidean) or complex (real time)

        Examples
        --------
        >>> import sympy as sp, mpmath
        >>> from mathml.fieldtheory import PathNetwork, mehler_kernel
        >>> x = sp.Symbol('x')
        >>> K = PathNetwork("relu", 1000, 1.0, 0.2, 0.9).kernel(sp.Rational(9, 8) * x**2)   # omega = 1.5
        >>> rel = abs(K / float(mehler_kernel(1.5, 1, 0.2, 0.9)) - 1)
        >>> 5.5e-8 < rel < 5.7e-8                                  # brief F7: 5.58e-8 = O(dt^2)
        True
        """
        if method not in ("tridiagonal", "dense"):
            raise InvalidInputError(f"method must be 'tridiagonal' or 'dense', got {method!r}")
        diag, off, lin, const = self.quadratic_form(potential, rule=rule, real_time=real_time)
        n, N, m, dt = self.N - 1, self.N, self.mass, self.dt
        if method == "dense":
            if self.exact or real_time:
                raise InvalidInputError("method='dense' is the float64 Euclidean cross-check route")
            return self._dense(diag, off, lin, const)
        if self.exact:
            res = tridiagonal_gaussian(diag, off, lin) if n else None
            if real_time:
                pref = (m / (2 * sp.pi * sp.I * dt)) ** sp.Rational(N, 2)
                if not n:
                    return pref * sp.exp(sp.I * const)
                phase = sp.exp(sp.I * sp.pi * (res.n_pos - res.n_neg) / 4)
                return sp.simplify(
                    pref
                    * (2 * sp.pi) ** sp.Rational(n, 2)
                    / sp.sqrt(abs(res.det))
                    * phase
                    * sp.exp(sp.I * (const - res.half_l_Ainv_l))
                )
            pref = (m / (2 * sp.pi * dt)) ** sp.Rational(N, 2)
            if not n:
                return pref * sp.exp(-const)
            return sp.simplify(
                pref * (2 * sp.pi) ** sp.Rational(n, 2) / sp.sqrt(res.det) * sp.exp(res.half_l_Ainv_l - const)
            )
        log_pref = (N / 2) * math.log(m / (2 * math.pi * dt)) + (n / 2) * math.log(2 * math.pi)
        if not n:
            return (
                math.exp(log_pref - const)
                if not real_time
                else complex(math.exp(log_pref) * np.exp(1j * (const - math.pi * N / 4)))
            )
        res = tridiagonal_gaussian(diag, off, lin)
        if real_time:
            phase = math.pi * (res.n_pos - res.n_neg) / 4 - math.pi * N / 4 + const - res.half_l_Ainv_l
            return complex(math.exp(log_pref - res.logabsdet / 2) * np.exp(1j * phase))
        if res.n_neg:
            raise InvalidInputError(
                "the Euclidean action is not bounded below (the quadratic form is not "
                "positive definite): the Gaussian integral diverges"
            )
        return math.exp(log_pref - res.logabsdet / 2 + res.half_l_Ainv_l - const)

    def _dense(self, diag: list, off: list, lin: list, const: float) -> float:
        n, N, m, dt = self.N - 1, self.N, self.mass, self.dt
        log_pref = (N / 2) * math.log(m / (2 * math.pi * dt)) + (n / 2) * math.log(2 * math.pi)
        if not n:
            return math.exp(log_pref - const)
        A = (
            np.diag(np.asarray(diag, dtype=float))
            + np.diag(np.asarray(off, dtype=float), 1)
            + np.diag(np.asarray(off, dtype=float), -1)
        )
        M = self.jacobian_matrix()
        x_off = np.asarray(self.offset(), dtype=float)
        lv = np.asarray(lin, dtype=float)
        H = M.T @ A @ M
        lp = M.T @ (A @ x_off + lv)
        cp = 0.5 * x_off @ A @ x_off + lv @ x_off + const
        sign, logdet = np.linalg.slogdet(H)
        if sign <= 0:
            raise InvalidInputError("the Euclidean action is not bounded below in the network parameters")
        _, logJ = np.linalg.slogdet(M)
        quad = 0.5 * lp @ np.linalg.solve(H, lp)
        return math.exp(log_pref + logJ - logdet / 2 + quad - cp)

    def __repr__(self) -> str:
        return f"PathNetwork({self.kind!r}, N={self.N}, T={self.T}, x0={self.x0}, xf={self.xf})"

    def _repr_latex_(self) -> str:
        body = {
            "relu": r"x(t) = x_0 + \sum_{i=0}^{N-1} w_i\,\mathrm{ReLU}(t - t_i)",
            "step": r"x(t) = x_0 + \Delta t\sum_{n=1}^{N} W_n\,\theta(t - t_{n-1} - \Delta t/2)",
            "cosine": r"x(t) = x_{\mathrm{cl}}(t) + \sum_{k=1}^{N-1} a_k\cos(k\pi t/T - \pi/2)",
        }[self.kind]
        return (
            f"${body},\\ N = {self.N},\\ T = {latex(sp.sympify(self.T))},"
            f"\\ x_0 = {latex(sp.sympify(self.x0))},"
            f"\\ x_f = {latex(sp.sympify(self.xf))}$"
        )
