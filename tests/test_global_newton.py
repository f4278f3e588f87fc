"""Tests of the Govindan-Wilson global Newton method (gametheory.nash.global_newton)."""

from __future__ import annotations

import importlib
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidOption, NotSupported
from gametheory.generators import covariant, uniform_random
from gametheory.io import read_nfg

from conftest import GAMBIT_DIR, contained, float_bimatrix_games, nplayer_gambit_files

# the package re-exports the function under the module's name, so reach the module itself
gn_module = importlib.import_module("gametheory.nash.global_newton")
global_newton = gn_module.global_newton

CATALOG = nplayer_gambit_files()
needs_catalog = pytest.mark.skipif(not CATALOG, reason="../shared/games/gambit is not present")


def _id(path) -> str:
    return str(path.relative_to(GAMBIT_DIR))


def _bound(game, tol=None) -> float:
    span = float(game._float.max() - game._float.min())
    return (1e-9 if tol is None else tol) * max(1.0, span)


def _assert_certified(game, res) -> None:
    """Every profile is a probability profile whose regret, recomputed here, is within the bound."""
    assert res.method == "gnm" and res.complete is False
    for prof in res.equilibria:
        for p, n in zip(prof, game.shape):
            assert len(p) == n and np.all(np.asarray(p, dtype=float) >= 0)
        if res.exact:
            assert game.max_regret(prof, exact=True) == 0
        else:
            assert game.max_regret(prof, exact=False) <= _bound(game)


def _flat(prof) -> np.ndarray:
    return np.concatenate([np.asarray(p, dtype=float) for p in prof])


# ----------------------------------------------------------------------------- catalog and random games
@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=_id)
def test_catalog_games_give_certified_equilibria(path):
    game = read_nfg(path)
    res = global_newton(game, seed=0)
    assert len(res) >= 1, res.message
    assert res.status in ("ok", "degenerate")
    _assert_certified(game, res)


@pytest.mark.parametrize("shape", [(2, 2, 2), (3, 3, 2), (2, 2, 2, 2), (3, 2, 2, 2)])
@pytest.mark.parametrize("seed", range(3))
def test_random_games_cross_zero_an_odd_number_of_times(shape, seed):
    # for a generic game and perturbation the path from the start to lambda = -infinity crosses
    # lambda = 0 transversally an odd number of times (Govindan and Wilson 2003, sec. 3); every
    # crossing is a distinct equilibrium, so the result holds an odd number of them
    for game in (uniform_random(shape, seed=seed), covariant(shape, -0.3 if seed % 2 else 0.5, seed=seed)):
        res = global_newton(game, seed=seed)
        assert res.status == "ok", res.message
        assert res.parameters["crossings"] % 2 == 1
        assert len(res) == res.parameters["crossings"]
        _assert_certified(game, res)


@settings(max_examples=30)
@given(seed=st.integers(0, 2**31 - 1), shape=st.sampled_from([(2, 2, 2), (3, 2, 2), (2, 3, 2)]))
def test_every_crossing_is_an_equilibrium_property(seed, shape):
    game = uniform_random(shape, seed=seed)
    res = global_newton(game, seed=seed)
    assert len(res) >= 1
    assert res.parameters["crossings"] % 2 == 1 or res.status != "ok"
    _assert_certified(game, res)


def test_same_seed_same_path_and_perturbation_recorded():
    game = uniform_random((3, 3, 3), seed=4)
    a, b = global_newton(game, seed=11), global_newton(game, seed=11)
    assert a.parameters["perturbation"] == b.parameters["perturbation"]
    assert len(a) == len(b) and all(np.array_equal(_flat(p), _flat(q)) for p, q in zip(a, b))
    # the recorded perturbation reproduces the path
    c = global_newton(game, perturbation=a.parameters["perturbation"])
    assert len(c) == len(a) and all(np.allclose(_flat(p), _flat(q), atol=1e-9) for p, q in zip(a, c))


def test_start_is_the_profile_of_largest_bonuses_when_it_is_an_equilibrium():
    # a dominance-solvable game: the unique equilibrium is found whatever the perturbation
    game = gt.NormalFormGame(np.stack(np.meshgrid([3, 1], [2, 0], [5, 4], indexing="ij"), axis=-1))
    for b in ([0, 1, 0, 1, 0, 1], [1, 0, 0, 1, 1, 0]):
        res = global_newton(game, perturbation=b)
        assert [p.tolist() for p in res.equilibria[0]] == [[1, 0], [1, 0], [1, 0]]


def test_max_steps_stops_without_uncertified_profiles():
    game = uniform_random((3, 3, 3), seed=2)
    res = global_newton(game, seed=0, max_steps=5)
    assert res.status == "max-steps"
    _assert_certified(game, res)


# ----------------------------------------------------------------------------- invariance
def _relabel(game, perms):
    """The game with player i's strategy k renamed perms[i][k] (new index of old strategy)."""
    arr = game.payoffs
    for i, perm in enumerate(perms):
        inverse = np.argsort(perm)
        arr = np.take(arr, inverse, axis=i)
    return gt.NormalFormGame(arr)


def _map_profile(prof, perms):
    out = []
    for p, perm in zip(prof, perms):
        q = np.empty(len(p))
        q[list(perm)] = np.asarray(p, dtype=float)
        out.append(q)
    return out


@settings(max_examples=15)
@given(seed=st.integers(0, 10**6))
def test_relabelling_strategies_with_the_perturbation_maps_the_path(seed):
    rng = np.random.default_rng(seed)
    game = uniform_random((3, 2, 3), seed=seed)
    perms = [rng.permutation(n) for n in game.shape]
    res = global_newton(game, seed=seed)
    b = np.array(res.parameters["perturbation"])
    offsets = np.concatenate([[0], np.cumsum(game.shape)])
    b_new = np.concatenate(_map_profile([b[offsets[i]:offsets[i + 1]] for i in range(3)], perms))
    other = _relabel(game, perms)
    res2 = global_newton(other, perturbation=b_new)
    _assert_certified(other, res2)
    mapped = [_map_profile(p, perms) for p in res.equilibria]
    assert len(res2) == len(mapped)
    assert contained(mapped, res2.equilibria, tol=1e-7) and contained(res2.equilibria, mapped, tol=1e-7)
    # with an unrelated random perturbation the set found is still a set of equilibria of the relabelled game
    _assert_certified(other, global_newton(other, seed=seed + 1))


def test_permuting_players_with_the_perturbation_maps_the_path():
    game = uniform_random((2, 3, 4), seed=3)
    order = [2, 0, 1]
    res = global_newton(game, seed=5)
    b = np.array(res.parameters["perturbation"])
    offsets = np.concatenate([[0], np.cumsum(game.shape)])
    b_new = np.concatenate([b[offsets[k]:offsets[k + 1]] for k in order])
    other = game.permute_players(order)
    res2 = global_newton(other, perturbation=b_new)
    mapped = [[p[k] for k in order] for p in res.equilibria]
    assert contained(mapped, res2.equilibria, tol=1e-7) and contained(res2.equilibria, mapped, tol=1e-7)
    _assert_certified(other, global_newton(other, seed=9))


@settings(max_examples=15)
@given(seed=st.integers(0, 10**6), scale=st.floats(0.01, 100), shift=st.floats(-50, 50))
def test_positive_affine_payoff_changes_do_not_change_the_path(seed, scale, shift):
    game = uniform_random((2, 3, 2), seed=seed)
    res = global_newton(game, seed=seed)
    rng = np.random.default_rng(seed)
    # a different positive affine map for each player
    a = scale * rng.uniform(0.5, 2.0, 3)
    c = shift + rng.uniform(-1, 1, 3)
    other = gt.NormalFormGame(game._float * a + c)
    res2 = global_newton(other, seed=seed)
    _assert_certified(other, res2)
    assert len(res2) == len(res)
    assert contained(res.equilibria, res2.equilibria, tol=1e-7) and contained(res2.equilibria, res.equilibria, tol=1e-7)


# ----------------------------------------------------------------------------- two players, exact mode
@settings(max_examples=30)
@given(game=float_bimatrix_games(max_m=4, max_n=4), seed=st.integers(0, 1000))
def test_two_player_results_are_among_vertex_enumeration(game, seed):
    res = global_newton(game, seed=seed)
    assert len(res) >= 1 and res.parameters["crossings"] % 2 == 1
    _assert_certified(game, res)
    # random float bimatrix games are nondegenerate: every equilibrium is extreme
    assert contained(res.equilibria, gt.vertex_enumeration(game).equilibria, tol=1e-6)


def test_two_player_exact_gives_fractions():
    game = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = global_newton(game, exact=True, seed=1)
    assert res.exact and res.max_regret == 0
    assert all(isinstance(x, Fraction) for prof in res for s in prof for x in s)
    allowed = {((1, 0), (1, 0)), ((0, 1), (0, 1)), ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))}
    assert {tuple(tuple(s) for s in prof) for prof in res} <= allowed
    assert len(res) % 2 == 1


def test_exact_three_player_rational_equilibrium():
    # this seeded integer game has a rational mixed equilibrium on the path; the check is exact
    game = uniform_random((2, 2, 2), integer=True, seed=1)
    res = global_newton(game, exact=True, seed=0)
    assert len(res) >= 1 and res.max_regret == 0
    _assert_certified(game, res)


def test_exact_irrational_equilibrium_is_not_supported():
    game = uniform_random((2, 2, 2), integer=True, seed=15)
    res = global_newton(game, seed=0)
    assert len(res) == 1
    with pytest.raises(NotSupported, match="irrational.*exact=False"):
        global_newton(game, exact=True, seed=0)


def test_float_game_exact_mode_reads_floats_as_decimals():
    game = gt.NormalFormGame.from_bimatrix([[0.1, 0.0], [0.0, 0.2]], [[0.2, 0.0], [0.0, 0.1]])
    res = global_newton(game, exact=True, seed=3)
    assert res.max_regret == 0 and all(isinstance(x, Fraction) for prof in res for s in prof for x in s)


# ----------------------------------------------------------------------------- pygambit cross-check
GAMBIT_FAST = [p for p in CATALOG if p.name not in ("sec6.nfg", "perfect3.nfg", "5x4x3.nfg")]


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("path", GAMBIT_FAST, ids=_id)
def test_equilibria_are_gambits(path):
    gbt = pytest.importorskip("pygambit")
    game = read_nfg(path)
    G = gbt.read_nfg(str(path))
    theirs = [
        np.concatenate([[float(e[s]) for s in pl.strategies] for pl in G.players])
        for e in gbt.nash.enumpoly_solve(G).equilibria
    ]
    res = global_newton(game, seed=0)
    for prof in res.equilibria:
        flat = _flat(prof)
        if theirs and np.abs(np.array(theirs) - flat).max(axis=1).min() <= 1e-6:
            continue
        # enumpoly misses some equilibria of degenerate games (3x3x3, 8x2x2, 2x2x2x2x2, sec5 here);
        # then pygambit's own payoff arithmetic must confirm the profile is an equilibrium
        p = G.mixed_strategy_profile(rational=False)
        for s, v in zip([s for pl in G.players for s in pl.strategies], flat):
            p[s] = float(v)
        assert p.max_regret() <= _bound(game), (path.name, flat)


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("name", ["sec4.nfg", "g1.nfg", "g2.nfg"])
def test_unique_equilibrium_matches_enumpoly(name):
    # these games have a single equilibrium (enumpoly finds exactly one): the path must end there
    gbt = pytest.importorskip("pygambit")
    path = next(p for p in CATALOG if p.name == name)
    G = gbt.read_nfg(str(path))
    (eq,) = gbt.nash.enumpoly_solve(G).equilibria
    theirs = np.concatenate([[float(eq[s]) for s in pl.strategies] for pl in G.players])
    for seed in range(3):
        res = global_newton(read_nfg(path), seed=seed)
        assert len(res) == 1 and np.abs(_flat(res[0]) - theirs).max() <= 1e-8


# ----------------------------------------------------------------------------- bad input
def test_bad_input():
    game = uniform_random((2, 2, 2), seed=0)
    with pytest.raises(InvalidOption, match="global_newton needs a NormalFormGame"):
        global_newton([[1, 2], [3, 4]])
    with pytest.raises(InvalidOption, match="tol"):
        global_newton(game, tol=-1.0)
    with pytest.raises(InvalidOption, match="tol"):
        global_newton(game, tol=float("nan"))
    with pytest.raises(InvalidOption, match="steps"):
        global_newton(game, steps=0)
    with pytest.raises(InvalidOption, match="max_steps"):
        global_newton(game, max_steps=True)
    with pytest.raises(InvalidOption, match="seed"):
        global_newton(game, seed=-3)
    with pytest.raises(InvalidOption, match="perturbation must have one entry per pure strategy"):
        global_newton(game, perturbation=[1, 0, 1])
    with pytest.raises(InvalidOption, match="perturbation is not a vector of finite numbers"):
        global_newton(game, perturbation=[1, 0, 1, 0, float("nan"), 0])
    with pytest.raises(InvalidOption, match="perturbation is not a vector"):
        global_newton(game, perturbation=["a", 0, 1, 0, 1, 0])
    with pytest.raises(InvalidOption, match="no unique largest entry"):
        global_newton(game, perturbation=[1, 1, 1, 0, 1, 0])


def test_perturbation_per_player_vectors_accepted():
    game = uniform_random((2, 3, 2), seed=0)
    flat = global_newton(game, perturbation=[1, 0, 0.5, 0.2, 0, 0.3, 0.9])
    split = global_newton(game, perturbation=[[1, 0], [0.5, 0.2, 0], [0.3, 0.9]])
    assert flat.parameters["perturbation"] == split.parameters["perturbation"]
    assert len(flat) == len(split)
