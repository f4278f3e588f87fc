"""The compiled (numba) path of the float bimatrix solvers against the numpy reference path.

Every float-mode ``vertex`` and ``lemke-howson`` call runs through
``gametheory.nash._kernels`` when numba is available; the plain numpy code
stays as the reference.  These tests run both paths on the same games and
require the same answers: the same set of equilibria (within 1e-9), the same
status, and for Lemke-Howson the same path (pivot counts) and endpoint.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import SolverError
from gametheory.generators import many_equilibria, savani_von_stengel
from gametheory.nash import _kernels
from gametheory.result import certify

from conftest import _flat, bimatrix_games, contained, float_bimatrix_games

vertex_module = importlib.import_module("gametheory.nash.vertex_enumeration")
lh_module = importlib.import_module("gametheory.nash.lemke_howson")

KERNELS = _kernels.get()
needs_numba = pytest.mark.skipif(KERNELS is None, reason="numba is not available (or GAMETHEORY_NO_JIT is set)")
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(game, method, compiled, **kw):
    """``gt.solve`` with the compiled path switched on or off."""
    saved = _kernels.ENABLED
    _kernels.ENABLED = compiled
    try:
        return gt.solve(game, method, **kw)
    finally:
        _kernels.ENABLED = saved


def same_equilibria(r1, r0, tol=1e-9) -> bool:
    """Same number of equilibria, each within ``tol`` of the other path's one in the same position."""
    if len(r1) != len(r0):
        return False
    if not len(r1):
        return True
    return bool(np.max(np.abs(_flat(r1.equilibria) - _flat(r0.equilibria))) <= tol)


def as_float(game):
    return game.to_float() if game.is_exact else game


# ----------------------------------------------------------------------------- switching


def test_switch_off_gives_numpy_path(monkeypatch):
    monkeypatch.setattr(_kernels, "ENABLED", False)
    assert _kernels.get() is None


def test_importing_gametheory_does_not_import_numba():
    code = "import gametheory, sys; print('numba' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_env_var_disables_the_compiled_path():
    code = (
        "import gametheory as gt, sys\n"
        "g = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])\n"
        "r = gt.solve(g, 'vertex'); gt.solve(g, 'lemke-howson')\n"
        "print(len(r), 'numba' in sys.modules)"
    )
    env = dict(os.environ, GAMETHEORY_NO_JIT="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.split() == ["3", "False"]


# ----------------------------------------------------------------------------- vertex enumeration


@needs_numba
@SETTINGS
@given(float_bimatrix_games(max_m=7, max_n=7))
def test_vertex_same_equilibria_on_random_games(g):
    r1, r0 = run(g, "vertex", True), run(g, "vertex", False)
    assert same_equilibria(r1, r0)
    assert r1.max_regret <= r1.tol and r1.complete and r1.status == r0.status


@needs_numba
@SETTINGS
@given(bimatrix_games(max_m=5, max_n=5, low=-2, high=2))
def test_vertex_same_equilibria_on_degenerate_games(g):
    # small integer payoffs: ties everywhere, so the general face search and
    # the least-squares refinement of degenerate vertices are exercised
    g = as_float(g)
    r1, r0 = run(g, "vertex", True), run(g, "vertex", False)
    assert same_equilibria(r1, r0)
    assert r1.status == r0.status


@needs_numba
@pytest.mark.parametrize("n", [2, 3, 4, 5, 6])
def test_vertex_same_equilibria_on_many_equilibria_games(n):
    g = as_float(many_equilibria(n))
    r1, r0 = run(g, "vertex", True), run(g, "vertex", False)
    assert same_equilibria(r1, r0)
    assert len(r1) == 2**n - 1  # the identity game I_n (von Stengel 1999)


@needs_numba
def test_vertex_same_equilibria_on_von_stengel_6x6():
    # von Stengel (1999), "New maximal numbers of equilibria in bimatrix games": 75 equilibria
    g = as_float(many_equilibria(6, kind="von_stengel"))
    r1, r0 = run(g, "vertex", True), run(g, "vertex", False)
    assert same_equilibria(r1, r0)
    assert len(r1) == 75


@needs_numba
@pytest.mark.parametrize("d", [1, 2, 3])
def test_vertex_same_equilibria_on_savani_von_stengel(d):
    g = as_float(savani_von_stengel(d))
    r1, r0 = run(g, "vertex", True), run(g, "vertex", False)
    assert same_equilibria(r1, r0)


@needs_numba
@pytest.mark.parametrize("shape", [(1, 6), (6, 1), (3, 9), (9, 3), (2, 2)])
def test_vertex_same_equilibria_on_rectangular_games(shape):
    rng = np.random.default_rng(sum(shape))
    g = gt.NormalFormGame.from_bimatrix(rng.random(shape), rng.random(shape))
    assert same_equilibria(run(g, "vertex", True), run(g, "vertex", False))


@needs_numba
def test_vertex_constant_game_all_pure_profiles():
    g = gt.NormalFormGame.from_bimatrix(np.ones((3, 3)), np.ones((3, 3)))
    r1, r0 = run(g, "vertex", True), run(g, "vertex", False)
    assert same_equilibria(r1, r0)
    assert len(r1) == 9


@needs_numba
@SETTINGS
@given(bimatrix_games(max_m=4, max_n=4, low=-2, high=2))
def test_is_degenerate_agrees(g):
    g = as_float(g)
    saved = _kernels.ENABLED
    try:
        _kernels.ENABLED = False
        expected = gt.nash.is_degenerate(g)
    finally:
        _kernels.ENABLED = saved
    assert gt.nash.is_degenerate(g) == expected


@needs_numba
@SETTINGS
@given(st.integers(1, 7), st.integers(1, 7), st.integers(0, 2**32 - 1))
def test_polytope_vertices_matches_reference_search(k, d, seed):
    G = vertex_module._float_system(np.random.default_rng(seed).random((k, d)))
    z1, t1 = KERNELS.polytope_vertices(np.ascontiguousarray(G), 2.5e-10)
    z0, t0 = vertex_module._vertices_float(G, 2.5e-10)
    key1 = {tuple(row) for row in t1.tolist()}
    key0 = {tuple(row) for row in t0.tolist()}
    assert key1 == key0 and len(key1) == len(t1)
    order1 = np.lexsort(t1.T)
    order0 = np.lexsort(t0.T)
    assert np.allclose(z1[order1], z0[order0], atol=1e-12)


@needs_numba
@SETTINGS
@given(st.integers(1, 8), st.integers(0, 2**32 - 1))
def test_lu_solve_matches_numpy(s, seed):
    rng = np.random.default_rng(seed)
    M = rng.random((s, s)) + np.eye(s)
    R = rng.random((s, 2))
    X = R.copy()
    assert KERNELS._lu_solve(M.copy(), X)
    assert np.allclose(X, np.linalg.solve(M, R), rtol=1e-10, atol=1e-12)


@needs_numba
def test_lu_solve_reports_singular_systems():
    M = np.array([[1.0, 2.0], [2.0, 4.0]])
    assert not KERNELS._lu_solve(M, np.ones((2, 1)))


# ----------------------------------------------------------------------------- Lemke-Howson


def lh_pair(g, **kw):
    return run(g, "lemke-howson", True, all_labels=True, **kw), run(g, "lemke-howson", False, all_labels=True, **kw)


@needs_numba
@SETTINGS
@given(float_bimatrix_games(max_m=8, max_n=8))
def test_lh_same_paths_on_random_games(g):
    r1, r0 = lh_pair(g)
    assert same_equilibria(r1, r0)
    assert r1.parameters["path_lengths"] == r0.parameters["path_lengths"]
    assert r1.parameters["labels"] == r0.parameters["labels"]


@needs_numba
@SETTINGS
@given(bimatrix_games(max_m=5, max_n=5, low=-2, high=2))
def test_lh_same_paths_on_degenerate_games(g):
    # ties in the ratio test: the lexicographic rule must break them the same way
    r1, r0 = lh_pair(as_float(g))
    assert same_equilibria(r1, r0)
    assert r1.parameters["path_lengths"] == r0.parameters["path_lengths"]
    assert r1.parameters["labels"] == r0.parameters["labels"]


@needs_numba
@pytest.mark.parametrize("d", [1, 2, 3, 4])
def test_lh_same_paths_on_savani_von_stengel(d):
    r1, r0 = lh_pair(as_float(savani_von_stengel(d)))
    assert r1.parameters["path_lengths"] == r0.parameters["path_lengths"]
    # Savani and von Stengel (2006): the game has a unique equilibrium.  Its
    # probabilities span four orders of magnitude and float pivoting gets them
    # to about 1e-7 only, so the endpoints of the 2d*2 paths can differ by
    # more than certify's 1e-7 merge radius and show up as two near-copies:
    # compare the sets within 1e-6 rather than one by one.
    assert contained(r1.equilibria, r0.equilibria, 1e-6) and contained(r0.equilibria, r1.equilibria, 1e-6)
    assert max(r1.max_regret, r0.max_regret) <= r0.tol


@needs_numba
@pytest.mark.parametrize("n", [3, 6])
def test_lh_same_paths_on_many_equilibria(n):
    r1, r0 = lh_pair(as_float(many_equilibria(n)))
    assert same_equilibria(r1, r0)
    assert r1.parameters["path_lengths"] == r0.parameters["path_lengths"]


@needs_numba
@pytest.mark.parametrize("n", [30, 60])
def test_lh_same_path_on_medium_random_games(n):
    rng = np.random.default_rng(n)
    g = gt.NormalFormGame.from_bimatrix(rng.random((n, n)), rng.random((n, n)))
    r1 = run(g, "lemke-howson", True, init_label=n // 2)
    r0 = run(g, "lemke-howson", False, init_label=n // 2)
    assert same_equilibria(r1, r0)
    assert r1.parameters["pivots"] == r0.parameters["pivots"]


@needs_numba
def test_lh_pivot_limit_same_error():
    g = as_float(savani_von_stengel(3))
    messages = []
    for compiled in (True, False):
        with pytest.raises(SolverError) as err:
            run(g, "lemke-howson", compiled, init_label=0, max_pivots=3)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
    assert "max_pivots=3" in messages[0]


# ----------------------------------------------------------------------------- the stacked certificate


def three_player_copy(g2):
    """The two-player game with a dummy third player (one strategy), so certify takes its general path."""
    A, B = g2.bimatrix(exact=False)
    arr = np.stack([A, B, np.zeros_like(A)], axis=-1)[:, :, None, :]
    return gt.NormalFormGame(arr)


@SETTINGS
@given(float_bimatrix_games(max_m=4, max_n=4), st.integers(0, 2**32 - 1))
def test_stacked_certificate_matches_general_path(g, seed):
    # candidates: the equilibria, shuffled, scaled (unnormalised) and with near-duplicates
    eqs = list(run(g, "vertex", False).equilibria)
    rng = np.random.default_rng(seed)
    cands = []
    for x, y in eqs:
        cands.append((x * rng.uniform(0.5, 2.0), y * rng.uniform(0.5, 2.0)))
        cands.append((x + 1e-12 * rng.random(x.size), y))
    order = rng.permutation(len(cands))
    cands = [cands[i] for i in order]
    fast = certify(g, cands, method="t", exact=False, start=0.0)
    slow = certify(three_player_copy(g), [(x, y, np.ones(1)) for x, y in cands], method="t", exact=False, start=0.0)
    assert len(fast) == len(slow) == len(eqs)
    for (x, y), (xs, ys, _) in zip(fast.equilibria, slow.equilibria):
        assert np.allclose(x, xs, atol=1e-15) and np.allclose(y, ys, atol=1e-15)
    assert np.allclose([p[:2] for p in slow.payoffs], fast.payoffs, atol=1e-12)
    assert fast.max_regret <= fast.tol
    assert all(not s.flags.writeable for prof in fast.equilibria for s in prof)


def test_stacked_certificate_rejects_a_non_equilibrium():
    g = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])
    with pytest.raises(SolverError, match="regret 2 above the bound"):
        certify(g, [(np.array([1.0, 0.0]), np.array([0.0, 1.0]))], method="t", exact=False, start=0.0)


def test_stacked_certificate_rejects_empty_and_misshapen_strategies():
    g = gt.NormalFormGame.from_bimatrix([[3.0, 0.0], [0.0, 2.0]], [[2.0, 0.0], [0.0, 3.0]])
    with pytest.raises(SolverError, match="no positive probability"):
        certify(g, [(np.zeros(2), np.array([0.0, 1.0]))], method="t", exact=False, start=0.0)
    with pytest.raises(SolverError, match="no positive probability"):
        certify(g, [(np.array([np.nan, 1.0]), np.array([0.0, 1.0]))], method="t", exact=False, start=0.0)
    with pytest.raises(SolverError, match="invalid profile"):
        certify(g, [(np.array([1.0, 0.0, 0.0]), np.array([0.0, 1.0]))], method="t", exact=False, start=0.0)


@needs_numba
@pytest.mark.parametrize("method", ["vertex", "lemke-howson"])
def test_non_contiguous_payoff_arrays(method):
    # a transposed game stores its payoffs as a strided view: the kernels read any layout
    rng = np.random.default_rng(5)
    g = gt.NormalFormGame.from_bimatrix(rng.random((4, 6)), rng.random((4, 6))).transpose()
    assert not g.arrays(exact=False).flags.c_contiguous
    r1, r0 = run(g, method, True), run(g, method, False)
    assert same_equilibria(r1, r0)
