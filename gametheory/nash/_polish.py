"""Turn an approximate equilibrium of an N-player game into a certified one.

Iterative methods (simplicial subdivision, path following, Lyapunov
minimisation) stop near an equilibrium, not on it.  Near a regular
equilibrium ``sigma*`` with supports ``S_i`` the equilibrium is the isolated
solution of the *support system*

.. math::

    u_i(s, \\sigma_{-i}) - u_i(s_i^0, \\sigma_{-i}) = 0 \\quad (s \\in S_i \\setminus \\{s_i^0\\}),
    \\qquad \\sum_{s \\in S_i} \\sigma_i(s) = 1, \\qquad \\sigma_i(s) = 0 \\; (s \\notin S_i),

``sum_i |S_i|`` polynomial equations (multilinear in the other players'
probabilities) in as many unknowns.  :func:`polish` guesses the supports from
the approximate profile (small probabilities read as zero at several
thresholds, and near-best responses), solves each support system by Newton's
method from the approximate profile -- quadratic convergence, so a few steps
reach machine precision -- and accepts the first solution that is a valid
profile whose regret passes the float certificate.  Each Newton step costs
``O(N^2 prod(n))`` for the Jacobian's contractions plus a dense solve of size
``sum_i |S_i|``.

In exact mode :func:`polish` reconstructs rationals from the polished floats
(continued fractions with growing denominator bounds) and accepts a profile
only if its regret is exactly zero in rational arithmetic; equilibria of
games with three or more players may be irrational, and then there is none.

References
----------
.. [1] McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria in
   finite games. *Handbook of Computational Economics* 1, 87-142 (sec. 3:
   the support system and its Newton refinement).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidStrategy
from ..game import NormalFormGame, Profile, contract_others
from ..result import DEFAULT_TOL

__all__ = ["polish", "nash_contractions", "regret_bound"]

#: Relative thresholds below which a probability is read as zero when guessing supports.
_THRESHOLDS = (1e-3, 1e-5, 1e-7, 1e-9, 1e-12)
#: Relative payoff gaps within which a strategy counts as a best response when guessing supports.
_GAPS = (1e-9, 1e-6, 1e-4, 1e-2)
#: Denominator bounds tried by rational reconstruction, smallest first.
_DENOMINATORS = (2, 12, 60, 360, 10**4, 10**6, 10**8)


def regret_bound(game: NormalFormGame, tol: float | None = None) -> float:
    """The float certificate's regret bound: ``tol`` (default 1e-9) times ``max(1, payoff range)``."""
    span = float(game._float.max() - game._float.min()) if game._float.size else 0.0
    return (DEFAULT_TOL if tol is None else float(tol)) * max(1.0, span)


def nash_contractions(game: NormalFormGame, profile: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Float payoff of each pure strategy of each player against the others' mixed strategies.

    Entry ``i`` has length ``n_i``; entry ``[i][s]`` is ``u_i(s, sigma_{-i})``.
    The profile is not validated (callers pass iterates that may sit a
    rounding error off the simplex).  Cost ``O(N prod(n))``.
    """
    arr = game._float
    prof = [np.asarray(p, dtype=np.float64) for p in profile]
    return [contract_others(arr[..., i], prof, (i,)) for i in range(game.num_players)]


def _jacobian_block(game: NormalFormGame, prof: Sequence[np.ndarray], i: int, j: int) -> np.ndarray:
    """``d u_i(s, sigma_{-i}) / d sigma_j(t)`` as an ``n_i x n_j`` matrix (``i != j``)."""
    block = contract_others(game._float[..., i], prof, (i, j))
    return block if i < j else block.T


def _solve_support(game: NormalFormGame, start: Sequence[np.ndarray], supports: Sequence[np.ndarray],
                   max_iter: int) -> list[np.ndarray] | None:
    """Newton's method on the support system from ``start``; None if it does not converge."""
    sizes = [len(s) for s in supports]
    offsets = np.concatenate([[0], np.cumsum(sizes)])
    prof = []
    for i, s in enumerate(supports):
        p = np.zeros(game.shape[i])
        q = np.clip(np.asarray(start[i], dtype=np.float64)[s], 0.0, None)
        p[s] = q / q.sum() if q.sum() > 0 else 1.0 / len(s)
        prof.append(p)
    scale = max(1.0, float(np.abs(game._float).max()))
    for _ in range(max_iter):
        dev = nash_contractions(game, prof)
        F = np.empty(offsets[-1])
        for i, s in enumerate(supports):
            F[offsets[i]:offsets[i] + sizes[i] - 1] = dev[i][s[1:]] - dev[i][s[0]]
            F[offsets[i + 1] - 1] = prof[i][s].sum() - 1.0
        if np.max(np.abs(F)) <= 1e-15 * scale:
            return prof
        J = np.zeros((offsets[-1], offsets[-1]))
        for i, si in enumerate(supports):
            rows = slice(offsets[i], offsets[i] + sizes[i] - 1)
            for j, sj in enumerate(supports):
                if j == i:
                    continue
                block = _jacobian_block(game, prof, i, j)
                J[rows, offsets[j]:offsets[j + 1]] = block[np.ix_(si[1:], sj)] - block[si[0], sj]
            J[offsets[i + 1] - 1, offsets[i]:offsets[i + 1]] = 1.0
        # the minimum-norm least-squares step ignores (near-)singular directions: a degenerate game's support
        # system has a continuum of solutions, and a plain solve would jump far along it off the simplex
        try:
            step = np.linalg.lstsq(J, -F, rcond=1e-10)[0]
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(step)):
            return None
        largest = float(np.max(np.abs(step)))
        if largest > 0.25:
            step *= 0.25 / largest
        for i, s in enumerate(supports):
            prof[i][s] += step[offsets[i]:offsets[i + 1]]
        if np.max(np.abs(step)) <= 1e-15:
            return prof
    return prof


def _support_guesses(game: NormalFormGame, prof: Sequence[np.ndarray]) -> list[tuple[np.ndarray, ...]]:
    """Candidate support profiles read off an approximate equilibrium, most plausible first."""
    guesses: list[tuple[np.ndarray, ...]] = []
    seen: set = set()

    def add(sup):
        key = tuple(tuple(s.tolist()) for s in sup)
        if all(len(s) for s in sup) and key not in seen:
            seen.add(key)
            guesses.append(sup)

    for t in _THRESHOLDS:
        add(tuple(np.flatnonzero(p > t * p.max()) for p in prof))
    dev = nash_contractions(game, prof)
    span = max(1.0, float(game._float.max() - game._float.min()))
    for gap in _GAPS:
        add(tuple(np.flatnonzero(d >= d.max() - gap * span) for d in dev))
    return guesses


def _clean(prof: Sequence[np.ndarray], supports: Sequence[np.ndarray]) -> list[np.ndarray] | None:
    out = []
    for p, s in zip(prof, supports):
        q = np.zeros_like(p)
        q[s] = p[s]
        if not np.all(np.isfinite(q)) or q.min() < -1e-10:
            return None
        q = np.clip(q, 0.0, None)
        total = q.sum()
        if total <= 0:
            return None
        out.append(q / total)
    return out


def _float_regret(game: NormalFormGame, prof: Sequence[np.ndarray]) -> float:
    dev = nash_contractions(game, prof)
    return max(float(d.max() - d.dot(p)) for d, p in zip(dev, prof))


def _rationalise(game: NormalFormGame, prof: Sequence[np.ndarray]) -> Profile | None:
    """A rational profile near ``prof`` with exact regret zero in ``game``, or None."""
    exact = game.to_exact()
    for bound in _DENOMINATORS:
        cand = []
        for p in prof:
            q = [Fraction(float(x)).limit_denominator(bound) if x > 0 else Fraction(0) for x in p]
            support = [k for k, v in enumerate(q) if v > 0]
            if not support:
                break
            # the largest entry absorbs the rounding so the vector sums to exactly one
            big = max(support, key=lambda k: q[k])
            q[big] = Fraction(1) - sum(v for k, v in enumerate(q) if k != big)
            if q[big] < 0:
                break
            cand.append(np.array(q, dtype=object))
        else:
            # a rational point far from the float one would be another equilibrium, not this one made exact
            if max(float(np.max(np.abs(c.astype(float) - p))) for c, p in zip(cand, prof)) > 1e-4:
                continue
            try:
                if exact.max_regret(tuple(cand), exact=True) == 0:
                    return tuple(cand)
            except InvalidStrategy:
                pass
    return None


def polish(game: NormalFormGame, profile: Sequence[Any], *, tol: float | None = None, exact: bool = False,
           max_iter: int = 50) -> Profile | None:
    """A certified equilibrium near an approximate one, or None.

    Parameters
    ----------
    game : NormalFormGame
    profile : sequence of array_like
        An approximate equilibrium: one nonnegative vector per player (it need
        not sum to one exactly).
    tol : float, optional
        Float regret bound relative to ``max(1, payoff range)``; default
        :data:`gametheory.result.DEFAULT_TOL`.
    exact : bool
        Return a rational profile with regret exactly zero, or None when no
        rational equilibrium is found near ``profile``.
    max_iter : int
        Newton steps per support guess.

    Returns
    -------
    tuple of ndarray or None
        Float vectors whose max regret is at most the bound, or (exact mode)
        Fraction vectors with regret exactly zero.  The bound is checked here;
        solvers still pass the result through :func:`gametheory.result.certify`.

    Examples
    --------
    >>> import numpy as np, gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> [p.round(6).tolist() for p in polish(g, [np.array([0.49, 0.51]), np.array([0.52, 0.48])])]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    prof = [np.clip(np.asarray(p, dtype=np.float64).reshape(-1), 0.0, None) for p in profile]
    if len(prof) != game.num_players or any(len(p) != n for p, n in zip(prof, game.shape)):
        raise InvalidStrategy(f"polish: profile does not match the game's shape {game.shape}")
    if any(not np.all(np.isfinite(p)) or p.sum() <= 0 for p in prof):
        raise InvalidStrategy("polish: profile has NaN/infinite entries or a player with no positive probability")
    prof = [p / p.sum() for p in prof]
    bound = regret_bound(game, tol)
    found = None
    for supports in _support_guesses(game, prof):
        solved = _solve_support(game, prof, supports, max_iter)
        if solved is None:
            continue
        clean = _clean(solved, supports)
        if clean is None or not _float_regret(game, clean) <= bound:
            continue
        if not exact:
            return tuple(clean)
        found = _rationalise(game, clean)
        if found is not None:
            return found
    if _float_regret(game, prof) <= bound:
        return _rationalise(game, prof) if exact else tuple(prof)
    return found
