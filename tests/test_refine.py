"""Rational re-solution of float equilibria that lost precision (gametheory.nash._refine)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.nash._refine import refine_bimatrix


def test_recovers_the_exact_equilibrium_of_a_badly_scaled_hard_game_from_a_noisy_profile():
    game = gt.generators.savani_von_stengel(4)  # payoffs from 1 to about 1.5e7
    (x, y), = gt.solve(game, "vertex", exact=True).equilibria
    rng = np.random.default_rng(0)
    noisy = []
    for v in (x, y):
        f = np.array([float(p) for p in v])
        f = f * (1 + 1e-6 * rng.standard_normal(f.size))
        f[f == 0] = 1e-14  # rounding noise off the support
        noisy.append(f / f.sum())
    xe, ye = refine_bimatrix(game.to_float(), *noisy)
    assert list(xe) == list(x) and list(ye) == list(y)
    assert game.max_regret((xe, ye), exact=True) == 0


def test_a_profile_that_is_no_equilibrium_is_not_rescued():
    game = gt.generators.savani_von_stengel(2)
    assert refine_bimatrix(game, np.eye(4)[0], np.eye(4)[3]) is None


@settings(max_examples=30)
@given(st.integers(2, 6), st.integers(0, 10**6))
def test_refining_a_float_equilibrium_gives_an_exact_equilibrium_nearby(n, seed):
    game = gt.generators.uniform_random((n, n), seed=seed)  # nondegenerate with probability one
    for x, y in gt.solve(game, "vertex").equilibria:
        xe, ye = refine_bimatrix(game, x, y)
        assert game.max_regret((xe, ye), exact=True) == 0
        assert np.allclose(np.array(xe, dtype=float), x, atol=1e-9)
        assert np.allclose(np.array(ye, dtype=float), y, atol=1e-9)


def test_certify_rescues_an_imprecise_candidate_and_still_refuses_a_false_one():
    import time

    import pytest

    from gametheory.errors import SolverError
    from gametheory.result import certify

    game = gt.generators.savani_von_stengel(4).to_float()
    (x, y), = gt.solve(gt.generators.savani_von_stengel(4), "vertex", exact=True).equilibria
    noisy = [np.array([float(p) for p in v]) for v in (x, y)]
    noisy[0] = noisy[0] * (1 + 1e-3 * np.arange(8))  # the row player's mix, slightly off
    assert game.max_regret([v / v.sum() for v in noisy]) > 1e-9 * 3e7  # fails the float certificate
    res = certify(game, [tuple(noisy)], method="test", exact=False, start=time.perf_counter())
    assert "re-solved" in res.message and res.max_regret <= res.tol
    assert np.allclose(res.equilibria[0][1], 1 / 8) and np.allclose(res.equilibria[0][0], np.array(x, dtype=float))
    with pytest.raises(SolverError, match="regret"):
        certify(game, [(np.eye(8)[0], np.eye(8)[7])], method="test", exact=False, start=time.perf_counter())
