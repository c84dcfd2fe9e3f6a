r"""Linear pieces of one-dimensional ReLU networks, exactly, and the region-count bounds.

A network is the one ReLU type `mathml.core.relu.ReluNetwork` (column convention
``x_{n+1} = W_n x_n + b_n``) or, the older format converted at the boundary, a list of layers
``(W, b)``; hidden layers apply ReLU, the last layer is linear.  :func:`relu_pieces` tracks the
knots of every unit in exact rationals, so the count is exact (no sampling).  Telgarsky's sawtooth
(arXiv:1509.08101) composes the tent :math:`2\sigma(x) - 4\sigma(x - 1/2)` and has :math:`2^L`
pieces on [0, 1].
"""
from __future__ import annotations

from fractions import Fraction
from math import comb, prod
from typing import Sequence

from ..core.errors import InvalidInputError
from ..core.relu import ReluNetwork
from .inner import to_fraction

__all__ = ["sawtooth", "relu_pieces", "montufar_lower_bound", "serra_upper_bound"]


def sawtooth(depth: int) -> list[tuple[list[list[Fraction]], list[Fraction]]]:
    r"""Telgarsky's width-2 ReLU network computing the ``depth``-fold tent map on [0, 1].

    Parameters
    ----------
    depth : int
        Number of tent maps composed (positive).

    Returns
    -------
    list of (W, b)
        Exact layers; ``ReluNetwork.from_layers(sawtooth(depth))`` gives the shared network type.

    Examples
    --------
    >>> relu_pieces(sawtooth(3))
    8
    """
    if isinstance(depth, bool) or not isinstance(depth, int) or depth < 1:
        raise InvalidInputError(f"depth must be a positive integer, got {depth!r}")
    half = Fraction(1, 2)
    layers = [([[Fraction(1)], [Fraction(1)]], [Fraction(0), -half])]
    for _ in range(depth - 1):
        layers.append(([[Fraction(2), Fraction(-4)], [Fraction(2), Fraction(-4)]], [Fraction(0), -half]))
    layers.append(([[Fraction(2), Fraction(-4)]], [Fraction(0)]))
    return layers


def _layer(layer, width_in: int):
    try:
        W, b = layer
        W = [[to_fraction(w) for w in row] for row in W]
        b = [to_fraction(v) for v in b]
    except (TypeError, ValueError):
        raise InvalidInputError("each layer must be a pair (W, b) of a weight matrix and a bias "
                                "vector") from None
    if len(W) != len(b) or any(len(row) != width_in for row in W):
        raise InvalidInputError(f"layer shapes do not chain: expected W with {width_in} columns and len(b) "
                                "= rows")
    return W, b


def relu_pieces(net: Sequence | ReluNetwork, interval=(0, 1)) -> int:
    """Exact number of maximal linear pieces of a 1-D-input, 1-D-output ReLU network on
    ``interval`` (collinear neighbouring segments are merged).

    Parameters
    ----------
    net : ReluNetwork or list of ``(W, b)`` layers
        Float weights are read as the exact rationals they denote (`to_fraction`).
    interval : (low, high)

    Returns
    -------
    int

    Raises
    ------
    InvalidInputError
        Shapes that do not chain, more than one output, or an empty interval.

    Examples
    --------
    >>> relu_pieces([([[1], [1], [1]], [0, -1/4, -1/2]), ([[1, -2, 2]], [0])])
    3
    >>> from mathml.core.relu import ReluNetwork
    >>> relu_pieces(ReluNetwork.from_layers(sawtooth(4)))
    16
    """
    if isinstance(net, ReluNetwork):
        net = net.to_layers()
    try:
        lo, hi = (to_fraction(v) for v in interval)
    except (TypeError, ValueError):
        raise InvalidInputError(f"interval must be a pair (low, high), got {interval!r}") from None
    if not lo < hi:
        raise InvalidInputError(f"interval must satisfy low < high, got {interval!r}")
    if len(net) < 1:
        raise InvalidInputError("the network needs at least one layer")
    knots = [lo, hi]
    vals = [[lo, hi]]  # values of each unit at the knots
    for li, layer in enumerate(net):
        W, b = _layer(layer, len(vals))
        pre = [[sum(w * u[t] for w, u in zip(row, vals)) + bias for t in range(len(knots))]
               for row, bias in zip(W, b)]
        if li == len(net) - 1:
            vals = pre
            break
        # insert the zero crossings of every unit, interpolating all units there
        new_knots = [knots[0]]
        new_pre = [[p[0]] for p in pre]
        for t in range(len(knots) - 1):
            x0, x1 = knots[t], knots[t + 1]
            cross = set()
            for p in pre:
                if (p[t] < 0 < p[t + 1]) or (p[t] > 0 > p[t + 1]):
                    cross.add(x0 + (x1 - x0) * p[t] / (p[t] - p[t + 1]))
            for c in sorted(cross):
                s = (c - x0) / (x1 - x0)
                new_knots.append(c)
                for p, q in zip(pre, new_pre):
                    q.append(p[t] + s * (p[t + 1] - p[t]))
            new_knots.append(x1)
            for p, q in zip(pre, new_pre):
                q.append(p[t + 1])
        knots = new_knots
        vals = [[max(v, Fraction(0)) for v in q] for q in new_pre]
    if len(vals) != 1:
        raise InvalidInputError(f"the last layer must have one output, got {len(vals)}")
    out = vals[0]
    slopes = [(out[t + 1] - out[t]) / (knots[t + 1] - knots[t]) for t in range(len(knots) - 1)]
    return 1 + sum(1 for s0, s1 in zip(slopes, slopes[1:]) if s0 != s1)


def _widths(widths: Sequence[int]) -> list[int]:
    ws = list(widths)
    if len(ws) < 2 or any(isinstance(w, bool) or not isinstance(w, int) or w < 1 for w in ws):
        raise InvalidInputError(f"widths must be [n_0, n_1, ..., n_L] of positive integers, got {widths!r}")
    return ws


def montufar_lower_bound(widths: Sequence[int]) -> int:
    r"""Montúfar et al. (2014): a ReLU net with input dimension :math:`n_0` and hidden widths
    :math:`n_1..n_L` can have at least :math:`\prod_{i<L}\lfloor n_i/n_0\rfloor^{n_0}
    \sum_{j\le n_0}\binom{n_L}{j}` linear regions.

    Parameters
    ----------
    widths : Sequence[int]
        [n_0, n_1, ..., n_L]: input width and hidden widths.

    Returns
    -------
    int
        Montúfar et al.

    Examples
    --------
    >>> montufar_lower_bound([1, 2, 2, 2])
    12
    """
    ws = _widths(widths)
    n0, hidden = ws[0], ws[1:]
    return prod((h // n0) ** n0 for h in hidden[:-1]) * sum(comb(hidden[-1], j) for j in range(n0 + 1))


def serra_upper_bound(widths: Sequence[int]) -> int:
    r"""Serra, Tjandraatmadja & Ramalingam (2018), Theorem 1: at most
    :math:`\sum_{(j_l)\in J}\prod_l\binom{n_l}{j_l}` regions, with
    :math:`0\le j_l\le\min(n_0, n_1 - j_1, \dots, n_{l-1} - j_{l-1}, n_l)`.

    Parameters
    ----------
    widths : Sequence[int]
        [n_0, n_1, ..., n_L]: input width and hidden widths.

    Returns
    -------
    int
        Serra, Tjandraatmadja & Ramalingam (2018), Theorem 1: at most :math:`\sum_{(j_l)\in
        J}\prod_l\binom{n_l}{j_l}` regions, with :math:`0\le ...

    Examples
    --------
    >>> serra_upper_bound([1, 2, 2, 2]), serra_upper_bound([1, 5])
    (27, 6)
    """
    ws = _widths(widths)
    n0, hidden = ws[0], ws[1:]
    # dynamic programme over the running cap d_l = min(n_0, n_1 - j_1, ..., n_{l-1} - j_{l-1})
    states = {n0: 1}
    for nl in hidden:
        nxt: dict[int, int] = {}
        for cap, count in states.items():
            for j in range(min(cap, nl) + 1):
                key = min(cap, nl - j)
                nxt[key] = nxt.get(key, 0) + count * comb(nl, j)
        states = nxt
    return sum(states.values())
