"""`mathml prove` cannot be fooled: exits, crashes, loops, signals, bad output paths, the cache.

Each case runs the real command in a subprocess on small theorem files written here.
"""
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from mathml.cli import main
from mathml.core.processes import descendants

ROOT = Path(__file__).resolve().parents[2]
GOOD = '''
@mm.theorem("good: (x+1)^2 expands")
def good():
    x = sp.Symbol("x")
    return mm.verify((x + 1)**2, x**2 + 2*x + 1)
'''
FALSE = '''
@mm.theorem("false: sin(x)^2 = sin(x)")
def false():
    x = sp.Symbol("x", real=True)
    return mm.verify(sp.sin(x)**2, sp.sin(x), points=4, timeout=1)
'''


def _file(tmp_path, body, name="t.py"):
    path = tmp_path / name
    path.write_text("import os, sys, time\nimport sympy as sp\nimport mathml as mm\n" + textwrap.dedent(body))
    return path


def _run(args, tmp_path, timeout=180):
    env = {**os.environ, "MATHML_CACHE_DIR": str(tmp_path / "cache"), "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-m", "mathml", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, timeout=timeout, env=env)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_theorem_that_exits_is_a_failure_and_the_run_goes_on(tmp_path, jobs):
    path = _file(tmp_path, GOOD + FALSE + '''
@mm.theorem("calls sys.exit(0)")
def exits():
    sys.exit(0)

@mm.theorem("calls os._exit(0)")
def hard_exits():
    os._exit(0)

@mm.theorem("raises SystemExit")
def raises_exit():
    raise SystemExit
''')
    proc = _run(["prove", path, "--jobs", jobs, "--no-cache"], tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    assert "1 of 5 theorems as expected, 4 not" in proc.stdout  # the summary is printed
    assert "the code called sys.exit(0)" in proc.stdout and "the code called sys.exit(None)" in proc.stdout
    assert "exited with code 0 without a result" in proc.stdout


def test_an_infinite_loop_times_out_and_the_run_goes_on(tmp_path):
    path = _file(tmp_path, GOOD + '''
@mm.theorem("loops")
def loops():
    while True:
        pass
''')
    start = time.monotonic()
    proc = _run(["prove", path, "--timeout", "2", "--no-cache"], tmp_path)
    assert time.monotonic() - start < 60
    assert proc.returncode == 1 and "timed out after" in proc.stdout
    assert "1 of 2 theorems as expected" in proc.stdout


def test_inexact_proved_verdict_is_rejected(tmp_path):
    path = _file(tmp_path, '''
from mathml.core.verdict import Verdict
@mm.theorem("float called proved")
def claim():
    return Verdict("proved", method="float64 SVD rank")
''')
    proc = _run(["prove", path, "--no-cache"], tmp_path)
    assert proc.returncode == 1
    assert "inexact method 'float64 SVD rank'" in proc.stdout


def _pids_alive(pids):
    alive = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as fh:
                if fh.read().rsplit(")", 1)[-1].split()[0] != "Z":
                    alive.append(pid)
        except OSError:
            pass
    return alive


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find processes")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signals_leave_no_process_behind(tmp_path, sig):
    path = _file(tmp_path, '''
@mm.theorem("sleeps a")
def a():
    time.sleep(300)
@mm.theorem("sleeps b")
def b():
    if os.fork() == 0:   # a grandchild, as verify's simplify worker would be
        time.sleep(300)
    time.sleep(300)
''')
    env = {**os.environ, "MATHML_CACHE_DIR": str(tmp_path / "cache")}
    proc = subprocess.Popen([sys.executable, "-m", "mathml", "prove", str(path), "--jobs", "2", "--no-cache"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while len(descendants(proc.pid)) < 3 and time.monotonic() < deadline:
            time.sleep(0.2)
        family = descendants(proc.pid)
        assert len(family) >= 3, "the theorems did not start"
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 128 + sig and "Traceback" not in err
    time.sleep(0.5)
    assert _pids_alive(family) == []


def test_latex_output_errors_are_exit_2_before_running(tmp_path, capsys):
    path = _file(tmp_path, GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        cases = [(["--latex", ""], "needs a file name"), (["--pdf"], "--pdf needs --latex"),
                 (["--latex", str(tmp_path)], "is a directory")]
        if os.geteuid() != 0:  # root may write anywhere
            cases.append((["--latex", str(locked / "x.tex")], "cannot write the LaTeX file"))
        for extra, message in cases:
            assert main(["prove", str(path), *extra]) == 2, extra
            out, err = capsys.readouterr()
            assert message in err and "theorems as expected" not in out  # nothing ran
    finally:
        locked.chmod(0o700)
    proc = _run(["prove", path, "--latex", "/proc/no/such/x.tex"], tmp_path)  # the real command too
    assert proc.returncode == 2 and "cannot write the LaTeX file" in proc.stderr
    assert "Traceback" not in proc.stderr and "theorems as expected" not in proc.stdout


def test_list_is_static_and_runs_nothing(tmp_path):
    marker = tmp_path / "ran"
    _file(tmp_path, f'''
open({str(marker)!r}, "w").close()
@mm.theorem("listed", expect="disproved", source="arXiv:2101.00001, eq. (3)", tags=("a",))
def listed():
    raise RuntimeError("never")
''', name="side_effects.py")
    hidden = tmp_path / ".hidden"
    hidden.mkdir()
    _file(hidden, GOOD)
    proc = _run(["list", tmp_path], tmp_path)
    assert proc.returncode == 0 and not marker.exists()
    assert "listed  [expect disproved]" in proc.stdout and "arXiv:2101.00001" in proc.stdout
    assert "good:" not in proc.stdout  # hidden directories are skipped


def test_cache_replays_identical_results_and_no_cache_forces(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHML_CACHE_DIR", str(tmp_path / "cache"))
    path = _file(tmp_path, GOOD + FALSE)
    assert main(["prove", str(path)]) == 1
    first = capsys.readouterr().out
    assert main(["prove", str(path)]) == 1
    second = capsys.readouterr().out
    assert "(2 from the cache)" in second  # a verdict is replayed, the failing one too
    assert second.count("FAIL") == first.count("FAIL") == 1
    assert first.replace(" (cached)", "").split("\n")[1][:40] == second.split("\n")[1][:40]
    assert main(["prove", str(path), "--no-cache"]) == 1
    assert "from the cache" not in capsys.readouterr().out
    path.write_text(path.read_text().replace("2*x + 1", "2*x + 2"))  # an edit is a miss
    assert main(["prove", str(path)]) == 1
    assert "from the cache" not in capsys.readouterr().out


def test_errors_and_timeouts_are_never_cached(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("MATHML_CACHE_DIR", str(tmp_path / "cache"))
    path = _file(tmp_path, '''
@mm.theorem("raises")
def raises():
    raise RuntimeError("boom")
''')
    for _ in range(2):
        assert main(["prove", str(path)]) == 1
        assert "from the cache" not in capsys.readouterr().out


def test_version_and_help_on_every_option():
    proc = subprocess.run([sys.executable, "-m", "mathml", "--version"], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    from mathml import __version__
    assert proc.returncode == 0 and proc.stdout.strip() == f"mathml {__version__}"
    from mathml.cli import build_parser
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command").choices
    for name, sub in subparsers.items():
        for action in sub._actions:
            assert action.help, f"mathml {name} {action.option_strings or action.dest} has no help"
