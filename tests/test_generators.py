"""Tests of gametheory.generators: shapes, seeding, validation and the defining property of each class."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory import generators as gen
from gametheory.errors import InvalidGame, InvalidOption

SEEDS = st.integers(0, 2**32 - 1)


def pure(eq) -> tuple[int, ...]:
    return tuple(int(np.argmax(np.asarray(p, dtype=float))) for p in eq)


def pure_set(game, exact=True) -> set:
    return {pure(eq) for eq in gt.enumpure(game, exact=exact).equilibria}


# (name, call(seed) -> game, expected shape) for every seeded generator
SEEDED = [
    ("uniform_random", lambda s: gen.uniform_random((2, 3, 2), seed=s), (2, 3, 2)),
    ("uniform_random_int", lambda s: gen.uniform_random((3, 3), seed=s, low=-5, high=5, integer=True), (3, 3)),
    ("covariant", lambda s: gen.covariant((3, 4), 0.3, seed=s), (3, 4)),
    ("zero_sum", lambda s: gen.zero_sum(4, 2, seed=s), (4, 2)),
    ("coordination", lambda s: gen.coordination(3, 2, seed=s), (2, 2, 2)),
    ("dominance_solvable", lambda s: gen.dominance_solvable((3, 2, 2), seed=s), (3, 2, 2)),
    ("congestion_game", lambda s: gen.congestion_game(2, 2, seed=s), (3, 3)),
    ("polymatrix", lambda s: gen.polymatrix((2, 3, 2), seed=s), (2, 3, 2)),
    ("graphical", lambda s: gen.graphical((2, 2, 2, 2), seed=s), (2, 2, 2, 2)),
]


@pytest.mark.parametrize("name,make,shape", SEEDED, ids=[s[0] for s in SEEDED])
def test_seeded_shape_and_reproducibility(name, make, shape):
    g1, g2, g3 = make(7), make(7), make(8)
    assert isinstance(g1, gt.NormalFormGame)
    assert g1.shape == shape and g1.num_players == len(shape)
    assert g1.title
    assert np.array_equal(g1.arrays(False), g2.arrays(False))
    assert not np.array_equal(g1.arrays(False), g3.arrays(False))
    # a Generator is accepted and advances: two draws from one stream differ
    rng = np.random.default_rng(7)
    assert not np.array_equal(make(rng).arrays(False), make(rng).arrays(False))


@pytest.mark.parametrize("name,make,shape", SEEDED, ids=[s[0] for s in SEEDED])
def test_bad_seed(name, make, shape):
    for bad in (-1, 1.5, "x", True):
        with pytest.raises(InvalidOption, match="seed"):
            make(bad)


DETERMINISTIC = [
    (lambda: gen.war_of_attrition(4, values=(3, 5), cost=1), (5, 5)),
    (lambda: gen.bertrand(3, prices=range(5)), (5, 5, 5)),
    (lambda: gen.cournot(2, quantities=range(7)), (7, 7)),
    (lambda: gen.location_game(6, 3), (6, 6, 6)),
    (lambda: gen.minimum_effort(3, 4), (4, 4, 4)),
    (lambda: gen.travellers_dilemma(2, 9), (8, 8)),
]


@pytest.mark.parametrize("k", range(len(DETERMINISTIC)))
def test_deterministic_shape_exact_and_repeatable(k):
    make, shape = DETERMINISTIC[k]
    g = make()
    assert g.shape == shape and g.is_exact and g.title
    assert g == make()


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: gen.uniform_random((3,)), "uniform_random: shape"),
        (lambda: gen.uniform_random((2, 0)), r"uniform_random: shape\[1\]"),
        (lambda: gen.uniform_random("ab"), "uniform_random: shape"),
        (lambda: gen.uniform_random((2, 2), low=1, high=1), "uniform_random: low"),
        (lambda: gen.uniform_random((2, 2), low=0.5, high=3, integer=True), "uniform_random: low"),
        (lambda: gen.uniform_random((2, 2), high=float("nan")), "uniform_random: high"),
        (lambda: gen.covariant((2, 2, 2), -0.7), r"covariant: rho = -0.7 is below -1/\(N-1\) = -0.5 for 3 players"),
        (lambda: gen.covariant((2, 2), 1.5), "covariant: rho = 1.5 is above 1"),
        (lambda: gen.covariant((2, 2), "abc"), "covariant: rho"),
        (lambda: gen.zero_sum(0, 2), "zero_sum: m"),
        (lambda: gen.zero_sum(2, 2.5), "zero_sum: n"),
        (lambda: gen.coordination(1, 3), "coordination: n_players"),
        (lambda: gen.coordination(2, 3, high=0), "coordination: high"),
        (lambda: gen.dominance_solvable((2,)), "dominance_solvable: shape"),
        (lambda: gen.war_of_attrition(0), "war_of_attrition: max_time"),
        (lambda: gen.war_of_attrition(3, values=(1, -1)), r"war_of_attrition: values\[1\]"),
        (lambda: gen.war_of_attrition(3, values=(1,)), "war_of_attrition: values"),
        (lambda: gen.war_of_attrition(3, cost=0), "war_of_attrition: cost"),
        (lambda: gen.bertrand(1), "bertrand: n_firms"),
        (lambda: gen.bertrand(2, prices=[]), "bertrand: prices is empty"),
        (lambda: gen.bertrand(2, prices=[1, 1]), "bertrand: prices repeats"),
        (lambda: gen.bertrand(2, prices=[-1, 1]), "bertrand: prices has a negative"),
        (lambda: gen.bertrand(2, cost=-1), "bertrand: cost"),
        (lambda: gen.bertrand(2, slope=0), "bertrand: intercept"),
        (lambda: gen.cournot(2, cost=20), "cournot: cost"),
        (lambda: gen.cournot(2, quantities="abc"), "cournot: quantities"),
        (lambda: gen.location_game(0), "location_game: n_locations"),
        (lambda: gen.location_game(3, 1), "location_game: n_players"),
        (lambda: gen.minimum_effort(2, 3, b=1, c=2), "minimum_effort: need b > c > 0"),
        (lambda: gen.minimum_effort(2, 0), "minimum_effort: n_levels"),
        (lambda: gen.travellers_dilemma(5, 5), "travellers_dilemma: low"),
        (lambda: gen.travellers_dilemma(2, 10, bonus=1), "travellers_dilemma: bonus"),
        (lambda: gen.congestion_game(2, 7), "congestion_game: n_facilities"),
        (lambda: gen.congestion_game(1, 2), "congestion_game: n_players"),
        (lambda: gen.polymatrix((2, 2), low=1, high=0), "polymatrix: low"),
        (lambda: gen.graphical((2, 2), high="inf"), "graphical: high"),
    ],
)
def test_bad_parameters_raise_invalid_option(call, match):
    with pytest.raises(InvalidOption, match=match):
        call()


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda: gen.polymatrix((2, 2, 2), edges=[(0, 0)]), "polymatrix: edge"),
        (lambda: gen.polymatrix((2, 2, 2), edges=[(0, 1), (1, 0)]), "polymatrix: edge"),
        (lambda: gen.polymatrix((2, 2, 2), edges=[(0, 3)]), "polymatrix: player in edge"),
        (lambda: gen.polymatrix_game((2, 2), {(0, 1): [[1, 2]]}), r"polymatrix_game: matrices\[\(0, 1\)\] has shape"),
        (lambda: gen.polymatrix_game((2, 2), {(0, 1): [[1, float("nan")], [0, 0]]}), "polymatrix_game"),
        (lambda: gen.polymatrix_game((2, 2), {(1, 1): [[1, 2], [3, 4]]}), "polymatrix_game: matrices key"),
        (lambda: gen.polymatrix_game((2, 2), {0: [[1, 2], [3, 4]]}), "polymatrix_game: matrices key"),
        (lambda: gen.graphical_game((2, 2), [[1], [0]], [[[1, 2], [3, 4]]]), "graphical_game: tables"),
        (lambda: gen.graphical_game((2, 2), [[1], [1]], [np.zeros((2, 2))] * 2), r"graphical_game: neighbours\[1\]"),
        (lambda: gen.graphical_game((2, 3), [[1], [0]], [np.zeros((2, 2))] * 2),
         r"graphical_game: tables\[0\] has shape"),
        (lambda: gen.graphical((2, 2, 2), neighbours=[[1], [0]]), "graphical: neighbours"),
        (lambda: gen.graphical((2, 2, 2), neighbours=[[1], [0], [5]]), "graphical"),
        (lambda: gen.graphical((2, 2, 2), neighbours=[[1], [0], [-1]]), "graphical_game: neighbours"),
        (lambda: gen.polymatrix_game((2, 2), {(0, 1.5): [[1, 2], [3, 4]]}), "polymatrix_game: player in key"),
    ],
)
def test_bad_structure_raises_invalid_game(call, match):
    with pytest.raises(InvalidGame, match=match):
        call()


# ----------------------------------------------------------------------- class properties
@settings(max_examples=40)
@given(seed=SEEDS, m=st.integers(1, 5), n=st.integers(1, 5), integer=st.booleans())
def test_zero_sum_is_zero_sum(seed, m, n, integer):
    g = gen.zero_sum(m, n, seed=seed, low=-9, high=9, integer=integer)
    assert g.is_zero_sum()
    assert g.is_exact == integer
    assert np.abs(g.arrays(False)).max() <= 9


@pytest.mark.parametrize("rho", [-1.0, -0.5, 0.0, 0.4, 0.9])
def test_covariant_empirical_correlation(rho):
    g = gen.covariant((50, 50), rho, seed=11)
    u = g.arrays(False)
    r = np.corrcoef(u[..., 0].ravel(), u[..., 1].ravel())[0, 1]
    assert abs(r - rho) < 0.1
    assert abs(u.mean()) < 0.1 and abs(u.std() - 1) < 0.1


def test_covariant_three_players_pairwise_correlation():
    u = gen.covariant((14, 14, 14), -0.4, seed=3).arrays(False).reshape(-1, 3)
    c = np.corrcoef(u.T)
    assert np.all(np.abs(c[np.triu_indices(3, 1)] + 0.4) < 0.1)


@settings(max_examples=30)
@given(seed=SEEDS, n=st.integers(2, 4))
def test_covariant_boundaries(seed, n):
    shape = (3,) * n
    same = gen.covariant(shape, 1.0, seed=seed).arrays(False)
    assert all(np.array_equal(same[..., 0], same[..., i]) for i in range(n))
    low = gen.covariant(shape, -1.0 / (n - 1), seed=seed)
    assert low.is_constant_sum(tol=1e-12)
    if n == 2:
        assert low.is_zero_sum(tol=1e-12)


@settings(max_examples=30)
@given(seed=SEEDS, n=st.integers(2, 3), k=st.integers(1, 4), integer=st.booleans())
def test_coordination_diagonal_profiles_are_equilibria(seed, n, k, integer):
    g = gen.coordination(n, k, seed=seed, integer=integer, high=20)
    eqs = pure_set(g, exact=integer)
    assert {(a,) * n for a in range(k)} <= eqs


@settings(max_examples=40)
@given(seed=SEEDS, shape=st.lists(st.integers(1, 4), min_size=2, max_size=3), integer=st.booleans())
def test_dominance_solvable_has_one_survivor_and_unique_equilibrium(seed, shape, integer):
    g = gen.dominance_solvable(shape, seed=seed, integer=integer)
    red = gt.iterated_elimination(g, mixed=False, exact=integer)
    assert all(len(k) == 1 for k in red.kept)
    survivor = tuple(k[0] for k in red.kept)
    assert pure_set(g, exact=integer) == {survivor}
    if len(shape) == 2:
        # all equilibria, mixed included: the survivor only
        res = gt.vertex_enumeration(g.to_exact(), exact=True) if integer else gt.vertex_enumeration(g)
        assert {pure(eq) for eq in res.equilibria} == {survivor}
        assert all(max(float(x) for x in p) > 1 - 1e-9 for eq in res.equilibria for p in eq)


@pytest.mark.parametrize("n,levels", [(2, 7), (3, 4), (4, 3)])
def test_minimum_effort_symmetric_profiles_are_equilibria(n, levels):
    g = gen.minimum_effort(n, levels)
    assert pure_set(g) == {(e,) * n for e in range(levels)}


def test_minimum_effort_van_huyck_payoffs():
    # Van Huyck, Battalio and Beil (1990), AER 80, Table 1 (payoffs in cents): 1.30 at (7, 7), 0.10 for 7 against min 1
    g = gen.minimum_effort(2, 7)
    assert g.payoffs[6, 6, 0] == 130 and g.payoffs[6, 0, 0] == 10 and g.payoffs[0, 0, 0] == 70


@pytest.mark.parametrize("low,high,bonus", [(2, 12, 2), (0, 6, Fraction(3, 2)), (2, 9, 5)])
def test_travellers_dilemma_unique_equilibrium_is_lowest_claim(low, high, bonus):
    g = gen.travellers_dilemma(low, high, bonus)
    assert pure_set(g) == {(0, 0)}
    res = gt.vertex_enumeration(g, exact=True)
    assert [pure(eq) for eq in res.equilibria] == [(0, 0)]
    assert all(max(p) == 1 for eq in res.equilibria for p in eq)
    # iterated weak dominance: the current highest claim is weakly dominated by the next lower one
    A = g.payoff_array(0)
    for top in range(A.shape[0] - 1, 0, -1):
        diff = A[top - 1, : top + 1] - A[top, : top + 1]
        assert all(d >= 0 for d in diff) and any(d > 0 for d in diff)


def test_travellers_dilemma_basu_payoffs():
    # Basu (1994), AER 84(2): claims 2..100, reward/penalty 2; (100, 100) pays 100 each, (99, 100) pays (101, 97)
    g = gen.travellers_dilemma()
    assert g.shape == (99, 99)
    assert list(g.payoffs[98, 98]) == [100, 100] and list(g.payoffs[97, 98]) == [101, 97]


@pytest.mark.parametrize("n", [2, 3])
@pytest.mark.parametrize("cost", [0, 2, 3])
def test_bertrand_pricing_at_cost_is_equilibrium(n, cost):
    g = gen.bertrand(n, prices=range(7), cost=cost, intercept=8)
    at_cost = (cost,) * n
    assert at_cost in pure_set(g)
    assert all(x == 0 for x in g.payoffs[at_cost])


def test_bertrand_split_and_undercut():
    g = gen.bertrand(2, prices=range(6), cost=1, intercept=5)
    assert list(g.payoffs[2, 4]) == [3, 0]  # demand 3 at price 2, margin 1, all to firm 0
    assert list(g.payoffs[3, 3]) == [2, 2]


@settings(max_examples=30)
@given(n=st.integers(2, 3), a=st.integers(8, 16), c=st.integers(0, 5), b=st.sampled_from([1, 2]))
def test_cournot_equilibria_near_textbook_quantity(n, a, c, b):
    g = gen.cournot(n, quantities=range(9), intercept=a, cost=c, slope=b)
    q_star = Fraction(a - c, b * (n + 1))
    eqs = pure_set(g)
    assert eqs
    tol = 1 if n == 2 else 2
    assert all(abs(q - q_star) <= tol for eq in eqs for q in eq)


def test_cournot_textbook_example():
    # Tirole (1988) ch. 5: linear demand 12 - Q, zero cost, duopoly: q* = 4 each, profit 16
    g = gen.cournot(2, quantities=range(13), intercept=12, cost=0)
    assert (4, 4) in pure_set(g) and list(g.payoffs[4, 4]) == [16, 16]


@pytest.mark.parametrize("L", [3, 5, 9])
def test_hotelling_median_is_unique_equilibrium(L):
    g = gen.location_game(L)
    assert pure_set(g) == {(L // 2, L // 2)}


@pytest.mark.parametrize("L,n", [(4, 2), (5, 3), (3, 4)])
def test_location_payoffs_sum_to_consumers(L, n):
    g = gen.location_game(L, n)
    assert g.is_constant_sum()
    assert g._sums().reshape(-1)[0] == L


def test_war_of_attrition_payoffs():
    g = gen.war_of_attrition(3, values=(4, 6), cost=1)
    assert list(g.payoffs[2, 1]) == [3, -1]
    assert list(g.payoffs[2, 2]) == [0, 1]  # split prize 2 and 3, both paid 2
    # pure equilibria: one player concedes at once, the other holds out long enough
    for s0, s1 in pure_set(g):
        assert min(s0, s1) == 0 and max(s0, s1) > 0


@settings(max_examples=30)
@given(seed=SEEDS, n=st.integers(2, 3), F=st.integers(1, 3), integer=st.booleans())
def test_congestion_games_have_pure_equilibria_and_exact_potential(seed, n, F, integer):
    g = gen.congestion_game(n, F, seed=seed, integer=integer)
    assert g.shape == (2**F - 1,) * n
    assert len(gt.enumpure(g, exact=integer).equilibria) >= 1
    # Monderer and Shapley (1996), Thm 2.8: exact potential iff every 4-cycle of unilateral deviations sums to 0
    u = g.arrays(False)
    rng = np.random.default_rng(seed)
    for _ in range(20):
        i, j = rng.choice(n, size=2, replace=False)
        s = list(rng.integers(0, 2**F - 1, size=n))
        a, b = rng.integers(0, 2**F - 1, size=2)
        t = s.copy(); t[i] = a  # noqa: E702
        w = t.copy(); w[j] = b  # noqa: E702
        v = s.copy(); v[j] = b  # noqa: E702
        cycle = (u[tuple(t)][i] - u[tuple(s)][i]) + (u[tuple(w)][j] - u[tuple(t)][j]) \
            + (u[tuple(v)][i] - u[tuple(w)][i]) + (u[tuple(s)][j] - u[tuple(v)][j])
        assert abs(cycle) < 1e-9


def test_congestion_labels_are_facility_sets():
    g = gen.congestion_game(2, 2, seed=0)
    assert g.strategies[0] == ("{1}", "{2}", "{1,2}")


@settings(max_examples=30)
@given(seed=SEEDS, shape=st.lists(st.integers(1, 3), min_size=2, max_size=4))
def test_polymatrix_payoffs_are_sums_of_pairwise_terms(seed, shape):
    rng = np.random.default_rng(seed)
    n = len(shape)
    pairs = [(i, j) for i in range(n) for j in range(n) if i != j and rng.random() < 0.6]
    mats = {(i, j): rng.integers(-5, 6, size=(shape[i], shape[j])) for i, j in pairs}
    g = gen.polymatrix_game(shape, mats)
    assert g.is_exact
    for prof in itertools.product(*(range(k) for k in shape)):
        for i in range(n):
            expected = sum(int(M[prof[a], prof[b]]) for (a, b), M in mats.items() if a == i)
            assert g.payoffs[prof + (i,)] == expected


@settings(max_examples=30)
@given(seed=SEEDS, shape=st.lists(st.integers(1, 3), min_size=3, max_size=4))
def test_random_polymatrix_is_additively_separable(seed, shape):
    n = len(shape)
    g = gen.polymatrix(shape, edges=[(k, k + 1) for k in range(n - 1)], seed=seed, integer=True, low=-9, high=9)
    u = g.payoffs
    # on a path, player 0 ignores everyone but player 1
    base = u[..., 0][(slice(None), slice(None)) + (slice(0, 1),) * (n - 2)]
    assert all(v == w for v, w in zip(np.broadcast_to(base, u.shape[:-1]).ravel(), u[..., 0].ravel()))
    # player 1's payoff has no interaction between players 0 and 2: mixed differences vanish
    d = u[1:, :, 1:, ..., 1] - u[:-1, :, 1:, ..., 1] - u[1:, :, :-1, ..., 1] + u[:-1, :, :-1, ..., 1]
    assert all(x == 0 for x in np.asarray(d).ravel())


@settings(max_examples=30)
@given(seed=SEEDS, shape=st.lists(st.integers(1, 3), min_size=2, max_size=4))
def test_graphical_payoffs_equal_local_tables(seed, shape):
    rng = np.random.default_rng(seed)
    n = len(shape)
    nbrs = [sorted(j for j in range(n) if j != i and rng.random() < 0.5) for i in range(n)]
    tables = [rng.integers(-5, 6, size=(shape[i],) + tuple(shape[j] for j in nbrs[i])) for i in range(n)]
    g = gen.graphical_game(shape, nbrs, tables)
    for prof in itertools.product(*(range(k) for k in shape)):
        for i in range(n):
            assert g.payoffs[prof + (i,)] == int(tables[i][(prof[i],) + tuple(prof[j] for j in nbrs[i])])


def test_graphical_default_ring_ignores_non_neighbours():
    g = gen.graphical((2, 2, 2, 2, 2), seed=5)
    u0 = g.arrays(False)[..., 0]
    # player 0's neighbours on the ring are 1 and 4: players 2 and 3 do not matter
    assert np.array_equal(u0, np.broadcast_to(u0[:, :, :1, :1, :], u0.shape))
    assert not np.array_equal(u0, np.broadcast_to(u0[:, :1, :, :, :], u0.shape))


def test_float_and_exact_parameters():
    assert not gen.minimum_effort(2, 3, a=0.6, b=0.2, c=0.1).is_exact
    assert gen.minimum_effort(2, 3, a="0.60", b="0.20", c="0.10").payoffs[2, 2, 0] == Fraction(9, 10)
    assert not gen.bertrand(2, prices=[0.5, 1.0]).is_exact
    assert not gen.travellers_dilemma(2, 5, bonus=2.5).is_exact
    assert gen.uniform_random((2, 2), seed=0, integer=True).is_exact


def test_default_ranges():
    assert set(np.unique(gen.uniform_random((30, 30), seed=0, integer=True).arrays(False))) <= set(range(101))
    u = gen.zero_sum(30, 30, seed=0, integer=True).arrays(False)
    assert u.min() >= -100 and u.max() <= 100 and u.min() < 0
    f = gen.uniform_random((10, 10), seed=0).arrays(False)
    assert 0 <= f.min() and f.max() <= 1 and not np.all(f == np.round(f))
    assert gen.polymatrix((2, 2), seed=0, integer=True).is_exact
