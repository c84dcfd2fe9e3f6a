r"""One ReLU network type for every family: `ReluNetwork`.

Convention (DESIGN, "Conventions"): column vectors, layer ``n`` maps
:math:`x_{n+1} = W_n x_n + b_n`, ReLU after every layer but the last:

.. math:: F(x) = W_{L-1}\,\sigma(\cdots\sigma(W_0 x + b_0)\cdots) + b_{L-1},\qquad \sigma(z) = \max(z, 0).

Parameters are ordered ``W_0, b_0, W_1, b_1, ...`` with each ``W`` flattened row-major (this
is the order of `parameter_jacobian` and `flat_parameters`).  A batch of inputs is passed as
the *rows* of a ``(N, d_in)`` array and gives the rows of a ``(N, d_out)`` array.

Exact in, exact out: when every weight and bias is an exact rational (int, `fractions.Fraction`,
sympy Rational, python-flint fmpz/fmpq) the network is exact, its arithmetic is done in
rationals, and exact inputs give sympy results; a Jacobian at rational inputs is a rational
matrix whose rank `mathml.core.rank.exact_rank` decides.  Any float entry makes the network
floating point (numpy float64 throughout, float outputs).

The older formats convert at the boundary: `from_layers` (a list of ``(W, b)`` pairs, as in
`mathml.kolmogorov.relu_pieces`), `from_flat` (the tuple ``(W1, b1, W2, b2, ...)`` of
`mathml.orbits`), and the ``(weights, biases)`` lists of `mathml.gauge` are the constructor.

Examples
--------
>>> from fractions import Fraction
>>> from mathml.core.relu import ReluNetwork
>>> net = ReluNetwork([[[1], [1]], [[1, -2]]], [[0, Fraction(-1, 2)], [0]])   # the tent map on [0, 1]
>>> net.widths, net.parameter_count, net.exact
((1, 2, 1), 7, True)
>>> net.forward([Fraction(1, 4)]), net.forward([Fraction(3, 4)])
(Matrix([[1/4]]), Matrix([[1/4]]))
>>> net.forward([0.75])
array([0.25])
"""
from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from numbers import Integral
from typing import Any

import numpy as np
import sympy as sp

from .errors import InvalidInputError, ShapeMismatchError

__all__ = ["ReluNetwork", "as_relu_network"]


def _rational(v: Any) -> Fraction | None:
    """The exact rational value of ``v``, or None when ``v`` is a float; raises for anything else."""
    if isinstance(v, bool):
        raise InvalidInputError("a bool is not a weight; pass 0/1 as numbers")
    if isinstance(v, (Integral, np.integer)):
        return Fraction(int(v))
    if isinstance(v, Fraction):
        return v
    if isinstance(v, (float, np.floating)):
        if not np.isfinite(v):
            raise InvalidInputError(f"weights and inputs must be finite, got {v!r}")
        return None
    if isinstance(v, sp.Basic):
        if v.is_Rational:
            return Fraction(int(v.p), int(v.q))
        if isinstance(v, sp.Float):
            if not v.is_finite:
                raise InvalidInputError(f"weights and inputs must be finite, got {v!r}")
            return None
        raise InvalidInputError(
            f"ReluNetwork entries must be rational or floating-point numbers, got {v!r}: exact entries are "
            "int, Fraction, sympy Rational, flint fmpz/fmpq; anything else (sqrt(2), symbols) is refused")
    mod = type(v).__module__ or ""
    if mod.startswith("flint") and type(v).__name__ in ("fmpz", "fmpq"):
        return Fraction(int(v.p), int(v.q)) if type(v).__name__ == "fmpq" else Fraction(int(v))
    if isinstance(v, (str, bytes)):
        raise InvalidInputError(f"got the string {v!r} where a number is expected (strings are never parsed)")
    raise InvalidInputError(f"expected a number, got {type(v).__name__}: {v!r}")


def _rows(M: Any, what: str) -> list[list[Any]]:
    if isinstance(M, sp.MatrixBase):
        return sp.Matrix(M).tolist()
    if (type(M).__module__ or "").startswith("flint") and type(M).__name__ in ("fmpz_mat", "fmpq_mat"):
        return [[M[i, j] for j in range(M.ncols())] for i in range(M.nrows())]
    if isinstance(M, (str, bytes)):
        raise InvalidInputError(f"{what} must be a matrix, got a string")
    arr = np.asarray(M, dtype=object)
    if arr.ndim != 2:
        raise ShapeMismatchError(f"{what} must be a 2-d matrix, got shape {arr.shape}")
    return arr.tolist()


def _vector(v: Any, what: str) -> list[Any]:
    if isinstance(v, sp.MatrixBase):
        if 1 not in v.shape:
            raise ShapeMismatchError(f"{what} must be a vector, got shape {v.shape}")
        return list(v)
    if isinstance(v, (str, bytes)):
        raise InvalidInputError(f"{what} must be a vector, got a string")
    arr = np.asarray(v, dtype=object)
    if arr.ndim == 2 and 1 in arr.shape:
        arr = arr.ravel()
    if arr.ndim != 1:
        raise ShapeMismatchError(f"{what} must be a 1-d vector, got shape {arr.shape}")
    return arr.tolist()


class ReluNetwork:
    r"""A fully connected ReLU network :math:`x_{n+1} = W_n x_n + b_n`, ReLU on hidden layers.

    Parameters
    ----------
    weights : sequence of matrices
        ``W_0, ..., W_{L-1}``; ``W_n`` has shape ``(d_{n+1}, d_n)`` (numpy arrays, nested lists,
        sympy or python-flint matrices).
    biases : sequence of vectors
        ``b_0, ..., b_{L-1}``; ``b_n`` has ``d_{n+1}`` entries.

    Attributes
    ----------
    weights, biases : tuple
        sympy Matrices (exact network) or numpy float arrays (float network); biases are
        column vectors ``(d, 1)`` when exact and 1-d arrays when float.
    exact : bool
        True when every entry is rational.

    Raises
    ------
    InvalidInputError, ShapeMismatchError
        Empty network, shapes that do not chain, non-numeric or non-finite entries.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> net = ReluNetwork([rng.normal(size=(5, 3)), rng.normal(size=(2, 5))], [np.zeros(5), np.ones(2)])
    >>> net
    ReluNetwork(widths=(3, 5, 2), float)
    >>> net.forward(rng.normal(size=(4, 3))).shape
    (4, 2)
    """

    def __init__(self, weights: Sequence[Any], biases: Sequence[Any]) -> None:
        if isinstance(weights, (str, bytes)) or not hasattr(weights, "__len__"):
            raise InvalidInputError("weights must be a sequence of matrices")
        if isinstance(biases, (str, bytes)) or not hasattr(biases, "__len__"):
            raise InvalidInputError("biases must be a sequence of vectors")
        if len(weights) < 1 or len(weights) != len(biases):
            raise ShapeMismatchError("need L >= 1 weight matrices and as many bias vectors; got "
                                     f"{len(weights)} "
                                     f"and {len(biases)}")
        Ws = [_rows(W, f"weights[{k}]") for k, W in enumerate(weights)]
        bs = [_vector(b, f"biases[{k}]") for k, b in enumerate(biases)]
        for k, (W, b) in enumerate(zip(Ws, bs)):
            if not W or not W[0]:
                raise ShapeMismatchError(f"weights[{k}] is empty")
            if len(b) != len(W):
                raise ShapeMismatchError(f"layer {k}: W has {len(W)} rows but b has {len(b)} entries")
            if k and len(W[0]) != len(Ws[k - 1]):
                raise ShapeMismatchError(f"layer {k} takes {len(W[0])} inputs, layer {k - 1} gives "
                                         f"{len(Ws[k - 1])}")
        qW = [[[_rational(v) for v in row] for row in W] for W in Ws]
        qb = [[_rational(v) for v in b] for b in bs]
        exact = all(v is not None for W in qW for row in W for v in row) and \
            all(v is not None for b in qb for v in b)
        self._exact = exact
        if exact:
            self._qW, self._qb = qW, qb
            self.weights = tuple(sp.ImmutableMatrix([[sp.Rational(v.numerator, v.denominator) for v in row]
                                                     for row in W]) for W in qW)
            self.biases = tuple(sp.ImmutableMatrix([sp.Rational(v.numerator, v.denominator) for v in b])
                                for b in qb)
        else:
            try:
                self.weights = tuple(np.array([[float(v) for v in row] for row in W]) for W in Ws)
                self.biases = tuple(np.array([float(v) for v in b]) for b in bs)
            except (TypeError, ValueError) as exc:
                raise InvalidInputError(f"ReluNetwork entries must be real numbers: {exc}") from None

    # ------------------------------------------------------------ conversions
    @classmethod
    def from_layers(cls, layers: Sequence[Any]) -> ReluNetwork:
        """From a list of ``(W, b)`` pairs (the `mathml.kolmogorov` format).

        Parameters
        ----------
        layers : sequence of (matrix, vector)

        Returns
        -------
        ReluNetwork

        Examples
        --------
        >>> ReluNetwork.from_layers([([[1], [1]], [0, -1]), ([[1, -2]], [0])]).widths
        (1, 2, 1)
        """
        if isinstance(layers, ReluNetwork):
            return layers
        try:
            pairs = [tuple(layer) for layer in layers]
        except TypeError:
            raise InvalidInputError("layers must be a sequence of (W, b) pairs") from None
        if any(len(p) != 2 for p in pairs):
            raise InvalidInputError("each layer must be a pair (W, b) of a weight matrix and a bias vector")
        return cls([p[0] for p in pairs], [p[1] for p in pairs])

    @classmethod
    def from_flat(cls, net: Sequence[Any]) -> ReluNetwork:
        """From the tuple ``(W1, b1, W2, b2, ...)`` (the `mathml.orbits` format).

        Parameters
        ----------
        net : sequence of even length

        Returns
        -------
        ReluNetwork

        Examples
        --------
        >>> import numpy as np
        >>> ReluNetwork.from_flat((np.ones((2, 3)), np.zeros(2), np.ones((1, 2)), np.zeros(1))).widths
        (3, 2, 1)
        """
        if isinstance(net, ReluNetwork):
            return net
        if not isinstance(net, (tuple, list)) or len(net) < 2 or len(net) % 2:
            raise InvalidInputError("net must be a tuple (W1, b1, W2, b2, ...) of even length")
        return cls(list(net[0::2]), list(net[1::2]))

    def to_layers(self) -> list[tuple[Any, Any]]:
        """The list of ``(W, b)`` pairs (exact: lists of Fractions; float: numpy arrays).

        Returns
        -------
        list of (W, b)
        """
        if self._exact:
            return [([list(r) for r in W], list(b)) for W, b in zip(self._qW, self._qb)]
        return [(W.copy(), b.copy()) for W, b in zip(self.weights, self.biases)]

    def to_flat(self) -> tuple:
        """The tuple ``(W1, b1, W2, b2, ...)`` as numpy float arrays (the `mathml.orbits` format).

        Returns
        -------
        tuple of numpy.ndarray
        """
        out = []
        for W, b in zip(self.weights, self.biases):
            out.append(np.array(np.asarray(W, dtype=object).astype(float), dtype=float).reshape(len(b), -1)
                       if self._exact else W.copy())
            out.append(np.array([float(v) for v in b]) if self._exact else b.copy())
        return tuple(out)

    # ------------------------------------------------------------ structure
    @property
    def exact(self) -> bool:
        """True when every weight and bias is rational (exact arithmetic)."""
        return self._exact

    @property
    def widths(self) -> tuple[int, ...]:
        """``(d_0, d_1, ..., d_L)``: input width, hidden widths, output width."""
        return (int(self.weights[0].shape[1]),) + tuple(int(W.shape[0]) for W in self.weights)

    @property
    def depth(self) -> int:
        """The number of affine layers L."""
        return len(self.weights)

    @property
    def parameter_count(self) -> int:
        r""":math:`\sum_n d_{n+1}(d_n + 1)`."""
        w = self.widths
        return sum(w[n + 1] * (w[n] + 1) for n in range(len(w) - 1))

    def flat_parameters(self) -> Any:
        """All parameters in the order ``W_0 (row-major), b_0, W_1, b_1, ...``.

        Returns
        -------
        sympy.Matrix (exact network, a column) or numpy.ndarray (float network)
        """
        if self._exact:
            vals = [v for W, b in zip(self._qW, self._qb) for v in [x for r in W for x in r] + b]
            return sp.Matrix([sp.Rational(v.numerator, v.denominator) for v in vals])
        return np.concatenate([np.concatenate([W.ravel(), b]) for W, b in zip(self.weights, self.biases)])

    # ------------------------------------------------------------ evaluation
    def _inputs(self, x: Any) -> tuple[list[list[Any]], bool, bool]:
        """Rows of inputs, whether a single vector was given, whether all are exact."""
        if isinstance(x, sp.MatrixBase):
            if x.shape == (self.widths[0], 1):
                rows, single = [list(x)], True
            else:
                rows, single = sp.Matrix(x).tolist(), False
        else:
            if isinstance(x, (str, bytes)):
                raise InvalidInputError("inputs must be numbers, got a string")
            arr = np.asarray(x, dtype=object)
            if arr.ndim == 0:
                arr = arr.reshape(1)
            single = arr.ndim == 1
            if arr.ndim > 2:
                raise ShapeMismatchError(
                    f"inputs must be a vector or a (N, d_in) batch, got shape {arr.shape}")
            rows = [arr.tolist()] if single else arr.tolist()
        d = self.widths[0]
        if any(len(r) != d for r in rows):
            raise ShapeMismatchError(
                f"the network takes {d} inputs, got rows of length {sorted({len(r) for r in rows})}")
        q = [[_rational(v) for v in r] for r in rows]
        exact = all(v is not None for r in q for v in r)
        return (q if exact else rows), single, exact

    def forward(self, x: Any) -> Any:
        """The network output at ``x`` (a vector) or at each row of a ``(N, d_in)`` batch.

        Parameters
        ----------
        x : vector of length ``d_in`` or batch ``(N, d_in)``

        Returns
        -------
        sympy.Matrix or numpy.ndarray
            Exact network and exact inputs: a sympy column ``(d_out, 1)`` for a vector, a sympy
            ``(N, d_out)`` Matrix for a batch.  Otherwise numpy floats of shape ``(d_out,)`` or
            ``(N, d_out)``.

        Examples
        --------
        >>> net = ReluNetwork([[[1, -1]], [[2]]], [[0], [1]])
        >>> net.forward([3, 1]), net.forward([[1, 3], [2, 0]])
        (Matrix([[5]]), Matrix([
        [1],
        [5]]))
        """
        rows, single, exact = self._inputs(x)
        if not rows:
            return np.zeros((0, self.widths[-1]))
        if exact and self._exact:
            outs = [self._forward_exact(r)[0][-1] for r in rows]
            to_sp = [[sp.Rational(v.numerator, v.denominator) for v in o] for o in outs]
            return sp.Matrix(to_sp[0]) if single else sp.Matrix(to_sp)
        X = np.array([[float(v) for v in r] for r in rows], dtype=float)
        if not np.all(np.isfinite(X)):
            raise InvalidInputError("inputs must be finite")
        h = X.T
        Ws = [np.asarray(W, dtype=object).astype(float) if self._exact else W for W in self.weights]
        bs = [np.asarray(b, dtype=object).astype(float).ravel() if self._exact else b for b in self.biases]
        for k, (W, b) in enumerate(zip(Ws, bs)):
            h = W @ h + b[:, None]
            if k < len(Ws) - 1:
                h = np.maximum(h, 0.0)
        return h.T[0] if single else h.T

    def _forward_exact(self, x: list[Fraction]) -> tuple[list[list[Fraction]], list[list[bool]]]:
        hs, masks = [x], []
        h = x
        zero = Fraction(0)
        for k, (W, b) in enumerate(zip(self._qW, self._qb)):
            z = [sum((w * v for w, v in zip(row, h)), zero) + c for row, c in zip(W, b)]
            if k < len(self._qW) - 1:
                m = [v > 0 for v in z]
                h = [v if on else zero for v, on in zip(z, m)]
                masks.append(m)
            else:
                h = z
            hs.append(h)
        return hs, masks

    def parameter_jacobian(self, inputs: Any) -> Any:
        """Jacobian ``(N * d_out, P)`` of the outputs at the rows of ``inputs`` w.r.t. all parameters.

        Rows are grouped by input (the ``d_out`` outputs of input 1, then input 2, ...); columns follow
        `flat_parameters`.  At an input where some pre-activation is exactly 0 the one-sided
        derivative with ``relu'(0) = 0`` is used.

        Parameters
        ----------
        inputs : (N, d_in) batch or one vector

        Returns
        -------
        sympy.Matrix (exact network and exact inputs) or numpy.ndarray

        Examples
        --------
        >>> net = ReluNetwork([[[2]], [[3]]], [[1], [0]])      # F(x) = 3 relu(2x + 1)
        >>> net.parameter_jacobian([[1]])                       # dF/d(W0, b0, W1, b1)
        Matrix([[3, 3, 3, 1]])
        """
        rows, _, exact = self._inputs(inputs)
        if not rows:
            return np.zeros((0, self.parameter_count))
        if exact and self._exact:
            return sp.Matrix(self._jacobian_rows(rows, exact=True))
        return self._jacobian_float(np.array([[float(v) for v in r] for r in rows], dtype=float))

    def _jacobian_float(self, X: np.ndarray) -> np.ndarray:
        """Vectorised back-propagation over the batch ``X`` (rows)."""
        if not np.all(np.isfinite(X)):
            raise InvalidInputError("inputs must be finite")
        Ws = [np.asarray(W, dtype=object).astype(float) if self._exact else W for W in self.weights]
        bs = [np.asarray(b, dtype=object).astype(float).ravel() if self._exact else b for b in self.biases]
        L, N, d_out = self.depth, X.shape[0], self.widths[-1]
        hs, masks, h = [X], [], X
        for k in range(L):
            z = h @ Ws[k].T + bs[k]
            if k < L - 1:
                m = z > 0
                h = np.where(m, z, 0.0)
                masks.append(m)
            else:
                h = z
            hs.append(h)
        G = np.broadcast_to(np.eye(d_out), (N, d_out, d_out))
        blocks: list = [None] * L
        for k in range(L - 1, -1, -1):
            gW = np.einsum("noi,nj->noij", G, hs[k]).reshape(N, d_out, -1)
            blocks[k] = np.concatenate([gW, G], axis=2)
            if k:
                G = (G @ Ws[k]) * masks[k - 1][:, None, :]
        return np.concatenate(blocks, axis=2).reshape(N * d_out, -1)

    def _jacobian_rows(self, rows: list, exact: bool = True) -> list[list[Any]]:
        L = self.depth
        d_out = self.widths[-1]
        Ws = self._qW
        one, zero = Fraction(1), Fraction(0)
        out = []
        for x in rows:
            hs, masks = self._forward_exact(x)
            # G[o][i] = d out_o / d z_k[i], back-propagated from the last layer
            G = [[one if i == o else zero for i in range(d_out)] for o in range(d_out)]
            blocks: list[list[list[Any]]] = [None] * L  # type: ignore[list-item]
            for k in range(L - 1, -1, -1):
                hk = hs[k]
                blocks[k] = [[g * v for g in Go for v in hk] + list(Go) for Go in G]
                if k:
                    Wk, mk = Ws[k], masks[k - 1]
                    G = [[sum((Go[i] * Wk[i][j] for i in range(len(Go))), zero) if mk[j] else zero
                          for j in range(len(Wk[0]))] for Go in G]
            for o in range(d_out):
                out.append([v for k in range(L) for v in blocks[k][o]])
        return out

    def rescaled(self, scales: Sequence[Any]) -> ReluNetwork:
        r"""The positive rescaling :math:`W_n \to \Lambda_{n+1} W_n \Lambda_n^{-1}`,
        :math:`b_n \to \Lambda_{n+1} b_n`.

        ``scales`` gives the positive diagonals of :math:`\Lambda_1, \dots, \Lambda_{L-1}` (one per
        hidden layer; :math:`\Lambda_0 = \Lambda_L = 1`).  The function is unchanged because
        :math:`\sigma(\lambda z) = \lambda\sigma(z)` for :math:`\lambda > 0`.

        Parameters
        ----------
        scales : sequence of vectors of positive numbers

        Returns
        -------
        ReluNetwork
            Exact when the network and the scales are exact.

        Raises
        ------
        InvalidInputError
            A scale that is not positive (ReLU commutes only with positive rescalings).
        ShapeMismatchError
            Wrong number or length of scale vectors.

        Examples
        --------
        >>> net = ReluNetwork([[[1], [-1]], [[1, 1]]], [[0, 0], [0]])      # |x|
        >>> net.rescaled([[2, 3]]).forward([-5])
        Matrix([[5]])
        """
        L, w = self.depth, self.widths
        if isinstance(scales, (str, bytes)) or not hasattr(scales, "__len__") or len(scales) != L - 1:
            raise ShapeMismatchError(f"need L - 1 = {L - 1} scale vectors (one per hidden layer)")
        lams: list[list[Any]] = [[1] * w[0]]
        all_exact = self._exact
        for k, s in enumerate(scales):
            s = _vector(s, f"scales[{k}]")
            if len(s) != w[k + 1]:
                raise ShapeMismatchError(f"scales[{k}] must have {w[k + 1]} entries, got {len(s)}")
            q = [_rational(v) for v in s]
            if any(v is None for v in q):
                all_exact = False
                vals = [float(v) for v in s]
            else:
                vals = q
            if not all(v > 0 for v in vals):
                raise InvalidInputError(f"scales[{k}] must be positive: ReLU commutes only with positive "
                                        f"rescalings, got {s}")
            lams.append(vals)
        lams.append([1] * w[-1])
        if all_exact:
            Ws, bs = self._qW, self._qb
        else:
            Ws = [np.asarray(W, dtype=object).astype(float).tolist() if self._exact else W.tolist()
                  for W in self.weights]
            bs = [[float(v) for v in b] for b in self.biases]
            lams = [[float(v) for v in lam] for lam in lams]
        new_W = [[[lams[k + 1][i] * Ws[k][i][j] / lams[k][j] for j in range(w[k])] for i in range(w[k + 1])]
                 for k in range(L)]
        new_b = [[lams[k + 1][i] * bs[k][i] for i in range(w[k + 1])] for k in range(L)]
        return ReluNetwork(new_W, new_b)

    # ------------------------------------------------------------ display
    def __repr__(self) -> str:
        return f"ReluNetwork(widths={self.widths}, {'exact' if self._exact else 'float'})"

    def latex(self) -> str:
        """LaTeX of the architecture, e.g. ``\\mathbb{R}^{3} \\to \\mathbb{R}^{5} \\to \\mathbb{R}^{2}``."""
        arch = r" \xrightarrow{\sigma} ".join(rf"\mathbb{{R}}^{{{d}}}" for d in self.widths[:-1])
        return (rf"x_{{n+1}} = W_n x_n + b_n:\ {arch} \to \mathbb{{R}}^{{{self.widths[-1]}}},\ "
                rf"{self.parameter_count}\ \text{{parameters}}")

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def as_relu_network(net: Any = None, weights: Any = None, biases: Any = None) -> ReluNetwork:
    """Any accepted ReLU network format as a `ReluNetwork` (the boundary converter).

    Parameters
    ----------
    net : ReluNetwork, list of (W, b) pairs, or flat tuple (W1, b1, W2, b2, ...), optional
    weights, biases : sequences, optional
        The gauge format, used when ``net`` is None.

    Returns
    -------
    ReluNetwork

    Examples
    --------
    >>> as_relu_network([([[1]], [0]), ([[2]], [1])]).forward([3])
    Matrix([[7]])
    """
    if net is None:
        if weights is None or biases is None:
            raise InvalidInputError("pass a network, or both weights and biases")
        return ReluNetwork(weights, biases)
    if isinstance(net, ReluNetwork):
        return net
    pairs = isinstance(net, (list, tuple)) and net and all(isinstance(p, (list, tuple)) and len(p) == 2
                                                            for p in net)
    if pairs and not (len(net) % 2 == 0 and _looks_flat(net)):
        return ReluNetwork.from_layers(net)
    return ReluNetwork.from_flat(net)


def _looks_flat(net: Sequence[Any]) -> bool:
    """True when the even positions are 2-d (matrices) and the odd ones 1-d (vectors)."""
    try:
        return all(np.asarray(net[k], dtype=object).ndim == 2 for k in range(0, len(net), 2)) and \
            all(np.asarray(net[k], dtype=object).ndim == 1 for k in range(1, len(net), 2))
    except (TypeError, ValueError):
        return False
