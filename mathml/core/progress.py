"""Progress bars for long computations (``mathml prove``, `mathml.sweep`, fits).

`progress_bar` gives a tqdm bar when tqdm is installed and the output is a
terminal (or a notebook, where ``tqdm.auto`` picks the widget), and a silent
stand-in otherwise; ``enabled=False`` (or the environment variable
``MATHML_PROGRESS=0``) switches it off.  Lines written through ``bar.write``
are printed above the bar (or plainly when there is no bar).

Examples
--------
>>> from mathml.core.progress import progress_bar
>>> bar = progress_bar(3, desc="demo", enabled=False)
>>> for _ in range(3):
...     bar.update(1)
>>> bar.write("done")
done
>>> bar.n
3
>>> bar.close()
"""
from __future__ import annotations

import os
import sys
from typing import Any

__all__ = ["progress_bar", "SilentBar"]


class SilentBar:
    """A progress bar that draws nothing; ``write`` prints to stdout."""

    def __init__(self, total: int | None = None):
        self.total, self.n = total, 0

    def update(self, n: int = 1) -> None:
        """Count ``n`` more items done."""
        self.n += n

    def write(self, line: str) -> None:
        """Print a line."""
        print(line, flush=True)

    def close(self) -> None:
        """Nothing to close."""

    def __enter__(self) -> "SilentBar":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


class _TqdmBar(SilentBar):
    def __init__(self, total: int | None, desc: str, notebook: bool):
        super().__init__(total)
        if notebook:
            from tqdm.auto import tqdm
        else:
            from tqdm import tqdm
        self._tqdm = tqdm
        self._bar = tqdm(total=total, desc=desc, unit="item", leave=False, dynamic_ncols=True,
                         file=sys.stderr)

    def update(self, n: int = 1) -> None:
        self.n += n
        self._bar.update(n)

    def write(self, line: str) -> None:
        self._tqdm.write(line, file=sys.stdout)

    def close(self) -> None:
        self._bar.close()


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    try:
        return shell is not None and type(shell.get_ipython()).__name__ == "ZMQInteractiveShell"
    except Exception:  # noqa: BLE001
        return False


def progress_bar(total: int | None, *, desc: str = "", enabled: bool | None = None) -> SilentBar:
    """A progress bar over ``total`` items.

    Parameters
    ----------
    total : int or None
    desc : str
        Label shown left of the bar.
    enabled : bool or None
        None: on when tqdm is installed, ``MATHML_PROGRESS`` is not ``0`` and
        stderr is a terminal (or in a Jupyter notebook).  False: never.

    Returns
    -------
    SilentBar
        With ``update(n)``, ``write(line)`` and ``close()``.

    Examples
    --------
    >>> type(progress_bar(10, enabled=False)).__name__
    'SilentBar'
    """
    notebook = _in_notebook()
    if enabled is None:
        enabled = os.environ.get("MATHML_PROGRESS", "1") != "0" and (notebook or sys.stderr.isatty())
    if not enabled:
        return SilentBar(total)
    try:
        return _TqdmBar(total, desc, notebook)
    except ImportError:
        return SilentBar(total)
