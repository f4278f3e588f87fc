"""The Shapley value (exact and by permutation sampling) and the Banzhaf value."""

from __future__ import annotations

import math
import time
from fractions import Fraction
from statistics import NormalDist
from typing import Any

import numpy as np

from ..errors import InvalidOption
from ._result import CooperativeResult, finish, float_tolerance
from ._tugame import TUGame, checked_game, integer_scaled_values, popcounts

__all__ = ["shapley_value", "banzhaf_value"]


def _halves(arr: np.ndarray, n: int, i: int) -> tuple[np.ndarray, np.ndarray]:
    """Views of ``arr`` (length ``2**n``) on the coalitions without and with player ``i``."""
    view = arr.reshape(1 << (n - 1 - i), 2, 1 << i)
    return view[:, 0, :], view[:, 1, :]


def _size_sums(V: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``C[i, s]`` = sum of ``V(S)`` over ``S`` containing ``i`` with ``|S| = s``; ``T[s]`` over all ``|S| = s``.

    Integer arithmetic throughout (int64 or Python ints, as ``V``), so exact.
    """
    pop = popcounts(n)
    order = np.argsort(pop, kind="stable")
    Vs, Ms = V[order], order.astype(np.int64)
    starts = np.searchsorted(pop[order], np.arange(n + 1))
    T = np.add.reduceat(Vs, starts)
    C = np.stack([np.add.reduceat(Vs * ((Ms >> i) & 1), starts) for i in range(n)])
    return C, T


def shapley_value(
    game: TUGame,
    *,
    exact: bool = False,
    method: str = "exact",
    samples: int = 2000,
    seed: int | None = None,
    confidence: float = 0.95,
) -> CooperativeResult:
    """The Shapley value, exactly or estimated by permutation sampling.

    Parameters
    ----------
    game : TUGame
    exact : bool
        Rational arithmetic (Fractions, residual exactly 0).  Only with ``method="exact"``.
    method : {"exact", "sampling"}
        ``"exact"`` needs a dense game (``n <= 25``); ``"sampling"`` works on
        any game, function-backed ones included.
    samples : int
        Number of random permutations (sampling only), at least 2.
    seed : int, optional
        Seed of ``numpy.random.default_rng`` (sampling only); pass one for reproducible estimates.
    confidence : float
        Level of the per-player normal confidence intervals (sampling only).

    Returns
    -------
    CooperativeResult
        ``allocation`` is the value; ``residual = |sum(phi) - v(N)|``.  With
        sampling, ``stderr`` and ``confidence_interval`` are set.

    Raises
    ------
    NotSupported
        ``method="exact"`` on a function-backed game.
    InvalidOption
        Unknown method, bad ``samples`` / ``confidence``, or ``exact=True`` with sampling.

    Notes
    -----
    The Shapley value [1]_ is

    .. math:: \\phi_i = \\sum_{S \\subseteq N \\setminus i} \\frac{|S|!\\,(n-|S|-1)!}{n!}
              \\bigl(v(S \\cup i) - v(S)\\bigr)
              = \\sum_{S \\ni i} w_{|S|-1} v(S) - \\sum_{S \\not\\ni i} w_{|S|} v(S).

    The second form is evaluated with strided sums over the bitmask vector,
    ``O(n 2**n)`` time.  Exact mode scales the values to integers ``V = D v``
    and sums them by (player, coalition size) in integer arithmetic; the
    weights ``s! (n-s-1)!`` enter only in the final ``O(n**2)`` combination,
    so the result is exact with one division by ``n! D``.

    Sampling draws ``m`` uniform random orders of the players and averages
    each player's marginal contribution to its predecessors, an unbiased
    estimator of ``phi`` [2]_; the interval is ``mean +- z * stderr`` with
    the sample standard deviation.  Cost: ``m * n`` evaluations of ``v``.

    References
    ----------
    .. [1] L. S. Shapley, "A value for n-person games", in Contributions to
       the Theory of Games II, Annals of Mathematics Studies 28, 307-317, 1953.
    .. [2] J. Castro, D. Gomez, J. Tejada, "Polynomial calculation of the
       Shapley value based on sampling", Computers & Operations Research
       36(5), 1726-1730, 2009.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, shapley_value
    >>> g = TUGame.glove(left=1, right=2)
    >>> [str(x) for x in shapley_value(g, exact=True).allocation]
    ['2/3', '1/6', '1/6']
    """
    start = time.perf_counter()
    where = "shapley_value"
    game, exact = checked_game(game, exact, where, dense=False)
    if method == "exact":
        game.require_dense(f"{where}(method='exact')")
        return _shapley_exact(game, start) if exact else _shapley_float(game, start)
    if method == "sampling":
        if exact:
            raise InvalidOption(f"{where}: exact=True is not available with method='sampling' (it returns an estimate)")
        if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or samples < 2:
            raise InvalidOption(f"{where}: samples must be an integer >= 2, got {samples!r}")
        if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0):
            raise InvalidOption(f"{where}: seed must be None or a nonnegative integer, got {seed!r}")
        if not isinstance(confidence, (int, float)) or not 0 < confidence < 1:
            raise InvalidOption(f"{where}: confidence must lie strictly between 0 and 1, got {confidence!r}")
        return _shapley_sampling(game, int(samples), seed, float(confidence), start)
    raise InvalidOption(f"{where}: unknown method {method!r}; use 'exact' or 'sampling'")


#: Coalitions per block of the float sums: bounds the temporary memory at any n <= 25.
_BLOCK_BITS = 20


def _member_sums(v: np.ndarray, n: int, table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``M[i] = sum over S containing i of table[|S|] v(S)`` and ``T[s] = sum over |S| = s of v(S)``.

    Float arithmetic, in blocks of ``2**20`` consecutive bitmasks: within a block
    the low bits vary (strided views give the sums per player) and the high
    bits are fixed, so temporaries stay small even at ``n = 25``.
    """
    K = min(n, _BLOCK_BITS)
    block = 1 << K
    low_pop = popcounts(K)
    M = np.zeros(n)
    T = np.zeros(n + 1)
    for start in range(0, 1 << n, block):
        pb = low_pop + bin(start).count("1")
        vb = v[start:start + block]
        T += np.bincount(pb, weights=vb, minlength=n + 1)
        cb = table[pb] * vb
        for i in range(K):
            M[i] += _halves(cb, K, i)[1].sum()
        total = cb.sum()
        for i in range(K, n):
            if start >> i & 1:
                M[i] += total
    return M, T


def _shapley_float(game: TUGame, start: float) -> CooperativeResult:
    n = game.n
    v = game.float_values
    # w[s] = s! (n-s-1)! / n! = 1 / (n * C(n-1, s)) for 0 <= s < n; padded with w[-1] = w[n] = 0
    w = np.array([0.0] + [1.0 / (n * math.comb(n - 1, s)) for s in range(n)] + [0.0])
    w_out = w[1:]  # coalitions without i, by size s: w[s]
    w_in = w[:-1]  # coalitions with i, by size s: w[s - 1]
    # phi_i = sum_{S ni i} w_in v - sum_{S not ni i} w_out v = sum_{S ni i} (w_in + w_out) v - sum_S w_out v
    M, T = _member_sums(v, n, w_in + w_out)
    phi = M - float(w_out @ T)
    gap = abs(phi.sum() - v[-1])
    return finish(
        game, "shapley", phi, exact=False, residual=gap, start=start,
        tol=float_tolerance(game, None, max(1, n)), parameters={"method": "exact", "exact": False},
    )


def _shapley_exact(game: TUGame, start: float) -> CooperativeResult:
    n = game.n
    V, D = integer_scaled_values(game)
    C, T = _size_sums(V, n)
    fact = [math.factorial(k) for k in range(n + 1)]
    phi = []
    for i in range(n):
        # n! D phi_i = sum_s (s-1)!(n-s)! C[i,s] - sum_s s!(n-s-1)! (T[s] - C[i,s])
        total = 0
        for s in range(1, n + 1):
            total += fact[s - 1] * fact[n - s] * int(C[i, s])
        for s in range(0, n):
            total -= fact[s] * fact[n - s - 1] * (int(T[s]) - int(C[i, s]))
        phi.append(Fraction(total, fact[n] * D))
    gap = abs(sum(phi, Fraction(0)) - game.exact_values()[-1])
    return finish(game, "shapley", phi, exact=True, residual=gap, start=start, parameters={"method": "exact", "exact": True})


def _shapley_sampling(game: TUGame, m: int, seed: Any, confidence: float, start: float) -> CooperativeResult:
    n = game.n
    rng = np.random.default_rng(seed)
    contrib = np.empty((m, n))
    if game.is_dense:
        v = game.float_values
        chunk = max(1, 2_000_000 // max(n, 1))
        for a in range(0, m, chunk):
            b = min(m, a + chunk)
            perms = rng.permuted(np.tile(np.arange(n), (b - a, 1)), axis=1)
            prefix = np.cumsum(np.left_shift(1, perms, dtype=np.int64), axis=1)
            vals = v[prefix]
            marg = np.diff(vals, axis=1, prepend=0.0)
            contrib[np.arange(a, b)[:, None], perms] = marg
    else:
        memo: dict[int, float] = {0: 0.0}

        def val(mask: int) -> float:
            got = memo.get(mask)
            if got is None:
                got = memo[mask] = float(game._call(mask))
            return got

        for k in range(m):
            perm = rng.permutation(n)
            mask, prev = 0, 0.0
            for i in perm:
                mask |= 1 << int(i)
                cur = val(mask)
                contrib[k, i] = cur - prev
                prev = cur
            if len(memo) > 5_000_000:
                memo = {0: 0.0}  # bound memory; values are recomputed on demand
    phi = contrib.mean(axis=0)
    stderr = contrib.std(axis=0, ddof=1) / math.sqrt(m)
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    ci = np.stack([phi - z * stderr, phi + z * stderr], axis=1)
    vN = float(game.value(game.grand_coalition))
    gap = abs(phi.sum() - vN)
    scale = max(1.0, float(np.max(np.abs(contrib)))) if contrib.size else 1.0
    return finish(
        game, "shapley-sampling", phi, exact=False, residual=gap, start=start,
        tol=1e-9 * scale * n, stderr=stderr, confidence_interval=ci,
        parameters={"method": "sampling", "samples": m, "seed": seed, "confidence": confidence},
        message=f"unbiased estimate from {m} random permutations; {confidence:.0%} normal confidence intervals",
    )


def banzhaf_value(game: TUGame, *, exact: bool = False) -> CooperativeResult:
    """The (non-normalised) Banzhaf value: each player's average marginal contribution.

    Parameters
    ----------
    game : TUGame
        A dense game.
    exact : bool
        Rational arithmetic (Fractions, residual exactly 0).

    Returns
    -------
    CooperativeResult
        ``allocation[i] = beta_i``.  The Banzhaf value is not efficient, so the
        residual checks the identity ``2**(n-1) sum_i beta_i = sum_S (2|S| - n) v(S)``,
        whose right side is computed independently of the per-player sums.

    Notes
    -----
    .. math:: \\beta_i = \\frac{1}{2^{n-1}} \\sum_{S \\subseteq N \\setminus i}
              \\bigl(v(S \\cup i) - v(S)\\bigr)
              = \\frac{1}{2^{n-1}} \\Bigl(\\sum_{S \\ni i} v(S) - \\sum_{S \\not\\ni i} v(S)\\Bigr),

    ``O(n 2**n)`` by strided sums over the bitmask vector (Banzhaf [1]_;
    as a value for TU games, Owen [2]_).

    References
    ----------
    .. [1] J. F. Banzhaf III, "Weighted voting doesn't work: a mathematical
       analysis", Rutgers Law Review 19, 317-343, 1965.
    .. [2] G. Owen, "Multilinear extensions and the Banzhaf value", Naval
       Research Logistics Quarterly 22(4), 741-750, 1975.

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, banzhaf_value
    >>> g = TUGame.weighted_voting(weights=[2, 1, 1], quota=3)
    >>> [str(x) for x in banzhaf_value(g, exact=True).allocation]
    ['3/4', '1/4', '1/4']
    """
    start = time.perf_counter()
    game, exact = checked_game(game, exact, "banzhaf_value")
    n = game.n
    if exact:
        pop = popcounts(n)
        V, D = integer_scaled_values(game)
        raw = []
        for i in range(n):
            out_i, in_i = _halves(V, n, i)
            raw.append(int(in_i.sum()) - int(out_i.sum()))
        check = int(((2 * pop - n) * V).sum()) if V.dtype != object else sum(int(a) * int(b) for a, b in zip(2 * pop - n, V))
        half = (1 << (n - 1)) * D
        beta = [Fraction(r, half) for r in raw]
        gap = Fraction(abs(sum(raw) - check), half)
        return finish(game, "banzhaf", beta, exact=True, residual=gap, start=start, parameters={"exact": True})
    v = game.float_values
    # 2**(n-1) beta_i = sum_{S ni i} v - sum_{S not ni i} v = 2 M_i - sum_S v
    M, T = _member_sums(v, n, np.ones(n + 1))
    half = 2.0 ** (n - 1)
    beta = (2 * M - T.sum()) / half
    check = float((2 * np.arange(n + 1) - n) @ T) / half
    gap = abs(beta.sum() - check)
    return finish(
        game, "banzhaf", beta, exact=False, residual=gap, start=start,
        tol=float_tolerance(game, None, max(1, n)), parameters={"exact": False},
    )
