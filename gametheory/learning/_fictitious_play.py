"""Fictitious play and stochastic (smoothed) fictitious play for N-player games.

Both dynamics keep, for every player ``i``, a *belief* ``x_i``: the empirical
frequency of ``i``'s past actions, started at an initial profile counted as
one observation.  At iteration ``k = 1, 2, ...`` each player responds to the
beliefs about the others and every belief moves towards the response::

    x_i(k) = x_i(k-1) + (r_i(k) - x_i(k-1)) / (k + 1)

so ``x_i(k) = (x_i(0) + r_i(1) + ... + r_i(k)) / (k + 1)``.  Fictitious play
uses a pure best response ``r_i = e_{a_i}``; stochastic fictitious play a
logit (smoothed) best response, or an action drawn from it.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from .._random import make_rng
from ..game import NormalFormGame, contract_others
from ._result import (
    LearningResult,
    absolute_tol,
    check_bool,
    check_choice,
    check_count,
    check_game,
    check_positive,
    finish,
    seed_label,
    mixed_initial,
    payoff_spans,
    strategy_payoffs_batch,
)

__all__ = ["fictitious_play", "stochastic_fictitious_play", "logit_regret"]

# Two payoffs closer than this fraction of the player's payoff range count as tied: float
# round-off in the belief update must not decide a best response, and a relative threshold
# keeps ties the same when a player's payoffs are rescaled.
_TIE_REL = 1e-10


def _tie_thresholds(game: NormalFormGame) -> np.ndarray:
    spans = payoff_spans(game)
    # a player with constant payoffs is indifferent between everything
    return np.where(spans > 0, _TIE_REL * spans, np.inf)


def _others_payoffs(game: NormalFormGame, beliefs: list[np.ndarray], i: int) -> np.ndarray:
    """``u_i(k, x_{-i})`` for every pure ``k`` of player ``i``: one tensor contraction."""
    arr = game.arrays(False)
    if game.num_players == 2:
        return arr[..., 0].dot(beliefs[1]) if i == 0 else beliefs[0].dot(arr[..., 1])
    return contract_others(arr[..., i], beliefs, (i,))


def fictitious_play(
    game: NormalFormGame,
    *,
    iterations: int = 1000,
    initial: Any = None,
    tie_break: str = "first",
    seed: Any = None,
    simultaneous: bool = True,
    tol: float | None = None,
) -> LearningResult:
    """Discrete-time fictitious play: every player best-responds to the empirical play of the others.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; float arithmetic on ``game.arrays(False)``.
    iterations : int
        Number of rounds ``K >= 1``.
    initial : profile, optional
        Initial beliefs, counted as one observation: a mixed profile or a pure
        profile (a sequence of one strategy index or label per player is
        always read as pure).  Default: uniform.
    tie_break : {"first", "random"}
        Among tied best responses (payoffs within ``1e-10`` of the player's
        payoff range), take the lowest index, or one uniformly at random.
    seed : None, int or numpy.random.Generator
        Randomness of ``tie_break="random"`` (unused otherwise).
    simultaneous : bool
        True: in each round all players respond to the beliefs of the
        previous round (the version most studied today).  False: players move
        in turn (player 0 first), each responding to beliefs that already
        include this round's moves of the players before it: Brown's original
        alternating updating [6]_.
    tol : float, optional
        Convergence bound relative to the payoff range (default ``1e-3``).

    Returns
    -------
    LearningResult
        ``times = 0..K``; ``trajectory`` the beliefs after each round
        (row 0: the initial beliefs); ``actions`` the ``(K, N)`` best
        responses played; ``converged`` iff the max regret of the final
        beliefs is at most ``tol * max(1, payoff range)``.

    Raises
    ------
    InvalidGame
        ``game`` is not a NormalFormGame.
    InvalidOption
        ``iterations < 1``, unknown ``tie_break``, bad ``seed`` or ``tol``.
    InvalidStrategy
        ``initial`` does not fit the game.

    Notes
    -----
    With beliefs ``x(k)`` after round ``k``, each player plays
    ``a_i(k+1) in argmax_a u_i(a, x_{-i}(k))`` and
    ``x_i(k+1) = x_i(k) + (e_{a_i(k+1)} - x_i(k)) / (k + 2)``.
    The beliefs converge to the Nash equilibria (their max regret tends to
    zero) in two-player zero-sum games [2]_, in 2 x 2 games [3]_ and in
    potential games [4]_; in Shapley's 3 x 3 game [5]_ they cycle forever.
    Each round costs ``O(N * prod(n_i))`` (one tensor contraction per
    player), so the run is ``O(K * N * prod(n_i))``; regrets of the whole
    trajectory are then computed in one vectorised pass of the same order.

    References
    ----------
    .. [1] Brown, G. W. (1951). Iterative solution of games by fictitious play. In *Activity
       Analysis of Production and Allocation*, Wiley, 374-376.
    .. [2] Robinson, J. (1951). An iterative method of solving a game. *Annals of Mathematics* 54, 296-301.
    .. [3] Miyazawa, K. (1961). On the convergence of the learning process in a 2 x 2 non-zero-sum
       two-person game. Research Memorandum 33, Econometric Research Program, Princeton University.
    .. [4] Monderer, D. and Shapley, L. S. (1996). Fictitious play property for games with identical
       interests. *Journal of Economic Theory* 68, 258-265.
    .. [5] Shapley, L. S. (1964). Some topics in two-person games. In *Advances in Game Theory*,
       Annals of Mathematics Studies 52, 1-28.
    .. [6] Berger, U. (2007). Brown's original fictitious play. *Journal of Economic Theory* 135, 572-578.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.learning import fictitious_play
    >>> pennies = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> r = fictitious_play(pennies, iterations=2000)
    >>> [round(float(p), 2) for p in r.final[0]], r.max_regret < 0.05
    ([0.5, 0.5], True)
    """
    start = time.perf_counter()
    where = "fictitious_play"
    game = check_game(game, where)
    K = check_count(iterations, where, "iterations")
    tie_break = check_choice(tie_break, where, "tie_break", ("first", "random"))
    rng = make_rng(seed, where) if tie_break == "random" else None
    simultaneous = check_bool(simultaneous, where, "simultaneous")
    bound = absolute_tol(game, tol, 1e-3, where)
    beliefs = mixed_initial(game, initial, where)
    n = game.num_players
    thresholds = _tie_thresholds(game)
    traj = [np.empty((K + 1, m)) for m in game.shape]
    for i in range(n):
        traj[i][0] = beliefs[i]
    actions = np.empty((K, n), dtype=np.intp)

    def respond(i: int, current: list[np.ndarray]) -> int:
        d = _others_payoffs(game, current, i)
        best = d.max()
        ties = np.flatnonzero(d >= best - thresholds[i])
        if rng is None or len(ties) == 1:
            return int(ties[0])
        return int(rng.choice(ties))

    for k in range(1, K + 1):
        step = 1.0 / (k + 1)
        if simultaneous:
            moves = [respond(i, beliefs) for i in range(n)]
            for i, a in enumerate(moves):
                beliefs[i] = beliefs[i] * (1.0 - step)
                beliefs[i][a] += step
        else:
            moves = []
            for i in range(n):
                a = respond(i, beliefs)
                beliefs[i] = beliefs[i] * (1.0 - step)
                beliefs[i][a] += step
                moves.append(a)
        actions[k - 1] = moves
        for i in range(n):
            traj[i][k] = beliefs[i]
    actions.setflags(write=False)
    return finish(
        game,
        "fictitious_play",
        np.arange(K + 1),
        traj,
        start=start,
        tol=bound,
        criterion="max regret of the final beliefs",
        parameters={
            "iterations": K,
            "tie_break": tie_break,
            "seed": seed_label(seed),
            "simultaneous": simultaneous,
            "tol": tol,
            "initial": None if initial is None else "given",
        },
        actions=actions,
    )


def _logit(d: np.ndarray, temperature: float) -> np.ndarray:
    z = (d - d.max()) / temperature
    e = np.exp(z)
    return e / e.sum()


def logit_regret(game: NormalFormGame, profile: Any, temperature: float) -> float:
    """The max over players of the regret in the entropy-perturbed game: zero exactly at a logit equilibrium.

    For player ``i`` with payoffs ``d_i = u_i(., x_{-i})`` this is::

        max_y [y . d_i + T H(y)] - [x_i . d_i + T H(x_i)]
            = T log sum_k exp(d_ik / T) - x_i . d_i - T H(x_i),

    ``H(y) = -sum_k y_k log y_k``; it is ``>= 0`` and vanishes iff
    ``x_i = softmax(d_i / T)`` (the logit smoothed best response).  ``O(N * prod(n_i))``.

    Examples
    --------
    >>> import gametheory as gt
    >>> pennies = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> logit_regret(pennies, ([0.5, 0.5], [0.5, 0.5]), 0.1)
    0.0
    """
    where = "logit_regret"
    game = check_game(game, where)
    T = check_positive(temperature, where, "temperature")
    prof = [np.asarray(p, dtype=np.float64) for p in game.profile(profile, exact=False)]
    return float(_logit_regrets(game, [p[None, :] for p in prof], T)[0])


def _logit_regrets(game: NormalFormGame, trajectory: list[np.ndarray], T: float) -> np.ndarray:
    dev = strategy_payoffs_batch(game, trajectory)
    worst = np.zeros(trajectory[0].shape[0])
    for d, x in zip(dev, trajectory):
        top = d.max(axis=1)
        soft = top + T * np.log(np.exp((d - top[:, None]) / T).sum(axis=1))
        with np.errstate(divide="ignore", invalid="ignore"):
            ent = -np.where(x > 0, x * np.log(np.where(x > 0, x, 1.0)), 0.0).sum(axis=1)
        np.maximum(worst, soft - np.einsum("tk,tk->t", d, x) - T * ent, out=worst)
    # the two sides agree to round-off at a logit equilibrium
    return np.maximum(worst, 0.0)


def stochastic_fictitious_play(
    game: NormalFormGame,
    *,
    temperature: float = 0.1,
    iterations: int = 1000,
    initial: Any = None,
    seed: Any = None,
    simultaneous: bool = True,
    tol: float | None = None,
) -> LearningResult:
    """Stochastic fictitious play: logit (smoothed) best responses to empirical beliefs.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    temperature : float
        Logit noise ``T > 0`` in payoff units: a player's response to beliefs
        ``x_{-i}`` is ``L_i(x)_k = exp(u_i(k, x_{-i}) / T) / sum_j exp(u_i(j, x_{-i}) / T)``
        (``T -> 0`` recovers best responses; ``1 / T`` is the ``lambda`` of
        a logit quantal response equilibrium).
    iterations : int
        Number of rounds ``K >= 1``.
    initial : profile, optional
        Initial beliefs (one observation), mixed or pure; default uniform.
    seed : None, int or numpy.random.Generator
        None: the deterministic (mean) process, beliefs move towards the
        mixed response ``L_i`` itself.  Given: realised actions are drawn
        from ``L_i`` and beliefs move towards the action played, as in
        Fudenberg and Kreps [1]_; ``actions`` holds them.
    simultaneous : bool
        All players respond to last round's beliefs (True) or in turn (False).
    tol : float, optional
        Convergence bound relative to the payoff range (default ``1e-3``).

    Returns
    -------
    LearningResult
        ``trajectory`` the beliefs (row 0: the initial ones).
        ``converged`` iff the *logit regret* of the final beliefs (see
        :func:`logit_regret`; zero exactly at a logit equilibrium, the rest
        point of the process) is at most ``tol * max(1, payoff range)``.
        ``max_regret`` is the ordinary (Nash) regret, of order ``T log n``
        at the limit.

    Raises
    ------
    InvalidGame, InvalidOption, InvalidStrategy
        As :func:`fictitious_play`; ``InvalidOption`` also for a
        non-positive or non-finite ``temperature``.

    Notes
    -----
    ``x_i(k+1) = x_i(k) + (r_i(k+1) - x_i(k)) / (k + 2)`` with
    ``r_i = L_i(x(k))`` (deterministic) or ``r_i = e_{a_i}``,
    ``a_i ~ L_i(x(k))`` (sampled).  By stochastic approximation the beliefs
    track the logit (perturbed best response) dynamic
    ``dx/dt = L(x) - x``, whose rest points are logit equilibria; they
    converge to one almost surely in zero-sum and potential games [2]_.
    Cost ``O(K * N * prod(n_i))``, as fictitious play.

    References
    ----------
    .. [1] Fudenberg, D. and Kreps, D. M. (1993). Learning mixed equilibria. *Games and Economic
       Behavior* 5, 320-367.
    .. [2] Hofbauer, J. and Sandholm, W. H. (2002). On the global convergence of stochastic
       fictitious play. *Econometrica* 70, 2265-2294.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.learning import stochastic_fictitious_play
    >>> rps = gt.NormalFormGame.from_bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    >>> r = stochastic_fictitious_play(rps, temperature=0.5, iterations=2000, initial=[0, 1])
    >>> r.converged, [round(float(p), 2) for p in r.final[0]]
    (True, [0.33, 0.33, 0.33])
    """
    start = time.perf_counter()
    where = "stochastic_fictitious_play"
    game = check_game(game, where)
    T = check_positive(temperature, where, "temperature")
    K = check_count(iterations, where, "iterations")
    simultaneous = check_bool(simultaneous, where, "simultaneous")
    rng = None if seed is None else make_rng(seed, where)
    bound = absolute_tol(game, tol, 1e-3, where)
    beliefs = mixed_initial(game, initial, where)
    n = game.num_players
    traj = [np.empty((K + 1, m)) for m in game.shape]
    for i in range(n):
        traj[i][0] = beliefs[i]
    actions = None if rng is None else np.empty((K, n), dtype=np.intp)
    draws = None if rng is None else rng.random((K, n))

    def respond(i: int, current: list[np.ndarray], k: int) -> np.ndarray:
        p = _logit(_others_payoffs(game, current, i), T)
        if rng is None:
            return p
        # inverse-CDF sampling from a uniform drawn up front (rng.choice costs far more per call)
        a = min(int(np.searchsorted(np.cumsum(p), draws[k - 1, i], side="right")), len(p) - 1)
        actions[k - 1, i] = a
        e = np.zeros(len(p))
        e[a] = 1.0
        return e

    for k in range(1, K + 1):
        step = 1.0 / (k + 1)
        if simultaneous:
            resp = [respond(i, beliefs, k) for i in range(n)]
            for i in range(n):
                beliefs[i] = (1.0 - step) * beliefs[i] + step * resp[i]
        else:
            for i in range(n):
                beliefs[i] = (1.0 - step) * beliefs[i] + step * respond(i, beliefs, k)
        for i in range(n):
            # a convex combination of nonnegative vectors stays nonnegative in floating point;
            # dividing by the sum stops the total drifting away from 1 over many rounds
            traj[i][k] = beliefs[i] = beliefs[i] / beliefs[i].sum()
    residual = float(_logit_regrets(game, [x[-1:] for x in traj], T)[0])
    if actions is not None:
        actions.setflags(write=False)
    return finish(
        game,
        "stochastic_fictitious_play",
        np.arange(K + 1),
        traj,
        start=start,
        tol=bound,
        criterion="logit regret (temperature T) of the final beliefs",
        residual=residual,
        parameters={
            "temperature": T,
            "iterations": K,
            "seed": seed_label(seed),
            "sampled": rng is not None,
            "simultaneous": simultaneous,
            "tol": tol,
            "initial": None if initial is None else "given",
        },
        actions=actions,
    )
