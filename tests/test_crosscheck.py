"""Cross-checks against the reference libraries: nashpy (a core dependency),
QuantEcon and pygambit where installed.

Where the references are known to be incomplete (nashpy's and QuantEcon's
enumerations on degenerate games, nashpy's support enumeration in general),
the check is containment, not equality.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from conftest import contained as _contained
from conftest import gambit_files, profile_set




@given(st.integers(2, 5), st.integers(2, 5), st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_nashpy_vertex_enumeration_is_contained_in_ours(m, n, seed):
    import nashpy  # its qhull-based vertex enumeration needs two or more strategies per player

    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ours = gt.vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).equilibria
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).vertex_enumeration())
    # on nondegenerate games (almost surely, here) the two sets are equal
    assert _contained(theirs, ours) and _contained(ours, theirs)


@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_nashpy_support_enumeration_is_contained_in_ours(m, n, seed):
    import nashpy

    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ours = gt.support_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).equilibria
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = list(nashpy.Game(A, B).support_enumeration())
    assert _contained(theirs, ours)


@pytest.mark.quantecon
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
@settings(max_examples=25, deadline=None)
def test_quantecon_support_enumeration_matches_on_random_games(m, n, seed):
    qe = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ours = gt.support_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).equilibria
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    theirs = list(qe.support_enumeration(g))
    assert _contained(theirs, ours) and _contained(ours, theirs)


def _two_player_catalog():
    out = []
    for path in gambit_files(".nfg"):
        g = gt.read_nfg(path)
        if g.num_players == 2:
            out.append(path)
    return out


@pytest.mark.gambit
@pytest.mark.parametrize("path", _two_player_catalog(), ids=lambda p: p.name)
def test_catalog_matches_gambit_enummixed_exactly(path):
    pygambit = pytest.importorskip("pygambit")
    from fractions import Fraction

    game = gt.read_nfg(path)
    ours = gt.vertex_enumeration(game, exact=True)
    ref = pygambit.nash.enummixed_solve(pygambit.read_nfg(str(path)), rational=True)
    theirs = set()
    for eq in ref.equilibria:
        theirs.add(
            tuple(tuple(Fraction(str(eq[s])) for s in player.strategies) for player in ref.game.players)
        )
    assert profile_set(ours) == theirs


@pytest.mark.parametrize("path", _two_player_catalog(), ids=lambda p: p.name)
def test_catalog_nashpy_vertex_enumeration_is_contained_in_ours(path):
    import nashpy

    game = gt.read_nfg(path)
    if min(game.shape) < 2:
        pytest.skip("nashpy's qhull-based vertex enumeration needs two or more strategies per player")
    A, B = game.bimatrix(exact=False)
    ours = gt.vertex_enumeration(game)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = list(nashpy.Game(A, B).vertex_enumeration())
        except Exception as exc:  # qhull refuses some degenerate polytopes outright
            pytest.skip(f"nashpy fails on this game: {type(exc).__name__}")
    # nashpy returns unchecked profiles; on von Stengel's 6x6 game (payoffs up to 1.7e6) it
    # reports 505 "equilibria": 75 with relative regret below 1e-16, the other 430 above 1e-9.
    # Only its genuine equilibria are compared.
    fl = game.to_float()
    bound = 1e-12 * max(1.0, float(np.ptp(A)), float(np.ptp(B)))
    theirs = [(x / x.sum(), y / y.sum()) for x, y in found]
    theirs = [p for p in theirs if fl.max_regret(p) <= bound]
    assert _contained(theirs, ours.equilibria)


@pytest.mark.gambit
@pytest.mark.parametrize("path", gambit_files(".nfg"), ids=lambda p: p.name)
def test_catalog_pure_equilibria_match_gambit_enumpure(path):
    pygambit = pytest.importorskip("pygambit")

    game = gt.read_nfg(path)
    ours = {tuple(int(np.argmax(s)) for s in p) for p in gt.enumpure(game, exact=True).equilibria}
    ref = pygambit.nash.enumpure_solve(pygambit.read_nfg(str(path)))
    theirs = set()
    for eq in ref.equilibria:
        theirs.add(
            tuple(
                next(k for k, s in enumerate(player.strategies) if eq[s] == 1) for player in ref.game.players
            )
        )
    assert ours == theirs
