"""Finding and running `@theorem` functions in files (the engine of ``mathml prove``).

Examples
--------
>>> import pathlib, tempfile, textwrap
>>> src = textwrap.dedent('''
...     import sympy as sp
...     import mathml as mm
...     @mm.theorem("square of a sum")
...     def square():
...         x, y = sp.symbols('x y')
...         return mm.verify((x + y)**2, x**2 + 2*x*y + y**2)
... ''')
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "algebra.py")
...     _ = path.write_text(src)
...     results = [run_theorem(info) for info in collect_theorems([path])]
>>> [(r.name, r.status.value, r.ok) for r in results]
[('square of a sum', 'proved', True)]
"""
from __future__ import annotations

import concurrent.futures
import fnmatch
import hashlib
import importlib.util
import multiprocessing
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

from .derivation import EXPECTATIONS, Derivation, DerivationReport, TheoremInfo, combine_status
from .errors import MathmlError, TheoremError
from .latex import document, text
from .verdict import Status, Verdict

__all__ = ["TheoremResult", "collect_theorems", "run_theorem", "run_theorems", "theorems_document"]


@dataclass(frozen=True)
class TheoremResult:
    """The outcome of running one theorem."""

    name: str
    source: str
    expect: str
    status: Status
    elapsed: float
    statement: str
    body_latex: str
    summary: str
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when the status is what the theorem's ``expect`` asks for."""
        return self.error is None and self.status in EXPECTATIONS[self.expect]

    def latex(self) -> str:
        mark = "as expected" if self.ok else r"\textbf{NOT as expected}"
        head = r"\subsection*{" + text(self.name) + "}\n"
        if self.statement:
            head += text(self.statement) + "\n\n"
        tail = (f"\n\n\\emph{{Expected: {self.expect}; result: {self.status.value} ({mark}); "
                f"{self.elapsed:.2f} s.}}")
        if self.error:
            tail += "\n\nError: " + text(self.error[-300:])
        return head + self.body_latex + tail

    def _repr_latex_(self) -> str:
        return r"$\text{" + text(self.name) + ": " + self.status.value + "}$"


def _module_name(path: Path) -> str:
    digest = hashlib.sha1(str(path.resolve()).encode()).hexdigest()[:10]
    return f"mathml_proofs_{path.stem}_{digest}"


def _files(paths: Iterable[str | Path]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            files += sorted(f for f in path.rglob("*.py") if not f.name.startswith("_"))
        elif path.is_file() and path.suffix == ".py":
            files.append(path)
        else:
            raise TheoremError(f"{p} is neither a directory nor a .py file")
    return files


def collect_theorems(paths: Iterable[str | Path], only: str | None = None) -> list[TheoremInfo]:
    """Import every theorem file under ``paths`` and return its theorems in file order.

    ``only`` is a shell pattern matched against theorem names (case-insensitive)
    and file names.
    """
    found: list[TheoremInfo] = []
    for path in _files(paths):
        name = _module_name(path)
        module = sys.modules.get(name)
        if module is None:
            spec = importlib.util.spec_from_file_location(name, path)
            module = importlib.util.module_from_spec(spec)
            sys.path.insert(0, str(path.parent.resolve()))
            try:
                sys.modules[name] = module
                spec.loader.exec_module(module)
            except Exception as exc:
                sys.modules.pop(name, None)
                raise TheoremError(f"could not import theorem file {path}: {type(exc).__name__}: {exc}") from exc
            finally:
                sys.path.pop(0)
        for obj in vars(module).values():
            info = getattr(obj, "__mathml_theorem__", None)
            if isinstance(info, TheoremInfo) and getattr(obj, "__module__", None) == name:
                if only and not (fnmatch.fnmatch(info.name.lower(), only.lower())
                                 or fnmatch.fnmatch(path.name, only)):
                    continue
                found.append(_Located(info.name, info.tags, info.expect, info.function, str(path)))
    return found


@dataclass(frozen=True)
class _Located(TheoremInfo):
    source: str = ""


def _items(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            out += _items(v)
        return out
    return [value]


def run_theorem(info: TheoremInfo) -> TheoremResult:
    """Run one theorem function and check its result against ``expect``."""
    start = time.perf_counter()
    source = getattr(info, "source", "")
    try:
        produced = _items(info.function())
        statuses, parts, summary = [], [], []
        for item in produced:
            if isinstance(item, Derivation):
                item = item.verify()
            if isinstance(item, DerivationReport):
                statuses.append(item.status)
                parts.append(item.latex())
                summary.append(str(item))
            elif isinstance(item, Verdict):
                statuses.append(item.status)
                parts.append(item.latex())
                summary.append(str(item))
            else:
                raise TheoremError(f"theorem {info.name!r} returned a {type(item).__name__}; "
                                   "return Derivations, DerivationReports or Verdicts")
        if not produced:
            raise TheoremError(f"theorem {info.name!r} returned nothing")
        status, error = combine_status(statuses), None
    except Exception as exc:  # a failing theorem is reported, not fatal to the run
        status, parts, summary = Status.unknown, [], []
        error = f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, MathmlError):
            error += "\n" + traceback.format_exc(limit=3)
    return TheoremResult(info.name, source, info.expect, status, time.perf_counter() - start,
                         info.statement, "\n\n".join(parts), "\n".join(summary), error)


_POOL_THEOREMS: list[TheoremInfo] = []


def _run_index(i: int) -> TheoremResult:
    return run_theorem(_POOL_THEOREMS[i])


def run_theorems(infos: Sequence[TheoremInfo], *, jobs: int = 1, progress=None) -> list[TheoremResult]:
    """Run theorems (in ``jobs`` forked processes when > 1), calling ``progress(result)``."""
    results: list[TheoremResult | None] = [None] * len(infos)
    if jobs <= 1 or len(infos) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for i, info in enumerate(infos):
            results[i] = run_theorem(info)
            if progress:
                progress(results[i])
        return results  # type: ignore[return-value]
    _POOL_THEOREMS[:] = list(infos)
    ctx = multiprocessing.get_context("fork")
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=ctx) as pool:
        futures = {pool.submit(_run_index, i): i for i in range(len(infos))}
        for fut in concurrent.futures.as_completed(futures):
            i = futures[fut]
            results[i] = fut.result()
            if progress:
                progress(results[i])
    return results  # type: ignore[return-value]


def theorems_document(results: Sequence[TheoremResult], title: str = "mathml: verified theorems") -> str:
    """A LaTeX document with a summary table and every theorem's derivations and verdicts."""
    rows = [f"{text(r.name)} & {text(r.expect)} & {r.status.value} & "
            f"{'yes' if r.ok else 'NO'} \\\\" for r in results]
    table = ("\\section*{Summary}\n\\begin{longtable}{llll}\ntheorem & expected & result & ok \\\\\n"
             "\\hline\n" + "\n".join(rows) + "\n\\end{longtable}\n\n\\section*{Theorems}")
    return document([table] + list(results), title=title)
