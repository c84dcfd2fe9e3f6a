"""Progress bars: tqdm on a terminal or when asked, silent otherwise; lines are never lost."""
import io
import sys

from mathml.core.progress import SilentBar, progress_bar


def test_bar_follows_the_switches(monkeypatch, capsys):
    monkeypatch.delenv("MATHML_PROGRESS", raising=False)
    assert type(progress_bar(3)) is SilentBar  # pytest's stderr is not a terminal
    bar = progress_bar(3, enabled=True)
    assert type(bar) is not SilentBar
    for _ in range(3):
        bar.update(1)
    bar.write("a line above the bar")
    bar.close()
    assert bar.n == 3 and "a line above the bar" in capsys.readouterr().out
    monkeypatch.setenv("MATHML_PROGRESS", "0")
    fake_tty = io.StringIO()
    fake_tty.isatty = lambda: True
    monkeypatch.setattr(sys, "stderr", fake_tty)
    assert type(progress_bar(3)) is SilentBar  # switched off by the environment
    monkeypatch.setenv("MATHML_PROGRESS", "1")
    assert type(progress_bar(3)) is not SilentBar  # a terminal gets a bar
