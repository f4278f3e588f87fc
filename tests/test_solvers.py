"""The shared suite every solver must pass, plus each solver's own behaviour.

Like scipy's ``LinprogCommonTests``: canned games with known equilibrium sets,
run through every method by one parametrisation.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import gametheory as gt
from conftest import profile_key, profile_set, textbook_games
from gametheory.errors import DegenerateGame, InvalidOption, NotSupported, SolverError

F = Fraction
ALL_EQUILIBRIA = ["support", "vertex"]
TEXTBOOK = textbook_games()


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
@pytest.mark.parametrize("method", ALL_EQUILIBRIA)
@pytest.mark.parametrize("exact", [True, False])
def test_all_equilibria_solvers_find_textbook_sets(name, method, exact):
    game, expected = TEXTBOOK[name]
    res = gt.solve(game, method=method, exact=exact)
    assert res.complete and res.exact == exact
    want = {profile_key(p, True) for p in expected}
    if exact:
        assert profile_set(res) == want
        assert all(r == 0 for r in res.regrets)
        assert all(isinstance(p, Fraction) for prof in res.equilibria for s in prof for p in s)
    else:
        assert profile_set(res) == {profile_key(p, False) for p in expected}
        assert res.max_regret <= res.tol


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
@pytest.mark.parametrize("exact", [True, False])
def test_one_equilibrium_solvers_find_a_textbook_equilibrium(name, exact):
    game, expected = TEXTBOOK[name]
    want = {profile_key(p, exact) for p in expected}
    res = gt.solve(game, method="lemke-howson", exact=exact)
    assert len(res.equilibria) == 1 and profile_set(res) <= want
    if game.is_zero_sum():
        res = gt.solve(game, method="lp", exact=exact)
        assert profile_set(res) <= want


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_enumpure_finds_exactly_the_pure_textbook_equilibria(name):
    game, expected = TEXTBOOK[name]
    pure = {profile_key(p, True) for p in expected if all(max(s) == 1 for s in p)}
    assert profile_set(gt.enumpure(game, exact=True)) == pure
    assert profile_set(gt.enumpure(game)) == {tuple(tuple(float(x) for x in s) for s in p) for p in pure}


class TestEnumpure:
    def test_three_player_game(self):
        # a 2x2x2 coordination game: everyone gets 1 if all match, else 0
        arr = np.zeros((2, 2, 2, 3), dtype=int)
        arr[0, 0, 0] = 1
        arr[1, 1, 1] = 1
        res = gt.enumpure(gt.NormalFormGame(arr), exact=True)
        pure = sorted(tuple(int(np.argmax(s)) for s in p) for p in res.equilibria)
        # all-match profiles, and profiles where no single deviation creates a match
        brute = []
        for idx in np.ndindex(2, 2, 2):
            ok = True
            for i in range(3):
                for d in range(2):
                    dev = list(idx)
                    dev[i] = d
                    if arr[tuple(dev) + (i,)] > arr[idx + (i,)]:
                        ok = False
            if ok:
                brute.append(idx)
        assert pure == sorted(brute)

    def test_float_tolerance(self):
        g = gt.NormalFormGame.from_bimatrix([[1.0], [1.0 - 1e-13]], [[0.0], [0.0]])
        assert len(gt.enumpure(g)) == 2
        assert len(gt.enumpure(g, exact=True)) == 1


class TestSupportEnumeration:
    def test_nondegenerate_random_game_is_not_flagged(self):
        rng = np.random.default_rng(1)
        g = gt.NormalFormGame.from_bimatrix(rng.random((5, 5)), rng.random((5, 5)))
        res = gt.support_enumeration(g)
        assert res.status == "ok" and len(res) % 2 == 1

    def test_degenerate_game_falls_back_or_raises(self):
        # column player indifferent everywhere: a continuum of equilibria
        g = gt.NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [[0, 0], [0, 0]])
        res = gt.support_enumeration(g, exact=True)
        assert res.status == "degenerate" and "vertex enumeration" in res.message
        assert profile_set(res) == profile_set(gt.vertex_enumeration(g, exact=True))
        with pytest.raises(DegenerateGame):
            gt.support_enumeration(g, on_degenerate="raise")

    def test_unequal_support_equilibria_are_not_missed(self):
        # x = (1, 0) leaves player 2 indifferent, and row 1 is dominant: every (x, y) with
        # x = (1, 0) is an equilibrium, a segment whose end points have supports of sizes 1 and 1
        # while (1/2, 1/2) in between has supports of sizes 1 and 2
        g = gt.NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 2]])
        res = gt.support_enumeration(g, exact=True)
        assert res.status == "degenerate"
        assert profile_set(res) == {((F(1), F(0)), (F(1), F(0))), ((F(1), F(0)), (F(0), F(1)))}
        (component,) = gt.equilibrium_components(g, exact=True)
        assert len(component.column_strategies) == 2 and len(component.cliques) == 1

    def test_bad_option(self):
        g = TEXTBOOK["matching_pennies"][0]
        with pytest.raises(InvalidOption):
            gt.support_enumeration(g, on_degenerate="ignore")


class TestZeroSum:
    def test_value_and_strategies(self):
        # Morra-like game with a known value: A = [[2,-3],[-3,4]] has value -1/12
        g = gt.NormalFormGame.from_bimatrix([[2, -3], [-3, 4]])
        res = gt.zero_sum(g, exact=True)
        x, y = res.equilibria[0]
        assert list(x) == [F(7, 12), F(5, 12)] and list(y) == [F(7, 12), F(5, 12)]
        assert res.payoffs[0][0] == F(-1, 12) == gt.game_value(g, exact=True)
        assert gt.game_value(g) == pytest.approx(-1 / 12)

    def test_constant_sum_accepted(self):
        g = gt.NormalFormGame.from_bimatrix([[3, 1], [0, 2]], [[1, 3], [4, 2]])
        assert gt.game_value(g, exact=True) == F(3, 2)

    def test_rejects_general_sum(self):
        with pytest.raises(NotSupported, match="zero-sum"):
            gt.zero_sum(TEXTBOOK["battle_of_the_sexes"][0])

    def test_degenerate_optimal_sets(self):
        # a dominated-column game where the row player's optimal set is a segment
        g = gt.NormalFormGame.from_bimatrix([[1, 1], [1, 1], [0, 2]])
        res = gt.zero_sum(g, exact=True)
        assert res.payoffs[0][0] == 1 and res.max_regret == 0


class TestDominance:
    def test_mixed_domination_needs_lp(self):
        g = gt.NormalFormGame.from_bimatrix([[3, 0], [0, 3], [1, 1]], [[1, 0], [0, 1], [2, 2]])
        assert gt.iterated_elimination(g, mixed=False).kept == ((0, 1, 2), (0, 1))
        red = gt.iterated_elimination(g, exact=True)
        assert red.kept == ((0, 1), (0, 1))
        (e,) = red.eliminated
        assert e.player == 0 and e.strategy == 2 and e.margin > 0
        # the certificate: the dominator beats the removed row against every column
        A = g.payoff_array(0)
        assert all(e.dominated_by.dot(A[:, c]) > A[2, c] for c in range(2))

    def test_iterated_rounds(self):
        # classic textbook example solved by iterated strict dominance to (U, L)
        A = [[4, 5, 6], [2, 8, 3], [3, 9, 2]]
        B = [[3, 1, 2], [1, 4, 6], [0, 6, 8]]
        red = gt.iterated_elimination(gt.NormalFormGame.from_bimatrix(A, B), exact=True)
        assert red.game.shape == (1, 1) and red.kept == ((0,), (0,))
        assert max(e.round for e in red.eliminated) > 1

    def test_preprocessing_keeps_equilibria(self):
        rng = np.random.default_rng(7)
        for _ in range(5):
            A = rng.integers(0, 10, (5, 4))
            B = rng.integers(0, 10, (5, 4))
            A[4] = A[0] - 1  # row 4 strictly dominated by row 0
            g = gt.NormalFormGame.from_bimatrix(A, B)
            plain = gt.solve(g, method="vertex", exact=True)
            pre = gt.solve(g, method="vertex", exact=True, eliminate_dominated=True)
            assert pre.parameters["eliminate_dominated"] and pre.parameters["eliminated"] >= 1
            assert profile_set(pre) == profile_set(plain)

    def test_n_players(self):
        arr = np.zeros((2, 2, 2, 3), dtype=int)
        for idx in np.ndindex(2, 2, 2):
            arr[idx] = [idx[0] * 2 + idx[1], idx[1], -idx[2]]  # strategy 1 dominates for 0, 0 for 2
        red = gt.iterated_elimination(gt.NormalFormGame(arr), exact=True)
        assert red.kept[0] == (1,) and red.kept[2] == (0,)


class TestSolveDispatch:
    def test_unknown_method(self):
        with pytest.raises(InvalidOption, match="unknown method"):
            gt.solve(TEXTBOOK["matching_pennies"][0], method="magic")

    def test_unknown_option(self):
        with pytest.raises(InvalidOption, match="unexpected keyword"):
            gt.solve(TEXTBOOK["matching_pennies"][0], method="vertex", colour="red")

    def test_aliases_and_callables(self):
        g = TEXTBOOK["battle_of_the_sexes"][0]
        assert profile_set(gt.solve(g, method="enummixed", exact=True)) == profile_set(gt.solve(g, exact=True))

        def my_solver(game, exact=False):
            return gt.enumpure(game, exact=exact)

        assert gt.solve(g, method=my_solver).method == "enumpure"

    @pytest.mark.parametrize("method", ["support", "vertex", "lemke-howson", "lp"])
    def test_two_player_methods_refuse_three_players(self, method):
        g = gt.NormalFormGame(np.zeros((2, 2, 2, 3)))
        with pytest.raises(NotSupported):
            gt.solve(g, method=method)

    def test_result_fields(self):
        res = gt.solve(TEXTBOOK["battle_of_the_sexes"][0], method="vertex", exact=True)
        assert res.method == "vertex" and res.time >= 0 and res.status == "ok"
        assert len(res.payoffs) == len(res.regrets) == len(res.equilibria) == 3
        d = res.to_dict()
        assert set(d) >= {"method", "exact", "equilibria"}
        assert d["equilibria"][1]["strategies"] == [["2/3", "1/3"], ["1/3", "2/3"]]


def test_certify_refuses_a_non_equilibrium():
    import time

    from gametheory.result import certify

    g = TEXTBOOK["prisoners_dilemma"][0]
    with pytest.raises(SolverError, match="regret"):
        certify(g, [g.pure_profile([0, 0])], method="test", exact=True, start=time.perf_counter())
    with pytest.raises(SolverError, match="regret"):
        certify(g.to_float(), [g.pure_profile([0, 0], exact=False)], method="test", exact=False, start=time.perf_counter())
