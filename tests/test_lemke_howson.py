"""Tests of :func:`gametheory.nash.lemke_howson.lemke_howson`.

Besides values, the tests check properties that a wrong pivoting rule breaks:
each result's regret (computed here, not taken from the certificate), agreement
of the float and exact arithmetic on the *same* path (equal pivot counts on
degenerate integer games, which only holds if both use the same lexicographic
rule), invariance under relabelling the players, and agreement with nashpy,
QuantEcon and Gambit.
"""

from __future__ import annotations

import doctest
import importlib
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.errors import GameError, InvalidOption, NotSupported, SolverError
from gametheory.game import NormalFormGame

# the package re-exports the function under the module's name, so fetch the module itself
lh_module = importlib.import_module("gametheory.nash.lemke_howson")
lemke_howson = lh_module.lemke_howson

F = Fraction
SETTINGS = settings(max_examples=60, deadline=None)


# ----------------------------------------------------------------------------- helpers


@st.composite
def int_games(draw, max_m: int = 5, max_n: int = 5, low: int = 0, high: int = 3):
    """Bimatrix games with small integer payoffs: ties, hence degeneracy, are common."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    cell = st.integers(low, high)
    A = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(cell, min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.from_bimatrix(A, B)


@st.composite
def random_games(draw, max_m: int = 6, max_n: int = 6):
    """Float games with uniform random payoffs (nondegenerate with probability one)."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    return NormalFormGame.from_bimatrix(rng.random((m, n)), rng.random((m, n)))


def key(profile) -> tuple:
    """Exact key of an exact profile."""
    return tuple(tuple(F(p) for p in s) for s in profile)


def assert_equilibrium(game: NormalFormGame, profile, exact: bool) -> None:
    """Regret check done here with the game's own arithmetic, independent of certify."""
    for s, n in zip(profile, game.shape):
        assert len(s) == n
    if exact:
        assert all(isinstance(p, Fraction) for s in profile for p in s)
        assert all(sum(s) == 1 and min(s) >= 0 for s in profile)
        assert game.max_regret(profile, exact=True) == 0
    else:
        assert all(abs(float(np.sum(s)) - 1.0) < 1e-12 and np.min(s) >= 0 for s in profile)
        span = max(1.0, float(np.ptp(game.arrays(exact=False))))
        assert game.max_regret(profile, exact=False) <= 1e-9 * span


def gap(p, q) -> float:
    """Largest absolute difference between two profiles."""
    return max(float(np.max(np.abs(np.asarray(a, float) - np.asarray(b, float)))) for a, b in zip(p, q))


def close(p, q, atol: float = 1e-8) -> bool:
    return gap(p, q) <= atol


def by_label(result) -> dict:
    """The equilibrium each initial label's path reached, from ``parameters["labels"]``."""
    return {lab: eq for eq, labs in zip(result.equilibria, result.parameters["labels"]) for lab in labs}


def transposed_label(label: int, m: int, n: int) -> int:
    """The label of the same strategy once the players are swapped."""
    return label + n if label < m else label - m


# ----------------------------------------------------------------------------- textbook games

PENNIES = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
BOS = NormalFormGame.from_bimatrix([[3, 0], [0, 2]], [[2, 0], [0, 3]])
PRISONERS = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
RPS = NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("label", range(4))
def test_matching_pennies(exact, label):
    res = lemke_howson(PENNIES, label, exact=exact)
    assert len(res) == 1
    (x, y), = res.equilibria
    if exact:
        assert key((x, y)) == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))
        assert res.max_regret == 0 and isinstance(res.max_regret, Fraction)
    else:
        assert x.dtype == np.float64
        assert np.allclose(x, [0.5, 0.5], atol=1e-12) and np.allclose(y, [0.5, 0.5], atol=1e-12)
    assert res.exact is exact


@pytest.mark.parametrize("exact", [False, True])
def test_battle_of_the_sexes_paths(exact):
    # labels 0 (row 0) and 2 (column 0) lead to (top, left); labels 1 and 3 to
    # (bottom, right); the mixed equilibrium has index -1 and ends no path
    expected = {
        0: ((F(1), F(0)), (F(1), F(0))),
        2: ((F(1), F(0)), (F(1), F(0))),
        1: ((F(0), F(1)), (F(0), F(1))),
        3: ((F(0), F(1)), (F(0), F(1))),
    }
    for label, eq in expected.items():
        res = lemke_howson(BOS, label, exact=exact)
        assert len(res) == 1
        if exact:
            assert key(res[0]) == eq
        else:
            assert close(res[0], eq, atol=1e-12)
        assert res.parameters["labels"] == [[label]]
    both = lemke_howson(BOS, all_labels=True, exact=exact)
    assert len(both) == 2
    found = {key(e) if exact else tuple(tuple(round(float(p)) for p in s) for s in e) for e in both}
    assert found == {expected[0], expected[1]}
    assert sorted(map(sorted, both.parameters["labels"])) == [[0, 2], [1, 3]]


@pytest.mark.parametrize("exact", [False, True])
def test_prisoners_dilemma(exact):
    res = lemke_howson(PRISONERS, all_labels=True, exact=exact)
    assert len(res) == 1
    assert res.parameters["labels"] == [[0, 1, 2, 3]]
    if exact:
        assert key(res[0]) == ((F(0), F(1)), (F(0), F(1)))
    else:
        assert close(res[0], ([0, 1], [0, 1]), atol=1e-12)


def test_rock_paper_scissors_exact():
    res = lemke_howson(RPS, all_labels=True, exact=True)
    assert [key(e) for e in res] == [((F(1, 3),) * 3, (F(1, 3),) * 3)]
    assert res.payoffs[0].tolist() == [0, 0]


def test_exact_mode_on_fractional_and_float_payoffs():
    # non-integer payoffs exercise the LCM scaling; floats become their shortest decimal
    g = NormalFormGame.from_bimatrix(
        [[F(1, 3), F(-5, 7)], [F(-2, 9), F(1, 2)]], [["0.1", "-0.25"], ["1e-3", "0.7"]]
    )
    for label in range(4):
        res = lemke_howson(g, label, exact=True)
        assert_equilibrium(g, res[0], exact=True)
    gf = NormalFormGame.from_bimatrix([[0.1, 0.2], [0.3, 0.05]], [[0.3, 0.1], [0.05, 0.2]])
    res = lemke_howson(gf, exact=True)
    assert_equilibrium(gf, res[0], exact=True)
    assert close(res[0], lemke_howson(gf)[0])


def test_result_metadata():
    res = lemke_howson(BOS, 1, max_pivots=50)
    assert res.method == "lemke-howson"
    assert res.complete is False
    assert res.status == "ok"
    p = res.parameters
    assert p["init_label"] == 1 and p["all_labels"] is False and p["max_pivots"] == 50
    assert p["labels"] == [[1]] and p["pivots"] == p["path_lengths"][1] >= 2
    assert lemke_howson(BOS).parameters["max_pivots"] == lh_module.DEFAULT_MAX_PIVOTS
    assert res.to_dict()["parameters"]["init_label"] == 1


def test_tol_is_the_certificate_bound():
    g = NormalFormGame.from_bimatrix([[0, 10], [4, 2]], [[3, 1], [0, 2]])
    assert lemke_howson(g, tol=1e-6).tol == pytest.approx(1e-6 * 10)
    assert lemke_howson(g).tol == pytest.approx(1e-9 * 10)
    assert lemke_howson(g, exact=True, tol=1e-6).tol == 0


def test_module_docstring_examples():
    result = doctest.testmod(lh_module, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# ----------------------------------------------------------------------------- every label, every game


@SETTINGS
@given(random_games())
def test_every_label_gives_an_equilibrium_float(game):
    m, n = game.shape
    for label in range(m + n):
        res = lemke_howson(game, label)
        assert len(res) == 1
        assert_equilibrium(game, res[0], exact=False)


@SETTINGS
@given(int_games())
def test_every_label_gives_an_equilibrium_degenerate(game):
    # small integer payoffs: ties in the ratio test are frequent, so this
    # exercises the lexicographic rule; a cycling rule would hit the pivot limit
    m, n = game.shape
    for label in range(m + n):
        for exact in (False, True):
            res = lemke_howson(game, label, exact=exact, max_pivots=10_000)
            assert len(res) == 1
            assert_equilibrium(game, res[0], exact=exact)


@SETTINGS
@given(int_games(max_m=6, max_n=6))
def test_float_and_exact_follow_the_same_path(game):
    # Same pivot count and same endpoint for every label: the float tie-breaking
    # must be the exact lexicographic rule, not just some rule that terminates.
    fl = lemke_howson(game, all_labels=True)
    ex = lemke_howson(game, all_labels=True, exact=True)
    assert fl.parameters["path_lengths"] == ex.parameters["path_lengths"]
    by_label_fl, by_label_ex = by_label(fl), by_label(ex)
    assert by_label_fl.keys() == by_label_ex.keys() == set(range(sum(game.shape)))
    for lab in by_label_ex:
        assert close(by_label_fl[lab], by_label_ex[lab], atol=1e-9)


@SETTINGS
@given(st.one_of(int_games(), random_games()))
def test_all_labels_dedupes_and_maps_labels(game):
    exact = game.is_exact
    res = lemke_howson(game, all_labels=True, exact=exact)
    m, n = game.shape
    labels = res.parameters["labels"]
    assert len(labels) == len(res.equilibria) >= 1
    assert sorted(lab for labs in labels for lab in labs) == list(range(m + n))
    assert all(labs for labs in labels)
    if exact:
        assert len({key(e) for e in res}) == len(res)
    else:
        for i in range(len(res)):
            for j in range(i):
                assert gap(res[i], res[j]) > 1e-7
    # each label's own path ends at the equilibrium it is listed under
    for eq, labs in zip(res.equilibria, labels):
        for lab in labs:
            single = lemke_howson(game, lab, exact=exact)[0]
            if exact:
                assert key(single) == key(eq)
            else:
                assert close(single, eq)


@SETTINGS
@given(st.one_of(int_games(), random_games()))
def test_swapping_players_swaps_the_path(game):
    # Swapping the players swaps the two polytopes, so the path from the same
    # strategy's label is the same path with the roles exchanged.
    exact = game.is_exact
    swapped = game.transpose()
    m, n = game.shape
    for label in range(m + n):
        a = lemke_howson(game, label, exact=exact)
        b = lemke_howson(swapped, transposed_label(label, m, n), exact=exact)
        assert a.parameters["pivots"] == b.parameters["pivots"]
        if exact:
            assert key(a[0]) == key(b[0][::-1])
        else:
            assert close(a[0], b[0][::-1])


@SETTINGS
@given(int_games(), st.integers(1, 7), st.integers(-5, 5), st.integers(1, 7), st.integers(-5, 5))
def test_positive_affine_payoff_changes_do_not_change_the_path(game, a1, b1, a2, b2):
    A, B = game.bimatrix(exact=True)
    scaled = NormalFormGame.from_bimatrix(A * F(a1, 3) + b1, B * F(a2, 2) + b2)
    for label in range(sum(game.shape)):
        r1 = lemke_howson(game, label, exact=True)
        r2 = lemke_howson(scaled, label, exact=True)
        assert key(r1[0]) == key(r2[0])
        assert r1.parameters["pivots"] == r2.parameters["pivots"]


# ----------------------------------------------------------------------------- longer paths

# Degenerate integer games whose paths are long enough (up to a few hundred
# pivots) that the float tableau folds its delayed updates many times and
# breaks ties after folds.
LONG_GAMES = [(1, 15, 15, 4), (2, 25, 20, 3), (3, 12, 30, 2)]


def _int_game(seed: int, m: int, n: int, high: int) -> NormalFormGame:
    rng = np.random.default_rng(seed)
    return NormalFormGame.from_bimatrix(rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n)))


@pytest.mark.parametrize("seed,m,n,high", LONG_GAMES)
def test_long_degenerate_paths_float_matches_exact(seed, m, n, high):
    g = _int_game(seed, m, n, high)
    fl = lemke_howson(g, all_labels=True)
    ex = lemke_howson(g, all_labels=True, exact=True)
    assert max(ex.parameters["path_lengths"].values()) > 4 * lh_module._BLOCK
    assert fl.parameters["path_lengths"] == ex.parameters["path_lengths"]
    assert len(fl) == len(ex)
    by_label_fl, by_label_ex = by_label(fl), by_label(ex)
    for lab in range(m + n):
        assert close(by_label_fl[lab], by_label_ex[lab], atol=1e-9)
    for e in fl:
        assert_equilibrium(g, e, exact=False)


@pytest.mark.parametrize("seed", range(3))
def test_polished_vertex_matches_the_tableau(seed):
    # the re-solve used when rounding nears the bound must give the same vertex
    A, B = _random_game(seed, 30, 25)
    tab = lh_module._FloatTableaux(A, B)
    tab.follow(seed, 10_000)
    x, y = tab.vertex()
    px, py = tab.polished_vertex()
    assert np.allclose(x, px, rtol=1e-10, atol=1e-14) and np.allclose(y, py, rtol=1e-10, atol=1e-14)
    assert x.sum() > 0 and y.sum() > 0


@pytest.mark.parametrize("block", [1, 2, 5, 40])
def test_block_size_does_not_change_the_path(monkeypatch, block):
    # delaying the rank-one updates is an implementation detail: the path and
    # the endpoint must be the same whatever the block size
    g = _int_game(2, 25, 20, 3)
    reference = lemke_howson(g, all_labels=True)
    monkeypatch.setattr(lh_module, "_BLOCK", block)
    blocked = lemke_howson(g, all_labels=True)
    assert blocked.parameters["path_lengths"] == reference.parameters["path_lengths"]
    assert len(blocked) == len(reference)
    for a, b in zip(blocked, reference):
        assert close(a, b, atol=1e-12)


# ----------------------------------------------------------------------------- degenerate games


@pytest.mark.parametrize("exact", [False, True])
@pytest.mark.parametrize("shape", [(1, 1), (1, 4), (3, 1), (3, 3), (4, 6)])
def test_all_zero_game(exact, shape):
    # every profile is an equilibrium and every ratio test is a tie
    g = NormalFormGame.from_bimatrix(np.zeros(shape, dtype=int), np.zeros(shape, dtype=int))
    res = lemke_howson(g, all_labels=True, exact=exact, max_pivots=1000)
    for eq in res:
        assert_equilibrium(g, eq, exact)


@pytest.mark.parametrize("exact", [False, True])
def test_duplicated_rows_and_columns(exact):
    A = np.array([[3, 1, 3, 0], [0, 2, 0, 4], [3, 1, 3, 0], [1, 1, 1, 1]])
    B = np.array([[1, 3, 1, 0], [2, 0, 2, 3], [1, 3, 1, 0], [2, 2, 2, 2]])
    g = NormalFormGame.from_bimatrix(A, B)
    res = lemke_howson(g, all_labels=True, exact=exact, max_pivots=1000)
    assert sorted(lab for labs in res.parameters["labels"] for lab in labs) == list(range(8))
    for eq in res:
        assert_equilibrium(g, eq, exact)


@pytest.mark.parametrize("exact", [False, True])
def test_pure_strategy_with_two_best_responses(exact):
    # the column player's best responses to row 0 tie, so the minimum ratio ties
    A = np.array([[3, 3], [2, 5], [0, 6]])
    B = np.array([[3, 3], [2, 6], [3, 1]])
    g = NormalFormGame.from_bimatrix(A, B)
    res = lemke_howson(g, all_labels=True, exact=exact, max_pivots=100)
    for eq in res:
        assert_equilibrium(g, eq, exact)


# ----------------------------------------------------------------------------- pivot limit


@pytest.mark.parametrize("exact", [False, True])
def test_pivot_limit(exact):
    rng = np.random.default_rng(7)
    g = NormalFormGame.from_bimatrix(rng.integers(0, 100, (8, 8)), rng.integers(0, 100, (8, 8)))
    needed = lemke_howson(g, 3, exact=exact).parameters["pivots"]
    assert needed >= 3
    assert lemke_howson(g, 3, exact=exact, max_pivots=needed).parameters["pivots"] == needed
    with pytest.raises(SolverError, match=rf"initial label 3 .*max_pivots={needed - 1}"):
        lemke_howson(g, 3, exact=exact, max_pivots=needed - 1)
    # every path takes at least one pivot in each polytope
    with pytest.raises(SolverError):
        lemke_howson(g, 0, exact=exact, max_pivots=1)


def test_pivot_limit_with_all_labels():
    with pytest.raises(SolverError, match="max_pivots=1"):
        lemke_howson(BOS, all_labels=True, max_pivots=1)


# ----------------------------------------------------------------------------- bad input


def test_three_player_game_is_not_supported():
    g = NormalFormGame(np.zeros((2, 2, 2, 3)))
    with pytest.raises(NotSupported, match="two-player"):
        lemke_howson(g)


@pytest.mark.parametrize("label", [-1, 4, 10, 1.0, True, "0", None])
def test_bad_initial_label(label):
    with pytest.raises(InvalidOption, match=r"0\.\.3"):
        lemke_howson(PENNIES, label)


def test_numpy_integer_label_is_accepted():
    assert lemke_howson(BOS, np.int64(3)).parameters["init_label"] == 3


@pytest.mark.parametrize("max_pivots", [0, -5, 2.5, True])
def test_bad_max_pivots(max_pivots):
    with pytest.raises(InvalidOption, match="max_pivots"):
        lemke_howson(PENNIES, max_pivots=max_pivots)


@pytest.mark.parametrize("tol", [0.0, -1e-3, float("nan"), float("inf"), "small"])
def test_bad_tol(tol):
    with pytest.raises(InvalidOption, match="tol"):
        lemke_howson(PENNIES, tol=tol)


def test_not_a_game():
    with pytest.raises(GameError):
        lemke_howson([[1, 0], [0, 1]])  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- other libraries


def _random_game(seed: int, m: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.random((m, n)), rng.random((m, n))


# nashpy 0.0.43's lemke_howson fails on many random games (wrong-length
# vectors, KeyError, or an endless loop on about 1% of labels), so these are
# games on which it was checked to run on every label; where it does run it
# agrees with this module.  The seeds of np.random.default_rng below give
# sizes between 1 x 1 and 7 x 7.
NASHPY_SEEDS = [0, 1, 2, 4, 5, 6, 7, 9, 10, 12, 13, 14, 15, 16, 17]


@pytest.mark.parametrize("seed", NASHPY_SEEDS)
def test_agrees_with_nashpy(seed):
    nashpy = pytest.importorskip("nashpy")
    rng = np.random.default_rng(seed)
    m, n = rng.integers(1, 8, 2)
    A, B = rng.random((m, n)), rng.random((m, n))
    g = NormalFormGame.from_bimatrix(A, B)
    for label in range(m + n):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            theirs = nashpy.Game(A, B).lemke_howson(initial_dropped_label=label)
        assert close(lemke_howson(g, label)[0], theirs), label


@pytest.mark.quantecon
@pytest.mark.parametrize("seed,m,n", [(0, 3, 3), (1, 4, 6), (2, 7, 5), (3, 15, 15), (6, 30, 20)])
def test_agrees_with_quantecon(seed, m, n):
    pytest.importorskip("quantecon")
    from quantecon.game_theory import NormalFormGame as QEGame
    from quantecon.game_theory import lemke_howson as qe_lemke_howson

    A, B = _random_game(seed, m, n)
    g = NormalFormGame.from_bimatrix(A, B)
    qg = QEGame(np.stack([A, B], axis=-1))
    for label in range(m + n):
        assert close(lemke_howson(g, label)[0], qe_lemke_howson(qg, init_pivot=label)), label


def _gambit_equilibria(game: NormalFormGame) -> set:
    gbt = pytest.importorskip("pygambit")
    A, B = game.bimatrix(exact=True)
    gg = gbt.Game.from_arrays(A, B)
    found = gbt.nash.enummixed_solve(gg, rational=True).equilibria
    return {tuple(tuple(F(eq[s]) for s in p.strategies) for p in gg.players) for eq in found}


@pytest.mark.gambit
@settings(max_examples=40, deadline=None)
@given(int_games(max_m=4, max_n=4, low=0, high=6))
def test_results_are_extreme_equilibria_found_by_gambit(game):
    # LH ends at a vertex pair of P x Q, so every result is an extreme equilibrium
    extreme = _gambit_equilibria(game)
    res = lemke_howson(game, all_labels=True, exact=True)
    assert {key(e) for e in res} <= extreme


@pytest.mark.gambit
@pytest.mark.parametrize("seed", range(4))
def test_nondegenerate_results_are_found_by_gambit(seed):
    rng = np.random.default_rng(seed)
    g = NormalFormGame.from_bimatrix(rng.integers(-50, 50, (5, 5)), rng.integers(-50, 50, (5, 5)))
    extreme = _gambit_equilibria(g)
    res = lemke_howson(g, all_labels=True, exact=True)
    assert {key(e) for e in res} <= extreme
