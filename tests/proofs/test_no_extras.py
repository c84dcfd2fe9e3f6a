"""README's first command needs no extras: every module of mathml (but `mathml.strategies`, which is
for users' hypothesis tests) and every theorem file imports with the optional packages blocked.

Independent of the fresh-venv run in .ci/run: here the extras are made unimportable in a subprocess,
so a top-level ``import matplotlib`` (or dask, tqdm, pandas, hypothesis, pytest) anywhere fails this test.
"""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXTRAS = ("matplotlib", "dask", "distributed", "tqdm", "pandas", "hypothesis", "pytest")

SCRIPT = r"""
import importlib, importlib.abc, pkgutil, sys
EXTRAS = %r

class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in EXTRAS:
            raise ImportError(f"blocked optional extra: {name}")
        return None

sys.meta_path.insert(0, Block())
import mathml
failed = []
for info in pkgutil.walk_packages(mathml.__path__, "mathml."):
    if info.name in ("mathml.strategies", "mathml.__main__"):
        continue
    try:
        importlib.import_module(info.name)
    except ImportError as exc:
        failed.append(f"{info.name}: {exc}")
from mathml.core.theorems import collect_theorems
try:
    collect_theorems([%r])
except Exception as exc:
    failed.append(f"proofs/: {exc}")
print("\n".join(failed))
sys.exit(1 if failed else 0)
"""


def test_modules_and_theorem_files_import_without_extras():
    code = SCRIPT % (EXTRAS, str(ROOT / "proofs"))
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert run.returncode == 0, "imports an optional extra at top level:\n" + run.stdout + run.stderr[-2000:]


def test_the_blocker_blocks():
    code = SCRIPT.split("import mathml")[0] % (EXTRAS,) + "import matplotlib\n"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert run.returncode != 0 and "blocked optional extra" in run.stderr
