"""Toric Fano surfaces: anticanonical polygons, barycentres, Kähler–Einstein and Li's Ricci bound.

For a smooth toric Fano surface with fan rays ``v_i``, the anticanonical polygon is
``Δ = {m : <m, v_i> >= -1 for all i}`` (this normalisation: the origin is the unique
interior lattice point).  Wang–Zhu (2004): X admits a Kähler–Einstein metric iff the
barycentre ``P_c`` of Δ is 0.  Chi Li (arXiv 0909.3443): the greatest lower bound of
the Ricci curvature is ``R(X) = t / (1 + t)``, where ``-t P_c`` is the point where the
ray from ``P_c`` through 0 leaves Δ (``R(X) = 1`` when ``P_c = 0``).  All arithmetic
is exact (`fractions.Fraction` in, `sympy.Rational` out).

Examples
--------
>>> from mathml.learning import TORIC_DEL_PEZZO, ricci_lower_bound
>>> bl1 = TORIC_DEL_PEZZO["Bl1"]
>>> bl1.vertices
((-1, 2), (-1, 0), (0, -1), (2, -1))
>>> bl1.area, bl1.barycenter
(4, (1/12, 1/12))
>>> ricci_lower_bound(bl1)             # Székelyhidi 2011: R(Bl_1 P^2) = 6/7
6/7
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Iterable, Sequence

import sympy as sp

from ..core.errors import InvalidInputError
from ..core.latex import latex

__all__ = ["ToricSurface", "TORIC_DEL_PEZZO", "toric_surface", "ricci_lower_bound", "admits_kahler_einstein"]


@dataclass(frozen=True)
class ToricSurface:
    """A toric Fano surface given by its fan rays (primitive integer vectors in counter-clockwise order).

    Attributes
    ----------
    name : str
    rays : tuple of (int, int)
    vertices : tuple of (int, int)
        Vertices of the anticanonical polygon ``{m : <m, v_i> >= -1}``, counter-clockwise.
    """

    name: str
    rays: tuple[tuple[int, int], ...]
    vertices: tuple[tuple[int, int], ...]

    @property
    def area(self) -> sp.Rational:
        """Euclidean area of the anticanonical polygon (exact); equals ``K_X^2 / 2``."""
        return sp.Rational(_signed_area2(self.vertices), 2)

    @property
    def barycenter(self) -> tuple[sp.Rational, sp.Rational]:
        """Barycentre of the polygon (exact rationals)."""
        return _centroid(self.vertices)

    def _repr_latex_(self) -> str:
        verts = ", ".join(f"({a}, {b})" for a, b in self.vertices)
        cx, cy = self.barycenter
        return (r"$\Delta_{\mathrm{" + self.name + r"}} = \operatorname{conv}\{" + verts + r"\},\quad P_c = ("
                + latex(cx) + ", " + latex(cy) + r")$")

    def __repr__(self) -> str:
        return f"ToricSurface({self.name!r}, rays={list(self.rays)})"


def toric_surface(rays: Iterable[Sequence[int]], name: str = "X") -> ToricSurface:
    """Build a `ToricSurface` from fan rays (sorted by angle here), computing its anticanonical polygon.

    Parameters
    ----------
    rays : iterable of integer pairs
        Primitive ray generators of a complete fan.
    name : str

    Returns
    -------
    ToricSurface

    Raises
    ------
    InvalidInputError
        Non-integer or non-primitive rays, fewer than 3 rays, a fan that is not complete or not smooth,
        or a surface that is not Fano (a ray that is not a facet of the polygon, e.g. the Hirzebruch
        surface F_2).

    Examples
    --------
    >>> from mathml.learning import toric_surface
    >>> toric_surface([(1, 0), (0, 1), (-1, -1)], "P2").vertices
    ((-1, 2), (-1, -1), (2, -1))
    """
    import math

    clean: list[tuple[int, int]] = []
    import numpy as np

    if isinstance(rays, (str, bytes)):
        raise InvalidInputError("rays must be a sequence of integer pairs, not a string")
    for r in rays:
        if isinstance(r, (str, bytes)) or not hasattr(r, "__len__") or len(r) != 2 or not all(
                isinstance(c, (int, np.integer)) and not isinstance(c, (bool, np.bool_)) for c in r):
            raise InvalidInputError(f"a ray must be a pair of integers, got {r!r}")
        r = (int(r[0]), int(r[1]))
        if math.gcd(r[0], r[1]) != 1:
            raise InvalidInputError(f"ray {tuple(r)} is not primitive (gcd of its entries must be 1)")
        clean.append((r[0], r[1]))
    if len(set(clean)) < 3:
        raise InvalidInputError(f"a complete fan in the plane needs at least 3 distinct rays, got {clean}")
    clean = sorted(set(clean), key=lambda v: math.atan2(v[1], v[0]))
    verts: list[tuple[int, int]] = []
    n = len(clean)
    for i in range(n):
        a, b = clean[i], clean[(i + 1) % n]
        det = a[0] * b[1] - a[1] * b[0]
        if det <= 0:
            raise InvalidInputError(f"rays {a} and {b} do not span a strictly convex cone: the fan is not complete")
        if det != 1:
            raise InvalidInputError(f"the cone of {a}, {b} has determinant {det}, not 1: the surface is not smooth")
        # the vertex m with <m, a> = -1 and <m, b> = -1
        mx = Fraction(-b[1] + a[1], det)
        my = Fraction(-a[0] + b[0], det)
        if mx.denominator != 1 or my.denominator != 1:
            raise InvalidInputError(f"the cone of {a}, {b} is not smooth: the surface is not a smooth toric Fano")
        verts.append((int(mx), int(my)))
    for m in verts:
        if any(m[0] * v[0] + m[1] * v[1] < -1 for v in clean):
            raise InvalidInputError(f"the polygon of {clean} is not the anticanonical polygon of a Fano surface")
    for i in range(n):
        # ray i+1 is a facet of positive length iff the vertices of its two cones differ; otherwise -K_X
        # is not ample (e.g. the Hirzebruch surface F_2: weak Fano, not Fano)
        if verts[i] == verts[(i + 1) % n]:
            raise InvalidInputError(f"ray {clean[(i + 1) % n]} is not a facet of {{m : <m, v> >= -1}}: -K_X is not "
                                    "ample, the surface is not Fano")
    return ToricSurface(name, tuple(clean), tuple(verts))


def _signed_area2(verts: Sequence[tuple[int, int]]) -> int:
    n = len(verts)
    return sum(verts[i][0] * verts[(i + 1) % n][1] - verts[(i + 1) % n][0] * verts[i][1] for i in range(n))


def _centroid(verts: Sequence[tuple[int, int]]) -> tuple[sp.Rational, sp.Rational]:
    n = len(verts)
    a2 = _signed_area2(verts)
    cx = cy = 0
    for i in range(n):
        (x0, y0), (x1, y1) = verts[i], verts[(i + 1) % n]
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return sp.Rational(cx, 3 * a2), sp.Rational(cy, 3 * a2)


def _as_surface(polytope: ToricSurface | str) -> ToricSurface:
    if isinstance(polytope, ToricSurface):
        return polytope
    if isinstance(polytope, str):
        if polytope not in TORIC_DEL_PEZZO:
            raise InvalidInputError(f"unknown toric del Pezzo {polytope!r}; known: {sorted(TORIC_DEL_PEZZO)}")
        return TORIC_DEL_PEZZO[polytope]
    raise InvalidInputError(f"expected a ToricSurface or one of {sorted(TORIC_DEL_PEZZO)}, got {polytope!r}")


def admits_kahler_einstein(polytope: ToricSurface | str) -> bool:
    """Wang–Zhu criterion: a toric Fano surface is Kähler–Einstein iff its barycentre is 0.

    Examples
    --------
    >>> from mathml.learning import admits_kahler_einstein
    >>> [admits_kahler_einstein(n) for n in ("P2", "P1xP1", "Bl1", "Bl2", "Bl3")]
    [True, True, False, False, True]
    """
    return all(c == 0 for c in _as_surface(polytope).barycenter)


def ricci_lower_bound(polytope: ToricSurface | str) -> sp.Rational:
    """Greatest lower bound R(X) of the Ricci curvature (Chi Li, arXiv 0909.3443), exact.

    ``R(X) = t / (1 + t)`` with ``t = max{s : -s P_c ∈ Δ}``; 1 when the barycentre ``P_c`` is 0.

    Parameters
    ----------
    polytope : ToricSurface or str
        A surface, or a key of `TORIC_DEL_PEZZO`.

    Returns
    -------
    sympy.Rational

    Examples
    --------
    >>> from mathml.learning import ricci_lower_bound
    >>> ricci_lower_bound("P2"), ricci_lower_bound("Bl2")
    (1, 21/25)
    """
    surf = _as_surface(polytope)
    cx, cy = surf.barycenter
    if cx == 0 and cy == 0:
        return sp.Integer(1)
    # -s P_c in Δ  <=>  <-s P_c, v> >= -1 for every ray  <=>  s <P_c, v> <= 1
    t = min(sp.Integer(1) / (cx * v[0] + cy * v[1]) for v in surf.rays if cx * v[0] + cy * v[1] > 0)
    return sp.nsimplify(t / (1 + t))


TORIC_DEL_PEZZO: dict[str, ToricSurface] = {
    "P2": toric_surface([(1, 0), (0, 1), (-1, -1)], "P2"),
    "P1xP1": toric_surface([(1, 0), (0, 1), (-1, 0), (0, -1)], "P1xP1"),
    "Bl1": toric_surface([(1, 0), (1, 1), (0, 1), (-1, -1)], "Bl1"),
    "Bl2": toric_surface([(1, 0), (1, 1), (0, 1), (-1, 0), (-1, -1)], "Bl2"),
    "Bl3": toric_surface([(1, 0), (1, 1), (0, 1), (-1, 0), (-1, -1), (0, -1)], "Bl3"),
}
"""The five smooth toric del Pezzo surfaces (P², P¹×P¹, and P² blown up at 1, 2, 3 torus-fixed points)."""
