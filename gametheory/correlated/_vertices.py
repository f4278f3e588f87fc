"""All vertices of the correlated-equilibrium polytope, by the double description method.

Every incentive constraint ``a . mu <= 0`` is homogeneous, so the CE polytope
is the slice ``sum(mu) = 1`` of the pointed cone
``C = {mu >= 0 : A mu <= 0}``, and its vertices are the extreme rays of ``C``
scaled to sum one.  The double description method [1]_ [2]_ starts from the
nonnegative orthant (extreme rays: the unit vectors) and intersects it with
one half-space at a time: rays strictly inside stay, rays strictly outside
go, and every *adjacent* pair (one inside, one outside) yields the new ray on
the hyperplane.  Adjacency is tested combinatorially: two extreme rays are
adjacent iff no third ray is tight on every constraint tight at both.

Arithmetic is in Python integers (each constraint row scaled to coprime
integers, each ray divided by the gcd of its entries), so the result is
exact; every vertex is then verified in rational arithmetic against the
incentive constraints (computed independently of the matrix) and for
extremality (the tight constraints have full rank).
"""

from __future__ import annotations

import math
import time
from fractions import Fraction

import numpy as np

from .._exact_linalg import rank_exact
from ..errors import InvalidOption, NotSupported, SolverError
from ..game import NormalFormGame
from ._polytope import _check_game, correlated_polytope
from ._result import CorrelatedVertices

__all__ = ["correlated_vertices", "MAX_PROFILES"]

#: Largest number of pure profiles ``prod_i n_i`` accepted by :func:`correlated_vertices` by default.
MAX_PROFILES = 16

# Adjacency tests are run on this many candidate pairs at a time (bounds memory to pairs * rays * words).
_PAIR_CHUNK = 2048


def _integer_rows(A: np.ndarray) -> list[tuple[int, ...]]:
    """Rows of a Fraction matrix scaled to coprime integers, zero rows and repeats dropped."""
    out, seen = [], set()
    for row in A:
        den = 1
        for v in row:
            den = math.lcm(den, v.denominator)
        ints = [int(v * den) for v in row]
        g = math.gcd(*ints)
        if g == 0:
            continue
        key = tuple(x // g for x in ints)
        if key not in seen:
            seen.add(key)
            out.append(key)
    return out


def _pack(bits: list[int], words: int) -> np.ndarray:
    """Python-int bitsets as a ``(len(bits), words)`` uint64 array."""
    mask = (1 << 64) - 1
    return np.array([[(b >> (64 * w)) & mask for w in range(words)] for b in bits], dtype=np.uint64).reshape(len(bits), words)


_PRIME = 2_147_483_647  # 2**31 - 1: products of two residues fit in int64


def _rank_mod_prime(rows: list[tuple[int, ...]], ncols: int) -> int:
    """Rank of an integer matrix modulo a prime: never more than its rank over the rationals."""
    M = np.array([[x % _PRIME for x in r] for r in rows], dtype=np.int64).reshape(len(rows), ncols)
    rank = 0
    for c in range(ncols):
        nz = np.flatnonzero(M[rank:, c])
        if nz.size == 0:
            continue
        k = rank + int(nz[0])
        M[[rank, k]] = M[[k, rank]]
        M[rank] = (M[rank] * pow(int(M[rank, c]), -1, _PRIME)) % _PRIME
        f = M[:, c].copy()
        f[rank] = 0
        M = (M - (f[:, None] * M[rank][None, :]) % _PRIME) % _PRIME
        rank += 1
        if rank == M.shape[0]:
            break
    return rank


def _adjacent_pairs(zeros: list[int], plus: list[int], minus: list[int], words: int, need: int) -> list[tuple[int, int, int]]:
    """Pairs ``(p, m, common zero set)`` of rays that span an edge of the current cone.

    First the cheap necessary condition of Fukuda and Prodon: an edge of a
    ``d``-dimensional pointed cone lies on at least ``d - 2`` tight constraints
    (``need``).  Then the exact combinatorial test: no third ray is tight on
    every constraint tight at both.
    """
    Z = _pack(zeros, words)  # (K, W)
    Zp, Zm = Z[plus], Z[minus]
    found: list[tuple[int, int, int]] = []
    block = max(1, _PAIR_CHUNK // max(1, len(minus)))
    for lo in range(0, len(plus), block):
        common = Zp[lo:lo + block, None, :] & Zm[None, :, :]  # (b, |minus|, W)
        count = np.bitwise_count(common).sum(axis=2)
        ip, im = np.nonzero(count >= need)
        if ip.size == 0:
            continue
        cand = common[ip, im]  # (C, W)
        contains = np.all((Z[None, :, :] & cand[:, None, :]) == cand[:, None, :], axis=2)
        ok = np.count_nonzero(contains, axis=1) == 2
        for a, b in zip(ip[ok], im[ok]):
            p, m = plus[lo + int(a)], minus[int(b)]
            found.append((p, m, zeros[p] & zeros[m]))
    return found


def _next_row(rays: list[tuple[int, ...]], Af: np.ndarray, remaining: list[int]) -> int:
    """Position in ``remaining`` of the row that creates the fewest candidate pairs.

    Only the order depends on this float estimate (the steps themselves are
    exact); adding cheap cuts first keeps the intermediate cones small.
    """
    R = np.array(rays, dtype=np.float64)
    R /= R.sum(axis=1, keepdims=True)
    S = R @ Af[remaining].T
    tol = 1e-9 * np.abs(Af[remaining]).max(axis=1)
    pairs = (S > tol).sum(axis=0) * (S < -tol).sum(axis=0)
    return int(np.argmin(pairs))


def _double_description(rows: list[tuple[int, ...]], P: int, max_rays: int) -> list[tuple[int, ...]]:
    """Extreme rays of ``{x >= 0 : a . x <= 0 for a in rows}`` as primitive integer vectors."""
    words = max(1, -(-(P + len(rows)) // 64))
    rays: list[tuple[int, ...]] = [tuple(int(k == j) for k in range(P)) for j in range(P)]
    # zero set of each ray: bit k (k < P) when x_k = 0, bit P + j when row j is tight
    zeros: list[int] = [((1 << P) - 1) & ~(1 << j) for j in range(P)]
    Af = np.array([[float(x) for x in a] for a in rows], dtype=np.float64).reshape(len(rows), P)
    remaining = list(range(len(rows)))
    done = 0
    while remaining:
        j = remaining.pop(_next_row(rays, Af, remaining))
        done += 1
        a = rows[j]
        bit = 1 << (P + j)
        vals = [sum(ai * ri for ai, ri in zip(a, r) if ai) for r in rays]
        plus = [k for k, v in enumerate(vals) if v > 0]
        minus = [k for k, v in enumerate(vals) if v < 0]
        new_rays = [rays[k] for k, v in enumerate(vals) if v <= 0]
        new_zeros = [zeros[k] | bit if v == 0 else zeros[k] for k, v in enumerate(vals) if v <= 0]
        if plus and minus:
            need = _rank_mod_prime(rays, P) - 2
            for p, m, common in _adjacent_pairs(zeros, plus, minus, words, need):
                vp, vm = vals[p], vals[m]
                ray = [vp * xm - vm * xp for xp, xm in zip(rays[p], rays[m])]
                g = math.gcd(*ray)
                new_rays.append(tuple(x // g for x in ray))
                new_zeros.append(common | bit)
                if len(new_rays) > max_rays:
                    raise NotSupported(
                        f"correlated_vertices: the double description exceeded max_vertices={max_rays} "
                        f"intermediate rays (at incentive row {done} of {len(rows)}); raise max_vertices "
                        "or use correlated_equilibrium for optimal points"
                    )
        rays, zeros = new_rays, new_zeros
    return rays


def _integer_payoffs(game: NormalFormGame) -> np.ndarray:
    """Each player's payoffs times a positive integer (the lcm of their denominators): Python ints."""
    arr = game.arrays(True)
    out = np.empty(arr.shape, dtype=object)
    for i in range(game.num_players):
        u = arr[..., i]
        den = 1
        for v in u.reshape(-1):
            den = math.lcm(den, v.denominator)
        out[..., i] = np.vectorize(lambda v: int(v * den), otypes=[object])(u)
    return out


def _verify_rays(game: NormalFormGame, rows: list[tuple[int, ...]], rays: list[tuple[int, ...]], coarse: bool) -> None:
    """Exact proof that every ray, scaled to sum one, is a vertex of the polytope.

    Feasibility is recomputed from the payoffs (each player's scaled to
    integers, which keeps the sign of every gain), not from ``rows``;
    extremality is the rank of the tight constraints, first modulo a prime
    (a rank found there is a lower bound, so full rank there proves it), then
    in Fractions if that is inconclusive.
    """
    K, P, N = len(rays), len(rays[0]), game.num_players
    R = np.empty((K, P), dtype=object)
    R[:] = [list(r) for r in rays]
    if (R < 0).any() or not (R.sum(axis=1) > 0).all():
        raise SolverError("correlated_vertices produced a point that is not a distribution; this is a bug")
    U = _integer_payoffs(game)
    Rg = R.reshape((K,) + game.shape)
    for i in range(N):
        V = np.moveaxis(U[..., i], i, 0).reshape(game.shape[i], -1)  # (n_i, others)
        M = np.moveaxis(Rg, 1 + i, 1).reshape(K, game.shape[i], -1)  # (K, n_i, others)
        if coarse:
            gains = np.matmul(M.sum(axis=1), V.T) - (M * V[None]).sum(axis=(1, 2))[:, None]
        else:
            G = np.matmul(M, V.T)
            gains = G - np.einsum("kss->ks", G)[:, :, None]
        if (gains > 0).any():
            raise SolverError("correlated_vertices produced a point violating an incentive constraint; this is a bug")
    A = np.empty((len(rows), P), dtype=object)
    A[:] = [list(a) for a in rows] if rows else np.zeros((0, P), dtype=object)
    tight = A.dot(R.T) == 0 if rows else np.zeros((0, K), dtype=bool)  # (m, K)
    for k in range(K):
        support = [c for c in range(P) if R[k, c] != 0]
        system = [tuple(rows[r][c] for c in support) for r in np.flatnonzero(tight[:, k])]
        system.append((1,) * len(support))
        if _rank_mod_prime(system, len(support)) == len(support):
            continue
        if rank_exact([[Fraction(x) for x in row] for row in system]) != len(support):
            raise SolverError("correlated_vertices produced a point that is not a vertex; this is a bug")


def correlated_vertices(
    game: NormalFormGame,
    *,
    coarse: bool = False,
    exact: bool = True,
    max_vertices: int = 20000,
    max_profiles: int = MAX_PROFILES,
) -> CorrelatedVertices:
    """Every extreme point of the CE (or CCE) polytope of a small game.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players, with at most ``max_profiles`` pure profiles.
    coarse : bool
        Vertices of the coarse correlated equilibrium polytope instead.
    exact : bool
        Return Fractions (default).  The computation is exact either way;
        ``exact=False`` only converts the verified vertices to float64.
        Float payoffs are read as their shortest decimal (``0.1 -> 1/10``).
    max_vertices : int
        Give up (``NotSupported``) when the intermediate ray set of the double
        description grows beyond this many rays.
    max_profiles : int
        Largest ``prod_i n_i`` accepted (default ``MAX_PROFILES = 16``).

    Returns
    -------
    CorrelatedVertices

    Raises
    ------
    NotSupported
        If the game has more than ``max_profiles`` pure profiles, or the
        intermediate ray set exceeds ``max_vertices``.
    InvalidOption
        If ``max_vertices`` or ``max_profiles`` is not a positive integer.

    Notes
    -----
    Double description method [1]_ with the combinatorial adjacency test
    [2]_, started from the ``P = prod_i n_i`` unit vectors of the orthant and
    adding the ``m`` incentive rows one at a time.  Step ``j`` costs
    ``O(|R+| |R-| |R|)`` bitset comparisons for the current ray set ``R``;
    the number of rays can grow exponentially in ``min(m, P)`` in the worst
    case (McMullen's upper bound), hence the limits.  Each vertex is then
    verified exactly: feasibility by recomputing every deviation gain from
    the payoffs (scaled to integers, independently of the constraint matrix),
    extremality by the rank of its tight constraints (modulo a prime, with a
    rational fallback; ``O(m P^2)`` per vertex).

    References
    ----------
    .. [1] T. S. Motzkin, H. Raiffa, G. L. Thompson and R. M. Thrall, "The
       double description method", in Contributions to the Theory of Games II,
       Annals of Mathematics Studies 28, 51-73, 1953.
    .. [2] K. Fukuda and A. Prodon, "Double description method revisited", in
       Combinatorics and Computer Science, LNCS 1120, 91-111, 1996.

    Examples
    --------
    The CE polytope of Chicken has five vertices (Nash equilibria and mixtures
    of the pure equilibria with (D, D)); the welfare-best one gives 21/4 each.

    >>> import gametheory as gt
    >>> from gametheory.correlated import correlated_vertices
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> res = correlated_vertices(chicken)
    >>> len(res), max(sum(p) for p in res.payoffs)
    (5, Fraction(21, 2))
    """
    start = time.perf_counter()
    _check_game(game, "correlated_vertices")
    for name, value in (("max_vertices", max_vertices), ("max_profiles", max_profiles)):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
            raise InvalidOption(f"correlated_vertices: {name} must be a positive integer, got {value!r}")
    P = int(np.prod(game.shape))
    if P > max_profiles:
        raise NotSupported(
            f"correlated_vertices: the game has {P} pure profiles {game.shape}, above the limit "
            f"max_profiles={max_profiles}; vertex enumeration is exponential in the worst case "
            "(use correlated_equilibrium for optimal points, or raise max_profiles)"
        )
    coarse = bool(coarse)
    poly = correlated_polytope(game, coarse=coarse, exact=True)
    rows = _integer_rows(poly.A)
    rays = sorted(set(_double_description(rows, P, int(max_vertices))))
    _verify_rays(game, rows, rays, coarse)
    vertices = []
    for r in rays:
        total = sum(r)
        vertices.append(np.array([Fraction(x, total) for x in r], dtype=object).reshape(game.shape))
    vertices.sort(key=lambda v: tuple(-x for x in v.reshape(-1)))
    arr = game.arrays(True).reshape(-1, game.num_players)
    payoffs = [v.reshape(-1).dot(arr) for v in vertices]
    if not exact:
        vertices = [np.asarray(v, dtype=np.float64) for v in vertices]
        payoffs = [np.asarray(p, dtype=np.float64) for p in payoffs]
    for v in vertices + payoffs:
        v.setflags(write=False)
    return CorrelatedVertices(
        game=game,
        coarse=coarse,
        exact=bool(exact),
        vertices=vertices,
        payoffs=payoffs,
        parameters={"coarse": coarse, "exact": bool(exact), "max_vertices": int(max_vertices),
                    "max_profiles": int(max_profiles), "method": "double description"},
        time=time.perf_counter() - start,
    )
