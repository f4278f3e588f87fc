"""The result of a continuous-game solver and the independent check that certifies it.

The certificate of a profile x is, for each player i, the gain

    g_i(x) = max_{y in S_i} u_i(y, x_{-i}) - u_i(x),

with S_i player i's box or simplex, estimated by a multi-start maximisation
(L-BFGS-B on a box, SLSQP with the budget equality on a simplex; from the
current point, the box centre or simplex centroid, the box corners or simplex
vertices when few, and seeded random points, uniform on the simplex via
Dirichlet(1)), with finite-difference gradients, which deliberately ignores any gradient
supplied with the game, so a wrong gradient cannot certify its own mistake.
x is accepted when ``max_i g_i <= tol * max(1, scale)``, with ``scale`` the
largest |payoff| at x.  The estimate is a lower bound on the true gain (a
local search can miss a better global deviation), so the certificate is a
numerical check, not a proof; for concave games (Rosen 1965) every local
maximum is global and the check is sharp.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import minimize

from ..errors import SolverError
from ._game import ContinuousGame, project_simplex

__all__ = ["Certificate", "ContinuousResult", "NotConverged", "certify", "DEFAULT_TOL"]

#: Default bound on each player's gain, relative to max(1, |payoff|).
DEFAULT_TOL = 1e-7

# The vertices of a simplex are searched from only while there are few of them.
MAX_VERTEX_STARTS = 8


@dataclass(frozen=True, eq=False)
class Certificate:
    """Each player's gain from re-optimising against the others, found by an independent search.

    Attributes
    ----------
    gains : ndarray
        ``gains[i]`` >= 0: best payoff player i found by deviating, minus its payoff at the profile.
    deviations : tuple of ndarray
        The best deviation found for each player.
    max_gain : float
        ``max(gains)``.
    scale : float
        ``max(1, max_i |u_i(x)|)``: the payoff scale the tolerance is relative to.
    tol : float
        Relative tolerance; the bound is ``tol * scale``.
    passed : bool
        ``max_gain <= tol * scale``.
    """

    gains: np.ndarray
    deviations: tuple
    max_gain: float
    scale: float
    tol: float
    passed: bool

    @property
    def bound(self) -> float:
        return self.tol * self.scale


@dataclass(frozen=True, eq=False)
class ContinuousResult:
    """A (certified) Nash equilibrium of a continuous-strategy game.

    Attributes
    ----------
    game : ContinuousGame
        The game solved (for the aggregative solver, its continuous form).
    method : str
        ``"best_response"``, ``"extragradient"`` or ``"aggregative"``.
    profile : tuple of ndarray
        One strategy vector per player.
    payoffs : ndarray
        Each player's payoff at the profile.
    iterations : int
        Iterations (or function evaluations of the root-find) the solver used.
    converged : bool
        Whether the solver's own stopping rule fired (the certificate is separate).
    certificate : Certificate
        Gains from independent re-optimisation; ``certificate.passed`` is True
        for every returned result.
    max_gain : float
        ``certificate.max_gain``.
    tol : float
        Relative tolerance of the certificate.
    parameters : dict
        Options the solver ran with.
    time : float
        Wall-clock seconds, including the certificate.
    """

    game: ContinuousGame
    method: str
    profile: tuple
    payoffs: np.ndarray
    iterations: int
    converged: bool
    certificate: Certificate
    max_gain: float
    tol: float
    parameters: dict = field(default_factory=dict)
    time: float = 0.0

    def __str__(self) -> str:
        parts = [f"{n}: (" + ", ".join(f"{v:.6g}" for v in x) + ")" for n, x in zip(self.game.players, self.profile)]
        state = "converged" if self.converged else "stopped at max_iter"
        return (
            f"{self.method}: {state} after {self.iterations} iterations; max gain {self.max_gain:.2e}"
            f" (bound {self.certificate.bound:.1e})\n  " + "; ".join(parts)
            + "\n  payoffs (" + ", ".join(f"{v:.6g}" for v in self.payoffs) + ")"
        )


class NotConverged(SolverError):
    """A solver's best point failed its certificate.

    Attributes
    ----------
    best : ContinuousResult
        The best point found, as an (uncertified) result.
    certificate : Certificate
        Its certificate, with ``passed = False``.
    """

    def __init__(self, message: str, best: ContinuousResult, certificate: Certificate):
        super().__init__(message)
        self.best = best
        self.certificate = certificate


def _maximise_own(game: ContinuousGame, i: int, profile: tuple, starts: list[np.ndarray], jac: bool) -> tuple[np.ndarray, float]:
    """Best point and value of ``u_i(., x_{-i})`` on player i's set, by local searches from each start.

    Boxes use L-BFGS-B; simplices use SLSQP with the bounds ``0 <= y <= b``
    and the equality ``sum y = b``, and each end point is projected back onto
    the simplex before it is scored, so a slightly infeasible SLSQP iterate
    cannot report a gain it does not have.
    """
    lo, hi = game.lower[i], game.upper[i]
    budget = game.simplex[i]
    fixed = list(profile)

    def f(y):
        fixed[i] = np.clip(y, lo, hi)
        with np.errstate(divide="ignore"):  # log(0) = -inf is an accepted worst payoff here
            v = game.value(i, tuple(fixed), allow_minus_inf=True)
        # A huge finite penalty keeps the line searches working near a -inf face.
        return -v if np.isfinite(v) else 1e300

    def g(y):
        fixed[i] = np.clip(y, lo, hi)
        return -game.own_gradient(i, tuple(fixed))

    best_x = profile[i].copy()
    best_v = -f(best_x)
    bounds = list(zip(lo, hi))
    if budget is None:
        trivial = bool(np.all(lo == hi))
        kwargs = {"method": "L-BFGS-B", "options": {"ftol": 1e-15, "gtol": 1e-12, "maxiter": 500}}
    else:
        trivial = lo.size == 1
        ones = np.ones(lo.size)
        kwargs = {"method": "SLSQP", "options": {"ftol": 1e-15, "maxiter": 500},
                  "constraints": [{"type": "eq", "fun": lambda y: float(y.sum()) - budget, "jac": lambda y: ones}]}
    for s in starts:
        if trivial:
            break
        if f(s) >= 1e300:
            continue
        res = minimize(f, s, jac=g if jac else None, bounds=bounds, **kwargs)
        x = np.asarray(res.x, dtype=float)
        if not np.isfinite(x).all():
            continue
        x = np.clip(x, lo, hi) if budget is None else project_simplex(x, budget)
        v = -f(x)
        if v > best_v:
            best_x, best_v = x, v
    return best_x, best_v


def _starts(game: ContinuousGame, i: int, profile: tuple, n_random: int, seed: int) -> list[np.ndarray]:
    lo, hi = game.lower[i], game.upper[i]
    budget = game.simplex[i]
    rng = np.random.default_rng(seed + 7919 * i)
    if budget is None:
        pts = [profile[i].copy(), (lo + hi) / 2]
        if lo.size <= 3:
            pts.extend(np.array(c, dtype=float) for c in itertools.product(*zip(lo, hi)))
        pts.extend(lo + (hi - lo) * rng.random(lo.size) for _ in range(n_random))
        return pts
    pts = [profile[i].copy(), np.full(lo.size, budget / lo.size)]
    if lo.size <= MAX_VERTEX_STARTS:
        pts.extend(budget * np.eye(lo.size))
    # Dirichlet(1) is the uniform distribution on the simplex.
    pts.extend(budget * rng.dirichlet(np.ones(lo.size), size=n_random))
    return pts


def random_start(game: ContinuousGame, i: int, rng: np.random.Generator) -> np.ndarray:
    """A uniformly random point of player i's box or simplex."""
    lo, hi = game.lower[i], game.upper[i]
    if game.simplex[i] is None:
        return lo + (hi - lo) * rng.random(lo.size)
    return game.simplex[i] * rng.dirichlet(np.ones(lo.size))


def certify(game: ContinuousGame, profile, *, tol: float = DEFAULT_TOL, n_random: int = 4, seed: int = 0) -> Certificate:
    """Each player's gain from re-optimising against the others at ``profile``.

    Parameters
    ----------
    game : ContinuousGame
    profile : sequence of array_like
        One strategy per player (projected onto the boxes and simplices).
    tol : float
        Relative bound: the profile passes if every gain is at most ``tol * max(1, max_i |u_i|)``.
    n_random : int
        Seeded random starting points per player, besides the current point,
        the centre and (dimension <= 3) the corners of a box, or the centroid
        and (dimension <= 8) the vertices of a simplex.
    seed : int
        Seed of the random starts (the check is deterministic).

    Returns
    -------
    Certificate

    Notes
    -----
    Cost: for each box player, ``n_random + 2 + 2**d_i`` (corners only when
    ``d_i <= 3``) bounded quasi-Newton runs, each using central differences
    (``2 d_i`` payoff evaluations per gradient); for each simplex player
    ``n_random + 2 + d_i`` (vertices only when ``d_i <= 8``) SLSQP runs with
    forward-difference gradients.  The search ignores ``game.gradient`` on
    purpose (independence from the solver).

    Examples
    --------
    >>> g = ContinuousGame([0, 0], [10, 10], lambda i, x: x[i][0] * (10 - x[0][0] - x[1][0]))
    >>> bool(certify(g, [[10 / 3], [10 / 3]]).passed), bool(certify(g, [[1.0], [1.0]]).passed)
    (True, False)
    """
    x = game.clip(profile, "certify")
    base = game.payoffs(x)
    gains = np.zeros(game.num_players)
    devs = []
    for i in range(game.num_players):
        bx, bv = _maximise_own(game, i, x, _starts(game, i, x, n_random, seed), jac=False)
        gains[i] = max(0.0, bv - base[i])
        devs.append(bx)
    scale = max(1.0, float(np.max(np.abs(base))))
    mg = float(gains.max())
    return Certificate(gains, tuple(devs), mg, scale, float(tol), bool(mg <= tol * scale))


def finish(game: ContinuousGame, method: str, profile: tuple, iterations: int, converged: bool,
           tol: float, parameters: dict, t0: float) -> ContinuousResult:
    """Certify a solver's final profile and return it, or raise :class:`NotConverged`."""
    import time

    cert = certify(game, profile, tol=tol)
    result = ContinuousResult(game, method, profile, game.payoffs(profile), iterations, converged, cert,
                              cert.max_gain, float(tol), dict(parameters), time.perf_counter() - t0)
    if not cert.passed:
        worst = int(np.argmax(cert.gains))
        why = "did not converge" if not converged else "converged to a point that is not an equilibrium"
        raise NotConverged(
            f"{method}: the iteration {why} after {iterations} iterations; player {game.players[worst]} gains "
            f"{cert.max_gain:.3g} by re-optimising (bound {cert.bound:.3g}). The best point is in .best and its "
            "certificate in .certificate; try more iterations, a smaller step or more damping.",
            result, cert,
        )
    return result
