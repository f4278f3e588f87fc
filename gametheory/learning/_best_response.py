"""Pure best-response dynamics for N-player games, with cycle detection."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from ..game import NormalFormGame
from ..result import DEFAULT_TOL
from ._result import (
    LearningResult,
    absolute_tol,
    check_choice,
    check_count,
    check_game,
    finish,
    payoff_spans,
    pure_initial,
)

__all__ = ["best_response_dynamics"]

# Payoffs within this fraction of a player's payoff range count as tied (see fictitious play).
_TIE_REL = 1e-10


def best_response_dynamics(
    game: NormalFormGame,
    *,
    initial: Any = None,
    order: str = "sequential",
    max_steps: int = 1000,
    tol: float | None = None,
) -> LearningResult:
    """Pure best-response dynamics: players switch to best responses until no one wants to, or play cycles.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    initial : sequence, optional
        The starting pure profile, one strategy index or label per player
        (default: every player's first strategy).
    order : {"sequential", "simultaneous"}
        ``"sequential"``: one player moves per step, the first player in
        round-robin order (after the last mover) who is not playing a best
        response.  ``"simultaneous"``: every player not playing a best
        response switches at once.
    max_steps : int
        Give up after this many steps (``>= 1``).
    tol : float, optional
        Regret bound of the final profile, relative to the payoff range
        (default ``1e-9``).

    Returns
    -------
    LearningResult
        ``actions`` (shape ``(S + 1, N)``) the pure profiles visited,
        ``trajectory`` the same as one-hot mixed strategies, ``times = 0..S``.
        ``status`` is ``"equilibrium"`` (the last profile is a pure Nash
        equilibrium), ``"cycle"`` (a state repeated: ``cycle`` lists the
        profiles of the cycle in order, and the trajectory ends where it
        closes) or ``"max_steps"``.  ``converged`` iff the max regret of the
        last profile is at most ``tol * max(1, payoff range)``.

    Raises
    ------
    InvalidGame
        ``game`` is not a NormalFormGame.
    InvalidOption
        Unknown ``order``, ``max_steps < 1``, bad ``tol``.
    InvalidStrategy
        ``initial`` is not a pure profile of the game.

    Notes
    -----
    A player who already plays a best response keeps it; otherwise she
    switches to her lowest-index best response (payoffs within ``1e-10`` of
    her payoff range count as tied), so the dynamics are deterministic and a
    repeated state (profile, and for ``"sequential"`` the last mover) proves a
    cycle.  Sequential dynamics in a finite potential game strictly increase
    the potential at every step, so they end at a pure equilibrium (the finite
    improvement property [1]_); simultaneous dynamics may cycle even there
    (two players miscoordinating forever).  A step costs ``O(N * max n_i)``
    payoff look-ups; cycle detection keeps a hash of visited states, so the
    run is ``O(S * N * max n_i)`` time and ``O(S * N)`` memory.

    References
    ----------
    .. [1] Monderer, D. and Shapley, L. S. (1996). Potential games. *Games and Economic Behavior* 14, 124-143.
    .. [2] Matsui, A. (1992). Best response dynamics and socially stable strategies. *Journal of
       Economic Theory* 57, 343-362.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.learning import best_response_dynamics
    >>> pennies = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> r = best_response_dynamics(pennies)
    >>> r.status, r.cycle
    ('cycle', [(0, 0), (0, 1), (1, 1), (1, 0)])
    """
    start = time.perf_counter()
    where = "best_response_dynamics"
    game = check_game(game, where)
    order = check_choice(order, where, "order", ("sequential", "simultaneous"))
    S = check_count(max_steps, where, "max_steps")
    bound = absolute_tol(game, tol, DEFAULT_TOL, where)
    n = game.num_players
    profile = (0,) * n if initial is None else pure_initial(game, initial, where)
    arr = game.arrays(False)
    spans = payoff_spans(game)
    thresholds = np.where(spans > 0, _TIE_REL * spans, np.inf)

    def reply(i: int, s: tuple[int, ...]) -> int:
        """``s_i`` if it is a best response to ``s_{-i}``, else the lowest-index best response."""
        d = arr[s[:i] + (slice(None),) + s[i + 1:] + (i,)]
        best = d.max()
        if d[s[i]] >= best - thresholds[i]:
            return s[i]
        return int(np.flatnonzero(d >= best - thresholds[i])[0])

    visited = [profile]
    last = n - 1
    # index in ``visited`` at which each state (profile, and the player about to move) was left
    seen: dict = {}
    status, cycle = "max_steps", None
    message = f"no pure equilibrium or cycle within {S} steps"
    for step in range(S + 1):
        if order == "sequential":
            mover = None
            for j in range(n):
                i = (last + 1 + j) % n
                b = reply(i, profile)
                if b != profile[i]:
                    mover = i
                    break
            if mover is None:
                status, message = "equilibrium", f"reached a pure Nash equilibrium after {step} steps"
                break
            key: Any = (profile, mover)
            new = profile[:mover] + (b,) + profile[mover + 1:]
            last = mover
        else:
            new = tuple(reply(i, profile) for i in range(n))
            if new == profile:
                status, message = "equilibrium", f"reached a pure Nash equilibrium after {step} steps"
                break
            key = profile
        if key in seen:
            # deterministic moves from a repeated state repeat forever
            first = seen[key]
            cycle = visited[first:-1]
            status = "cycle"
            message = f"entered a cycle of {len(cycle)} profiles after {first} steps"
            break
        if step == S:
            break
        seen[key] = len(visited) - 1
        profile = new
        visited.append(profile)
    actions = np.array(visited, dtype=np.intp)
    actions.setflags(write=False)
    traj = [np.eye(m)[actions[:, i]] for i, m in enumerate(game.shape)]
    return finish(
        game,
        "best_response_dynamics",
        np.arange(len(visited)),
        traj,
        start=start,
        tol=bound,
        criterion="max regret of the last profile",
        status=status,
        message=message,
        parameters={
            "order": order,
            "max_steps": S,
            "tol": tol,
            "initial": None if initial is None else ",".join(map(str, visited[0])),
        },
        actions=actions,
        cycle=cycle,
    )
