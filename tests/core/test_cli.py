"""The mathml command: prove, list, verify, latex; exit codes; hostile input."""
import subprocess
import sys
from pathlib import Path

import pytest

from mathml.cli import main

ROOT = Path(__file__).resolve().parents[2]
CORE_PROOFS = ROOT / "proofs" / "core.py"


def test_prove_core_proofs_writes_latex(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHML_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "proofs.tex"
    assert main(["prove", str(CORE_PROOFS), "--only", "*Telescoping*", "--latex", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "[  1/" in printed and "theorems as expected, 0 not" in printed
    tex = out.read_text()
    assert r"\mmfit{" in tex and "Telescoping" in tex and r"\end{document}" in tex


def test_prove_fails_when_expectation_is_not_met(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHML_CACHE_DIR", str(tmp_path / "cache"))
    f = tmp_path / "wrong.py"
    f.write_text("import sympy as sp, mathml as mm\n"
                 "@mm.theorem('false claim')\n"
                 "def claim():\n"
                 "    x = sp.Symbol('x', real=True)\n"
                 "    return mm.verify(sp.sin(x)**2, sp.sin(x), points=4, timeout=0.5)\n"
                 "@mm.theorem('raises')\n"
                 "def broken():\n"
                 "    raise RuntimeError('boom')\n")
    assert main(["prove", str(f)]) == 1
    out = capsys.readouterr().out
    assert "FAIL" in out and "boom" in out and "0 of 2 theorems as expected" in out


def test_prove_only_and_jobs(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHML_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["prove", str(CORE_PROOFS), "--only", "*telescoping*", "--jobs", "2"]) == 0
    out = capsys.readouterr().out
    assert "1 of 1 theorems as expected" in out


def test_list_and_missing_paths(capsys):
    assert main(["list", str(CORE_PROOFS)]) == 0
    assert "Leibniz rule for exp(g) w  [expect holds]" in capsys.readouterr().out
    assert main(["prove", "no/such/dir"]) == 2
    assert "neither a directory" in capsys.readouterr().err


def test_bad_theorem_file_is_a_clear_error(tmp_path, capsys):
    f = tmp_path / "syntax.py"
    f.write_text("def (:\n")
    assert main(["prove", str(f)]) == 2
    assert "could not import theorem file" in capsys.readouterr().err


def test_verify_and_latex_commands(capsys):
    assert main(["verify", "sin(x)^2 + cos(x)^2", "1", "--points", "6"]) == 0
    assert main(["verify", "log(exp(x))", "x", "--points", "12"]) == 1
    assert "disproved" in capsys.readouterr().out
    assert main(["latex", "exp(-x^2/2)"]) == 0
    assert "e^{- \\frac{x^{2}}{2}}" in capsys.readouterr().out


HOSTILE = [
    "__import__('os').system('touch {marker}')",
    "().__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "lambda: 1",
    "x.real",
    "open('{marker}', 'w')",
    "(" * 10_000 + "x" + ")" * 10_000,
    "x+" * 500_000 + "x",
    "9**9**9**9",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[h[:25] for h in HOSTILE])
def test_hostile_input_is_rejected_with_exit_2_and_nothing_runs(text, tmp_path, capsys):
    marker = tmp_path / "marker"
    code = main(["verify", text.format(marker=marker) if "{marker}" in text else text, "1"])
    assert code == 2
    assert "mathml: error:" in capsys.readouterr().err
    assert not marker.exists()


def test_console_script_entry_point_runs(tmp_path):
    # `python -m mathml` is the same entry point as the installed `mathml` command
    proc = subprocess.run([sys.executable, "-m", "mathml", "verify", "().__class__"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 2 and "error" in proc.stderr


# issue 9: crashes and hangs through the command line end with 0, 1 or 2 and no traceback
CLI_CRASHES = ["sign(sin(exp(10**100)))", "12**(-1/101**19)", "1 + floor(exp(10**100))", "0.0**2",
               "2**20000", "1.5e1_0", "f'(x)", "sinn(x)", "atan2(I, 1)", "Max(sin(exp(10**100)), 0)"]


@pytest.mark.parametrize("text", CLI_CRASHES)
def test_cli_never_shows_a_traceback(text, capsys):
    assert main(["verify", text, "--timeout", "2", "--points", "4"]) in (0, 1, 2)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err


def test_cli_crash_inputs_through_the_real_command():
    for text in ("sign(sin(exp(10**100)))", "0.0**2 = 0"):
        proc = subprocess.run([sys.executable, "-m", "mathml", "verify", text, "--timeout", "2"],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.returncode in (0, 1, 2) and "Traceback" not in proc.stderr + proc.stdout, proc.stderr


def test_cli_latex_prints_big_integers(capsys):
    assert main(["latex", "2**20000"]) == 0
    assert len(capsys.readouterr().out.strip()) == 6021  # 2**20000 has 6021 digits


def test_verify_assumptions_domains_and_rigorous(capsys):
    # sqrt(x^2) = x holds for x > 0 only; abs(x) = x likewise
    assert main(["verify", "sqrt(x^2)", "x", "--points", "6"]) == 1
    assert main(["verify", "sqrt(x^2)", "x", "--assume", "x>0", "--points", "6"]) == 0
    assert main(["verify", "sqrt(x^2) = x", "--positive", "x", "--points", "6"]) == 0
    assert main(["verify", "Abs(x)", "x", "--real", "x", "--domain", "x=0:1", "--points", "6"]) == 0
    assert main(["verify", "Abs(x)", "x", "--real", "x", "--domain", "x=-1:0", "--points", "6"]) == 1
    # (-1)^(2n) = 1 for integer n
    assert main(["verify", "(-1)^(2*n)", "1", "--integer", "n", "--points", "6"]) == 0
    assert main(["verify", "exp(pi*sqrt(163))", "640320^3 + 744", "--dps", "50", "--rigorous"]) == 1
    out = capsys.readouterr().out
    assert "disproved" in out and "arb" in out.lower()


@pytest.mark.parametrize("args, message", [
    (["--assume", "x>1"], "not understood"), (["--domain", "x:0:1"], "NAME=LOW:HIGH"),
    (["--real", "1x"], "not a symbol name"), (["--positive", "x", "--negative", "x"], "contradict"),
])
def test_verify_option_errors_are_clear(args, message, capsys):
    assert main(["verify", "x", "x", *args]) == 2
    assert message in capsys.readouterr().err


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
def test_sigterm_of_verify_leaves_no_process(tmp_path):
    import signal
    import time

    from mathml.core.processes import descendants
    command = [sys.executable, "-m", "mathml", "verify", "besselj(60, x)", "x", "--timeout", "60"]
    proc = subprocess.Popen(command,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until the command has installed its SIGTERM handler
        caught = [line for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines()
                  if line.startswith("SigCgt:")]
        if caught and int(caught[0].split()[1], 16) & (1 << (signal.SIGTERM - 1)):
            break
        time.sleep(0.1)
    time.sleep(1)
    family = descendants(proc.pid)
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=30)
    assert proc.returncode in (143, 0, 1), (proc.returncode, err)
    assert "Traceback" not in err
    time.sleep(0.5)
    alive = [p for p in family if Path(f"/proc/{p}").exists()
             and Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"]
    assert alive == []


def test_version_is_single_sourced():
    from importlib import metadata

    import mathml
    from mathml._version import __version__
    assert mathml.__version__ is __version__
    assert metadata.version("mathml") == __version__  # the installed metadata agrees with the constant
