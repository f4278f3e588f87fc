"""Tests of the hard-game generators: savani_von_stengel and many_equilibria."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.errors import InvalidOption
from gametheory.generators import many_equilibria, savani_von_stengel


# ----------------------------------------------------------------------- an independent path counter
# Lemke paths on the dual cyclic polytope computed from its combinatorics alone
# (Gale's evenness condition), with no linear algebra: the vertices are the sets
# of `dim` facets among 2*dim in cyclic order such that any two facets outside
# the set enclose an even number of facets of the set.
def _is_gale(vertex: frozenset, n_facets: int) -> bool:
    outside = [k for k in range(n_facets) if k not in vertex]
    return all((b - a - 1) % 2 == 0 for a, b in zip(outside, outside[1:]))


def _pivot(vertex: frozenset, leaving: int, n_facets: int) -> frozenset:
    rest = vertex - {leaving}
    new = [k for k in range(n_facets) if k not in vertex and _is_gale(rest | {k}, n_facets)]
    assert len(new) == 1, "a simple polytope has exactly one other vertex on each edge"
    return rest | {new[0]}


def _morris_labels(dim: int) -> list[int]:
    """Labels (0-based) of facets 0..2*dim-1 in the Morris labelling (Morris 1994)."""
    tail = [dim] + [k for a in range(dim - 2, 1, -2) for k in (a, a + 1)] + [1]
    return list(range(dim)) + [k - 1 for k in tail]


def _lemke_path_length(dim: int, missing: int) -> int:
    """Pivots of the Lemke path on the Morris-labelled dual cyclic polytope dropping `missing`."""
    labels, n_facets = _morris_labels(dim), 2 * dim
    vertex, leaving, steps = frozenset(range(dim)), missing, 0
    while True:
        new = _pivot(vertex, leaving, n_facets)
        (entered,) = new - vertex
        vertex, steps = new, steps + 1
        if labels[entered] == missing:
            return steps
        (leaving,) = [k for k in vertex if labels[k] == labels[entered] and k != entered]


def _exact_paths(d: int) -> dict[int, int]:
    res = gt.lemke_howson(savani_von_stengel(d), all_labels=True, exact=True)
    return res.parameters["path_lengths"]


# ----------------------------------------------------------------------- savani_von_stengel
@pytest.mark.parametrize("d", [1, 2, 3])
def test_savani_von_stengel_shape_and_payoffs(d):
    g = savani_von_stengel(d)
    assert g.shape == (2 * d, 2 * d) and g.is_exact
    A, B = g.payoffs[..., 0], g.payoffs[..., 1]
    assert all(v == int(v) for v in B.ravel())
    assert (A == np.eye(2 * d, dtype=int)).all()
    # coprime integers: the scaling of B is canonical
    assert np.gcd.reduce([int(v) for v in B.ravel()]) == 1


@pytest.mark.parametrize("d", [1, 2, 3, 4])
def test_savani_von_stengel_unique_equilibrium_reached_from_every_label(d):
    # Savani and von Stengel (2016), imitation game of Morris's (1994) labelled
    # dual cyclic polytope: exactly one completely labelled vertex besides 0,
    # hence exactly one Nash equilibrium.
    g = savani_von_stengel(d)
    every = gt.vertex_enumeration(g, exact=True)
    assert every.complete and len(every.equilibria) == 1
    lh = gt.lemke_howson(g, all_labels=True, exact=True)
    assert len(lh.equilibria) == 1
    x, y = lh.equilibria[0]
    ex, ey = every.equilibria[0]
    assert list(x) == list(ex) and list(y) == list(ey)
    assert sorted(lh.parameters["labels"][0]) == list(range(4 * d))


def test_savani_von_stengel_shortest_path_grows_geometrically():
    shortest = {d: min(_exact_paths(d).values()) for d in range(1, 7)}
    # measured: {1: 4, 2: 8, 3: 16, 4: 24, 5: 44, 6: 64}
    for d in range(2, 5):
        assert shortest[d + 1] >= Fraction(3, 2) * shortest[d], shortest
    # Morris's lengths grow like a Fibonacci sequence, alternating fast and slow steps
    for d in range(1, 5):
        assert shortest[d + 2] >= Fraction(5, 2) * shortest[d], shortest
    assert shortest[6] >= 2**6


@pytest.mark.parametrize("d", [1, 2, 3, 4, 5])
def test_savani_von_stengel_paths_are_twice_morris_lemke_paths(d):
    # In an imitation game each pivot in P is followed by one in the cube Q,
    # so every Lemke-Howson path is twice the Lemke path of the polytope P.
    # The counter above knows only Gale strings, so this checks that the
    # payoffs realise the Morris-labelled dual cyclic polytope.
    dim = 2 * d
    paths = _exact_paths(d)
    for k in range(dim):
        morris = _lemke_path_length(dim, k)
        assert paths[k] == 2 * morris
        assert paths[dim + k] == 2 * morris


@settings(max_examples=30)
@given(d=st.integers(1, 4), data=st.data())
def test_savani_von_stengel_float_and_exact_paths_agree(d, data):
    g = savani_von_stengel(d)
    k = data.draw(st.integers(0, 4 * d - 1))
    exact = gt.lemke_howson(g, init_label=k, exact=True)
    floating = gt.lemke_howson(g, init_label=k)
    assert exact.parameters["path_lengths"] == floating.parameters["path_lengths"]
    for xe, xf in zip(exact.equilibria[0], floating.equilibria[0]):
        assert np.allclose(np.array(xe, dtype=float), xf, atol=1e-9)


@pytest.mark.parametrize("bad", [0, -2, 1.5, True, "2", None])
def test_savani_von_stengel_rejects_bad_d(bad):
    with pytest.raises(InvalidOption, match=r"savani_von_stengel: d"):
        savani_von_stengel(bad)


# ----------------------------------------------------------------------- many_equilibria
@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 6])
def test_identity_has_one_equilibrium_per_support(n):
    # Quint and Shubik (1997): I_n has 2^n - 1 equilibria, one per non-empty support.
    res = gt.vertex_enumeration(many_equilibria(n), exact=True)
    assert res.complete and len(res.equilibria) == 2**n - 1
    supports = set()
    for x, y in res.equilibria:
        support = frozenset(i for i in range(n) if x[i] > 0)
        assert list(x) == list(y)
        assert all(x[i] == Fraction(1, len(support)) for i in support)
        supports.add(support)
    every = {frozenset(s) for r in range(1, n + 1) for s in itertools.combinations(range(n), r)}
    assert supports == every


@settings(max_examples=30)
@given(n=st.integers(1, 8), data=st.data())
def test_identity_uniform_on_any_support_is_an_equilibrium(n, data):
    support = data.draw(st.sets(st.integers(0, n - 1), min_size=1))
    g = many_equilibria(n)
    x = np.array([Fraction(int(i in support), len(support)) for i in range(n)], dtype=object)
    A, B = g.payoffs[..., 0], g.payoffs[..., 1]
    # every pure strategy earns at most what the profile pays: zero regret for both players
    value = x @ A @ x
    assert max(A @ x) == value and max(x @ B) == value
    # and strategies outside the support earn strictly less (no other supports tie)
    assert all((A @ x)[i] < value for i in range(n) if i not in support)


def test_von_stengel_has_75_equilibria():
    # von Stengel (1999), Discrete Comput. Geom. 21: a 6 x 6 game with 75 equilibria.
    res = gt.vertex_enumeration(many_equilibria(6, kind="von_stengel"), exact=True)
    assert res.complete and len(res.equilibria) == 75


def test_von_stengel_matches_the_gambit_catalog(catalog_dir):
    path = catalog_dir / "catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq_small_payoffs.nfg"
    if not path.exists():
        pytest.skip(f"{path} is not present")
    stored = gt.io.read_game(path)
    ours = many_equilibria(6, kind="von_stengel")
    assert (stored.payoffs == ours.payoffs).all()


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"n": 0}, r"many_equilibria: n"),
        ({"n": True}, r"many_equilibria: n"),
        ({"n": 2.0}, r"many_equilibria: n"),
        ({"n": 3, "kind": "random"}, r"many_equilibria: kind"),
        ({"n": 3, "kind": None}, r"many_equilibria: kind"),
        ({"n": 5, "kind": "von_stengel"}, r"many_equilibria: kind='von_stengel'.*n = 5"),
    ],
)
def test_many_equilibria_rejects_bad_arguments(kwargs, message):
    with pytest.raises(InvalidOption, match=message):
        many_equilibria(**kwargs)
