"""Regret matching (Hart and Mas-Colell 2000) and the correlated-equilibrium violation of a joint distribution."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from .._random import make_rng
from ..game import NormalFormGame
from ._result import (
    LearningResult,
    absolute_tol,
    check_count,
    check_game,
    finish,
    seed_label,
    mixed_initial,
    payoff_spans,
)

__all__ = ["regret_matching", "ce_violation"]


def _ce_gains(game: NormalFormGame, joint: np.ndarray) -> list[np.ndarray]:
    """For each player ``i`` the ``(n_i, n_i)`` matrix of gains ``G_i[s, t]`` from switching ``s -> t``.

    ``G_i[s, t] = sum_{s_-i} mu(s, s_-i) [u_i(t, s_-i) - u_i(s, s_-i)]``: with
    ``M`` and ``U`` the distribution and payoffs with player ``i``'s axis first
    and the others flattened, ``G = M U^T - diag(M U^T)`` broadcast by rows.
    """
    arr = game.arrays(False)
    out = []
    for i, m in enumerate(game.shape):
        M = np.moveaxis(joint, i, 0).reshape(m, -1)
        U = np.moveaxis(arr[..., i], i, 0).reshape(m, -1)
        cross = M @ U.T
        out.append(cross - np.diag(cross)[:, None])
    return out


def ce_violation(game: NormalFormGame, joint: np.ndarray) -> float:
    """Largest gain any player expects from obeying ``s -> t`` instead of a recommendation ``s``.

    ``max(0, max_i max_{s != t} sum_{s_-i} mu(s, s_-i) [u_i(t, s_-i) - u_i(s, s_-i)])``;
    zero exactly when ``mu`` is a correlated equilibrium (Aumann 1974).
    ``O(N * max n_i * prod(n_i))`` (one matrix product per player).

    Examples
    --------
    >>> import numpy as np
    >>> import gametheory as gt
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> ce_violation(chicken, np.array([[1, 1], [1, 0]]) / 3)
    0.0
    """
    mu = np.asarray(joint, dtype=np.float64)
    return max(0.0, max(float(g.max()) for g in _ce_gains(game, mu)))


def regret_matching(
    game: NormalFormGame,
    *,
    iterations: int = 10000,
    initial: Any = None,
    seed: Any = None,
    tol: float | None = None,
) -> LearningResult:
    """Hart and Mas-Colell's regret matching: the empirical distribution of play approaches the correlated equilibria.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    iterations : int
        Number of periods ``K >= 1``.
    initial : profile, optional
        Mixed (or pure) profile the first period's actions are drawn from
        (default uniform).
    seed : None, int or numpy.random.Generator
        Source of the sampled actions (None: fresh entropy).
    tol : float, optional
        Convergence bound relative to the payoff range (default ``1e-2``).

    Returns
    -------
    LearningResult
        ``trajectory`` the mixed strategy each player used in each period
        ``1..K`` (``times``), ``actions`` the sampled actions, ``average``
        the marginal frequencies of play, ``joint`` the empirical joint
        distribution ``z_K(s) = #{t <= K : s^t = s} / K`` (shape
        ``game.shape``), ``ce_violation`` its correlated-equilibrium
        violation (:func:`ce_violation`).  ``converged`` iff ``ce_violation``
        is at most ``tol * max(1, payoff range)``.

    Raises
    ------
    InvalidGame, InvalidStrategy
        ``game`` is not a NormalFormGame; ``initial`` does not fit it.
    InvalidOption
        ``iterations < 1``, a bad ``seed`` or ``tol``.

    Notes
    -----
    Player ``i`` keeps ``D_i[j, k] = sum_{t <= K, s_i^t = j} [u_i(k, s_{-i}^t) - u_i(s^t)]``.
    Having played ``j`` in period ``K``, she plays ``k != j`` in period
    ``K + 1`` with probability ``max(D_i[j, k], 0) / (K mu_i)`` and stays with
    ``j`` otherwise.  The inertia ``mu_i = 2 (n_i - 1) span_i``, twice the most
    the regrets can sum to (``span_i`` is player ``i``'s payoff range;
    ``mu_i = 2`` for a player with one strategy or constant payoffs), keeps
    the stay probability at least one half; Hart and Mas-Colell need ``mu_i``
    large enough for it to be a probability.  Then the
    empirical distribution ``z_K`` converges almost surely to the set of
    correlated equilibria [1]_: ``ce_violation(z_K) = max_i max_j max_k D_i[j, k] / K -> 0``,
    typically at rate ``K^{-1/2}``.  Each period costs ``O(N * max n_i)``
    (a look-up of payoff vectors), so the run is ``O(K * N * max n_i)`` plus
    the vectorised regrets of the trajectory, ``O(K * N * prod(n_i))``.

    References
    ----------
    .. [1] Hart, S. and Mas-Colell, A. (2000). A simple adaptive procedure leading to correlated
       equilibrium. *Econometrica* 68, 1127-1150.
    .. [2] Aumann, R. J. (1974). Subjectivity and correlation in randomized strategies. *Journal
       of Mathematical Economics* 1, 67-96.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.learning import regret_matching
    >>> chicken = gt.NormalFormGame.from_bimatrix([[6, 2], [7, 0]], [[6, 7], [2, 0]])
    >>> r = regret_matching(chicken, iterations=5000, seed=1)
    >>> r.converged, r.joint.shape, r.ce_violation < 0.07
    (True, (2, 2), True)
    """
    start = time.perf_counter()
    where = "regret_matching"
    game = check_game(game, where)
    K = check_count(iterations, where, "iterations")
    rng = make_rng(seed, where)
    bound = absolute_tol(game, tol, 1e-2, where)
    p0 = mixed_initial(game, initial, where)
    n = game.num_players
    arr = game.arrays(False)
    spans = payoff_spans(game)
    inertia = 2.0 * np.maximum(np.array(game.shape) - 1, 1) * np.where(spans > 0, spans, 1.0)
    # each player's payoff vector against the others' pure actions is one look-up in these views
    views = [np.moveaxis(arr[..., i], i, -1) for i in range(n)]
    # per-period vectors have a handful of entries, where Python floats beat numpy's per-call
    # overhead several times over; the regrets of the trajectory, the joint distribution and the
    # CE gains below are vectorised
    D = [[[0.0] * m for _ in range(m)] for m in game.shape]
    scale = [1.0 / float(c) for c in inertia]
    traj = [np.empty((K, m)) for m in game.shape]
    actions = np.empty((K, n), dtype=np.intp)
    probs = [p.tolist() for p in p0]
    # one uniform draw per player and period, taken up front, turned into actions by inverse CDF
    draws = rng.random((K, n)).tolist()
    for t in range(K):
        s = []
        for p, u in zip(probs, draws[t]):
            acc, a = 0.0, len(p) - 1
            for k, pk in enumerate(p):
                acc += pk
                if u < acc:
                    a = k
                    break
            s.append(a)
        for i in range(n):
            traj[i][t] = probs[i]
        actions[t] = s
        weight = 1.0 / (t + 1)
        for i in range(n):
            d = views[i][tuple(s[:i] + s[i + 1:])].tolist()
            j = s[i]
            row = D[i][j]
            base = d[j]
            for k in range(len(d)):
                row[k] += d[k] - base
            c = weight * scale[i]
            p = [r * c if r > 0.0 else 0.0 for r in row]
            p[j] = 0.0
            p[j] = max(0.0, 1.0 - sum(p))
            probs[i] = p
    joint = np.bincount(np.ravel_multi_index(tuple(actions.T), game.shape), minlength=int(np.prod(game.shape)))
    joint = (joint / K).reshape(game.shape)
    joint.setflags(write=False)
    actions.setflags(write=False)
    marginals = [np.bincount(actions[:, i], minlength=m) / K for i, m in enumerate(game.shape)]
    violation = ce_violation(game, joint)
    return finish(
        game,
        "regret_matching",
        np.arange(1, K + 1),
        traj,
        start=start,
        tol=bound,
        criterion="correlated-equilibrium violation of the empirical joint distribution",
        residual=violation,
        average=marginals,
        parameters={
            "iterations": K,
            "seed": seed_label(seed),
            "tol": tol,
            "initial": None if initial is None else "given",
        },
        actions=actions,
        joint=joint,
        ce_violation=violation,
    )
