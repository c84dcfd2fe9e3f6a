"""Partitions, dominance order and its covering relations (Brylawski).

Partitions are tuples of positive ints in non-increasing order.
"""
from __future__ import annotations

from ..core.errors import InvalidInputError

__all__ = [
    "partitions",
    "transpose",
    "dominates",
    "dominance_covers",
    "check_partition",
]


def check_partition(p) -> tuple[int, ...]:
    """Validate a partition (sequence of positive ints); return it sorted non-increasingly.

    Parameters
    ----------
    p : object
        A partition (non-increasing tuple of positive ints).

    Returns
    -------
    tuple[int, ...]
        Validate a partition (sequence of positive ints); return it sorted non-increasingly.

    Examples
    --------
    >>> check_partition([1, 3, 2])
    (3, 2, 1)
    """
    try:
        parts = list(p)
    except TypeError:
        raise InvalidInputError(f"a partition is a sequence of positive ints, got {p!r}") from None
    if any(isinstance(x, bool) or not isinstance(x, int) or x <= 0 for x in parts):
        raise InvalidInputError(f"a partition is a sequence of positive ints, got {p!r}")
    return tuple(sorted(parts, reverse=True))


def partitions(n: int) -> list[tuple[int, ...]]:
    """All partitions of ``n`` in reverse lexicographic order (largest first).

    Parameters
    ----------
    n : int
        The integer being partitioned.

    Returns
    -------
    list[tuple[int, ...]]
        All partitions of ``n`` in reverse lexicographic order (largest first).

    Examples
    --------
    >>> partitions(4)
    [(4,), (3, 1), (2, 2), (2, 1, 1), (1, 1, 1, 1)]
    >>> len(partitions(30))
    5604
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise InvalidInputError(f"n must be a non-negative int, got {n!r}")
    out = []

    def rec(rest, maxpart, prefix):
        if rest == 0:
            out.append(tuple(prefix))
            return
        for k in range(min(rest, maxpart), 0, -1):
            prefix.append(k)
            rec(rest - k, k, prefix)
            prefix.pop()

    rec(n, n, [])
    return out


def transpose(p) -> tuple[int, ...]:
    """Transposed (conjugate) partition.

    Parameters
    ----------
    p : object
        A partition (non-increasing tuple of positive ints).

    Returns
    -------
    tuple[int, ...]
        Transposed (conjugate) partition.

    Examples
    --------
    >>> transpose((3, 1))
    (2, 1, 1)
    """
    p = check_partition(p)
    return tuple(sum(1 for x in p if x > i) for i in range(p[0])) if p else ()


def dominates(lam, mu) -> bool:
    """True when ``mu <= lam`` in dominance order (partial sums of ``lam`` are at least those of ``mu``).

    Parameters
    ----------
    lam : object
        Regularisation weight lambda.
    mu : object
        Parameter mu.

    Returns
    -------
    bool
        True when ``mu <= lam`` in dominance order (partial sums of ``lam`` are at least those of
        ``mu``).

    Examples
    --------
    >>> dominates((3, 1, 1, 1), (2, 2, 2)), dominates((2, 2, 2), (3, 1, 1, 1))
    (False, False)
    """
    lam, mu = check_partition(lam), check_partition(mu)
    if sum(lam) != sum(mu):
        raise InvalidInputError(f"{lam} and {mu} are partitions of different integers")
    s = t = 0
    for i in range(max(len(lam), len(mu))):
        s += lam[i] if i < len(lam) else 0
        t += mu[i] if i < len(mu) else 0
        if s < t:
            return False
    return True


def dominance_covers(lam) -> list[tuple[int, ...]]:
    """Partitions covered by ``lam`` in dominance order on all partitions of ``|lam|``.

    Brylawski (1973): ``mu`` is covered by ``lam`` iff ``mu`` comes from ``lam`` by moving one box from
    row ``i`` to a lower row ``j`` with ``j = i + 1`` or ``lam_j = lam_i - 2``.  Only the last row of a
    block of equal parts can lose a box and only the first row of a block can gain one, so the
    candidates are found from the distinct parts in ``O(#distinct parts)``.

    Parameters
    ----------
    lam : object
        Regularisation weight lambda.

    Returns
    -------
    list[tuple[int, ...]]
        Partitions covered by ``lam`` in dominance order on all partitions of ``|lam|``.

    Examples
    --------
    >>> dominance_covers((3, 1, 1, 1))
    [(2, 2, 1, 1)]
    >>> dominance_covers((4, 2))
    [(4, 1, 1), (3, 3)]
    """
    return _covers(check_partition(lam))


def _covers(lam):
    # unvalidated fast path for internal loops (lam a non-increasing tuple of positive ints)
    p = list(lam)
    p.append(0)
    ends, starts = {}, {}
    for i, v in enumerate(p):
        if v not in starts:
            starts[v] = i
        ends[v] = i
    values = sorted(starts, reverse=True)
    res = []
    for k in range(len(values) - 1):
        v = values[k]
        w = values[k + 1]
        i = ends[v]
        if v - w >= 2:
            j = i + 1
        elif v - 2 in starts:
            j = starts[v - 2]
        else:
            continue
        q = p[:]
        q[i] -= 1
        q[j] += 1
        if q[-1] == 0:
            q.pop()
            while q and q[-1] == 0:
                q.pop()
        res.append(tuple(q))
    res.sort(reverse=True)
    return res
