"""The command line, run as a user runs it: in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import gametheory as gt

BOS_NFG = """NFG 1 R "Battle of the sexes" { "Her" "Him" }
{ { "Opera" "Fight" } { "Opera" "Fight" } }
""
2 1 0 0 0 0 1 2
"""


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gametheory", *args], input=stdin, capture_output=True, text=True, timeout=120
    )


def test_solve_exact_json_from_stdin():
    out = run("solve", "-", "--exact", "--format", "json", stdin=BOS_NFG)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["method"] == "vertex" and doc["exact"] is True
    strategies = sorted(tuple(map(tuple, eq["strategies"])) for eq in doc["equilibria"])
    assert strategies == [
        (("0", "1"), ("0", "1")),
        (("1", "0"), ("1", "0")),
        (("2/3", "1/3"), ("1/3", "2/3")),
    ]
    for eq in doc["equilibria"]:
        assert eq["regret"] == "0" and len(eq["payoffs"]) == 2


@pytest.mark.parametrize("method", ["enumpure", "support", "vertex", "lemke-howson"])
def test_every_method_from_a_file(tmp_path, method):
    path = tmp_path / "bos.nfg"
    path.write_text(BOS_NFG)
    out = run("solve", str(path), "--method", method, "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["method"] == method and not doc["exact"]
    assert all(isinstance(p, float) for eq in doc["equilibria"] for s in eq["strategies"] for p in s)


def test_json_game_and_csv_output(tmp_path):
    path = tmp_path / "mp.json"
    path.write_text(json.dumps({"A": [[1, -1], [-1, 1]], "B": [[-1, 1], [1, -1]]}))
    out = run("solve", str(path), "--method", "lp", "--exact", "--format", "csv")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("equilibrium,")
    assert lines[1].split(",")[1:5] == ["1/2", "1/2", "1/2", "1/2"]


def test_bundled_example_by_name():
    out = run("solve", "alliance_burden_sharing", "--exact")
    assert out.returncode == 0, out.stderr
    assert "3 equilibria" in out.stdout
    listing = run("examples")
    assert "alliance_burden_sharing" in listing.stdout


@pytest.mark.parametrize(
    "args, stdin, code, fragment",
    [
        (["solve", "no/such/file.nfg"], None, 2, "no such game file"),
        (["solve", "-"], "hello", 2, "neither"),
        (["solve", "-"], 'NFG 1 R "x" { "1" "2" } { 2 2 } 1 2 3', 2, "payoffs"),
        (["solve", "-", "--method", "lp"], BOS_NFG, 2, "zero-sum"),
        (["solve", "-", "--method", "nope"], BOS_NFG, 2, "invalid choice"),
        (["solve", "-", "--method", "lemke-howson", "--init-label", "9"], BOS_NFG, 2, "label"),
    ],
)
def test_errors_are_one_line_on_stderr(args, stdin, code, fragment):
    out = run(*args, stdin=stdin)
    assert out.returncode == code
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert fragment in lines[0]
    assert "Traceback" not in out.stderr


def test_main_in_process(capsys):
    from gametheory.cli import main

    path = Path(gt.io.example_path("battle_of_the_sexes"))
    assert main(["solve", str(path), "--method", "support", "--exact"]) == 0
    assert "3 equilibria" in capsys.readouterr().out


# -- gametheory bargain / gametheory coalition ----------------------------------


def test_bargain_bundled_two_level_spec_exact_json():
    """The README's worked example: the numbers are derived by hand in gametheory/data/README.md."""
    out = run("bargain", "two_level_ratification", "--format", "json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    sols = doc["solutions"]
    assert sols["nash"]["utilities"] == ["2", "2/3"] and sols["nash"]["agreement"] == ["1/2", "5/6"]
    assert sols["egalitarian"]["utilities"] == ["1", "1"]
    assert sols["utilitarian"]["utilities"] == ["5/2", "1/2"]
    assert sols["kalai_smorodinsky"]["utilities"] == ["20/13", "32/39"]
    for s in sols.values():
        assert s["exact"] is True and s["residual"] == "0"
        assert "Parliament of A: spend at most 1/2" in s["binding"]


def test_bargain_spec_from_stdin_text_and_no_agreement():
    spec = {"points": [[0, 0], [4, 1], [1, 3]], "disagreement": [0, 0], "exact": True, "solutions": ["nash"]}
    out = run("bargain", "-", stdin=json.dumps(spec))
    assert out.returncode == 0, out.stderr
    assert "nash" in out.stdout and "exact" in out.stdout
    # Win-sets whose intersection is empty: "no agreement" is an outcome, not an error.
    spec["win_sets"] = [
        {"on": "utilities", "A": [[-1, 0]], "b": [-3], "name": "A needs 3"},
        {"on": "utilities", "A": [[0, -1]], "b": [-2], "name": "B needs 2"},
    ]
    out = run("bargain", "-", "--format", "json", stdin=json.dumps(spec))
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["solutions"]["nash"]["status"] == "no_agreement"


def test_coalition_bundled_specs():
    out = run("coalition", "talmud_estate_200", "--format", "json")
    assert out.returncode == 0, out.stderr
    sols = json.loads(out.stdout)["solutions"]
    # Aumann and Maschler (1985): the Talmud's division of 200 is 50, 75, 75 = the nucleolus.
    assert sols["nucleolus"]["allocation"] == ["50", "75", "75"]
    out = run("coalition", "un_security_council")
    assert out.returncode == 0, out.stderr
    assert "421/2145" in out.stdout and "4/2145" in out.stdout


def test_examples_lists_specs():
    out = run("examples")
    names = {line.split("\t")[0] for line in out.stdout.splitlines()}
    assert {"two_level_ratification", "talmud_estate_200", "un_security_council"} <= names


@pytest.mark.parametrize(
    "command, stdin, fragment",
    [
        ("bargain", "{not json", "not valid JSON"),
        ("bargain", "[1, 2]", "must be a JSON object"),
        ("bargain", '{"points": [[0, 0], [1, 1]], "disagreement": [0, 0], "colour": 1}', "unknown key"),
        ("bargain", '{"points": [[1, 1], [2, 2]], "disagreement": [5, 5]}', "outside"),
        ("coalition", '{"game": {"type": "values", "values": [0, 1, 2]}}', "power of two"),
        ("coalition", '{"game": {"type": "nonsense"}}', "nonsense"),
    ],
)
def test_spec_errors_are_one_line_exit_2(command, stdin, fragment):
    out = run(command, "-", stdin=stdin)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and fragment in out.stderr, out.stderr


def test_missing_spec_file():
    out = run("coalition", "no_such_spec.json")
    assert out.returncode == 2 and "no such spec file" in out.stderr
