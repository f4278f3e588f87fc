"""Tests of :mod:`gametheory.nash.vertex_enumeration` and :mod:`gametheory.nash.components`.

Three independent references check the solver: Gambit's ``enummixed``
(gambit-marked tests), a brute-force enumeration of every vertex of both
best-response polytopes written here (every choice of ``d`` tight constraints,
solved with Fractions), and published counts and textbook answers.
"""

from __future__ import annotations

import itertools
import pathlib
import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gametheory.errors import InvalidOption, NotSupported
from gametheory.game import NormalFormGame
from gametheory.nash.components import NashComponent, equilibrium_components
from gametheory.nash.vertex_enumeration import is_degenerate, vertex_enumeration
from gametheory.result import certify

GAMBIT_GAMES = pathlib.Path(__file__).resolve().parents[1].parent / "shared" / "games" / "gambit"
VON_STENGEL_75 = GAMBIT_GAMES / "catalog" / "journals" / "dcg" / "vonstengel1999" / "6x6_game_with_75_eq.nfg"

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# --------------------------------------------------------------------------- helpers


def exact_set(result) -> set:
    return {tuple(tuple(s) for s in prof) for prof in result.equilibria}


def as_float_list(result) -> list[np.ndarray]:
    return [np.concatenate([np.asarray(s, dtype=float) for s in prof]) for prof in result.equilibria]


def same_up_to(float_result, exact_result, tol: float = 1e-8) -> bool:
    """Float equilibria match exact ones one-to-one within ``tol``."""
    F, E = as_float_list(float_result), as_float_list(exact_result)
    if len(F) != len(E):
        return False
    unused = list(range(len(E)))
    for f in F:
        hit = next((k for k in unused if np.max(np.abs(E[k] - f)) <= tol), None)
        if hit is None:
            return False
        unused.remove(hit)
    return True


def two_player_header(path: pathlib.Path) -> bool:
    """True if the .nfg file declares exactly two players (read from its header only)."""
    text = path.read_text(errors="replace")
    m = re.match(r'\s*NFG\s+\d+\s+[RD]\s+"(?:[^"\\]|\\.)*"\s*\{([^}]*)\}', text)
    return bool(m) and len(re.findall(r'"(?:[^"\\]|\\.)*"', m.group(1))) == 2


def load_payoff_form_6x6(path: pathlib.Path) -> NormalFormGame:
    """Read a 6x6 .nfg in Gambit's payoff form: pairs (u1, u2), player 1's strategy varying fastest."""
    text = path.read_text()
    numbers = [Fraction(t) for t in text[text.rindex('"') + 1 :].split()]
    assert len(numbers) == 72
    A = [[numbers[2 * (i + 6 * j)] for j in range(6)] for i in range(6)]
    B = [[numbers[2 * (i + 6 * j) + 1] for j in range(6)] for i in range(6)]
    return NormalFormGame.from_bimatrix(A, B)


def _solve_fractions(rows: list[list[Fraction]], rhs: list[Fraction]) -> list[Fraction] | None:
    """Solve a square system with Fractions; None if singular."""
    n = len(rows)
    M = [list(r) + [b] for r, b in zip(rows, rhs)]
    for c in range(n):
        p = next((r for r in range(c, n) if M[r][c] != 0), None)
        if p is None:
            return None
        M[c], M[p] = M[p], M[c]
        for r in range(n):
            if r != c and M[r][c] != 0:
                f = M[r][c] / M[c][c]
                M[r] = [a - f * b for a, b in zip(M[r], M[c])]
    return [M[i][n] / M[i][i] for i in range(n)]


def brute_vertices(G: list[list[Fraction]]) -> dict[tuple, frozenset]:
    """All vertices of {z >= 0 : G z <= 1} with their tight constraints (j < d: z_j = 0; d + r: row r)."""
    k, d = len(G), len(G[0])
    cons = [[Fraction(int(c == j)) for c in range(d)] for j in range(d)] + [list(r) for r in G]
    rhs = [Fraction(0)] * d + [Fraction(1)] * k
    out = {}
    for S in itertools.combinations(range(d + k), d):
        z = _solve_fractions([cons[c] for c in S], [rhs[c] for c in S])
        if z is None or any(v < 0 for v in z):
            continue
        vals = [sum(a * v for a, v in zip(cons[c], z)) for c in range(d + k)]
        if any(vals[c] > rhs[c] for c in range(d, d + k)):
            continue
        out[tuple(z)] = frozenset(c for c in range(d + k) if vals[c] == rhs[c])
    return out


def reference_equilibria(game: NormalFormGame) -> set:
    """Extreme equilibria by pairing *all* vertices of both polytopes (slow, independent)."""
    A, B = game.bimatrix(exact=True)
    m, n = A.shape
    lowA, lowB = min(A.reshape(-1)), min(B.reshape(-1))
    P = brute_vertices([[B[i, j] - lowB + 1 for i in range(m)] for j in range(n)])
    Q = brute_vertices([[A[i, j] - lowA + 1 for j in range(n)] for i in range(m)])
    # labels: x_i = 0 -> i, (B^T x)_j = 1 -> m + j; y_j = 0 -> m + j, (A y)_i = 1 -> i
    out = set()
    for x, tx in P.items():
        lx = set(tx)
        for y, ty in Q.items():
            ly = {m + c if c < n else c - n for c in ty}
            if len(lx | ly) == m + n and any(x) and any(y):
                sx, sy = sum(x), sum(y)
                out.add((tuple(v / sx for v in x), tuple(v / sy for v in y)))
    return out


def reference_degenerate(game: NormalFormGame) -> bool:
    A, B = game.bimatrix(exact=True)
    m, n = A.shape
    lowA, lowB = min(A.reshape(-1)), min(B.reshape(-1))
    P = brute_vertices([[B[i, j] - lowB + 1 for i in range(m)] for j in range(n)])
    Q = brute_vertices([[A[i, j] - lowA + 1 for j in range(n)] for i in range(m)])
    return any(len(t) > m for t in P.values()) or any(len(t) > n for t in Q.values())


@st.composite
def small_games(draw, max_size: int = 4, max_payoff: int = 3):
    """Bimatrix games with payoffs in a tiny range, so that degeneracy and continua are common."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    hi = draw(st.integers(1, max_payoff))
    entries = st.integers(0, hi)
    A = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.from_bimatrix(A, B)


@st.composite
def generic_games(draw, max_size: int = 5):
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    entries = st.integers(-10**6, 10**6)
    A = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return NormalFormGame.from_bimatrix(A, B)


# --------------------------------------------------------------------------- published and textbook games


@pytest.mark.skipif(not VON_STENGEL_75.exists(), reason="shared Gambit games not available")
@pytest.mark.parametrize("exact", [True, False])
def test_von_stengel_6x6_has_75_equilibria(exact):
    # von Stengel (1999), Discrete Comput Geom 21: a 6x6 game with 75 equilibria
    game = load_payoff_form_6x6(VON_STENGEL_75)
    res = vertex_enumeration(game, exact=exact)
    assert len(res) == 75
    assert res.method == "vertex" and res.complete and res.exact is exact
    assert not is_degenerate(game)


@pytest.mark.gambit
@pytest.mark.skipif(not VON_STENGEL_75.exists(), reason="shared Gambit games not available")
def test_von_stengel_75_read_by_gambit():
    gbt = pytest.importorskip("pygambit")
    game = game_from_gambit(gbt.read_nfg(str(VON_STENGEL_75)))
    assert len(vertex_enumeration(game, exact=True)) == 75
    # the hand-written loader used by the test above reads the same payoffs
    local = load_payoff_form_6x6(VON_STENGEL_75)
    for mine, theirs in zip(local.bimatrix(exact=True), game.bimatrix(exact=True)):
        assert mine.tolist() == theirs.tolist()


def test_matching_pennies_unique_mixed():
    g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    for exact in (True, False):
        res = vertex_enumeration(g, exact=exact)
        assert len(res) == 1
        x, y = res[0]
        assert np.allclose(np.asarray(x, float), [0.5, 0.5]) and np.allclose(np.asarray(y, float), [0.5, 0.5])
    x, y = vertex_enumeration(g, exact=True)[0]
    assert list(x) == [Fraction(1, 2)] * 2 and list(y) == [Fraction(1, 2)] * 2


def test_rock_paper_scissors_unique_uniform():
    A = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    res = vertex_enumeration(NormalFormGame.from_bimatrix(A), exact=True)
    assert exact_set(res) == {((Fraction(1, 3),) * 3, (Fraction(1, 3),) * 3)}
    resf = vertex_enumeration(NormalFormGame.from_bimatrix(A))
    assert len(resf) == 1 and np.allclose(np.concatenate(resf[0]), 1 / 3)


def test_battle_of_the_sexes_three_equilibria():
    g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    F = Fraction
    expected = {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
        ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
    }
    assert exact_set(vertex_enumeration(g, exact=True)) == expected
    assert same_up_to(vertex_enumeration(g), vertex_enumeration(g, exact=True))


def test_prisoners_dilemma_defect_defect():
    g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    res = vertex_enumeration(g, exact=True)
    assert exact_set(res) == {((Fraction(0), Fraction(1)), (Fraction(0), Fraction(1)))}
    assert res.max_regret == 0


def test_continuum_extreme_points():
    # row player indifferent against column 1; column 1 is a best reply iff x_1 >= 1/2
    g = NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 0], [0, 1]])
    F = Fraction
    expected = {
        ((F(1), F(0)), (F(1), F(0))),
        ((F(1, 2), F(1, 2)), (F(1), F(0))),
        ((F(0), F(1)), (F(0), F(1))),
    }
    assert exact_set(vertex_enumeration(g, exact=True)) == expected
    assert is_degenerate(g)


def test_all_zero_game_every_pure_pair():
    res = vertex_enumeration(NormalFormGame.from_bimatrix(np.zeros((2, 3), dtype=int), np.zeros((2, 3), dtype=int)), exact=True)
    assert len(res) == 6


def test_one_by_one_and_single_row():
    assert len(vertex_enumeration(NormalFormGame.from_bimatrix([[4]], [[-2]]), exact=True)) == 1
    g = NormalFormGame.from_bimatrix([[1, 2, 3]], [[3, 1, 3]])  # column player ties between 1 and 3
    res = vertex_enumeration(g, exact=True)
    assert exact_set(res) == {((Fraction(1),), (Fraction(1), Fraction(0), Fraction(0))), ((Fraction(1),), (Fraction(0), Fraction(0), Fraction(1)))}


# --------------------------------------------------------------------------- independent brute-force reference


@SETTINGS
@given(small_games())
def test_exact_equals_brute_force_pairing(game):
    assert exact_set(vertex_enumeration(game, exact=True)) == reference_equilibria(game)


@SETTINGS
@given(small_games())
def test_float_agrees_with_exact(game):
    assert same_up_to(vertex_enumeration(game), vertex_enumeration(game, exact=True))


@settings(max_examples=25, deadline=None)
@given(small_games(max_size=4, max_payoff=3), st.integers(1, 9), st.integers(-5, 5))
def test_float_handles_inexact_degenerate_payoffs(game, den, shift):
    # A / den + shift is degenerate exactly when A is, but 1/3, 1/7, ... are not floats
    A, B = game.bimatrix(exact=True)
    exact = NormalFormGame.from_bimatrix(A / den + shift, B * Fraction(1, 10) - shift)
    floating = NormalFormGame.from_bimatrix(
        A.astype(float) / den + shift, B.astype(float) * 0.1 - shift
    )
    assert same_up_to(vertex_enumeration(floating), vertex_enumeration(exact, exact=True))


@SETTINGS
@given(small_games())
def test_is_degenerate_matches_definition(game):
    assert is_degenerate(game) == reference_degenerate(game)
    assert is_degenerate(game.to_float()) == reference_degenerate(game)


@SETTINGS
@given(small_games(max_size=4))
def test_transposed_game_gives_swapped_equilibria(game):
    # m <= n and m > n take different branches (which polytope is enumerated)
    res = exact_set(vertex_enumeration(game, exact=True))
    swapped = exact_set(vertex_enumeration(game.transpose(), exact=True))
    assert swapped == {(y, x) for x, y in res}


@settings(max_examples=20, deadline=None)
@given(small_games(max_size=3), st.integers(1, 5), st.integers(-7, 7))
def test_invariant_under_positive_affine_payoff_change(game, scale, shift):
    A, B = game.bimatrix(exact=True)
    other = NormalFormGame.from_bimatrix(A * Fraction(scale, 3) + shift, B * scale - shift)
    assert exact_set(vertex_enumeration(other, exact=True)) == exact_set(vertex_enumeration(game, exact=True))


@SETTINGS
@given(generic_games())
def test_nondegenerate_games_have_odd_number(game):
    assume(not is_degenerate(game))
    res = vertex_enumeration(game, exact=True)
    assert len(res) % 2 == 1
    assert same_up_to(vertex_enumeration(game), res, tol=1e-7)


@pytest.mark.parametrize("seed", range(3))
def test_float_agrees_with_exact_on_random_7x6(seed):
    rng = np.random.default_rng(seed)
    A, B = rng.integers(0, 100, (7, 6)), rng.integers(0, 100, (7, 6))
    g = NormalFormGame.from_bimatrix(A, B)
    assert same_up_to(vertex_enumeration(g), vertex_enumeration(g, exact=True))


def test_every_result_is_certified():
    g = NormalFormGame.from_bimatrix([[1, 3, 0], [0, 0, 2], [2, 1, 1]], [[2, 1, 0], [1, 3, 1], [0, 0, 3]])
    res = vertex_enumeration(g, exact=True)
    assert all(r == 0 for r in res.regrets)
    for prof in res.equilibria:
        assert g.is_nash(prof, exact=True)
        assert all(sum(s) == 1 for s in prof)


# --------------------------------------------------------------------------- the basis search itself


def brute_feasible_bases(G: list[list[int]], b: int) -> set[frozenset]:
    """Every feasible basis of {z >= 0 : G z + s = b}, by trying every set of k columns."""
    k, d = len(G), len(G[0])
    cols = [[Fraction(G[r][j]) for r in range(k)] for j in range(d)] + [
        [Fraction(int(r == c)) for r in range(k)] for c in range(k)
    ]
    out = set()
    for S in itertools.combinations(range(d + k), k):
        rows = [[cols[c][r] for c in S] for r in range(k)]
        sol = _solve_fractions(rows, [Fraction(b)] * k)
        if sol is not None and all(v >= 0 for v in sol):
            out.add(frozenset(S))
    return out


@settings(max_examples=40, deadline=None)
@given(small_games(max_size=3, max_payoff=2))
def test_basis_search_visits_every_feasible_basis(game):
    # completeness on degenerate polytopes rests on visiting every feasible basis,
    # which needs every tied row of a ratio test to be followed
    import importlib

    # the package re-exports the function under the module's name, so import the module itself
    mod = importlib.import_module("gametheory.nash.vertex_enumeration")
    A, _ = game.bimatrix(exact=True)
    G, b = mod._integer_system(A)
    k, d = len(G), len(G[0])
    T = [list(G[r]) + [int(c == r) for c in range(k)] + [b] for r in range(k)]
    visited = {frozenset(basis) for _, _, basis in mod._explore_exact(T, 1, list(range(d, d + k)), range(d + k))}
    assert visited == brute_feasible_bases(G, b)
    Gf = mod._float_system(A.astype(float))
    bases, _ = mod._explore_float(np.hstack([Gf, np.eye(k)]), np.ones(k), np.arange(d, d + k), 1e-10)
    assert {frozenset(row) for row in bases.tolist()} == brute_feasible_bases(G, b)


# --------------------------------------------------------------------------- options and errors


def test_three_player_game_not_supported():
    g = NormalFormGame(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(NotSupported):
        vertex_enumeration(g)
    with pytest.raises(NotSupported):
        is_degenerate(g)
    with pytest.raises(NotSupported):
        equilibrium_components(g)


@pytest.mark.parametrize("tol", [0.0, -1e-9, float("nan"), float("inf"), "1e-9", True])
def test_bad_tol_rejected(tol):
    with pytest.raises(InvalidOption):
        vertex_enumeration(NormalFormGame.from_bimatrix([[1]], [[1]]), tol=tol)


def test_tol_is_checked_but_unused_in_exact_mode():
    g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = vertex_enumeration(g, exact=True, tol=1e-3)
    assert res.exact and res.tol == 0 and len(res) == 3
    with pytest.raises(InvalidOption):
        vertex_enumeration(g, exact=True, tol=-1.0)


def test_custom_tol_recorded():
    g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    res = vertex_enumeration(g, tol=1e-6)
    assert len(res) == 3 and res.parameters["tol"] == 1e-6


def test_float_game_exact_mode_uses_decimal_values():
    # 0.1 is read as 1/10, so indifference 0.1 y_1 = 0.2 y_2 gives y = (2/3, 1/3) exactly
    g = NormalFormGame.from_bimatrix([[0.1, 0.0], [0.0, 0.2]], [[0.3, 0.0], [0.0, 0.1]])
    res = vertex_enumeration(g, exact=True)
    assert ((Fraction(1, 4), Fraction(3, 4)), (Fraction(2, 3), Fraction(1, 3))) in exact_set(res)


# --------------------------------------------------------------------------- Gambit cross-checks


def game_from_gambit(g) -> NormalFormGame:
    A, B = g.to_arrays()
    conv = lambda M: [[Fraction(v.numerator, v.denominator) for v in row] for row in M]  # noqa: E731
    return NormalFormGame.from_bimatrix(conv(A), conv(B))


def gambit_set(game: NormalFormGame) -> set:
    gbt = pytest.importorskip("pygambit")
    A, B = game.bimatrix(exact=True)
    g = gbt.Game.from_arrays(A.tolist(), B.tolist())
    res = gbt.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(eq[s].numerator, eq[s].denominator) for s in p.strategies) for p in g.players)
        for eq in res.equilibria
    }


TWO_PLAYER_FILES = sorted(
    (p for p in GAMBIT_GAMES.rglob("*.nfg") if two_player_header(p)), key=str
) if GAMBIT_GAMES.exists() else []


@pytest.mark.gambit
@pytest.mark.parametrize("path", TWO_PLAYER_FILES, ids=lambda p: str(p.relative_to(GAMBIT_GAMES)))
def test_exact_equals_gambit_enummixed_on_file(path):
    gbt = pytest.importorskip("pygambit")
    game = game_from_gambit(gbt.read_nfg(str(path)))
    assert exact_set(vertex_enumeration(game, exact=True)) == gambit_set(game)


@pytest.mark.gambit
def test_shared_collection_has_two_player_games():
    # guards the parametrisation above against silently testing nothing
    if not GAMBIT_GAMES.exists():
        pytest.skip("shared Gambit games not available")
    assert len(TWO_PLAYER_FILES) >= 40


@pytest.mark.gambit
@SETTINGS
@given(small_games())
def test_exact_equals_gambit_enummixed_on_random_small_games(game):
    pytest.importorskip("pygambit")
    assert exact_set(vertex_enumeration(game, exact=True)) == gambit_set(game)


# --------------------------------------------------------------------------- components


def check_components(game: NormalFormGame, comps: list[NashComponent]) -> None:
    """Cliques are equilibrium sets, maximal, cover every extreme equilibrium; components are disjoint."""
    res = vertex_enumeration(game, exact=True)
    covered = set()
    rng = np.random.default_rng(0)
    for comp in comps:
        X, Y = comp.row_strategies, comp.column_strategies
        edges = {(i, j) for I, J in comp.cliques for i in I for j in J}
        # every listed strategy is in some clique
        assert {i for i, _ in edges} == set(range(len(X)))
        assert {j for _, j in edges} == set(range(len(Y)))
        for I, J in comp.cliques:
            for _ in range(3):
                wx = [Fraction(int(v)) for v in rng.integers(1, 5, len(I))]
                wy = [Fraction(int(v)) for v in rng.integers(1, 5, len(J))]
                x = sum((w * X[i] for w, i in zip(wx, I)), np.zeros(len(X[0]), dtype=object) + Fraction(0)) / sum(wx)
                y = sum((w * Y[j] for w, j in zip(wy, J)), np.zeros(len(Y[0]), dtype=object) + Fraction(0)) / sum(wy)
                assert game.is_nash((x, y), exact=True)
            # maximal: no other strategy of the component extends the clique
            for i in set(range(len(X))) - set(I):
                assert not all((i, j) in edges for j in J)
            for j in set(range(len(Y))) - set(J):
                assert not all((i, j) in edges for i in I)
        covered |= {(tuple(X[i]), tuple(Y[j])) for i, j in edges}
        # complete: every maximal biclique of the component's graph is listed (brute force over row sets)
        brute = set()
        for size in range(1, len(X) + 1):
            for I in itertools.combinations(range(len(X)), size):
                J = tuple(j for j in range(len(Y)) if all((i, j) in edges for i in I))
                if J:
                    closed = tuple(i for i in range(len(X)) if all((i, j) in edges for j in J))
                    brute.add((closed, J))
        assert set(comp.cliques) == brute
    assert covered == exact_set(res)
    xs = [tuple(x) for c in comps for x in c.row_strategies]
    ys = [tuple(y) for c in comps for y in c.column_strategies]
    assert len(xs) == len(set(xs)) and len(ys) == len(set(ys))


def test_components_of_dominant_row_continuum():
    # row 1 strictly dominant, the column player indifferent: {(1,0)} x conv{(1,0),(0,1)}
    g = NormalFormGame.from_bimatrix([[1, 1], [0, 0]], [[1, 1], [0, 0]])
    (comp,) = equilibrium_components(g, exact=True)
    assert [tuple(x) for x in comp.row_strategies] == [(1, 0)]
    assert {tuple(y) for y in comp.column_strategies} == {(1, 0), (0, 1)}
    assert comp.cliques == (((0,), (0, 1)),)
    assert not comp.is_isolated and comp.exact
    check_components(g, [comp])


def test_components_of_zero_game_one_square_clique():
    g = NormalFormGame.from_bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]])
    (comp,) = equilibrium_components(g, exact=True)
    assert comp.cliques == (((0, 1), (0, 1)),)
    assert len(comp.extreme_equilibria) == 4


def test_components_of_gambit_deg1():
    # contrib/games/deg1.nfg: one component made of three maximal Nash subsets
    A = [[1, 3, 2], [2, 2, 2], [3, 1, 2]]
    B = [[1, 2, 3], [3, 2, 1], [2, 2, 2]]
    g = NormalFormGame.from_bimatrix(A, B)
    (comp,) = equilibrium_components(g, exact=True)
    F = Fraction
    x = {tuple(v): k for k, v in enumerate(comp.row_strategies)}
    y = {tuple(v): k for k, v in enumerate(comp.column_strategies)}
    e1, half, e3 = (F(1), F(0), F(0)), (F(1, 2), F(1, 2), F(0)), (F(0), F(0), F(1))
    assert set(x) == {e1, half, e3} and set(y) == {e1, half, e3}
    expected = {
        (frozenset({x[e1], x[half], x[e3]}), frozenset({y[e3]})),
        (frozenset({x[half], x[e3]}), frozenset({y[e3], y[half]})),
        (frozenset({x[e3]}), frozenset({y[e3], y[half], y[e1]})),
    }
    assert {(frozenset(I), frozenset(J)) for I, J in comp.cliques} == expected
    check_components(g, [comp])


def test_components_clique_from_intersection_of_neighbourhoods():
    # contrib/games/perfect1.nfg: the maximal Nash subset {x_0..x_3} x {y_1} has as its
    # column side an intersection of neighbourhoods that is no single strategy's neighbourhood
    F = Fraction
    A = [[3, 0, 0], [F(3, 2), 2, F(3, 2)], [0, 0, 3]]
    B = [[1, 0, 1], [1, 2, 1], [1, 0, 1]]
    g = NormalFormGame.from_bimatrix(A, B)
    comps = equilibrium_components(g, exact=True)
    big = max(comps, key=lambda c: len(c.cliques))
    assert len(big.cliques) == 5
    assert sorted(len(I) for I, _ in big.cliques) == [1, 1, 1, 1, 4]
    assert [len(J) for I, J in big.cliques if len(I) == 4] == [1]
    check_components(g, comps)


def test_components_of_gambit_deg2_two_components():
    A = [[1, 3, 2], [2, 2, 2], [3, 1, 2]]
    B = [[2, 2, 2], [1, 2, 3], [3, 2, 1]]
    g = NormalFormGame.from_bimatrix(A, B)
    comps = equilibrium_components(g, exact=True)
    assert sorted(len(c.cliques) for c in comps) == [1, 3]
    assert [c.is_isolated for c in comps].count(True) == 1
    check_components(g, comps)


@SETTINGS
@given(small_games(max_size=3))
def test_components_properties(game):
    check_components(game, equilibrium_components(game, exact=True))


@SETTINGS
@given(generic_games(max_size=4))
def test_nondegenerate_components_are_isolated_equilibria(game):
    assume(not is_degenerate(game))
    comps = equilibrium_components(game)
    assert len(comps) == len(vertex_enumeration(game))
    assert all(c.is_isolated and c.cliques == (((0,), (0,)),) for c in comps)


def test_components_from_result_and_float_mode():
    g = NormalFormGame.from_bimatrix([[1, 3, 2], [2, 2, 2], [3, 1, 2]], [[1, 2, 3], [3, 2, 1], [2, 2, 2]])
    res = vertex_enumeration(g)
    comps = equilibrium_components(res)
    exact_comps = equilibrium_components(g, exact=True)
    assert len(comps) == len(exact_comps) == 1
    assert not comps[0].exact
    assert len(comps[0].cliques) == len(exact_comps[0].cliques)
    assert len(comps[0].row_strategies) == len(exact_comps[0].row_strategies) == 3


def test_components_reject_wrong_inputs():
    g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    import time

    partial = certify(g, [], method="support", exact=True, start=time.perf_counter())
    with pytest.raises(InvalidOption):
        equilibrium_components(partial)
    incomplete = certify(g, [], method="vertex", exact=True, start=time.perf_counter(), complete=False)
    with pytest.raises(InvalidOption):
        equilibrium_components(incomplete)
    with pytest.raises(InvalidOption):
        equilibrium_components(vertex_enumeration(g), exact=True)
    with pytest.raises(InvalidOption):
        equilibrium_components([[1, 0], [0, 1]])
