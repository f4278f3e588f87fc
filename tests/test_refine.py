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
