"""Run benchmark areas: ``python -m benchmarks core gauge``; no argument runs all."""
from __future__ import annotations

import importlib
import pathlib
import sys

AREAS = sorted(p.stem for p in pathlib.Path(__file__).parent.glob("*.py")
               if not p.stem.startswith("_"))


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    areas = args or AREAS
    unknown = [a for a in areas if a not in AREAS]
    if unknown:
        print(f"unknown benchmark area(s) {unknown}; available: {AREAS}", file=sys.stderr)
        return 2
    for area in areas:
        importlib.import_module(f"benchmarks.{area}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
