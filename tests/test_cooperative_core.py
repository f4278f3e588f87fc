"""Core, epsilon-core, least core, balancedness, superadditivity, convexity and the nucleolus."""

from __future__ import annotations

from fractions import Fraction
from itertools import permutations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.cooperative import (
    TUGame,
    core_point,
    epsilon_core,
    excesses,
    in_core,
    is_balanced,
    is_convex,
    is_nucleolus,
    is_superadditive,
    least_core,
    nucleolus,
    prenucleolus,
    shapley_value,
)
from gametheory.errors import EmptyCore, InvalidOption, InvalidStrategy, NotSupported

F = Fraction
MAJORITY = TUGame([0, 0, 0, 1, 0, 1, 1, 1])  # three-player majority game: empty core


@st.composite
def int_games(draw, min_n: int = 2, max_n: int = 4, low: int = -3, high: int = 8):
    n = draw(st.integers(min_n, max_n))
    vals = draw(st.lists(st.integers(low, high), min_size=2**n - 1, max_size=2**n - 1))
    return TUGame([0] + vals)


@st.composite
def imputation_games(draw, min_n: int = 2, max_n: int = 4):
    """Integer games with a non-empty imputation set (sum of v({i}) <= v(N))."""
    g = draw(int_games(min_n, max_n))
    v = list(g.values)
    singles = sum(v[1 << i] for i in range(g.n))
    v[-1] = max(v[-1], singles + draw(st.integers(0, 6)))
    return TUGame(v)


@st.composite
def convex_games(draw, min_n: int = 2, max_n: int = 5):
    """Nonnegative combinations of unanimity games plus an additive part: convex by construction."""
    n = draw(st.integers(min_n, max_n))
    full = 2**n
    coeff = draw(st.lists(st.integers(0, 4), min_size=full - 1, max_size=full - 1))
    add = draw(st.lists(st.integers(-3, 3), min_size=n, max_size=n))
    v = []
    for S in range(full):
        # u_T(S) = 1 iff T is a subset of S
        val = sum(c for T, c in zip(range(1, full), coeff) if T & S == T)
        val += sum(a for i, a in enumerate(add) if S >> i & 1)
        v.append(val)
    return TUGame(v)


def naive_superadditive(g: TUGame) -> bool:
    v = g.values
    N = g.grand_coalition
    return all(v[S | T] >= v[S] + v[T] for S in range(N + 1) for T in range(N + 1) if S & T == 0)


def naive_convex(g: TUGame) -> bool:
    v = g.values
    N = g.grand_coalition
    return all(v[S | T] + v[S & T] >= v[S] + v[T] for S in range(N + 1) for T in range(N + 1))


# ----------------------------------------------------------------------------- known examples


def test_glove_game_core():
    """Glove market with scarce left gloves: the core gives each left glove 1, each right glove 0.

    The core of the glove game (Shapley and Shubik, "On market games", J. Economic
    Theory 1, 9-25, 1969; also Maschler, Solan and Zamir, Game Theory, 2013) with
    fewer left than right gloves is the single point paying the scarce side.
    """
    g = TUGame.glove(left=2, right=3)
    r = core_point(g, exact=True)
    assert list(r.allocation) == [1, 1, 0, 0, 0]
    assert r.epsilon == 0 and r.residual == 0
    assert in_core(g, [1, 1, 0, 0, 0], exact=True)
    assert not in_core(g, ["0.9", "1", "0.1", "0", "0"], exact=True)
    # the core is a single point, so it is also the nucleolus
    assert list(nucleolus(g, exact=True).allocation) == [1, 1, 0, 0, 0]
    assert is_balanced(g, exact=True) and is_balanced(g)
    balanced_glove = TUGame.glove(left=1, right=1)
    assert list(least_core(balanced_glove, exact=True).allocation) == [F(1, 2), F(1, 2)]


def test_majority_game_has_empty_core():
    with pytest.raises(EmptyCore, match="least-core value is 1/3"):
        core_point(MAJORITY, exact=True)
    r = core_point(MAJORITY, exact=True, allow_empty=True)
    assert r.status == "empty" and r.allocation is None and r.epsilon == F(1, 3)
    lc = least_core(MAJORITY, exact=True)
    assert lc.epsilon == F(1, 3) and list(lc.allocation) == [F(1, 3)] * 3 and lc.max_excess == F(1, 3)
    assert not is_balanced(MAJORITY) and not is_balanced(MAJORITY, exact=True)
    assert list(nucleolus(MAJORITY, exact=True).allocation) == [F(1, 3)] * 3
    with pytest.raises(EmptyCore, match="is empty"):
        epsilon_core(MAJORITY, F(1, 4), exact=True)
    assert epsilon_core(MAJORITY, F(1, 4), exact=True, allow_empty=True).status == "empty"
    ok = epsilon_core(MAJORITY, "1/3", exact=True)
    assert ok.status == "ok" and ok.max_excess <= F(1, 3)
    assert epsilon_core(MAJORITY, 0.5).status == "ok"


def test_excesses_and_in_core():
    g = TUGame([0, 1, 1, 3])
    assert list(excesses(g, [2, 1], exact=True)) == [0, -1, 0, 0]
    assert in_core(g, [2, 1]) and in_core(g, [F(3, 2), F(3, 2)], exact=True)
    assert not in_core(g, [3, 0]) and not in_core(g, [2, 2])
    with pytest.raises(InvalidStrategy, match=r"shape \(2,\)"):
        in_core(g, [1, 2, 3])
    with pytest.raises(InvalidStrategy, match="not a finite number"):
        excesses(g, [1, float("nan")])


def test_one_player_game():
    g = TUGame([0, 5])
    assert list(core_point(g, exact=True).allocation) == [5]
    assert least_core(g, exact=True).epsilon == 0
    assert list(nucleolus(g, exact=True).allocation) == [5]
    assert list(prenucleolus(g).allocation) == [5.0]
    assert is_nucleolus(g, [5], exact=True) and not is_nucleolus(g, [4], exact=True)


def test_superadditive_and_convex_examples():
    assert is_superadditive(TUGame([0, 1, 1, 3])) and not is_superadditive(TUGame([0, 2, 2, 3]))
    assert is_convex(TUGame.from_function(4, lambda S: len(S) ** 2), exact=True)
    assert not is_convex(MAJORITY) and is_superadditive(MAJORITY)
    assert is_superadditive(TUGame.glove(left=2, right=2), exact=True)
    assert not is_convex(TUGame.glove(left=1, right=2))


def test_errors_and_options():
    with pytest.raises(InvalidOption, match="exact must be True or False"):
        core_point(MAJORITY, exact=None)
    with pytest.raises(InvalidOption, match="epsilon"):
        epsilon_core(MAJORITY, "abc")
    lazy = TUGame.from_function(3, lambda S: len(S), dense=False)
    for f in (core_point, least_core, nucleolus, is_balanced, is_convex, is_superadditive):
        with pytest.raises(NotSupported, match="function-backed"):
            f(lazy)
    no_imputation = TUGame([0, 2, 2, 3])
    with pytest.raises(NotSupported, match="imputation set is empty"):
        nucleolus(no_imputation)
    assert list(prenucleolus(no_imputation, exact=True).allocation) == [F(3, 2), F(3, 2)]


# ----------------------------------------------------------------------------- published numbers


@pytest.mark.parametrize(
    "estate, talmud",
    [(100, [F(100, 3)] * 3), (200, [50, 75, 75]), (300, [50, 100, 150])],
)
def test_talmud_bankruptcy_problems_nucleolus(estate, talmud):
    """Aumann and Maschler, "Game theoretic analysis of a bankruptcy problem from the
    Talmud", J. Economic Theory 36, 195-213 (1985): for claims 100, 200, 300 the
    Talmud divides estates 100, 200, 300 as (33 1/3, 33 1/3, 33 1/3), (50, 75, 75)
    and (50, 100, 150), and each division is the nucleolus of the bankruptcy game.
    Checked exactly, in rational arithmetic.
    """
    g = TUGame.bankruptcy(estate=estate, claims=[100, 200, 300])
    r = nucleolus(g, exact=True)
    assert list(r.allocation) == talmud
    assert all(isinstance(x, Fraction) for x in r.allocation) and r.residual == 0
    assert is_nucleolus(g, talmud, exact=True)
    assert list(prenucleolus(g, exact=True).allocation) == talmud  # the core is non-empty
    fl = nucleolus(g)
    assert np.allclose(fl.allocation, [float(x) for x in talmud], atol=1e-9)
    assert talmud_rule(estate, [100, 200, 300]) == talmud  # the rule used for larger n below


# ----------------------------------------------------------------------------- properties


@settings(max_examples=60, deadline=None)
@given(int_games(max_n=5))
def test_least_core_epsilon_nonpositive_iff_core_nonempty(game):
    lc = least_core(game, exact=True)
    assert lc.residual == 0
    # independent LP (Bondareva-Shapley), float and exact
    balanced = is_balanced(game, exact=True)
    assert balanced == is_balanced(game)
    assert (lc.epsilon <= 0) == balanced
    if balanced:
        r = core_point(game, exact=True)
        assert in_core(game, r.allocation, exact=True)
    else:
        with pytest.raises(EmptyCore):
            core_point(game, exact=True)
    fl = least_core(game)
    assert abs(fl.epsilon - float(lc.epsilon)) < 1e-7
    # epsilon is the largest excess of the least-core point
    e = excesses(game, lc.allocation, exact=True)
    assert max(e[1:-1]) == lc.epsilon and e[-1] == 0


@settings(max_examples=40, deadline=None)
@given(imputation_games(max_n=4))
def test_nucleolus_is_the_unique_kohlberg_point_and_in_the_core(game):
    r = nucleolus(game, exact=True)
    x = r.allocation
    assert r.residual == 0
    assert sum(x) == game.value(game.grand_coalition)
    assert all(x[i] >= game.value(1 << i) for i in range(game.n))  # an imputation
    assert is_nucleolus(game, x, exact=True)  # Kohlberg's criterion, independent of the LP sequence
    # uniqueness: moving along any efficient direction breaks the criterion
    for i in range(game.n):
        for j in range(game.n):
            if i != j:
                y = list(x)
                y[i] += F(1, 7)
                y[j] -= F(1, 7)
                assert not is_nucleolus(game, y, exact=True)
    if is_balanced(game, exact=True):
        assert in_core(game, x, exact=True)
        assert list(prenucleolus(game, exact=True).allocation) == list(x)
    fl = nucleolus(game)
    assert np.allclose(fl.allocation, x.astype(float), atol=1e-7)
    assert is_nucleolus(game, fl.allocation)


@settings(max_examples=30, deadline=None)
@given(imputation_games(min_n=3, max_n=4), st.data())
def test_nucleolus_moves_with_the_players(game, data):
    n = game.n
    perm = data.draw(st.permutations(range(n)))
    # player k of the new game is player perm[k] of the old one
    v = game.values
    moved = TUGame([v[sum(1 << perm[k] for k in range(n) if S >> k & 1)] for S in range(2**n)])
    x = nucleolus(game, exact=True).allocation
    y = nucleolus(moved, exact=True).allocation
    assert [y[k] for k in range(n)] == [x[perm[k]] for k in range(n)]


@settings(max_examples=40, deadline=None)
@given(int_games(min_n=2, max_n=2, low=-10, high=10))
def test_two_player_nucleolus_equals_shapley(game):
    phi = list(shapley_value(game, exact=True).allocation)
    assert list(prenucleolus(game, exact=True).allocation) == phi
    v = game.values
    if v[1] + v[2] <= v[3]:
        assert list(nucleolus(game, exact=True).allocation) == phi


@settings(max_examples=40, deadline=None)
@given(int_games(min_n=3, max_n=5))
def test_prenucleolus_satisfies_kohlberg(game):
    x = prenucleolus(game, exact=True).allocation
    assert is_nucleolus(game, x, exact=True, prenucleolus=True)
    assert sum(x) == game.value(game.grand_coalition)


@settings(max_examples=40, deadline=None)
@given(convex_games())
def test_convex_games_have_the_shapley_value_in_the_core(game):
    assert is_convex(game, exact=True) and is_convex(game)
    assert is_superadditive(game, exact=True)
    phi = shapley_value(game, exact=True).allocation
    assert in_core(game, phi, exact=True)
    assert least_core(game, exact=True).epsilon <= 0


@settings(max_examples=50, deadline=None)
@given(int_games(max_n=4))
def test_superadditivity_and_convexity_match_definitions(game):
    assert is_superadditive(game, exact=True) == naive_superadditive(game) == is_superadditive(game)
    assert is_convex(game, exact=True) == naive_convex(game) == is_convex(game)
    if is_convex(game, exact=True):
        assert is_superadditive(game, exact=True)


def test_superadditivity_blocks_beyond_eleven_players():
    # 13 players exercises the blocked 3**n enumeration; v(S) = |S|**2 is superadditive
    g = TUGame.from_function(13, lambda S: len(S) ** 2)
    assert is_superadditive(g)
    v = np.array(g.float_values)
    v[(1 << 12) | (1 << 11)] = 10.0  # {11, 12}: now v({11, 12}) + v({0}) > v({0, 11, 12})
    assert not is_superadditive(TUGame(v))


# ----------------------------------------------------------------------------- size and speed


def _cea(estate: Fraction, caps: list[Fraction]) -> list[Fraction]:
    """Constrained equal awards: x_i = min(cap_i, lam) with sum x = estate."""
    order = sorted(range(len(caps)), key=lambda i: caps[i])
    out: list[Fraction] = [F(0)] * len(caps)
    rest = F(estate)
    for k, i in enumerate(order):
        lam = rest / (len(caps) - k)
        if caps[i] <= lam:
            out[i] = caps[i]
            rest -= caps[i]
        else:
            for j in order[k:]:
                out[j] = lam
            break
    return out


def talmud_rule(estate: int, claims: list[int]) -> list[Fraction]:
    """The Talmud rule of Aumann and Maschler (1985): equal awards on half-claims below half
    the total claim, equal losses on half-claims above it."""
    half = [F(c, 2) for c in claims]
    if estate <= F(sum(claims), 2):
        return _cea(F(estate), half)
    loss = _cea(sum(claims) - F(estate), half)
    return [c - x for c, x in zip(claims, loss)]


@pytest.mark.parametrize("n, estate, exact", [(6, 40, True), (8, 100, True), (10, 150, False), (12, 300, False)])
def test_bankruptcy_nucleolus_is_the_talmud_rule_for_many_claimants(n, estate, exact):
    """Aumann and Maschler (J. Economic Theory 36, 195-213, 1985, Theorem A): for any
    number of claimants the nucleolus of the bankruptcy game is the Talmud rule.
    These games need several LP stages (4 to 8 here), so they test the fixing rule."""
    claims = [5 * (i + 1) + i % 3 for i in range(n)]
    g = TUGame.bankruptcy(estate=estate, claims=claims)
    r = nucleolus(g, exact=exact)
    assert r.details["stages"] >= 2
    expected = talmud_rule(estate, claims)
    if exact:
        assert list(r.allocation) == expected and r.residual == 0
    else:
        assert np.allclose(r.allocation, [float(x) for x in expected], atol=1e-8)
    if n <= 10:
        assert is_nucleolus(g, r.allocation, exact=exact)


def test_nucleolus_float_and_exact_agree_on_a_random_game():
    rng = np.random.default_rng(11)
    v = [0] + [int(x) for x in rng.integers(0, 10, 2**6 - 1)]
    v[-1] = 60
    small = TUGame(v)
    ex = nucleolus(small, exact=True)
    assert np.allclose(nucleolus(small).allocation, ex.allocation.astype(float), atol=1e-8)
    assert is_nucleolus(small, ex.allocation, exact=True)


def test_symmetric_game_nucleolus_is_equal_split():
    g = TUGame.from_function(6, lambda S: len(S) ** 2 // 3)
    x = nucleolus(g, exact=True).allocation
    assert list(x) == [F(12, 6)] * 6
    for p in list(permutations(range(6)))[:3]:
        assert list(x[list(p)]) == list(x)
