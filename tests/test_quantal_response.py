"""Tests of gametheory.nash.quantal_response: the logit QRE branch, its Nash limit and lambda fitting."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidOption, InvalidStrategy, NotSupported
from gametheory.generators import covariant, uniform_random
from gametheory.io import read_nfg
from gametheory.nash._polish import polish
from gametheory.nash.quantal_response import LogitFit, LogitPath, fit_logit, logit, logit_path, logit_qre
from conftest import GAMBIT_DIR, nplayer_gambit_files

CATALOG = nplayer_gambit_files()
needs_catalog = pytest.mark.skipif(not CATALOG, reason="../shared/games/gambit is not present")

PD = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
MATCHING_PENNIES = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
RPS = gt.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
BOS = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])


def qre_residual(game: gt.NormalFormGame, lam: float, profile) -> float:
    """max |p_ij - softmax(lam * u_i(p))_j|, computed from the game, independently of the tracer."""
    dev = game.strategy_payoffs([np.asarray(p, dtype=float) for p in profile], exact=False)
    worst = 0.0
    for d, p in zip(dev, profile):
        z = lam * (d - d.max())
        q = np.exp(z) / np.exp(z).sum()
        worst = max(worst, float(np.max(np.abs(q - p))))
    return worst


def flat(profile) -> np.ndarray:
    return np.concatenate([np.asarray(p, dtype=float) for p in profile])


# ----------------------------------------------------------------------------- the path


@pytest.mark.parametrize("game", [
    PD, BOS, uniform_random((3, 4), seed=2), uniform_random((2, 3, 2), seed=1), covariant((2, 2, 2, 2), rho=-0.3, seed=3),
], ids=["pd", "bos", "3x4", "2x3x2", "2x2x2x2"])
def test_path_starts_uniform_and_every_point_is_a_qre(game):
    path = logit_path(game)
    assert isinstance(path, LogitPath)
    assert path.lambdas[0] == 0.0
    for p, n in zip(path.profile(0), game.shape):
        np.testing.assert_allclose(p, np.full(n, 1.0 / n), rtol=0, atol=1e-15)
    assert len(path) == len(path.profiles) == len(path.arclength) > 1
    assert np.all(np.diff(path.arclength) > 0)
    assert np.all(path.lambdas >= 0)
    for k in range(len(path)):
        prof = path.profile(k)
        assert all(abs(p.sum() - 1) < 1e-12 and p.min() >= 0 for p in prof)
        assert qre_residual(game, path.lambdas[k], prof) < 1e-9
    eq = path.equilibrium
    assert eq.status == "ok" and len(eq) == 1 and eq.method == "logit" and not eq.complete
    assert float(game.max_regret(eq[0], exact=False)) <= eq.tol


def test_dominant_strategy_probability_is_monotone_along_the_path():
    """In the prisoners' dilemma both players' probability of defecting rises with lambda (to the NE)."""
    path = logit_path(PD)
    assert np.all(np.diff(path.lambdas) > 0)
    defect_row, defect_col = path.profiles[:, 1], path.profiles[:, 3]
    assert np.all(np.diff(defect_row) > 0) and np.all(np.diff(defect_col) > 0)
    np.testing.assert_allclose(flat(path.equilibrium[0]), [0, 1, 0, 1], atol=1e-12)


def test_closed_form_with_a_constant_dominance_margin():
    """Row's advantage of Top is 1 whatever Column does, so p_Top = 1 / (1 + e^-lambda) exactly;
    Column matches Row (payoff 1 on the diagonal), so q_Left = 1 / (1 + e^(-lambda (2 p_Top - 1)))."""
    game = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 0], [0, 1]])
    for lam in [0.0, 0.3, 1.0, 2.5, 7.0]:
        p, q = logit_qre(game, lam)
        top = 1 / (1 + math.exp(-lam))
        left = 1 / (1 + math.exp(-lam * (2 * top - 1)))
        assert p[0] == pytest.approx(top, abs=1e-12)
        assert q[0] == pytest.approx(left, abs=1e-12)


@pytest.mark.parametrize("game", [MATCHING_PENNIES, RPS], ids=["matching_pennies", "rps"])
def test_uniform_for_every_lambda_when_uniform_is_a_best_reply_to_itself(game):
    for lam in [0.5, 3.0, 40.0]:
        for p, n in zip(logit_qre(game, lam), game.shape):
            np.testing.assert_allclose(p, np.full(n, 1.0 / n), atol=1e-12)
    path = logit_path(game)
    # the uniform profile is already a Nash equilibrium: the limit is read off the first point
    assert len(path) == 1 and path.equilibrium.status == "ok"


def test_turning_points_are_followed():
    """The branch of this random 2x2x2 game bends back (lambda falls from ~49.5 to ~30.8 and rises
    again); arclength keeps increasing, every point is a QRE, and logit_qre returns the first crossing."""
    game = uniform_random((2, 2, 2), seed=27)
    path = logit_path(game)
    falling = np.flatnonzero(np.diff(path.lambdas) < 0)
    assert len(falling) >= 2
    first_fold = falling[0]
    top, bottom = path.lambdas[first_fold], path.lambdas[falling[-1] + 1]
    assert top > bottom + 5
    assert np.all(np.diff(path.arclength) > 0)
    for k in range(len(path)):
        assert qre_residual(game, path.lambdas[k], path.profile(k)) < 1e-9
    lam = 0.5 * (top + bottom)
    q = logit_qre(game, lam)
    assert qre_residual(game, lam, q) < 1e-10
    k = int(np.searchsorted(path.lambdas[:first_fold + 1], lam))
    # between the two path points that bracket lam before the fold
    lo, hi = path.profiles[k - 1], path.profiles[k]
    assert np.all(flat(q) >= np.minimum(lo, hi) - 1e-9) and np.all(flat(q) <= np.maximum(lo, hi) + 1e-9)


def test_max_lambda_stops_on_the_qre_at_max_lambda():
    path = logit_path(BOS, max_lambda=2.0)
    assert path.lambdas[-1] == pytest.approx(2.0, abs=1e-14)
    assert path.equilibrium.status == "max-lambda" and len(path.equilibrium) == 0
    np.testing.assert_allclose(path.profiles[-1], flat(logit_qre(BOS, 2.0)), atol=1e-12)
    assert qre_residual(BOS, 2.0, path.profile(len(path) - 1)) < 1e-12


# ----------------------------------------------------------------------------- the limit


def test_logit_exact_mode():
    res = logit(BOS, exact=True)
    assert res.exact and res.regrets == [0]
    assert [list(s) for s in res[0]] == [[Fraction(2, 3), Fraction(1, 3)], [Fraction(1, 3), Fraction(2, 3)]]
    assert res.parameters["exact"] is True


@needs_catalog
def test_logit_exact_mode_refuses_an_irrational_limit():
    """Nau et al. (2004), sec. 4: a three-player game whose unique equilibrium is irrational."""
    sec4 = read_nfg(GAMBIT_DIR / "catalog" / "journals" / "ijgt" / "nau2004" / "sec4.nfg")
    assert len(logit(sec4)) == 1
    with pytest.raises(NotSupported, match="irrational"):
        logit(sec4, exact=True)


@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=lambda p: str(p.relative_to(GAMBIT_DIR)))
def test_catalog_limits_are_certified(path):
    game = read_nfg(path)
    res = logit(game)
    assert res.status == "ok" and len(res) == 1
    span = float(np.ptp(game._float))
    assert float(game.max_regret(res[0], exact=False)) <= 1e-9 * max(1.0, span)


def _gambit_profile(gbt, ggame, profile) -> np.ndarray:
    return np.array([float(profile[s]) for s in ggame.strategies])


def _compare_with_gambit(gbt, game, ggame):
    ours = flat(logit(game)[0])
    theirs = gbt.nash.logit_solve(ggame).equilibria[0]
    span = max(1.0, float(np.ptp(game._float)))
    assert theirs.max_regret() <= 1e-7 * span
    raw = _gambit_profile(gbt, ggame, theirs)
    # Gambit stops on the path at regret <= 1e-8 * range, up to ~1e-6 from the limit on these games;
    # polished, its point is the limit itself
    assert np.max(np.abs(ours - raw)) <= 2e-6
    cuts = np.cumsum(game.shape)[:-1]
    exact_limit = polish(game, np.split(raw, cuts))
    assert exact_limit is not None
    assert np.max(np.abs(ours - flat(exact_limit))) <= 1e-8


# the McKelvey-McLennan 2x2x2 game: players 1 and 2 stay at (1/2, 1/2) on the branch, which meets a
# pitchfork bifurcation; Gambit's logit stops there and returns a profile with regret 0.21 (not an
# equilibrium: pygambit 16.7), while the branch through the bifurcation ends at an equilibrium.
GAMBIT_FAILS = {"2x2x2.nfg"}


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=lambda p: str(p.relative_to(GAMBIT_DIR)))
def test_catalog_limit_matches_gambit(path):
    gbt = pytest.importorskip("pygambit")
    game, ggame = read_nfg(path), gbt.read_nfg(str(path))
    if path.name in GAMBIT_FAILS:
        theirs = gbt.nash.logit_solve(ggame).equilibria[0]
        assert theirs.max_regret() > 0.1
        ours = logit(game)[0]
        assert float(game.max_regret(ours, exact=False)) <= 1e-9 * float(np.ptp(game._float))
        assert np.allclose(flat(ours[:2]), 0.5)
        return
    _compare_with_gambit(gbt, game, ggame)


RANDOM_GAMES = [
    ("uniform", (4, 5), 0), ("uniform", (6, 6), 1), ("uniform", (2, 2, 2), 3), ("uniform", (3, 3, 3), 4),
    ("uniform", (3, 3, 3), 18), ("uniform", (2, 3, 4), 5), ("uniform", (2, 2, 2, 2), 6),
    ("covariant", (3, 3, 3), 2), ("covariant", (2, 2, 2, 2), 7), ("covariant", (5, 5), 8),
]


def _random_game(kind, shape, seed):
    if kind == "uniform":
        return uniform_random(shape, seed=seed)
    return covariant(shape, rho=-0.9 if len(shape) == 2 else -0.3, seed=seed)


@pytest.mark.gambit
@pytest.mark.parametrize("kind,shape,seed", RANDOM_GAMES)
def test_random_limit_matches_gambit(kind, shape, seed):
    """Generic games: both tracers follow the same principal branch, so they end at the same equilibrium.
    (uniform 3x3x3 seed 4 has a sharp bend at lambda ~ 12 that looser step control jumped across.)"""
    gbt = pytest.importorskip("pygambit")
    game = _random_game(kind, shape, seed)
    ggame = gbt.Game.from_arrays(*[game._float[..., i] for i in range(game.num_players)])
    _compare_with_gambit(gbt, game, ggame)


@pytest.mark.gambit
def test_qre_at_lambda_matches_gambit():
    gbt = pytest.importorskip("pygambit")
    game = uniform_random((3, 2, 2), seed=11)
    ggame = gbt.Game.from_arrays(*[game._float[..., i] for i in range(3)])
    for lam in [0.5, 4.0, 20.0]:
        theirs = gbt.qre.logit_solve_lambda(ggame, lam=lam)[0]
        assert theirs.lam == pytest.approx(lam)
        np.testing.assert_allclose(flat(logit_qre(game, lam)), _gambit_profile(gbt, ggame, theirs.profile), atol=1e-7)


# ----------------------------------------------------------------------------- invariances (hypothesis)


@st.composite
def small_games(draw):
    n_players = draw(st.integers(2, 3))
    shape = tuple(draw(st.integers(2, 3)) for _ in range(n_players))
    seed = draw(st.integers(0, 2**32 - 1))
    return gt.NormalFormGame(np.random.default_rng(seed).normal(size=shape + (n_players,)))


@settings(max_examples=15)
@given(game=small_games(), lam=st.sampled_from([0.4, 2.0, 6.0]), a=st.floats(0.05, 20.0), data=st.data())
def test_qre_invariant_under_relabelling_and_rescaling(game, lam, a, data):
    q = logit_qre(game, lam)
    assert qre_residual(game, lam, q) < 1e-9
    # QRE at lambda of a * u equals QRE at a * lambda of u
    scaled = gt.NormalFormGame(game._float * a)
    np.testing.assert_allclose(flat(logit_qre(scaled, lam / a)), flat(q), atol=1e-8)
    # relabel strategies, then players: the QRE is relabelled the same way
    perms = [data.draw(st.permutations(range(n))) for n in game.shape]
    relabelled = gt.NormalFormGame(game._float[np.ix_(*perms, range(game.num_players))])
    q2 = logit_qre(relabelled, lam)
    for p, p2, perm in zip(q, q2, perms):
        np.testing.assert_allclose(p2, p[list(perm)], atol=1e-8)
    order = data.draw(st.permutations(range(game.num_players)))
    q3 = logit_qre(game.permute_players(order), lam)
    for k, i in enumerate(order):
        np.testing.assert_allclose(q3[k], q[i], atol=1e-8)


@settings(max_examples=10)
@given(game=small_games(), data=st.data())
def test_limit_invariant_under_relabelling(game, data):
    """The branch is defined by the game, not its labels: relabelled, the limit is relabelled."""
    eq = logit(game)[0]
    perms = [data.draw(st.permutations(range(n))) for n in game.shape]
    relabelled = gt.NormalFormGame(game._float[np.ix_(*perms, range(game.num_players))])
    eq2 = logit(relabelled)[0]
    for p, p2, perm in zip(eq, eq2, perms):
        np.testing.assert_allclose(p2, p[list(perm)], atol=1e-7)


# ----------------------------------------------------------------------------- fitting lambda


def test_fit_recovers_lambda_from_exact_frequencies():
    game = uniform_random((3, 3), seed=3)
    q = logit_qre(game, 2.0)
    fit = fit_logit(game, [1000 * p for p in q])
    assert isinstance(fit, LogitFit) and fit.status == "ok"
    assert fit.lambda_hat == pytest.approx(2.0, abs=1e-7)
    np.testing.assert_allclose(flat(fit.profile), flat(q), atol=1e-8)
    # the same data as frequencies with a number of observations
    fit2 = fit_logit(game, [p / 7 for p in q], n_observations=1000)
    assert fit2.lambda_hat == pytest.approx(fit.lambda_hat, abs=1e-9)
    assert fit2.standard_error == pytest.approx(fit.standard_error, rel=1e-6)
    assert fit2.n_observations == pytest.approx(2000)


@pytest.mark.parametrize("shape,lam,seed", [((3, 3), 2.0, 0), ((2, 3, 2), 3.0, 1)])
def test_fit_recovers_lambda_from_simulated_choices(shape, lam, seed):
    """Seeded multinomial samples at a known lambda: the estimate lies within 4 standard errors,
    and the standard error equals the one from the curvature of the log-likelihood computed with
    logit_qre (an independent finite difference of the log-likelihood itself)."""
    game = uniform_random(shape, seed=seed + 3)
    rng = np.random.default_rng(seed)
    counts = [rng.multinomial(20000, p) for p in logit_qre(game, lam)]
    fit = fit_logit(game, counts)
    assert fit.status == "ok" and fit.n_observations == 20000 * len(shape)
    assert 0 < fit.standard_error < 0.2
    assert abs(fit.lambda_hat - lam) <= 4 * fit.standard_error

    def loglik(x):
        return sum(float(c @ np.log(p)) for c, p in zip(counts, logit_qre(game, x)))

    assert loglik(fit.lambda_hat) == pytest.approx(fit.log_likelihood, abs=1e-8)
    h = 0.01
    second = (loglik(fit.lambda_hat + h) - 2 * loglik(fit.lambda_hat) + loglik(fit.lambda_hat - h)) / h**2
    assert fit.standard_error == pytest.approx(1 / math.sqrt(-second), rel=1e-3)
    assert loglik(fit.lambda_hat) >= max(loglik(fit.lambda_hat + h), loglik(fit.lambda_hat - h))


@pytest.mark.gambit
@pytest.mark.parametrize("shape,seed", [((3, 3), 3), ((2, 3, 2), 5)])
def test_fit_matches_gambit_logit_estimate(shape, seed):
    gbt = pytest.importorskip("pygambit")
    game = uniform_random(shape, seed=seed)
    rng = np.random.default_rng(seed)
    counts = [rng.multinomial(3000, p) for p in logit_qre(game, 2.5)]
    fit = fit_logit(game, counts)
    ggame = gbt.Game.from_arrays(*[game._float[..., i] for i in range(game.num_players)])
    data = ggame.mixed_strategy_profile(data=[[float(c) for c in cs] for cs in counts])
    theirs = gbt.qre.logit_estimate(data)
    assert fit.lambda_hat == pytest.approx(theirs.lam, abs=1e-6)
    assert fit.log_likelihood == pytest.approx(theirs.log_like, abs=1e-6)


def test_fit_on_the_boundary():
    # data that look more random than uniform play fit best at lambda = 0
    fit = fit_logit(PD, [[10, 0], [10, 0]])
    assert fit.status == "boundary" and fit.lambda_hat == 0.0 and math.isnan(fit.standard_error)
    # data exactly at the Nash limit: the likelihood still increases where the branch is cut
    fit = fit_logit(PD, [[0, 10], [0, 10]])
    assert fit.status == "boundary" and fit.lambda_hat == fit.path.lambdas[-1] > 0


@pytest.mark.parametrize("observed,match", [
    ([[1, 2]], "2 players"),
    ([[1, 2, 3], [1, 2]], r"shape \(3,\)"),
    ([[1, -2], [1, 2]], "negative"),
    ([[1, float("nan")], [1, 2]], "NaN"),
    ([[0, 0], [0, 0]], "all zero"),
    ([["a", 1], [1, 2]], "not numbers"),
])
def test_fit_validates_observed(observed, match):
    with pytest.raises(InvalidStrategy, match=match) as info:
        fit_logit(PD, observed)
    assert "fit_logit" in str(info.value)


def test_options_are_validated():
    with pytest.raises(InvalidOption, match="first_step"):
        logit_path(PD, first_step=0)
    with pytest.raises(InvalidOption, match="max_accel"):
        logit(PD, max_accel=1.0)
    with pytest.raises(InvalidOption, match="max_lambda"):
        logit_path(PD, max_lambda=-1)
    with pytest.raises(InvalidOption, match="lam"):
        logit_qre(PD, -0.5)
    with pytest.raises(InvalidOption, match="lam"):
        logit_qre(PD, float("nan"))
    with pytest.raises(InvalidOption, match="game"):
        logit([[1, 2], [3, 4]])
    with pytest.raises(InvalidOption, match="n_observations"):
        fit_logit(PD, [[1, 1], [1, 1]], n_observations=0)
    with pytest.raises(InvalidOption, match="n_observations has 3 entries"):
        fit_logit(PD, [[1, 1], [1, 1]], n_observations=[1, 2, 3])


def test_step_limit_is_a_status_not_an_exception():
    res = logit(BOS, max_steps=3)
    assert res.status == "no-convergence" and len(res) == 0 and "max_steps" in res.message
    res = logit(BOS, max_steps=3, exact=True)
    assert res.exact and res.status == "no-convergence" and len(res) == 0
    with pytest.raises(gt.errors.SolverError, match="max_steps"):
        logit_qre(BOS, 50.0, max_steps=3)


def test_limit_does_not_depend_on_the_step_size():
    """Following the branch with 20x shorter steps ends at the same equilibrium: the default step control
    does not jump to a neighbouring branch at the sharp bend of this game (lambda ~ 12)."""
    game = uniform_random((3, 3, 3), seed=4)
    coarse = logit_path(game)
    fine = logit_path(game, first_step=0.003, max_accel=1.01, max_steps=20000)
    assert len(fine) > 3 * len(coarse)
    np.testing.assert_allclose(flat(coarse.equilibrium[0]), flat(fine.equilibrium[0]), atol=1e-9)
    np.testing.assert_allclose(flat(coarse.equilibrium[0]), [1, 0, 0, 0, 1, 0, 0, 1, 0], atol=1e-9)


def test_the_path_alone_reaches_the_regret_bound(monkeypatch):
    """Without Newton polishing the tracer must itself reach regret <= 1e-9 * range: the step length
    grows geometrically along the asymptotically straight branch (log-probabilities), so lambda of
    order 1e8 takes a few hundred steps."""
    import gametheory.nash.quantal_response as qr

    monkeypatch.setattr(qr, "_POLISH_BELOW", 0.0)
    game = uniform_random((4, 4, 4), seed=2)
    path = logit_path(game)
    assert path.equilibrium.status == "ok" and "read off the path" in path.equilibrium.message
    assert path.lambdas[-1] > 1e6 and len(path) < 400
    assert float(game.max_regret(path.equilibrium[0], exact=False)) <= 1e-9 * float(np.ptp(game._float))
    with_polish = logit(game)
    np.testing.assert_allclose(flat(with_polish[0]), flat(path.equilibrium[0]), atol=1e-7)


def test_fit_with_per_player_numbers_of_observations():
    game = uniform_random((2, 3, 2), seed=5)
    q = logit_qre(game, 1.5)
    fit = fit_logit(game, q, n_observations=[100, 300, 200])
    assert fit.lambda_hat == pytest.approx(1.5, abs=1e-7)
    np.testing.assert_allclose(flat(fit.counts), flat([100 * q[0], 300 * q[1], 200 * q[2]]))
    assert fit.n_observations == pytest.approx(600)
    assert fit.log_likelihood == pytest.approx(sum(float(c @ np.log(p)) for c, p in zip(fit.counts, q)), abs=1e-8)
