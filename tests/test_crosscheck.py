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
from conftest import gambit_files, profile_key, profile_set


def _key(x, y, digits=6):
    return profile_key((x, y), False, digits)


@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
@settings(max_examples=40, deadline=None)
def test_nashpy_vertex_enumeration_is_contained_in_ours(m, n, seed):
    import nashpy

    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ours = {profile_key(p, False, 6) for p in gt.vertex_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).equilibria}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = {_key(x, y) for x, y in nashpy.Game(A, B).vertex_enumeration()}
    assert theirs <= ours
    # on nondegenerate games (almost surely, here) the two sets are equal
    assert theirs == ours


@given(st.integers(1, 4), st.integers(1, 4), st.integers(0, 2**32 - 1))
@settings(max_examples=30, deadline=None)
def test_nashpy_support_enumeration_is_contained_in_ours(m, n, seed):
    import nashpy

    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ours = {profile_key(p, False, 6) for p in gt.support_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).equilibria}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = {_key(x, y) for x, y in nashpy.Game(A, B).support_enumeration()}
    assert theirs <= ours


@pytest.mark.quantecon
@given(st.integers(1, 5), st.integers(1, 5), st.integers(0, 2**32 - 1))
@settings(max_examples=25, deadline=None)
def test_quantecon_support_enumeration_matches_on_random_games(m, n, seed):
    qe = pytest.importorskip("quantecon.game_theory")
    rng = np.random.default_rng(seed)
    A, B = rng.random((m, n)), rng.random((m, n))
    ours = {profile_key(p, False, 6) for p in gt.support_enumeration(gt.NormalFormGame.from_bimatrix(A, B)).equilibria}
    g = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    theirs = {_key(x, y) for x, y in qe.support_enumeration(g)}
    assert theirs == ours


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
