"""`.ci/run` runs README's two commands verbatim, each in its own fresh virtual environment (the first
with no extras), then the slow tests and the lint step."""
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CI = (ROOT / ".ci" / "run").read_text()


def _readme_commands():
    return re.findall(r"```bash\n(.*?)\n```", (ROOT / "README.md").read_text(), flags=re.S)


def test_both_readme_commands_run_verbatim_each_in_a_fresh_venv():
    lines = CI.splitlines()
    first, second = _readme_commands()[:2]
    assert first.startswith("pip install . ") and "[" not in first.split("&&")[0], "the first needs no extras"
    for command in (first, second):
        assert command in lines, f"{command!r} is not a line of .ci/run"
        before = "\n".join(lines[:lines.index(command)])
        venvs = re.findall(r"python -m venv \"\$WORK/(venv-[a-z]+)\"", before)
        activated = re.findall(r"source \"\$WORK/(venv-[a-z]+)/bin/activate\"", before)
        assert venvs and activated and activated[-1] == venvs[-1], f"{command!r} does not run in a fresh venv"
    # two different environments, the first command before the tests
    assert CI.index(first) < CI.index(second)
    assert len(set(re.findall(r"python -m venv \"\$WORK/(venv-[a-z]+)\"", CI))) == 2


def test_slow_tests_and_lint_run_after_the_tests():
    lines = CI.splitlines()
    second = _readme_commands()[1]
    after = lines[lines.index(second) + 1:]
    assert "python -m pytest -m slow" in after
    assert "pip install --quiet ruff" in after and "ruff check ." in after
    assert "set -euo pipefail" in CI


def test_script_is_valid_bash():
    run = subprocess.run(["bash", "-n", str(ROOT / ".ci" / "run")], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
