r"""Hopfield networks (Hebbian couplings, asynchronous dynamics) and the AGS storage capacity.

Convention: spins :math:`s_i = \pm1`, patterns :math:`\xi^\mu \in \{\pm1\}^N`,
:math:`J_{ij} = \frac1N\sum_\mu \xi^\mu_i\xi^\mu_j` for :math:`i \ne j`, :math:`J_{ii} = 0`, and

.. math:: E(s) = -\tfrac12\sum_{i \ne j} J_{ij}s_is_j - \sum_i h_i s_i.

Jafari's slide writes :math:`H = -\sum_{i,j}J_{ij}\sigma_i\sigma_j - \mu\sum_j h_j\sigma_j` with the sum
over ordered pairs; it is this energy with :math:`J \to 2J` and :math:`h \to \mu h`.  Asynchronous
updates :math:`s_i \leftarrow \operatorname{sign}(\sum_j J_{ij}s_j + h_i)` never raise E.

Storage capacity (Amit, Gutfreund, Sompolinsky, PRL 55, 1530 (1985); Ann. Phys. 173, 30 (1987)).
The replica-symmetric zero-temperature equations for the retrieval overlap m, the spin-glass
susceptibility :math:`C = \beta(1 - q)` and the noise variance r at load :math:`\alpha = P/N` are

.. math:: m = \operatorname{erf}(y),\quad C = \sqrt{\frac{2}{\pi\alpha r}}\,e^{-y^2},\quad
          r = \frac{1}{(1 - C)^2},\qquad y = \frac{m}{\sqrt{2\alpha r}}.

Eliminating m, C and r gives :math:`\sqrt{\alpha} = g(y)/(\sqrt2 y)` with
:math:`g(y) = \operatorname{erf}(y) - \tfrac{2y}{\sqrt\pi}e^{-y^2}`; retrieval solutions exist for
:math:`\alpha \le \alpha_c = \max_y g(y)^2/(2y^2)` (the "squared maximum over one variable" of
Stojnic, arXiv:2403.01907).  Since :math:`g'(y) = \tfrac{4y^2}{\sqrt\pi}e^{-y^2}`, the maximum is
the root of :math:`y\,g'(y) = g(y)`, and :math:`m_c = \operatorname{erf}(y_c)`.

Examples
--------
>>> import mpmath
>>> from mathml.statmech import ags_capacity
>>> alpha_c, m_c = ags_capacity(digits=10)
>>> mpmath.nstr(alpha_c, 10), mpmath.nstr(m_c, 10)   # AGS 1985/1987: alpha_c ~ 0.138, m ~ 0.967
('0.1379055665', '0.9674171157')
"""

from __future__ import annotations

from numbers import Integral
from typing import Any

import mpmath
import numpy as np

from ..core.errors import InvalidInputError
from .configs import _check_seed
from .errors import SizeLimitError

__all__ = ["Hopfield", "ags_capacity", "ags_equations"]

_MAX_N = 8192  # dense couplings: 8192^2 float64 = 0.5 GB


class Hopfield:
    r"""A Hopfield network storing +-1 patterns with Hebbian couplings :math:`J = \xi^T\xi/N`, zero diagonal.

    Parameters
    ----------
    patterns : array_like
        Shape ``(P, N)`` (or ``(N,)`` for one pattern), entries -1/+1.
    field : array_like, optional
        External field :math:`h_i` (default 0).

    Raises
    ------
    InvalidInputError
        For entries other than -1/+1, an empty pattern set, or a field of the wrong shape.

    Examples
    --------
    >>> import numpy as np
    >>> from mathml.statmech import Hopfield
    >>> net = Hopfield([[1, -1, 1, -1, 1, -1], [1, 1, 1, -1, -1, -1]])
    >>> net.load                                   # alpha = P / N
    0.3333333333333333
    >>> noisy = np.array([1, -1, 1, -1, 1, 1])     # pattern 0 with the last spin flipped
    >>> net.recall(noisy, seed=0).tolist()
    [1, -1, 1, -1, 1, -1]
    """

    def __init__(self, patterns: Any, field: Any = None):
        if isinstance(patterns, (str, bytes)):
            raise InvalidInputError("patterns must be a (P, N) array with entries -1/+1, not a string")
        xi = np.atleast_2d(np.asarray(patterns))
        if xi.ndim != 2 or xi.size == 0 or not np.all(np.isin(xi, (-1, 1))):
            raise InvalidInputError("patterns must be a non-empty (P, N) array with entries -1/+1")
        if xi.shape[1] > _MAX_N:
            raise SizeLimitError(
                f"N = {xi.shape[1]} neurons: the dense N x N coupling matrix is limited to N <= {_MAX_N}"
            )
        self.patterns = xi.astype(np.int8)
        self.P, self.N = xi.shape
        J = xi.T.astype(float) @ xi.astype(float) / self.N
        np.fill_diagonal(J, 0.0)
        self.J = J
        if field is None:
            self.field = np.zeros(self.N)
        else:
            f = np.asarray(field, dtype=float)
            if f.shape != (self.N,) or not np.all(np.isfinite(f)):
                raise InvalidInputError(f"field must be a finite array of length N = {self.N}")
            self.field = f

    def __repr__(self) -> str:
        return f"Hopfield(P={self.P}, N={self.N})"

    def _repr_latex_(self) -> str:
        return (
            r"$E(s) = -\tfrac12\sum_{i\ne j}J_{ij}s_is_j - \sum_i h_i s_i,\quad J_{ij} = \tfrac{1}{%d}"
            r"\sum_{\mu=1}^{%d}\xi^\mu_i\xi^\mu_j$" % (self.N, self.P)
        )

    @property
    def load(self) -> float:
        r"""The load :math:`\alpha = P/N`."""
        return self.P / self.N

    def _state(self, s: Any) -> np.ndarray:
        s = np.asarray(s)
        if s.shape != (self.N,) or not np.all(np.isin(s, (-1, 1))):
            raise InvalidInputError(f"a state is a length-{self.N} array of -1/+1")
        return s.astype(np.int64)

    def energy(self, s: Any) -> float:
        r"""The energy :math:`E(s)` (module docstring), in double precision.

        Examples
        --------
        >>> from mathml.statmech import Hopfield
        >>> Hopfield([[1, 1, 1]]).energy([1, 1, 1])          # -(1/2) * 6 * (1/3)
        -1.0
        """
        s = self._state(s).astype(float)
        return float(-0.5 * s @ self.J @ s - self.field @ s)

    def overlaps(self, s: Any) -> np.ndarray:
        r"""The overlaps :math:`m_\mu = \xi^\mu\cdot s/N` with every stored pattern.

        Examples
        --------
        >>> from mathml.statmech import Hopfield
        >>> Hopfield([[1, 1, -1, -1]]).overlaps([1, 1, 1, -1]).tolist()
        [0.5]
        """
        return self.patterns.astype(float) @ self._state(s) / self.N

    def is_fixed_point(self, s: Any) -> bool:
        r"""True when no single asynchronous update changes ``s``.

        Ties :math:`\sum_j J_{ij}s_j + h_i = 0` keep the spin.

        Examples
        --------
        >>> from mathml.statmech import Hopfield
        >>> Hopfield([[1, -1, 1, -1]]).is_fixed_point([1, -1, 1, -1])
        True
        """
        s = self._state(s)
        local = self.J @ s + self.field
        return bool(np.all(local * s >= 0))

    def recall(self, s: Any, *, seed: int = 0, max_sweeps: int = 100) -> np.ndarray:
        """Asynchronous dynamics in seeded random order until a fixed point (or ``max_sweeps`` sweeps).

        Parameters
        ----------
        s : array_like
            Initial state (-1/+1).
        seed : int
            Seed of ``numpy.random.default_rng`` for the update order.
        max_sweeps : int
            At most this many sweeps over all N spins.

        Returns
        -------
        numpy.ndarray
            The final state (a fixed point unless the sweep budget ran out).

        Examples
        --------
        >>> import numpy as np
        >>> from mathml.statmech import Hopfield
        >>> rng = np.random.default_rng(1)
        >>> xi = rng.choice([-1, 1], size=(3, 100))
        >>> net = Hopfield(xi)
        >>> start = xi[1].copy(); start[:10] *= -1         # 10 % of the spins flipped
        >>> float(net.overlaps(net.recall(start, seed=2))[1])
        1.0
        """
        if isinstance(max_sweeps, bool) or not isinstance(max_sweeps, Integral) or max_sweeps < 1:
            raise InvalidInputError(f"max_sweeps must be a positive integer, got {max_sweeps!r}")
        s = self._state(s).copy()
        rng = np.random.default_rng(_check_seed(seed))
        for _ in range(max_sweeps):
            changed = False
            for i in rng.permutation(self.N):
                local = self.J[i] @ s + self.field[i]
                if local * s[i] < 0:
                    s[i] = -s[i]
                    changed = True
            if not changed:
                break
        return s


def ags_equations(alpha: Any, m: Any, C: Any, r: Any) -> tuple[Any, Any, Any]:
    r"""Residuals of the replica-symmetric T = 0 AGS equations (module docstring) at :math:`(\alpha, m,
    C, r)`.

    Returns
    -------
    tuple of mpmath.mpf
        :math:`(m - \operatorname{erf} y,\ C - \sqrt{2/(\pi\alpha r)}e^{-y^2},\ r - (1 - C)^{-2})`,
        :math:`y = m/\sqrt{2\alpha r}`.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.statmech import ags_equations
    >>> res = ags_equations(0.05, 1.0, 0.0, 1.0)        # far below capacity m ~ 1, C ~ 0
    >>> [round(float(x), 6) for x in res]
    [0.0, -0.0, 0.0]
    """
    alpha, m, C, r = (mpmath.mpf(v) for v in (alpha, m, C, r))
    y = m / mpmath.sqrt(2 * alpha * r)
    return (
        m - mpmath.erf(y),
        C - mpmath.sqrt(2 / (mpmath.pi * alpha * r)) * mpmath.exp(-y * y),
        r - 1 / (1 - C) ** 2,
    )


def ags_capacity(digits: int = 15) -> tuple[mpmath.mpf, mpmath.mpf]:
    r"""The AGS replica-symmetric zero-temperature capacity :math:`\alpha_c` and overlap :math:`m(\alpha_c)`.

    Solves :math:`y\,g'(y) = g(y)` (module docstring) with mpmath's ``findroot`` at
    ``digits + 15`` working digits and returns both values rounded to ``digits`` significant
    digits (as mpmath numbers at that precision).

    Parameters
    ----------
    digits : int
        Significant digits asked for, 1 to 1000.

    Returns
    -------
    (alpha_c, m_c) : tuple of mpmath.mpf

    Raises
    ------
    InvalidInputError
        For digits outside 1..1000.

    Examples
    --------
    >>> import mpmath
    >>> from mathml.statmech import ags_capacity
    >>> a, m = ags_capacity(digits=15)
    >>> mpmath.nstr(a, 15), mpmath.nstr(m, 15)     # AGS: 0.138 and 0.967 to the 3 digits published
    ('0.137905566494932', '0.967417115685292')
    """
    if isinstance(digits, bool) or not isinstance(digits, Integral) or not 1 <= digits <= 1000:
        raise InvalidInputError(f"digits must be an integer in [1, 1000], got {digits!r}")
    with mpmath.workdps(digits + 15):
        sq = mpmath.sqrt(mpmath.pi)

        def g(y):
            return mpmath.erf(y) - 2 * y / sq * mpmath.exp(-y * y)

        y = mpmath.findroot(lambda t: 4 * t**3 / sq * mpmath.exp(-t * t) - g(t), mpmath.mpf("1.5"))
        alpha = g(y) ** 2 / (2 * y * y)
        m = mpmath.erf(y)
    with mpmath.workdps(digits):
        return +alpha, +m
