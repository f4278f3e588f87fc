"""NormalFormGame: construction, validation, arithmetic modes and operations."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import GameError, InvalidGame, InvalidPayoffs, InvalidStrategy, NotSupported

F = Fraction


def pd():
    return gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD")


class TestConstruction:
    def test_combined_array_and_per_player_lists_agree(self):
        A = np.array([[3, 0], [5, 1]])
        B = np.array([[3, 5], [0, 1]])
        g1 = gt.NormalFormGame(np.stack([A, B], axis=-1))
        g2 = gt.NormalFormGame([A, B])
        g3 = gt.NormalFormGame.from_bimatrix(A, B)
        assert g1 == g2 == g3
        assert g1.shape == (2, 2) and g1.num_players == 2

    def test_three_players(self):
        arr = np.arange(2 * 3 * 4 * 3).reshape(2, 3, 4, 3)
        g = gt.NormalFormGame(arr)
        assert g.shape == (2, 3, 4) and g.num_players == 3
        assert g.payoffs[1, 2, 3, 2] == arr[1, 2, 3, 2]

    def test_integer_payoffs_are_exact_and_floats_are_not(self):
        assert pd().is_exact
        assert pd().payoffs[0, 0, 0] == F(3) and isinstance(pd().payoffs[0, 0, 0], F)
        g = gt.NormalFormGame.from_bimatrix([[0.5, 1.0]], [[1.0, 0.25]])
        assert not g.is_exact and g.payoffs.dtype == np.float64

    def test_exact_inputs_of_every_kind(self):
        A = [[F(1, 3), Decimal("0.25")], [sympy.Rational(2, 7), "5/2"]]
        g = gt.NormalFormGame.from_bimatrix(A, [[1, 2], [3, np.int64(4)]])
        assert g.is_exact
        assert list(g.payoffs[..., 0].reshape(-1)) == [F(1, 3), F(1, 4), F(2, 7), F(5, 2)]

    def test_forcing_modes(self):
        g = gt.NormalFormGame.from_bimatrix([[0.1, 0.2]], [[0.3, 0.7]], exact=True)
        assert g.payoffs[0, 0, 0] == F(1, 10)  # shortest decimal, not the binary expansion
        assert pd().to_float().payoffs.dtype == np.float64
        assert pd().to_float().to_exact() == pd()

    def test_labels(self):
        g = gt.NormalFormGame.from_bimatrix(
            [[1, 2, 3]], [[0, 0, 0]], players=["Ally", "Rival"], strategies=[["arm"], ["a", "b", "c"]]
        )
        assert g.players == ("Ally", "Rival")
        assert g.strategy_index("Rival", "c") == 2
        assert g.player_index("Ally") == 0

    def test_default_labels_are_gambit_style(self):
        assert pd().players == ("1", "2")
        assert pd().strategies == (("1", "2"), ("1", "2"))


class TestValidation:
    @pytest.mark.parametrize(
        "payoffs, match",
        [
            ([[[1, 2], [3]]], "ragged"),
            (np.zeros((2, 2, 3)), "last axis"),
            (np.zeros((2, 2)), "last axis"),
            (np.array(5.0), "scalar"),
        ],
    )
    def test_bad_shapes(self, payoffs, match):
        with pytest.raises(InvalidPayoffs, match=match):
            gt.NormalFormGame(payoffs)

    def test_mismatched_player_arrays(self):
        with pytest.raises(InvalidPayoffs, match="same"):
            gt.NormalFormGame.from_bimatrix(np.zeros((2, 2)), np.zeros((2, 3)))

    @pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
    def test_nan_and_inf(self, bad):
        A = np.zeros((2, 2))
        A[1, 0] = bad
        with pytest.raises(InvalidPayoffs, match=r"entry \(1, 0, 0\)"):
            gt.NormalFormGame.from_bimatrix(A, np.zeros((2, 2)))

    def test_non_numeric(self):
        with pytest.raises(InvalidPayoffs, match="not a number"):
            gt.NormalFormGame.from_bimatrix([["a", 1]], [[1, 2]])

    def test_symbolic_entries_rejected_clearly(self):
        x = sympy.Symbol("x")
        with pytest.raises(InvalidPayoffs, match="symbolic"):
            gt.NormalFormGame.from_bimatrix([[x, 1]], [[1, 2]])

    def test_one_player(self):
        with pytest.raises(InvalidGame, match="at least 2 players"):
            gt.NormalFormGame(np.zeros((3, 1)))

    def test_empty_strategy_set(self):
        with pytest.raises(InvalidGame, match="no strategy"):
            gt.NormalFormGame(np.zeros((2, 0, 2)))

    def test_labels_that_do_not_match(self):
        with pytest.raises(InvalidGame, match="3 labels but there are 2"):
            gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], players=["a", "b", "c"])
        with pytest.raises(InvalidGame, match="repeats"):
            gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], strategies=[["x"], ["y", "y"]])
        with pytest.raises(InvalidGame, match="labels for 1 players"):
            gt.NormalFormGame.from_bimatrix([[1, 2]], [[1, 2]], strategies=[["x"]])

    def test_errors_share_one_base(self):
        for exc in (InvalidGame, InvalidPayoffs, InvalidStrategy, NotSupported):
            assert issubclass(exc, GameError)

    def test_bad_profiles(self):
        g = pd()
        with pytest.raises(InvalidStrategy, match="sums to"):
            g.regret([[F(1, 2), F(1, 3)], [1, 0]])
        with pytest.raises(InvalidStrategy, match="negative"):
            g.regret([[2, -1], [1, 0]])
        with pytest.raises(InvalidStrategy, match="shape"):
            g.regret([[1, 0, 0], [1, 0]])
        with pytest.raises(InvalidStrategy, match="3 strategies but the game has 2 players"):
            g.regret([[1, 0], [1, 0], [1, 0]])


class TestOperations:
    def test_payoffs_regret_best_responses(self):
        g = pd()
        coop = g.pure_profile([0, 0])
        assert list(g.expected_payoffs(coop)) == [3, 3]
        assert list(g.regret(coop)) == [2, 2]
        assert list(g.best_responses(coop, 0)) == [1]
        defect = g.pure_profile([1, 1])
        assert g.max_regret(defect) == 0 and g.is_nash(defect)

    def test_mixed_payoffs_exact(self):
        g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
        prof = [[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]
        assert list(g.expected_payoffs(prof)) == [F(2, 3), F(2, 3)]
        assert list(g.regret(prof)) == [0, 0]
        assert list(g.best_responses(prof, 1)) == [0, 1]

    def test_three_player_strategy_payoffs_match_brute_force(self):
        rng = np.random.default_rng(3)
        arr = rng.random((2, 3, 2, 3))
        g = gt.NormalFormGame(arr)
        prof = [rng.dirichlet(np.ones(k)) for k in g.shape]
        dev = g.strategy_payoffs(prof)
        for i in range(3):
            for s in range(g.shape[i]):
                total = 0.0
                for idx in np.ndindex(*g.shape):
                    if idx[i] != s:
                        continue
                    w = np.prod([prof[j][idx[j]] for j in range(3) if j != i])
                    total += w * arr[idx + (i,)]
                assert dev[i][s] == pytest.approx(total)

    def test_flat_profile_accepted(self):
        g = pd().to_float()
        assert g.max_regret(np.array([0.0, 1.0, 0.0, 1.0])) == 0

    def test_restrict_delete_transpose(self):
        g = gt.NormalFormGame.from_bimatrix(
            [[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [1, 2, 3]], strategies=[["u", "d"], ["l", "c", "r"]]
        )
        sub = g.restrict([["d"], [0, "r"]])
        assert sub.shape == (1, 2) and sub.strategies == (("d",), ("l", "r"))
        assert list(sub.payoffs[0, 1]) == [6, 3]
        assert g.delete_strategy(1, "c").strategies[1] == ("l", "r")
        with pytest.raises(InvalidGame, match="no strategy"):
            g.restrict([[], [0]])
        t = g.transpose()
        assert t.shape == (3, 2) and t.payoffs[2, 1, 0] == g.payoffs[1, 2, 1]
        assert t.transpose() == g

    def test_transpose_needs_two_players(self):
        with pytest.raises(NotSupported):
            gt.NormalFormGame(np.zeros((2, 2, 2, 3))).transpose()

    def test_sum_and_symmetry_predicates(self):
        mp = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
        assert mp.is_zero_sum() and mp.is_constant_sum() and not mp.is_symmetric()
        const = gt.NormalFormGame.from_bimatrix([[1, 0]], [[2, 3]])
        assert const.is_constant_sum() and not const.is_zero_sum()
        assert pd().is_symmetric() and not pd().is_zero_sum()
        arr = np.zeros((2, 2, 2, 3))
        for idx in np.ndindex(2, 2, 2):
            for i in range(3):
                arr[idx + (i,)] = idx[i] * 2 + sum(idx)  # symmetric: own strategy and the count
        assert gt.NormalFormGame(arr).is_symmetric()
        arr[0, 0, 1, 2] += 1
        assert not gt.NormalFormGame(arr).is_symmetric()

    def test_games_are_immutable(self):
        g = pd()
        with pytest.raises((AttributeError, TypeError)):
            g.title = "x"  # type: ignore[misc]
        with pytest.raises(ValueError):
            g.payoffs[0, 0, 0] = 7


@given(st.integers(2, 4), st.integers(1, 3), st.integers(0, 2**31))
@settings(max_examples=30, deadline=None)
def test_regret_is_zero_iff_no_pure_deviation_gains(n_players, n_strat, seed):
    rng = np.random.default_rng(seed)
    shape = (n_strat,) * n_players
    g = gt.NormalFormGame(rng.integers(-3, 4, shape + (n_players,)))
    prof = g.pure_profile([int(rng.integers(n_strat)) for _ in range(n_players)])
    r = g.regret(prof)
    payoff = g.expected_payoffs(prof)
    for i in range(n_players):
        best = max(g.strategy_payoffs(prof)[i])
        assert r[i] == best - payoff[i]
        assert r[i] >= 0


@given(st.integers(2, 3), st.integers(0, 2**31))
@settings(max_examples=20, deadline=None)
def test_permute_players_preserves_payoffs(n_players, seed):
    rng = np.random.default_rng(seed)
    shape = tuple(int(k) for k in rng.integers(1, 4, n_players))
    g = gt.NormalFormGame(rng.integers(-3, 4, shape + (n_players,)))
    order = list(rng.permutation(n_players))
    h = g.permute_players(order)
    for idx in np.ndindex(*shape):
        new_idx = tuple(idx[order[k]] for k in range(n_players))
        for k in range(n_players):
            assert h.payoffs[new_idx + (k,)] == g.payoffs[idx + (order[k],)]


class TestInputEdgeCases:
    def test_ambiguous_nested_lists_are_refused(self):
        with pytest.raises(InvalidPayoffs, match="can be read as one array"):
            gt.NormalFormGame([[[3, 3], [0, 5]], [[5, 0], [1, 1]]])
        # either reading made explicit works
        g1 = gt.NormalFormGame(np.array([[[3, 3], [0, 5]], [[5, 0], [1, 1]]]))
        g2 = gt.NormalFormGame([np.array([[3, 0], [5, 1]]), np.array([[3, 5], [0, 1]])])
        assert g1 == g2

    def test_unambiguous_nested_lists_accepted(self):
        g = gt.NormalFormGame([[[1, 2, 3]], [[4, 5, 6]]])  # 2 players, 1x3: only per-player fits
        assert g.shape == (1, 3)

    def test_payoffs_beyond_float_range(self):
        with pytest.raises(InvalidPayoffs, match="too large"):
            gt.NormalFormGame.from_bimatrix([[10**400, 0]], [[0, 0]])

    def test_huge_exponent_strings_do_not_hang(self):
        with pytest.raises(InvalidPayoffs, match="exponent"):
            gt.NormalFormGame.from_bimatrix([["1e99999999999", "0"]], [["0", "0"]])
