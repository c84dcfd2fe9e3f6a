r"""Restricted Boltzmann machines: exact marginals and partition function by enumeration,
exact-gradient and CD-k training.

Energy (the sign used by Hinton and by Mehta-Schwab, arXiv:1410.3831):

.. math:: E(v, h) = -a\cdot v - b\cdot h - v^T W h,\qquad P(v, h) = e^{-E(v, h)}/Z,

with all units in one convention: ``units="binary"`` (0/1) or ``units="spin"`` (-1/+1).  Jafari's
slide writes :math:`\mathcal E = \sum_i(a_iv_i + b_ih_i) + \sum_{ij}w_{ij}v_ih_j` with plus signs: the
same family with every parameter negated.  Summing out the hidden layer,

.. math:: P(v) = \frac{e^{a\cdot v}}{Z}\prod_j\big(1 + e^{b_j + W_{:j}\cdot v}\big)\ \text{(binary)},\qquad
          P(v) = \frac{e^{a\cdot v}}{Z}\prod_j 2\cosh\big(b_j + W_{:j}\cdot v\big)\ \text{(spin)},

so :math:`\ln Z = \ln\sum_v e^{-F(v)}` with the free energy
:math:`F(v) = -a\cdot v - \sum_j \varphi(b_j + W_{:j}\cdot v)`, :math:`\varphi = \operatorname{softplus}`
or :math:`\ln 2\cosh` (brief ``wave2_statmech.md`` S8).  The enumeration runs over the smaller layer.

Examples
--------
>>> import numpy as np
>>> from mathml.statmech import RBM
>>> rbm = RBM.random(3, 2, seed=0, units="spin")
>>> a = rbm.log_partition_function()
>>> b = rbm.log_partition_function(method="naive")          # double loop over all 2^5 (v, h)
>>> bool(abs(a - b) < 1e-12)
True
>>> round(float(rbm.visible_marginal().sum()), 12)
1.0
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..core.errors import InvalidInputError, ShapeMismatchError
from .errors import SizeLimitError
from .configs import (
    _check_cd_options,
    _check_int,
    _check_n,
    _check_real,
    _check_seed,
    _empirical_distribution,
    check_units,
    config_chunks,
    configurations,
    logsumexp,
)

__all__ = ["RBM", "softplus"]

_MAX_SIDE = 26  # enumeration over the smaller layer
_MAX_TABLE = 22  # full probability tables over one layer
_MAX_PARAMS = 10**7  # random machines and sample arrays (float64 entries)


def softplus(x: Any) -> Any:
    r"""The stable :math:`\ln(1 + e^x)` (float64).

    Examples
    --------
    >>> from mathml.statmech import softplus
    >>> round(float(softplus(0.0)), 15), float(softplus(1000.0))
    (0.693147180559945, 1000.0)
    """
    return np.logaddexp(0.0, _float_array("x", x))


def _logcosh2(x: np.ndarray) -> np.ndarray:
    """ln(2 cosh x), stable."""
    ax = np.abs(x)
    return ax + np.log1p(np.exp(-2 * ax))


def _float_array(name: str, value: Any) -> Any:
    """``np.asarray(value, dtype=float)``, with a clear error for strings and ragged or non-numeric input."""
    if isinstance(value, (str, bytes)):
        raise InvalidInputError(f"{name} must be a real array, not a string")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a real (rectangular, numeric) array") from exc


def _finite_array(name: str, value: Any, shape: tuple[int, ...]) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(f"{name} must be a real array of shape {shape}") from exc
    if arr.shape != shape:
        raise ShapeMismatchError(f"{name} has shape {arr.shape}, expected {shape}")
    if not np.all(np.isfinite(arr)):
        raise InvalidInputError(f"{name} must be finite (no NaN or inf)")
    return arr.copy()


def _check_distribution(p: Any, n: int) -> np.ndarray:
    p = _float_array("p_data", p)
    if p.shape != (2**n,) or np.any(p < 0) or not np.all(np.isfinite(p)) or abs(p.sum() - 1) > 1e-9:
        raise InvalidInputError(
            f"p_data must be a probability vector over the 2**{n} visible states "
            "(non-negative, summing to 1, ordered as configurations())"
        )
    return p


def _kl(p: np.ndarray, q: np.ndarray) -> float:
    """``KL(p || q)`` in nats over the support of ``p`` (``p`` checked by `_check_distribution`)."""
    m = p > 0
    return float(np.sum(p[m] * (np.log(p[m]) - np.log(q[m]))))


class RBM:
    r"""A restricted Boltzmann machine with weights ``W`` (n_visible x n_hidden) and biases ``a``, ``b``.

    Parameters
    ----------
    W : array_like, shape (n_visible, n_hidden)
    a : array_like, shape (n_visible,), optional
        Visible biases (default 0).
    b : array_like, shape (n_hidden,), optional
        Hidden biases (default 0).
    units : {"binary", "spin"}
        0/1 or -1/+1 for every unit.

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        For non-finite parameters, inconsistent shapes or an unknown convention.

    Examples
    --------
    >>> from mathml.statmech import RBM
    >>> RBM([[1.0, -1.0]], units="spin")
    RBM(n_visible=1, n_hidden=2, units='spin')
    """

    def __init__(self, W: Any, a: Any = None, b: Any = None, *, units: str = "binary"):
        W = _float_array("W", W)
        if not isinstance(W, np.ndarray) or W.ndim != 2 or 0 in W.shape:
            raise InvalidInputError("W must be a non-empty 2-D real array (n_visible, n_hidden)")
        self.units = check_units(units)
        self.W = _finite_array("W", W, W.shape)
        nv, nh = W.shape
        self.a = _finite_array("a", np.zeros(nv) if a is None else a, (nv,))
        self.b = _finite_array("b", np.zeros(nh) if b is None else b, (nh,))
        self.history: list[float] = []

    @classmethod
    def random(
        cls, n_visible: int, n_hidden: int, *, scale: float = 0.5, seed: int = 0, units: str = "binary"
    ) -> "RBM":
        """An RBM with i.i.d. normal parameters of standard deviation ``scale`` (seeded).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM.random(4, 3, seed=1).W.shape
        (4, 3)
        """
        n_visible, n_hidden = _check_int("n_visible", n_visible), _check_int("n_hidden", n_hidden)
        if n_visible * n_hidden > _MAX_PARAMS:
            raise SizeLimitError(
                f"an RBM with {n_visible} x {n_hidden} weights exceeds {_MAX_PARAMS} parameters"
            )
        scale = _check_real("scale", scale)
        rng = np.random.default_rng(_check_seed(seed))
        return cls(
            scale * rng.standard_normal((n_visible, n_hidden)),
            scale * rng.standard_normal(n_visible),
            scale * rng.standard_normal(n_hidden),
            units=units,
        )

    @property
    def n_visible(self) -> int:
        return self.W.shape[0]

    @property
    def n_hidden(self) -> int:
        return self.W.shape[1]

    def __repr__(self) -> str:
        return f"RBM(n_visible={self.n_visible}, n_hidden={self.n_hidden}, units={self.units!r})"

    def _repr_latex_(self) -> str:
        vals = r"\{0,1\}" if self.units == "binary" else r"\{-1,+1\}"
        return (
            rf"$E(v, h) = -a\cdot v - b\cdot h - v^T W h,\quad v \in {vals}^{{{self.n_visible}}},\ "
            rf"h \in {vals}^{{{self.n_hidden}}}$"
        )

    # ------------------------------------------------------------ energies
    def _phi(self, x: np.ndarray) -> np.ndarray:
        return softplus(x) if self.units == "binary" else _logcosh2(x)

    def _mean(self, x: np.ndarray) -> np.ndarray:
        """E[unit | input x] for the convention."""
        return 1.0 / (1.0 + np.exp(-x)) if self.units == "binary" else np.tanh(x)

    def _check_layer(self, x: Any, n: int, name: str) -> np.ndarray:
        arr = np.asarray(x)
        allowed = (0, 1) if self.units == "binary" else (-1, 1)
        if arr.shape[-1:] != (n,) or not np.all(np.isin(arr, allowed)):
            raise InvalidInputError(f"{name} must have {n} entries in {set(allowed)} (units={self.units!r})")
        return arr.astype(float)

    def energy(self, v: Any, h: Any) -> Any:
        r"""The joint energy :math:`E(v, h)` (rows of v and h broadcast).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> float(RBM([[2.0]], [0.5], [-1.0]).energy([1], [1]))     # -(0.5 - 1 + 2)
        -1.5
        """
        v = self._check_layer(v, self.n_visible, "v")
        h = self._check_layer(h, self.n_hidden, "h")
        return -(v @ self.a) - (h @ self.b) - np.einsum("...i,ij,...j->...", v, self.W, h)

    def free_energy(self, v: Any) -> Any:
        r"""The visible free energy :math:`F(v) = -\ln\sum_h e^{-E(v, h)}` (module docstring).

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM
        >>> float(RBM([[0.0]], units="spin").free_energy([1]))     # -ln(2 cosh 0)
        -0.6931471805599453
        """
        v = self._check_layer(v, self.n_visible, "v")
        return -(v @ self.a) - np.sum(self._phi(v @ self.W + self.b), axis=-1)

    def hidden_free_energy(self, h: Any) -> Any:
        r"""The hidden free energy :math:`-\ln\sum_v e^{-E(v, h)}` (the RBM's effective hidden Hamiltonian).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> float(RBM([[0.0]], units="spin").hidden_free_energy([1]))     # -ln(2 cosh 0)
        -0.6931471805599453
        """
        h = self._check_layer(h, self.n_hidden, "h")
        return -(h @ self.b) - np.sum(self._phi(h @ self.W.T + self.a), axis=-1)

    def transpose(self) -> "RBM":
        """The same machine with the roles of the layers exchanged.

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM.random(3, 2, seed=0).transpose()
        RBM(n_visible=2, n_hidden=3, units='binary')
        """
        return RBM(self.W.T, self.b, self.a, units=self.units)

    def to_units(self, units: str) -> "RBM":
        r"""The same distribution :math:`P(v, h)` written in the other unit convention.

        With :math:`x = (s + 1)/2` (0/1 from +-1): binary :math:`(W, a, b)` becomes spin
        :math:`(W/4,\ a/2 + W\mathbf 1/4,\ b/2 + W^T\mathbf 1/4)`, and back
        :math:`(4W',\ 2a' - 2W'\mathbf 1,\ 2b' - 2W'^T\mathbf 1)`.  Probabilities of corresponding
        states agree; the energies differ by a constant, so
        :math:`\ln Z_{binary} = \ln Z_{spin} + \tfrac12\mathbf 1\cdot(a + b) + \tfrac14\mathbf 1^TW\mathbf 1`
        (binary parameters on the right).

        Parameters
        ----------
        units : {"binary", "spin"}

        Returns
        -------
        RBM

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM
        >>> rbm = RBM.random(3, 2, seed=4)                      # binary units
        >>> spin = rbm.to_units("spin")
        >>> bool(np.allclose(spin.visible_marginal(), rbm.visible_marginal(), atol=1e-14))   # float64
        True
        >>> back = spin.to_units("binary")
        >>> bool(np.allclose(back.W, rbm.W, atol=1e-14) and np.allclose(back.a, rbm.a, atol=1e-14))
        True
        """
        units = check_units(units)
        if units == self.units:
            return RBM(self.W, self.a, self.b, units=units)
        W, a, b = self.W, self.a, self.b
        if units == "spin":
            return RBM(W / 4, a / 2 + W.sum(axis=1) / 4, b / 2 + W.sum(axis=0) / 4, units="spin")
        return RBM(4 * W, 2 * a - 2 * W.sum(axis=1), 2 * b - 2 * W.sum(axis=0), units="binary")

    # ------------------------------------------------------------ exact enumeration
    def log_partition_function(self, method: str = "enumerate") -> float:
        r""":math:`\ln Z` in float64.

        Parameters
        ----------
        method : {"enumerate", "naive"}
            ``"enumerate"``: vectorised sum of :math:`e^{-F}` over the smaller layer (at most 26 units).
            ``"naive"``: a Python double loop over all :math:`2^{n_v + n_h}` pairs (a baseline and
            an independent check; at most 20 units in total).

        Raises
        ------
        SizeLimitError
            When the chosen enumeration is too large.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM
        >>> rbm = RBM(np.zeros((3, 2)))             # E = 0: Z = 2^5 states
        >>> round(float(np.exp(rbm.log_partition_function())), 9)
        32.0
        """
        if method == "naive":
            return self._naive_log_z()
        if method != "enumerate":
            raise InvalidInputError(f"method must be 'enumerate' or 'naive', got {method!r}")
        if self.n_hidden < self.n_visible:
            return self.transpose().log_partition_function()
        _check_n(self.n_visible, _MAX_SIDE)
        parts = [logsumexp(-self.free_energy(v)) for v in config_chunks(self.n_visible, self.units, 2**14)]
        return float(logsumexp(np.array(parts)))

    def _naive_log_z(self) -> float:
        _check_n(self.n_visible + self.n_hidden, 20)
        vs = configurations(self.n_visible, self.units).astype(float).tolist()
        hs = configurations(self.n_hidden, self.units).astype(float).tolist()
        W, a, b = self.W.tolist(), self.a.tolist(), self.b.tolist()
        terms = []
        for v in vs:
            av = sum(x * y for x, y in zip(a, v))
            for h in hs:
                e = av + sum(x * y for x, y in zip(b, h))
                for i, vi in enumerate(v):
                    if vi:
                        row = W[i]
                        e += vi * sum(row[j] * hj for j, hj in enumerate(h))
                terms.append(e)
        return float(logsumexp(np.array(terms)))

    def visible_marginal(self) -> np.ndarray:
        r"""The exact :math:`P(v)` over all :math:`2^{n_v}` visible states (order of `configurations`).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM([[0.0]]).visible_marginal().tolist()
        [0.5, 0.5]
        """
        _check_n(self.n_visible, _MAX_TABLE)
        logp = -self.free_energy(configurations(self.n_visible, self.units))
        return np.exp(logp - logsumexp(logp))

    def hidden_marginal(self) -> np.ndarray:
        """The exact :math:`P(h)` over all hidden states.

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM([[0.0, 0.0]]).hidden_marginal().tolist()
        [0.25, 0.25, 0.25, 0.25]
        """
        return self.transpose().visible_marginal()

    def log_prob(self, v: Any) -> Any:
        r""":math:`\ln P(v) = -F(v) - \ln Z`.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM, configurations
        >>> rbm = RBM.random(2, 3, seed=2)
        >>> bool(np.allclose(np.exp(rbm.log_prob(configurations(2, "binary"))), rbm.visible_marginal()))
        True
        """
        return -self.free_energy(v) - self.log_partition_function()

    def hidden_given_visible(self, v: Any) -> np.ndarray:
        r""":math:`E[h_j \mid v]` (binary: :math:`P(h_j = 1|v) = \sigma(b_j + W_{:j}\cdot v)`; spin:
        :math:`\tanh`).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM([[0.0, 1.0]]).hidden_given_visible([1]).round(6).tolist()     # sigma(0), sigma(1)
        [0.5, 0.731059]
        """
        v = self._check_layer(v, self.n_visible, "v")
        return self._mean(v @ self.W + self.b)

    def visible_given_hidden(self, h: Any) -> np.ndarray:
        r""":math:`E[v_i \mid h]` (binary: logistic sigmoid, spin: tanh of the field on :math:`v_i`).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM([[2.0]], units="spin").visible_given_hidden([1]).round(6).tolist()      # tanh 2
        [0.964028]
        """
        h = self._check_layer(h, self.n_hidden, "h")
        return self._mean(h @ self.W.T + self.a)

    def kl_divergence(self, p_data: Any) -> float:
        r"""The exact :math:`KL(p_{data}\,\|\,P) = \sum_v p_{data}(v)\ln(p_{data}(v)/P(v))` (natural log).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM([[0.0]]).kl_divergence([0.5, 0.5])
        0.0
        """
        p = _check_distribution(p_data, self.n_visible)
        return _kl(p, self.visible_marginal())

    # ------------------------------------------------------------ sampling and training
    def _sample(self, mean: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        if self.units == "binary":
            return (rng.random(mean.shape) < mean).astype(float)
        return np.where(rng.random(mean.shape) < (1 + mean) / 2, 1.0, -1.0)

    def sample(self, n: int, *, k: int = 100, seed: int = 0) -> np.ndarray:
        """``n`` visible samples after ``k`` block-Gibbs sweeps from uniform random starts (seeded).

        Examples
        --------
        >>> from mathml.statmech import RBM
        >>> RBM.random(3, 2, seed=0).sample(4, seed=1).shape
        (4, 3)
        """
        n, k = _check_int("n", n), _check_int("k", k, 0)
        if n * (self.n_visible + self.n_hidden) > _MAX_PARAMS:
            raise SizeLimitError(f"{n} samples of {self.n_visible + self.n_hidden} units exceed {_MAX_PARAMS} entries")
        rng = np.random.default_rng(_check_seed(seed))
        v = self._sample(np.full((n, self.n_visible), 0.5 if self.units == "binary" else 0.0), rng)
        for _ in range(k):
            h = self._sample(self._mean(v @ self.W + self.b), rng)
            v = self._sample(self._mean(h @ self.W.T + self.a), rng)
        return v

    def exact_gradient(self, p_data: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        r"""The exact gradient of the mean log-likelihood :math:`\sum_v p_{data}(v)\ln P(v)` in (W, a, b).

        :math:`\partial_W = \langle v\,E[h|v]^T\rangle_{data} - \langle v\,E[h|v]^T\rangle_{model}`,
        both expectations by enumeration of the visible states.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM
        >>> rbm = RBM.random(2, 2, seed=0)
        >>> dW, da, db = rbm.exact_gradient(rbm.visible_marginal())    # data = model: zero gradient
        >>> bool(max(np.abs(dW).max(), np.abs(da).max(), np.abs(db).max()) < 1e-15)
        True
        """
        p = _check_distribution(p_data, self.n_visible)
        V = configurations(self.n_visible, self.units).astype(float)
        q = self.visible_marginal()
        H = self._mean(V @ self.W + self.b)
        d = p - q
        return V.T @ (d[:, None] * H), V.T @ d, H.T @ d

    def _pack(self) -> np.ndarray:
        return np.concatenate([self.W.ravel(), self.a, self.b])

    def _unpack(self, x: np.ndarray) -> None:
        nv, nh = self.W.shape
        self.W = x[: nv * nh].reshape(nv, nh).copy()
        self.a = x[nv * nh : nv * nh + nv].copy()
        self.b = x[nv * nh + nv :].copy()

    def fit_exact(
        self, p_data: Any, *, maxiter: int = 2000, gtol: float = 1e-10, kl_target: float | None = None
    ) -> "RBM":
        r"""Minimise :math:`KL(p_{data}\|P)` with exact gradients (scipy L-BFGS-B); in place, returns self.

        ``self.history`` receives the KL divergence after each iteration; training stops early once
        it is at most ``kl_target`` (when given).

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM
        >>> p = np.array([0.4, 0.1, 0.1, 0.4])       # two correlated bits
        >>> rbm = RBM.random(2, 2, seed=0).fit_exact(p)
        >>> rbm.kl_divergence(p) < 1e-8                # float64 L-BFGS, 1e-8 tolerance
        True
        """
        from scipy.optimize import minimize

        p = _check_distribution(p_data, self.n_visible)
        _check_n(self.n_visible, _MAX_TABLE)
        maxiter = _check_int("maxiter", maxiter)
        gtol = _check_real("gtol", gtol)
        if kl_target is not None:
            kl_target = _check_real("kl_target", kl_target)
        mask = p > 0
        entropy = float(np.sum(p[mask] * np.log(p[mask])))
        V = configurations(self.n_visible, self.units).astype(float)
        last = {}

        def fun(x):
            self._unpack(x)
            pre = V @ self.W + self.b
            logw = V @ self.a + np.sum(self._phi(pre), axis=1)
            logq = logw - logsumexp(logw)
            q = np.exp(logq)
            kl = entropy - float(np.sum(p[mask] * logq[mask]))
            d = p - q
            H = self._mean(pre)
            grad = np.concatenate([(V.T @ (d[:, None] * H)).ravel(), V.T @ d, H.T @ d])
            last["kl"] = kl
            return kl, -grad

        def callback(intermediate_result):
            self.history.append(float(intermediate_result.fun))
            if kl_target is not None and intermediate_result.fun <= kl_target:
                raise StopIteration

        self.history = []
        res = minimize(
            fun,
            self._pack(),
            jac=True,
            method="L-BFGS-B",
            options={"maxiter": maxiter, "gtol": gtol, "ftol": 1e-15},
            callback=callback,
        )
        self._unpack(res.x)
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
    ) -> "RBM":
        r"""Contrastive divergence CD-k (Hinton 2002) on data samples; in place, returns self.

        Each mini-batch update is :math:`\Delta W = \eta(\langle v_0 E[h|v_0]^T\rangle -
        \langle v_k E[h|v_k]^T\rangle)`, with :math:`v_k` after k block-Gibbs sweeps started at the
        data.  ``self.history`` receives the exact KL divergence to the empirical distribution after
        each epoch when :math:`n_v \le 16`.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import RBM
        >>> data = np.array([[1, 1], [0, 0]] * 50)
        >>> rbm = RBM.random(2, 3, seed=0).fit_cd(data, k=1, lr=0.3, epochs=200, seed=1)
        >>> round(rbm.history[0], 2), round(rbm.history[-1], 2)   # exact KL (nats) after epochs 1 and 200
        (0.72, 0.1)
        """
        data = self._check_layer(samples, self.n_visible, "samples")
        if data.ndim != 2 or len(data) == 0:
            raise InvalidInputError("samples must be a non-empty 2-D array (n_samples, n_visible)")
        lr, rng = _check_cd_options(k, lr, epochs, batch_size, seed)
        p_emp = _empirical_distribution(data) if self.n_visible <= 16 else None
        self.history = []
        for _ in range(epochs):
            order = rng.permutation(len(data))
            for start in range(0, len(data), batch_size):
                v0 = data[order[start : start + batch_size]]
                h0 = self._mean(v0 @ self.W + self.b)
                vk = v0
                for _ in range(k):
                    hk = self._sample(self._mean(vk @ self.W + self.b), rng)
                    vk = self._sample(self._mean(hk @ self.W.T + self.a), rng)
                hk = self._mean(vk @ self.W + self.b)
                m = len(v0)
                self.W += lr * (v0.T @ h0 - vk.T @ hk) / m
                self.a += lr * (v0 - vk).mean(axis=0)
                self.b += lr * (h0 - hk).mean(axis=0)
            if p_emp is not None:
                self.history.append(self.kl_divergence(p_emp))
        return self
