r"""Learning the metric function h(eta) (and couplings in V) of a `BulkNetwork` from labelled data.

The loss is the paper's (arXiv 1802.08313): mean :math:`|t(F) - y|` with the smoothed bump `bump`
(y = 0 for positive data, :math:`|F| < \epsilon`) plus the smoothness penalty
:math:`c\sum_{n\ge1}\eta_{n-1}^4(h_n - h_{n-1})^2`.  Gradients are exact (reverse mode through the
layers, written out by hand) and the optimiser is scipy's L-BFGS-B.  Because the bump with
:math:`\delta = 0.01` is flat almost everywhere, training anneals :math:`\delta` from wide to narrow.

Examples
--------
>>> import sympy as sp
>>> from mathml.hamiltonian.bulk import BulkNetwork, ads_schwarzschild_h, PHI
>>> lam = sp.Symbol('lambda')
>>> truth = BulkNetwork(3, -1, lam*PHI**4/4, ads_schwarzschild_h(3), 1, 0.1, 10, params={lam: 1.0})
>>> phi, pi, y = bulk_data(truth, 50, 50, seed=0)
>>> phi.shape, int(y.sum())
((100,), 50)
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping, Sequence

import numpy as np
import scipy.optimize
import sympy as sp

from mathml.core.errors import InvalidInputError, ShapeMismatchError
from mathml.core.progress import progress_bar
from mathml.core.latex import latex as _latex

from .bulk import PHI, BulkNetwork, _bump_grad, bump

__all__ = ["bulk_data", "loss_and_gradient", "fit_metric", "MetricFit"]


def bulk_data(network: BulkNetwork, n_pos: int, n_neg: int, *, seed: int = 0,
              box: tuple = ((0.0, 1.5), (-0.2, 0.2)), eps: float = 0.1,
              batch: int = 200_000, max_batches: int = 200):
    """Seeded labelled boundary data: uniform points in ``box``, y = 0 if ``|F| < eps`` else 1.

    Returns ``(phi, pi, y)`` with ``n_pos`` positives followed by ``n_neg`` negatives.

    Parameters
    ----------
    network : BulkNetwork
        The network.
    n_pos : int
        Number of positive samples.
    n_neg : int
        Number of negative samples.
    seed : int, optional
        Seed of numpy.random.default_rng.
    box : tuple, optional
        Sampling box ((phi_lo, phi_hi), (pi_lo, pi_hi)).
    eps : float, optional
        Threshold |F| < eps for a positive label.
    batch : int, optional
        Points drawn per batch.
    max_batches : int, optional
        Give up after this many batches.
    """
    if n_pos < 0 or n_neg < 0:
        raise InvalidInputError("n_pos and n_neg must be non-negative")
    rng = np.random.default_rng(seed)
    pos, neg = [], []
    npos = nneg = 0
    for _ in range(max_batches):
        x = rng.uniform(*box[0], batch)
        v = rng.uniform(*box[1], batch)
        good = np.abs(network.forward(x, v)) < eps
        pos.append(np.stack([x[good], v[good]]))
        neg.append(np.stack([x[~good], v[~good]]))
        npos += int(good.sum())
        nneg += int((~good).sum())
        if npos >= n_pos and nneg >= n_neg:
            break
    else:
        raise InvalidInputError(f"found only {npos} positives in {max_batches} batches; widen the box or eps")
    P = np.concatenate(pos, axis=1)[:, :n_pos]
    N = np.concatenate(neg, axis=1)[:, :n_neg]
    X = np.concatenate([P, N], axis=1)
    y = np.concatenate([np.zeros(n_pos), np.ones(n_neg)])
    return X[0], X[1], y


@dataclass(frozen=True)
class _Model:
    m2: float
    step: float
    eta_fin: float
    etas: np.ndarray
    dV: Any
    d2V: Any
    dVdth: tuple
    out_pi: float = 0.0
    out_phi: float = 0.0
    out_dV: float = 0.0


def _model(network: BulkNetwork, trainable: Sequence[sp.Symbol]) -> _Model:
    V, ph = network.V, network.phi
    fixed = {k: v for k, v in network.params.items() if k not in trainable}
    args = (ph,) + tuple(trainable)
    dV = sp.diff(V, ph).subs(fixed)
    lam = lambda e: sp.lambdify(args, e + 0 * ph, "numpy")  # noqa: E731  (0*ph: broadcast constants)
    # horizon output F = 2 pi / eta_fin - m2 phi - V'(phi)
    return _Model(float(network.m2), network.step, float(network.eta_fin), network.etas,
                  lam(dV), lam(sp.diff(dV, ph)), tuple(lam(sp.diff(dV, t)) for t in trainable),
                  2.0 / float(network.eta_fin), -float(network.m2), -1.0)


def loss_and_gradient(model: _Model, h: np.ndarray, theta: np.ndarray, phi0, pi0, y, *,
                      eps: float, delta: float, reg: float) -> tuple[float, np.ndarray, np.ndarray]:
    """Loss and its exact gradient with respect to (h, theta), by reverse mode through the layers.

    Parameters
    ----------
    model : _Model
        The internal network model (from a BulkNetwork or FrictionNetwork).
    h : numpy.ndarray
        Metric function value(s) h.
    theta : numpy.ndarray
        Flat parameter vector.
    phi0 : object
        Boundary values phi of the samples.
    pi0 : object
        Boundary values pi of the samples.
    y : object
        Labels (0 positive, 1 negative).
    eps : float
        Threshold |F| < eps for a positive label.
    delta : float
        Width of the smoothed indicator.
    reg : float
        Weight of the smoothness penalty.

    Returns
    -------
    tuple[float, numpy.ndarray, numpy.ndarray]
        Loss and its exact gradient with respect to (h, theta), by reverse mode through the layers.
    """
    s, m2 = model.step, model.m2
    M = len(y)
    phis, pis = [phi0], [pi0]
    phi, pi = phi0, pi0
    for n in range(len(h)):
        phi, pi = phi + s * pi, pi - s * (h[n] * pi - m2 * phi - model.dV(phi, *theta))
        phis.append(phi)
        pis.append(pi)
    F = model.out_pi * pi + model.out_phi * phi + model.out_dV * model.dV(phi, *theta)
    t = bump(F, eps, delta)
    data = float(np.mean(np.abs(t - y)))
    gF = np.where(y < 0.5, 1.0, -1.0) * _bump_grad(F, eps, delta) / M
    a_phi = gF * (model.out_phi + model.out_dV * model.d2V(phi, *theta))
    a_pi = gF * model.out_pi
    g_th = np.array([np.sum(model.out_dV * gF * d(phi, *theta)) for d in model.dVdth])
    g_h = np.zeros(len(h))
    for n in range(len(h) - 1, -1, -1):
        phn, pin = phis[n], pis[n]
        g_h[n] = np.sum(a_pi * (-s * pin))
        g_th = g_th + np.array([np.sum(a_pi * s * d(phn, *theta)) for d in model.dVdth])
        a_phi, a_pi = a_phi + a_pi * s * (m2 + model.d2V(phn, *theta)), a_phi * s + a_pi * (1 - s * h[n])
    w = model.etas[:-1] ** 4
    dh = np.diff(h)
    pen = float(np.sum(w * dh**2))
    g_pen = np.zeros(len(h))
    g_pen[1:] += 2 * w * dh
    g_pen[:-1] -= 2 * w * dh
    return data + reg * pen, g_h + reg * g_pen, g_th


def _train(model: _Model, h, theta, data, *, eps, deltas, reg, maxiter, progress=None):
    """L-BFGS-B on the bump loss, annealing the bump width through ``deltas``."""
    phi0, pi0, y = data
    k = len(h)
    history = []
    bar = progress_bar(len(deltas), desc="fit_metric", enabled=progress)
    for delta in deltas:
        def fun(x, delta=delta):
            L, gh, gt = loss_and_gradient(model, x[:k], x[k:], phi0, pi0, y, eps=eps, delta=delta, reg=reg)
            return L, np.concatenate([gh, gt])
        res = scipy.optimize.minimize(fun, np.concatenate([h, theta]), jac=True, method="L-BFGS-B",
                                      options={"maxiter": maxiter})
        h, theta = res.x[:k], res.x[k:]
        history.append((delta, float(res.fun)))
        bar.update(1)
    bar.close()
    return h, theta, tuple(history)


@dataclass(frozen=True, eq=False)   # array fields: identity equality
class MetricFit:
    """Result of `fit_metric`: learned h per layer, learned parameters, the loss and the network.

    Parameters
    ----------
    h : numpy.ndarray
        Learned h per layer.
    params : dict
        Learned potential parameters.
    loss : float
        Final loss.
    accuracy : float
        Training accuracy.
    network : BulkNetwork
        The fitted network.
    history : tuple
        (delta, loss) per stage.
    """

    h: np.ndarray
    params: Mapping
    loss: float
    accuracy: float
    network: BulkNetwork
    history: tuple = field(default=())

    def compare(self, h_ref) -> np.ndarray:
        """Per-layer difference ``h - h_ref`` (h_ref: an expression in eta or an array)."""
        ref = BulkNetwork(self.network.d, self.network.m2, self.network.V, h_ref, self.network.eta_ini,
                          self.network.eta_fin, self.network.layers, phi=self.network.phi,
                          params=self.network.params).h_values
        return self.h - ref

    def _repr_latex_(self) -> str:
        hs = ", ".join(f"{x:.3f}" for x in self.h)
        ps = ", ".join(f"{_latex(k)} = {v:.4f}" for k, v in self.params.items())
        return rf"$h = ({hs}),\ {ps},\ \text{{loss}} = {self.loss:.4g}$"


def fit_metric(data, *, d: int = 3, m2: float = -1.0, V: sp.Expr | None = None,
               params0: Mapping | None = None, eta_ini: float = 1.0, eta_fin: float = 0.1,
               layers: int = 10, h0=None, seed: int = 0, reg: float = 0.01, eps: float = 0.1,
               deltas: Sequence[float] = (1.0, 0.3, 0.1, 0.03, 0.01), maxiter: int = 300,
               phi: sp.Symbol = PHI, progress: bool | None = None) -> MetricFit:
    r"""Train h at the layers (and the parameters of V in ``params0``) on labelled boundary data.

    Parameters
    ----------
    data : tuple (phi, pi, y)
        Boundary values and labels (0 positive, 1 negative), e.g. from `bulk_data`.
    V : sympy Expr, optional
        Default ``lambda*phi**4/4`` with trainable ``lambda``.
    params0 : mapping Symbol -> float
        Trainable parameters of V and their starting values (default ``{lambda: 0.5}``).
    h0 : array, optional
        Starting h; default seeded ``N(d, 1)`` per layer.
    deltas : sequence of float
        Bump widths, annealed from the first to the last (the paper's width is 0.01).
    progress : bool or None
        A progress bar over the annealing stages (None: only in a terminal or notebook).

    Returns
    -------
    MetricFit
        Train h at the layers (and the parameters of V in ``params0``) on labelled boundary data.
    """
    phi0, pi0, y = (np.asarray(a, dtype=float).ravel() for a in data)
    if not (phi0.shape == pi0.shape == y.shape):
        raise ShapeMismatchError(f"phi, pi and labels must have equal length, got "
                                 f"{phi0.shape}, {pi0.shape}, {y.shape}")
    if not np.all((y == 0) | (y == 1)):
        raise InvalidInputError("labels must be 0 (positive, |F| < eps) or 1 (negative)")
    if V is None:
        lam = sp.Symbol("lambda")
        V = lam * phi**4 / 4
        params0 = {lam: 0.5} if params0 is None else params0
    params0 = dict(params0 or {})
    trainable = tuple(params0)
    rng = np.random.default_rng(seed)
    h = np.asarray(h0, dtype=float).copy() if h0 is not None else rng.normal(d, 1.0, layers)
    if h.shape != (layers,):
        raise ShapeMismatchError(f"h0 has shape {h.shape}, expected ({layers},)")
    net = BulkNetwork(d, m2, V, h, eta_ini, eta_fin, layers, phi=phi, params=params0)
    model = _model(net, trainable)
    theta = np.array([float(params0[t]) for t in trainable])
    h, theta, history = _train(model, h, theta, (phi0, pi0, y), eps=eps, deltas=deltas, reg=reg,
                               maxiter=maxiter, progress=progress)
    params = dict(zip(trainable, map(float, theta)))
    final = BulkNetwork(d, m2, V, h, eta_ini, eta_fin, layers, phi=phi, params=params)
    F = final.forward(phi0, pi0)
    acc = float(np.mean((np.abs(F) < eps) == (y < 0.5)))
    loss = final.loss(phi0, pi0, y, eps=eps, delta=deltas[-1], reg=reg)
    return MetricFit(h, params, loss, acc, final, history)
