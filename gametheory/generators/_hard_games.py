"""Bimatrix games built to stress equilibrium algorithms: long Lemke-Howson paths, many equilibria.

Both generators are deterministic in their parameters and return exact
(integer) :class:`gametheory.NormalFormGame` objects, so the rational solvers
apply to them.

Polytope conventions (as in :mod:`gametheory.nash.lemke_howson`): for a game
``(A, B)`` with ``m`` rows and ``n`` columns the best-response polytopes are
``P = {x >= 0 : B^T x <= 1}`` and ``Q = {y >= 0 : A y <= 1}``; label ``i < m``
is row ``i``, label ``m + j`` column ``j``.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from .._exact_linalg import solve_exact
from ..errors import InvalidOption, SolverError
from ..game import NormalFormGame
from ._random_games import _count

__all__ = ["savani_von_stengel", "many_equilibria"]


# ----------------------------------------------------------------------- dual cyclic polytopes
def _morris_order(dim: int) -> list[int]:
    """Morris's labels (0-based) of the facets ``dim+1 .. 2*dim`` of the dual cyclic polytope.

    ``dim, dim-2, dim-1, dim-4, dim-3, ..., 2, 3, 1`` in 1-based terms; facets
    ``1 .. dim`` carry the labels ``1 .. dim`` in order.
    """
    order = [dim] + [k for a in range(dim - 2, 1, -2) for k in (a, a + 1)] + [1]
    return [k - 1 for k in order]


def _dual_cyclic_constraints(dim: int) -> np.ndarray:
    """Integer ``C`` with ``{x >= 0 : C x <= 1}`` the dual cyclic polytope, ``x = 0`` its vertex 1..dim.

    Row ``r`` of ``C`` is the facet in cyclic position ``dim + r`` (1-based
    positions ``1 .. 2*dim``, the first ``dim`` being ``x_i >= 0``).
    """
    # The polytope of polynomials p of degree <= dim with p(t_k) >= 0 at
    # t_k = k (k = 1 .. 2*dim) and sum_k p(t_k) = 1 is the dual cyclic polytope:
    # a vertex is c * prod_{k in S}(t - t_k) with |S| = dim, feasible exactly when
    # S satisfies Gale's evenness condition.  Its coordinates at the vertex
    # S = {1..dim} are x_i = p(t_i); every other facet value p(t_j) is affine in x.
    t = [Fraction(k) for k in range(1, 2 * dim + 1)]
    powers = [[tk**e for e in range(dim + 1)] for tk in t]
    total = [sum(col) for col in zip(*powers)]
    # M z = (x, 1) for the coefficient vector z; p(t_j) = powers[j] @ M^{-1} (x, 1)
    M_T = [list(col) for col in zip(*(powers[:dim] + [total]))]
    rows = []
    for j in range(dim, 2 * dim):
        w = solve_exact(M_T, powers[j])
        if w is None or not w[dim] > 0:  # w[dim] = p(t_j) at the vertex x = 0
            raise SolverError(f"savani_von_stengel: dual cyclic polytope of dimension {dim} is not realised; this is a bug")
        rows.append([-w[i] / w[dim] for i in range(dim)])
    scale = math.lcm(*(v.denominator for row in rows for v in row))
    C = [[int(v * scale) for v in row] for row in rows]
    g = math.gcd(*(v for row in C for v in row))
    return np.array([[v // g for v in row] for row in C], dtype=object)


# ----------------------------------------------------------------------- generators
def savani_von_stengel(d: int) -> NormalFormGame:
    r"""A ``2d x 2d`` game on which every Lemke-Howson path is exponentially long.

    This is the *unit-vector (imitation) game* form of the Savani-von Stengel
    construction [2]_, which those authors give as a simplification of their
    original pair of labelled dual cyclic polytopes [1]_; it is **not** the
    2006 payoff pair itself.  Write :math:`m = 2d` (the dimension, even).

    * Column player: :math:`B` is chosen so that
      :math:`P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}` is the
      *dual cyclic polytope* with :math:`2m` facets in cyclic order
      :math:`1, \dots, 2m` [4]_.  Facets :math:`1..m` are :math:`x_i \ge 0`;
      facet :math:`m + r` is the payoff constraint of column
      :math:`\ell(m + r)`, where :math:`\ell` is Morris's labelling [3]_

      .. math::

          \ell(m+1), \dots, \ell(2m) = m,\ m-2,\ m-1,\ m-4,\ m-3,\ \dots,\ 2,\ 3,\ 1 .

      Vertices of :math:`P` are the sets of :math:`m` facets obeying Gale's
      evenness condition (between two facets not in the set lie an even number
      of facets in the set).  Realisation: :math:`P` is the set of
      polynomials :math:`p` of degree :math:`\le m` with
      :math:`p(k) \ge 0` for :math:`k = 1..2m` and :math:`\sum_k p(k) = 1`,
      in the coordinates :math:`x_i = p(i)`; the rational coefficients are
      scaled to coprime integers (positive scaling of all of :math:`B` does
      not change the game's equilibria).
    * Row player: :math:`A = I` (the row player imitates), so :math:`Q` is a
      cube and each Lemke-Howson step in :math:`P` is followed by one in
      :math:`Q`.

    Equilibria of an imitation game correspond to the completely labelled
    vertices of :math:`P` under :math:`\ell` [5]_; Morris's
    labelling has exactly one besides the origin, so the game has a **unique
    Nash equilibrium**, and the Lemke-Howson path from every initial label has
    twice the length of a Lemke path of [3]_, which grows exponentially in
    :math:`m`.  The game is nondegenerate (both polytopes are simple).

    Parameters
    ----------
    d : int
        Half the number of strategies of each player, ``d >= 1``.

    Returns
    -------
    NormalFormGame
        An exact ``2d x 2d`` game with integer payoffs; ``A`` is the identity.

    Raises
    ------
    InvalidOption
        If ``d`` is not an int ``>= 1``.

    Notes
    -----
    Shortest Lemke-Howson path (pivots, minimum over all :math:`2m` initial
    labels, as reported by :func:`gametheory.lemke_howson` in its
    ``path_lengths``) in our runs: 4, 8, 16, 24, 44, 64 for
    ``d = 1 .. 6``; the longest: 4, 12, 32, 80, 196, 476.  Successive ratios
    of the shortest alternate between about 1.45 and 2 (Morris's path lengths
    grow like a Fibonacci sequence), so the growth is exponential in ``d``.

    Cost: ``O(d)`` exact linear solves of size ``2d + 1``.  The integer payoffs
    grow fast with ``d`` (largest ``|b_ij|``: 3, 1365, 324555, 15317757,
    18179755902, 1035584291885 for ``d = 1 .. 6``), which is harmless for the
    exact solvers.  The realised polytope is badly conditioned, though:
    float-mode ``lemke_howson(g, all_labels=True)`` raised
    :class:`~gametheory.errors.SolverError` (failed regret certificate) at
    ``d = 5`` in our runs, so use ``exact=True`` from ``d = 5`` on.

    References
    ----------
    .. [1] R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
       *Econometrica* 74(2), 397-429, 2006.
    .. [2] R. Savani and B. von Stengel, "Unit vector games", *International
       Journal of Economic Theory* 12, 7-27, 2016.
    .. [3] W. D. Morris, Jr., "Lemke paths on simple polytopes", *Mathematics
       of Operations Research* 19(4), 780-789, 1994.
    .. [4] D. Gale, "Neighborly and cyclic polytopes", in *Convexity*, Proc.
       Symposia in Pure Mathematics 7, AMS, 225-232, 1963.
    .. [5] A. McLennan and R. Tourky, "Simple complexity from imitation games",
       *Games and Economic Behavior* 68(2), 683-688, 2010.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import savani_von_stengel
    >>> g = savani_von_stengel(2)
    >>> g.shape
    (4, 4)
    >>> len(gt.vertex_enumeration(g, exact=True).equilibria)
    1
    >>> res = gt.lemke_howson(g, all_labels=True, exact=True)
    >>> min(res.parameters["path_lengths"].values())
    8
    """
    half = _count(d, "savani_von_stengel", "d", 1)
    dim = 2 * half
    C = _dual_cyclic_constraints(dim)
    B = np.empty((dim, dim), dtype=object)
    # row r of C is the constraint of column morris[r]: (B^T)_{morris[r]} = C_r
    for r, col in enumerate(_morris_order(dim)):
        B[:, col] = C[r]
    A = np.array([[int(i == j) for j in range(dim)] for i in range(dim)], dtype=object)
    return NormalFormGame.from_bimatrix(
        A, B, title=f"Savani-von Stengel imitation game {dim}x{dim} (Morris-labelled dual cyclic polytope)"
    )


# von Stengel's 6 x 6 game with 75 equilibria, in the small-payoff form of Savani
# and von Stengel (2006), as stored in the Gambit catalog file
# catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq_small_payoffs.nfg.
_VON_STENGEL_75_A = [
    [-81, 36, -126, 126, -36, 90],
    [-180, 72, -333, 297, -153, 270],
    [20, -3, 42, -33, 17, -30],
    [-30, 17, -33, 42, -3, 20],
    [270, -153, 297, -333, 72, -180],
    [90, -36, 126, -126, 36, -81],
]
_VON_STENGEL_75_B = [
    [72, 36, 17, -3, -36, -153],
    [-180, -81, -30, 20, 90, 270],
    [297, 126, 42, -33, -126, -333],
    [-333, -126, -33, 42, 126, 297],
    [270, 90, 20, -30, -81, -180],
    [-153, -36, -3, 17, 36, 72],
]

_KINDS = ("identity", "von_stengel")


def many_equilibria(n: int, *, kind: str = "identity") -> NormalFormGame:
    r"""An ``n x n`` bimatrix game with many Nash equilibria.

    ``kind="identity"``: the coordination game :math:`A = B = I_n`.  For every
    non-empty set :math:`S` of strategies, both players mixing uniformly on
    :math:`S` is an equilibrium (each strategy in :math:`S` earns
    :math:`1/|S|`, each outside earns 0), and these are all of them, so the
    nondegenerate game has :math:`2^n - 1` equilibria [1]_; this was long
    conjectured to be the most an ``n x n`` nondegenerate game can have.

    ``kind="von_stengel"`` (requires ``n = 6``): von Stengel's 6 x 6 game with
    75 equilibria, more than :math:`2^6 - 1 = 63`, built from a pair of
    labelled dual cyclic polytopes [2]_.  The payoffs are the small-payoff
    version given by Savani and von Stengel [3]_, taken from the Gambit
    catalog file
    ``catalog/journals/dcg/vonstengel1999/6x6_game_with_75_eq_small_payoffs.nfg``.

    Parameters
    ----------
    n : int
        Number of strategies of each player, ``n >= 1`` (``n = 6`` for
        ``kind="von_stengel"``).
    kind : {"identity", "von_stengel"}
        Which family.

    Returns
    -------
    NormalFormGame
        An exact game with integer payoffs.

    Raises
    ------
    InvalidOption
        If ``n`` is not an int ``>= 1``, ``kind`` is unknown, or
        ``kind="von_stengel"`` with ``n != 6``.

    Notes
    -----
    Vertex enumeration of the identity game visits all :math:`2^n - 1`
    equilibria, so its cost is exponential in ``n`` whatever the algorithm;
    this is the point of the family as a benchmark.

    References
    ----------
    .. [1] T. Quint and M. Shubik, "A theorem on the number of Nash equilibria
       in a bimatrix game", *International Journal of Game Theory* 26,
       353-359, 1997.
    .. [2] B. von Stengel, "New maximal numbers of equilibria in bimatrix
       games", *Discrete & Computational Geometry* 21, 557-568, 1999.
    .. [3] R. Savani and B. von Stengel, "Hard-to-solve bimatrix games",
       *Econometrica* 74(2), 397-429, 2006.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.generators import many_equilibria
    >>> len(gt.vertex_enumeration(many_equilibria(3), exact=True).equilibria)
    7
    >>> len(gt.vertex_enumeration(many_equilibria(6, kind="von_stengel"), exact=True).equilibria)
    75
    """
    where = "many_equilibria"
    size = _count(n, where, "n", 1)
    if not isinstance(kind, str) or kind not in _KINDS:
        raise InvalidOption(f"{where}: kind = {kind!r} is unknown; use one of {', '.join(map(repr, _KINDS))}")
    if kind == "identity":
        eye = np.array([[int(i == j) for j in range(size)] for i in range(size)], dtype=object)
        return NormalFormGame.from_bimatrix(eye, eye.copy(), title=f"coordination game I_{size} (2^{size} - 1 equilibria)")
    if size != 6:
        raise InvalidOption(f"{where}: kind='von_stengel' is the 6 x 6 game; n = {size} must be 6")
    return NormalFormGame.from_bimatrix(
        np.array(_VON_STENGEL_75_A, dtype=object),
        np.array(_VON_STENGEL_75_B, dtype=object),
        title="von Stengel's 6x6 game with 75 equilibria (small payoffs)",
    )
