"""Hedonic games: constructors, stability checks with their deviations, and stable partitions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.cooperative import (
    STABILITY_CONCEPTS,
    CoalitionStructure,
    HedonicGame,
    check_stability,
    contractually_individually_stable_partitions,
    core_stable_partitions,
    individually_stable_partitions,
    is_core_stable,
    is_individually_stable,
    is_nash_stable,
    nash_stable_partitions,
    set_partitions,
    stable_partitions,
)
from gametheory.errors import InvalidCoalitionGame, InvalidOption, InvalidStrategy, NotSupported

F = Fraction


def members(S: int) -> list[int]:
    return [i for i in range(S.bit_length()) if (S >> i) & 1]


def blocks_of(result) -> set[tuple[int, ...]]:
    return {P.blocks for P in result}


# ------------------------------------------------------------------------------------ strategies


@st.composite
def general_games(draw, max_n: int = 4):
    """Games with arbitrary small integer utilities (ties are frequent)."""
    n = draw(st.integers(1, max_n))
    table = draw(st.lists(st.lists(st.integers(-2, 2), min_size=2**n, max_size=2**n), min_size=n, max_size=n))
    return HedonicGame(table)


@st.composite
def separable_games(draw, max_n: int = 5, symmetric: bool = False):
    n = draw(st.integers(1, max_n))
    v = np.array(draw(st.lists(st.integers(-3, 3), min_size=n * n, max_size=n * n))).reshape(n, n)
    if symmetric:
        v = np.triu(v, 1) + np.triu(v, 1).T
    return HedonicGame.additively_separable(v)


@st.composite
def any_games(draw):
    kind = draw(st.sampled_from(["general", "separable", "fractional", "rankings"]))
    if kind == "general":
        return draw(general_games())
    if kind == "separable":
        return draw(separable_games(max_n=4))
    n = draw(st.integers(1, 4))
    if kind == "fractional":
        v = np.array(draw(st.lists(st.integers(-2, 3), min_size=n * n, max_size=n * n))).reshape(n, n)
        np.fill_diagonal(v, 0)
        return HedonicGame.fractional(v)
    rankings = []
    for i in range(n):
        own = [S for S in range(1, 1 << n) if (S >> i) & 1]
        order = draw(st.permutations(own))
        rankings.append(order[: draw(st.integers(0, len(own)))])
    return HedonicGame.from_rankings(rankings)


# ------------------------------------------------------------------------------------ definitions, by hand


def utility(game, i, S):
    return game.utilities[i, S]


def reference_stable(game, blocks, concept) -> bool:
    """The definitions of Bogomolnaia and Jackson (2002) on exact utilities, one partition at a time."""
    n = game.n
    own = {i: S for S in blocks for i in members(S)}
    u = game.utilities
    if concept == "core":
        return not any(all(u[i, T] > u[i, own[i]] for i in members(T)) for T in range(1, 1 << n))
    for i in range(n):
        bit = 1 << i
        for T in [S for S in blocks if S != own[i]] + [0]:
            if u[i, T | bit] <= u[i, own[i]]:
                continue
            if concept in ("individual", "contractual") and any(u[j, T | bit] < u[j, T] for j in members(T)):
                continue
            if concept == "contractual" and any(
                u[j, own[i] ^ bit] < u[j, own[i]] for j in members(own[i]) if j != i
            ):
                continue
            return False
    return True


# ------------------------------------------------------------------------------------ literature examples


def test_cyclic_three_player_game_has_empty_core():
    """Banerjee, Konishi and Sonmez (2001), the running Example 15.1 of Aziz and Savani, "Hedonic games",
    Handbook of Computational Social Choice (2016), ch. 15: every player prefers a pair to being alone and
    being alone to the grand coalition, and the pair preferences form a cycle (1 prefers {1,2} to {1,3},
    2 prefers {2,3} to {1,2}, 3 prefers {1,3} to {2,3}).  No partition is core stable."""
    g = HedonicGame.from_rankings([[[0, 1], [0, 2]], [[1, 2], [0, 1]], [[0, 2], [1, 2]]])
    assert len(core_stable_partitions(g)) == 0
    assert len(nash_stable_partitions(g)) == 0 and len(individually_stable_partitions(g)) == 0
    # each pair partition survives contractual individual stability: the abandoned partner vetoes the move
    cis = contractually_individually_stable_partitions(g)
    assert [str(P) for P in cis] == ["{1, 2} {3}", "{1, 3} {2}", "{1} {2, 3}"]
    # and the reason each partition is not in the core, a blocking coalition all of whose members gain
    for P in set_partitions(3):
        check = is_core_stable(g, P)
        assert not check and check.deviation.kind == "coalition"
        T = check.deviation.coalition
        assert all(g.prefers(i, T, check.structure.coalition_of(i)) for i in members(T))
    dev = is_core_stable(g, [[0, 1], [2]]).deviation
    assert dev.coalition == 0b110 and str(dev) == "coalition {2, 3} blocks, every member gains (2: 2 -> 3, 3: 1 -> 2)"


def test_one_sided_attraction_has_no_nash_stable_partition():
    """Hand computation: player 1 likes 2 (+1), player 2 dislikes 1 (-1).  Together, 2 leaves; apart, 1 follows
    (Bogomolnaia and Jackson 2002 discuss this chase as why Nash stability can fail without symmetry)."""
    g = HedonicGame.additively_separable([[0, 1], [-1, 0]])
    assert len(nash_stable_partitions(g)) == 0
    together, apart = is_nash_stable(g, [[0, 1]]), is_nash_stable(g, [[0], [1]])
    assert str(together.deviation) == "player 2 leaves {1, 2} to be alone: utility -1 -> 0"
    assert str(apart.deviation) == "player 1 leaves {1} to join {2}: utility 0 -> 1"
    # player 2 can refuse entry: the separated partition is individually stable
    assert bool(is_individually_stable(g, [[0], [1]]))
    assert [str(P) for P in individually_stable_partitions(g)] == ["{1} {2}"]
    assert list(check_stability(g, [[0], [1]], "individual").utilities) == [0, 0]


def test_symmetric_separable_example_with_unique_nash_partition():
    # hand computation: 1 and 2 like each other (2), both dislike 3 (-1)
    g = HedonicGame.additively_separable([[0, 2, -1], [2, 0, -1], [-1, -1, 0]])
    assert [str(P) for P in nash_stable_partitions(g)] == ["{1, 2} {3}"]
    assert [str(P) for P in core_stable_partitions(g)] == ["{1, 2} {3}"]
    check = is_nash_stable(g, CoalitionStructure([7]))
    assert check.deviation.players == (2,) and check.deviation.joined == 0 and check.deviation.left == 7


# ------------------------------------------------------------------------------------ properties


@settings(max_examples=60)
@given(separable_games(max_n=5, symmetric=True))
def test_symmetric_separable_games_have_a_nash_stable_partition(game):
    """Bogomolnaia and Jackson (2002): with symmetric additively separable preferences the partition
    maximising the potential sum_{S in P} sum_{i,j in S} v_ij is Nash stable."""
    found = nash_stable_partitions(game)
    assert len(found) >= 1
    v = game.values

    def potential(P):
        return sum(v[i, j] for S in P for i in members(S) for j in members(S))

    best = max(set_partitions(game.n), key=potential)
    assert best in blocks_of(found)


@settings(max_examples=60)
@given(any_games())
def test_nash_implies_individual_implies_contractual_and_cis_exists(game):
    ns, ins, cis = (blocks_of(stable_partitions(game, c)) for c in ("nash", "individual", "contractual"))
    assert ns <= ins <= cis
    # Ballester (2004): a contractually individually stable partition always exists; indeed every Pareto
    # optimal partition is one, since a CIS deviation makes nobody worse off and the mover better off
    assert cis
    parts = list(set_partitions(game.n))
    u = np.array([[utility(game, i, next(S for S in P if (S >> i) & 1)) for i in range(game.n)] for P in parts])
    for k, P in enumerate(parts):
        dominated = np.any(np.all(u >= u[k], axis=1) & np.any(u > u[k], axis=1))
        if not dominated:
            assert P in cis


@settings(max_examples=50)
@given(any_games(), st.sampled_from(STABILITY_CONCEPTS))
def test_enumeration_agrees_with_checks_and_definitions(game, concept):
    found = blocks_of(stable_partitions(game, concept))
    for P in set_partitions(game.n):
        check = check_stability(game, P, concept)
        assert bool(check) == (P in found) == reference_stable(game, P, concept)
        if check:
            assert check.deviation is None
            continue
        dev = check.deviation
        own = {i: check.structure.coalition_of(i) for i in range(game.n)}
        # the reported deviation is profitable for every deviator, with the utilities it reports
        for i, before, after in zip(dev.players, dev.before, dev.after):
            assert before == utility(game, i, own[i]) and after == utility(game, i, dev.coalition)
            assert after > before
        if dev.kind == "move":
            (i,) = dev.players
            assert dev.left == own[i] and dev.coalition == dev.joined | (1 << i)
            assert dev.joined == 0 or dev.joined in P
            if concept != "nash":
                assert all(utility(game, j, dev.coalition) >= utility(game, j, dev.joined) for j in members(dev.joined))
        else:
            assert concept == "core" and dev.players == tuple(members(dev.coalition))


@settings(max_examples=40)
@given(any_games(), st.randoms(use_true_random=False), st.sampled_from(STABILITY_CONCEPTS))
def test_relabelling_players_maps_stable_partitions(game, rnd, concept):
    n = game.n
    perm = list(range(n))
    rnd.shuffle(perm)
    inverse = {perm[i]: i for i in range(n)}

    def image(S, p):
        return sum(1 << p[i] for i in members(S))

    # new player perm[i] has old player i's preferences: u'_{perm i}(perm S) = u_i(S)
    moved = HedonicGame.from_utilities(
        n, lambda j, S: game.utilities[inverse[j], image(sum(1 << k for k in S), inverse)]
    )
    expected = {tuple(sorted(image(S, perm) for S in P)) for P in blocks_of(stable_partitions(game, concept))}
    assert {tuple(sorted(P)) for P in blocks_of(stable_partitions(moved, concept))} == expected


# ------------------------------------------------------------------------------------ float utilities


def test_float_ties_within_tolerance_are_indifference():
    # player 1 values 2 at 0.1, 3 at 0.2 and 4 at 0.3: {1,2,3} and {1,4} are worth 0.1 + 0.2 and 0.3 to it,
    # equal in exact arithmetic but 0.30000000000000004 > 0.3 in floats
    v = [[0, 0.1, 0.2, 0.3], [0.5, 0, 0.5, -1], [0.5, 0.5, 0, -1], [1, -1, -1, 0]]
    flt = HedonicGame.additively_separable(v)
    exact = HedonicGame.additively_separable(v, exact=True)
    assert exact.utilities[0, 0b0111] == exact.utilities[0, 0b1001] == F(3, 10)
    assert not flt.prefers(0, [0, 1, 2], [0, 3]) and not flt.prefers(0, [0, 3], [0, 1, 2])
    for concept in STABILITY_CONCEPTS:
        assert blocks_of(stable_partitions(flt, concept)) == blocks_of(stable_partitions(exact, concept))
    # without the tolerance the rounding error is a strict preference: the test above can fail
    raw = HedonicGame.additively_separable(v, tol=0.0)
    assert raw.prefers(0, [0, 1, 2], [0, 3])
    assert blocks_of(stable_partitions(raw, "nash")) != blocks_of(stable_partitions(exact, "nash"))


# ------------------------------------------------------------------------------------ constructors


def test_constructors_agree():
    v = [[0, 2, -1], [1, 0, 3], [-2, 1, 0]]
    sep = HedonicGame.additively_separable(v)
    fn = HedonicGame.from_utilities(3, lambda i, S: sum(v[i][j] for j in S))
    tables = [{S: sum(v[i][j] for j in members(S)) for S in range(8) if (S >> i) & 1} for i in range(3)]
    by_table = HedonicGame.from_utilities(3, tables)
    by_label = HedonicGame.from_utilities(
        3, {lab: {tuple(members(S)): x for S, x in t.items()} for lab, t in zip("abc", tables)}, labels=list("abc")
    )
    full = HedonicGame(sep.utilities)
    for g in (fn, by_table, by_label, full):
        assert g.exact and np.array_equal(g.utilities, sep.utilities)
    assert sep.kind == "additively separable" and fn.kind == "utilities"
    assert sep.utility(1, [1, 2]) == 3 and by_label.utility("b", ["a", "b"]) == 1
    assert HedonicGame.from_utilities(2, lambda i, S: 0.5 * len(S)).exact is False


def test_fractional_and_rankings_utilities():
    g = HedonicGame.fractional([[0, 1, 1], [1, 0, 0], [1, 0, 0]])
    assert g.utility(0, [0, 1]) == F(1, 2) and g.utility(0, [0, 1, 2]) == F(2, 3) and g.utility(0, [0]) == 0
    assert g.utility(1, [0, 1, 2]) == F(1, 3)
    # player 1 lists {1,2} first, then itself alone, then {1,2,3}; {1,3} is unlisted: worst
    r = HedonicGame.from_rankings(
        {"p": [["p", "q"], ["p"], ["p", "q", "r"]], "q": [], "r": [["r", "q"]]}, labels=list("pqr")
    )
    assert r.prefers("p", ["p", "q"], ["p"]) and r.prefers("p", ["p"], ["p", "q", "r"])
    assert r.prefers("p", ["p", "q", "r"], ["p", "r"])
    assert r.prefers("q", ["q"], ["q", "r"]) and not r.prefers("q", ["q", "r"], ["p", "q"])  # unlisted: tied
    assert r.prefers("r", ["q", "r"], ["r"]) and r.kind == "rankings" and r.exact


@pytest.mark.parametrize(
    "build, error, match",
    [
        (lambda: HedonicGame([[0, 1, 2]]), InvalidCoalitionGame, r"shape \(n, 2\*\*n\)"),
        (lambda: HedonicGame([[0, float("nan")]]), InvalidCoalitionGame, r"player 0 for coalition \[0\] is 'nan'"),
        (lambda: HedonicGame([[0, "x"]]), InvalidCoalitionGame, "'x', not a finite number"),
        (lambda: HedonicGame(np.zeros((17, 2**17), dtype=np.int8)), NotSupported, "limit of 16"),
        (lambda: HedonicGame.additively_separable([[0, 1, 2], [1, 0, 1]]), InvalidCoalitionGame, "square"),
        (lambda: HedonicGame.additively_separable([[0, np.inf], [1, 0]]), InvalidCoalitionGame, r"values\[0, 1\]"),
        (lambda: HedonicGame.fractional([[1, 0], [0, 0]]), InvalidCoalitionGame, "zero diagonal"),
        (lambda: HedonicGame.from_rankings([[[1]], [[1]]]), InvalidCoalitionGame, "does not contain it"),
        (lambda: HedonicGame.from_rankings([[[0, 1], [1, 0]], []]), InvalidCoalitionGame, "twice"),
        (lambda: HedonicGame.from_rankings([[[0, 5]], []]), InvalidCoalitionGame, "out of range"),
        (lambda: HedonicGame.from_rankings([[], [], []], n=2), InvalidCoalitionGame, "3 rankings for a game of 2"),
        (lambda: HedonicGame.from_rankings({0: []}, n=2), InvalidCoalitionGame, "no ranking"),
        # player 0 by index and by its label "1": one ranking must not silently replace the other
        (lambda: HedonicGame.from_rankings({0: [], "1": [], 1: []}, n=2), InvalidCoalitionGame, "'1' is given twice"),
        (lambda: HedonicGame.from_utilities(2, [{(0,): 1, (0, 1): 2}]), InvalidCoalitionGame, "1 tables"),
        (lambda: HedonicGame.from_utilities(2, [{(0,): 1}, {(1,): 1, (0, 1): 0}]), InvalidCoalitionGame,
         r"no utility for 1 of its 2 coalitions, e.g. \{1, 2\}"),
        (lambda: HedonicGame.from_utilities(2, [{1: 1, 3: 2, (1,): 0}, {}]), InvalidCoalitionGame,
         r"\{2\}, a coalition that does not contain it"),
        (lambda: HedonicGame.from_utilities(2, [{1: 1, 3: 2, (1, 0): 0}, {}]), InvalidCoalitionGame, "two utilities"),
        (lambda: HedonicGame.from_utilities(2, {"z": {}}), InvalidCoalitionGame, "unknown player 'z'"),
        (lambda: HedonicGame.from_utilities(0, lambda i, S: 0), InvalidCoalitionGame, "positive integer"),
        (lambda: HedonicGame.from_utilities(2, lambda i, S: None), InvalidCoalitionGame, "not a finite number"),
        (lambda: HedonicGame.from_utilities(2, 5), InvalidCoalitionGame, "must be a function"),
        (lambda: HedonicGame([[0, 1]], labels=["a", "b"]), InvalidCoalitionGame, "labels"),
        (lambda: HedonicGame([[0, 1]], tol=-1), InvalidOption, "tol"),
    ],
)
def test_invalid_games_are_rejected(build, error, match):
    with pytest.raises(error, match=match):
        build()


def test_invalid_calls_are_rejected():
    g = HedonicGame.additively_separable([[0, 1, 1], [1, 0, 1], [1, 1, 0]], labels=list("abc"))
    with pytest.raises(InvalidStrategy, match=r"check_stability: partition leaves players \['c'\]"):
        check_stability(g, [["a", "b"]])
    with pytest.raises(InvalidStrategy, match="repeats players"):
        is_nash_stable(g, [[0, 1], [1, 2]])
    with pytest.raises(InvalidStrategy, match="unknown player 'd'"):
        is_nash_stable(g, [["a", "b"], ["d"]])
    with pytest.raises(InvalidStrategy, match="4 players, the game has 3"):
        is_nash_stable(g, CoalitionStructure([15]))
    with pytest.raises(InvalidOption, match="unknown stability concept 'strong'"):
        check_stability(g, [[0, 1, 2]], "strong")
    with pytest.raises(InvalidOption, match="unknown stability concept"):
        stable_partitions(g, "Nash")
    with pytest.raises(InvalidCoalitionGame, match="must be a HedonicGame"):
        nash_stable_partitions([[0, 1], [1, 0]])
    with pytest.raises(InvalidStrategy, match="not in the coalition"):
        g.utility("a", ["b", "c"])
    big = HedonicGame(np.zeros((11, 2**11), dtype=np.int64))
    with pytest.raises(InvalidOption, match=r"Bell\(11\) = 678570"):
        core_stable_partitions(big)
    # a single partition of a large game is still checked
    assert bool(is_core_stable(big, [range(11)]))


def test_huge_exact_utilities_are_compared_exactly():
    # numerators beyond int64: the exact path falls back to Python integers
    big = 10**30
    v = np.array([[0, F(big + 1, 7), F(big, 7)], [F(1, 3), 0, -1], [F(1, 3), -1, 0]], dtype=object)
    g = HedonicGame.additively_separable(v)
    assert g.utility(0, [0, 1]) == F(big + 1, 7) and g.prefers(0, [0, 1], [0, 2])
    assert blocks_of(nash_stable_partitions(g)) == {(3, 4)}
    frac = HedonicGame.fractional(v)
    assert frac.utility(0, [0, 1, 2]) == F(2 * big + 1, 21)
    assert frac.prefers(0, [0, 1, 2], [0, 1])  # (2b + 1)/21 > (b + 1)/14
    for concept in STABILITY_CONCEPTS:
        found = blocks_of(stable_partitions(frac, concept))
        assert found == {P for P in set_partitions(3) if reference_stable(frac, P, concept)}


def test_enumeration_of_ten_players_is_fast_and_complete():
    rng = np.random.default_rng(7)
    v = rng.integers(-4, 5, (10, 10))
    g = HedonicGame.additively_separable(v + v.T)
    res = nash_stable_partitions(g)
    assert res.checked == 115975 and len(res) >= 1 and res.time < 10
    for P, u in zip(res.structures, res.utilities):
        check = is_nash_stable(g, P)
        assert check and list(check.utilities) == list(u)
