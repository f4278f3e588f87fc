"""Tests of gametheory.nash.polynomial_enumeration (enumpoly: supports + polynomial systems)."""

from __future__ import annotations

import itertools
import json
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidOption, NotSupported
from gametheory.io import read_nfg
from gametheory.nash.enumpure import enumpure
from gametheory.nash.polynomial_enumeration import polynomial_enumeration, support_bezout_number
from gametheory.nash.vertex_enumeration import vertex_enumeration

GAMBIT_DIR = Path(__file__).resolve().parents[2] / "shared" / "games" / "gambit"
REFERENCE = Path(__file__).resolve().parent / "data" / "enumpoly_reference.json"

# Catalog games that run in about a second each; the larger ones (5x4x3, 8x2x2, 2x2x2x2x2,
# coord333) take tens of seconds on a loaded machine and are in the slow-marked test below.
FAST_GAMES = [
    "catalog/journals/ijgt/nau2004/sec4.nfg",
    "catalog/journals/ijgt/nau2004/sec5.nfg",
    "contrib/games/2x2x2.nfg",
    "contrib/games/2x2x2x2.nfg",
    "contrib/games/3x3x3.nfg",
    "contrib/games/g1.nfg",
    "contrib/games/g2.nfg",
    "contrib/games/g3.nfg",
    "doc/2x2x2.nfg",
    "tests/test_games/2x2x2_nfg_from_local_max_cut_2_pure_1_mixed_eq.nfg",
]
SLOW_GAMES = ["contrib/games/5x4x3.nfg", "contrib/games/8x2x2.nfg", "contrib/games/2x2x2x2x2.nfg",
              "contrib/games/coord333.nfg"]
# Equilibria we find that pygambit 16.7's enumpoly does not list.  Each one passes our regret
# certificate, and pygambit's own MixedStrategyProfile.max_regret() is 0 (up to 1e-15) at it
# (checked in test_extra_equilibria_are_equilibria_for_pygambit); all four games are generic
# (complete=True), where Wilson's oddness theorem predicts an odd count, which ours is.
EXTRA = {"contrib/games/3x3x3.nfg": 1, "contrib/games/8x2x2.nfg": 1, "contrib/games/2x2x2x2x2.nfg": 1,
         "contrib/games/g3.nfg": 1}


def _reference() -> dict:
    return json.loads(REFERENCE.read_text())["games"]


def _game(rel: str):
    path = GAMBIT_DIR / rel
    if not path.exists():
        pytest.skip("the shared Gambit catalog (../shared/games/gambit) is not present")
    return read_nfg(path)


def _flat(prof) -> np.ndarray:
    return np.concatenate([np.asarray(s, dtype=float) for s in prof])


def _match(ours: list, theirs: list, tol: float) -> tuple[int, int]:
    """Number of their profiles with a close one of ours, and number of ours with no close one of theirs."""
    if not ours or not theirs:
        return 0, len(ours)
    A = np.array([_flat(p) for p in ours])
    B = np.array([_flat(p) for p in theirs])
    d = np.max(np.abs(A[:, None, :] - B[None, :, :]), axis=2)
    return int(np.sum(d.min(axis=0) <= tol)), int(np.sum(d.min(axis=1) > tol))


def _check_against_reference(rel: str) -> None:
    ref = _reference()[rel]
    res = polynomial_enumeration(_game(rel))
    assert res.method == "enumpoly"
    assert all(r <= res.tol for r in res.regrets)
    if ref["equilibria"] is None:
        return
    found, extra = _match(res.equilibria, ref["equilibria"], 1e-6)
    # every equilibrium pygambit reports is one of ours ...
    assert found == len(ref["equilibria"]), (rel, found, len(ref["equilibria"]))
    if res.complete:
        # ... and ours has exactly the known extras (each certified by our regret check above)
        assert extra == EXTRA.get(rel, 0), (rel, extra)
        assert len(res) % 2 == 1  # generic games: Wilson (1971) oddness
    else:
        # a degenerate game: extras are sample points of continua of equilibria, named in the message
        assert res.status == "positive-dimensional" and rel not in EXTRA


@pytest.mark.parametrize("rel", FAST_GAMES)
def test_catalog_games_match_pygambit_reference(rel):
    _check_against_reference(rel)


# the four largest games take 2-25 s each; they are part of the default run (about 40 s together)
@pytest.mark.parametrize("rel", SLOW_GAMES)
def test_large_catalog_games_match_pygambit_reference(rel):
    _check_against_reference(rel)


def test_reference_file_covers_every_catalog_nplayer_game():
    if not GAMBIT_DIR.is_dir():
        pytest.skip("the shared Gambit catalog is not present")
    many = sorted(str(p.relative_to(GAMBIT_DIR)) for p in GAMBIT_DIR.rglob("*.nfg") if read_nfg(p).num_players > 2)
    assert many == sorted(_reference())
    assert set(FAST_GAMES) | set(SLOW_GAMES) | {"catalog/journals/ijgt/nau2004/sec6.nfg",
                                                 "contrib/games/perfect3.nfg"} == set(many)


@pytest.mark.parametrize("rel", ["catalog/journals/ijgt/nau2004/sec6.nfg", "contrib/games/perfect3.nfg"])
def test_games_pygambit_cannot_finish_are_solved_and_certified(rel):
    # pygambit 16.7's enumpoly did not finish these in 300 s (see the reference file); both are
    # degenerate (a continuum of solutions on some support), which our result must say.
    res = polynomial_enumeration(_game(rel))
    assert len(res) >= 1 and all(r <= res.tol for r in res.regrets)
    assert not res.complete and res.status == "positive-dimensional"
    assert "(" in res.message  # the supports are named
    pure = enumpure(_game(rel))
    assert _match(res.equilibria, pure.equilibria, 1e-9)[0] == len(pure)


def test_mckelvey_mclennan_2x2x2_has_nine_rational_equilibria():
    # contrib/games/2x2x2.nfg (McKelvey and McLennan's example, distributed with Gambit): 9
    # equilibria, the count verified with pygambit 16.7 enumpoly (tests/data/enumpoly_reference.json).
    res = polynomial_enumeration(_game("contrib/games/2x2x2.nfg"), exact=True)
    assert len(res) == 9 and res.complete and res.exact
    assert all(r == 0 for r in res.regrets)
    got = {tuple(tuple(s) for s in prof) for prof in res.equilibria}
    F = Fraction
    assert (( F(1, 2), F(1, 2)), (F(2, 5), F(3, 5)), (F(1, 4), F(3, 4))) in got
    assert ((F(0), F(1)), (F(1, 4), F(3, 4)), (F(1, 3), F(2, 3))) in got


def test_exact_mode_refuses_irrational_equilibria():
    # sec4 of Nau et al. (2004) has a single, irrational, totally mixed equilibrium
    game = _game("catalog/journals/ijgt/nau2004/sec4.nfg")
    with pytest.raises(NotSupported, match="irrational"):
        polynomial_enumeration(game, exact=True)
    res = polynomial_enumeration(game)
    assert len(res) == 1 and res.complete


@pytest.mark.gambit
def test_live_pygambit_enumpoly_agrees_on_2x2x2():
    pytest.importorskip("pygambit")
    path = GAMBIT_DIR / "contrib/games/2x2x2.nfg"
    if not path.exists():
        pytest.skip("the shared Gambit catalog is not present")
    script = (
        "import json, sys, pygambit as gbt\n"
        "g = gbt.read_nfg(sys.argv[1])\n"
        "r = gbt.nash.enumpoly_solve(g, use_strategic=True)\n"
        "print(json.dumps([[[float(e[s]) for s in p.strategies] for p in g.players] for e in r.equilibria]))\n"
    )
    try:
        out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        pytest.skip("pygambit enumpoly did not finish in 120 s")
    assert out.returncode == 0, out.stderr
    theirs = json.loads(out.stdout)
    res = polynomial_enumeration(read_nfg(path))
    assert _match(res.equilibria, theirs, 1e-6) == (len(theirs), 0)


@pytest.mark.gambit
def test_extra_equilibria_are_equilibria_for_pygambit():
    gbt = pytest.importorskip("pygambit")
    rel = "contrib/games/3x3x3.nfg"
    game = _game(rel)
    ref = _reference()[rel]["equilibria"]
    res = polynomial_enumeration(game)
    g = gbt.read_nfg(str(GAMBIT_DIR / rel))
    extras = [p for p in res.equilibria if _match([p], ref, 1e-6)[1]]
    assert len(extras) == EXTRA[rel]
    for prof in extras:
        mixed = g.mixed_strategy_profile(rational=False)
        for i, player in enumerate(g.players):
            for k, s in enumerate(player.strategies):
                mixed[s] = float(prof[i][k])
        assert float(mixed.max_regret()) <= 1e-9


# --------------------------------------------------------------------- two players


def _sets_equal(a, b, tol=1e-7) -> bool:
    return len(a) == len(b) and _match(a, b, tol) == (len(b), 0)


@settings(max_examples=30)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_two_player_games_match_vertex_enumeration(m, n, seed):
    game = gt.generators.uniform_random((m, n), seed=seed)  # float payoffs: nondegenerate almost surely
    ours = polynomial_enumeration(game)
    theirs = vertex_enumeration(game)
    assert ours.complete
    assert _sets_equal(ours.equilibria, theirs.equilibria)


def test_degenerate_two_player_game_reports_a_continuum():
    # the column player is indifferent everywhere: (Top, any mix) are all equilibria
    game = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [1, 1]])
    res = polynomial_enumeration(game)
    assert not res.complete and res.status == "positive-dimensional"
    assert "(1; 1,2)" in res.message
    assert all(r <= res.tol for r in res.regrets)
    assert any(0 < float(p[1][0]) < 1 for p in res.equilibria)  # a sample point inside the continuum


def test_exact_mode_on_a_degenerate_game_keeps_exact_certificates():
    game = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [1, 1]])
    res = polynomial_enumeration(game, exact=True)
    assert res.exact and res.status == "positive-dimensional" and not res.complete
    assert len(res) >= 2 and all(r == 0 for r in res.regrets)
    assert all(isinstance(p, Fraction) for prof in res.equilibria for s in prof for p in s)


# --------------------------------------------------------------------- random 3-player games


def _random_game(shape, seed):
    return gt.generators.uniform_random(shape, seed=seed)


shapes = st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 3, 2)])


@settings(max_examples=25)
@given(shapes, st.integers(0, 2**32 - 1))
def test_random_three_player_games_certified_odd_and_pure_part_is_enumpure(shape, seed):
    game = _random_game(shape, seed)
    res = polynomial_enumeration(game)
    assert res.complete and res.status == "ok"
    assert all(r <= res.tol for r in res.regrets)
    # Wilson (1971): a generic game has an odd number of equilibria
    assert len(res) % 2 == 1
    pure = [p for p in res.equilibria if all(np.isclose(s.max(), 1.0, atol=1e-9) for s in p)]
    assert _sets_equal(pure, enumpure(game).equilibria)


@settings(max_examples=15)
@given(shapes, st.integers(0, 2**32 - 1), st.permutations([0, 1, 2]))
def test_relabelling_players_permutes_the_equilibria(shape, seed, order):
    game = _random_game(shape, seed)
    res = polynomial_enumeration(game)
    moved = polynomial_enumeration(game.permute_players(order))
    mapped = [tuple(p[k] for k in order) for p in res.equilibria]
    assert _sets_equal(moved.equilibria, mapped, tol=1e-6)


@settings(max_examples=15)
@given(shapes, st.integers(0, 2**32 - 1), st.lists(st.floats(0.1, 10), min_size=3, max_size=3),
       st.lists(st.floats(-5, 5), min_size=3, max_size=3))
def test_positive_affine_payoff_changes_keep_the_equilibria(shape, seed, scale, shift):
    game = _random_game(shape, seed)
    arr = game.payoffs * np.array(scale) + np.array(shift)
    res = polynomial_enumeration(game)
    other = polynomial_enumeration(gt.NormalFormGame(arr))
    assert _sets_equal(res.equilibria, other.equilibria, tol=1e-6)


@settings(max_examples=15)
@given(shapes, st.integers(0, 2**32 - 1))
def test_relabelling_strategies_permutes_the_equilibria(shape, seed):
    game = _random_game(shape, seed)
    rng = np.random.default_rng(seed)
    perms = [rng.permutation(n) for n in shape]
    moved = polynomial_enumeration(game.restrict([list(p) for p in perms]))
    mapped = [tuple(s[p] for s, p in zip(prof, perms)) for prof in polynomial_enumeration(game).equilibria]
    assert _sets_equal(moved.equilibria, mapped, tol=1e-6)


# --------------------------------------------------------------------- Bezout numbers


def _bezout_brute(sizes) -> int:
    """Coefficient of prod z_j^{n_j} in prod_i (sum_{j != i} z_j)^{n_i}, by expanding the product."""
    n = [k - 1 for k in sizes]
    N = len(n)
    factors = [j for i in range(N) for j in [i] * n[i]]
    count = 0
    for choice in itertools.product(range(N), repeat=len(factors)):
        if any(c == owner for c, owner in zip(choice, factors)):
            continue
        if all(choice.count(j) == n[j] for j in range(N)):
            count += 1
    return count


@settings(max_examples=40)
@given(st.lists(st.integers(1, 3), min_size=2, max_size=4))
def test_bezout_number_is_the_multihomogeneous_coefficient(sizes):
    b = support_bezout_number(sizes)
    assert b == _bezout_brute(sizes)
    assert b == support_bezout_number(sizes[::-1])
    n = [k - 1 for k in sizes]
    # Hall's condition: no paths exactly when one player has more equations than the others have unknowns
    assert (b == 0) == any(n[k] > sum(n) - n[k] for k in range(len(n)))


def test_bezout_number_for_two_strategies_is_the_number_of_derangements():
    # McKelvey and McLennan (1997), J. Econ. Theory 72: with two strategies per player the maximal
    # number of regular totally mixed equilibria of an N-player game is the number of derangements
    # of N objects (1, 2, 9, 44 for N = 2..5).
    derangements = [round(math.factorial(N) / math.e) for N in range(2, 6)]
    assert derangements == [1, 2, 9, 44]
    assert [support_bezout_number([2] * N) for N in range(2, 6)] == derangements
    assert support_bezout_number([2, 2]) == 1 and support_bezout_number([3, 2]) == 0


# --------------------------------------------------------------------- options and budget


def test_options_are_validated():
    game = _random_game((2, 2, 2), 1)
    for bad in ({"tol": -1.0}, {"tol": float("nan")}, {"max_supports": 0}, {"max_supports": 1.5},
                {"time_limit": 0}, {"time_limit": True}):
        with pytest.raises(InvalidOption, match="polynomial_enumeration"):
            polynomial_enumeration(game, **bad)
    with pytest.raises(InvalidOption, match="NormalFormGame"):
        polynomial_enumeration(np.zeros((2, 2, 2, 3)))


def test_max_supports_stops_early_and_says_so():
    game = _random_game((3, 3, 2), 7)
    full = polynomial_enumeration(game)
    part = polynomial_enumeration(game, max_supports=3)
    assert not part.complete and part.status == "budget" and "max_supports=3" in part.message
    assert part.parameters["supports_solved"] == 3
    # small supports come first (Porter, Nudelman and Shoham 2008), so what it finds is a subset
    assert _match(part.equilibria, full.equilibria, 1e-7)[1] == 0


def test_time_limit_stops_early_and_says_so():
    game = _random_game((3, 3, 3), 5)
    part = polynomial_enumeration(game, time_limit=1e-9)
    assert not part.complete and part.status == "budget" and "time_limit" in part.message
    assert part.parameters["supports_solved"] == 0 and len(part) == 0


def test_seed_does_not_change_the_answer():
    game = _random_game((3, 2, 2), 11)
    a = polynomial_enumeration(game, seed=1)
    b = polynomial_enumeration(game, seed=2)
    assert _sets_equal(a.equilibria, b.equilibria)


def _regenerate() -> None:  # pragma: no cover - run by hand, see the reference file's "source"
    import time

    games = {}
    for path in sorted(GAMBIT_DIR.rglob("*.nfg")):
        if read_nfg(path).num_players <= 2:
            continue
        rel = str(path.relative_to(GAMBIT_DIR))
        script = (
            "import json, sys, time, pygambit as gbt\n"
            "g = gbt.read_nfg(sys.argv[1]); t = time.time()\n"
            "r = gbt.nash.enumpoly_solve(g, use_strategic=True)\n"
            "print(json.dumps({'seconds': round(time.time() - t, 2), 'equilibria': "
            "[[[float(e[s]) for s in p.strategies] for p in g.players] for e in r.equilibria]}))\n"
        )
        try:
            out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True, text=True,
                                 timeout=300)
            data = json.loads(out.stdout)
            games[rel] = {"status": "ok", **data}
        except subprocess.TimeoutExpired:
            games[rel] = {"status": "timeout (300 s)", "equilibria": None}
        print(rel, games[rel]["status"], flush=True)
    import pygambit

    REFERENCE.write_text(json.dumps({
        "source": f"pygambit {pygambit.__version__}, pygambit.nash.enumpoly_solve(game, use_strategic=True) "
                  f"(default maxregret=1e-4), run {time.strftime('%Y-%m-%d')}, each game in its own process "
                  "with a 300 s timeout; regenerate with `python tests/test_polynomial_enumeration.py --regenerate`",
        "games": games}, indent=1))


if __name__ == "__main__" and "--regenerate" in sys.argv:
    _regenerate()
