"""The ``mathml`` command: list, prove, verify, latex.

Exit codes: 0 success (every theorem as expected; an identity that holds),
1 a theorem not as expected or an identity refuted/undecided, 2 bad input or
an error (never a traceback).

``mathml prove`` imports (executes) the theorem files, as pytest does with
test files, and runs each theorem in a child process with a deadline
(``--timeout``); ``mathml list`` only reads the files' syntax trees.  Run as a
command, no process it starts outlives it (SIGTERM and SIGINT included).

Examples
--------
>>> main(["verify", "sin(x)^2 + cos(x)^2", "1", "--points", "8"])
proved (...)...
0
>>> main(["verify", "__import__('os').system('true')"])
2
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Sequence

from ._version import __version__
from .core.errors import MathmlError, ParseError
from .core.latex import latex
from .core.parsing import parse_expr, parse_relation

__all__ = ["main", "build_parser"]

_ASSUMPTIONS = ("real", "positive", "negative", "nonnegative", "integer", "rational", "complex")


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mathml`` command.

    Examples
    --------
    >>> build_parser().parse_args(["prove", "proofs", "--jobs", "2"]).jobs
    2
    """
    parser = argparse.ArgumentParser(
        prog="mathml", description="mathml: derive, verify, write papers.",
        epilog="exit codes: 0 success, 1 a theorem/identity did not hold as expected, 2 bad input or error")
    parser.add_argument("--version", action="version", version=f"mathml {__version__}",
                        help="print the mathml version and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("list", help="list the theorems in files or directories (reads them, runs nothing)",
                       description="List @theorem functions statically, from the files' syntax trees: "
                                   "no theorem file is imported or executed.")
    p.add_argument("paths", nargs="*", default=["proofs"], metavar="PATH",
                   help="theorem files or directories searched recursively (default: proofs)")
    p.add_argument("--only", metavar="PATTERN", help="shell pattern on theorem names or file names")

    p = sub.add_parser(
        "prove", help="run every theorem and optionally write a LaTeX/PDF document",
        description="Run theorems. Like pytest with test files, this IMPORTS (executes) the theorem "
                    "files; each theorem then runs in its own child process with a deadline.")
    p.add_argument("paths", nargs="*", default=["proofs"], metavar="PATH",
                   help="theorem files or directories searched recursively (default: proofs)")
    p.add_argument("--only", metavar="PATTERN", help="shell pattern on theorem names or file names")
    p.add_argument("--latex", metavar="FILE", help="write the catalogue as a LaTeX document to FILE")
    p.add_argument("--pdf", action="store_true", help="also compile FILE with pdflatex (needs --latex)")
    p.add_argument("--title", default="mathml: verified theorems", help="title of the LaTeX document")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="run N theorems at once (default 1)")
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop a theorem after SECONDS and report it failed (default 600)")
    p.add_argument("--no-cache", action="store_true",
                   help="run every theorem even when an identical earlier result is cached")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="result cache directory (default $MATHML_CACHE_DIR or ~/.cache/mathml)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on dask.distributed: tcp://HOST:PORT of a scheduler, or local:N for a "
                        "LocalCluster of N worker processes (needs the 'parallel' extra)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (it is off when not a TTY)")

    p = sub.add_parser("verify", help="verify LHS = RHS (strings parsed safely)",
                       description="Verify an identity. LHS may be 'lhs = rhs'; RHS defaults to 0.")
    p.add_argument("lhs", help="left-hand side, or the whole identity 'lhs = rhs'")
    p.add_argument("rhs", nargs="?", default=None, help="right-hand side (default 0)")
    p.add_argument("--points", type=int, default=24, metavar="N", help="random sample points (default 24)")
    p.add_argument("--dps", type=int, default=30, metavar="D",
                   help="significant digits required (default 30)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS",
                   help="time budget of the verification (default 5)")
    p.add_argument("--assume", action="append", default=[], metavar="REL",
                   help="an assumption such as 'x>0', 'x>=0', 'x<0', 'x<=0', 'x!=0' (repeatable)")
    for kind in _ASSUMPTIONS:
        p.add_argument(f"--{kind}", action="append", default=[], metavar="NAME",
                       help=f"declare the symbol NAME {kind} (repeatable; comma-separated names accepted)")
    p.add_argument("--domain", action="append", default=[], metavar="NAME=LOW:HIGH",
                   help="sample NAME in [LOW, HIGH], e.g. 'x=0:pi/2' (repeatable)")
    p.add_argument("--rigorous", action="store_true",
                   help="confirm counterexamples with Arb balls (python-flint)")

    p = sub.add_parser("latex", help="print the LaTeX of an expression or relation")
    p.add_argument("expr", help="an expression or relation, e.g. 'exp(-x^2/2)' or 'a = b'")
    return parser


# -- verify ------------------------------------------------------------------------------------
def _names(values: list[str]) -> list[str]:
    out = []
    for value in values:
        for name in value.split(","):
            name = name.strip()
            if not name.isidentifier() or name.startswith("_"):
                raise ParseError(f"{name!r} is not a symbol name; expected names such as x or alpha")
            out.append(name)
    return out


def _assumption(text: str) -> tuple[str, str]:
    import sympy as sp

    rel = parse_relation(text)
    table = {(sp.StrictGreaterThan, 0): "positive", (sp.GreaterThan, 0): "nonnegative",
             (sp.StrictLessThan, 0): "negative", (sp.LessThan, 0): "nonpositive",
             (sp.Unequality, 0): "nonzero"}
    if isinstance(rel, sp.Rel) and isinstance(rel.lhs, sp.Symbol) and rel.rhs == 0 \
            and (type(rel), 0) in table:
        return rel.lhs.name, table[(type(rel), 0)]
    raise ParseError(f"--assume {text!r} is not understood; accepted: 'x>0', 'x>=0', 'x<0', 'x<=0', "
                     "'x!=0' (use --domain 'x=a:b' for intervals and --real/--integer for types)")


def _symbols(args) -> dict:
    import sympy as sp

    facts: dict[str, dict[str, bool]] = {}
    for kind in _ASSUMPTIONS:
        for name in _names(getattr(args, kind)):
            facts.setdefault(name, {})[kind] = True
    for text in args.assume:
        name, kind = _assumption(text)
        facts.setdefault(name, {})[kind] = True
    symbols = {}
    for name, kw in facts.items():
        try:
            symbols[name] = sp.Symbol(name, **kw)
        except Exception as exc:  # sympy: inconsistent assumptions
            raise ParseError(f"the assumptions {sorted(kw)} on {name} contradict each other: {exc}") from None
    return symbols


def _domain(args, symbols: dict) -> dict | None:
    domain = {}
    for item in args.domain:
        name, eq, bounds = item.partition("=")
        low, colon, high = bounds.partition(":")
        if not eq or not colon or not name.strip().isidentifier():
            raise ParseError(f"--domain {item!r} is not understood; accepted: NAME=LOW:HIGH such as 'x=0:1'")
        name = name.strip()
        domain[symbols.get(name, name)] = (parse_expr(low), parse_expr(high))
    return domain or None


def _verify(args) -> int:
    from .core.verify import verify

    symbols = _symbols(args)
    if args.rhs is None:
        rel = parse_relation(args.lhs, symbols=symbols)
        lhs, rhs = (rel.lhs, rel.rhs) if hasattr(rel, "rel_op") and rel.rel_op == "==" else (rel, 0)
        if hasattr(rel, "rel_op") and rel.rel_op != "==":
            raise ParseError(f"verify checks identities 'lhs = rhs'; got the relation {args.lhs!r}")
    else:
        lhs, rhs = parse_expr(args.lhs, symbols=symbols), parse_expr(args.rhs, symbols=symbols)
    verdict = verify(lhs, rhs, points=args.points, dps=args.dps, seed=args.seed, timeout=args.timeout,
                     domain=_domain(args, symbols), rigorous=args.rigorous)
    print(verdict)
    return 0 if verdict.holds else 1


# -- prove -------------------------------------------------------------------------------------
def _check_output(args) -> Path | None:
    if args.latex is None:
        if args.pdf:
            raise MathmlError("--pdf needs --latex FILE (the PDF is written next to FILE)")
        return None
    if not args.latex.strip():
        raise MathmlError("--latex needs a file name, got an empty string")
    out = Path(args.latex)
    if out.is_dir():
        raise MathmlError(f"--latex {out} is a directory; give a file name such as {out / 'proofs.tex'}")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        existed = out.exists()
        with open(out, "a", encoding="utf-8"):
            pass
        if not existed:
            out.unlink()
    except OSError as exc:
        raise MathmlError(f"cannot write the LaTeX file {out}: {exc.strerror or exc}") from None
    return out


def _prove(args) -> int:
    from .core.cache import ResultCache
    from .core.progress import progress_bar
    from .core.theorems import DEFAULT_TIMEOUT, collect_theorems, run_theorems, theorems_document

    if args.jobs < 1:
        raise MathmlError(f"--jobs must be >= 1, got {args.jobs}")
    timeout = DEFAULT_TIMEOUT if args.timeout is None else args.timeout
    if not timeout > 0:
        raise MathmlError(f"--timeout must be positive seconds, got {args.timeout}")
    out = _check_output(args)
    infos = collect_theorems(args.paths, only=args.only)
    if not infos:
        print(f"no theorems found in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    cache = None if args.no_cache else ResultCache(args.cache_dir)
    total, start = len(infos), time.perf_counter()
    bar = progress_bar(total, desc="prove", enabled=False if args.no_progress else None)
    done = [0]

    def progress(r):
        done[0] += 1
        mark = "ok  " if r.ok else "FAIL"
        note = " (cached)" if r.cached else ""
        lines = [f"[{done[0]:>3}/{total}] {mark} {r.status.value:<10} (expect {r.expect:<9}) "
                 f"{r.elapsed:6.2f}s  {r.name}{note}"]
        if not r.ok:
            lines.append("        " + (r.error or r.summary).replace("\n", "\n        "))
        bar.write("\n".join(lines))
        bar.update(1)

    try:
        results: list = [None] * total
        todo = []
        for i, info in enumerate(infos):
            hit = cache.get(info) if cache else None
            if hit is not None:
                results[i] = hit
                progress(hit)
            else:
                todo.append(i)
        if args.scheduler:
            from .core.cluster import run_theorems_on_dask

            fresh = run_theorems_on_dask([infos[i] for i in todo], args.scheduler, timeout=timeout,
                                         progress=progress)
        else:
            fresh = run_theorems([infos[i] for i in todo], jobs=args.jobs, timeout=timeout, progress=progress)
        for i, r in zip(todo, fresh):
            results[i] = r
            if cache:
                cache.put(infos[i], r)
    finally:
        bar.close()
    bad = [r for r in results if not r.ok]
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    print(f"\n{'status':<12}{'theorems':>9}")
    for status in ("proved", "consistent", "disproved", "unknown"):
        print(f"{status:<12}{counts.get(status, 0):>9}")
    cached = sum(1 for r in results if r.cached)
    print(f"\n{total - len(bad)} of {total} theorems as expected, {len(bad)} not, "
          f"in {time.perf_counter() - start:.1f} s" + (f" ({cached} from the cache)" if cached else ""))
    if out is not None:
        _write_document(out, theorems_document(results, title=args.title), args.pdf)
    return 1 if bad else 0


def _write_document(out: Path, tex: str, pdf: bool) -> None:
    from .core.latex import build_pdf

    try:
        out.write_text(tex, encoding="utf-8")
    except OSError as exc:
        raise MathmlError(f"cannot write the LaTeX file {out}: {exc.strerror or exc}") from None
    print(f"LaTeX written to {out}")
    if pdf:
        build = build_pdf(out)
        print(f"PDF written to {build.pdf} ({build.pages} pages, {build.runs} pdflatex runs); "
              f"{build.summary()}; log: {build.log}")
        serious = [w for w in build.warnings if not w.startswith("Underfull")]
        for warning in serious[:20]:
            print("  latex warning: " + warning)


# -- entry point -------------------------------------------------------------------------------
def _dispatch(args) -> int:
    if args.command == "list":
        from .core.theorems import list_theorems

        listed = list_theorems(args.paths, only=args.only)
        for t in listed:
            cite = f"  ({t.citation})" if t.citation else ""
            print(f"{t.name}  [expect {t.expect}]  {t.source}:{t.line}{cite}")
        print(f"{len(listed)} theorems (listed from the syntax tree; no file was executed)", file=sys.stderr)
        return 0
    if args.command == "prove":
        return _prove(args)
    if args.command == "verify":
        return _verify(args)
    if args.command == "latex":
        print(latex(parse_relation(args.expr)))
        return 0
    return 2  # pragma: no cover - argparse enforces the subcommands


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0, 1 or 2).

    Called without ``argv`` (as the installed command or ``python -m mathml``)
    it also guards its child processes: SIGTERM/SIGINT and normal exit kill
    every process it started (`mathml.core.processes.ProcessGuard`).

    Examples
    --------
    >>> main(["latex", "a = b"])
    a = b
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help/--version exit 0
        return int(exc.code or 0)
    if argv is None:
        from .core.processes import ProcessGuard

        with ProcessGuard(restore=False):
            return _run(args)
    return _run(args)


def _run(args) -> int:
    limit = sys.get_int_max_str_digits()
    if 0 < limit < 200_000:  # the parser allows 100000-digit results: print them (restored afterwards)
        sys.set_int_max_str_digits(200_000)
    try:
        return _run_guarded(args)
    finally:
        sys.set_int_max_str_digits(limit)


def _run_guarded(args) -> int:
    try:
        return _dispatch(args)
    except MathmlError as exc:
        print(f"mathml: error: {exc}", file=sys.stderr)
        return 2
    except (RecursionError, MemoryError) as exc:
        print(f"mathml: error: the input is too large or too deeply nested ({type(exc).__name__})",
              file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("mathml: interrupted", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a command line never shows a traceback
        print(f"mathml: internal error: {type(exc).__name__}: {exc} (please report this with the command "
              "line that caused it)", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
