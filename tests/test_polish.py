"""Polishing approximate N-player equilibria into certified ones (gametheory.nash._polish)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidStrategy
from gametheory.generators import uniform_random as random_game
from gametheory.nash._polish import nash_contractions, polish, regret_bound


def _three_player_mixed() -> gt.NormalFormGame:
    """Jordan's (1993) cyclic matching pennies: unique equilibrium, everyone mixes 1/2.

    Player 1 wants to match player 2, player 2 to mismatch player 3, player 3
    to match player 1; each is indifferent only when the player it watches mixes 1/2.
    """
    u = np.zeros((2, 2, 2, 3), dtype=int)
    for a in range(2):
        for b in range(2):
            for c in range(2):
                u[a, b, c] = [1 if a == b else -1, 1 if b != c else -1, 1 if c == a else -1]
    return gt.NormalFormGame(u)


def test_noisy_mixed_equilibrium_is_polished_to_the_exact_one():
    g = _three_player_mixed()
    rng = np.random.default_rng(1)
    noisy = [np.array([0.5, 0.5]) + rng.normal(0, 1e-3, 2) for _ in range(3)]
    prof = polish(g, noisy)
    assert prof is not None
    assert g.max_regret(prof, exact=False) <= regret_bound(g)
    np.testing.assert_allclose(np.concatenate(prof), 0.5, atol=1e-12)
    exact = polish(g, noisy, exact=True)
    assert [list(p) for p in exact] == [[Fraction(1, 2)] * 2] * 3
    assert g.max_regret(exact, exact=True) == 0


def test_irrational_equilibrium_has_no_exact_polish():
    """Nau, Gomez Canovas and Hansen (2004), IJGT 32, sec. 4: a 2x2x2 game whose only equilibrium is irrational.

    (Gambit catalog ``nau2004/sec4.nfg``; the equilibrium, about (0.6192, 0.4798, 0.3788) on the first
    strategies, solves quadratic indifference conditions.)  The float polish is certified; the exact polish
    must return None, not a rational profile that is not an equilibrium.
    """
    u1 = [[[3, 1], [0, 0]], [[0, 0], [1, 2]]]
    u2 = [[[0, 0], [2, 1]], [[1, 3], [0, 0]]]
    u3 = [[[2, 0], [0, 0]], [[0, 0], [0, 3]]]
    g = gt.NormalFormGame([np.array(u1), np.array(u2), np.array(u3)])
    start = [np.array([0.62, 0.38]), np.array([0.48, 0.52]), np.array([0.38, 0.62])]
    prof = polish(g, start)
    assert prof is not None and g.max_regret(prof, exact=False) <= regret_bound(g)
    np.testing.assert_allclose([prof[0][0], prof[1][0], prof[2][0]], [0.6192325562576, 0.4798042146042,
                                                                      0.3788254061491], atol=1e-6)
    assert polish(g, start, exact=True) is None


def test_no_equilibrium_on_the_guessed_supports_returns_none():
    # matching pennies from a pure profile: neither its supports nor the best responses' carry an equilibrium
    g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    assert polish(g, [np.array([1.0, 0.0]), np.array([1.0, 0.0])]) is None
    assert polish(g, [np.array([0.6, 0.4]), np.array([0.3, 0.7])]) is not None


def test_bad_profiles_are_refused():
    g = _three_player_mixed()
    with pytest.raises(InvalidStrategy, match="shape"):
        polish(g, [np.ones(2), np.ones(2)])
    with pytest.raises(InvalidStrategy, match="NaN"):
        polish(g, [np.array([np.nan, 1.0]), np.ones(2), np.ones(2)])
    with pytest.raises(InvalidStrategy, match="positive"):
        polish(g, [np.zeros(2), np.ones(2), np.ones(2)])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), shape=st.sampled_from([(2, 2), (3, 3), (2, 2, 2), (3, 2, 2)]))
def test_perturbed_equilibria_polish_back(seed, shape):
    """Any equilibrium, perturbed by 1e-5, polishes to a profile passing the certificate."""
    g = random_game(shape, seed=seed)
    if len(shape) == 2:
        eqs = gt.vertex_enumeration(g).equilibria
    else:
        eqs = gt.enumpure(g).equilibria
    rng = np.random.default_rng(seed)
    for eq in eqs:
        noisy = [np.abs(p + rng.normal(0, 1e-5, len(p))) for p in eq]
        prof = polish(g, noisy)
        assert prof is not None
        assert g.max_regret(prof, exact=False) <= regret_bound(g)
        assert max(np.max(np.abs(p - q)) for p, q in zip(prof, eq)) < 1e-3


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000))
def test_contractions_match_the_game(seed):
    g = random_game((3, 2, 2), seed=seed)
    rng = np.random.default_rng(seed)
    prof = [rng.dirichlet(np.ones(n)) for n in g.shape]
    for ours, ref in zip(nash_contractions(g, prof), g.strategy_payoffs(prof, exact=False)):
        np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-12)
