"""Iterated elimination of weakly dominated strategies (gametheory.nash.dominance)."""

from __future__ import annotations

from fractions import Fraction as F

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidGame, InvalidOption
from gametheory.nash.dominance import iterated_weak_elimination, weakly_dominated_strategies

# Order dependence, constructed for this test: T and B are each weakly dominated by M; which one
# goes first decides whether L or R is then weakly dominated for the column player.
#          L       R
#   T    1, 1    0, 0
#   M    1, 1    2, 1
#   B    0, 0    2, 1
ORDER_GAME = gt.NormalFormGame.from_bimatrix([[1, 0], [1, 2], [0, 2]], [[1, 0], [1, 1], [0, 1]])


@st.composite
def small_games(draw, shapes=((2, 2), (2, 3), (3, 3), (3, 4), (2, 2, 2), (3, 2, 2))):
    """Exact games with payoffs in a narrow integer range, so weak dominance (ties) is common."""
    shape = draw(st.sampled_from(shapes))
    n = len(shape)
    size = int(np.prod(shape)) * n
    flat = draw(st.lists(st.integers(0, 2), min_size=size, max_size=size))
    return gt.NormalFormGame(np.array(flat, dtype=int).reshape(shape + (n,)))


ORDERS = st.sampled_from(["simultaneous", "sequential"])


def replay(result):
    """Check every removal against the game it was made in, exactly; return the final keep sets.

    Simultaneous rounds are judged in the game at the start of the round; the
    other orders remove one strategy per step.
    """
    game = result.original
    arr = game.arrays(True)
    keep = [list(range(n)) for n in game.shape]
    rounds: dict[int, list] = {}
    for e in result.eliminated:
        rounds.setdefault(e.round, []).append(e)
    for rnd in sorted(rounds):
        batch = rounds[rnd]
        assert result.order == "simultaneous" or len(batch) == 1
        for e in batch:
            i = e.player
            assert e.strategy in keep[i]
            sigma = np.asarray(e.dominated_by, dtype=object)
            assert all(p >= 0 for p in sigma) and sum(sigma) == 1
            assert all(sigma[k] == 0 for k in range(game.shape[i]) if k not in keep[i])
            own = np.moveaxis(arr[np.ix_(*keep)][..., i], i, 0).reshape(len(keep[i]), -1)
            diff = sigma[keep[i]].dot(own) - own[keep[i].index(e.strategy)]
            # weak domination: never worse, strictly better against some profile of the others
            assert min(diff) >= 0 and max(diff) > 0
            assert e.margin == min(diff) and e.total == sum(diff)
        for e in batch:
            keep[e.player].remove(e.strategy)
    assert tuple(tuple(k) for k in keep) == result.kept
    return keep


def embedded_equilibria(result):
    """Exact equilibria of the reduced game, embedded in the original game."""
    red = result.game
    eqs = gt.vertex_enumeration(red, exact=True).equilibria if red.num_players == 2 else gt.enumpure(red, exact=True).equilibria
    return [result.embed(eq) for eq in eqs]


# ------------------------------------------------------------------------------ examples
class TestOrderMatters:
    def test_sequential(self):
        res = iterated_weak_elimination(ORDER_GAME, order="sequential", exact=True)
        assert res.kind == "weak" and res.order == "sequential"
        assert [(e.player, e.strategy) for e in res.eliminated] == [(0, 0), (1, 0)]
        assert res.kept == ((1, 2), (1,))
        assert set(res.game.payoff_array(0).reshape(-1)) == {2}  # payoff (2, 1)
        replay(res)

    def test_explicit_order_gives_another_outcome(self):
        res = iterated_weak_elimination(ORDER_GAME, order=[(0, 2), ("2", "2")], exact=True)
        assert res.order == "explicit" and res.kept == ((0, 1), (0,))
        assert set(res.game.payoff_array(0).reshape(-1)) == {1}  # payoff (1, 1)
        replay(res)

    def test_simultaneous_gives_a_third(self):
        res = iterated_weak_elimination(ORDER_GAME, exact=True)
        assert res.kept == ((1,), (0, 1))
        assert {(e.player, e.strategy, e.round) for e in res.eliminated} == {(0, 0, 1), (0, 2, 1)}
        replay(res)

    def test_float_mode_same_outcomes(self):
        g = ORDER_GAME.to_float()
        assert iterated_weak_elimination(g, order="sequential").kept == ((1, 2), (1,))
        assert iterated_weak_elimination(g).kept == ((1,), (0, 1))
        e = iterated_weak_elimination(g).eliminated[0]
        assert isinstance(e.margin, float) and e.total > 0


def test_mixed_weak_dominator_needs_lp():
    # row 2 (1, 1, 2) is matched by (rows 0 + 1) / 2 = (1, 1, 5/2): equal twice, better once;
    # no pure row weakly dominates it.  The column player is indifferent everywhere.
    A = [[2, 0, 3], [0, 2, 2], [1, 1, 2]]
    g = gt.NormalFormGame.from_bimatrix(A, np.zeros((3, 3), dtype=int))
    assert iterated_weak_elimination(g, mixed=False, exact=True).kept == ((0, 1, 2), (0, 1, 2))
    res = iterated_weak_elimination(g, exact=True)
    assert res.kept == ((0, 1), (0, 1, 2))
    (e,) = res.eliminated
    assert list(e.dominated_by) == [F(1, 2), F(1, 2), 0] and e.margin == 0 and e.total == F(1, 2)
    fl = weakly_dominated_strategies(g.to_float(), 0)
    assert [s for s, *_ in fl] == [2]


def test_duplicate_strategies_are_not_weakly_dominated():
    g = gt.NormalFormGame.from_bimatrix([[1, 2], [1, 2]], [[0, 1], [1, 0]])
    assert weakly_dominated_strategies(g, 0, exact=True) == []
    assert iterated_weak_elimination(g, exact=True).eliminated == []


def test_three_players():
    # in the full game player 0's strategy 0 and player 2's strategy 1 are both weakly dominated;
    # player 2's advantage lives only on profiles where player 0 plays 0, so once player 0's
    # strategy 0 is gone (sequential, player 0 moves first) player 2 is indifferent
    arr = np.zeros((2, 2, 2, 3), dtype=int)
    arr[1, :, 0, 0] = 1  # player 0 gains from strategy 1 only when player 2 plays 0
    arr[0, 0, 0, 2] = 1  # player 2: strategy 0 strictly better at one profile, where player 0 plays 0
    g = gt.NormalFormGame(arr)
    expected = {"simultaneous": ((1,), (0, 1), (0,)), "sequential": ((1,), (0, 1), (0, 1))}
    for order, kept in expected.items():
        res = iterated_weak_elimination(g, order=order, exact=True)
        assert res.kept == kept, order
        replay(res)
        eqs = embedded_equilibria(res)
        assert eqs
        for eq in eqs:
            assert g.is_nash(eq, exact=True)


@pytest.mark.parametrize("order", ["simultaneous", "sequential"])
def test_travellers_dilemma_unravels_to_the_lowest_claim(order):
    # Basu (1994), AER 84(2): iterated weak dominance by pure claims leaves only the lowest
    # claim, which strict dominance by pure claims cannot do
    g = gt.generators.travellers_dilemma(2, 9, 2)
    assert gt.iterated_elimination(g, mixed=False, exact=True).kept != ((0,), (0,))
    assert iterated_weak_elimination(g, order=order, mixed=False, exact=True).kept == ((0,), (0,))
    res = iterated_weak_elimination(g, order=order, exact=True)
    assert res.kept == ((0,), (0,))
    replay(res)
    assert iterated_weak_elimination(g.to_float(), order=order).kept == ((0,), (0,))


def test_strict_api_unchanged():
    pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    red = gt.iterated_elimination(pd, exact=True)
    assert red.kind == "strict" and red.order == "rounds" and red.kept == ((1,), (1,))
    assert all(e.total is None for e in red.eliminated)
    weak = iterated_weak_elimination(pd, exact=True)
    assert weak.kept == ((1,), (1,))  # strict domination is also weak


# ------------------------------------------------------------------------------ properties
@settings(max_examples=50)
@given(small_games(), ORDERS)
def test_removals_are_genuine_and_equilibria_survive(game, order):
    res = iterated_weak_elimination(game, order=order, exact=True)
    replay(res)
    eqs = embedded_equilibria(res)
    # every equilibrium of the reduced game is one of the original; two-player games always keep one
    for eq in eqs:
        assert game.is_nash(eq, exact=True)
    if game.num_players == 2:
        assert eqs
    # nothing weakly dominated is left (sequential and simultaneous both run to the end)
    for i in range(res.game.num_players):
        assert weakly_dominated_strategies(res.game, i, exact=True) == []


@settings(max_examples=40)
@given(small_games(), ORDERS)
def test_float_matches_exact_on_integer_games(game, order):
    ex = iterated_weak_elimination(game, order=order, exact=True)
    fl = iterated_weak_elimination(game.to_float(), order=order)
    assert fl.kept == ex.kept
    assert [(e.player, e.strategy) for e in fl.eliminated] == [(e.player, e.strategy) for e in ex.eliminated]


@settings(max_examples=40)
@given(small_games())
def test_weak_elimination_removes_at_least_what_strict_does(game):
    strict = gt.iterated_elimination(game, exact=True)
    weak = iterated_weak_elimination(game, exact=True)
    first_round = {(e.player, e.strategy) for e in strict.eliminated if e.round == 1 and e.player == 0}
    weak_first = {(e.player, e.strategy) for e in weak.eliminated if e.round == 1}
    # strictly dominated strategies of player 0 in the full game are weakly dominated there too
    assert first_round <= weak_first


@settings(max_examples=30)
@given(small_games(shapes=((2, 3), (3, 3), (2, 2, 2))), st.data())
def test_replaying_a_sequential_run_as_explicit_order(game, data):
    seq = iterated_weak_elimination(game, order="sequential", exact=True)
    steps = [(e.player, e.strategy) for e in seq.eliminated]
    again = iterated_weak_elimination(game, order=steps, exact=True)
    assert again.kept == seq.kept and again.order == "explicit"
    if steps:
        # a prefix is also a valid order, and stops where it is told to
        k = data.draw(st.integers(0, len(steps) - 1))
        assert len(iterated_weak_elimination(game, order=steps[:k], exact=True).eliminated) == k


# ------------------------------------------------------------------------------ errors
class TestErrors:
    def test_unknown_order(self):
        with pytest.raises(InvalidOption, match="order 'random' is unknown"):
            iterated_weak_elimination(ORDER_GAME, order="random")
        with pytest.raises(InvalidOption, match="order must be"):
            iterated_weak_elimination(ORDER_GAME, order=3)

    def test_malformed_steps(self):
        with pytest.raises(InvalidOption, match="order step 0 is 'T'"):
            iterated_weak_elimination(ORDER_GAME, order=["T"])
        with pytest.raises(InvalidOption, match="order step 1: strategy index 5 out of range"):
            iterated_weak_elimination(ORDER_GAME, order=[(0, 0), (1, 5)])
        with pytest.raises(InvalidOption, match="order step 0: unknown player"):
            iterated_weak_elimination(ORDER_GAME, order=[("X", 0)])

    def test_step_not_dominated(self):
        with pytest.raises(InvalidOption, match="order step 0: strategy '2' of player '1' is not weakly dominated"):
            iterated_weak_elimination(ORDER_GAME, order=[(0, 1)])
        with pytest.raises(InvalidOption, match="already removed"):
            iterated_weak_elimination(ORDER_GAME, order=[(0, 0), (0, 0)])
        # after T and L go, R is the column player's last strategy
        with pytest.raises(InvalidOption, match="last strategy"):
            iterated_weak_elimination(ORDER_GAME, order=[(0, 0), (1, 0), (1, 1)])

    def test_bad_arguments(self):
        with pytest.raises(InvalidGame, match="must be a NormalFormGame"):
            iterated_weak_elimination([[1, 0], [0, 1]])
        with pytest.raises(InvalidOption, match="exact must be True or False"):
            iterated_weak_elimination(ORDER_GAME, exact="no")
        with pytest.raises(InvalidOption, match="tol must be"):
            weakly_dominated_strategies(ORDER_GAME, 0, tol=float("nan"))
