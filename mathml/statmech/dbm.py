r"""Deep Boltzmann machines, exact by enumeration for small sizes.

`DBM` (Salakhutdinov-Hinton 2009): layers :math:`h^{(0)} = v, h^{(1)}, \dots, h^{(L)}`,

.. math:: E = -\sum_k b^{(k)}\cdot h^{(k)} - \sum_{k=0}^{L-1} h^{(k)T} W^{(k)} h^{(k+1)}.

Given the even layers the odd ones are independent, so :math:`Z` and :math:`P(v)` are sums over
the even layers only (the odd ones are summed in closed form, as in an RBM).  Training: exact
gradients (through `BoltzmannMachine` with the layer mask) or CD-k with block-Gibbs sweeps.

Examples
--------
>>> import numpy as np
>>> from mathml.statmech import DBM
>>> dbm = DBM.random([2, 3, 2], seed=0, units="binary")
>>> a = dbm.log_partition_function()
>>> b = dbm.to_boltzmann_machine().log_partition_function()      # all 2^7 states
>>> bool(abs(a - b) < 1e-12)
True
"""

from __future__ import annotations

from numbers import Integral
from typing import Any, Sequence

import numpy as np

from ..core.errors import InvalidInputError, ShapeMismatchError
from .boltzmann import _MAX_UNITS, BoltzmannMachine
from .configs import (_check_cd_options, _check_n, _check_real, _check_samples, _check_seed,
                      _empirical_distribution, check_units, configurations, logsumexp)
from .errors import SizeLimitError
from .rbm import _check_distribution, _finite_array, _float_array, _kl, _logcosh2, softplus

__all__ = ["DBM"]


class DBM:
    r"""A deep Boltzmann machine with layer sizes ``[n_0, n_1, ..., n_L]`` (layer 0 visible).

    Parameters
    ----------
    weights : sequence of arrays
        ``weights[k]`` has shape ``(n_k, n_{k+1})``.
    biases : sequence of arrays, optional
        ``biases[k]`` has shape ``(n_k,)`` (default 0).
    units : {"binary", "spin"}

    Examples
    --------
    >>> from mathml.statmech import DBM
    >>> DBM([[[1.0]], [[0.5, -0.5]]], units="spin")
    DBM(layers=[1, 1, 2], units='spin')
    """

    def __init__(self, weights: Sequence[Any], biases: Sequence[Any] | None = None, *, units: str = "binary"):
        bad = isinstance(weights, (str, bytes, np.ndarray)) or not isinstance(weights, Sequence)
        if bad or len(weights) == 0:
            raise InvalidInputError("weights must be a non-empty list of 2-D arrays, one per pair of layers")
        Ws = []
        for k, w in enumerate(weights):
            w = _float_array(f"weights[{k}]", w)
            if w.ndim != 2 or 0 in w.shape:
                raise InvalidInputError(f"weights[{k}] must be a non-empty 2-D array")
            if Ws and Ws[-1].shape[1] != w.shape[0]:
                raise ShapeMismatchError(
                    f"weights[{k}] has {w.shape[0]} rows but layer {k} has {Ws[-1].shape[1]} units"
                )
            Ws.append(_finite_array(f"weights[{k}]", w, w.shape))
        self.weights = Ws
        self.layers = [Ws[0].shape[0]] + [w.shape[1] for w in Ws]
        if biases is None:
            biases = [np.zeros(n) for n in self.layers]
        if isinstance(biases, (str, bytes)) or not isinstance(biases, (Sequence, np.ndarray)):
            raise InvalidInputError("biases must be a list of 1-D arrays, one per layer")
        if len(biases) != len(self.layers):
            raise ShapeMismatchError(f"need {len(self.layers)} bias vectors, got {len(biases)}")
        self.biases = [
            _finite_array(f"biases[{k}]", b, (n,)) for k, (b, n) in enumerate(zip(biases, self.layers))
        ]
        self.units = check_units(units)

    @classmethod
    def random(
        cls, layers: Sequence[int], *, scale: float = 0.5, seed: int = 0, units: str = "binary"
    ) -> "DBM":
        """A DBM with i.i.d. normal parameters (seeded).

        Examples
        --------
        >>> from mathml.statmech import DBM
        >>> DBM.random([3, 2, 2], seed=1).layers
        [3, 2, 2]
        """
        if (
            not isinstance(layers, Sequence)
            or isinstance(layers, (str, bytes))
            or len(layers) < 2
            or any(isinstance(n, bool) or not isinstance(n, Integral) or n < 1 for n in layers)
        ):
            raise InvalidInputError(f"layers must be at least two positive integers, got {layers!r}")
        if sum(a * b for a, b in zip(layers, layers[1:])) > 10**7:
            raise SizeLimitError(f"layers {list(layers)} need more than 10**7 weights")
        scale = _check_real("scale", scale)
        rng = np.random.default_rng(_check_seed(seed))
        Ws = [scale * rng.standard_normal((layers[k], layers[k + 1])) for k in range(len(layers) - 1)]
        bs = [scale * rng.standard_normal(n) for n in layers]
        return cls(Ws, bs, units=units)

    def __repr__(self) -> str:
        return f"DBM(layers={self.layers}, units={self.units!r})"

    def _repr_latex_(self) -> str:
        return (
            r"$E = -\sum_{k=0}^{%d} b^{(k)}\cdot h^{(k)} - \sum_{k=0}^{%d} h^{(k)T}W^{(k)}h^{(k+1)},\ "
            r"h^{(0)} = v$" % (len(self.layers) - 1, len(self.layers) - 2)
        )

    def to_boltzmann_machine(self) -> BoltzmannMachine:
        """The same model as a `BoltzmannMachine` (block-tridiagonal couplings, visible units first).

        Examples
        --------
        >>> from mathml.statmech import DBM
        >>> DBM.random([2, 3, 1], seed=0).to_boltzmann_machine()
        BoltzmannMachine(n=6, n_visible=2, units='binary')
        """
        n = sum(self.layers)
        W = np.zeros((n, n))
        mask = np.zeros((n, n), dtype=bool)
        off = np.cumsum([0] + self.layers)
        for k, w in enumerate(self.weights):
            sl0, sl1 = slice(off[k], off[k + 1]), slice(off[k + 1], off[k + 2])
            W[sl0, sl1], W[sl1, sl0] = w, w.T
            mask[sl0, sl1] = mask[sl1, sl0] = True
        return BoltzmannMachine(
            W, np.concatenate(self.biases), n_visible=self.layers[0], units=self.units, mask=mask
        )

    @classmethod
    def from_boltzmann_machine(cls, bm: BoltzmannMachine, layers: Sequence[int]) -> "DBM":
        """Read the layer weights back from a block-tridiagonal `BoltzmannMachine`.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import DBM
        >>> dbm = DBM.random([2, 3, 1], seed=0)
        >>> back = DBM.from_boltzmann_machine(dbm.to_boltzmann_machine(), [2, 3, 1])
        >>> all(np.array_equal(a, b) for a, b in zip(back.weights, dbm.weights))
        True
        """
        off = np.cumsum([0] + list(layers))
        if off[-1] != bm.n:
            raise ShapeMismatchError(f"layers {list(layers)} do not add up to the {bm.n} units")
        Ws = [bm.W[off[k] : off[k + 1], off[k + 1] : off[k + 2]] for k in range(len(layers) - 1)]
        bs = [bm.b[off[k] : off[k + 1]] for k in range(len(layers))]
        return cls(Ws, bs, units=bm.units)

    def _phi(self, x: np.ndarray) -> np.ndarray:
        return softplus(x) if self.units == "binary" else _logcosh2(x)

    def _even_log_weights(self, states: list[np.ndarray]) -> np.ndarray:
        """-F(even layers) with the odd layers summed out; states[k] for even k, rows = joint configs."""
        L = len(self.layers)
        out = np.zeros(len(states[0]))
        for k in range(0, L, 2):
            out += states[k] @ self.biases[k]
        for k in range(1, L, 2):
            field = self.biases[k] + states[k - 1] @ self.weights[k - 1]
            if k + 1 < L:
                field = field + states[k + 1] @ self.weights[k].T
            out += np.sum(self._phi(field), axis=1)
        return out

    def _even_log_table(self) -> np.ndarray:
        even = list(range(0, len(self.layers), 2))
        sizes = [self.layers[k] for k in even]
        n = sum(sizes)
        _check_n(n, _MAX_UNITS)
        X = configurations(n, self.units).astype(float)
        states, off = {}, 0
        for k, s in zip(even, sizes):
            states[k] = X[:, off : off + s]
            off += s
        return self._even_log_weights(states).reshape(-1, 2 ** self.layers[0])

    def log_partition_function(self) -> float:
        r""":math:`\ln Z` summing the even layers by enumeration and the odd ones in closed form.

        Examples
        --------
        >>> from mathml.statmech import DBM
        >>> dbm = DBM.random([3, 2, 2], seed=5, units="spin")
        >>> full = dbm.to_boltzmann_machine().log_partition_function()     # all 2^7 states
        >>> bool(abs(dbm.log_partition_function() - full) < 1e-12)
        True
        """
        return float(logsumexp(self._even_log_table()))

    def visible_marginal(self) -> np.ndarray:
        r"""The exact :math:`P(v)` (visible = layer 0) over its :math:`2^{n_0}` states.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import DBM
        >>> dbm = DBM.random([2, 2, 2], seed=1)
        >>> full = dbm.to_boltzmann_machine().visible_marginal()
        >>> bool(np.allclose(dbm.visible_marginal(), full, atol=1e-14))
        True
        """
        t = self._even_log_table()
        return np.exp(logsumexp(t, axis=0) - logsumexp(t))

    def kl_divergence(self, p_data: Any) -> float:
        r"""The exact :math:`KL(p_{data}\|P(v))` in nats.

        Examples
        --------
        >>> from mathml.statmech import DBM
        >>> DBM([[[0.0]], [[0.0]]]).kl_divergence([0.5, 0.5])
        0.0
        """
        p = _check_distribution(p_data, self.layers[0])
        return _kl(p, self.visible_marginal())

    def fit_exact(self, p_data: Any, *, maxiter: int = 2000, gtol: float = 1e-10) -> "DBM":
        """Exact-gradient training (through `BoltzmannMachine.fit_exact` with the layer mask); in place.

        Examples
        --------
        >>> from mathml.statmech import DBM
        >>> p = [0.4, 0.1, 0.1, 0.4]
        >>> DBM.random([2, 2, 1], seed=0).fit_exact(p).kl_divergence(p) < 1e-8       # float64 L-BFGS
        True
        """
        bm = self.to_boltzmann_machine().fit_exact(p_data, maxiter=maxiter, gtol=gtol)
        new = DBM.from_boltzmann_machine(bm, self.layers)
        self.weights, self.biases, self.history = new.weights, new.biases, bm.history
        return self

    # ------------------------------------------------------------ contrastive divergence
    def _mean(self, x: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(-x)) if self.units == "binary" else np.tanh(x)

    def _draw(self, mean: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        if self.units == "binary":
            return (rng.random(mean.shape) < mean).astype(float)
        return np.where(rng.random(mean.shape) < (1 + mean) / 2, 1.0, -1.0)

    def _field(self, x: list[np.ndarray], j: int) -> np.ndarray:
        out = self.biases[j] + (x[j - 1] @ self.weights[j - 1] if j > 0 else 0.0)
        if j + 1 < len(self.layers):
            out = out + x[j + 1] @ self.weights[j].T
        return out

    def _sweep(self, x: list[np.ndarray], rng: np.random.Generator, clamp_visible: bool) -> None:
        """One block-Gibbs sweep: the odd layers given the even ones, then the even ones (layer 0 unless
        clamped) given the odd ones; in place."""
        L = len(self.layers)
        for j in range(1, L, 2):
            x[j] = self._draw(self._mean(self._field(x, j)), rng)
        for j in range(0 if not clamp_visible else 2, L, 2):
            x[j] = self._draw(self._mean(self._field(x, j)), rng)

    def _stats(self, x: list[np.ndarray]) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Pair and unit statistics with the odd layers replaced by their conditional means."""
        L = len(self.layers)
        y = list(x)
        for j in range(1, L, 2):
            y[j] = self._mean(self._field(x, j))
        m = len(x[0])
        return [y[k].T @ y[k + 1] / m for k in range(L - 1)], [y[k].mean(axis=0) for k in range(L)]

    def fit_cd(
        self,
        samples: Any,
        *,
        k: int = 1,
        lr: float = 0.05,
        epochs: int = 100,
        batch_size: int = 32,
        seed: int = 0,
    ) -> "DBM":
        r"""Contrastive divergence CD-k for a DBM; in place, returns self.

        For each mini-batch: the positive phase clamps v to the data and runs k block-Gibbs sweeps of
        the hidden layers (odd layers given even, then even given odd) from a random start; the
        negative phase continues from that state for k free sweeps (layer 0 included).  The update is
        :math:`\Delta W^{(k)} = \eta(\langle h^{(k)}h^{(k+1)T}\rangle_+ - \langle h^{(k)}h^{(k+1)T}\rangle_-)`
        (and the same for the biases), with the odd layers replaced by their conditional means
        (Rao-Blackwellised).  It is a stochastic approximation of the exact gradient of `fit_exact`.
        ``self.history`` receives the exact KL divergence to the empirical distribution after each
        epoch when the even layers have at most 22 units in all.

        Parameters
        ----------
        samples : array_like, shape (n_samples, n_0)
            Visible data in the machine's convention.
        k : int
            Gibbs sweeps per phase.
        lr : float
            Positive learning rate.
        epochs, batch_size : int
        seed : int
            Seed of ``numpy.random.default_rng``.

        Raises
        ------
        InvalidInputError
            For data outside the convention or bad hyper-parameters.

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import DBM
        >>> data = np.array([[1, 1, 1], [-1, -1, -1]] * 40)
        >>> dbm = DBM.random([3, 2, 2], scale=0.1, seed=0, units="spin")
        >>> dbm = dbm.fit_cd(data, k=2, lr=0.2, epochs=80, seed=1)
        >>> round(dbm.history[0], 2), round(dbm.history[-1], 2)   # exact KL (nats) after epochs 1 and 80
        (1.41, 0.06)
        """
        n0 = self.layers[0]
        data = _check_samples(samples, n0, self.units)
        lr, rng = _check_cd_options(k, lr, epochs, batch_size, seed)
        track = n0 <= 16 and sum(self.layers[0::2]) <= _MAX_UNITS
        p_emp = _empirical_distribution(data) if track else None
        self.history = []
        L = len(self.layers)
        for _ in range(epochs):
            order = rng.permutation(len(data))
            for start in range(0, len(data), batch_size):
                v0 = data[order[start : start + batch_size]]
                x = [v0] + [self._draw(np.zeros((len(v0), n)), rng) for n in self.layers[1:]]
                for _ in range(k):
                    self._sweep(x, rng, clamp_visible=True)
                pos_w, pos_b = self._stats(x)
                for _ in range(k):
                    self._sweep(x, rng, clamp_visible=False)
                neg_w, neg_b = self._stats(x)
                for j in range(L - 1):
                    self.weights[j] += lr * (pos_w[j] - neg_w[j])
                for j in range(L):
                    self.biases[j] += lr * (pos_b[j] - neg_b[j])
            if track:
                self.history.append(self.kl_divergence(p_emp))
        return self
