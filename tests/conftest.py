"""Shared fixtures and hypothesis strategies for the test suite."""

from __future__ import annotations

import os
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings
from hypothesis import strategies as st

import gametheory as gt

# Fixed examples by default, so a CI run is reproducible; HYPOTHESIS_PROFILE=explore draws new ones.
settings.register_profile("default", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("explore", derandomize=False, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parents[1]
GAMBIT_DIR = ROOT.parent / "shared" / "games" / "gambit"


def gambit_files(suffix: str = ".nfg") -> list[Path]:
    """Every file of the shared Gambit catalog with this suffix (empty if the catalog is absent)."""
    if not GAMBIT_DIR.is_dir():
        return []
    return sorted(GAMBIT_DIR.rglob(f"*{suffix}"))


def nplayer_gambit_files() -> list[Path]:
    """The catalog's ``.nfg`` games with three or more players (empty if the catalog is absent)."""
    from gametheory.io import read_nfg

    return [p for p in gambit_files() if read_nfg(p).num_players > 2]


@pytest.fixture
def catalog_dir() -> Path:
    if not GAMBIT_DIR.is_dir():
        pytest.skip("the shared Gambit catalog (../shared/games/gambit) is not present")
    return GAMBIT_DIR


@st.composite
def bimatrix_games(draw, max_m: int = 4, max_n: int = 4, low: int = -5, high: int = 5, min_size: int = 1):
    """Exact bimatrix games with small integer payoffs: ties, hence degenerate games, are common."""
    m = draw(st.integers(min_size, max_m))
    n = draw(st.integers(min_size, max_n))
    ints = st.integers(low, high)
    A = draw(st.lists(st.lists(ints, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(ints, min_size=n, max_size=n), min_size=m, max_size=m))
    return gt.NormalFormGame.from_bimatrix(A, B)


@st.composite
def float_bimatrix_games(draw, max_m: int = 5, max_n: int = 5):
    """Float bimatrix games with payoffs drawn from a seeded uniform distribution (almost surely nondegenerate)."""
    m = draw(st.integers(1, max_m))
    n = draw(st.integers(1, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    rng = np.random.default_rng(seed)
    return gt.NormalFormGame.from_bimatrix(rng.random((m, n)), rng.random((m, n)))


def profile_key(profile, exact: bool, digits: int = 7) -> tuple:
    """A hashable key of a profile: exact Fractions, or floats rounded to ``digits``."""
    if exact:
        return tuple(tuple(Fraction(p) for p in s) for s in profile)
    return tuple(tuple(round(float(p), digits) + 0.0 for p in s) for s in profile)


def profile_set(result, digits: int = 7) -> set:
    return {profile_key(p, result.exact, digits) for p in result.equilibria}


def textbook_games() -> dict[str, tuple[gt.NormalFormGame, list]]:
    """Textbook games with their complete sets of equilibria (exact)."""
    F = Fraction
    return {
        "matching_pennies": (
            gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]]),
            [((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))],
        ),
        "rock_paper_scissors": (
            gt.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]),
            [((F(1, 3),) * 3, (F(1, 3),) * 3)],
        ),
        "battle_of_the_sexes": (
            gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
            [((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1))), ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))],
        ),
        "prisoners_dilemma": (
            gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]),
            [((F(0), F(1)), (F(0), F(1)))],
        ),
    }


def _flat(profiles) -> np.ndarray:
    """Profiles as rows of concatenated probabilities, for comparison within a tolerance."""
    return np.array([np.concatenate([np.asarray(s, dtype=float) for s in p]) for p in profiles]).reshape(len(profiles), -1)


def contained(theirs, ours, tol: float = 1e-6) -> bool:
    """Every profile in ``theirs`` is within ``tol`` (max norm) of one in ``ours``.

    Rounded keys are not used here: 0.3671875 rounds differently after tiny float noise.
    """
    if not len(theirs):
        return True
    if not len(ours):
        return False
    a, b = _flat(theirs), _flat(ours)
    return bool(np.all(np.abs(a[:, None, :] - b[None, :, :]).max(axis=2).min(axis=1) <= tol))
