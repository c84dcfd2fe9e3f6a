r"""Neural-network quantum states on spin-1/2 configurations ``s_i = +-1``.

- `RBMState` (Carleo-Troyer 2017):
  :math:`\psi(s) = \sum_{h\in\{\pm1\}^M} e^{a\cdot s + b\cdot h + s^T W h}
  = e^{a\cdot s}\prod_j 2\cosh(b_j + \sum_i W_{ij}s_i)` (the hidden units summed exactly);
- `FeedForwardState` (Saito 2018): :math:`\psi(s) = \sum_i f_i\,\sigma(\sum_j W_{ij}s_j + b_i)`;
- `DBMState` (Carleo-Nomura-Imada 2018): one hidden layer ``h`` and one deep layer ``d``,
  :math:`\psi(s) = \sum_{h,d} e^{a\cdot s + b\cdot h + c\cdot d + s^TWh + h^TUd}`; the deep layer is
  summed in closed form, the hidden layer by enumeration (``M <= 16``); `DBMState.from_trotter`
  builds the exact DBM of Trotterised imaginary-time evolution of the TFIM.

Every state gives amplitudes on configurations (`psi`), the full amplitude vector in the
basis order of `mathml.quantum.operators` (`amplitudes`), and parameter derivatives
(`jacobian`, :math:`\partial\psi/\partial\theta`; `log_derivatives`, :math:`\partial\ln\psi/\partial\theta`)
over the flat parameter vector ``params``.  Parameters may be complex.

Examples
--------
>>> import numpy as np
>>> from mathml.quantum import RBMState
>>> rbm = RBMState.random(4, 2, seed=0)
>>> s = np.array([[1, -1, 1, 1]])
>>> bool(np.allclose(rbm.psi(s), rbm.hidden_sum(s), rtol=1e-13))   # float64, 13 digits
True
"""
from __future__ import annotations

from itertools import product
from typing import Any

import numpy as np
from scipy.special import expit

from mathml.core.errors import InvalidInputError, ShapeMismatchError

from .operators import _check_sites, configurations
from .validate import check_int, check_real, check_seed

__all__ = ["NeuralState", "RBMState", "FeedForwardState", "DBMState", "ACTIVATIONS"]

_MAX_HIDDEN_ENUM = 16


def _array(x: Any, name: str, ndim: int) -> np.ndarray:
    try:
        arr = np.array(x)
    except Exception as exc:  # noqa: BLE001 - any conversion failure is bad input
        raise InvalidInputError(f"{name} must be a numeric array, got {type(x).__name__}") from exc
    if arr.dtype == object or arr.dtype.kind not in "iufc" or arr.dtype == bool:
        raise InvalidInputError(f"{name} must be a numeric array, got dtype {arr.dtype}")
    if arr.ndim != ndim:
        raise ShapeMismatchError(f"{name} must have {ndim} dimension(s), got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} has NaN or infinite entries")
    return arr.astype(complex if np.iscomplexobj(arr) else float)


def _log2cosh(z: np.ndarray) -> np.ndarray:
    """log(2 cosh z), stable for large |Re z| (complex or real)."""
    sign = np.where(np.real(z) >= 0, 1.0, -1.0)
    zz = sign * z
    return zz + np.log1p(np.exp(-2 * zz))


class NeuralState:
    """Common interface of the neural-network states (see the module docstring)."""

    N: int

    # subclasses define: params, with_params, psi, jacobian, _formula
    def _configs(self, s: Any) -> np.ndarray:
        s = np.asarray(s)
        if s.ndim == 1:
            s = s[None, :]
        if s.ndim != 2 or s.shape[1] != self.N:
            raise ShapeMismatchError(f"configurations must have shape (n, {self.N}), got {s.shape}")
        if not np.all(np.abs(s) == 1):
            raise InvalidInputError("spin configurations take the Ising values +1 (up) and -1 (down)")
        return s.astype(float)

    @property
    def n_params(self) -> int:
        """Number of (real or complex) parameters."""
        return int(self.params.size)

    @property
    def is_complex(self) -> bool:
        """Whether the parameters are complex."""
        return bool(np.iscomplexobj(self.params))

    def log_psi(self, s: Any) -> np.ndarray:
        """:math:`\\ln\\psi(s)` (complex log; ``-inf`` where psi vanishes)."""
        with np.errstate(divide="ignore"):
            return np.log(self.psi(s).astype(complex))

    def amplitudes(self, normalize: bool = True) -> np.ndarray:
        """All ``2**N`` amplitudes in basis order (normalised by default)."""
        if self.N > 20:
            raise InvalidInputError(f"full amplitude vectors are built for N <= 20, got N = {self.N}")
        logs = self.log_psi(configurations(self.N))
        finite = np.isfinite(logs.real)
        shift = np.max(logs.real[finite]) if (normalize and np.any(finite)) else 0.0
        vec = np.where(finite, np.exp(logs - shift), 0)
        if not np.any(np.iscomplexobj(self.params)) and np.allclose(vec.imag, 0, atol=0):
            vec = vec.real
        if normalize:
            norm = np.linalg.norm(vec)
            if norm == 0:
                raise InvalidInputError("the state vanishes on every configuration")
            vec = vec / norm
        return vec

    def log_derivatives(self, s: Any) -> np.ndarray:
        """:math:`O_k(s) = \\partial_{\\theta_k}\\ln\\psi(s)`, shape ``(n, n_params)``."""
        s = self._configs(s)
        return self.jacobian(s) / self.psi(s)[:, None]

    def __repr__(self) -> str:
        return f"{type(self).__name__}(N={self.N}, {self._size_text()}, {self.n_params} params)"

    def _repr_latex_(self) -> str:
        return f"$${self._formula()}\\qquad\\text{{({self._size_text()})}}$$"


class RBMState(NeuralState):
    r"""Restricted-Boltzmann-machine state
    :math:`\psi(s) = e^{a\cdot s}\prod_j 2\cosh(b_j + \sum_i W_{ij}s_i)`.

    Parameters
    ----------
    a : array (N,)
        Visible biases.
    b : array (M,)
        Hidden biases.
    W : array (N, M)
        Couplings; ``W[i, j]`` couples visible spin ``i`` to hidden unit ``j``.

    Raises
    ------
    ShapeMismatchError, InvalidInputError
        For inconsistent shapes or NaN / non-numeric entries.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import RBMState
    >>> rbm = RBMState(np.zeros(2), np.zeros(1), np.array([[1.0], [1.0]]))
    >>> rbm.psi(np.array([[1, 1], [1, -1]])).round(12).tolist()     # 2cosh(2), 2cosh(0)
    [7.524391382167, 2.0]
    """

    def __init__(self, a: Any, b: Any, W: Any):
        a, b, W = _array(a, "a", 1), _array(b, "b", 1), _array(W, "W", 2)
        if W.shape != (a.size, b.size):
            raise ShapeMismatchError(f"W must have shape (N, M) = ({a.size}, {b.size}), got {W.shape}")
        self.N = _check_sites(a.size)
        cplx = any(np.iscomplexobj(x) for x in (a, b, W))
        dt = complex if cplx else float
        self.a, self.b, self.W = a.astype(dt), b.astype(dt), W.astype(dt)

    @property
    def M(self) -> int:
        """Number of hidden units."""
        return self.b.size

    @classmethod
    def random(cls, N: int, M: int, *, seed: int = 0, scale: float = 0.1, complex: bool = False) -> RBMState:
        """An RBM with normal(0, scale) parameters from ``numpy.random.default_rng(seed)``.

        >>> from mathml.quantum import RBMState
        >>> RBMState.random(3, 6, seed=1)
        RBMState(N=3, M=6, 27 params)
        """
        N, M = check_int(N, "N", 1, 24), check_int(M, "M (hidden units)", 0, 4096)
        scale = check_real(scale, "scale", minimum=0)
        rng = np.random.default_rng(check_seed(seed))

        def draw(*shape):
            x = rng.normal(0, scale, shape)
            return x + 1j * rng.normal(0, scale, shape) if complex else x

        return cls(draw(N), draw(M), draw(N, M))

    @property
    def params(self) -> np.ndarray:
        """The flat parameter vector ``[a, b, W.ravel()]``."""
        return np.concatenate([self.a, self.b, self.W.ravel()])

    def with_params(self, theta: Any) -> RBMState:
        """A new RBM with the flat parameter vector ``theta``."""
        theta = np.asarray(theta)
        if theta.shape != (self.n_params,):
            raise ShapeMismatchError(f"expected {self.n_params} parameters, got shape {theta.shape}")
        N, M = self.N, self.M
        return RBMState(theta[:N], theta[N:N + M], theta[N + M:].reshape(N, M))

    def _theta(self, s: np.ndarray) -> np.ndarray:
        return self.b[None, :] + s @ self.W

    def log_psi(self, s: Any) -> np.ndarray:
        """:math:`a\\cdot s + \\sum_j \\ln 2\\cosh\\theta_j(s)` (stable for large arguments)."""
        s = self._configs(s)
        return s @ self.a + _log2cosh(self._theta(s)).sum(axis=1)

    def psi(self, s: Any) -> np.ndarray:
        """Amplitudes on configurations ``s`` (shape ``(n, N)`` or ``(N,)``)."""
        out = np.exp(self.log_psi(s))
        return out if self.is_complex else out.real

    def hidden_sum(self, s: Any) -> np.ndarray:
        """The defining sum over all ``2**M`` hidden configurations, term by term (``M <= 16``)."""
        if self.M > _MAX_HIDDEN_ENUM:
            raise InvalidInputError(f"explicit hidden sums are for M <= {_MAX_HIDDEN_ENUM}, got {self.M}")
        s = self._configs(s)
        H = np.array(list(product((1.0, -1.0), repeat=self.M))).reshape(-1, self.M)
        expo = (s @ self.a)[:, None] + (H @ self.b)[None, :] + np.einsum("ni,ij,hj->nh", s, self.W, H)
        out = np.exp(expo).sum(axis=1)
        return out if self.is_complex else out.real

    def log_derivatives(self, s: Any) -> np.ndarray:
        """:math:`(s_i,\\ \\tanh\\theta_j,\\ s_i\\tanh\\theta_j)` for ``(a, b, W)``."""
        s = self._configs(s)
        t = np.tanh(self._theta(s))
        return np.concatenate([s.astype(t.dtype), t, (s[:, :, None] * t[:, None, :]).reshape(len(s), -1)],
                              axis=1)

    def jacobian(self, s: Any) -> np.ndarray:
        """:math:`\\partial\\psi/\\partial\\theta` on configurations, shape ``(n, n_params)``."""
        s = self._configs(s)
        return self.log_derivatives(s) * self.psi(s)[:, None]

    def __repr__(self) -> str:
        return f"RBMState(N={self.N}, M={self.M}, {self.n_params} params)"

    def _formula(self) -> str:
        return (r"\psi(s) = \sum_{h\in\{\pm1\}^{M}} e^{a\cdot s + b\cdot h + s^{T}Wh} = e^{a\cdot s}"
                r"\prod_{j=1}^{M} 2\cosh\Big(b_j + \sum_{i=1}^{N} W_{ij}s_i\Big)")

    def _size_text(self) -> str:
        return f"N = {self.N}, M = {self.M}"


ACTIVATIONS = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2, r"\tanh"),
    "logistic": (lambda z: expit(z), lambda z: expit(z) * expit(-z), r"\sigma"),
    "exp": (np.exp, np.exp, r"\exp"),
    "cosh": (np.cosh, np.sinh, r"\cosh"),
    "softplus": (lambda z: np.logaddexp(0, z), lambda z: expit(z), r"\operatorname{softplus}"),
}


class FeedForwardState(NeuralState):
    r"""One-hidden-layer feed-forward state :math:`\psi(s) = \sum_i f_i\,\sigma(\sum_j W_{ij}s_j + b_i)`.

    Parameters
    ----------
    W : array (M, N)
    b : array (M,)
    f : array (M,)
        Output weights.
    activation : str
        One of ``"tanh"``, ``"logistic"``, ``"exp"``, ``"cosh"``, ``"softplus"``.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import FeedForwardState
    >>> ff = FeedForwardState(np.array([[1.0, 1.0]]), np.zeros(1), np.ones(1), activation="cosh")
    >>> ff.psi(np.array([[1, 1], [1, -1]])).round(12).tolist()
    [3.762195691084, 1.0]
    """

    def __init__(self, W: Any, b: Any, f: Any, activation: str = "tanh"):
        W, b, f = _array(W, "W", 2), _array(b, "b", 1), _array(f, "f", 1)
        if W.shape[0] != b.size or f.size != b.size:
            raise ShapeMismatchError(f"W (M, N), b (M,) and f (M,) disagree: {W.shape}, {b.shape}, {f.shape}")
        if not isinstance(activation, str) or activation not in ACTIVATIONS:
            raise InvalidInputError(f"activation must be one of {sorted(ACTIVATIONS)}, got {activation!r}")
        self.N = _check_sites(W.shape[1])
        dt = complex if any(np.iscomplexobj(x) for x in (W, b, f)) else float
        self.W, self.b, self.f, self.activation = W.astype(dt), b.astype(dt), f.astype(dt), activation

    @classmethod
    def random(cls, N: int, M: int, *, seed: int = 0, scale: float = 0.3,
               activation: str = "cosh") -> FeedForwardState:
        """Normal(0, scale) weights, output weights normal(1, scale), from ``default_rng(seed)``.

        >>> from mathml.quantum import FeedForwardState
        >>> FeedForwardState.random(4, 3, seed=0)
        FeedForwardState(N=4, M = 3, cosh, 18 params)
        """
        N, M = check_int(N, "N", 1, 24), check_int(M, "M (hidden units)", 1, 4096)
        scale = check_real(scale, "scale", minimum=0)
        rng = np.random.default_rng(check_seed(seed))
        return cls(rng.normal(0, scale, (M, N)), rng.normal(0, scale, M), rng.normal(1, scale, M), activation)

    @property
    def params(self) -> np.ndarray:
        """The flat parameter vector ``[W.ravel(), b, f]``."""
        return np.concatenate([self.W.ravel(), self.b, self.f])

    def with_params(self, theta: Any) -> FeedForwardState:
        """A new state with the flat parameter vector ``theta``."""
        theta = np.asarray(theta)
        if theta.shape != (self.n_params,):
            raise ShapeMismatchError(f"expected {self.n_params} parameters, got shape {theta.shape}")
        M, N = self.W.shape
        return FeedForwardState(theta[:M * N].reshape(M, N), theta[M * N:M * N + M], theta[M * N + M:],
                                self.activation)

    def psi(self, s: Any) -> np.ndarray:
        """Amplitudes on configurations ``s``."""
        s = self._configs(s)
        return ACTIVATIONS[self.activation][0](s @ self.W.T + self.b) @ self.f

    def jacobian(self, s: Any) -> np.ndarray:
        """:math:`\\partial\\psi/\\partial(W, b, f)` on configurations."""
        s = self._configs(s)
        z = s @ self.W.T + self.b
        act, der, _ = ACTIVATIONS[self.activation]
        g = der(z) * self.f
        dW = (g[:, :, None] * s[:, None, :]).reshape(len(s), -1)
        return np.concatenate([dW, g, act(z)], axis=1)

    def _size_text(self) -> str:
        return f"M = {self.W.shape[0]}, {self.activation}"

    def __repr__(self) -> str:
        return f"FeedForwardState(N={self.N}, {self._size_text()}, {self.n_params} params)"

    def _formula(self) -> str:
        act = ACTIVATIONS[self.activation][2]
        return rf"\psi(s) = \sum_{{i=1}}^{{M}} f_i\,{act}\Big(\sum_{{j=1}}^{{N}} W_{{ij}}s_j + b_i\Big)"


class DBMState(NeuralState):
    r"""Deep-Boltzmann-machine state with a hidden layer ``h`` (M) and a deep layer ``d`` (K).

    :math:`\psi(s) = \sum_{h}e^{a\cdot s + b\cdot h + s^TWh}\prod_k 2\cosh(c_k + \sum_j U_{jk}h_j)`:
    the deep layer summed in closed form, ``h`` by enumeration (``M <= 16``).  With ``U = 0`` it
    is an RBM times :math:`\prod_k 2\cosh c_k`.

    Parameters
    ----------
    a : (N,), b : (M,), c : (K,), W : (N, M), U : (M, K)

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.quantum import DBMState, RBMState
    >>> dbm = DBMState.random(3, 2, 2, seed=0)
    >>> rbm = RBMState(dbm.a, dbm.b, dbm.W)
    >>> flat = DBMState(dbm.a, dbm.b, np.zeros(2), dbm.W, np.zeros((2, 2)))
    >>> bool(np.allclose(flat.amplitudes(), rbm.amplitudes(), rtol=1e-13, atol=1e-15))
    True
    """

    def __init__(self, a: Any, b: Any, c: Any, W: Any, U: Any):
        a, b, c = _array(a, "a", 1), _array(b, "b", 1), _array(c, "c", 1)
        W, U = _array(W, "W", 2), _array(U, "U", 2)
        if W.shape != (a.size, b.size) or U.shape != (b.size, c.size):
            raise ShapeMismatchError(f"need W (N, M) and U (M, K) for N={a.size}, M={b.size}, K={c.size}; "
                                     f"got {W.shape}, {U.shape}")
        if b.size > _MAX_HIDDEN_ENUM:
            raise InvalidInputError(f"the hidden layer is enumerated: M <= {_MAX_HIDDEN_ENUM}, got {b.size}")
        self.N = _check_sites(a.size)
        dt = complex if any(np.iscomplexobj(x) for x in (a, b, c, W, U)) else float
        self.a, self.b, self.c, self.W, self.U = (x.astype(dt) for x in (a, b, c, W, U))
        self._H = np.array(list(product((1.0, -1.0), repeat=b.size))).reshape(-1, b.size)

    @classmethod
    def random(cls, N: int, M: int, K: int, *, seed: int = 0, scale: float = 0.1) -> DBMState:
        """Normal(0, scale) parameters from ``numpy.random.default_rng(seed)``.

        >>> from mathml.quantum import DBMState
        >>> DBMState.random(4, 2, 3, seed=0)
        DBMState(N=4, M = 2, K = 3, 23 params)
        """
        N, M = check_int(N, "N", 1, 24), check_int(M, "M (hidden units)", 0, 16)
        K, scale = check_int(K, "K (deep units)", 0, 4096), check_real(scale, "scale", minimum=0)
        rng = np.random.default_rng(check_seed(seed))
        return cls(rng.normal(0, scale, N), rng.normal(0, scale, M), rng.normal(0, scale, K),
                   rng.normal(0, scale, (N, M)), rng.normal(0, scale, (M, K)))

    @property
    def params(self) -> np.ndarray:
        """The flat parameter vector ``[a, b, c, W.ravel(), U.ravel()]``."""
        return np.concatenate([self.a, self.b, self.c, self.W.ravel(), self.U.ravel()])

    @classmethod
    def from_trotter(cls, model, tau: Any, steps: int) -> DBMState:
        r"""The exact DBM of the Trotterised imaginary-time state
        :math:`(e^{-\tau H_{zz}}e^{-\tau H_x})^n|+\rangle` of a TFIM
        (Carleo, Nomura, Imada 2018, Nat. Commun. 9:5322).

        With :math:`H = -J\sum\sigma^z_i\sigma^z_j - h\sum\sigma^x_i` (Pauli form; a ``"spin"``-unit
        model is first written with :math:`J/4`, :math:`h/2`), the path integral over Trotter slices
        :math:`s^{(0)} = s, s^{(1)}, \dots, s^{(n)}` has two kinds of factors:
        :math:`\langle s|e^{\tau h\sigma^x}|s'\rangle \propto e^{\gamma ss'}` with
        :math:`e^{2\gamma} = \coth\tau h` (complex for :math:`h < 0`), coupling neighbouring slices,
        and :math:`e^{\tau J s_is_j} \propto \sum_{a=\pm1} e^{wa(s_i + \mathrm{sgn}(J)s_j)}` with
        :math:`\cosh 2w = e^{2\tau|J|}`, one auxiliary unit per bond and slice.  Odd slices and the
        auxiliary units of even slices form the hidden layer, even slices (>= 2) and the auxiliary units
        of odd slices the deep layer: every coupling joins adjacent layers, so the state is a
        two-hidden-layer DBM with zero biases.  Its amplitudes are proportional to the Trotter vector.

        Parameters
        ----------
        model : SpinModel
            A `tfim` model.
        tau : real
            Imaginary-time step (> 0).
        steps : int
            Number of Trotter steps ``n >= 1``; the hidden layer (``M <= 16`` units) limits ``N`` and ``n``.

        Returns
        -------
        DBMState

        Raises
        ------
        InvalidInputError
            For a model other than the TFIM, ``h = 0``, a non-positive ``tau``, or more than 16
            hidden units.

        Examples
        --------
        >>> import numpy as np
        >>> from scipy.linalg import expm
        >>> from mathml.quantum import DBMState, tfim
        >>> from mathml.quantum.operators import configurations
        >>> dbm = DBMState.from_trotter(tfim(4, 0.7, units="pauli"), 0.2, 2)
        >>> s = configurations(4)
        >>> D = np.diag(np.exp(0.2 * (s * np.roll(s, -1, axis=1)).sum(axis=1)))   # e^{tau J sum zz}
        >>> X = expm(0.2 * 0.7 * np.array([[0, 1], [1, 0]]))
        >>> Xall = np.kron(np.kron(X, X), np.kron(X, X))
        >>> v = D @ Xall @ D @ Xall @ np.ones(16)
        >>> bool(np.allclose(dbm.amplitudes(), v / np.linalg.norm(v), rtol=1e-12, atol=1e-14))   # float64
        True
        """
        from .models import SpinModel

        if not isinstance(model, SpinModel) or model.name != "tfim":
            raise InvalidInputError("from_trotter takes a TFIM SpinModel (mathml.quantum.tfim)")
        tau = check_real(tau, "tau")
        if tau <= 0:
            raise InvalidInputError(f"tau must be positive, got {tau}")
        steps = check_int(steps, "steps", 1, 16)
        J, h = float(model.params["J"]), float(model.params["h"])
        if model.units == "spin":
            J, h = J / 4, h / 2
        if h == 0:
            raise InvalidInputError("h = 0: exp(-tau H_x) is the identity, there is nothing to represent")
        N = model.N
        bonds = [t.sites for t in model.terms if len(t.sites) == 2]
        n_aux = len(bonds) if J != 0 else 0
        # unit lists per layer: ("spin", slice, site) or ("aux", slice, bond)
        layers: dict[str, list] = {"h": [], "d": []}
        for sl in range(steps + 1):
            if sl >= 1:
                layers["h" if sl % 2 else "d"] += [("spin", sl, i) for i in range(N)]
            if sl < steps:
                layers["d" if sl % 2 else "h"] += [("aux", sl, b) for b in range(n_aux)]
        M, K = len(layers["h"]), len(layers["d"])
        if M > _MAX_HIDDEN_ENUM:
            raise InvalidInputError(f"N = {N} with {steps} Trotter steps needs {M} hidden units (> "
                                    f"{_MAX_HIDDEN_ENUM} enumerated); use fewer sites or steps")
        gamma = 0.5 * np.log(complex(1 / np.tanh(tau * h)))
        w = 0.5 * np.arccosh(np.exp(2 * tau * abs(J))) if n_aux else 0.0
        sgn = 1.0 if J >= 0 else -1.0
        pos = {("v", 0, i): ("v", i) for i in range(N)}
        for name in ("h", "d"):
            for k, (kind, sl, x) in enumerate(layers[name]):
                if kind == "spin":
                    pos[("v", sl, x)] = (name, k)
        W = np.zeros((N, M), dtype=complex)
        U = np.zeros((M, K), dtype=complex)

        def couple(p, q, value):
            (lp, ip), (lq, iq) = p, q
            if (lp, lq) == ("v", "h"):
                W[ip, iq] += value
            elif (lp, lq) == ("h", "v"):
                W[iq, ip] += value
            elif (lp, lq) == ("h", "d"):
                U[ip, iq] += value
            else:
                U[iq, ip] += value

        for sl in range(steps):
            for i in range(N):
                couple(pos[("v", sl, i)], pos[("v", sl + 1, i)], gamma)
        for name in ("h", "d"):
            for k, (kind, sl, b) in enumerate(layers[name]):
                if kind == "aux":
                    i, j = bonds[b]
                    couple(pos[("v", sl, i)], (name, k), w)
                    couple(pos[("v", sl, j)], (name, k), w * sgn)
        cplx = bool(np.any(W.imag) or np.any(U.imag))
        cast = (lambda x: x) if cplx else (lambda x: x.real.copy())
        return cls(np.zeros(N), np.zeros(M), np.zeros(K), cast(W), cast(U))

    def with_params(self, theta: Any) -> DBMState:
        """A new state with the flat parameter vector ``theta``."""
        theta = np.asarray(theta)
        if theta.shape != (self.n_params,):
            raise ShapeMismatchError(f"expected {self.n_params} parameters, got shape {theta.shape}")
        N, M, K = self.N, self.b.size, self.c.size
        cuts = np.cumsum([N, M, K, N * M])
        return DBMState(theta[:cuts[0]], theta[cuts[0]:cuts[1]], theta[cuts[1]:cuts[2]],
                        theta[cuts[2]:cuts[3]].reshape(N, M), theta[cuts[3]:].reshape(M, K))

    def _terms(self, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        H = self._H
        phi = self.c[None, :] + H @ self.U                          # (2^M, K)
        expo = ((s @ self.a)[:, None] + (H @ self.b)[None, :] + np.einsum("ni,ij,hj->nh", s, self.W, H)
                + _log2cosh(phi).sum(axis=1)[None, :])
        return np.exp(expo), phi

    def psi(self, s: Any) -> np.ndarray:
        """Amplitudes on configurations ``s``."""
        s = self._configs(s)
        return self._terms(s)[0].sum(axis=1)

    def jacobian(self, s: Any) -> np.ndarray:
        """:math:`\\partial\\psi/\\partial(a, b, c, W, U)` on configurations."""
        s = self._configs(s)
        T, phi = self._terms(s)                                     # (n, 2^M), (2^M, K)
        H, t = self._H, np.tanh(phi)
        psi = T.sum(axis=1)
        da = s * psi[:, None]
        db = T @ H
        dc = T @ t
        dW = (s[:, :, None] * db[:, None, :]).reshape(len(s), -1)
        dU = np.einsum("nh,hj,hk->njk", T, H, t).reshape(len(s), -1)
        return np.concatenate([da, db, dc, dW, dU], axis=1)

    def _size_text(self) -> str:
        return f"M = {self.b.size}, K = {self.c.size}"

    def _formula(self) -> str:
        return (r"\psi(s) = \sum_{h,d} e^{a\cdot s + b\cdot h + c\cdot d + s^{T}Wh + h^{T}Ud} = "
                r"\sum_{h} e^{a\cdot s + b\cdot h + s^{T}Wh}\prod_{k} 2\cosh\Big(c_k + \sum_j U_{jk}h_j\Big)")
