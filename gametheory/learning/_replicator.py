"""Multi-population replicator dynamics, integrated with :func:`scipy.integrate.solve_ivp`."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from scipy.integrate import solve_ivp

from ..errors import SolverError
from ..game import NormalFormGame
from ._result import (
    LearningResult,
    absolute_tol,
    check_choice,
    check_count,
    check_game,
    check_positive,
    finish,
    mixed_initial,
)

__all__ = ["replicator_dynamics"]

_METHODS = ("RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA")
# numpy 2 renamed trapz to trapezoid; the project supports numpy >= 1.26
_trapezoid = getattr(np, "trapezoid", None) or getattr(np, "trapz")


def _softmax_rows(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def replicator_dynamics(
    game: NormalFormGame,
    *,
    initial: Any = None,
    t_max: float = 100.0,
    num_points: int = 1001,
    method: str = "RK45",
    rtol: float = 1e-8,
    atol: float = 1e-10,
    tol: float | None = None,
) -> LearningResult:
    """The replicator dynamics of an N-population game, from an initial profile to time ``t_max``.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players; player ``i`` is a population whose state
        ``x_i`` is the share of each pure strategy.
    initial : profile, optional
        Initial state, mixed or pure (default: uniform, the barycentre).
        Strategies with share zero stay at zero: every face of the simplex is invariant.
    t_max : float
        Final time ``> 0``.
    num_points : int
        Number of recorded points, evenly spaced on ``[0, t_max]`` (``>= 2``).
    method : {"RK45", "RK23", "DOP853", "Radau", "BDF", "LSODA"}
        Integrator of :func:`scipy.integrate.solve_ivp`.
    rtol, atol : float
        Its relative and absolute tolerances, on log-shares (see Notes).
    tol : float, optional
        Convergence bound relative to the payoff range (default ``1e-3``).

    Returns
    -------
    LearningResult
        ``times`` the recorded times, ``trajectory`` the states, ``average``
        the time average ``(1 / t_max) int_0^t_max x(t) dt`` (trapezoid rule
        on the recorded points), which converges to the interior equilibrium
        when the orbit stays interior and cycles [2]_.  ``converged`` iff the
        max regret of the final state is at most ``tol * max(1, payoff range)``.

    Raises
    ------
    InvalidGame, InvalidStrategy
        ``game`` is not a NormalFormGame; ``initial`` does not fit it.
    InvalidOption
        Unknown ``method``; ``t_max``, ``rtol``, ``atol`` or ``tol`` not
        positive and finite; ``num_points < 2``.
    SolverError
        The integrator failed (``message`` of solve_ivp is quoted).

    Notes
    -----
    With ``d_ik(x) = u_i(k, x_{-i})``, the multi-population replicator
    dynamics [1]_ are::

        dx_ik/dt = x_ik (d_ik(x) - x_i . d_i(x)).

    On the support of ``x_i(0)`` they are integrated in log-shares
    ``z_ik = log x_ik``, ``dz_ik/dt = d_ik - x_i . d_i``, ``x_i = softmax(z_i)``:
    the state is then on the simplex by construction (no clipping or
    renormalising of the integrator's output), and shares of dying
    strategies decay exponentially without going negative.  Each evaluation
    of the vector field costs ``O(N * prod(n_i))``; the whole run costs that
    times the number of steps the integrator takes.  Strictly dominated
    strategies vanish from interior starts: if ``s`` is strictly dominated by
    ``t`` with margin ``c`` then ``log(x_is / x_it)`` decreases at rate at least ``c``.

    References
    ----------
    .. [1] Taylor, P. D. and Jonker, L. B. (1978). Evolutionarily stable strategies and game
       dynamics. *Mathematical Biosciences* 40, 145-156.
    .. [2] Hofbauer, J. and Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
       Cambridge University Press (chapters 7 and 10: time averages, bimatrix replicator dynamics).

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.learning import replicator_dynamics
    >>> pd = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> r = replicator_dynamics(pd, t_max=30, num_points=31)
    >>> r.converged, [round(float(p), 6) for p in r.final[0]]
    (True, [0.0, 1.0])
    """
    start = time.perf_counter()
    where = "replicator_dynamics"
    game = check_game(game, where)
    t_end = check_positive(t_max, where, "t_max")
    P = check_count(num_points, where, "num_points", minimum=2)
    method = check_choice(method, where, "method", _METHODS)
    rt = check_positive(rtol, where, "rtol")
    at = check_positive(atol, where, "atol")
    bound = absolute_tol(game, tol, 1e-3, where)
    x0 = mixed_initial(game, initial, where)
    supports = [np.flatnonzero(x > 0) for x in x0]
    sizes = [len(s) for s in supports]
    cuts = np.cumsum(sizes)[:-1]
    z0 = np.concatenate([np.log(x[s]) for x, s in zip(x0, supports)])

    def state(z: np.ndarray) -> list[np.ndarray]:
        """Full mixed strategies, shape ``(K, n_i)``, from a batch of log-share vectors ``(K, sum sizes)``."""
        out = []
        for zi, s, m in zip(np.split(z, cuts, axis=1), supports, game.shape):
            x = np.zeros((z.shape[0], m))
            x[:, s] = _softmax_rows(zi)
            out.append(x)
        return out

    def field(_t: float, z: np.ndarray) -> np.ndarray:
        xs = tuple(x[0] for x in state(z[None, :]))
        # one profile per call: the plain tensor contraction, without einsum's path search
        dev = game._strategy_payoffs(xs, False)
        parts = [d[s] - d.dot(x) for d, x, s in zip(dev, xs, supports)]
        return np.concatenate(parts)

    t_eval = np.linspace(0.0, t_end, P)
    sol = solve_ivp(field, (0.0, t_end), z0, method=method, t_eval=t_eval, rtol=rt, atol=at)
    if sol.status != 0 or sol.y.shape[1] != P or not np.all(np.isfinite(sol.y)):
        raise SolverError(f"{where}: solve_ivp ({method}) failed: {sol.message}")
    traj = state(sol.y.T)
    average = [_trapezoid(x, t_eval, axis=0) / t_end for x in traj]
    return finish(
        game,
        "replicator_dynamics",
        t_eval,
        traj,
        start=start,
        tol=bound,
        criterion="max regret of the final state",
        average=average,
        message=f"solve_ivp ({method}): {sol.nfev} evaluations of the vector field",
        parameters={
            "t_max": t_end,
            "num_points": P,
            "method": method,
            "rtol": rt,
            "atol": at,
            "tol": tol,
            "initial": None if initial is None else "given",
        },
    )
