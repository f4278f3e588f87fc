"""The N-player methods side by side, through ``solve`` and the command line.

Each solver has its own test file; this one checks what they promise
together: every method certifies what it returns, the methods that find some
equilibria find members of the set polynomial enumeration finds, every Nash
equilibrium is a correlated equilibrium, and ``gametheory solve`` takes every
method with the same JSON layout.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from conftest import nplayer_gambit_files

from gametheory.cli import main
from gametheory.correlated import from_profile, is_correlated_equilibrium
from gametheory.generators import covariant, uniform_random
from gametheory.nash.solve import METHODS

N_PLAYER_METHODS = ["enumpure", "enumpoly", "simpdiv", "logit", "gnm", "liap"]
SOME = ["simpdiv", "logit", "gnm", "liap"]
OPTIONS = {"liap": {"starts": 4, "seed": 0}, "gnm": {"seed": 0}}


def _contains(equilibria, profile, atol=1e-6) -> bool:
    flat = np.concatenate([np.asarray(p, dtype=float) for p in profile])
    return any(np.max(np.abs(np.concatenate([np.asarray(q, dtype=float) for q in eq]) - flat)) <= atol
               for eq in equilibria)


def test_every_n_player_method_is_registered():
    assert set(N_PLAYER_METHODS) <= set(METHODS)


# catalog games without continua of equilibria (so the enumeration is complete) that enumerate in a second
SMALL_CATALOG = ["sec4.nfg", "g1.nfg", "2x2x2.nfg", "g3.nfg", "3x3x3.nfg", "g2.nfg"]


@pytest.mark.parametrize("name", SMALL_CATALOG)
def test_methods_find_members_of_the_enumerated_set_on_catalog_games(name):
    paths = [p for p in nplayer_gambit_files() if p.name == name]
    if not paths:
        pytest.skip("no ../shared/games/gambit next to this checkout")
    for path in paths:
        game = gt.read_nfg(path)
        every = gt.solve(game, "enumpoly")
        assert every.complete and len(every) >= 1 and every.max_regret <= every.tol
        pure = gt.solve(game, "enumpure")
        assert all(_contains(every.equilibria, eq) for eq in pure.equilibria)
        for method in SOME:
            res = gt.solve(game, method, **OPTIONS.get(method, {}))
            assert res.method == method and len(res) >= 1, (path, method, res.message)
            assert res.max_regret <= res.tol
            for eq in res.equilibria:
                assert _contains(every.equilibria, eq), (path.name, method, eq)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 2, 2, 2)]),
       method=st.sampled_from(SOME))
def test_nash_equilibria_are_correlated_equilibria(seed, shape, method):
    """Aumann (1974): the product distribution of a Nash equilibrium satisfies every CE constraint."""
    game = covariant(shape, -0.3, seed=seed)
    res = gt.solve(game, method, **OPTIONS.get(method, {}))
    assert res.max_regret <= res.tol
    span = float(game.arrays(False).max() - game.arrays(False).min())
    for eq in res.equilibria:
        mu = from_profile(game, eq)
        # a Nash profile with regret r violates each CE constraint by at most r
        assert is_correlated_equilibrium(game, mu, tol=max(res.tol, 1e-12) / max(1.0, span) * 2)
        assert is_correlated_equilibrium(game, mu, coarse=True, tol=max(res.tol, 1e-12) / max(1.0, span) * 2)


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_welfare_maximising_ce_is_at_least_every_nash_welfare(seed):
    game = uniform_random((2, 2, 2), seed=seed, integer=True)
    ce = gt.correlated_equilibrium(game, "welfare", exact=True)
    for eq in gt.solve(game, "enumpoly").equilibria:
        assert float(sum(game.expected_payoffs(eq, exact=False))) <= float(ce.objective_value) + 1e-9


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize("method", N_PLAYER_METHODS + ["vertex"])
def test_cli_solve_takes_every_method_with_the_same_json(method, capsys):
    game = "three_allies_threshold" if method != "vertex" else "battle_of_the_sexes"
    args = ["solve", game, "--method", method, "--format", "json"]
    if method in ("liap", "gnm"):
        args += ["--seed", "0"]
    assert main(args) == 0
    doc = json.loads(capsys.readouterr().out)
    assert set(doc) >= {"method", "exact", "equilibria", "complete", "max_regret", "tol", "status", "message",
                        "parameters", "time", "game"}
    assert doc["method"] == method and doc["equilibria"]
    for eq in doc["equilibria"]:
        assert set(eq) == {"strategies", "payoffs", "regret"}
        assert eq["regret"] <= doc["tol"]
        assert all(abs(sum(s) - 1) < 1e-9 for s in eq["strategies"])


def test_cli_correlated_equilibrium_json_keeps_the_layout(capsys):
    assert main(["solve", "three_allies_threshold", "--method", "ce", "--exact", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["method"] == "ce" and doc["exact"] is True and doc["objective"] == "welfare"
    (eq,) = doc["equilibria"]
    assert eq["regret"] == "0" and len(eq["strategies"]) == 3
    from fractions import Fraction

    assert sum(Fraction(item["probability"]) for item in eq["distribution"]) == 1
    game = gt.io.read_game(gt.io.example_path("three_allies_threshold"))
    assert Fraction(doc["objective_value"]) == gt.correlated_equilibrium(game, exact=True).objective_value


def test_cli_correlated_vertices_and_coarse(capsys):
    assert main(["solve", "battle_of_the_sexes", "--method", "ce", "--vertices", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    game = gt.io.read_game(gt.io.example_path("battle_of_the_sexes"))
    assert doc["complete"] is True and len(doc["equilibria"]) == len(gt.correlated_vertices(game).vertices)
    assert main(["solve", "battle_of_the_sexes", "--method", "ce", "--coarse", "--objective", "player", "--player",
                 "0", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["method"] == "cce" and doc["concept"] == "coarse correlated equilibrium"


@pytest.mark.parametrize("args, fragment", [
    (["--method", "vertex", "--coarse"], "apply only to --method ce"),
    (["--method", "liap", "--option", "starts"], "KEY=VALUE"),
    (["--method", "liap", "--option", "nosuch=1"], "nosuch"),
    (["--method", "ce", "--objective", "player"], "player"),
])
def test_cli_bad_options_are_one_line_errors(args, fragment, capsys):
    assert main(["solve", "three_allies_threshold", *args]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and fragment in err[0]
