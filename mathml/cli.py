"""The ``mathml`` command: list, prove, verify, latex.

Exit codes: 0 success (every theorem as expected; an identity that holds),
1 a theorem not as expected or an identity refuted/undecided, 2 bad input.

Examples
--------
>>> main(["verify", "sin(x)^2 + cos(x)^2", "1", "--points", "8"])
proved (symbolic: exp rewrite; numeric check: mpmath 30 digits, 8 points)...
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

from .core.errors import MathmlError
from .core.latex import compile_pdf, latex
from .core.parsing import parse_expr, parse_relation
from .core.theorems import collect_theorems, run_theorems, theorems_document
from .core.verify import verify

__all__ = ["main", "build_parser"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``mathml`` command."""
    parser = argparse.ArgumentParser(prog="mathml", description="mathml: derive, verify, write papers.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list the theorems in files or directories")
    p.add_argument("paths", nargs="*", default=["proofs"])

    p = sub.add_parser("prove", help="verify every theorem and optionally write LaTeX")
    p.add_argument("paths", nargs="*", default=["proofs"])
    p.add_argument("--only", help="shell pattern on theorem names or file names")
    p.add_argument("--latex", metavar="FILE", help="write a LaTeX document here")
    p.add_argument("--pdf", action="store_true", help="also compile the LaTeX with pdflatex")
    p.add_argument("--jobs", type=int, default=1, help="theorems run in N processes")

    p = sub.add_parser("verify", help="verify LHS = RHS (strings parsed safely)")
    p.add_argument("lhs")
    p.add_argument("rhs", nargs="?", default=None)
    p.add_argument("--points", type=int, default=24)
    p.add_argument("--dps", type=int, default=30)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--timeout", type=float, default=5.0)

    p = sub.add_parser("latex", help="print the LaTeX of an expression")
    p.add_argument("expr")
    return parser


def _prove(args) -> int:
    infos = collect_theorems(args.paths, only=args.only)
    if not infos:
        print(f"no theorems found in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    if args.jobs < 1:
        raise MathmlError(f"--jobs must be >= 1, got {args.jobs}")
    total = len(infos)
    counter = iter(range(1, total + 1))
    start = time.perf_counter()

    def progress(r):
        mark = "ok  " if r.ok else "FAIL"
        print(f"[{next(counter):>3}/{total}] {mark} {r.status.value:<10} (expect {r.expect:<9}) "
              f"{r.elapsed:6.2f}s  {r.name}", flush=True)
        if not r.ok:
            print("        " + (r.error or r.summary).replace("\n", "\n        "), flush=True)

    results = run_theorems(infos, jobs=args.jobs, progress=progress)
    bad = [r for r in results if not r.ok]
    counts = {}
    for r in results:
        counts[r.status.value] = counts.get(r.status.value, 0) + 1
    print(f"\n{'status':<12}{'theorems':>9}")
    for status in ("proved", "consistent", "disproved", "unknown"):
        print(f"{status:<12}{counts.get(status, 0):>9}")
    print(f"\n{total - len(bad)} of {total} theorems as expected, {len(bad)} not, "
          f"in {time.perf_counter() - start:.1f} s")
    if args.latex:
        out = Path(args.latex)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(theorems_document(results), encoding="utf-8")
        print(f"LaTeX written to {out}")
        if args.pdf:
            print(f"PDF written to {compile_pdf(out)}")
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse reports usage errors with code 2
        return int(exc.code or 0)
    try:
        if args.command == "list":
            for info in collect_theorems(args.paths):
                print(f"{info.name}  [expect {info.expect}]  {info.source}")
            return 0
        if args.command == "prove":
            return _prove(args)
        if args.command == "verify":
            lhs = parse_relation(args.lhs) if args.rhs is None else parse_expr(args.lhs)
            rhs = 0 if args.rhs is None else parse_expr(args.rhs)
            verdict = verify(lhs, rhs, points=args.points, dps=args.dps, seed=args.seed,
                             timeout=args.timeout)
            print(verdict)
            return 0 if verdict.holds else 1
        if args.command == "latex":
            print(latex(parse_relation(args.expr)))
            return 0
    except MathmlError as exc:
        print(f"mathml: error: {exc}", file=sys.stderr)
        return 2
    return 2  # pragma: no cover - argparse enforces the subcommands


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
