"""Nilpotent orbits of the exceptional Lie algebras G2, F4, E6, E7, E8 as stored data.

Each row is (Bala--Carter label, weighted Dynkin diagram in Bourbaki numbering, tabulated dimension).
Source: Collingwood--McGovern, "Nilpotent orbits in semisimple Lie algebras" (1993), section 8.4,
transcribed from the machine-readable tables of the Atlas of Lie Groups software (springer_table_*.at,
which follow the same labels and Bourbaki numbering).  The tabulated dimension is never trusted: every
:class:`ExceptionalOrbit` recomputes it from its diagram with a root system generated from the Cartan
matrix, and the tests compare the stored diagrams with the Bala--Carter enumeration
(:func:`mathml.orbits.roots.bala_carter_diagrams`), which uses no table.  In E7, ``(3A1)''`` and
``(A3+A1)''``, ``(A5)''`` are Collingwood--McGovern's double-primed labels.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.errors import InvalidInputError
from .roots import check_cartan_type, wdd_orbit_dimension

__all__ = ["ExceptionalOrbit", "exceptional_orbits", "EXCEPTIONAL_TABLES"]

_G2 = """
0 00 0
A1 01 6
~A1 10 8
G2(a1) 02 10
G2 22 12
"""

_F4 = """
0 0000 0
A1 1000 16
~A1 0001 22
A1+~A1 0100 28
A2 2000 30
~A2 0002 30
A2+~A1 0010 34
B2 2001 36
~A2+A1 0101 36
C3(a1) 1010 38
F4(a3) 0200 40
B3 2200 42
C3 1012 42
F4(a2) 0202 44
F4(a1) 2202 46
F4 2222 48
"""

_E6 = """
0 000000 0
A1 010000 22
2A1 100001 32
3A1 000100 40
A2 020000 42
A2+A1 110001 46
2A2 200002 48
A2+2A1 001010 50
A3 120001 52
2A2+A1 100101 54
A3+A1 011010 56
D4(a1) 000200 58
A4 220002 60
D4 020200 60
A4+A1 111011 62
A5 211012 64
D5(a1) 121011 64
E6(a3) 200202 66
D5 220202 68
E6(a1) 222022 70
E6 222222 72
"""

_E7 = """
0 0000000 0
A1 1000000 34
2A1 0000010 52
(3A1)'' 0000002 54
(3A1)' 0010000 64
A2 2000000 66
4A1 0100001 70
A2+A1 1000010 76
A2+2A1 0001000 82
A3 2000010 84
2A2 0000020 84
A2+3A1 0200000 84
(A3+A1)'' 2000002 86
2A2+A1 0010010 90
(A3+A1)' 1001000 92
D4(a1) 0020000 94
A3+2A1 1000101 94
D4 2020000 96
D4(a1)+A1 0110001 96
A3+A2 0001010 98
A4 2000020 100
A3+A2+A1 0000200 100
(A5)'' 2000022 102
D4+A1 2110001 102
A4+A1 1001010 104
D5(a1) 2001010 106
A4+A2 0002000 106
(A5)' 1001020 108
A5+A1 1001012 108
D5(a1)+A1 2000200 108
D6(a2) 0110102 110
E6(a3) 0020020 110
D5 2020020 112
E7(a5) 0002002 112
A6 0002020 114
D5+A1 2110110 114
D6(a1) 2110102 114
E7(a4) 2002002 116
D6 2110122 118
E6(a1) 2002020 118
E6 2022020 120
E7(a3) 2002022 120
E7(a2) 2220202 122
E7(a1) 2220222 124
E7 2222222 126
"""

_E8 = """
0 00000000 0
A1 00000001 58
2A1 10000000 92
3A1 00000010 112
A2 00000002 114
4A1 01000000 128
A2+A1 10000001 136
A2+2A1 00000100 146
A3 10000002 148
A2+3A1 00100000 154
2A2 20000000 156
2A2+A1 10000010 162
A3+A1 00000101 164
D4(a1) 00000020 166
D4 00000022 168
2A2+2A1 00001000 168
A3+2A1 00100001 172
D4(a1)+A1 01000010 176
A3+A2 10000100 178
A4 20000002 180
A3+A2+A1 00010000 182
D4+A1 01000012 184
D4(a1)+A2 02000000 184
A4+A1 10000101 188
2A3 10001000 188
D5(a1) 10000102 190
A4+2A1 00010001 192
A4+A2 00000200 194
A5 20000101 196
D5(a1)+A1 00010002 196
A4+A2+A1 00100100 196
D4+A2 02000002 198
E6(a3) 20000020 198
D5 20000022 200
A4+A3 00010010 200
A5+A1 10010001 202
D5(a1)+A2 00100101 202
D6(a2) 01100010 204
E6(a3)+A1 10001010 204
E7(a5) 00010100 206
D5+A1 10001012 208
E8(a7) 00002000 208
A6 20000200 210
D6(a1) 01100012 210
A6+A1 10010100 212
E7(a4) 00010102 212
E6(a1) 20000202 214
D5+A2 00002002 214
D6 21100012 216
E6 20000222 216
D7(a2) 10010101 216
A7 10010110 218
E6(a1)+A1 10010102 218
E7(a3) 20010102 220
E8(b6) 00020002 220
D7(a1) 20002002 222
E6+A1 10010122 222
E7(a2) 01101022 224
E8(a6) 00020020 224
D7 21101101 226
E8(b5) 00020022 226
E7(a1) 21101022 228
E8(a5) 20020020 228
E8(b4) 20020022 230
E7 21101222 232
E8(a4) 20020202 232
E8(a3) 20020222 234
E8(a2) 22202022 236
E8(a1) 22202222 238
E8 22222222 240
"""


def _parse(text):
    rows = []
    for line in text.strip().splitlines():
        label, diagram, dim = line.split()
        rows.append((label, tuple(int(c) for c in diagram), int(dim)))
    return tuple(rows)


#: ``{(type, rank): ((label, diagram, tabulated_dim), ...)}`` in increasing tabulated dimension.
EXCEPTIONAL_TABLES = {("G", 2): _parse(_G2), ("F", 4): _parse(_F4), ("E", 6): _parse(_E6),
                      ("E", 7): _parse(_E7), ("E", 8): _parse(_E8)}


def _label_latex(label: str) -> str:
    out = label.replace("''", "^{\\prime\\prime}").replace("'", "^{\\prime}")
    out = re.sub(r"~([A-Z])(\d)", r"\\tilde{\1}_{\2}", out)
    out = re.sub(r"(?<![{\\a-z])([A-Z])(\d)", r"\1_{\2}", out)
    out = re.sub(r"\(([ab])(\d)\)", r"(\1_{\2})", out)
    return out


@dataclass(frozen=True)
class ExceptionalOrbit:
    """A nilpotent orbit of an exceptional Lie algebra.

    Attributes
    ----------
    cartan_type, rank : the algebra, e.g. ``("E", 8)``.
    label : Bala--Carter label (``~A1`` is the short-root orbit written with a tilde).
    diagram : weighted Dynkin diagram, Bourbaki numbering.
    tabulated_dimension : the dimension printed in the source table.

    Examples
    --------
    >>> o = exceptional_orbits("E", 8)[1]
    >>> o.label, o.diagram, o.dimension
    ('A1', (0, 0, 0, 0, 0, 0, 0, 1), 58)
    >>> o.latex()
    'A_{1}\\\\ (\\\\dim 58)'
    """

    cartan_type: str
    rank: int
    label: str
    diagram: tuple
    tabulated_dimension: int

    @property
    def dimension(self) -> int:
        """Dimension recomputed from the weighted Dynkin diagram (``dim g - dim g_0 - dim g_1``)."""
        return wdd_orbit_dimension(self.cartan_type, self.rank, self.diagram)

    def latex(self) -> str:
        """LaTeX label with the dimension."""
        return f"{_label_latex(self.label)}\\ (\\dim {self.dimension})"

    def _repr_latex_(self) -> str:
        return f"${self.latex()}$"


def exceptional_orbits(cartan_type: str, rank: int) -> list[ExceptionalOrbit]:
    """All nilpotent orbits (zero orbit included) of G2, F4, E6, E7 or E8.

    Parameters
    ----------
    cartan_type : str
        Cartan type, one of "A"-"G" (case-insensitive).
    rank : int
        Rank of the simple Lie algebra.

    Returns
    -------
    list[ExceptionalOrbit]
        All nilpotent orbits (zero orbit included) of G2, F4, E6, E7 or E8.

    Examples
    --------
    >>> [len(exceptional_orbits(t, r)) for t, r in [("G", 2), ("F", 4), ("E", 6), ("E", 7), ("E", 8)]]
    [5, 16, 21, 45, 70]
    >>> [o.label for o in exceptional_orbits("G", 2)]
    ['0', 'A1', '~A1', 'G2(a1)', 'G2']
    """
    t, n = check_cartan_type(cartan_type, rank)
    if (t, n) not in EXCEPTIONAL_TABLES:
        raise InvalidInputError(f"{t}{n} is not exceptional; use nilpotent_orbits for types A-D")
    return [ExceptionalOrbit(t, n, lab, dia, dim) for lab, dia, dim in EXCEPTIONAL_TABLES[(t, n)]]
