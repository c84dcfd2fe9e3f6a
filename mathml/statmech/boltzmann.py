r"""General Boltzmann machines, exact by enumeration for small sizes.

`BoltzmannMachine` (Ackley, Hinton, Sejnowski 1985): units :math:`x = (v, h)`, the first
``n_visible`` visible, symmetric couplings with zero diagonal,

.. math:: E(x) = -\sum_{i<j} W_{ij}x_ix_j - \sum_i b_ix_i = -\tfrac12 x^TWx - b\cdot x,\qquad
          P(x) = e^{-E(x)}/Z.

Jafari's slide writes :math:`\mathcal E = \sum_i a_iv_i + \sum_{i\ne j} w_{ij}v_iv_j` (ordered pairs,
plus signs): the same family with :math:`b = -a` and :math:`W = -2w`; its
":math:`P(v) = \exp[-\mathcal E(v)]`" lacks the :math:`1/Z` (see ``proofs/statmech.py``).
Deep Boltzmann machines (layered couplings) are in `mathml.statmech.dbm`.

Examples
--------
>>> import numpy as np
>>> from mathml.statmech import BoltzmannMachine
>>> bm = BoltzmannMachine(np.zeros((3, 3)), n_visible=2)
>>> bm.visible_marginal().tolist()                     # all 2^3 states equally likely
[0.25, 0.25, 0.25, 0.25]
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import numpy as np

from ..core.errors import InvalidInputError, ShapeMismatchError
from .configs import (
    _check_cd_options,
    _check_n,
    _check_samples,
    _empirical_distribution,
    check_units,
    config_chunks,
    configurations,
    logsumexp,
)
from .rbm import _check_distribution, _finite_array, _float_array, _kl

__all__ = ["BoltzmannMachine"]

_MAX_UNITS = 22


class BoltzmannMachine:
    r"""A fully connected Boltzmann machine :math:`E = -\tfrac12 x^TWx - b\cdot x` (module docstring).

    Parameters
    ----------
    W : array_like, shape (n, n)
        Symmetric couplings with zero diagonal.
    b : array_like, shape (n,), optional
        Biases (default 0).
    n_visible : int, optional
        The first ``n_visible`` units are visible (default: all).
    units : {"binary", "spin"}
    mask : array_like of bool, shape (n, n), optional
        Which couplings exist (symmetric, zero diagonal); training keeps the others at 0.
        Default: every pair.

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        For an asymmetric W, a non-zero diagonal, non-finite entries or bad sizes.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import BoltzmannMachine
    >>> bm = BoltzmannMachine([[0, 1.0], [1.0, 0]], units="spin")
    >>> np.round(bm.probabilities(), 6).tolist()       # e^{+1} for aligned, e^{-1} for opposite
    [0.440399, 0.059601, 0.059601, 0.440399]
    """

    def __init__(
        self, W: Any, b: Any = None, *, n_visible: int | None = None, units: str = "binary", mask: Any = None
    ):
        W = _float_array("W", W)
        if W.ndim != 2 or W.shape[0] != W.shape[1] or W.shape[0] == 0:
            raise InvalidInputError("W must be a non-empty square real array")
        n = W.shape[0]
        self.W = _finite_array("W", W, (n, n))
        if not np.allclose(self.W, self.W.T, atol=0) or np.any(np.diag(self.W) != 0):
            raise InvalidInputError("W must be symmetric with zero diagonal")
        self.b = _finite_array("b", np.zeros(n) if b is None else b, (n,))
        if n_visible is None:
            n_visible = n
        if isinstance(n_visible, bool) or not isinstance(n_visible, Integral) or not 1 <= n_visible <= n:
            raise InvalidInputError(f"n_visible must be an integer in [1, {n}], got {n_visible!r}")
        self.n_visible = int(n_visible)
        self.units = check_units(units)
        if mask is None:
            mask = ~np.eye(n, dtype=bool)
        mask = np.asarray(mask, dtype=bool)
        if mask.shape != (n, n) or np.any(mask != mask.T) or np.any(np.diag(mask)):
            raise ShapeMismatchError(
                f"mask must be a symmetric ({n}, {n}) boolean array with a False diagonal"
            )
        if np.any(self.W[~mask] != 0):
            raise InvalidInputError("W has non-zero couplings outside the mask")
        self.mask = mask
        self.history: list[float] = []

    @property
    def n(self) -> int:
        return self.W.shape[0]

    def __repr__(self) -> str:
        return f"BoltzmannMachine(n={self.n}, n_visible={self.n_visible}, units={self.units!r})"

    def _repr_latex_(self) -> str:
        vals = r"\{0,1\}" if self.units == "binary" else r"\{-1,+1\}"
        return (
            rf"$P(x) = e^{{-E(x)}}/Z,\ E(x) = -\tfrac12 x^T W x - b\cdot x,\ x \in {vals}^{{{self.n}}},\ "
            rf"{self.n_visible}\text{{ visible}}$"
        )

    def energy(self, x: Any) -> Any:
        """The energy of a state (or rows of states).

        Examples
        --------
        >>> from mathml.statmech import BoltzmannMachine
        >>> float(BoltzmannMachine([[0, 2.0], [2.0, 0]], [1.0, 0.0]).energy([1, 1]))
        -3.0
        """
        x = np.asarray(x)
        allowed = (0, 1) if self.units == "binary" else (-1, 1)
        if x.shape[-1:] != (self.n,) or not np.all(np.isin(x, allowed)):
            raise InvalidInputError(f"a state has {self.n} entries in {set(allowed)}")
        x = x.astype(float)
        return -0.5 * np.einsum("...i,ij,...j->...", x, self.W, x) - x @ self.b

    def log_partition_function(self) -> float:
        r""":math:`\ln Z` by enumeration of all :math:`2^n` states (n <= 26), float64.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import BoltzmannMachine
        >>> bm = BoltzmannMachine([[0, 1.0], [1.0, 0]], units="spin")
        >>> bool(abs(bm.log_partition_function() - np.log(4 * np.cosh(1.0))) < 1e-14)   # 2e + 2/e
        True
        """
        _check_n(self.n)
        parts = [logsumexp(-self.energy(x)) for x in config_chunks(self.n, self.units, 2**15)]
        return float(logsumexp(np.array(parts)))

    def probabilities(self) -> np.ndarray:
        """The exact joint distribution over all states (n <= 22), order of `configurations`.

        Examples
        --------
        >>> from mathml.statmech import BoltzmannMachine
        >>> BoltzmannMachine([[0, 0.0], [0.0, 0]]).probabilities().tolist()
        [0.25, 0.25, 0.25, 0.25]
        """
        _check_n(self.n, _MAX_UNITS)
        e = -self.energy(configurations(self.n, self.units))
        return np.exp(e - logsumexp(e))

    def visible_marginal(self) -> np.ndarray:
        r"""The exact :math:`P(v)` over the :math:`2^{n_v}` visible states.

        Examples
        --------
        >>> from mathml.statmech import BoltzmannMachine
        >>> bm = BoltzmannMachine([[0, 3.0], [3.0, 0]], n_visible=1)
        >>> [round(float(p), 6) for p in bm.visible_marginal()]     # (2, 1 + e^3) / (3 + e^3)
        [0.086634, 0.913366]
        """
        p = self.probabilities()
        return p.reshape(2 ** (self.n - self.n_visible), 2**self.n_visible).sum(axis=0)

    def kl_divergence(self, p_data: Any) -> float:
        r"""The exact :math:`KL(p_{data}\|P_{visible})` in nats.

        Examples
        --------
        >>> from mathml.statmech import BoltzmannMachine
        >>> round(BoltzmannMachine([[0, 0.0], [0.0, 0]]).kl_divergence([0.5, 0, 0, 0.5]), 12)   # ln 2
        0.69314718056
        """
        p = _check_distribution(p_data, self.n_visible)
        return _kl(p, self.visible_marginal())

    def exact_gradient(self, p_data: Any) -> tuple[np.ndarray, np.ndarray]:
        r"""Exact gradient of :math:`\sum_v p_{data}(v)\ln P(v)`.

        It is :math:`\langle xx^T\rangle_{clamped} - \langle xx^T\rangle_{model}` (and the same for x).

        Returns ``(dW, db)``; dW is zero off the mask and on the diagonal.

        Examples
        --------
        >>> from mathml.statmech import BoltzmannMachine
        >>> dW, db = BoltzmannMachine([[0, 0.0], [0.0, 0]], units="spin").exact_gradient([0.5, 0, 0, 0.5])
        >>> float(dW[0, 1]), db.tolist()        # <s0 s1>_data - <s0 s1>_model = 1 - 0
        (1.0, [0.0, 0.0])
        """
        p = _check_distribution(p_data, self.n_visible)
        X = configurations(self.n, self.units).astype(float)
        joint = self.probabilities().reshape(2 ** (self.n - self.n_visible), 2**self.n_visible)
        pv = joint.sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            clamped = np.where(pv > 0, joint * (p / np.where(pv > 0, pv, 1)), 0.0).ravel()
        d = clamped - joint.ravel()
        dW = X.T @ (d[:, None] * X)
        dW[~self.mask] = 0.0
        return dW, X.T @ d

    def fit_exact(self, p_data: Any, *, maxiter: int = 2000, gtol: float = 1e-10) -> "BoltzmannMachine":
        r"""Minimise :math:`KL(p_{data}\|P_{visible})` with exact gradients (L-BFGS-B); in place.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import BoltzmannMachine
        >>> p = np.array([0.4, 0.1, 0.1, 0.4])
        >>> bm = BoltzmannMachine(np.zeros((2, 2))).fit_exact(p)
        >>> bm.kl_divergence(p) < 1e-10                # one coupling suffices (float64)
        True
        """
        from scipy.optimize import minimize

        p = _check_distribution(p_data, self.n_visible)
        iu = np.triu_indices(self.n, 1)
        free = self.mask[iu]
        m = p > 0
        entropy = float(np.sum(p[m] * np.log(p[m])))

        def unpack(x):
            W = np.zeros((self.n, self.n))
            vals = np.zeros(len(iu[0]))
            vals[free] = x[: free.sum()]
            W[iu] = vals
            self.W = W + W.T
            self.b = x[free.sum() :].copy()

        def fun(x):
            unpack(x)
            kl = entropy - float(np.sum(p[m] * np.log(self.visible_marginal()[m])))
            dW, db = self.exact_gradient(p)
            return kl, -np.concatenate([dW[iu][free], db])

        self.history = []
        x0 = np.concatenate([self.W[iu][free], self.b])
        res = minimize(
            fun,
            x0,
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": maxiter, "gtol": gtol, "ftol": 1e-15},
            callback=lambda x: self.history.append(fun(x)[0]),
        )
        unpack(res.x)
        return self


    def fit_cd(
        self,
        samples: Any,
        *,
        k: int = 1,
        lr: float = 0.05,
        epochs: int = 100,
        batch_size: int = 32,
        seed: int = 0,
    ) -> "BoltzmannMachine":
        r"""Contrastive divergence CD-k with sequential Gibbs sweeps; in place, returns self.

        Positive phase: v clamped to the data, k sweeps over the hidden units from a random start;
        negative phase: k free sweeps over all units from there.  :math:`\Delta W = \eta(\langle
        xx^T\rangle_+ - \langle xx^T\rangle_-)` on the mask, :math:`\Delta b` likewise.
        ``self.history`` receives the exact KL divergence after each epoch (n <= 22).

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import BoltzmannMachine
        >>> data = np.array([[1, 1], [-1, -1]] * 40)
        >>> bm = BoltzmannMachine(np.zeros((3, 3)), n_visible=2, units="spin")
        >>> bm = bm.fit_cd(data, k=1, lr=0.1, epochs=60, seed=0)
        >>> round(bm.history[0], 2), round(bm.history[-1], 2)      # exact KL (nats), epochs 1 and 60
        (0.5, 0.01)
        """
        nv = self.n_visible
        data = _check_samples(samples, nv, self.units)
        lr, rng = _check_cd_options(k, lr, epochs, batch_size, seed)
        binary = self.units == "binary"

        def mean(f):
            return 1.0 / (1.0 + np.exp(-f)) if binary else np.tanh(f)

        def draw(m):
            u = rng.random(m.shape)
            return (u < m).astype(float) if binary else np.where(u < (1 + m) / 2, 1.0, -1.0)

        def sweep(x, units_):
            for i in units_:
                x[:, i] = draw(mean(self.b[i] + x @ self.W[:, i]))

        track = self.n <= _MAX_UNITS and nv <= 16
        p_emp = _empirical_distribution(data) if track else None
        self.history = []
        for _ in range(epochs):
            order = rng.permutation(len(data))
            for start in range(0, len(data), batch_size):
                v0 = data[order[start : start + batch_size]]
                x = np.concatenate([v0, draw(np.zeros((len(v0), self.n - nv)))], axis=1)
                for _ in range(k):
                    sweep(x, range(nv, self.n))
                pos_w, pos_b = x.T @ x / len(x), x.mean(axis=0)
                for _ in range(k):
                    sweep(x, range(self.n))
                dW = pos_w - x.T @ x / len(x)
                dW[~self.mask] = 0.0
                self.W = self.W + lr * dW
                self.b = self.b + lr * (pos_b - x.mean(axis=0))
            if track:
                self.history.append(self.kl_divergence(p_emp))
        return self
