"""The result every learning dynamic returns, and the checks shared by the dynamics.

A learning dynamic produces a *trajectory*: a sequence of mixed strategy
profiles (beliefs, population states or the mixed strategies played).  No
dynamic returns a trajectory it has not checked: :func:`finish` verifies that
every point is a valid mixed profile (finite, nonnegative, each strategy
summing to one), computes the max regret of every point in one vectorised
pass, and decides ``converged`` by comparing a measured *residual* (the max
regret of the final profile, or the quantity the method's convergence theorem
is about) with a stated tolerance.  Nothing about convergence is assumed.

Conventions
-----------
A trajectory is stored *stacked*: a tuple with one array per player, the
``i``-th of shape ``(T, n_i)``, row ``t`` being player ``i``'s mixed strategy
at the ``t``-th recorded point.  All arithmetic is float64 on the game's
float payoffs (``game.arrays(False)``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from numbers import Integral, Real
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidGame, InvalidOption, InvalidStrategy, SolverError
from ..game import NormalFormGame, Profile

__all__ = ["LearningResult", "finish", "trajectory_regrets", "strategy_payoffs_batch"]

# Validity slack of a trajectory point: round-off of a few hundred float updates, far below any
# probability a user would read.
_SUM_TOL = 1e-9
# Rows of a stacked trajectory contracted at once: bounds the einsum intermediates to a few MB.
_CHUNK_ENTRIES = 2_000_000


@dataclass(frozen=True, eq=False)
class LearningResult:
    """The whole run of a learning dynamic, with the regret of every point.

    Attributes
    ----------
    game : NormalFormGame
        The game that was played.
    method : str
        ``"fictitious_play"``, ``"stochastic_fictitious_play"``,
        ``"best_response_dynamics"``, ``"replicator_dynamics"`` or ``"regret_matching"``.
    times : ndarray
        Shape ``(T,)``: the iteration number of each recorded point (ints,
        ``0`` is the initial point) or, for continuous-time dynamics, the time.
    trajectory : tuple of ndarray
        One array per player, the ``i``-th of shape ``(T, n_i)``: the mixed
        strategy of player ``i`` at each recorded point.  Every row is a
        probability vector (checked).
    final : tuple of ndarray
        The last point of the trajectory, as a profile.
    average : tuple of ndarray or None
        A time average of play where the method's theory is about one (the
        replicator's time average, regret matching's marginal frequencies);
        None otherwise (fictitious-play beliefs are already averages).
    regrets : ndarray
        Shape ``(T,)``: max regret (over players) of each trajectory point.
    max_regret : float
        Max regret of ``final``: the most any player gains by a unilateral deviation.
    residual : float
        The measured quantity ``converged`` is about (see ``criterion``).
    tol : float
        Absolute bound: ``tol`` argument times ``max(1, payoff range)``.
    converged : bool
        ``residual <= tol``, computed, never assumed.
    criterion : str
        What ``residual`` measures, in words.
    status : str
        ``"converged"`` or ``"not_converged"``; best-response dynamics use
        ``"equilibrium"``, ``"cycle"`` or ``"max_steps"``.
    message : str
        Human-readable detail on ``status``.
    parameters : dict
        The options the dynamic ran with.
    time : float
        Wall-clock seconds from the call to the checked result.
    actions : ndarray or None
        Shape ``(K, N)`` ints: the pure actions played at each step when
        play is pure (fictitious play, best-response dynamics, sampled play).
    cycle : list of tuple of int or None
        Best-response dynamics: the pure profiles of the cycle entered, in order.
    joint : ndarray or None
        Regret matching: the empirical joint distribution of play, shape ``game.shape``.
    ce_violation : float or None
        Regret matching: the largest gain of a player from a switch ``s -> t``
        under ``joint`` (zero exactly at a correlated equilibrium).
    """

    game: NormalFormGame
    method: str
    times: np.ndarray
    trajectory: tuple[np.ndarray, ...]
    final: Profile
    average: Profile | None
    regrets: np.ndarray
    max_regret: float
    residual: float
    tol: float
    converged: bool
    criterion: str
    status: str = "converged"
    message: str = ""
    parameters: dict = field(default_factory=dict)
    time: float = 0.0
    actions: np.ndarray | None = None
    cycle: list[tuple[int, ...]] | None = None
    joint: np.ndarray | None = None
    ce_violation: float | None = None

    def __len__(self) -> int:
        return len(self.times)

    def profile_at(self, k: int) -> Profile:
        """The ``k``-th recorded point of the trajectory as a profile (one vector per player)."""
        return tuple(x[k] for x in self.trajectory)

    def to_dict(self) -> dict:
        """A JSON-ready dict of the run: trajectory, regrets, final profile and status.

        Examples
        --------
        >>> import gametheory as gt
        >>> from gametheory.learning import fictitious_play
        >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> d = fictitious_play(g, iterations=3).to_dict()
        >>> d["method"], d["final"], d["converged"]
        ('fictitious_play', [[0.125, 0.875], [0.125, 0.875]], False)
        """

        def prof(p: Profile | None):
            return None if p is None else [[float(v) for v in s] for s in p]

        out: dict[str, Any] = {
            "method": self.method,
            "times": self.times.tolist(),
            "trajectory": [x.tolist() for x in self.trajectory],
            "final": prof(self.final),
            "average": prof(self.average),
            "regrets": self.regrets.tolist(),
            "max_regret": float(self.max_regret),
            "residual": float(self.residual),
            "tol": float(self.tol),
            "converged": bool(self.converged),
            "criterion": self.criterion,
            "status": self.status,
            "message": self.message,
            "parameters": {
                k: v for k, v in self.parameters.items() if isinstance(v, (int, float, str, bool, type(None)))
            },
            "time": self.time,
            "game": {"title": self.game.title, "players": list(self.game.players), "shape": list(self.game.shape)},
        }
        if self.actions is not None:
            out["actions"] = self.actions.tolist()
        if self.cycle is not None:
            out["cycle"] = [list(c) for c in self.cycle]
        if self.joint is not None:
            out["joint"] = self.joint.tolist()
        if self.ce_violation is not None:
            out["ce_violation"] = float(self.ce_violation)
        return out

    def __str__(self) -> str:
        head = (
            f"{self.method}: {len(self.times)} points, status {self.status}; "
            f"max regret {self.max_regret:.6g} ({'converged' if self.converged else 'not converged'}: "
            f"{self.criterion} = {self.residual:.3g}, bound {self.tol:.3g})"
        )
        lines = [head]
        if self.message:
            lines.append(f"  {self.message}")
        for i, s in enumerate(self.final):
            lines.append(f"  {self.game.players[i]}: (" + ", ".join(f"{p:.6g}" for p in s) + ")")
        return "\n".join(lines)


# ----------------------------------------------------------------------- boundary checks
def check_game(game: Any, where: str) -> NormalFormGame:
    if not isinstance(game, NormalFormGame):
        raise InvalidGame(f"{where}: game must be a NormalFormGame, got {type(game).__name__}")
    return game


def check_count(value: Any, where: str, arg: str, minimum: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be an int")
    if value < minimum:
        raise InvalidOption(f"{where}: {arg} = {value} must be at least {minimum}")
    return int(value)


def check_positive(value: Any, where: str, arg: str) -> float:
    if isinstance(value, bool) or not isinstance(value, Real):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be a positive number")
    v = float(value)
    if not (np.isfinite(v) and v > 0):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be a positive finite number")
    return v


def check_bool(value: Any, where: str, arg: str) -> bool:
    if not isinstance(value, (bool, np.bool_)):
        raise InvalidOption(f"{where}: {arg} = {value!r} must be True or False")
    return bool(value)


def check_choice(value: Any, where: str, arg: str, choices: Sequence[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        raise InvalidOption(f"{where}: {arg} = {value!r} is not one of {', '.join(map(repr, choices))}")
    return value


def seed_label(seed: Any) -> Any:
    """How a seed is recorded in ``parameters``: the int, None, or ``"Generator"``."""
    if isinstance(seed, Integral) and not isinstance(seed, bool):
        return int(seed)
    return None if seed is None else "Generator"


def _is_pure_entry(x: Any) -> bool:
    return isinstance(x, str) or (isinstance(x, (Integral, np.integer)) and not isinstance(x, bool))


def pure_initial(game: NormalFormGame, initial: Any, where: str) -> tuple[int, ...]:
    """A pure profile given as one strategy (index or label) per player."""
    try:
        entries = list(initial)
    except TypeError:
        raise InvalidStrategy(f"{where}: initial must be a sequence of {game.num_players} strategies") from None
    if len(entries) != game.num_players or not all(_is_pure_entry(x) for x in entries):
        raise InvalidStrategy(
            f"{where}: initial = {initial!r} must be a pure profile, one strategy index or label per player "
            f"({game.num_players})"
        )
    try:
        return tuple(game.strategy_index(i, s) for i, s in enumerate(entries))
    except InvalidStrategy as exc:
        raise InvalidStrategy(f"{where}: initial: {exc}") from None


def mixed_initial(game: NormalFormGame, initial: Any, where: str) -> list[np.ndarray]:
    """Each player's starting mixed strategy: uniform when ``initial`` is None.

    ``initial`` may be a pure profile (a sequence of ``N`` ints or labels,
    which is how such a sequence is always read) or a mixed profile in any
    form :meth:`NormalFormGame.profile` accepts.
    """
    if initial is None:
        return [np.full(n, 1.0 / n) for n in game.shape]
    try:
        entries = list(initial)
    except TypeError:
        raise InvalidStrategy(f"{where}: initial must be a profile, one strategy per player") from None
    if len(entries) == game.num_players and all(_is_pure_entry(x) for x in entries):
        pure = pure_initial(game, entries, where)
        out = [np.zeros(n) for n in game.shape]
        for v, k in zip(out, pure):
            v[k] = 1.0
        return out
    try:
        prof = game.profile(initial, exact=False)
    except InvalidStrategy as exc:
        raise InvalidStrategy(f"{where}: initial: {exc}") from None
    # tolerated round-off (-1e-10, sums off by 1e-10) is cleaned so that every point is exact-valid
    return [np.clip(np.asarray(p, dtype=np.float64), 0.0, None) / np.clip(p, 0.0, None).sum() for p in prof]


def payoff_spans(game: NormalFormGame) -> np.ndarray:
    """Each player's payoff range ``max u_i - min u_i`` (tie thresholds scale with it)."""
    arr = game.arrays(False)
    flat = arr.reshape(-1, game.num_players)
    return flat.max(axis=0) - flat.min(axis=0)


def absolute_tol(game: NormalFormGame, tol: Any, default: float, where: str) -> float:
    """``tol`` (relative, default ``default``) times ``max(1, payoff range)``, as in :func:`gametheory.certify`."""
    rel = default if tol is None else check_positive(tol, where, "tol")
    arr = game.arrays(False)
    span = float(arr.max() - arr.min()) if arr.size else 0.0
    return rel * max(1.0, span)


# ----------------------------------------------------------------------- vectorised regrets
def strategy_payoffs_batch(game: NormalFormGame, trajectory: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Payoff of every pure strategy against the others' strategies, at every trajectory point.

    Entry ``i`` has shape ``(T, n_i)``: ``out[i][t, k] = u_i(k, x_{-i}(t))``.
    One ``einsum`` per player and chunk of rows: ``O(T * N^2 * prod(n))`` multiply-adds.
    """
    arr = game.arrays(False)
    n = game.num_players
    T = trajectory[0].shape[0]
    letters = "abcdefghijklmnopqrstuvwxy"[:n]
    chunk = max(1, _CHUNK_ENTRIES // max(1, int(np.prod(game.shape))))
    out = [np.empty((T, game.shape[i])) for i in range(n)]
    for i in range(n):
        others = [j for j in range(n) if j != i]
        spec = letters + "," + ",".join("z" + letters[j] for j in others) + "->z" + letters[i]
        u = arr[..., i]
        for lo in range(0, T, chunk):
            hi = min(T, lo + chunk)
            # one loop nest over all indices: no intermediates, and no path search whose cost
            # would dominate the short trajectories and single profiles this is called on
            out[i][lo:hi] = np.einsum(spec, u, *[trajectory[j][lo:hi] for j in others], optimize=False)
    return out


def trajectory_regrets(game: NormalFormGame, trajectory: Sequence[np.ndarray]) -> np.ndarray:
    """Max regret over players of every trajectory point, shape ``(T,)`` (vectorised)."""
    dev = strategy_payoffs_batch(game, trajectory)
    worst = np.zeros(trajectory[0].shape[0])
    for d, x in zip(dev, trajectory):
        np.maximum(worst, d.max(axis=1) - np.einsum("tk,tk->t", d, x), out=worst)
    return worst


def _check_trajectory(game: NormalFormGame, trajectory: Sequence[np.ndarray], method: str) -> None:
    for i, x in enumerate(trajectory):
        if x.ndim != 2 or x.shape[1] != game.shape[i]:
            raise SolverError(f"{method} produced a trajectory of shape {x.shape} for player {i}; this is a bug")
        bad = ~np.isfinite(x).all(axis=1) | (x < 0).any(axis=1) | (np.abs(x.sum(axis=1) - 1.0) > _SUM_TOL)
        if bad.any():
            t = int(np.flatnonzero(bad)[0])
            raise SolverError(
                f"{method} produced an invalid mixed strategy for player {game.players[i]!r} at point {t}: "
                f"{x[t].tolist()}; this is a bug, please report it with the game"
            )


def finish(
    game: NormalFormGame,
    method: str,
    times: np.ndarray,
    trajectory: Sequence[np.ndarray],
    *,
    start: float,
    tol: float,
    criterion: str = "max regret of the final profile",
    residual: float | None = None,
    average: Sequence[np.ndarray] | None = None,
    status: str | None = None,
    message: str = "",
    parameters: dict | None = None,
    **extra: Any,
) -> LearningResult:
    """Check a trajectory, compute its regrets and build the :class:`LearningResult`.

    ``residual`` defaults to the max regret of the last point; ``converged``
    is ``residual <= tol``.  ``status`` defaults to ``"converged"`` or
    ``"not_converged"`` accordingly.

    Raises
    ------
    SolverError
        A trajectory point (or the average) is not a valid mixed profile.
    """
    traj = tuple(np.ascontiguousarray(x, dtype=np.float64) for x in trajectory)
    _check_trajectory(game, traj, method)
    regrets = np.maximum(trajectory_regrets(game, traj), 0.0)
    avg = None
    if average is not None:
        avg_rows = [np.asarray(a, dtype=np.float64)[None, :] for a in average]
        _check_trajectory(game, avg_rows, method)
        avg = tuple(a[0] for a in avg_rows)
        for a in avg:
            a.setflags(write=False)
    for x in traj:
        x.setflags(write=False)
    final = tuple(x[-1] for x in traj)
    max_regret = float(regrets[-1])
    res = max_regret if residual is None else float(residual)
    converged = bool(res <= tol)
    if status is None:
        status = "converged" if converged else "not_converged"
    times = np.asarray(times)
    times.setflags(write=False)
    regrets.setflags(write=False)
    return LearningResult(
        game=game,
        method=method,
        times=times,
        trajectory=traj,
        final=final,
        average=avg,
        regrets=regrets,
        max_regret=max_regret,
        residual=res,
        tol=float(tol),
        converged=converged,
        criterion=criterion,
        status=status,
        message=message,
        parameters=dict(parameters or {}),
        time=time.perf_counter() - start,
        **extra,
    )
