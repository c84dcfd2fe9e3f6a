"""Plots for mathml.orbits (the ``plot`` extra: matplotlib is imported when a function is called).

Examples
--------
>>> import matplotlib
>>> matplotlib.use("Agg")
>>> from mathml.orbits.classical import sl_hasse_diagram
>>> from mathml.orbits.plot import plot_hasse
>>> ax = plot_hasse(sl_hasse_diagram(4))
>>> len(ax.texts)   # one label per partition of 4
5
"""
from __future__ import annotations

from typing import Any, Callable

from ..core.errors import InvalidInputError

__all__ = ["plot_hasse"]


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise InvalidInputError("plotting needs matplotlib: pip install 'mathml[plot]'") from exc
    return plt


def _label(node: Any) -> str:
    part = getattr(node, "partition", node)
    text = "[" + ",".join(map(str, part)) + "]" if isinstance(part, tuple) else str(part)
    tag = getattr(node, "label", None)
    return text + (f" {tag}" if tag else "")


def plot_hasse(graph: Any, *, level: Callable[[Any], float] | None = None, ax=None):
    """Draw a Hasse diagram (edges ``bigger -> covered``) with levels from bottom to top.

    Parameters
    ----------
    graph : networkx.DiGraph
        E.g. `mathml.orbits.hasse_diagram` or `sl_hasse_diagram`.
    level : callable, optional
        Height of a node; default its ``dimension`` attribute, else its longest chain from below.
    ax : matplotlib Axes, optional

    Returns
    -------
    matplotlib Axes

    Raises
    ------
    InvalidInputError
        For a graph with a cycle (not a partial order) or without matplotlib.
    """
    import networkx as nx

    if not isinstance(graph, nx.DiGraph) or not nx.is_directed_acyclic_graph(graph):
        raise InvalidInputError("plot_hasse needs a networkx DiGraph without cycles (a Hasse diagram)")
    if level is None:
        dims = nx.get_node_attributes(graph, "dimension")
        if len(dims) == graph.number_of_nodes():
            level = dims.__getitem__
        else:
            height: dict = {}
            for node in reversed(list(nx.topological_sort(graph))):
                height[node] = 1 + max((height[c] for c in graph.successors(node)), default=-1)
            level = height.__getitem__
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=(6, 6))
    rows: dict = {}
    for node in graph.nodes:
        rows.setdefault(level(node), []).append(node)
    pos = {}
    for y, nodes in rows.items():
        nodes.sort(key=_label)
        for i, node in enumerate(nodes):
            pos[node] = (i - (len(nodes) - 1) / 2, y)
    for a, b in graph.edges:
        ax.plot([pos[a][0], pos[b][0]], [pos[a][1], pos[b][1]], color="grey", linewidth=0.8, zorder=1)
    for node, (x, y) in pos.items():
        ax.text(x, y, _label(node), ha="center", va="center", fontsize=8,
                bbox={"boxstyle": "round", "facecolor": "white", "edgecolor": "black"}, zorder=2)
    xs = [p[0] for p in pos.values()] or [0]
    ys = [p[1] for p in pos.values()] or [0]
    ax.set_xlim(min(xs) - 1, max(xs) + 1)
    ax.set_ylim(min(ys) - 1, max(ys) + 1)
    ax.set_xticks([])
    ax.set_ylabel("dimension" if nx.get_node_attributes(graph, "dimension") else "level")
    return ax
