"""Finding and running `@theorem` functions in files (the engine of ``mathml prove``).

``mathml prove`` runs theorem files the way pytest runs test files: each file is
imported (executed) in the ``mathml`` process, and each theorem then runs in a
forked child process with a deadline (`mathml.core.processes`), so that a
theorem calling ``sys.exit(0)`` or ``os._exit``, looping forever or crashing is
reported as a failure and the run goes on.  ``mathml list`` does not execute
anything: `list_theorems` reads the ``@theorem`` decorators from the syntax tree.

A theorem step reported ``proved`` by a method that is not exact
(`mathml.core.checks.is_exact_method`) is rejected: the theorem fails with a
message that says which step.

Examples
--------
>>> import pathlib, tempfile, textwrap
>>> src = textwrap.dedent('''
...     import sympy as sp
...     import mathml as mm
...     @mm.theorem("square of a sum", source="folklore")
...     def square():
...         x, y = sp.symbols('x y')
...         return mm.verify((x + y)**2, x**2 + 2*x*y + y**2)
... ''')
>>> with tempfile.TemporaryDirectory() as tmp:
...     path = pathlib.Path(tmp, "algebra.py")
...     _ = path.write_text(src)
...     listed = [(e.name, e.citation) for e in list_theorems([path])]
...     results = run_theorems(collect_theorems([path]))
>>> listed
[('square of a sum', 'folklore')]
>>> [(r.name, r.status.value, r.ok) for r in results]
[('square of a sum', 'proved', True)]
"""
from __future__ import annotations

import ast
import contextlib
import fnmatch
import hashlib
import importlib.util
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from .checks import is_exact_method
from .derivation import EXPECTATIONS, Derivation, DerivationReport, TheoremInfo, combine_status
from .errors import InvalidInputError, MathmlError, TheoremError
from .latex import text
from .processes import Outcome, run_many_isolated
from .verdict import Status, Verdict

__all__ = ["TheoremResult", "ListedTheorem", "collect_theorems", "list_theorems", "run_theorem",
           "run_theorems", "theorems_document", "load_module", "theorem_files", "failed_result", "warm_up",
           "DEFAULT_TIMEOUT"]

#: Seconds a theorem may run under ``mathml prove`` before it is stopped and reported failed.
DEFAULT_TIMEOUT = 600.0


@dataclass(frozen=True)
class TheoremResult:
    """The outcome of running one theorem.

    ``source`` is the theorem file, ``citation`` where the statement comes from
    (``@theorem(..., source=...)``), ``body_latex`` the rendered derivations and
    verdicts, ``methods`` the verdict methods, ``cached`` whether the result came
    from the result cache.
    """

    name: str
    source: str
    expect: str
    status: Status
    elapsed: float
    statement: str
    body_latex: str
    summary: str
    error: str | None = None
    citation: str | None = None
    methods: tuple[str, ...] = ()
    cached: bool = field(default=False, compare=False)

    @property
    def ok(self) -> bool:
        """True when the status is what the theorem's ``expect`` asks for."""
        return self.error is None and self.status in EXPECTATIONS[self.expect]

    def latex(self) -> str:
        """The theorem as a LaTeX fragment: heading, statement, body, verdict."""
        mark = "as expected" if self.ok else r"\textbf{NOT as expected}"
        head = r"\subsection*{" + text(self.name) + "}\n"
        if self.statement:
            head += text(self.statement) + "\n\n"
        tail = f"\n\n\\emph{{Expected: {self.expect}; result: {self.status.value} ({mark}).}}"
        if self.error:
            tail += "\n\nError: " + text(self.error[-300:])
        return head + self.body_latex + tail

    def _repr_latex_(self) -> str:
        from .texsafe import escape_text

        return r"$\displaystyle \text{" + escape_text(self.name) + ": " + self.status.value + "}$"

    def __repr__(self) -> str:
        return f"TheoremResult({self.name!r}, {self.status.value}, ok={self.ok}, {self.elapsed:.2f} s)"


@dataclass(frozen=True)
class ListedTheorem:
    """A theorem found statically in a file (`list_theorems`): nothing was executed."""

    name: str
    expect: str
    tags: tuple[str, ...]
    citation: str | None
    source: str
    line: int


@dataclass(frozen=True)
class _Located(TheoremInfo):
    source: str = ""


def theorem_files(paths: Iterable[str | Path]) -> list[Path]:
    """The ``.py`` files under ``paths`` (directories recursively; hidden and ``_`` names skipped).

    Raises
    ------
    TheoremError
        When a path is neither a directory nor a ``.py`` file.

    Examples
    --------
    >>> theorem_files(["no/such/dir"])
    Traceback (most recent call last):
    ...
    mathml.core.errors.TheoremError: no/such/dir is neither a directory nor a .py file
    """
    files: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*.py")):
                rel = f.relative_to(path).parts
                if not any(part.startswith((".", "_")) for part in rel):
                    files.append(f)
        elif path.is_file() and path.suffix == ".py":
            files.append(path)
        else:
            raise TheoremError(f"{p} is neither a directory nor a .py file")
    return files


def _module_name(path: Path, source: str) -> str:
    digest = hashlib.sha1((str(path.resolve()) + "\0" + source).encode()).hexdigest()[:12]
    return f"mathml_proofs_{path.stem}_{digest}"


def load_module(path: str | Path, source: str | None = None):
    """Import (execute) one theorem file; ``source`` overrides the file's text (remote workers).

    Raises
    ------
    TheoremError
        When the file cannot be read or raises while it is imported.
    """
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8") if source is None else source
    except OSError as exc:
        raise TheoremError(f"could not read theorem file {path}: {exc}") from exc
    name = _module_name(path, source)
    module = sys.modules.get(name)
    if module is not None:
        return module
    spec = importlib.util.spec_from_loader(name, loader=None, origin=str(path))
    module = importlib.util.module_from_spec(spec)
    module.__file__ = str(path)
    sys.path.insert(0, str(path.parent.resolve()))
    sys.modules[name] = module
    try:
        exec(compile(source, str(path), "exec"), module.__dict__)  # noqa: S102 - theorem files are code
    except BaseException as exc:  # SystemExit in a file is an import failure too
        sys.modules.pop(name, None)
        raise TheoremError(f"could not import theorem file {path}: {type(exc).__name__}: {exc}") from None
    finally:
        sys.path.remove(str(path.parent.resolve()))
    return module


def _matches(only: str | None, name: str, path: Path) -> bool:
    return not only or fnmatch.fnmatch(name.lower(), only.lower()) or fnmatch.fnmatch(path.name, only)


def collect_theorems(paths: Iterable[str | Path], only: str | None = None) -> list[TheoremInfo]:
    """Import every theorem file under ``paths`` and return its theorems in file order.

    ``only`` is a shell pattern matched against theorem names (case-insensitive)
    and file names.  Importing executes the files (as pytest does).

    Raises
    ------
    TheoremError
        For a missing path or a file that fails to import.
    """
    found: list[TheoremInfo] = []
    for path in theorem_files(paths):
        module = load_module(path)
        for obj in vars(module).values():
            info = getattr(obj, "__mathml_theorem__", None)
            if isinstance(info, TheoremInfo) and getattr(obj, "__module__", None) == module.__name__:
                if _matches(only, info.name, path):
                    found.append(_Located(info.name, info.tags, info.expect, info.function,
                                          info.citation, str(path)))
    return found


def _literal(node: ast.AST | None, default: Any = None) -> Any:
    if node is None:
        return default
    try:
        return ast.literal_eval(node)
    except (ValueError, SyntaxError, TypeError):
        return "<computed: " + ast.unparse(node)[:60] + ">"


def _is_theorem_call(node: ast.AST) -> bool:
    func = node.func if isinstance(node, ast.Call) else None
    return (isinstance(func, ast.Name) and func.id == "theorem") or (
        isinstance(func, ast.Attribute) and func.attr == "theorem")


def list_theorems(paths: Iterable[str | Path], only: str | None = None) -> list[ListedTheorem]:
    """The theorems in files, read statically from the ``@theorem(...)`` decorators.

    No file is imported or executed.  Arguments that are not literals are shown
    as ``<computed: ...>``.

    Raises
    ------
    TheoremError
        For a missing path or a file with a syntax error.
    """
    found = []
    for path in theorem_files(paths):
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        except (SyntaxError, ValueError, OSError) as exc:
            raise TheoremError(f"could not read theorem file {path}: {type(exc).__name__}: {exc}") from None
        for node in ast.walk(tree):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for deco in node.decorator_list:
                if not _is_theorem_call(deco):
                    continue
                kw = {k.arg: k.value for k in deco.keywords if k.arg}
                name = _literal(deco.args[0] if deco.args else kw.get("name"), node.name)
                tags = _literal(kw.get("tags"), ())
                if isinstance(tags, str):
                    tags = (tags,)
                tags = tuple(tags) if isinstance(tags, (list, tuple)) else ()
                if _matches(only, str(name), path):
                    found.append(ListedTheorem(str(name), str(_literal(kw.get("expect"), "holds")), tags,
                                               _literal(kw.get("source")), str(path), node.lineno))
    return found


def _items(value: Any) -> list[Any]:
    if isinstance(value, (list, tuple)):
        out = []
        for v in value:
            out += _items(v)
        return out
    return [value]


def _inexact_proof(verdicts: Sequence[Verdict]) -> str | None:
    for i, v in enumerate(verdicts):
        if v.status == Status.proved and not is_exact_method(v.method):
            return (f"verdict {i + 1} is reported proved by the inexact method {v.method!r}; proved is "
                    "reserved for exact computations (mathml.core.checks.is_exact_method): use "
                    "mathml.core.checks (check_close gives consistent for numeric evidence)")
    return None


def run_theorem(info: TheoremInfo) -> TheoremResult:
    """Run one theorem function in this process and check its result against ``expect``.

    Exceptions are reported in the result; ``mathml prove`` calls this inside
    a forked child (`run_theorems`).
    """
    from .catalogue import item_latex  # late: catalogue renders with this module's types

    start = time.perf_counter()
    source = getattr(info, "source", "")
    statuses, parts, summary, methods = [], [], [], []
    try:
        produced = _items(info.function())
        verdicts: list[Verdict] = []
        for item in produced:
            if isinstance(item, Derivation):
                item = item.verify()
            if isinstance(item, DerivationReport):
                verdicts += list(item.verdicts)
            elif isinstance(item, Verdict):
                verdicts.append(item)
            else:
                raise TheoremError(f"theorem {info.name!r} returned a {type(item).__name__}; "
                                   "return Derivations, DerivationReports or Verdicts")
            statuses.append(item.status)
            parts.append(item_latex(item))
            summary.append(str(item))
        if not produced:
            raise TheoremError(f"theorem {info.name!r} returned nothing")
        methods = [v.method for v in verdicts]
        status, error = combine_status(statuses), _inexact_proof(verdicts)
    except Exception as exc:  # a failing theorem is reported, not fatal to the run
        status, parts = Status.unknown, []
        error = f"{type(exc).__name__}: {exc}"
        if not isinstance(exc, MathmlError):
            error += "\n" + traceback.format_exc(limit=3)
    return TheoremResult(info.name, source, info.expect, status, time.perf_counter() - start,
                         info.statement, "\n\n".join(parts), "\n".join(summary), error,
                         getattr(info, "citation", None), tuple(dict.fromkeys(methods)))


_WARM = []


def warm_up() -> None:
    """Run one small verification in this process (once), so that forked children start warm.

    Each theorem runs in a forked child; sympy's caches and lazy imports filled
    here are inherited instead of being rebuilt in every child (about 2x more
    theorems per second on the benchmark catalogue).
    """
    if _WARM:
        return
    _WARM.append(True)
    import sympy as sp

    from .verify import verify

    x = sp.Symbol("x", real=True)
    f = sp.Function("f")
    with contextlib.suppress(Exception):
        verify(sp.Integral(x * f(x).diff(x), (x, 0, 1)) + sp.sin(x)**2,
               f(1) - sp.Integral(f(x), (x, 0, 1)) + 1 - sp.cos(x)**2, points=4, timeout=2)


def failed_result(info: TheoremInfo, error: str, elapsed: float) -> TheoremResult:
    """The result of a theorem whose process did not return (exit, crash, timeout)."""
    return TheoremResult(info.name, getattr(info, "source", ""), info.expect, Status.unknown, elapsed,
                         info.statement, "", "", error, getattr(info, "citation", None))


def _from_outcome(info: TheoremInfo, outcome: Outcome) -> TheoremResult:
    if outcome.ok and isinstance(outcome.value, TheoremResult):
        return outcome.value
    return failed_result(info, f"theorem {info.name!r}: {outcome.error}", outcome.elapsed)


def run_theorems(infos: Sequence[TheoremInfo], *, jobs: int = 1, timeout: float | None = DEFAULT_TIMEOUT,
                 progress: Callable[[TheoremResult], None] | None = None) -> list[TheoremResult]:
    """Run theorems, each in its own forked child (``jobs`` at a time), calling ``progress(result)``.

    Parameters
    ----------
    infos : sequence of TheoremInfo
    jobs : int
        Children running at once.
    timeout : float or None
        Seconds per theorem; a theorem still running then is killed and reported failed.
    progress : callable, optional

    Returns
    -------
    list of TheoremResult
        In the order of ``infos``.

    Raises
    ------
    InvalidInputError
        For ``jobs < 1`` or a non-positive timeout.
    """
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise InvalidInputError(f"jobs must be an int >= 1, got {jobs!r}")
    results: list[TheoremResult | None] = [None] * len(infos)

    def done(i: int, outcome: Outcome) -> None:
        results[i] = _from_outcome(infos[i], outcome)
        if progress:
            progress(results[i])

    if len(infos) > 1:
        warm_up()
    run_many_isolated([(run_theorem, (info,)) for info in infos], jobs=jobs, timeout=timeout, on_done=done)
    return results  # type: ignore[return-value]


def theorems_document(results: Sequence[TheoremResult], title: str = "mathml: verified theorems",
                      **options: Any) -> str:
    """The catalogue as a LaTeX document (see `mathml.core.catalogue.catalogue_document`)."""
    from .catalogue import catalogue_document

    return catalogue_document(results, title=title, **options)
