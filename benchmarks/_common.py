"""Timing helpers shared by the benchmark modules."""
from __future__ import annotations

import statistics
import time
from typing import Callable, Sequence

__all__ = ["median_time", "print_table"]


def median_time(fn: Callable[[], object], *, repeat: int = 5, min_time: float = 0.0) -> float:
    """Median wall time of ``fn()`` in seconds over ``repeat`` runs (after one warm-up)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
        if min_time and sum(times) > min_time and len(times) >= 3:
            break
    return statistics.median(times)


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """Print a Markdown table and return its text."""
    def fmt(x: object) -> str:
        if isinstance(x, float):
            return f"{x:.4g}"
        return str(x)

    lines = [f"### {title}", "", "| " + " | ".join(headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(fmt(c) for c in row) + " |" for row in rows]
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    return text
