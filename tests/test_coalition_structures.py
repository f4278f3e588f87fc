"""Set partitions, coalition structures of TU games and the Aumann-Dreze core."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.cooperative import (
    CoalitionStructure,
    TUGame,
    bell_number,
    coalition_structures,
    core_stable_structures,
    cs_core_point,
    optimal_coalition_structure,
    set_partitions,
    structure_value,
)
from gametheory.cooperative._partitions import _partition_table
from gametheory.errors import EmptyCore, InvalidCoalitionGame, InvalidOption, InvalidStrategy, NotSupported

F = Fraction

# OEIS A000110 (Bell or exponential numbers), n = 0 .. 10
BELL = [1, 1, 2, 5, 15, 52, 203, 877, 4140, 21147, 115975]


# ------------------------------------------------------------------------------------ strategies


@st.composite
def int_games(draw, min_n: int = 1, max_n: int = 4, low: int = -3, high: int = 6):
    """Exact TU games with small integer values: ties between structures are common."""
    n = draw(st.integers(min_n, max_n))
    vals = draw(st.lists(st.integers(low, high), min_size=2**n - 1, max_size=2**n - 1))
    return TUGame([0] + vals)


@st.composite
def convex_games(draw, max_n: int = 4):
    """v(S) = sum_{i in S} a_i + sum_{i<j in S} w_ij with w >= 0: supermodular, hence convex."""
    n = draw(st.integers(2, max_n))
    a = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    w = draw(st.lists(st.integers(0, 3), min_size=n * n, max_size=n * n))
    return TUGame.from_function(
        n, lambda S: sum(a[i] for i in S) + sum(w[i * n + j] for i in S for j in S if i < j)
    )


def _is_partition(blocks, n) -> bool:
    union = 0
    for b in blocks:
        if b <= 0 or union & b:
            return False
        union |= b
    return union == (1 << n) - 1


def _in_cs_core(game: TUGame, blocks, x) -> bool:
    """Independent exact check: x(S) = v(S) on the blocks, x(T) >= v(T) for every T."""
    v = game.exact_values()
    xs = [sum((x[i] for i in range(game.n) if (T >> i) & 1), F(0)) for T in range(1 << game.n)]
    return all(xs[S] == v[S] for S in blocks) and all(xs[T] >= v[T] for T in range(1 << game.n))


# ------------------------------------------------------------------------------------ partitions


@pytest.mark.parametrize("n", range(11))
def test_partition_counts_are_bell_numbers(n):
    assert bell_number(n) == BELL[n]
    assert sum(1 for _ in set_partitions(n)) == BELL[n]
    assert len(_partition_table(n)) == BELL[n]


def test_bell_number_large():
    # OEIS A000110: B(15) = 1382958545, B(20) = 51724158235372
    assert bell_number(15) == 1382958545
    assert bell_number(20) == 51724158235372


@pytest.mark.parametrize("n", range(8))
def test_partitions_are_distinct_canonical_partitions(n):
    parts = list(set_partitions(n))
    assert len(set(parts)) == len(parts)
    for P in parts:
        assert _is_partition(P, n)
        lows = [b & -b for b in P]
        assert lows == sorted(lows)  # canonical: blocks by smallest member
    # the array builder used by the enumerating functions lists the same partitions in the same order
    table = [tuple(int(b) for b in row if b) for row in _partition_table(n)]
    assert table == parts
    if n:
        assert parts[0] == ((1 << n) - 1,) and parts[-1] == tuple(1 << i for i in range(n))


def test_set_partitions_limit_and_refusal():
    assert len(list(set_partitions(12, limit=7))) == 7
    assert list(set_partitions(3, limit=0)) == []
    assert list(set_partitions(0)) == [()]
    with pytest.raises(InvalidOption, match="limit=") as info:
        set_partitions(11)  # raised at the call, not at the first next()
    assert "678570" in str(info.value)
    for bad in (-1, 2.5, True, "3"):
        with pytest.raises(InvalidOption, match="set_partitions: n"):
            set_partitions(bad)
    with pytest.raises(InvalidOption, match="limit"):
        set_partitions(3, limit=-2)
    with pytest.raises(InvalidOption, match="bell_number"):
        bell_number(-1)


# ------------------------------------------------------------------------------------ CoalitionStructure


def test_coalition_structure_canonical_form_and_accessors():
    P = CoalitionStructure([2, 5], labels=["a", "b", "c"])
    assert P.blocks == (5, 2)
    assert P.coalitions == ((0, 2), (1,))
    assert P.named() == (("a", "c"), ("b",))
    assert P.assignment == (0, 1, 0)
    assert P.coalition_of("c") == 5 and P.coalition_of(1) == 2
    assert str(P) == "{a, c} {b}" and len(P) == 2 and list(P) == [5, 2]
    Q = CoalitionStructure.from_coalitions([["b"], ["c", "a"]], labels=["a", "b", "c"])
    assert Q == P and hash(Q) == hash(P) and len({P, Q}) == 1
    assert CoalitionStructure.from_assignment(["x", "y", "x"], labels=["a", "b", "c"]) == P
    assert CoalitionStructure.from_coalitions([[0, 1], [2]]).labels == ("1", "2", "3")


@pytest.mark.parametrize(
    "blocks, match",
    [
        ([3, 6], "shares players"),
        ([1, 4], r"players \[1\] are in no block"),
        ([0, 3], "nonempty"),
        ([1.5, 2], "not an integer"),
        ([True, 2], "not an integer"),
    ],
)
def test_coalition_structure_rejects_non_partitions(blocks, match):
    with pytest.raises(InvalidStrategy, match=match):
        CoalitionStructure(blocks)


def test_coalition_structure_label_errors():
    with pytest.raises(InvalidStrategy, match="beyond"):
        CoalitionStructure([1, 2, 4], labels=["a", "b"])
    with pytest.raises(InvalidStrategy, match="unknown player 'z'"):
        CoalitionStructure.from_coalitions([["a"], ["z"]], labels=["a", "b"])
    with pytest.raises(InvalidStrategy, match="twice"):
        CoalitionStructure.from_coalitions([[0, 0], [1]])
    with pytest.raises(InvalidStrategy, match="not a string"):
        CoalitionStructure.from_coalitions("ab")


# ------------------------------------------------------------------------------------ structure values


def test_glove_game_structures():
    # glove game with one left and two right gloves: v(S) = 1 iff S holds L1 and a right glove
    g = TUGame.glove(left=1, right=2)
    res = coalition_structures(g, exact=True)
    got = {str(P): v for P, v in zip(res, res.values)}
    assert got == {
        "{L1, R1, R2}": 1, "{L1, R1} {R2}": 1, "{L1, R2} {R1}": 1, "{L1} {R1, R2}": 0, "{L1} {R1} {R2}": 0,
    }
    assert res.optimum == 1 and all(isinstance(v, Fraction) for v in res.values)
    assert [str(P) for P in res.optimal()] == ["{L1, R1, R2}", "{L1, R1} {R2}", "{L1, R2} {R1}"]
    assert structure_value(g, [["L1", "R1"], ["R2"]], exact=True) == 1
    assert structure_value(g, [0b001, 0b110]) == 0.0
    assert structure_value(g, CoalitionStructure([3, 4])) == 1.0


def test_structure_value_errors():
    g = TUGame.glove(left=1, right=2)
    with pytest.raises(InvalidStrategy, match=r"structure_value: partition leaves players \['R2'\]"):
        structure_value(g, [[0, 1]])
    with pytest.raises(InvalidStrategy, match="repeats players"):
        structure_value(g, [[0, 1], [1, 2]])
    with pytest.raises(InvalidStrategy, match="out of range"):
        structure_value(g, [1, 2, 12])
    with pytest.raises(InvalidStrategy, match="CoalitionStructure or a collection"):
        structure_value(g, 7)
    with pytest.raises(InvalidStrategy, match="2 players, the game has 3"):
        structure_value(g, CoalitionStructure([1, 2]))
    with pytest.raises(InvalidCoalitionGame, match="must be a TUGame"):
        structure_value([0, 1, 1, 3], [[0, 1]])
    with pytest.raises(InvalidOption, match="exact must be True or False"):
        optimal_coalition_structure(g, exact="yes")
    big = TUGame.from_function(30, lambda S: len(S))  # function-backed: no dense values
    with pytest.raises(NotSupported):
        structure_value(big, [(1 << 30) - 1])
    with pytest.raises(InvalidOption, match="Bell"):
        coalition_structures(TUGame(np.zeros(2**11)))


def test_optimal_structure_known_example():
    # v depends on size only: pairs are worth 3 each, the grand coalition 5: two pairs (6) are best
    g = TUGame.from_function(4, lambda S: [0, 0, 3, 4, 5][len(S)])
    res = optimal_coalition_structure(g, exact=True)
    assert res.value == 6 and len(res.structure) == 2 and all(bin(b).count("1") == 2 for b in res.structure)
    assert res.cover[-1] == 6 and res.cover[0b0111] == 4
    flt = optimal_coalition_structure(g)
    assert flt.value == 6.0 and isinstance(flt.value, float)
    one = optimal_coalition_structure(TUGame([0, F(7, 2)]), exact=True)
    assert one.value == F(7, 2) and one.structure.blocks == (1,)
    with pytest.raises(NotSupported, match="n <= 16"):
        optimal_coalition_structure(TUGame(np.zeros(2**17)))


@settings(max_examples=60)
@given(int_games(max_n=5))
def test_dynamic_programme_matches_enumeration(game):
    res = optimal_coalition_structure(game, exact=True)
    table = coalition_structures(game, exact=True)
    assert res.value == table.optimum == structure_value(game, res.structure, exact=True)
    assert res.structure in set(table.optimal())
    # the cover is the best value of a partition of each coalition, checked by brute force
    v = game.exact_values()
    for S in range(1, 1 << game.n):
        members = [i for i in range(game.n) if (S >> i) & 1]
        best = max(
            sum((v[sum(1 << members[k] for k in range(len(members)) if (b >> k) & 1)] for b in P), F(0))
            for P in set_partitions(len(members))
        )
        assert res.cover[S] == best
    # float mode agrees
    assert abs(optimal_coalition_structure(game).value - float(res.value)) < 1e-9


def test_huge_exact_values_use_python_integers():
    # values beyond int64 after scaling: the dynamic programme and the listing fall back to Python integers
    vals = [0] + [F(10**40 + (7 * k * k) % 13, 3) for k in range(1, 16)]
    g = TUGame(vals)
    res = optimal_coalition_structure(g, exact=True)
    table = coalition_structures(g, exact=True)
    assert res.value == table.optimum == max(table.values)
    assert res.value == sum((g.values[S] for S in res.structure), F(0))
    assert res.structure == CoalitionStructure([1, 2, 4, 8], g.labels)


@settings(max_examples=30)
@given(int_games(min_n=2, max_n=5), st.randoms(use_true_random=False))
def test_optimal_value_is_invariant_under_relabelling(game, rnd):
    n = game.n
    perm = list(range(n))
    rnd.shuffle(perm)
    v = game.exact_values()
    # player perm[i] of the new game is player i of the old one
    inverse = {perm[i]: i for i in range(n)}
    moved = TUGame.from_function(n, lambda S: v[sum(1 << inverse[j] for j in S)])
    a = optimal_coalition_structure(game, exact=True)
    b = optimal_coalition_structure(moved, exact=True)
    assert a.value == b.value
    images = {tuple(sorted(sum(1 << perm[i] for i in range(n) if (S >> i) & 1) for S in P)) for P in
              coalition_structures(game, exact=True).optimal()}
    assert {tuple(sorted(P.blocks)) for P in coalition_structures(moved, exact=True).optimal()} == images


# ------------------------------------------------------------------------------------ Aumann-Dreze core


def test_glove_cs_core_point():
    # the core of the glove game gives the whole surplus to the scarce left glove (Shapley and Shubik 1969)
    g = TUGame.glove(left=1, right=2)
    res = cs_core_point(g, [["L1", "R1"], ["R2"]], exact=True)
    assert list(res.allocation) == [1, 0, 0] and res.status == "ok" and res.residual == 0
    assert res.method == "cs_core" and res.epsilon == 0 and res.details["structure"].blocks == (3, 4)
    flt = cs_core_point(g, [[0, 1], [2]])
    assert np.allclose(flt.allocation, [1, 0, 0]) and flt.residual <= flt.tol
    with pytest.raises(EmptyCore, match=r"\{L1\} \{R1, R2\}"):
        cs_core_point(g, [[0], [1, 2]], exact=True)  # not an optimal structure


def test_majority_game_has_no_core_stable_structure():
    # three-player majority game: v(S) = 1 iff |S| >= 2.  Hand computation: for {12}{3} the least
    # excess is 1/2 at x = (1/2, 1/2, 0); for the grand coalition it is the least-core value 1/3.
    g = TUGame.from_function(3, lambda S: int(len(S) >= 2))
    with pytest.raises(EmptyCore, match="least excess 1/2"):
        cs_core_point(g, [[0, 1], [2]], exact=True)
    pair = cs_core_point(g, [[0, 1], [2]], exact=True, allow_empty=True)
    assert pair.status == "empty" and pair.epsilon == F(1, 2) and list(pair.allocation) == [F(1, 2), F(1, 2), 0]
    grand = cs_core_point(g, [[0, 1, 2]], exact=True, allow_empty=True)
    assert grand.epsilon == F(1, 3) and list(grand.allocation) == [F(1, 3)] * 3
    res = core_stable_structures(g, exact=True)
    assert len(res) == 0 and res.points == [] and len(res.optimal) == 4 and res.value == 1
    assert res.core_point.status == "empty"


def test_core_stable_structures_of_glove_game():
    res = core_stable_structures(TUGame.glove(left=1, right=2), exact=True)
    assert [str(P) for P in res] == ["{L1, R1, R2}", "{L1, R1} {R2}", "{L1, R2} {R1}"]
    for P, x in zip(res.structures, res.points):
        assert _in_cs_core(res.game, P.blocks, x)
    flt = core_stable_structures(TUGame.glove(left=1, right=2))
    assert [P.blocks for P in flt] == [P.blocks for P in res]


def test_single_player_and_errors():
    g = TUGame([0, 5])
    res = cs_core_point(g, [[0]], exact=True)
    assert list(res.allocation) == [5] and res.epsilon == 0
    assert [P.blocks for P in core_stable_structures(g, exact=True)] == [(1,)]
    with pytest.raises(InvalidStrategy, match="cs_core_point"):
        cs_core_point(TUGame.glove(left=1, right=1), [[0]])
    with pytest.raises(InvalidOption, match="n <= 10"):
        core_stable_structures(TUGame(np.zeros(2**11)))


@settings(max_examples=40)
@given(int_games(max_n=4))
def test_aumann_dreze_core_nonempty_only_for_optimal_structures(game):
    """Aumann and Dreze (1974): a nonempty core of (v, P) forces P to be optimal, and then the core is the
    core of the superadditive cover, the same for every optimal P.  Each partition gets its own LP here."""
    table = coalition_structures(game, exact=True)
    nonempty = set()
    for P, value in zip(table, table.values):
        res = cs_core_point(game, P, exact=True, allow_empty=True)
        if res.status == "ok":
            assert value == table.optimum
            assert _in_cs_core(game, P.blocks, res.allocation)
            nonempty.add(P)
        else:
            assert res.epsilon > 0
    optimal = set(table.optimal())
    assert nonempty in (set(), optimal)
    found = core_stable_structures(game, exact=True)
    assert set(found.structures) == nonempty
    for P, x in zip(found.structures, found.points):
        assert _in_cs_core(game, P.blocks, x)
    # float mode decides the same structures
    assert {P.blocks for P in core_stable_structures(game)} == {P.blocks for P in nonempty}


@settings(max_examples=30)
@given(convex_games())
def test_convex_games_have_the_grand_coalition_core_stable(game):
    # convex games are superadditive with a nonempty core (Shapley 1971): {N} is optimal and core stable
    res = core_stable_structures(game, exact=True)
    assert CoalitionStructure([(1 << game.n) - 1], game.labels) in set(res.structures)
