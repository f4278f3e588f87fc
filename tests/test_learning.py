"""Tests of gametheory.learning: fictitious play, stochastic fictitious play, best-response
dynamics, replicator dynamics and regret matching.

Convergence claims are checked on the classes of games where the literature proves them (each
test cites the paper); non-convergence on Shapley's game; invariances and validity of every
trajectory by hypothesis on random N-player games.
"""

from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError, InvalidGame, InvalidOption, InvalidStrategy
from gametheory.generators import congestion_game, uniform_random, zero_sum
from gametheory.learning import (
    LearningResult,
    best_response_dynamics,
    ce_violation,
    fictitious_play,
    logit_regret,
    regret_matching,
    replicator_dynamics,
    stochastic_fictitious_play,
    trajectory_regrets,
)
from gametheory.nash import pure_equilibria

PENNIES = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
RPS = gt.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
BOS = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
PD = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
CHICKEN = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
# Shapley (1964), "Some topics in two-person games", Annals of Math. Studies 52, p. 24-28: his game
# (A = I, B = cyclic shift) with the columns relabelled so that the three cells paying nobody lie
# on the diagonal; the unique equilibrium is uniform and fictitious play cycles around the six
# off-diagonal cells.
SHAPLEY = gt.NormalFormGame.from_bimatrix(
    [[0, 1, 0], [0, 0, 1], [1, 0, 0]], [[0, 0, 1], [1, 0, 0], [0, 1, 0]]
)

ALL_METHODS = ("fp", "fp_alternating", "sfp", "sfp_sampled", "br", "br_simultaneous", "replicator", "rm")


def run(method: str, game: gt.NormalFormGame, seed: int = 0) -> LearningResult:
    if method == "fp":
        return fictitious_play(game, iterations=40)
    if method == "fp_alternating":
        return fictitious_play(game, iterations=40, simultaneous=False, tie_break="random", seed=seed)
    if method == "sfp":
        return stochastic_fictitious_play(game, temperature=0.3, iterations=40)
    if method == "sfp_sampled":
        return stochastic_fictitious_play(game, temperature=0.3, iterations=40, seed=seed)
    if method == "br":
        return best_response_dynamics(game, max_steps=30)
    if method == "br_simultaneous":
        return best_response_dynamics(game, order="simultaneous", max_steps=30)
    if method == "replicator":
        return replicator_dynamics(game, t_max=5.0, num_points=11, rtol=1e-6, atol=1e-8)
    return regret_matching(game, iterations=60, seed=seed)


def runs(actions: np.ndarray) -> tuple[list[tuple[int, ...]], np.ndarray]:
    """Run-length encoding of a sequence of pure profiles: the distinct cells and how long each lasted."""
    change = np.flatnonzero(np.any(actions[1:] != actions[:-1], axis=1)) + 1
    cells = [tuple(int(v) for v in actions[k]) for k in np.r_[0, change]]
    return cells, np.diff(np.r_[0, change, len(actions)])


@st.composite
def small_games(draw, integer: bool = False):
    """Random games with 2 or 3 players and 1 to 3 strategies each (integer payoffs: many ties)."""
    n = draw(st.integers(2, 3))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    if integer:
        return gt.NormalFormGame(rng.integers(-3, 4, size=shape + (n,)))
    return gt.NormalFormGame(rng.random(shape + (n,)))


# ------------------------------------------------------------------ every trajectory is valid
@settings(max_examples=40)
@given(small_games(), st.sampled_from(ALL_METHODS), st.integers(0, 1000))
def test_every_trajectory_point_is_a_mixed_profile(game, method, seed):
    r = run(method, game, seed)
    assert len(r.trajectory) == game.num_players
    T = len(r.times)
    for i, x in enumerate(r.trajectory):
        assert x.shape == (T, game.shape[i])
        assert np.all(np.isfinite(x)) and np.all(x >= 0)
        np.testing.assert_allclose(x.sum(axis=1), 1.0, atol=1e-9)
    assert all(np.array_equal(f, x[-1]) for f, x in zip(r.final, r.trajectory))
    assert r.regrets.shape == (T,) and np.all(r.regrets >= 0)
    # the converged flag is the stated comparison, recomputed here
    assert r.converged == (r.residual <= r.tol)
    json.dumps(r.to_dict())


@settings(max_examples=30)
@given(small_games())
def test_vectorised_regrets_match_the_game(game):
    r = fictitious_play(game, iterations=15, tie_break="random", seed=1)
    expected = [float(game.max_regret(r.profile_at(k), exact=False)) for k in range(len(r))]
    np.testing.assert_allclose(r.regrets, expected, atol=1e-12)
    np.testing.assert_allclose(trajectory_regrets(game, r.trajectory), expected, atol=1e-12)
    assert r.max_regret == pytest.approx(expected[-1], abs=1e-12)


# ------------------------------------------------------------------ fictitious play converges
@pytest.mark.parametrize("game", [PENNIES, RPS, zero_sum(4, 5, seed=0), zero_sum(3, 3, seed=7)],
                         ids=["pennies", "rps", "zero_sum_4x5", "zero_sum_3x3"])
def test_fictitious_play_converges_in_zero_sum_games(game):
    # Robinson (1951), Annals of Mathematics 54, 296-301: in two-person zero-sum games the
    # empirical frequencies of fictitious play converge to optimal strategies, i.e. their max
    # regret tends to 0.
    r = fictitious_play(game, iterations=5000)
    span = float(np.ptp(game.arrays(False)))
    assert r.regrets[-1] <= 0.02 * span
    assert r.regrets[-1] <= 0.5 * r.regrets[500]
    assert r.regrets[-1] <= 0.5 * r.regrets[1000:].max()


def test_fictitious_play_converges_to_the_value_in_matching_pennies():
    r = fictitious_play(PENNIES, iterations=4000, simultaneous=False)
    np.testing.assert_allclose(r.final[0], [0.5, 0.5], atol=0.02)
    np.testing.assert_allclose(r.final[1], [0.5, 0.5], atol=0.02)


@pytest.mark.parametrize("seed", range(6))
def test_fictitious_play_converges_in_2x2_games(seed):
    # Miyazawa (1961), Princeton Econometric Research Memo 33: fictitious play converges in every
    # 2 x 2 game (with a generic tie-breaking rule).
    game = uniform_random((2, 2), seed=seed)
    r = fictitious_play(game, iterations=2000)
    assert r.converged
    assert r.regrets[-1] <= 1e-3 * max(1.0, float(np.ptp(game.arrays(False))))


def test_fictitious_play_converges_in_battle_of_the_sexes_from_a_mixed_start():
    # Miyazawa (1961); the start is off the separatrix, so play locks into one pure equilibrium
    r = fictitious_play(BOS, iterations=500, initial=([0.7, 0.3], [0.6, 0.4]))
    assert r.converged
    assert (int(r.actions[-1, 0]), int(r.actions[-1, 1])) in {(0, 0), (1, 1)}


@pytest.mark.parametrize("seed", range(3))
def test_fictitious_play_converges_in_congestion_games(seed):
    # Monderer and Shapley (1996), "Fictitious play property for games with identical interests",
    # JET 68, 258-265, and "Potential games", GEB 14, 124-143: fictitious play converges in
    # (weighted) potential games; Rosenthal's congestion games are exact potential games.
    game = congestion_game(3, 2, seed=seed)
    r = fictitious_play(game, iterations=1500)
    assert r.regrets[-1] <= 2e-3 * max(1.0, float(np.ptp(game.arrays(False))))
    assert r.regrets[-1] < r.regrets[50]


@pytest.mark.parametrize("seed", range(3))
def test_fictitious_play_converges_in_identical_interest_games(seed):
    # Monderer and Shapley (1996), JET 68: games with identical interests have the fictitious play property.
    rng = np.random.default_rng(seed)
    C = rng.random((3, 4))
    r = fictitious_play(gt.NormalFormGame.from_bimatrix(C, C), iterations=1000)
    assert r.converged


def test_shapley_game_fictitious_play_does_not_converge():
    # Shapley (1964): in this 3 x 3 game the beliefs never converge; play runs around the six
    # off-diagonal cells in a fixed order, each visit lasting geometrically longer.
    r = fictitious_play(SHAPLEY, iterations=10000, initial=[0, 1])
    assert not r.converged
    # the regret of the empirical profile stays bounded away from 0 (the beliefs approach the
    # "Shapley triangle", not the equilibrium)
    assert r.regrets[1000:].min() > 0.1
    assert r.regrets[-1] > 0.1
    successor = {(0, 2): (1, 2), (1, 2): (1, 0), (1, 0): (2, 0), (2, 0): (2, 1), (2, 1): (0, 1), (0, 1): (0, 2)}
    cells, lengths = runs(np.asarray(r.actions))
    assert all(c[0] != c[1] for c in cells)
    assert all(successor[a] == b for a, b in zip(cells, cells[1:]))
    assert len(cells) >= 12  # two full tours
    complete = lengths[:-1]  # the last run is cut off by the horizon
    assert np.all(np.diff(complete[2:]) > 0)
    assert complete[-1] > 20 * complete[3]


def test_shapley_game_alternating_fictitious_play_also_cycles():
    r = fictitious_play(SHAPLEY, iterations=6000, initial=[0, 1], simultaneous=False)
    assert r.regrets[1000:].min() > 0.1


def test_fictitious_play_first_step_is_the_best_response_to_the_initial_beliefs():
    r = fictitious_play(PD, iterations=1, initial=[0, 0])
    # defection is dominant for both; beliefs move half way from (1, 0) to (0, 1)
    assert r.actions.tolist() == [[1, 1]]
    np.testing.assert_allclose(r.final[0], [0.5, 0.5])
    np.testing.assert_allclose(r.times, [0, 1])


# ------------------------------------------------------------------ invariances
@settings(max_examples=30)
@given(small_games(integer=True), st.integers(0, 2), st.integers(1, 12), st.integers(-20, 20),
       st.booleans())
def test_fictitious_play_invariant_under_positive_affine_payoff_changes(game, who, scale4, shift, simultaneous):
    who = who % game.num_players
    arr = game.arrays(False).copy()
    arr[..., who] = arr[..., who] * (scale4 / 4.0) + shift
    other = gt.NormalFormGame(arr)
    a = fictitious_play(game, iterations=30, simultaneous=simultaneous)
    b = fictitious_play(other, iterations=30, simultaneous=simultaneous)
    assert np.array_equal(a.actions, b.actions)
    for x, y in zip(a.trajectory, b.trajectory):
        assert np.array_equal(x, y)


@settings(max_examples=30)
@given(small_games(integer=True), st.integers(0, 2), st.integers(1, 12), st.integers(-20, 20),
       st.sampled_from(["sequential", "simultaneous"]))
def test_best_response_dynamics_invariant_under_positive_affine_payoff_changes(game, who, scale4, shift, order):
    who = who % game.num_players
    arr = game.arrays(False).copy()
    arr[..., who] = arr[..., who] * (scale4 / 4.0) + shift
    a = best_response_dynamics(game, order=order, max_steps=40)
    b = best_response_dynamics(gt.NormalFormGame(arr), order=order, max_steps=40)
    assert np.array_equal(a.actions, b.actions)
    assert a.status == b.status and a.cycle == b.cycle


@pytest.mark.parametrize("scale", [1e-12, 1e-6, 1e6, 1e12])
def test_tie_detection_is_relative_to_the_payoff_range(scale):
    # ties are judged against each player's payoff range, so rescaling payoffs by any positive
    # factor changes nothing, however small or large
    game = uniform_random((3, 3, 2), seed=8, integer=True)
    scaled = gt.NormalFormGame(game.arrays(False) * scale)
    a, b = fictitious_play(game, iterations=40), fictitious_play(scaled, iterations=40)
    assert np.array_equal(a.actions, b.actions)
    a, b = best_response_dynamics(game, order="simultaneous"), best_response_dynamics(scaled, order="simultaneous")
    assert np.array_equal(a.actions, b.actions)


def _relabelled(game, rng):
    perms = [rng.permutation(m) for m in game.shape]
    return perms, game.restrict([list(p) for p in perms])


@settings(max_examples=30)
@given(small_games(), st.integers(0, 2**32 - 1), st.booleans())
def test_fictitious_play_trajectory_follows_a_relabelling_of_strategies(game, seed, simultaneous):
    # float payoffs and an interior random start: no ties, so the labels cannot matter
    rng = np.random.default_rng(seed)
    start = [rng.dirichlet(np.ones(m)) for m in game.shape]
    perms, relabelled = _relabelled(game, rng)
    a = fictitious_play(game, iterations=30, initial=start, simultaneous=simultaneous)
    b = fictitious_play(relabelled, iterations=30, initial=[s[p] for s, p in zip(start, perms)],
                        simultaneous=simultaneous)
    for i, p in enumerate(perms):
        np.testing.assert_allclose(b.trajectory[i], a.trajectory[i][:, p], atol=1e-12)
        # new strategy k is old strategy p[k]
        assert np.array_equal(p[b.actions[:, i]], a.actions[:, i])
    np.testing.assert_allclose(a.regrets, b.regrets, atol=1e-12)


@settings(max_examples=30)
@given(small_games(), st.integers(0, 2**32 - 1), st.sampled_from(["sequential", "simultaneous"]))
def test_best_response_dynamics_follow_a_relabelling_of_strategies(game, seed, order):
    rng = np.random.default_rng(seed)
    start = [int(rng.integers(m)) for m in game.shape]
    perms, relabelled = _relabelled(game, rng)
    inverse = [np.argsort(p) for p in perms]
    a = best_response_dynamics(game, initial=start, order=order, max_steps=40)
    b = best_response_dynamics(relabelled, initial=[int(q[s]) for q, s in zip(inverse, start)], order=order,
                               max_steps=40)
    assert a.status == b.status
    for i, p in enumerate(perms):
        assert np.array_equal(p[b.actions[:, i]], a.actions[:, i])


# ------------------------------------------------------------------ best-response dynamics
@settings(max_examples=30)
@given(st.integers(2, 3), st.integers(1, 2), st.integers(0, 2**32 - 1), st.data())
def test_sequential_best_responses_reach_a_pure_equilibrium_in_congestion_games(n_players, n_fac, seed, data):
    # Monderer and Shapley (1996), GEB 14, Lemma 2.3: finite potential games have the finite
    # improvement property, so sequential best-response dynamics stop at a pure equilibrium.
    # integer payoffs: ties are common, and a player tied with her current strategy must not move
    game = congestion_game(n_players, n_fac, seed=seed, integer=True, high=3)
    start = [data.draw(st.integers(0, m - 1)) for m in game.shape]
    r = best_response_dynamics(game, initial=start, max_steps=500)
    assert r.status == "equilibrium" and r.converged and r.cycle is None
    assert tuple(int(a) for a in r.actions[-1]) in set(pure_equilibria(game))
    arr = game.arrays(False)
    # each step one player moves, and strictly gains
    for s, t in zip(r.actions[:-1], r.actions[1:]):
        movers = np.flatnonzero(s != t)
        assert len(movers) == 1
        i = int(movers[0])
        assert arr[tuple(t) + (i,)] > arr[tuple(s) + (i,)]


def test_best_response_dynamics_cycle_in_matching_pennies():
    for order in ("sequential", "simultaneous"):
        r = best_response_dynamics(PENNIES, order=order)
        assert r.status == "cycle" and not r.converged
        # only the unhappy player moves, in both orders: one tour of the four cells
        assert r.cycle == [(0, 0), (0, 1), (1, 1), (1, 0)]
        # the trajectory closes the cycle
        assert tuple(r.actions[-1]) == r.cycle[0]


def test_simultaneous_best_responses_can_cycle_in_a_coordination_game():
    coord = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    r = best_response_dynamics(coord, initial=[0, 1], order="simultaneous")
    assert r.status == "cycle" and r.cycle == [(0, 1), (1, 0)]
    r = best_response_dynamics(coord, initial=[0, 1], order="sequential")
    assert r.status == "equilibrium" and r.actions[-1].tolist() == [1, 1]


def test_best_response_dynamics_keep_a_strategy_that_is_a_best_response():
    # player 0 is indifferent everywhere, so every profile where player 1 best-responds is an equilibrium
    game = gt.NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[1, 0], [0, 1]])
    for order in ("sequential", "simultaneous"):
        r = best_response_dynamics(game, initial=[1, 1], order=order)
        assert r.status == "equilibrium" and len(r) == 1 and r.actions.tolist() == [[1, 1]]


def test_best_response_dynamics_reports_max_steps():
    r = best_response_dynamics(SHAPLEY, initial=[0, 1], max_steps=3)
    assert r.status == "max_steps" and len(r) == 4 and not r.converged
    r = best_response_dynamics(PD, initial=["1", "1"])
    assert r.status == "equilibrium" and r.actions[-1].tolist() == [1, 1] and r.max_regret == 0


# ------------------------------------------------------------------ stochastic fictitious play
def test_logit_regret_vanishes_exactly_at_the_logit_response():
    assert logit_regret(PENNIES, ([0.5, 0.5], [0.5, 0.5]), 0.3) == pytest.approx(0.0, abs=1e-15)
    assert logit_regret(PENNIES, ([0.6, 0.4], [0.5, 0.5]), 0.3) > 1e-3
    # the logit equilibrium of the battle of the sexes found by damped fixed-point iteration,
    # independently of the learning code
    T = 0.4
    A, B = BOS.arrays(False)[..., 0], BOS.arrays(False)[..., 1]
    x, y = np.array([0.9, 0.1]), np.array([0.8, 0.2])
    for _ in range(3000):
        x = 0.5 * x + 0.5 * np.exp(A @ y / T) / np.exp(A @ y / T).sum()
        y = 0.5 * y + 0.5 * np.exp(x @ B / T) / np.exp(x @ B / T).sum()
    assert logit_regret(BOS, (x, y), T) < 1e-12
    assert logit_regret(BOS, (y, x), T) > 1e-3


@settings(max_examples=30)
@given(small_games(), st.floats(0.05, 2.0), st.integers(0, 2**32 - 1))
def test_logit_regret_is_within_t_log_n_of_the_nash_regret(game, T, seed):
    # max_y [y.d + T H(y)] lies in [max d, max d + T log n] and 0 <= T H(x) <= T log n
    rng = np.random.default_rng(seed)
    prof = [rng.dirichlet(np.ones(m)) for m in game.shape]
    lr = logit_regret(game, prof, T)
    nash = float(game.max_regret(prof, exact=False))
    slack = T * np.log(max(game.shape)) + 1e-12
    assert 0.0 <= lr and nash - slack <= lr <= nash + slack


@pytest.mark.parametrize("game", [PENNIES, RPS, zero_sum(3, 4, seed=2)], ids=["pennies", "rps", "zero_sum"])
def test_stochastic_fictitious_play_converges_to_a_logit_equilibrium_in_zero_sum_games(game):
    # Hofbauer and Sandholm (2002), Econometrica 70, 2265-2294, Theorem 3.2: in zero-sum games the
    # beliefs of stochastic fictitious play converge to the (unique) logit equilibrium.
    r = stochastic_fictitious_play(game, temperature=0.3, iterations=3000, initial=[0, 1])
    assert r.converged
    assert r.residual <= 1e-4
    early = logit_regret(game, r.profile_at(10), 0.3)
    assert r.residual < 0.1 * early


def test_sampled_stochastic_fictitious_play_tracks_the_logit_equilibrium():
    # Fudenberg and Kreps (1993), GEB 5, 320-367: with sampled actions the beliefs converge a.s.
    # (Hofbauer and Sandholm 2002 for the general zero-sum case); with a fixed seed, checked on RPS,
    # whose logit equilibrium is uniform for every temperature.
    r = stochastic_fictitious_play(RPS, temperature=0.2, iterations=4000, seed=3, initial=[0, 1])
    assert r.actions.shape == (4000, 2) and r.parameters["sampled"]
    np.testing.assert_allclose(r.final[0], [1 / 3] * 3, atol=0.05)
    assert r.residual < 0.1 * logit_regret(RPS, r.profile_at(5), 0.2)
    again = stochastic_fictitious_play(RPS, temperature=0.2, iterations=4000, seed=3, initial=[0, 1])
    assert np.array_equal(again.actions, r.actions)


def test_low_temperature_stochastic_fictitious_play_approaches_nash():
    hot = stochastic_fictitious_play(PD, temperature=1.0, iterations=300)
    cold = stochastic_fictitious_play(PD, temperature=0.05, iterations=300)
    assert cold.max_regret < hot.max_regret
    assert cold.final[0][1] > 0.99


# ------------------------------------------------------------------ replicator dynamics
def test_replicator_interior_rest_point_of_rps_is_a_centre():
    # Hofbauer and Sigmund (1998), Evolutionary Games and Population Dynamics, section 10.5: for
    # zero-sum bimatrix replicator dynamics H(x, y) = sum log x_k + sum log y_k (minus the KL
    # divergence to the interior equilibrium, up to a constant) is a constant of motion, so orbits
    # are closed around the equilibrium and neither converge nor diverge.
    r = replicator_dynamics(RPS, initial=([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]), t_max=30, num_points=301,
                            rtol=1e-10, atol=1e-12)
    H = np.log(r.trajectory[0]).sum(axis=1) + np.log(r.trajectory[1]).sum(axis=1)
    assert np.ptp(H) < 1e-6 * abs(H[0])
    assert r.regrets.min() > 0.1  # never approaches the equilibrium
    # ... but its time average does (Hofbauer and Sigmund 1998, section 7.6)
    for a in r.average:
        np.testing.assert_allclose(a, [1 / 3] * 3, atol=0.05)
    # a game that is not zero-sum moves H, so the check above can fail
    tilted = gt.NormalFormGame.from_bimatrix(RPS.arrays(False)[..., 0], -RPS.arrays(False)[..., 1] + 1.5 * np.eye(3))
    s = replicator_dynamics(tilted, initial=([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]), t_max=30, num_points=301)
    Hs = np.log(s.trajectory[0]).sum(axis=1) + np.log(s.trajectory[1]).sum(axis=1)
    assert np.ptp(Hs) > 1e-2


@settings(max_examples=25)
@given(st.integers(2, 3), st.integers(2, 3), st.integers(0, 2**32 - 1), st.floats(0.05, 1.0))
def test_replicator_strictly_dominated_strategies_die_out(m, n, seed, margin):
    # Samuelson and Zhang (1992), JET 57, 363-391: along interior replicator orbits a strictly
    # dominated strategy s (dominated by t with margin c) satisfies
    # log(x_s / x_t)(T) <= log(x_s / x_t)(0) - c T.
    rng = np.random.default_rng(seed)
    A = rng.random((m, n))
    B = rng.random((m, n))
    A[0] = A[1] - margin - rng.random(n) * 0.5  # row 0 strictly dominated by row 1
    game = gt.NormalFormGame.from_bimatrix(A, B)
    start = ([rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n))])
    r = replicator_dynamics(game, initial=start, t_max=40.0, num_points=41)
    x = r.trajectory[0]
    with np.errstate(divide="ignore"):
        ratio = np.log(x[:, 0]) - np.log(x[:, 1])
    assert np.all(ratio <= ratio[0] - margin * r.times + 1e-5)
    assert x[-1, 0] < np.exp(-margin * 40.0 + 5)


def test_replicator_converges_in_the_prisoners_dilemma_and_keeps_faces():
    r = replicator_dynamics(PD, t_max=30.0, num_points=31)
    assert r.converged and r.final[0][1] > 1 - 1e-6
    # a strategy absent at the start stays absent (faces of the simplex are invariant)
    r = replicator_dynamics(PD, initial=([1.0, 0.0], [0.5, 0.5]), t_max=10.0, num_points=5)
    assert np.all(r.trajectory[0][:, 1] == 0.0)
    assert r.trajectory[1][-1, 1] > 0.99


def test_replicator_handles_three_players():
    game = uniform_random((2, 3, 2), seed=1)
    r = replicator_dynamics(game, t_max=20.0, num_points=21)
    assert len(r.trajectory) == 3 and r.times[-1] == 20.0


# ------------------------------------------------------------------ regret matching
def test_ce_violation_matches_the_definition():
    # the uniform distribution on the three cells other than (crash) is a correlated equilibrium
    # of chicken (Aumann 1974); moving mass to (dare, dare) breaks it
    assert ce_violation(CHICKEN, np.array([[1, 1], [1, 0]]) / 3) == 0.0
    mu = np.array([[0.2, 0.3], [0.3, 0.2]])
    # brute force: sum over the opponent's actions of mu(s, o) [u(t, o) - u(s, o)]
    arr = CHICKEN.arrays(False)
    gains = [sum(mu[s, o] * (arr[t, o, 0] - arr[s, o, 0]) for o in range(2)) for s in range(2) for t in range(2)]
    gains += [sum(mu[o, s] * (arr[o, t, 1] - arr[o, s, 1]) for o in range(2)) for s in range(2) for t in range(2)]
    assert ce_violation(CHICKEN, mu) == pytest.approx(max(gains))
    # a pure Nash equilibrium is a correlated equilibrium; a pure non-equilibrium is not
    three = uniform_random((2, 3, 2), seed=4)
    for s in np.ndindex(three.shape):
        point = np.zeros(three.shape)
        point[s] = 1.0
        regret = float(three.max_regret(three.pure_profile(list(s), exact=False), exact=False))
        assert ce_violation(three, point) == pytest.approx(regret)


@pytest.mark.parametrize("game", [PENNIES, uniform_random((3, 3, 2), seed=2), uniform_random((3, 4), seed=5)],
                         ids=["pennies", "random_3x3x2", "random_3x4"])
def test_regret_matching_ce_violation_shrinks(game):
    # Hart and Mas-Colell (2000), Econometrica 68, 1127-1150, Main Theorem: the empirical
    # distribution of play converges almost surely to the set of correlated equilibria.
    r = regret_matching(game, iterations=8000, seed=0)
    early = ce_violation(game, _joint(game, r.actions[:300]))
    assert r.ce_violation < 0.5 * early
    assert r.ce_violation == r.residual
    np.testing.assert_allclose(r.joint, _joint(game, r.actions))
    for i, a in enumerate(r.average):
        np.testing.assert_allclose(a, np.bincount(r.actions[:, i], minlength=game.shape[i]) / 8000)


def _joint(game, actions):
    counts = np.zeros(game.shape)
    np.add.at(counts, tuple(np.asarray(actions).T), 1.0)
    return counts / len(actions)


def test_regret_matching_is_reproducible_with_a_seed():
    a = regret_matching(CHICKEN, iterations=500, seed=11)
    b = regret_matching(CHICKEN, iterations=500, seed=np.random.default_rng(11))
    assert np.array_equal(a.actions, b.actions)
    assert a.joint.shape == (2, 2) and a.joint.sum() == pytest.approx(1.0)


# ------------------------------------------------------------------ input validation
@pytest.mark.parametrize("call, error, words", [
    (lambda: fictitious_play(PENNIES, iterations=0), InvalidOption, "iterations"),
    (lambda: fictitious_play(PENNIES, iterations=2.5), InvalidOption, "iterations"),
    (lambda: fictitious_play(PENNIES, tie_break="last"), InvalidOption, "tie_break"),
    (lambda: fictitious_play(PENNIES, simultaneous="yes"), InvalidOption, "simultaneous"),
    (lambda: fictitious_play(PENNIES, initial=[0, 5]), InvalidStrategy, "initial"),
    (lambda: fictitious_play(PENNIES, initial=([0.5, 0.6], [0.5, 0.5])), InvalidStrategy, "initial"),
    (lambda: fictitious_play(PENNIES, initial=([np.nan, 1.0], [0.5, 0.5])), InvalidStrategy, "initial"),
    (lambda: fictitious_play(PENNIES, tol=-1.0), InvalidOption, "tol"),
    (lambda: fictitious_play([[1, 2]]), InvalidGame, "game"),
    (lambda: fictitious_play(PENNIES, tie_break="random", seed=-3), InvalidOption, "seed"),
    (lambda: stochastic_fictitious_play(PENNIES, temperature=0.0), InvalidOption, "temperature"),
    (lambda: stochastic_fictitious_play(PENNIES, temperature=float("inf")), InvalidOption, "temperature"),
    (lambda: stochastic_fictitious_play(PENNIES, seed="x"), InvalidOption, "seed"),
    (lambda: best_response_dynamics(PENNIES, order="random"), InvalidOption, "order"),
    (lambda: best_response_dynamics(PENNIES, max_steps=0), InvalidOption, "max_steps"),
    (lambda: best_response_dynamics(PENNIES, initial=([0.5, 0.5], [1, 0])), InvalidStrategy, "initial"),
    (lambda: best_response_dynamics(PENNIES, initial=["1", "3"]), InvalidStrategy, "initial"),
    (lambda: replicator_dynamics(PENNIES, method="Euler"), InvalidOption, "method"),
    (lambda: replicator_dynamics(PENNIES, t_max=0), InvalidOption, "t_max"),
    (lambda: replicator_dynamics(PENNIES, num_points=1), InvalidOption, "num_points"),
    (lambda: replicator_dynamics(PENNIES, rtol=float("nan")), InvalidOption, "rtol"),
    (lambda: replicator_dynamics(PENNIES, initial=[[1.0], [1.0]]), InvalidStrategy, "initial"),
    (lambda: regret_matching(PENNIES, iterations=-1), InvalidOption, "iterations"),
    (lambda: logit_regret(PENNIES, ([0.5, 0.5], [0.5, 0.5]), -1), InvalidOption, "temperature"),
])
def test_bad_input_raises_a_named_error(call, error, words):
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, GameError)
    assert words in str(info.value)


def test_messages_name_the_function():
    with pytest.raises(InvalidOption, match="^regret_matching: iterations"):
        regret_matching(PENNIES, iterations=0)
    with pytest.raises(InvalidStrategy, match="^best_response_dynamics: initial"):
        best_response_dynamics(PENNIES, initial=[0])


def test_result_round_trips_to_json_and_prints():
    r = best_response_dynamics(PENNIES)
    d = json.loads(json.dumps(r.to_dict()))
    assert d["method"] == "best_response_dynamics" and d["status"] == "cycle"
    assert d["cycle"] == [[0, 0], [0, 1], [1, 1], [1, 0]]
    assert "best_response_dynamics" in str(r)
    d = regret_matching(CHICKEN, iterations=50, seed=0).to_dict()
    assert len(d["joint"]) == 2 and "ce_violation" in d
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.converged = True
