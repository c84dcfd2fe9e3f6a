"""Every module declares __all__ equal to its public names; importing is warning-free."""
import importlib
import inspect
import pkgutil
import subprocess
import sys

import pytest

import mathml

MODULES = sorted(m.name for m in pkgutil.walk_packages(mathml.__path__, "mathml.")
                 if not m.name.endswith("__main__"))


def _public_names(module):
    names = set()
    for name, obj in vars(module).items():
        if name.startswith("_"):
            continue
        if inspect.ismodule(obj):
            continue
        defined_here = getattr(obj, "__module__", module.__name__) == module.__name__
        if defined_here and (inspect.isclass(obj) or inspect.isfunction(obj)):
            names.add(name)
    return names


@pytest.mark.parametrize("name", MODULES)
def test_all_lists_the_public_names(name):
    module = importlib.import_module(name)
    assert hasattr(module, "__all__"), f"{name} has no __all__"
    exported = set(module.__all__)
    missing = [n for n in exported if not hasattr(module, n)]
    assert not missing, f"{name}.__all__ names missing objects: {missing}"
    undeclared = _public_names(module) - exported
    assert not undeclared, f"{name} defines public names not in __all__: {sorted(undeclared)}"


def test_top_level_reexports_core_api():
    for name in ("verify", "Status", "Verdict", "Derivation", "theorem", "latex", "Notation",
                 "document", "compile_pdf", "MathmlError", "parse_expr"):
        assert name in mathml.__all__


def test_every_error_is_a_mathml_error():
    from mathml.core import errors
    for name in errors.__all__:
        assert issubclass(getattr(errors, name), mathml.MathmlError)


def test_import_is_warning_free():
    proc = subprocess.run([sys.executable, "-W", "error", "-c", "import mathml"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_core_imports_no_domain_package():
    proc = subprocess.run([sys.executable, "-c",
                           "import sys, mathml, mathml.cli; "
                           "print(sorted(m for m in sys.modules if m.startswith('mathml.')))"],
                          capture_output=True, text=True, timeout=120)
    for domain in ("gauge", "kolmogorov", "hamiltonian", "orbits"):
        assert f"mathml.{domain}" not in proc.stdout
