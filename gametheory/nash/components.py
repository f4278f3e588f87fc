"""Connected components and maximal Nash subsets of a bimatrix game's equilibrium set.

The Nash equilibria of a two-player game form a finite union of polytopes
``conv(X) x conv(Y)``, the *maximal Nash subsets* [1]_, [2]_: ``X`` is a set of
extreme equilibrium strategies of the row player, ``Y`` of the column player,
and every pair ``(x, y)`` in ``X x Y`` is an extreme equilibrium.  In the
bipartite graph whose nodes are the extreme strategies and whose edges are the
extreme equilibria, the maximal Nash subsets are the maximal bicliques
("cliques" in [3]_, and in Gambit), and the connected components of the
equilibrium set are the connected components of the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Union

import numpy as np

from ..errors import InvalidOption
from ..game import NormalFormGame
from ..result import NashResult
from .vertex_enumeration import vertex_enumeration

__all__ = ["NashComponent", "equilibrium_components"]

# Float strategies closer than this (max-norm) are the same extreme point; the
# same threshold certify() uses to deduplicate equilibria.
_SAME = 1e-7


@dataclass(frozen=True, eq=False)
class NashComponent:
    """One connected component of the Nash equilibrium set of a bimatrix game.

    Attributes
    ----------
    row_strategies : tuple of ndarray
        The distinct extreme (normalised) strategies ``x`` of the row player in
        this component.
    column_strategies : tuple of ndarray
        The same for the column player.
    cliques : tuple of (tuple of int, tuple of int)
        The maximal Nash subsets as pairs ``(I, J)`` of indices into
        ``row_strategies`` and ``column_strategies``: every profile in
        ``conv{x_i : i in I} x conv{y_j : j in J}`` is an equilibrium, and the
        component is the union of these sets.
    exact : bool
        True if the strategies are Fractions.
    """

    row_strategies: tuple[np.ndarray, ...]
    column_strategies: tuple[np.ndarray, ...]
    cliques: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    exact: bool

    @property
    def extreme_equilibria(self) -> list[tuple[np.ndarray, np.ndarray]]:
        """The extreme equilibria in this component, one per edge of its cliques."""
        pairs = sorted({(i, j) for rows, cols in self.cliques for i in rows for j in cols})
        return [(self.row_strategies[i], self.column_strategies[j]) for i, j in pairs]

    @property
    def is_isolated(self) -> bool:
        """True if the component is a single equilibrium."""
        return len(self.row_strategies) == 1 and len(self.column_strategies) == 1


class _Points:
    """Numbering of distinct strategies: exact ones by value, float ones within ``_SAME``."""

    def __init__(self, exact: bool) -> None:
        self.exact = exact
        self.items: list[np.ndarray] = []
        self.index: dict[tuple[Fraction, ...], int] = {}

    def add(self, s: np.ndarray) -> int:
        if self.exact:
            key = tuple(s)
            if key not in self.index:
                self.index[key] = len(self.items)
                self.items.append(s)
            return self.index[key]
        for k, other in enumerate(self.items):
            if np.max(np.abs(other - s)) <= _SAME:
                return k
        self.items.append(s)
        return len(self.items) - 1


def _maximal_bicliques(nbr: list[int]) -> list[tuple[int, int]]:
    """All maximal bicliques ``(row mask, column mask)`` of a bipartite graph.

    ``nbr[i]`` is the bit mask of the column nodes adjacent to row node ``i``.
    A maximal biclique's column side is the intersection of the neighbourhoods
    of its row side, and conversely its row side is every node adjacent to all
    of its columns.  So the column sides are exactly the nonempty intersections
    of neighbourhoods, which are collected by adding one row's neighbourhood at
    a time (cost ``O(rows x cliques)`` mask operations; the number of cliques
    can be exponential, as in any clique enumeration).  This lists the same
    sets as the Bron-Kerbosch-type search of Avis et al. [3]_.
    """
    sides: set[int] = set()
    for mask in nbr:
        new = {mask}
        new.update(s & mask for s in sides)
        sides |= new
    sides.discard(0)
    out = []
    for cols in sides:
        rows = 0
        for i, mask in enumerate(nbr):
            if mask & cols == cols:
                rows |= 1 << i
        out.append((rows, cols))
    return out


def _bits(mask: int) -> tuple[int, ...]:
    return tuple(k for k in range(mask.bit_length()) if mask >> k & 1)


def equilibrium_components(
    game_or_result: Union[NormalFormGame, NashResult], *, exact: bool = False
) -> list[NashComponent]:
    """Connected components and maximal Nash subsets of a two-player game's equilibria.

    Parameters
    ----------
    game_or_result : NormalFormGame or NashResult
        A two-player game (solved here with :func:`vertex_enumeration`), or the
        complete result of :func:`vertex_enumeration` on it, whose extreme
        equilibria are reused.
    exact : bool, default False
        For a game: solve in exact arithmetic.  For a result the result's own
        arithmetic is used; asking for ``exact=True`` on a float result is an error.

    Returns
    -------
    list of NashComponent
        One per connected component, ordered by the result's order of
        equilibria.  For a nondegenerate game every component is one
        equilibrium.

    Raises
    ------
    InvalidOption
        If the result does not come from :func:`vertex_enumeration` (only the
        full set of extreme equilibria determines the components), or is float
        while ``exact=True``, or the argument is neither a game nor a result.
    NotSupported
        If the game does not have two players.

    Notes
    -----
    Builds the bipartite graph of extreme strategies with one edge per extreme
    equilibrium; its connected components are the components of the
    equilibrium set and its maximal bicliques are the maximal Nash subsets
    (Winkels [1]_, Jansen [2]_; the algorithm of Avis et al. [3]_ sec. 4).
    Two cliques sharing a strategy ``x`` have connected products, because for a
    fixed ``x`` the set of ``y`` forming an equilibrium with it is convex.

    Cost after the vertex enumeration: ``O(E * V)`` to identify the strategies
    in float mode (``E`` equilibria, ``V`` distinct strategies), then per
    component ``O(V * C)`` bit-mask operations for its ``C`` cliques.

    References
    ----------
    .. [1] H.-M. Winkels, "An algorithm to determine all equilibrium points of a
       bimatrix game", in Game Theory and Related Topics, North-Holland, 1979, 137-148.
    .. [2] M. J. M. Jansen, "Maximal Nash subsets for bimatrix games", Naval
       Research Logistics Quarterly 28 (1981) 147-152.
    .. [3] D. Avis, G. D. Rosenberg, R. Savani and B. von Stengel, "Enumeration
       of Nash equilibria for two-player games", Economic Theory 42 (2010) 9-37.

    Examples
    --------
    The row player is indifferent against the first column, so the first
    column with any ``x`` that has ``x_1 >= 1/2`` is an equilibrium: one
    component with one maximal Nash subset, plus an isolated equilibrium.

    >>> from gametheory.game import NormalFormGame
    >>> from gametheory.nash.components import equilibrium_components
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [1, 1]], [[1, 0], [0, 1]])
    >>> comps = equilibrium_components(g, exact=True)
    >>> [len(c.cliques) for c in comps], [c.is_isolated for c in comps]
    ([1, 1], [False, True])
    >>> [[str(p) for p in x] for x in comps[0].row_strategies]
    [['1', '0'], ['1/2', '1/2']]
    """
    if isinstance(game_or_result, NashResult):
        result = game_or_result
        if result.method != "vertex" or not result.complete:
            raise InvalidOption(
                "equilibrium_components needs the complete result of vertex_enumeration "
                f"(all extreme equilibria); got method {result.method!r}"
                + ("" if result.complete else ", not complete")
            )
        if exact and not result.exact:
            raise InvalidOption("equilibrium_components: exact=True but the result was computed in float arithmetic")
    elif isinstance(game_or_result, NormalFormGame):
        result = vertex_enumeration(game_or_result, exact=exact)
    else:
        raise InvalidOption(
            "equilibrium_components takes a NormalFormGame or a NashResult, "
            f"got {type(game_or_result).__name__}"
        )
    ex = result.exact
    xs, ys = _Points(ex), _Points(ex)
    edges = []
    for prof in result.equilibria:
        edges.append((xs.add(prof[0]), ys.add(prof[1])))
    nx = len(xs.items)
    # union-find over row nodes 0..nx-1 and column nodes nx..
    parent = list(range(nx + len(ys.items)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for i, j in edges:
        ri, rj = find(i), find(nx + j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[tuple[int, int]]] = {}
    for i, j in edges:
        groups.setdefault(find(i), []).append((i, j))
    out = []
    for root in sorted(groups, key=lambda r: min(groups[r])):
        comp_edges = groups[root]
        rows = sorted({i for i, _ in comp_edges})
        cols = sorted({j for _, j in comp_edges})
        rpos = {i: k for k, i in enumerate(rows)}
        cpos = {j: k for k, j in enumerate(cols)}
        nbr = [0] * len(rows)
        for i, j in comp_edges:
            nbr[rpos[i]] |= 1 << cpos[j]
        cliques = sorted((_bits(r), _bits(c)) for r, c in _maximal_bicliques(nbr))
        out.append(
            NashComponent(
                row_strategies=tuple(xs.items[i] for i in rows),
                column_strategies=tuple(ys.items[j] for j in cols),
                cliques=tuple(cliques),
                exact=ex,
            )
        )
    return out
