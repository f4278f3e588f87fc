"""Hypothesis property tests: invariants every solver's answers must satisfy.

Games are drawn with small integer payoffs so ties, and hence degenerate
games with continua of equilibria, are common; float games with uniform
payoffs cover the nondegenerate case.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gametheory as gt
from conftest import bimatrix_games, contained, float_bimatrix_games, profile_key, profile_set

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_valid(game, res):
    """Every profile is a distribution and no player gains by a pure deviation."""
    for prof in res.equilibria:
        for s in prof:
            if res.exact:
                assert all(isinstance(p, Fraction) and p >= 0 for p in s)
                assert sum(s) == 1
            else:
                assert np.all(np.asarray(s, dtype=float) >= 0)
                assert abs(float(np.sum(s)) - 1.0) <= 1e-12
        # independent check, not through the certificate the solver built
        A, B = game.bimatrix(exact=res.exact)
        x, y = prof
        u1, u2 = A.dot(y), x.dot(B)
        if res.exact:
            assert max(u1) == x.dot(u1) and max(u2) == u2.dot(y)
        else:
            assert max(u1) - x.dot(u1) <= res.tol and max(u2) - u2.dot(y) <= res.tol


@given(bimatrix_games(), st.sampled_from(["support", "vertex", "lemke-howson", "enumpure"]), st.booleans())
@SETTINGS
def test_every_returned_profile_is_an_equilibrium(game, method, exact):
    _check_valid(game, gt.solve(game, method=method, exact=exact))


@given(float_bimatrix_games(), st.sampled_from(["support", "vertex", "lemke-howson"]))
@SETTINGS
def test_every_returned_profile_is_an_equilibrium_float_games(game, method):
    _check_valid(game, gt.solve(game, method=method))


@given(bimatrix_games(), st.integers(1, 5), st.integers(-7, 7), st.integers(0, 1))
@SETTINGS
def test_equilibria_invariant_under_positive_affine_maps(game, scale, shift, player):
    A, B = game.bimatrix(exact=True)
    if player == 0:
        A = A * Fraction(scale, 3) + shift
    else:
        B = B * Fraction(scale, 3) + shift
    other = gt.NormalFormGame.from_bimatrix(A, B)
    assert profile_set(gt.vertex_enumeration(game, exact=True)) == profile_set(gt.vertex_enumeration(other, exact=True))


@given(bimatrix_games(), st.randoms(use_true_random=False))
@SETTINGS
def test_equilibria_follow_a_relabelling_of_strategies(game, rnd):
    m, n = game.shape
    rows = list(range(m))
    cols = list(range(n))
    rnd.shuffle(rows)
    rnd.shuffle(cols)
    permuted = game.restrict([rows, cols])
    before = gt.vertex_enumeration(game, exact=True)
    after = gt.vertex_enumeration(permuted, exact=True)
    # strategy k of the permuted game is strategy rows[k] of the original
    mapped = {
        (tuple(x[rows[k]] for k in range(m)), tuple(y[cols[k]] for k in range(n)))
        for x, y in (profile_key(p, True) for p in before.equilibria)
    }
    assert mapped == profile_set(after)


@given(bimatrix_games(max_m=4, max_n=4))
@SETTINGS
def test_all_equilibria_solvers_agree_and_contain_lemke_howson(game):
    vertex = profile_set(gt.vertex_enumeration(game, exact=True))
    support = profile_set(gt.support_enumeration(game, exact=True))
    assert vertex == support
    m, n = game.shape
    lh = gt.lemke_howson(game, exact=True, all_labels=True)
    assert profile_set(lh) <= vertex
    assert profile_set(gt.enumpure(game, exact=True)) <= vertex


@given(bimatrix_games(max_m=4, max_n=4))
@SETTINGS
def test_float_and_exact_vertex_enumeration_agree(game):
    exact = gt.vertex_enumeration(game, exact=True)
    flt = gt.vertex_enumeration(game.to_float())
    assert len(exact) == len(flt)
    assert contained(exact.equilibria, flt.equilibria, 1e-8) and contained(flt.equilibria, exact.equilibria, 1e-8)


@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1), st.booleans())
@SETTINGS
def test_zero_sum_value_equals_every_equilibrium_payoff(m, n, seed, exact):
    rng = np.random.default_rng(seed)
    A = rng.integers(-4, 5, (m, n))
    game = gt.NormalFormGame.from_bimatrix(A)
    value = gt.game_value(game, exact=exact)
    res = gt.vertex_enumeration(game, exact=exact)
    assert len(res) >= 1
    for pay in res.payoffs:
        if exact:
            assert pay[0] == value and pay[1] == -value
        else:
            assert abs(pay[0] - value) <= 1e-9 * max(1, np.ptp(A))


@given(float_bimatrix_games(max_m=6, max_n=6))
@SETTINGS
def test_nondegenerate_games_have_an_odd_number_of_equilibria(game):
    assume(not gt.is_degenerate(game))
    res = gt.vertex_enumeration(game)
    assert len(res) % 2 == 1
    assert len(gt.support_enumeration(game)) == len(res)


@given(bimatrix_games(low=0, high=20, max_m=4, max_n=4))
@SETTINGS
def test_nondegenerate_integer_games_have_an_odd_number_of_equilibria(game):
    assume(not gt.is_degenerate(game, exact=True))
    assert len(gt.vertex_enumeration(game, exact=True)) % 2 == 1


@given(bimatrix_games(max_m=4, max_n=4))
@SETTINGS
def test_dominance_preprocessing_preserves_the_equilibrium_set(game):
    plain = profile_set(gt.solve(game, method="vertex", exact=True))
    pre = profile_set(gt.solve(game, method="vertex", exact=True, eliminate_dominated=True))
    assert pre == plain
