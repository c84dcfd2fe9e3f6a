"""Optimisers as mechanics: heavy ball in three parametrisations, its damped-Hamiltonian limit,
Polyak's optimal tuning, and energy-conserving descent.

Three momentum conventions (constant step; ``g_t = ∇C(θ_t)``):

- **Sutskever** (Sutskever et al. 2013): ``v_{t+1} = μ v_t - η g_t``, ``θ_{t+1} = θ_t + v_{t+1}``;
- **PyTorch** (``torch.optim.SGD``, dampening 0): ``b_{t+1} = μ b_t + g_t``, ``θ_{t+1} = θ_t - lr b_{t+1}``;
- **autograd** (HIPS ``autograd.misc.optimizers.sgd``): ``v_{t+1} = m v_t - (1 - m) g_t``,
  ``θ_{t+1} = θ_t + α v_{t+1}``.

They generate the same iterates under ``(μ, η) = (momentum, lr)`` with ``v = -lr b`` (PyTorch), and
``(μ, η) = (m, α(1 - m))`` with ``v = α v_autograd`` (autograd); with a *changing* learning rate the
Sutskever and PyTorch forms differ (pytorch issue #1099), which `heavy_ball` reproduces.

Continuous limit (Qian 1999): with ``μ = 1 - γh`` and ``η = h^2`` the iteration is a consistent
discretisation of ``θ'' + γθ' + ∇C(θ) = 0``, whose energy ``H = |θ'|^2/2 + C`` obeys ``H' = -γ|θ'|^2``.

Examples
--------
>>> from mathml.learning import polyak_optimal
>>> polyak_optimal(1, 100)          # step, momentum, rate for curvatures in [1, 100]
(4/121, 81/121, 9/11)
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np
import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex

__all__ = [
    "FORMS",
    "HeavyBallRun",
    "heavy_ball",
    "heavy_ball_parameters",
    "damped_hamiltonian_limit",
    "polyak_optimal",
    "gradient_descent_optimal",
    "heavy_ball_rate",
    "ECDRun",
    "energy_conserving_descent",
    "bbi_hamiltonian",
]

FORMS = ("sutskever", "pytorch", "autograd")


@dataclass(frozen=True)
class HeavyBallRun:
    """Iterates of a heavy-ball run: ``thetas[k]`` is θ_k (k = 0..steps); ``form`` and parameters kept."""

    form: str
    lr: Any
    momentum: Any
    thetas: list

    def _repr_latex_(self) -> str:
        rules = {
            "sutskever": r"v_{t+1} = \mu v_t - \eta\nabla C(\theta_t),\ \theta_{t+1} = \theta_t + v_{t+1}",
            "pytorch": r"b_{t+1} = \mu b_t + \nabla C(\theta_t),\ \theta_{t+1} = \theta_t - \eta b_{t+1}",
            "autograd": r"v_{t+1} = m v_t - (1-m)\nabla C(\theta_t),\ \theta_{t+1} = \theta_t + \alpha v_{t+1}",
        }
        return "$" + rules[self.form] + r",\quad " + f"{len(self.thetas) - 1}" + r"\ \text{steps}$"

    def __repr__(self) -> str:
        return f"HeavyBallRun({self.form}, {len(self.thetas) - 1} steps)"


_MAX_STEPS = 10**6


def _scalar(value: Any, name: str, *, allow_symbols: bool = True) -> Any:
    """A real scalar (python/numpy number, Fraction, sympy expression); strings, bools, NaN/inf refused."""
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise InvalidInputError(f"{name} must be a number, got {type(value).__name__}: {value!r}")
    if isinstance(value, sp.Basic):
        if not isinstance(value, sp.Expr) or value.has(sp.nan, sp.oo, -sp.oo, sp.zoo):
            raise InvalidInputError(f"{name} must be a finite number or expression, got {value!r}")
        if value.free_symbols and not allow_symbols:
            raise InvalidInputError(f"{name} must be a number, got an expression with symbols: {value}")
        return value
    if isinstance(value, Fraction):
        return value
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if isinstance(value, (int, np.integer)):
        return value
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise InvalidInputError(f"{name} must be a number, got {type(value).__name__}: {value!r}") from None
    if not np.isfinite(x):
        raise InvalidInputError(f"{name} must be finite, got {value!r}")
    return value


def _check_steps(steps: Any, low: int = 0) -> int:
    if isinstance(steps, (bool, np.bool_)) or not isinstance(steps, (int, np.integer)) or not \
            low <= steps <= _MAX_STEPS:
        raise InvalidInputError(f"steps must be an integer in [{low}, {_MAX_STEPS}], got {steps!r}")
    return int(steps)


def _check_form(form: str) -> str:
    if form not in FORMS:
        raise InvalidInputError(f"form must be one of {FORMS}, got {form!r}")
    return form


def heavy_ball(grad: Callable[[Any], Any], theta0: Any, steps: int, *, lr: Any, momentum: Any,
               form: str = "sutskever") -> HeavyBallRun:
    """Run heavy-ball momentum in one of the three parametrisations (velocity starts at 0).

    Parameters
    ----------
    grad : callable
        θ -> ∇C(θ).  Exact values (sympy) stay exact; numpy arrays stay float.
    theta0 : number, sympy expression or numpy array
    steps : int
    lr : number or sequence of numbers
        The step (η, PyTorch's ``lr``, autograd's ``step_size``); a sequence gives a schedule
        (one value per step).
    momentum : number
        μ (Sutskever, PyTorch) or autograd's ``mass``.
    form : {"sutskever", "pytorch", "autograd"}

    Returns
    -------
    HeavyBallRun

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import heavy_ball
    >>> grad = lambda th: 2 * th                  # C = θ², exact
    >>> a = heavy_ball(grad, sp.Integer(1), 3, lr=sp.Rational(1, 10), momentum=sp.Rational(1, 2))
    >>> b = heavy_ball(grad, sp.Integer(1), 3, lr=sp.Rational(1, 10), momentum=sp.Rational(1, 2), form="pytorch")
    >>> a.thetas == b.thetas, a.thetas[-1]
    (True, 151/500)
    """
    _check_form(form)
    steps = _check_steps(steps)
    if not callable(grad):
        raise InvalidInputError(f"grad must be a callable theta -> gradient, got {grad!r}")
    if isinstance(lr, (list, tuple, np.ndarray)):
        lrs = [_scalar(v, "lr") for v in (lr.tolist() if isinstance(lr, np.ndarray) else lr)]
    else:
        lrs = [_scalar(lr, "lr")] * steps
    if len(lrs) < steps:
        raise InvalidInputError(f"a learning-rate schedule needs {steps} values, got {len(lrs)}")
    momentum = _scalar(momentum, "momentum")
    if isinstance(theta0, np.ndarray):
        if theta0.dtype.kind not in "iuf" or not np.all(np.isfinite(theta0)):
            raise InvalidInputError("theta0 must be a finite real numpy array")
    elif isinstance(theta0, sp.MatrixBase):
        pass
    else:
        theta0 = _scalar(theta0, "theta0")
    theta = theta0
    vel = 0 * theta0
    thetas = [theta0]
    for t in range(steps):
        g = grad(theta)
        if form == "sutskever":
            vel = momentum * vel - lrs[t] * g
            theta = theta + vel
        elif form == "pytorch":
            vel = momentum * vel + g
            theta = theta - lrs[t] * vel
        else:
            vel = momentum * vel - (1 - momentum) * g
            theta = theta + lrs[t] * vel
        if isinstance(theta, sp.Basic):
            theta = sp.cancel(sp.expand(theta))     # canonical: equal iterates compare structurally
        thetas.append(theta)
    return HeavyBallRun(form, lr, momentum, thetas)


def heavy_ball_parameters(lr: Any, momentum: Any, *, source: str, target: str) -> tuple[Any, Any]:
    """Convert constant-step parameters between forms so that the iterates coincide.

    Returns ``(lr, momentum)`` of the ``target`` form.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import heavy_ball_parameters
    >>> a, m = sp.symbols('alpha m')
    >>> heavy_ball_parameters(a, m, source="autograd", target="sutskever")
    (alpha*(1 - m), m)
    """
    _check_form(source)
    _check_form(target)
    lr, momentum = _scalar(lr, "lr"), _scalar(momentum, "momentum")
    # to Sutskever (eta, mu)
    eta, mu = (lr * (1 - momentum), momentum) if source == "autograd" else (lr, momentum)
    if target == "autograd":
        if sp.sympify(1 - mu).is_zero:
            raise InvalidInputError("momentum 1 has no autograd form (its step is alpha (1 - m) = 0 for every alpha)")
        return eta / (1 - mu), mu
    return eta, mu


def damped_hamiltonian_limit(gamma: Any, h: Any) -> tuple[Any, Any]:
    """Sutskever ``(momentum, lr) = (1 - γh, h²)``: heavy ball as a time-``h`` step of θ'' + γθ' + ∇C = 0.

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import damped_hamiltonian_limit
    >>> g, h = sp.symbols('gamma h', positive=True)
    >>> damped_hamiltonian_limit(g, h)
    (-gamma*h + 1, h**2)
    """
    gamma, h = _scalar(gamma, "gamma"), _scalar(h, "h")
    for name, v in (("gamma", gamma), ("h", h)):
        if sp.sympify(v).is_negative or (name == "h" and sp.sympify(v).is_zero):
            raise InvalidInputError(f"{name} must be {'positive' if name == 'h' else 'non-negative'}, got {v!r}")
    return 1 - gamma * h, h**2


def _check_curvatures(mu: Any, L: Any) -> tuple[sp.Expr, sp.Expr, bool]:
    """``(mu, L, numeric)``: exact sympy numbers, or sympy Floats (``numeric=True``) for float input."""
    numeric = False
    out = []
    for name, v in (("mu", mu), ("L", L)):
        v = _scalar(v, name, allow_symbols=False)
        if isinstance(v, (float, np.floating)) or isinstance(v, sp.Float):
            numeric = True
            out.append(sp.Float(float(v), 17))
        elif isinstance(v, Fraction):
            out.append(sp.Rational(v.numerator, v.denominator))
        else:
            out.append(sp.sympify(int(v)) if isinstance(v, np.integer) else sp.sympify(v))
    m, l_ = out
    if not (m.is_positive and l_.is_positive) or bool(m > l_):
        raise InvalidInputError(f"need 0 < mu <= L (curvature bounds), got mu={mu!r}, L={L!r}")
    return m, l_, numeric


def polyak_optimal(mu: Any, L: Any) -> tuple[sp.Expr, sp.Expr, sp.Expr]:
    """Polyak's optimal heavy ball for a quadratic with Hessian spectrum in [μ, L] (Polyak 1964).

    Returns ``(alpha, beta, rate)``: ``alpha = 4/(√L + √μ)²``, ``beta = ((√L - √μ)/(√L + √μ))²`` and the
    asymptotic linear rate ``(√L - √μ)/(√L + √μ)``: exact, simplified sympy numbers for exact input; for a
    float ``mu`` or ``L`` they are evaluated in float64 and returned as Python floats.

    Raises
    ------
    InvalidInputError
        Unless ``0 < mu <= L`` are finite real numbers (strings, bools, symbols are refused).

    Examples
    --------
    >>> from mathml.learning import polyak_optimal
    >>> polyak_optimal(1, 4)
    (4/9, 1/9, 1/3)
    """
    m, l_, numeric = _check_curvatures(mu, L)
    if numeric:
        sm, sl = np.sqrt(float(m)), np.sqrt(float(l_))
        return float(4 / (sl + sm) ** 2), float(((sl - sm) / (sl + sm)) ** 2), float((sl - sm) / (sl + sm))
    sm, sl = sp.sqrt(m), sp.sqrt(l_)
    return tuple(sp.radsimp(sp.simplify(v)) for v in (4 / (sl + sm) ** 2, ((sl - sm) / (sl + sm)) ** 2, (sl - sm) / (sl + sm)))


def gradient_descent_optimal(mu: Any, L: Any) -> tuple[sp.Expr, sp.Expr]:
    """Best constant-step gradient descent on [μ, L]: step ``2/(μ + L)``, rate ``(L - μ)/(L + μ)``.

    Examples
    --------
    >>> from mathml.learning import gradient_descent_optimal
    >>> gradient_descent_optimal(1, 100)
    (2/101, 99/101)
    """
    m, l_, numeric = _check_curvatures(mu, L)
    if numeric:
        m, l_ = float(m), float(l_)
    return 2 / (m + l_), (l_ - m) / (l_ + m)


def heavy_ball_rate(alpha: float, beta: float, curvatures: Sequence[float]) -> float:
    """Worst spectral radius over ``curvatures`` of the heavy-ball iteration matrix ``[[1+β-αλ, -β], [1, 0]]``.

    Examples
    --------
    >>> from mathml.learning import heavy_ball_rate
    >>> round(heavy_ball_rate(4/9, 1/9, [1.0, 2.5, 4.0]), 12)      # Polyak's optimum on [1, 4]: 1/3
    0.333333333333
    """
    alpha, beta = (float(_scalar(v, n, allow_symbols=False)) for v, n in ((alpha, "alpha"), (beta, "beta")))
    try:
        curvatures = np.asarray(curvatures, dtype=float).ravel()
    except (TypeError, ValueError):
        raise InvalidInputError("curvatures must be a sequence of real numbers") from None
    if curvatures.size == 0 or not np.all(np.isfinite(curvatures)):
        raise InvalidInputError("curvatures must be a non-empty sequence of finite numbers")
    worst = 0.0
    for lam in curvatures:
        m = np.array([[1 + beta - alpha * lam, -beta], [1.0, 0.0]])
        worst = max(worst, float(np.max(np.abs(np.linalg.eigvals(m)))))
    return worst


# ---------------------------------------------------------------- energy-conserving descent

def bbi_hamiltonian(V: sp.Expr, theta: Sequence[sp.Symbol], pi: Sequence[sp.Symbol]) -> sp.Expr:
    """The Born–Infeld-type ECD Hamiltonian ``H = V(θ) sqrt(1 + |π|²)`` used by `energy_conserving_descent`.

    Its velocity ``θ' = V π / sqrt(1 + |π|²)`` is bounded by ``V``: a speed limit set by the loss, so the
    frictionless motion slows where the (shifted, positive) loss is small (the mechanism of
    De Luca–Silverstein, arXiv 2201.11137; their optimisers add bounces and other Hamiltonians).

    Examples
    --------
    >>> import sympy as sp
    >>> from mathml.learning import bbi_hamiltonian
    >>> th, p = sp.symbols('theta pi')
    >>> bbi_hamiltonian(1 + th**2, [th], [p])
    sqrt(pi**2 + 1)*(theta**2 + 1)
    """
    return V * sp.sqrt(1 + sum(p**2 for p in pi))


@dataclass(frozen=True)
class ECDRun:
    """An energy-conserving descent run: positions, losses and the energy at every step."""

    thetas: np.ndarray
    losses: np.ndarray
    energies: np.ndarray

    @property
    def max_energy_drift(self) -> float:
        """``max_k |E_k - E_0| / |E_0|``."""
        return float(np.max(np.abs(self.energies - self.energies[0])) / abs(self.energies[0]))

    def _repr_latex_(self) -> str:
        return (r"$H = V(\theta)\sqrt{1 + |\pi|^2},\ \max_k |E_k - E_0|/E_0 = "
                + latex(sp.Float(self.max_energy_drift, 3)) + "$")

    def __repr__(self) -> str:
        return f"ECDRun({len(self.losses) - 1} steps, best loss {self.losses.min():.3g})"


def energy_conserving_descent(loss: Callable[[np.ndarray], float], grad: Callable[[np.ndarray], np.ndarray],
                              theta0: Sequence[float], *, dt: float, steps: int, v0: float = 0.0,
                              pi0: Sequence[float] | None = None) -> ECDRun:
    """Frictionless descent with ``H = (C(θ) - v0) sqrt(1 + |π|²)``, energy kept exactly.

    Each step is a symplectic-Euler step of Hamilton's equations followed by a rescaling of ``|π|`` that
    restores ``H = E_0`` (the ``consEn`` option of the reference BBI code): the energy error is rounding
    only, which `ECDRun.max_energy_drift` reports.

    Parameters
    ----------
    loss, grad : callables on float arrays
    theta0 : initial point
    dt : float
        Time step (> 0).
    steps : int
    v0 : float
        A value below the minimum of the loss, so that ``V = C - v0 > 0``.
    pi0 : initial momentum (default: a small push along ``-grad``).

    Returns
    -------
    ECDRun

    Raises
    ------
    InvalidInputError
        Bad step, or ``C(θ) <= v0`` somewhere on the path.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.learning import energy_conserving_descent
    >>> run = energy_conserving_descent(lambda x: float(x @ x), lambda x: 2 * x, [1.0, -0.5],
    ...                                 dt=0.01, steps=2000, v0=-0.01)
    >>> run.max_energy_drift < 1e-12, bool(run.losses.min() < 1e-3)       # float64
    (True, True)
    """
    if isinstance(dt, (bool, np.bool_)) or not (isinstance(dt, (int, float, np.integer, np.floating))
                                                and np.isfinite(dt) and dt > 0):
        raise InvalidInputError(f"dt must be a positive finite float, got {dt!r}")
    steps = _check_steps(steps, 1)
    v0 = float(_scalar(v0, "v0", allow_symbols=False))
    if not (callable(loss) and callable(grad)):
        raise InvalidInputError("loss and grad must be callables on float arrays")
    try:
        theta = np.array(theta0, dtype=float)
        pi = -np.array(grad(theta), dtype=float) if pi0 is None else np.array(pi0, dtype=float)
    except (TypeError, ValueError):
        raise InvalidInputError("theta0 (and pi0) must be arrays of real numbers") from None
    if not (np.all(np.isfinite(theta)) and np.all(np.isfinite(pi))) or pi.shape != theta.shape:
        raise InvalidInputError("theta0, pi0 and the gradient must be finite arrays of the same shape")
    if pi0 is None:
        pi = 1e-3 * pi / max(np.linalg.norm(pi), 1e-300)

    def V(x):
        val = float(loss(x)) - v0
        if not val > 0:
            raise InvalidInputError(f"the loss minus v0 must stay positive (v0 below the minimum); got {val} at {x}")
        return val

    energy = V(theta) * np.sqrt(1 + pi @ pi)
    thetas, losses, energies = [theta.copy()], [V(theta) + v0], [energy]
    for _ in range(steps):
        # symplectic Euler: pi first (dH/dtheta = grad V sqrt(1+pi^2)), then theta (dH/dpi = V pi / sqrt(1+pi^2))
        pi = pi - dt * np.asarray(grad(theta), dtype=float) * np.sqrt(1 + pi @ pi)
        theta = theta + dt * V(theta) * pi / np.sqrt(1 + pi @ pi)
        # restore the energy exactly: |pi|^2 = (E/V)^2 - 1
        target = (energy / V(theta)) ** 2 - 1
        norm2 = pi @ pi
        if target > 0 and norm2 > 0:
            pi = pi * np.sqrt(target / norm2)
        thetas.append(theta.copy())
        losses.append(V(theta) + v0)
        energies.append(V(theta) * np.sqrt(1 + pi @ pi))
    return ECDRun(np.array(thetas), np.array(losses), np.array(energies))
