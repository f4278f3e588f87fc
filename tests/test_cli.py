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
