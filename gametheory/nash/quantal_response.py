"""Logit quantal response equilibria: the principal branch, its Nash limit, and fitting lambda to data.

In a logit quantal response equilibrium (QRE) with precision ``lambda >= 0``
every player ``i`` plays strategy ``j`` with probability

.. math::

    p_{ij} = \\frac{\\exp(\\lambda\\, u_{ij}(p_{-i}))}{\\sum_k \\exp(\\lambda\\, u_{ik}(p_{-i}))},

where ``u_ij(p_{-i})`` is player ``i``'s expected payoff from pure strategy
``j`` against the others' mixed strategies.  At ``lambda = 0`` the only QRE is
the uniform profile; as ``lambda`` grows, the QRE correspondence contains a
unique path (the *principal branch*) from that point whose limit is a Nash
equilibrium, for almost every game (McKelvey and Palfrey 1995).

Path following
--------------
With log-probabilities ``v_ij = log p_ij`` as unknowns the QRE conditions are
the ``sum_i n_i`` equations in ``sum_i n_i + 1`` unknowns ``(v, lambda)``

.. math::

    H(v, \\lambda) = 0:\\qquad
    \\sum_j e^{v_{ij}} - 1 = 0, \\qquad
    v_{ij} - v_{i0} - \\lambda\\,(u_{ij} - u_{i0}) = 0 \\quad (j \\ge 1),

whose solution set near the branch is a smooth curve.  It is traced by
arclength (so turning points, where ``lambda`` decreases for a while, are
followed) with an Euler predictor along the unit tangent (the kernel of the
Jacobian ``DH``, oriented by continuity: the bordered matrix
``[DH; t_prev^T]`` keeps the sign of its determinant, as in Allgower and
Georg 1990, ch. 2) and a Newton corrector on the hyperplane orthogonal to the
tangent.  The step length grows by at most ``max_accel`` per step and shrinks
when the corrector's first step is large or it contracts slowly (Allgower and
Georg, sec. 6.1); the options are Gambit's (``first_step``, ``max_accel``),
the corrector's bounds tighter.  Log-probabilities make the far end of the
branch well conditioned: a probability ``e^{-c lambda}`` that vanishes in the
limit is a variable ``-c lambda`` that moves linearly, so the branch is
asymptotically a straight line and the step length grows geometrically
(``lambda`` times the payoff range reaches ``10^8`` in about 250 steps on
random three-player games); no transformation of ``lambda`` such as
``lambda / (1 + lambda)`` is needed.
Payoffs are divided by their range internally, which makes the traced path
(in units of ``lambda`` times the payoff range) independent of the payoff scale.

Each Jacobian costs ``O(N^2 prod(n_i))`` for the pairwise payoff
contractions and a dense ``(sum n_i + 1)``-square solve per Newton step.

References
----------
.. [1] McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response equilibria
   for normal form games. *Games and Economic Behavior* 10, 6-38.
.. [2] Turocy, T. L. (2005). A dynamic homotopy interpretation of the logistic
   quantal response equilibrium correspondence. *Games and Economic
   Behavior* 51, 243-263.
.. [3] Allgower, E. L. and Georg, K. (1990). *Numerical Continuation Methods:
   An Introduction*. Springer.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import numpy as np

from ..errors import InvalidOption, InvalidStrategy, NotSupported, SolverError
from ..game import NormalFormGame, Profile
from ..result import DEFAULT_TOL, NashResult, certify
from ._polish import polish

__all__ = ["LogitPath", "LogitFit", "logit_path", "logit_qre", "logit", "fit_logit"]

# Corrector controls (Allgower and Georg 1990, sec. 6.1): a first Newton step longer than
# _MAX_DIST or a contraction rate above _MAX_CONTR means the predictor went too far.  Half
# of Gambit's 0.4 and 0.6: with those, a random 3x3x3 game (uniform_random, seed 4) jumped
# to a neighbouring branch near a sharp bend at lambda ~ 12; with these and the angle test
# 160 random games of 2-4 players end where Gambit's logit ends.
_MAX_DIST = 0.2
_MAX_CONTR = 0.3
_MAX_NEWTON = 10
_MIN_STEP = 1e-10
# Consecutive tangents must stay within this cosine (about 8 degrees); a sharper turn means
# the step may have jumped to a neighbouring branch, so it is retried shorter.
_MIN_COS = 0.99
# Normalised regret below which Newton polishing of the support system is tried (then
# once per further decade), and how far the polished equilibrium may lie from the path
# point, relative to the square root of that regret (see _accept_polished).
_POLISH_BELOW = 1e-4
_POLISH_RADIUS = 1.0


# --------------------------------------------------------------------------- the equations


class _LogitSystem:
    """The map ``H(v, lambda)`` of the module docstring and its Jacobian, for payoffs scaled to unit range."""

    def __init__(self, payoffs: np.ndarray):
        self.payoffs = payoffs
        self.shape = payoffs.shape[:-1]
        self.N = len(self.shape)
        self.offsets = np.concatenate([[0], np.cumsum(self.shape)]).astype(int)
        self.M = int(self.offsets[-1])
        # the entries of DH that do not depend on the point: d(v_ij - v_i0)/dv = e_ij - e_i0
        base = np.zeros((self.M, self.M + 1))
        for i, n in enumerate(self.shape):
            o = self.offsets[i]
            base[o + 1:o + n, o] = -1.0
            base[np.arange(o + 1, o + n), np.arange(o + 1, o + n)] = 1.0
        self._constant_jacobian = base

    def split(self, flat: np.ndarray) -> list[np.ndarray]:
        return [flat[self.offsets[i]:self.offsets[i + 1]] for i in range(self.N)]

    def pair_payoffs(self, probs: Sequence[np.ndarray]) -> dict[tuple[int, int], np.ndarray]:
        """``(i, k) -> n_i x n_k`` matrix of ``u_i(s_i = j, s_k = l, p_rest)``, for ``i != k``."""
        arr = self.payoffs
        if self.N == 2:
            return {(0, 1): arr[..., 0], (1, 0): arr[..., 1].T}
        axes = list(range(self.N))
        out = {}
        for i in range(self.N):
            for k in range(self.N):
                if k != i:
                    # one einsum call per pair: Python overhead, not arithmetic, dominates on small games
                    operands: list[Any] = [arr[..., i], axes]
                    for j in axes:
                        if j != i and j != k:
                            operands += [probs[j], [j]]
                    out[(i, k)] = np.einsum(*operands, [i, k])
        return out

    def strategy_payoffs(self, probs: Sequence[np.ndarray]) -> list[np.ndarray]:
        arr = self.payoffs
        if self.N == 2:
            return [arr[..., 0] @ probs[1], probs[0] @ arr[..., 1]]
        axes = list(range(self.N))
        out = []
        for i in range(self.N):
            operands: list[Any] = [arr[..., i], axes]
            for j in axes:
                if j != i:
                    operands += [probs[j], [j]]
            out.append(np.einsum(*operands, [i]))
        return out

    def residual(self, x: np.ndarray) -> np.ndarray:
        v, lam = x[:-1], x[-1]
        probs = self.split(np.exp(v))
        u = self.strategy_payoffs(probs)
        H = np.empty(self.M)
        for i, (vi, ui, pi) in enumerate(zip(self.split(v), u, probs)):
            o = self.offsets[i]
            H[o] = pi.sum() - 1.0
            H[o + 1:o + len(vi)] = vi[1:] - vi[0] - lam * (ui[1:] - ui[0])
        return H

    def jacobian(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``H(x)`` and ``DH(x)`` (``M x (M + 1)``, last column ``dH/dlambda``)."""
        v, lam = x[:-1], x[-1]
        p = np.exp(v)
        probs = self.split(p)
        pairs = self.pair_payoffs(probs)
        H = np.empty(self.M)
        J = self._constant_jacobian.copy()
        for i in range(self.N):
            o, n = self.offsets[i], self.shape[i]
            k0 = 1 if i == 0 else 0
            ui = pairs[(i, k0)] @ probs[k0]
            H[o] = probs[i].sum() - 1.0
            J[o, o:o + n] = probs[i]
            if n > 1:
                H[o + 1:o + n] = v[o + 1:o + n] - v[o] - lam * (ui[1:] - ui[0])
                J[o + 1:o + n, -1] = ui[0] - ui[1:]
                for k in range(self.N):
                    if k != i:
                        m = pairs[(i, k)]
                        # d u_ij / d v_kl = p_kl * u_i(j, l, p_rest)
                        J[o + 1:o + n, self.offsets[k]:self.offsets[k + 1]] = (m[0] - m[1:]) * (lam * probs[k])
        return H, J

    def regret(self, p: np.ndarray) -> float:
        """Max regret (unit payoff range) of the profile with concatenated probabilities ``p``."""
        probs = self.split(p)
        u = self.strategy_payoffs(probs)
        return max(float(ui.max() - ui.dot(pi)) for ui, pi in zip(u, probs))


def _tangent(J: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """Unit vector spanning the kernel of ``J``, oriented to continue ``previous``."""
    if previous is None:
        t = np.linalg.svd(J)[2][-1]
        # the branch leaves lambda = 0 towards positive lambda
        return t if t[-1] > 0 else -t
    # [J; previous^T] z = e_last gives the kernel direction with z . previous = 1 > 0
    # (Allgower and Georg 1990, sec. 2.1: the bordered determinant keeps its sign)
    A = np.vstack([J, previous])
    rhs = np.zeros(len(previous))
    rhs[-1] = 1.0
    z = np.linalg.solve(A, rhs)
    return z / np.linalg.norm(z)


class _PathFailure(Exception):
    """The step length fell below its minimum: the tracer cannot continue."""


@dataclass
class _Point:
    x: np.ndarray        # (v, lambda) on the branch, lambda in unit-range payoff units
    t: np.ndarray        # oriented unit tangent
    s: float             # arclength from lambda = 0


def _correct(system: _LogitSystem, x0: np.ndarray, t: np.ndarray, y: np.ndarray
             ) -> tuple[np.ndarray, float, float, np.ndarray] | None:
    """Newton on ``H = 0`` within the hyperplane through ``y`` orthogonal to ``t``.

    Returns the corrected point, the first Newton step's length, the
    largest contraction ratio and the Jacobian at the last iterate (within
    one converged Newton step of the point, so good for its tangent), or None
    when Newton diverges or stalls.
    """
    first, contr, prev = None, 0.0, None
    for _ in range(_MAX_NEWTON):
        H, J = system.jacobian(y)
        A = np.vstack([J, t])
        try:
            d = np.linalg.solve(A, -np.append(H, 0.0))
        except np.linalg.LinAlgError:
            return None
        if not np.all(np.isfinite(d)):
            return None
        size = float(np.linalg.norm(d))
        y = y + d
        if first is None:
            first = size
            if first > _MAX_DIST:
                return None
        # converged before the contraction test: once at rounding level, the ratio of steps is noise
        if size <= 1e-11 * (1.0 + abs(y[-1])):
            return y, first, contr, J
        if prev is not None:
            contr = max(contr, size / prev)
            if contr > _MAX_CONTR:
                return None
        prev = size
    return None


def _branch(system: _LogitSystem, first_step: float, max_accel: float, max_steps: int) -> Iterator[_Point]:
    """Accepted points of the principal branch, starting with ``lambda = 0``; raises _PathFailure."""
    v0 = np.concatenate([np.full(n, -math.log(n)) for n in system.shape])
    x = np.append(v0, 0.0)
    _, J = system.jacobian(x)
    t = _tangent(J, None)
    point = _Point(x, t, 0.0)
    yield point
    h = first_step
    for _ in range(max_steps):
        while True:
            if h < _MIN_STEP:
                raise _PathFailure(
                    f"the step length fell below {_MIN_STEP:g} at lambda * payoff range = {x[-1]:.6g}: the corrector "
                    "does not converge there (a bifurcation or a singular Jacobian on the branch)"
                )
            corrected = _correct(system, x, t, x + h * t)
            if corrected is not None:
                y, first, contr, J = corrected
                try:
                    t_new = _tangent(J, t)
                except np.linalg.LinAlgError:
                    t_new = None
                if t_new is not None and np.all(np.isfinite(t_new)) and float(t_new @ t) >= _MIN_COS:
                    break
            h *= 0.5
        # shrink or grow the next step from the corrector's behaviour (Allgower and Georg 1990, sec. 6.1)
        decel = max(math.sqrt(first / _MAX_DIST), math.sqrt(contr / _MAX_CONTR), 1.0 / max_accel)
        s = point.s + float(np.linalg.norm(y - x))
        x, t = y, t_new
        h = h / min(decel, 2.0)
        point = _Point(x, t, s)
        yield point


# --------------------------------------------------------------------------- public results


@dataclass(frozen=True, eq=False)
class LogitPath:
    """The principal branch of the logit QRE correspondence, as traced.

    Attributes
    ----------
    game : NormalFormGame
    lambdas : ndarray, shape (K,)
        Precision ``lambda`` of each point, in the game's payoff units;
        ``lambdas[0] = 0``.  Increasing except along the stretches where the
        branch bends back (turning points); ``arclength`` always increases.
    profiles : ndarray, shape (K, sum(n_i))
        The QRE at each point: the players' mixed strategies concatenated
        (player 0's first).  ``profile(k)`` splits row ``k`` per player.
    arclength : ndarray, shape (K,)
        Arclength along the branch in the traced coordinates (log-probabilities
        and ``lambda`` times the payoff range), strictly increasing from 0.
    equilibrium : NashResult
        The limit as a certified Nash equilibrium (``method="logit"``): one
        equilibrium, or none with ``status`` ``"no-convergence"`` (step limit
        or tracer failure) or ``"max-lambda"`` (the path stopped at ``max_lambda``).
    parameters : dict
        The options used.
    """

    game: NormalFormGame
    lambdas: np.ndarray
    profiles: np.ndarray
    arclength: np.ndarray
    equilibrium: NashResult
    parameters: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.lambdas)

    def profile(self, k: int) -> Profile:
        """Point ``k`` of the path as a tuple of per-player probability vectors."""
        row = self.profiles[k]
        cuts = np.cumsum(self.game.shape)[:-1]
        return tuple(np.split(row, cuts))


@dataclass(frozen=True, eq=False)
class LogitFit:
    """A maximum-likelihood fit of the logit precision ``lambda`` to observed choices.

    Attributes
    ----------
    game : NormalFormGame
    lambda_hat : float
        The maximiser of the log-likelihood along the principal branch (payoff units).
    profile : tuple of ndarray
        The QRE at ``lambda_hat``.
    log_likelihood : float
        ``sum_ij c_ij log p_ij(lambda_hat)``, without the multinomial coefficient.
    standard_error : float
        ``1 / sqrt(-d^2 logL / d lambda^2)`` at ``lambda_hat`` (observed
        information; the second derivative is a central difference of the exact
        score along the branch).  NaN when the maximum is on the boundary or the
        curvature is not negative.
    n_observations : float
        Total number of observed choices (sum of the counts).
    counts : tuple of ndarray
        The counts the likelihood used, per player.
    path : LogitPath
        The traced branch the maximum was searched on.
    status : str
        ``"ok"`` (interior maximum) or ``"boundary"`` (at ``lambda = 0``, or at
        the end of the traced branch: the likelihood still increased there).
    message : str
    """

    game: NormalFormGame
    lambda_hat: float
    profile: Profile
    log_likelihood: float
    standard_error: float
    n_observations: float
    counts: tuple
    path: LogitPath = field(repr=False)
    status: str = "ok"
    message: str = ""


# --------------------------------------------------------------------------- validation


def _check_game(fn: str, game: Any) -> None:
    if not isinstance(game, NormalFormGame):
        raise InvalidOption(f"{fn}: game must be a NormalFormGame, got {type(game).__name__}")


def _positive(fn: str, name: str, value: Any, *, integer: bool = False, allow_none: bool = False,
              minimum: float = 0.0) -> Any:
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise InvalidOption(f"{fn}: {name} must be a number, got {value!r}")
    if integer and int(value) != value:
        raise InvalidOption(f"{fn}: {name} must be an integer, got {value!r}")
    if not math.isfinite(float(value)) or not float(value) > minimum:
        raise InvalidOption(f"{fn}: {name} must be finite and > {minimum:g}, got {value!r}")
    return int(value) if integer else float(value)


def _setup(fn: str, game: Any, first_step: Any, max_accel: Any, max_steps: Any
           ) -> tuple[_LogitSystem, float, float, float, int]:
    _check_game(fn, game)
    first_step = _positive(fn, "first_step", first_step)
    max_accel = _positive(fn, "max_accel", max_accel, minimum=1.0)
    max_steps = _positive(fn, "max_steps", max_steps, integer=True)
    arr = game._float
    span = float(arr.max() - arr.min()) if arr.size else 0.0
    scale = span if span > 0 else 1.0
    # shifting payoffs leaves every QRE unchanged; starting them at 0 keeps rounding relative to the range
    system = _LogitSystem((arr - arr.min()) / scale)
    return system, scale, first_step, max_accel, max_steps


# --------------------------------------------------------------------------- the path and its limit


def _accept_polished(polished: Profile, p: np.ndarray, regret: float) -> bool:
    """Whether a polished equilibrium is the limit of the branch and not a neighbouring equilibrium.

    Along the branch both the regret and the distance to the limit shrink like
    ``1 / lambda``; requiring the polished point within ``sqrt(regret)`` of the
    path point (at regret <= 1e-4, so within 1e-2) rules out equilibria at a
    distance of order one while accepting the limit of any regular branch.
    """
    return float(np.max(np.abs(np.concatenate(polished) - p))) <= _POLISH_RADIUS * math.sqrt(regret)


def _trace_to_limit(fn: str, game: NormalFormGame, *, max_lambda, first_step, max_accel, tol, max_steps,
                    extra: dict | None = None):
    """Trace until the limit certifies; returns the LogitPath and the float limit (or None)."""
    start = time.perf_counter()
    system, scale, first_step, max_accel, max_steps = _setup(fn, game, first_step, max_accel, max_steps)
    max_lambda = _positive(fn, "max_lambda", max_lambda, allow_none=True)
    tol_value = _positive(fn, "tol", tol, allow_none=True)
    bound = (DEFAULT_TOL if tol_value is None else tol_value) * max(1.0, float(np.ptp(game._float)))
    params = {"max_lambda": max_lambda, "first_step": first_step, "max_accel": max_accel, "tol": tol,
              "max_steps": max_steps, **(extra or {})}
    points: list[_Point] = []
    limit, status, message = None, "no-convergence", ""
    next_polish = _POLISH_BELOW
    lam_stop = None if max_lambda is None else max_lambda * scale
    try:
        for point in _branch(system, first_step, max_accel, max_steps):
            x = point.x
            if lam_stop is not None and x[-1] > lam_stop and points:
                prev = points[-1]
                landed = _land(system, prev.x, point, lam_stop)
                if landed is not None:
                    tangent = _tangent(system.jacobian(landed)[1], prev.t)
                    points.append(_Point(landed, tangent, prev.s + float(np.linalg.norm(landed - prev.x))))
                status = "max-lambda"
                message = f"the path reached max_lambda = {max_lambda:g} before its limit could be certified"
                break
            points.append(point)
            p = np.exp(x[:-1])
            r = system.regret(p)
            if r * scale <= bound:
                limit = tuple(system.split(p))
                message = f"limit read off the path at lambda = {x[-1] / scale:.6g}"
                break
            if r <= next_polish:
                next_polish = r / 10.0
                polished = polish(game, system.split(p), tol=tol_value)
                if polished is not None and _accept_polished(polished, p, r):
                    limit = polished
                    message = f"limit polished from the path point at lambda = {x[-1] / scale:.6g}"
                    break
        else:
            message = f"max_steps = {max_steps} steps ended before the limit could be certified"
    except _PathFailure as exc:
        message = str(exc)
    xs_arr = np.array([pt.x for pt in points])
    profiles = np.exp(xs_arr[:, :-1])
    lambdas = xs_arr[:, -1] / scale
    if limit is not None:
        status = "ok"
        result = certify(game, [limit], method="logit", exact=False, start=start, tol=tol_value, complete=False,
                         parameters=params, message=message)
    else:
        result = certify(game, [], method="logit", exact=False, start=start, tol=tol_value, complete=False,
                         parameters=params, status=status, message=message)
    path = LogitPath(game=game, lambdas=lambdas, profiles=profiles, arclength=np.array([pt.s for pt in points]), equilibrium=result,
                     parameters=params)
    return path, limit, points


def _land(system: _LogitSystem, x_prev: np.ndarray, point: _Point, lam: float) -> np.ndarray | None:
    """The branch point at exactly ``lambda = lam`` between ``x_prev`` and ``point.x`` (Newton with lambda fixed)."""
    x_next = point.x
    w = (lam - x_prev[-1]) / (x_next[-1] - x_prev[-1])
    y = x_prev + w * (x_next - x_prev)
    y[-1] = lam
    for _ in range(3 * _MAX_NEWTON):
        H, J = system.jacobian(y)
        try:
            d = np.linalg.solve(J[:, :-1], -H)
        except np.linalg.LinAlgError:
            return None
        y[:-1] += d
        if float(np.max(np.abs(d))) <= 1e-13 * (1.0 + float(np.max(np.abs(y[:-1])))):
            return y
    return y if float(np.max(np.abs(system.residual(y)))) <= 1e-10 else None


def logit_path(
    game: NormalFormGame,
    *,
    max_lambda: float | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.1,
    tol: float | None = None,
    max_steps: int = 5000,
) -> LogitPath:
    """Trace the principal branch of the logit QRE correspondence from ``lambda = 0`` to its Nash limit.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    max_lambda : float, optional
        Stop at this precision (payoff units) even if the limit is not reached;
        the last point is then the QRE at exactly ``max_lambda``.  Default: no limit.
    first_step : float
        Arclength of the first step (as Gambit's ``logit -s``).
    max_accel : float
        Largest factor by which one step may be longer than the previous (> 1).
    tol : float, optional
        Regret bound of the limit, relative to ``max(1, payoff range)``
        (default :data:`gametheory.result.DEFAULT_TOL`).
    max_steps : int
        Most predictor-corrector steps.

    Returns
    -------
    LogitPath
        The points of the branch and ``equilibrium``, the certified limit.
        Tracing stops as soon as the limit certifies: when a path point's
        regret is below the bound, or when Newton's method on the support
        system (:func:`gametheory.nash._polish.polish`) turns a path point of
        small regret ``r`` (normalised, below 1e-4) into a certified
        equilibrium within ``sqrt(r)`` of it, so that a neighbouring
        equilibrium is not mistaken for the limit.

    Raises
    ------
    InvalidOption
        A non-positive ``first_step``, ``max_lambda``, ``tol`` or
        ``max_steps``, or ``max_accel <= 1``.

    Notes
    -----
    See the module docstring for the equations and the tracer.  For a
    generic game the branch and its limit are unique (McKelvey and Palfrey
    1995 [1]_), so this limit is the one Gambit's ``logit`` returns.  A few
    hundred steps reach ``lambda`` of order ``10^8 / range``; in practice the
    limit is polished and certified long before (``lambda`` of order 10-1000).
    On a non-generic game the branch may cross a bifurcation; the tracer
    keeps to the smooth continuation through it (on the 2x2x2 game of
    McKelvey and McLennan in Gambit's collection it ends at an equilibrium,
    where Gambit 16.7's ``logit`` stops at a profile with regret 0.21).

    References
    ----------
    .. [1] McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response
       equilibria for normal form games. *Games and Economic Behavior* 10, 6-38.
    .. [2] Turocy, T. L. (2005). A dynamic homotopy interpretation of the
       logistic quantal response equilibrium correspondence. *Games and
       Economic Behavior* 51, 243-263.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.nash.quantal_response import logit_path
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> path = logit_path(g)
    >>> path.profile(0)[0].tolist(), path.equilibrium[0][0].round(6).tolist()
    ([0.5, 0.5], [0.0, 1.0])
    """
    path, _, _ = _trace_to_limit("logit_path", game, max_lambda=max_lambda, first_step=first_step,
                              max_accel=max_accel, tol=tol, max_steps=max_steps)
    return path


def logit(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.1,
    max_steps: int = 5000,
    seed: Any = None,
) -> NashResult:
    """The Nash equilibrium at the end of the principal branch of logit QREs (method ``"logit"``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact : bool
        Return the limit as a rational equilibrium with regret exactly 0
        (reconstructed from the float limit and checked in rational arithmetic).
    tol : float, optional
        Float regret bound relative to ``max(1, payoff range)`` (default 1e-9).
    first_step, max_accel, max_steps
        Tracer options, as in :func:`logit_path`.
    seed : ignored
        The method is deterministic; accepted for the common solver signature.

    Returns
    -------
    NashResult
        ``method="logit"``, ``complete=False``: one equilibrium, or none with
        ``status="no-convergence"`` when the tracer failed or ran out of steps
        (``message`` says which).

    Raises
    ------
    NotSupported
        ``exact=True`` and the limit is not a rational profile (equilibria of
        games with three or more players may be irrational): use ``exact=False``.

    Notes
    -----
    See :func:`logit_path` and the module docstring.  Cost: a few hundred
    predictor-corrector steps, each ``O(N^2 prod(n_i) + (sum n_i)^3)``.

    References
    ----------
    .. [1] McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response
       equilibria for normal form games. *Games and Economic Behavior* 10, 6-38.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.nash.quantal_response import logit
    >>> g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [[str(p) for p in s] for s in logit(g, exact=True)[0]]
    [['2/3', '1/3'], ['1/3', '2/3']]
    """
    start = time.perf_counter()
    path, limit, _ = _trace_to_limit("logit", game, max_lambda=None, first_step=first_step, max_accel=max_accel,
                                     tol=tol, max_steps=max_steps, extra={"exact": bool(exact), "seed": seed})
    result = path.equilibrium
    if not exact:
        return result
    if limit is None:
        return certify(game, [], method="logit", exact=True, start=start, complete=False,
                       parameters=dict(result.parameters), status=result.status, message=result.message)
    rational = polish(game, result.equilibria[0], tol=tol, exact=True)
    if rational is None:
        raise NotSupported(
            "logit: the limit of the logit branch is not a rational profile that could be recovered exactly "
            "(equilibria of games with three or more players may be irrational); use exact=False"
        )
    return certify(game, [rational], method="logit", exact=True, start=start, complete=False,
                   parameters=dict(result.parameters), message=result.message + "; made exact")


# --------------------------------------------------------------------------- QRE at a given lambda


def logit_qre(
    game: NormalFormGame,
    lam: float,
    *,
    first_step: float = 0.03,
    max_accel: float = 1.1,
    max_steps: int = 5000,
) -> Profile:
    """The logit QRE at precision ``lam`` on the principal branch.

    Follows the branch from ``lambda = 0`` (as :func:`logit_path`) to the first
    point where ``lambda = lam`` and solves the QRE equations there with
    ``lambda`` fixed.  Where the branch bends back, the first crossing is the
    one returned.

    Parameters
    ----------
    game : NormalFormGame
    lam : float
        Precision, ``>= 0``, in the game's payoff units.
    first_step, max_accel, max_steps
        Tracer options, as in :func:`logit_path`.

    Returns
    -------
    tuple of ndarray
        One probability vector per player, all entries positive.

    Raises
    ------
    InvalidOption
        ``lam`` negative, NaN or infinite.
    SolverError
        The tracer failed or ``max_steps`` ran out before ``lam``.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.nash.quantal_response import logit_qre
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> [s.round(12).tolist() for s in logit_qre(g, 5.0)]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    system, scale, first_step, max_accel, max_steps = _setup("logit_qre", game, first_step, max_accel, max_steps)
    if isinstance(lam, bool) or not isinstance(lam, (int, float, np.integer, np.floating)) \
            or not math.isfinite(float(lam)) or float(lam) < 0:
        raise InvalidOption(f"logit_qre: lam must be a finite number >= 0, got {lam!r}")
    target = float(lam) * scale
    prev = None
    try:
        for point in _branch(system, first_step, max_accel, max_steps):
            if point.x[-1] == target:
                return tuple(system.split(np.exp(point.x[:-1])))
            if prev is not None and point.x[-1] > target:
                landed = _land(system, prev, point, target)
                if landed is None:
                    raise SolverError(f"logit_qre: Newton's method did not converge at lambda = {lam:g}")
                return tuple(system.split(np.exp(landed[:-1])))
            prev = point.x
    except _PathFailure as exc:
        raise SolverError(f"logit_qre: {exc}") from None
    raise SolverError(f"logit_qre: max_steps = {max_steps} steps ended before lambda = {lam:g}")


# --------------------------------------------------------------------------- maximum likelihood


def _counts(fn: str, game: NormalFormGame, observed: Any, n_observations: Any) -> list[np.ndarray]:
    if isinstance(observed, np.ndarray) and observed.ndim == 1 and observed.dtype != object \
            and len(observed) == sum(game.shape):
        parts = np.split(observed, np.cumsum(game.shape)[:-1])
    else:
        try:
            parts = list(observed)
        except TypeError:
            raise InvalidStrategy(f"{fn}: observed must be a list of {game.num_players} per-player arrays") from None
    if len(parts) != game.num_players:
        raise InvalidStrategy(f"{fn}: observed has {len(parts)} entries but the game has {game.num_players} players")
    out = []
    for i, (c, n) in enumerate(zip(parts, game.shape)):
        where = f"{fn}: observed choices of player {game.players[i]!r}"
        try:
            arr = np.asarray(c, dtype=np.float64)
        except (TypeError, ValueError):
            raise InvalidStrategy(f"{where} are not numbers") from None
        if arr.shape != (n,):
            raise InvalidStrategy(f"{where} have shape {arr.shape}, expected ({n},)")
        if not np.all(np.isfinite(arr)):
            raise InvalidStrategy(f"{where} contain NaN or infinity")
        if np.any(arr < 0):
            raise InvalidStrategy(f"{where} contain a negative count {arr.min()}")
        out.append(arr)
    if n_observations is not None:
        if isinstance(n_observations, (list, tuple, np.ndarray)):
            sizes = list(np.asarray(n_observations, dtype=object).reshape(-1))
            if len(sizes) != game.num_players:
                raise InvalidOption(f"{fn}: n_observations has {len(sizes)} entries but the game has "
                                    f"{game.num_players} players")
        else:
            sizes = [n_observations] * game.num_players
        scaled = []
        for i, (arr, m) in enumerate(zip(out, sizes)):
            m = _positive(fn, f"n_observations of player {game.players[i]!r}", m)
            if arr.sum() <= 0:
                raise InvalidStrategy(f"{fn}: observed frequencies of player {game.players[i]!r} are all zero")
            scaled.append(arr / arr.sum() * m)
        out = scaled
    if sum(float(a.sum()) for a in out) <= 0:
        raise InvalidStrategy(f"{fn}: observed is all zero: there is no observation to fit")
    return out


def fit_logit(
    game: NormalFormGame,
    observed: Any,
    *,
    n_observations: Any = None,
    max_lambda: float | None = None,
    first_step: float = 0.03,
    max_accel: float = 1.1,
    max_steps: int = 5000,
) -> LogitFit:
    """Maximum-likelihood estimate of the logit precision ``lambda`` from observed choices.

    Parameters
    ----------
    game : NormalFormGame
    observed : sequence of array_like
        One vector per player of choice counts (nonnegative; a player may have
        none), or of frequencies when ``n_observations`` is given.
    n_observations : int or sequence of int, optional
        Number of observations of each player (one number for all): then each
        ``observed[i]`` is normalised to sum to one and multiplied by it.
    max_lambda : float, optional
        Search the branch only up to this precision (payoff units); default:
        up to its certified Nash limit.
    first_step, max_accel, max_steps
        Tracer options, as in :func:`logit_path`.

    Returns
    -------
    LogitFit

    Raises
    ------
    InvalidStrategy
        ``observed`` of the wrong length or shape, with NaN, infinite or
        negative entries, or all zero.
    SolverError
        The tracer failed before reaching the end of the search range.

    Notes
    -----
    The multinomial log-likelihood of counts ``c`` at the QRE ``p(lambda)`` is
    ``L = sum_ij c_ij log p_ij`` (up to a constant); because the tracer's
    unknowns are ``log p``, ``L`` is linear in them and its derivative along
    the branch is ``c . dv/ds`` for the tangent ``(dv/ds, dlambda/ds)``.  The
    global maximum over the branch is found as in Gambit's ``logit_estimate``
    and McKelvey and Palfrey (1995): every sign change of that derivative
    from + to - between two path points is located by Brent's method on the
    length of a corrected step from the first of them, and the
    largest of these local maxima and the two ends of the branch wins.  The
    standard error comes from the observed information
    ``-d^2 L / d lambda^2``, whose value is a central difference of the exact
    score ``dL/dlambda = c . (dv/ds) / (dlambda/ds)`` at two nearby branch points.

    References
    ----------
    .. [1] McKelvey, R. D. and Palfrey, T. R. (1995). Quantal response
       equilibria for normal form games. *Games and Economic Behavior* 10, 6-38.
    .. [2] Bland, J. R. and Turocy, T. L. (2023). Quantal response equilibrium
       as a structural model for estimation: the missing manual. SSRN 4425515.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.nash.quantal_response import fit_logit, logit_qre
    >>> g = gt.NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> q = logit_qre(g, 1.0)
    >>> fit = fit_logit(g, [1000 * q[0], 1000 * q[1]])
    >>> round(fit.lambda_hat, 6)
    1.0
    """
    from scipy.optimize import brentq

    system, scale, first_step, max_accel, max_steps = _setup("fit_logit", game, first_step, max_accel, max_steps)
    counts = _counts("fit_logit", game, observed, n_observations)
    c = np.concatenate(counts)
    path, _, points = _trace_to_limit("fit_logit", game, max_lambda=max_lambda, first_step=first_step,
                                      max_accel=max_accel, tol=None, max_steps=max_steps)
    if path.equilibrium.status == "no-convergence":
        raise SolverError(f"fit_logit: the branch could not be traced to its end: {path.equilibrium.message}")

    def loglik(x: np.ndarray) -> float:
        v = x[:-1]
        keep = c > 0
        return float(c[keep] @ v[keep])

    def slope(t: np.ndarray) -> float:
        return float(c @ t[:-1])

    def on_branch(base: _Point, h: float) -> tuple[np.ndarray, np.ndarray]:
        corrected = _correct(system, base.x, base.t, base.x + h * base.t)
        if corrected is None:
            raise SolverError("fit_logit: the corrector failed while locating the maximum")
        y = corrected[0]
        return y, _tangent(system.jacobian(y)[1], base.t)

    candidates: list[tuple[float, np.ndarray, np.ndarray | None]] = []
    for pt in points:
        candidates.append((loglik(pt.x), pt.x, pt.t))
    for a, b in zip(points[:-1], points[1:]):
        if slope(a.t) > 0 >= slope(b.t):
            length = float(a.t @ (b.x - a.x))
            if slope(b.t) == 0:
                candidates.append((loglik(b.x), b.x, b.t))
                continue
            h = brentq(lambda h: slope(on_branch(a, h)[1]), 0.0, length, xtol=1e-14, rtol=1e-12)
            y, t = on_branch(a, h)
            candidates.append((loglik(y), y, t))
    best = max(range(len(candidates)), key=lambda k: candidates[k][0])
    value, x, t = candidates[best]
    lam_hat = x[-1] / scale
    status, message = "ok", ""
    se = math.nan
    at_start = x[-1] == 0.0 and best == 0
    at_end = x is points[-1].x
    if at_start or at_end:
        status = "boundary"
        message = ("the likelihood is largest at lambda = 0" if at_start else
                   f"the likelihood still increases at the end of the traced branch (lambda = {lam_hat:.6g})")
    else:
        # central difference of the exact score dL/dlambda at two branch points around the maximum
        eps = 1e-4 * max(1.0, abs(x[-1]))
        base = _Point(x, t, 0.0)
        ya, ta = on_branch(base, -eps)
        yb, tb = on_branch(base, eps)
        if ta[-1] != 0 and tb[-1] != 0 and yb[-1] != ya[-1]:
            curvature = (slope(tb) / tb[-1] - slope(ta) / ta[-1]) / (yb[-1] - ya[-1])
            if curvature < 0:
                # lambda in payoff units is the scaled lambda divided by the range
                se = 1.0 / math.sqrt(-curvature) / scale
    return LogitFit(
        game=game,
        lambda_hat=float(lam_hat),
        profile=tuple(system.split(np.exp(x[:-1]))),
        log_likelihood=value,
        standard_error=se,
        n_observations=float(c.sum()),
        counts=tuple(counts),
        path=path,
        status=status,
        message=message,
    )
