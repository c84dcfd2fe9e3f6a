"""mathml.orbits.plot: Hasse diagrams drawn at the orbit dimensions."""
import matplotlib
import networkx as nx
import pytest

from mathml.core.errors import InvalidInputError
from mathml.orbits.classical import hasse_diagram, sl_hasse_diagram
from mathml.orbits.plot import plot_hasse

matplotlib.use("Agg")


def test_nilpotent_orbits_are_drawn_at_their_dimension():
    g = hasse_diagram("C", 3)
    ax = plot_hasse(g)
    heights = sorted(t.get_position()[1] for t in ax.texts)
    assert heights == sorted(d for _, d in g.nodes(data="dimension"))
    assert len(ax.lines) == g.number_of_edges()
    # sp_6: the regular orbit has dimension dim g - rank = 21 - 3 = 18 (independent: Collingwood-McGovern)
    assert max(heights) == 18


def test_partitions_without_dimensions_use_chain_levels():
    g = sl_hasse_diagram(5)  # 7 partitions of 5, dominance is a chain of length 6 here
    ax = plot_hasse(g)
    assert len(ax.texts) == 7 and max(t.get_position()[1] for t in ax.texts) == 6


def test_cycles_are_rejected():
    with pytest.raises(InvalidInputError):
        plot_hasse(nx.DiGraph([(1, 2), (2, 1)]))
