r"""Simplicial subdivision: the van der Laan-Talman restart algorithm on a product of simplices.

Notation
--------
Player ``j`` has ``n_j`` pure strategies and mixed strategies in the simplex
``S_j``; a profile lies in the product ``S = S_1 x ... x S_N`` of dimension
``d = sum_j (n_j - 1)``.  The *gain* of pure strategy ``h`` of player ``j`` at
``x`` is ``g_jh(x) = (u_j(h, x_{-j}) - u_j(x)) / span_j`` with ``span_j`` the
range of player ``j``'s payoffs, so that labels do not change when a player's
payoffs are transformed by a positive affine map.

Labels
------
A point ``x`` carries the integer label ``l(x) = (j, h)`` maximising
``g_jh(x)`` over all players and strategies (first in index order on ties),
as in Gambit's ``simpdiv``.  The largest gain is the largest (normalised)
regret ``R(x) >= 0``.  If a set of points close together carries the labels
``(j, h)`` of every strategy ``h`` in the support of player ``j``'s strategy,
each of those strategies has gain close to ``R``; since
``sum_h x_jh g_jh(x) = 0``, ``R`` is close to zero: the points are an
approximate equilibrium, with error of the order of the Lipschitz constant
of the gains times the diameter of the set.

Regions
-------
The path starts at a profile ``v`` (a pure profile by default).  For a
family ``T = (T_1, ..., T_N)`` of sets of strategies (``T_j`` never covering
the support of ``v_j``) the region

.. math::

    A(T) = \prod_j \operatorname{conv}(\{v_j\} \cup \{e_h : h \in T_j\})

is a product of simplices of dimension ``t = sum_j |T_j|``: moving into it
raises the probabilities of the strategies in ``T`` at the expense of ``v``.
Each factor is triangulated by Kuhn's triangulation with mesh ``1/m`` in its
own barycentric coordinates (``v_j`` first, then the strategies of ``T_j`` in
index order), written in cumulative coordinates ``c_jh`` = ``m`` times the
weight of ``v_j`` and of the strategies of ``T_j`` below ``h``; all factors
together are the Freudenthal triangulation in the concatenated coordinates,
whose simplices are ``y, y + e_{pi_1}, ..., y + e_{pi_1} + ... + e_{pi_t}``
for an integer point ``y`` and an ordering ``pi`` of the coordinates.  Faces
of ``A(T)`` are unions of faces of simplices, and the triangulation of
``A(T)`` restricted to its face without ``h`` is that of ``A(T - h)``.

The path
--------
A *node* is a ``t``-simplex of ``A(T)`` whose labels include all of ``T``.
From ``{v}`` (``T`` empty) the algorithm repeatedly looks at the label
``(j, h)`` of the vertex that just entered:

* ``(j, h)`` in ``T``: the other vertex with that label is pivoted out (the
  Freudenthal replacement step).  If the replacement would leave ``A(T)``
  through the face where the weight of a strategy ``k`` of ``T_j`` is zero,
  the facet is a node of ``A(T - k)`` and ``k`` is dropped from ``T``; then
  the vertex labelled ``(j, k)`` is pivoted out.  If it would leave through
  the face where the weight of ``v_j`` is zero, the facet lies in the face of
  ``S_j`` spanned by ``T_j``, carries the labels of all of them, and is an
  approximate equilibrium: the path ends.
* ``(j, h)`` not in ``T``: if ``T_j + h`` covers the support of ``v_j`` the
  simplex carries the labels of a whole support of player ``j`` and the path
  ends; otherwise ``h`` joins ``T_j`` and the simplex, a facet of exactly one
  simplex of ``A(T + h)``, gains the vertex that makes it whole.

Every node has at most two neighbours and ``{v}`` has one, so the path never
cycles and, the triangulation being finite, ends at an approximate
equilibrium: the variable-dimension restart algorithm of van der Laan and
Talman [1]_ [2]_, which needs no artificial dimension.  Its end point is the
start ``v`` of a path on a grid ``refine`` times finer, and so on, until the
regret is small enough for :func:`gametheory.nash._polish.polish` to land on
an exact support solution, which is then certified.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from ..errors import NotSupported, SolverError
from ..game import NormalFormGame, Profile
from ..result import NashResult, certify
from ._options import check_game, check_int, check_tol
from ._polish import nash_contractions, polish, regret_bound

__all__ = ["simplicial_subdivision", "DEFAULT_MAX_PIVOTS"]

_NAME = "simplicial_subdivision"
_METHOD = "simpdiv"

#: Pivot limit of the path on one grid when ``max_pivots`` is None.
DEFAULT_MAX_PIVOTS = 200_000

# Normalised regret below which polishing is tried: far above it the support
# read off the path's end point is usually wrong, and Newton's method wanders.
_POLISH_FROM = 1e-2
# Restarts on the same grid allowed after paths cut by the leash (beyond max_refinements).
_LEASH_RESTARTS = 1000


class _Path:
    """The path of completely labelled simplices on one grid (one restart of the algorithm).

    ``v`` is the start (float vectors), ``m`` the number of grid steps from
    ``v_j`` to a vertex of ``S_j``.  The simplex is stored as its first vertex
    ``y`` (cumulative integer coordinates keyed ``(j, h)``) and the ordering
    ``pi`` of the coordinates; ``labels[i]`` and ``gains[i]`` belong to vertex
    ``i = y + e_{pi_0} + ... + e_{pi_{i-1}}``.
    """

    def __init__(self, gains_at, v: list[np.ndarray], m: int, leash: int | None, max_pivots: int) -> None:
        self.gains_at = gains_at
        self.v = v
        self.m = m
        self.low = 0 if leash is None else max(0, m - leash)
        self.max_pivots = max_pivots
        self.support = [set(np.flatnonzero(vj > 0).tolist()) for vj in v]
        self.T: list[list[int]] = [[] for _ in v]
        self.y: dict[tuple[int, int], int] = {}
        self.pi: list[tuple[int, int]] = []
        self.labels: list[tuple[int, int]] = []
        self.regrets: list[float] = []
        self.pivots = 0

    # ------------------------------------------------------------------ geometry
    def vertex(self, i: int) -> dict:
        c = dict(self.y)
        for key in self.pi[:i]:
            c[key] += 1
        return c

    def point(self, c: dict) -> list[np.ndarray]:
        """The profile at cumulative coordinates ``c``, computed from integer weights.

        The same grid point reached inside different regions gets the same
        integers (a zero weight adds nothing), hence bit-identical floats and
        the same label: the path's graph does not depend on rounding.
        """
        out = []
        for j, vj in enumerate(self.v):
            T = self.T[j]
            if not T:
                out.append(vj)
                continue
            extra = np.zeros(len(vj))
            for a, h in enumerate(T):
                upper = c[(j, T[a + 1])] if a + 1 < len(T) else self.m
                extra[h] = upper - c[(j, h)]
            out.append((c[(j, T[0])] * vj + extra) / self.m)
        return out

    def violation(self, c: dict, players) -> tuple[str, int, int] | None:
        """The face of the region that vertex ``c`` lies beyond, or None if it is inside.

        ``("v", j, -1)``: negative weight on ``v_j`` (the outer boundary);
        ``("h", j, h)``: negative weight on strategy ``h``; ``("leash", j, -1)``.
        """
        for j in players:
            T = self.T[j]
            first = c[(j, T[0])]
            if first < 0:
                return ("v", j, -1)
            for a, h in enumerate(T):
                upper = c[(j, T[a + 1])] if a + 1 < len(T) else self.m
                if upper < c[(j, h)]:
                    return ("h", j, h)
            if first < self.low:
                return ("leash", j, -1)
        return None

    def label(self, c: dict) -> tuple[tuple[int, int], float]:
        self.pivots += 1
        if self.pivots > self.max_pivots:
            raise _PivotLimit()
        return self.gains_at(self.point(c))

    # ------------------------------------------------------------------ moves
    def insert(self, j: int, h: int) -> int:
        """Let ``h`` join ``T_j``; the simplex gains one vertex, whose index is returned."""
        T = self.T[j]
        T.append(h)
        T.sort()
        a = T.index(h)
        if a + 1 < len(T):
            # on the simplex the new coordinate equals that of the next strategy: split that step in two,
            # the next strategy's coordinate first so that the weight of h becomes 1/m, not -1/m
            nxt = (j, T[a + 1])
            r = self.pi.index(nxt)
            self.y[(j, h)] = self.y[nxt]
            self.pi[r + 1:r + 1] = [(j, h)]
            new = r + 1
        else:
            # the new coordinate is m on the simplex; its only way into the region is down by one
            self.y[(j, h)] = self.m - 1
            self.pi.insert(0, (j, h))
            new = 0
        c = self.vertex(new)
        if self.violation(c, (j,)) is not None:
            raise SolverError(f"{_NAME}: a new dimension's vertex left the region; this is a bug")
        lab, reg = self.label(c)
        self.labels.insert(new, lab)
        self.regrets.insert(new, reg)
        return new

    def replace(self, r: int):
        """Pivot vertex ``r`` out: the new vertex's index, or the face it would cross."""
        t = len(self.pi)
        y, pi = dict(self.y), list(self.pi)
        if r == 0:
            y[pi[0]] += 1
            pi = pi[1:] + pi[:1]
            new = t
        elif r == t:
            y[pi[-1]] -= 1
            pi = pi[-1:] + pi[:-1]
            new = 0
        else:
            pi[r - 1], pi[r] = pi[r], pi[r - 1]
            new = r
        c = dict(y)
        for key in pi[:new]:
            c[key] += 1
        moved = {pi[0][0], pi[-1][0]} if r in (0, t) else {pi[r - 1][0], pi[r][0]}
        face = self.violation(c, moved)
        if face is not None:
            return face
        lab, reg = self.label(c)
        self.y, self.pi = y, pi
        labels, regrets = self.labels, self.regrets
        if r == 0:
            labels[:] = labels[1:] + [lab]
            regrets[:] = regrets[1:] + [reg]
        elif r == t:
            labels[:] = [lab] + labels[:-1]
            regrets[:] = [reg] + regrets[:-1]
        else:
            labels[r], regrets[r] = lab, reg
        return new

    def drop(self, r: int, j: int, h: int) -> None:
        """The facet without vertex ``r`` lies where strategy ``h`` has no weight: go down to ``A(T - h)``."""
        verts = [self.vertex(i) for i in range(len(self.pi) + 1) if i != r]
        for c in verts:
            del c[(j, h)]
        self.T[j].remove(h)
        pi = []
        for a, b in zip(verts, verts[1:]):
            step = [k for k in a if b[k] != a[k]]
            if len(step) != 1 or b[step[0]] - a[step[0]] != 1:
                raise SolverError(f"{_NAME}: a facet is not a simplex of the lower region; this is a bug")
            pi.append(step[0])
        self.y, self.pi = verts[0], pi
        del self.labels[r]
        del self.regrets[r]

    # ------------------------------------------------------------------ the path
    def follow(self) -> tuple[str, list[list[np.ndarray]], list[float]]:
        """Follow the path from ``v``: the reason it ended, and the end simplex's points and regrets."""
        lab, reg = self.gains_at(self.v)
        self.labels, self.regrets = [lab], [reg]
        new = 0
        while True:
            j, h = lab = self.labels[new]
            if h not in self.T[j]:
                if self.support[j] <= set(self.T[j]) | {h}:
                    return "complete", self._points(range(len(self.pi) + 1)), list(self.regrets)
                new = self.insert(j, h)
                continue
            r = next(i for i, x in enumerate(self.labels) if x == lab and i != new)
            while True:
                out = self.replace(r)
                if isinstance(out, int):
                    new = out
                    break
                kind, j2, h2 = out
                if kind != "h":
                    keep = [i for i in range(len(self.pi) + 1) if i != r]
                    return ("boundary" if kind == "v" else "leash"), self._points(keep), [self.regrets[i] for i in keep]
                if len(self.pi) == 1:
                    raise SolverError(f"{_NAME}: the path returned to its start; this is a bug")
                self.drop(r, j2, h2)
                r = self.labels.index((j2, h2))

    def _points(self, idx) -> list[list[np.ndarray]]:
        return [self.point(self.vertex(i)) for i in idx]


class _PivotLimit(Exception):
    pass


def _gain_function(game: NormalFormGame):
    """``x -> (label, normalised regret)``: the labelling of the path, vectorised over strategies."""
    arr = game._float
    n = game.num_players
    spans = np.array([float(arr[..., i].max() - arr[..., i].min()) for i in range(n)])
    # an indifferent player never gains: dividing by 1 leaves its zero gains alone
    spans[spans <= 0] = 1.0
    offsets = np.concatenate([[0], np.cumsum(game.shape)])

    def gains_at(x):
        dev = nash_contractions(game, x)
        g = np.concatenate([(d - d.dot(p)) / s for d, p, s in zip(dev, x, spans)])
        k = int(np.argmax(g))
        j = int(np.searchsorted(offsets, k, side="right") - 1)
        return (j, k - int(offsets[j])), max(float(g[k]), 0.0)

    return gains_at


def _check(game, tol, grid, refine, max_refinements, leash, max_pivots):
    check_game(game, _NAME)
    check_tol(tol, _NAME)
    grid = check_int(grid, "grid", _NAME, 1)
    refine = check_int(refine, "refine", _NAME, 2)
    max_refinements = check_int(max_refinements, "max_refinements", _NAME, 0)
    leash = check_int(leash, "leash", _NAME, 1, allow_none=True)
    max_pivots = check_int(max_pivots, "max_pivots", _NAME, 1, allow_none=True)
    return grid, refine, max_refinements, leash, DEFAULT_MAX_PIVOTS if max_pivots is None else max_pivots


def simplicial_subdivision(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float | None = None,
    start: Any = None,
    grid: int = 4,
    refine: int = 2,
    max_refinements: int = 40,
    leash: int | None = None,
    max_pivots: int | None = None,
) -> NashResult:
    r"""One Nash equilibrium of an N-player game by simplicial subdivision (Gambit's ``simpdiv``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact : bool, default False
        Return the equilibrium as exact Fractions with regret exactly zero.
        The path is followed in floating point; its end is polished and
        reconstructed as rationals, which succeeds when the equilibrium
        found is rational.
    tol : float, optional
        Float-mode regret bound relative to ``max(1, payoff range)``
        (default ``1e-9``).
    start : profile, optional
        Where the first path starts: a mixed profile (one probability vector
        per player, or one flat vector).  Default: every player's first pure
        strategy, as ``game.pure_profile([0] * N)``.  The equilibrium found
        depends on it.
    grid : int, default 4
        The first grid has ``grid`` steps from the start to a vertex of each
        player's simplex (mesh ``1 / grid``).
    refine : int, default 2
        Factor by which the grid is refined at each restart.
    max_refinements : int, default 40
        Restarts before giving up (the last mesh is ``1 / (grid * refine**max_refinements)``).
    leash : int, optional
        Largest number of grid steps a path may move away from its start;
        a path that reaches it is cut and the next path starts, on the same
        grid, from its least-regret vertex (at most 1000 such restarts).  This may shorten long paths but gives up the
        convergence guarantee (as in Gambit).  Default: no leash.
    max_pivots : int, optional
        Pivots allowed on one grid (default :data:`DEFAULT_MAX_PIVOTS`).

    Returns
    -------
    NashResult
        ``method="simpdiv"``, ``complete=False``, at most one equilibrium.  If
        no certified equilibrium is reached within ``max_refinements``
        restarts, or a path exceeds ``max_pivots``, the result has no
        equilibria and ``status="no-convergence"``; ``message`` gives the
        regret reached.  ``parameters`` records the options and the number of
        restarts and pivots.

    Raises
    ------
    InvalidOption
        ``game`` is not a game, or an option has a bad value.
    InvalidStrategy
        ``start`` is not a profile of the game.
    NotSupported
        ``exact=True`` and the equilibrium found is irrational (possible with
        three or more players): use ``exact=False``.

    Notes
    -----
    Labels, regions and the path are described in the module docstring: the
    restart (variable dimension) algorithm of van der Laan and Talman [1]_
    on the product of simplices [2]_ with the integer labelling of Gambit's
    ``simpdiv`` (the player and strategy of largest gain), and grid
    refinement at each restart as in [3]_.  The labelling is invariant under
    a positive affine transformation of any player's payoffs (gains are
    divided by the player's payoff range).

    The path on one grid visits finitely many simplices, so it ends; the end
    simplex has diameter ``O(1/m)``, so its regret is ``O(L/m)`` for ``L``
    the Lipschitz constant of the gains.  Each pivot costs one evaluation of
    the gains, ``O(N prod(n_j))``, plus ``O(d)`` bookkeeping with
    ``d = sum_j (n_j - 1)``.  Path lengths on a grid can grow exponentially
    with ``d`` in the worst case; after the first grid a restart begins next
    to the previous end point and its path is usually short.

    References
    ----------
    .. [1] van der Laan, G. and Talman, A. J. J. (1979). A restart algorithm
       for computing fixed points without an extra dimension. *Mathematical
       Programming* 17, 74-84.
    .. [2] van der Laan, G., Talman, A. J. J. and van der Heyden, L. (1987).
       Simplicial variable dimension algorithms for solving the nonlinear
       complementarity problem on a product of unit simplices using a general
       labelling. *Mathematics of Operations Research* 12, 377-397.
    .. [3] McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria
       in finite games. *Handbook of Computational Economics* 1, 87-142.

    Examples
    --------
    >>> import numpy as np, gametheory as gt
    >>> from gametheory.nash.simplicial_subdivision import simplicial_subdivision
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])   # matching pennies
    >>> res = simplicial_subdivision(g, exact=True)
    >>> [[str(p) for p in s] for s in res.equilibria[0]]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    t0 = time.perf_counter()
    grid, refine, max_refinements, leash, max_pivots = _check(
        game, tol, grid, refine, max_refinements, leash, max_pivots
    )
    if start is None:
        v = [np.asarray(p, dtype=np.float64) for p in game.pure_profile([0] * game.num_players, exact=False)]
    else:
        v = [np.asarray(p, dtype=np.float64) for p in game.profile(start, exact=False)]
        v = [np.clip(p, 0.0, None) / np.clip(p, 0.0, None).sum() for p in v]
    parameters = {"tol": tol, "grid": grid, "refine": refine, "max_refinements": max_refinements,
                  "leash": leash, "max_pivots": max_pivots, "start": "pure" if start is None else "given"}
    gains_at = _gain_function(game)
    bound = regret_bound(game, tol)
    span = max(1.0, float(game._float.max() - game._float.min()))
    m = grid
    pivots = 0
    ends = []
    found: Profile | None = None
    reached = math.inf
    rounds = 0
    last_mesh = m
    failure = ""
    refinements = 0
    while refinements <= max_refinements and rounds <= max_refinements + _LEASH_RESTARTS:
        rounds += 1
        last_mesh = m
        path = _Path(gains_at, v, m, leash, max_pivots)
        try:
            end, points, regrets = path.follow()
        except _PivotLimit:
            pivots += path.pivots
            failure = f"the path on the grid of mesh 1/{m} exceeded max_pivots={max_pivots} pivots"
            break
        pivots += path.pivots
        ends.append(end)
        centre = [np.mean([p[j] for p in points], axis=0) for j in range(game.num_players)]
        candidates = points + [centre]
        true_regrets = [_regret(game, c) for c in candidates]
        best = int(np.argmin(true_regrets))
        x, r = candidates[best], true_regrets[best]
        reached = min(reached, r)
        if r <= bound:
            found = tuple(x)
        elif r <= _POLISH_FROM * span:
            found = polish(game, x, tol=tol)
        if found is not None:
            break
        if end == "leash" and _dist(x, v) > 0:
            # a cut path ended short of an approximate equilibrium: carry on from its best point on the
            # same grid, since a finer grid would shrink the leash with it
            v = x
            continue
        v, m = x, m * refine
        refinements += 1
    parameters.update(restarts=rounds - 1, pivots=pivots, final_mesh=f"1/{last_mesh}", path_ends=ends)
    if found is None:
        if not failure:
            failure = f"no certified equilibrium after {max_refinements} refinements (last mesh 1/{last_mesh})"
        return certify(game, [], method=_METHOD, exact=exact, start=t0, tol=tol, complete=False,
                       parameters=parameters, status="no-convergence",
                       message=f"{failure}; smallest regret reached {reached:.3g}")
    if exact:
        rational = polish(game, found, exact=True)
        if rational is None:
            raise NotSupported(
                f"{_NAME}: the equilibrium found is irrational (no rational profile near it has regret "
                f"exactly 0; approximately {[np.round(p, 6).tolist() for p in found]}); use exact=False"
            )
        found = rational
    return certify(game, [found], method=_METHOD, exact=exact, start=t0, tol=tol, complete=False,
                   parameters=parameters)


def _dist(p: list[np.ndarray], q: list[np.ndarray]) -> float:
    return max(float(np.max(np.abs(a - b))) for a, b in zip(p, q))


def _regret(game: NormalFormGame, x: list[np.ndarray]) -> float:
    dev = nash_contractions(game, x)
    return max(float(d.max() - d.dot(p)) for d, p in zip(dev, x))
