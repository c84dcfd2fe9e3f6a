"""The exact catalogue: every proofs/ file holds exactly the theorems (names and expects, in order)
that tests/proofs/catalogue.toml lists for it.

A new theorem file fails here until its author adds its list to catalogue.toml (the failure message
prints the table to paste), so the catalogue never changes silently.
"""
import tomllib
from pathlib import Path

import pytest

from mathml.core.checks import is_exact_method
from mathml.core.derivation import EXPECTATIONS
from mathml.core.theorems import collect_theorems

PROOFS = Path(__file__).resolve().parents[2] / "proofs"
CATALOGUE = Path(__file__).with_name("catalogue.toml")
EXPECTED = tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))["files"]
FILES = sorted(p.name for p in PROOFS.glob("*.py") if not p.name.startswith("_"))


def _toml_table(name, infos):
    quote = lambda s: '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'  # noqa: E731
    rows = "\n".join(f"    {{ name = {quote(i.name)}, expect = \"{i.expect}\" }}," for i in infos)
    return f'[files."{name}"]\ntheorems = [\n{rows}\n]'


@pytest.mark.parametrize("name", FILES)
def test_file_matches_the_catalogue(name):
    infos = collect_theorems([PROOFS / name])
    if name not in EXPECTED:
        pytest.fail(f"proofs/{name} is not in tests/proofs/catalogue.toml: its author adds its exact list "
                    f"there (names and expects, in file order), e.g.\n\n{_toml_table(name, infos)}\n")
    got = [(i.name, i.expect) for i in infos]
    want = [(t["name"], t["expect"]) for t in EXPECTED[name]["theorems"]]
    missing = [w for w in want if w not in got]
    extra = [g for g in got if g not in want]
    assert not missing and not extra, (f"proofs/{name} differs from catalogue.toml:\n  missing: {missing}\n"
                                       f"  not listed: {extra}")
    assert got == want, f"proofs/{name}: same theorems, different order than catalogue.toml"


def test_catalogue_lists_only_existing_files_with_valid_entries():
    gone = sorted(set(EXPECTED) - set(FILES))
    assert not gone, f"catalogue.toml lists files that are not in proofs/: {gone}"
    for name, table in EXPECTED.items():
        names = [t["name"] for t in table["theorems"]]
        assert len(names) == len(set(names)), f"{name}: duplicate theorem names in catalogue.toml"
        assert all(t["expect"] in EXPECTATIONS for t in table["theorems"]), name
        assert names, f"{name}: an empty list"


def test_refuted_titles_state_the_conjecture():
    """A refuted statement's title states the conjecture, not its negation ("... is not ...")."""
    for name, table in EXPECTED.items():
        for t in table["theorems"]:
            if t["expect"] == "disproved":
                title = t["name"].lower()
                assert " is not " not in title and " not a " not in title and "wrong" not in title, (name, t)


def test_exact_method_policy_is_what_prove_enforces():
    # the method texts our proofs use for exact steps are accepted, float ones are not
    assert is_exact_method("exact: python-flint fmpq_mat rank of the rational Jacobian")
    assert is_exact_method("exact rational arithmetic")
    assert not is_exact_method("float64 sampled sup norm on 1441 points")
    assert not is_exact_method("mpmath 30 digits")
