"""README's two set-up commands exist, and CI runs the test command verbatim."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _commands():
    text = (ROOT / "README.md").read_text()
    return re.findall(r"```bash\n(.*?)\n```", text, flags=re.S)


def test_readme_has_exactly_the_two_setup_commands():
    commands = _commands()
    assert commands == ["pip install . && mathml prove proofs --latex build/proofs.tex",
                        "pip install '.[test]' && python -m pytest"]


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text()
    assert _commands()[1] in ci.splitlines()
