"""Power indices of weighted voting games by dynamic programming over weights.

A weighted voting game ``[q; w_1, ..., w_n]`` makes a coalition winning when
its total weight reaches the quota ``q``.  Both indices count, for each voter
``i``, the coalitions ``S`` of the *other* voters that lose without ``i`` and
win with ``i`` (``q - w_i <= w(S) < q``): Banzhaf counts them, Shapley-Shubik
weighs them by ``|S|! (n-|S|-1)!``, the number of voter orders in which ``S``
precedes ``i``.

The counts come from the generating function of the losing coalitions by
size and weight,

    G(x, y) = prod_j (1 + y x^{w_j})  truncated to degrees x^0 .. x^{q-1},

whose coefficient of ``y^s x^k`` counts coalitions of ``s`` voters with
weight ``k``.  Dividing out one factor gives the same counts without voter
``i`` (once per distinct weight).  Counts are exact Python integers; each row
``G_s(x)`` is packed into one integer with ``n + 1`` bits per coefficient
(Kronecker substitution: no count of subsets of ``n`` voters needs more), so
multiplying by ``1 + y x^w`` is a shift and an addition of integers and a
whole polynomial moves at machine speed.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from .._numbers import to_fraction
from ..errors import InvalidCoalitionGame, InvalidOption, InvalidPayoffs, NotSupported
from ._result import CooperativeResult, finish
from ._tugame import TUGame, _as_vector, _labels, check_exact

__all__ = ["shapley_shubik_index", "banzhaf_index", "voting_counts"]

#: Largest dense game built to accompany a power index in its result.
_GAME_LIMIT = 16
#: Memory bound on the packed generating function, in bits.
_MAX_BITS = 8 * 10**8


def _integer_weights(weights: Any, quota: Any, where: str) -> tuple[list[int], int]:
    """Integer weights and quota defining the same game (scaled by the common denominator, reduced by the gcd)."""
    arr = _as_vector(weights, f"{where}: weights")
    if len(arr) == 0:
        raise InvalidCoalitionGame(f"{where}: weights is empty; a voting game needs at least one voter")
    fr: list[Fraction] = []
    for k, w in enumerate(arr):
        if isinstance(w, (float, np.floating)):
            if not math.isfinite(float(w)):
                raise InvalidCoalitionGame(f"{where}: weights[{k}] is {float(w)}, not a finite number")
            if not float(w).is_integer():
                raise InvalidCoalitionGame(
                    f"{where}: weights[{k}] = {float(w)!r} is a non-integral float; pass integers, "
                    "Fractions or decimal strings such as '0.1', which are scaled to integers exactly"
                )
            fr.append(Fraction(int(w)))
        else:
            try:
                fr.append(to_fraction(w, where=f"{where}: weights[{k}]"))
            except InvalidPayoffs as exc:
                raise InvalidCoalitionGame(str(exc)) from None
        if fr[-1] < 0:
            raise InvalidCoalitionGame(f"{where}: weights[{k}] = {fr[-1]} is negative")
    try:
        if isinstance(quota, (float, np.floating)):
            if not math.isfinite(float(quota)):
                raise InvalidCoalitionGame(f"{where}: quota is {float(quota)}, not a finite number")
            q = Fraction(float(quota))  # the float's exact binary value, as a float comparison would use
        else:
            q = to_fraction(quota, where=f"{where}: quota")
    except InvalidPayoffs as exc:
        raise InvalidCoalitionGame(str(exc)) from None
    total = sum(fr, Fraction(0))
    if not 0 < q <= total:
        raise InvalidCoalitionGame(f"{where}: quota {q} must lie in (0, total weight {total}]")
    den = 1
    for w in fr:
        den = math.lcm(den, w.denominator)
    W = [int(w * den) for w in fr]
    Q = math.ceil(q * den)  # integer weight sums reach q*den exactly when they reach its ceiling
    g = 0
    for w in W:
        g = math.gcd(g, w)
    if g > 1:
        W = [w // g for w in W]
        Q = -(-Q // g)
    return W, Q


def voting_counts(weights: Sequence[int], quota: int) -> dict[str, Any]:
    """Exact pivot and swing counts of the integer weighted voting game ``[quota; weights]``.

    Returns a dict with ``pivots`` (orders of the voters in which voter ``i``
    turns the coalition of its predecessors from losing to winning; they sum
    to ``n!``), ``swings`` (coalitions of the others that ``i`` turns from
    losing to winning) and ``losing_by_size`` (losing coalitions of each size,
    used to check the swings).  Integer weights ``>= 0`` and ``quota >= 1``.

    Notes
    -----
    The generating-function dynamic programme of the module docstring (after
    Mann and Shapley 1962, cited in :func:`shapley_shubik_index`):
    ``O(n * n_q + d * n)`` big-integer operations on ``(n + 1) * quota``-bit
    integers, for ``n_q`` voters with weight below the quota and ``d``
    distinct weights.

    Examples
    --------
    >>> from gametheory.cooperative import voting_counts
    >>> c = voting_counts([2, 1, 1], 3)
    >>> c["pivots"], c["swings"], c["losing_by_size"]
    ([4, 1, 1], [3, 1, 1], [1, 3, 1, 0])
    """
    W = [int(w) for w in weights]
    Q = int(quota)
    n = len(W)
    B = n + 1
    mask = (1 << (Q * B)) - 1
    base = (1 << B) - 1
    rows = [1] + [0] * n  # rows[s] packs the losing-coalition counts of size s, by weight
    done = 0
    for w in W:
        if w >= Q:
            continue  # any coalition with this voter wins: its factor is 1 below the quota
        sh = w * B
        done += 1
        for s in range(done, 0, -1):
            rows[s] += (rows[s - 1] << sh) & mask
    losing = [r % base for r in rows]  # coefficient sums: each is < 2**B - 1, so the residue is the sum
    fact = [math.factorial(k) for k in range(n + 1)]
    by_weight: dict[int, tuple[int, int]] = {}
    for w in set(W):
        if w >= Q:
            others = rows
        else:
            sh = w * B
            others = [rows[0]]
            for s in range(1, n):
                others.append(rows[s] - ((others[s - 1] << sh) & mask))
        lo = max(0, Q - w)
        piv = swing = 0
        for s in range(n):
            window = others[s] >> (lo * B)
            cnt = window % base
            piv += fact[s] * fact[n - 1 - s] * cnt
            swing += cnt
        by_weight[w] = (piv, swing)
    return {
        "pivots": [by_weight[w][0] for w in W],
        "swings": [by_weight[w][1] for w in W],
        "losing_by_size": losing,
    }


def _prepare(weights: Any, quota: Any, labels: Any, exact: Any, where: str):
    check_exact(exact, where)
    W, Q = _integer_weights(weights, quota, where)
    n = len(W)
    bits = (n + 1) * (n + 1) * Q
    if bits > _MAX_BITS:
        raise NotSupported(
            f"{where}: {n} voters with integer quota {Q} (after scaling weights to integers) need "
            f"about {bits // 8_000_000} MB for the weight dynamic programme; round the weights to fewer digits"
        )
    lab = _labels(labels, n, where)
    game = TUGame.weighted_voting(weights, quota, lab) if n <= _GAME_LIMIT else None
    return W, Q, n, lab, game


def shapley_shubik_index(
    weights: Any, quota: Any, *, exact: bool = False, labels: Sequence[str] | None = None
) -> CooperativeResult:
    """The Shapley-Shubik power index of the weighted voting game ``[quota; weights]``.

    Parameters
    ----------
    weights : sequence of numbers >= 0
        Integers, integral floats, or exact rationals (Fractions, decimal
        strings), which are scaled to integers exactly.  Non-integral floats
        are refused: pass them as strings.
    quota : number with ``0 < quota <= sum(weights)``
    exact : bool
        Fractions (exactly summing to 1) instead of floats.
    labels : sequence of str, optional

    Returns
    -------
    CooperativeResult
        ``allocation[i]`` = share of the ``n!`` voter orders in which ``i`` is
        pivotal; ``details["pivots"]`` holds the integer counts.  The
        residual is ``|sum of pivots - n!| / n!``, which the independent
        counts must make exactly 0 (and, in float mode, the rounding of the sum).

    Notes
    -----
    .. math:: SS_i = \\sum_{S \\subseteq N \\setminus i,\\; q - w_i \\le w(S) < q}
              \\frac{|S|!\\,(n - |S| - 1)!}{n!}

    (Shapley and Shubik [1]_), computed by the generating-function dynamic
    programme of the module docstring (after Mann and Shapley [2]_):
    ``O(n**2 q)`` bit operations on packed exact counts, seconds for hundreds
    of voters with small integer weights.  The index equals the Shapley
    value of the simple game.

    References
    ----------
    .. [1] L. S. Shapley, M. Shubik, "A method for evaluating the distribution
       of power in a committee system", American Political Science Review
       48(3), 787-792, 1954.
    .. [2] I. Mann, L. S. Shapley, "Values of large games, VI: Evaluating the
       Electoral College exactly", RAND RM-3158-PR, 1962.

    Examples
    --------
    >>> from gametheory.cooperative import shapley_shubik_index
    >>> r = shapley_shubik_index(weights=[7] * 5 + [1] * 10, quota=39, exact=True)
    >>> str(r.allocation[0]), str(r.allocation[5])
    ('421/2145', '4/2145')
    """
    start = time.perf_counter()
    where = "shapley_shubik_index"
    W, Q, n, lab, game = _prepare(weights, quota, labels, exact, where)
    counts = voting_counts(W, Q)
    piv = counts["pivots"]
    nf = math.factorial(n)
    gap = Fraction(abs(sum(piv) - nf), nf)
    index = [Fraction(p, nf) for p in piv]
    if exact:
        residual: Any = gap
        alloc: Any = index
    else:
        alloc = np.array([float(x) for x in index])
        residual = max(float(gap), abs(float(alloc.sum()) - 1.0))
    return finish(
        game, "shapley-shubik", alloc, exact=bool(exact), residual=residual, start=start,
        tol=1e-9 * max(1, n) if not exact else None,
        parameters={"quota": quota, "exact": bool(exact), "voters": n},
        details={"pivots": piv, "integer_weights": W, "integer_quota": Q},
        player_labels=lab,
    )


def banzhaf_index(
    weights: Any,
    quota: Any,
    *,
    exact: bool = False,
    normalized: bool = True,
    labels: Sequence[str] | None = None,
) -> CooperativeResult:
    """The Banzhaf power index of the weighted voting game ``[quota; weights]``.

    Parameters
    ----------
    weights, quota, exact, labels
        As in :func:`shapley_shubik_index`.
    normalized : bool
        True (default): each voter's share of all swings (the indices sum
        to 1).  False: the Banzhaf measure (Penrose), swings divided by ``2**(n-1)``.

    Returns
    -------
    CooperativeResult
        ``details["swings"]`` holds the integer swing counts.  The residual
        checks ``sum_i swings_i = sum_{S winning} (2|S| - n)``, whose right
        side comes from the full generating function, independently of the
        per-voter division.

    Notes
    -----
    A swing of voter ``i`` is a coalition ``S`` of the others with
    ``q - w_i <= w(S) < q`` [1]_; counted by the dynamic programme of the
    module docstring in ``O(n**2 q)`` bit operations.

    References
    ----------
    .. [1] J. F. Banzhaf III, "Weighted voting doesn't work: a mathematical
       analysis", Rutgers Law Review 19, 317-343, 1965.

    Examples
    --------
    >>> from gametheory.cooperative import banzhaf_index
    >>> r = banzhaf_index(weights=[2, 1, 1], quota=3, exact=True)
    >>> [str(x) for x in r.allocation], r.details["swings"]
    (['3/5', '1/5', '1/5'], [3, 1, 1])
    """
    start = time.perf_counter()
    where = "banzhaf_index"
    if not isinstance(normalized, (bool, np.bool_)):
        raise InvalidOption(f"{where}: normalized must be True or False, got {normalized!r}")
    W, Q, n, lab, game = _prepare(weights, quota, labels, exact, where)
    counts = voting_counts(W, Q)
    sw = counts["swings"]
    expected = sum((2 * s - n) * (math.comb(n, s) - counts["losing_by_size"][s]) for s in range(n + 1))
    total = sum(sw)
    gap = Fraction(abs(total - expected), max(1, abs(expected)))
    if normalized:
        index = [Fraction(c, total) for c in sw]
    else:
        index = [Fraction(c, 1 << (n - 1)) for c in sw]
    if exact:
        residual: Any = gap
        alloc: Any = index
    else:
        alloc = np.array([float(x) for x in index])
        residual = float(gap)
        if normalized:
            residual = max(residual, abs(float(alloc.sum()) - 1.0))
    return finish(
        game, "banzhaf-index" if normalized else "banzhaf-measure", alloc, exact=bool(exact),
        residual=residual, start=start, tol=1e-9 * max(1, n) if not exact else None,
        parameters={"quota": quota, "exact": bool(exact), "normalized": bool(normalized), "voters": n},
        details={"swings": sw, "integer_weights": W, "integer_quota": Q},
        player_labels=lab,
    )
