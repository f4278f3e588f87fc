r"""Nash equilibria as the zeros of McKelvey's Lyapunov function (Gambit's ``liap``).

For a profile ``sigma`` of an N-player game let
``g_is(sigma) = u_i(s, sigma_{-i}) - u_i(sigma)`` be the gain of player ``i``
from switching to pure strategy ``s``.  McKelvey's function

.. math::

    L(\sigma) = \sum_i \sum_s \max(0, g_{is}(\sigma))^2

is nonnegative, continuously differentiable, and zero exactly at the Nash
equilibria.  It is minimised over the product of simplices from many
starting points; a local minimum where ``L`` is (numerically) zero is
polished into an exact support solution and certified, a local minimum with
``L > 0`` is not an equilibrium and is discarded.

Gradient
--------
With ``d_is = max(0, g_is)``, ``D_i = sum_s d_is``, ``V_i(t) = u_i(t, sigma_{-i})``
and ``M_ik[s, t] = u_i(s, t, sigma_{-ik})`` (players ``i`` and ``k`` fixed, the
others mixed),

.. math::

    \frac{\partial L}{\partial \sigma_{kt}} = -2 D_k V_k(t)
        + 2 \sum_{i \ne k} \big[(d_i - D_i \sigma_i)^\top M_{ik}\big]_t ,

one contraction of the payoff tensor per ordered pair of players:
``O(N^2 prod(n))`` per evaluation.  The simplex constraints are removed by the
parametrisation ``sigma_is = z_is^2 / sum_s z_is^2`` (which reaches the faces
of the simplex, unlike a softmax), minimised by L-BFGS with the chain rule
``dL/dz_ir = (2 z_ir / |z_i|^2) (G_ir - G_i . sigma_i)`` for ``G = dL/dsigma``.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
from scipy.optimize import minimize

from ..errors import NotSupported
from ..game import NormalFormGame, Profile, contract_others
from ..result import NashResult, certify
from ._options import check_game, check_int, check_tol, make_rng
from ._polish import polish

__all__ = ["lyapunov", "lyapunov_value"]

_NAME = "lyapunov"
_METHOD = "liap"

# A local minimum counts as a candidate equilibrium when L (on payoffs scaled to [0, 1]) is below this;
# polishing then decides.  Non-equilibrium local minima of L are bounded away from zero.
_CANDIDATE = 1e-6
# L at which minimisation stops: regrets are then about 1e-7 of the payoff range.
_CLOSE_ENOUGH = 1e-14
# Restarts off a face on which the squared parametrisation stalled (see _escape).
_ESCAPES = 3


def _value_and_gradient(arrs: list[np.ndarray], prof: list[np.ndarray]) -> tuple[float, list[np.ndarray]]:
    """``L(sigma)`` and ``dL/dsigma`` (one vector per player), from the per-player payoff arrays."""
    n = len(arrs)
    V = [contract_others(arrs[i], prof, (i,)) for i in range(n)]
    d = [np.maximum(V[i] - V[i].dot(prof[i]), 0.0) for i in range(n)]
    D = [float(di.sum()) for di in d]
    value = float(sum(di.dot(di) for di in d))
    grad = [-2.0 * D[k] * V[k] for k in range(n)]
    for i in range(n):
        if D[i] == 0.0:
            continue
        w = d[i] - D[i] * prof[i]
        for k in range(n):
            if k == i:
                continue
            M = contract_others(arrs[i], prof, (i, k))
            # axes of M are in player order: (i, k) if i < k, else (k, i)
            grad[k] += 2.0 * (w @ M if i < k else M @ w)
    return value, grad


def lyapunov_value(game: NormalFormGame, profile: Any) -> float:
    """McKelvey's Lyapunov function ``L(sigma) = sum_i sum_s max(0, u_i(s, sigma_-i) - u_i(sigma))^2``.

    Zero exactly at the Nash equilibria.  Float arithmetic on the game's
    payoffs as given (not rescaled).  Cost ``O(N prod(n))``.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> lyapunov_value(g, [[1, 0], [1, 0]]), lyapunov_value(g, [[0.5, 0.5], [0.5, 0.5]])
    (4.0, 0.0)
    """
    prof = [np.asarray(p, dtype=np.float64) for p in game.profile(profile, exact=False)]
    arrs = [game._float[..., i] for i in range(game.num_players)]
    n = game.num_players
    V = [contract_others(arrs[i], prof, (i,)) for i in range(n)]
    return float(sum(np.sum(np.maximum(V[i] - V[i].dot(prof[i]), 0.0) ** 2) for i in range(n)))


def _check(game, tol, starts, max_iter):
    check_game(game, _NAME)
    check_tol(tol, _NAME)
    check_int(starts, "starts", _NAME)
    check_int(max_iter, "max_iter", _NAME)


def _minimise(arrs: list[np.ndarray], start: list[np.ndarray], max_iter: int) -> tuple[list[np.ndarray], float]:
    """A local minimum of ``L`` from ``start`` in the squared-normalised parametrisation."""
    sizes = [len(p) for p in start]
    cuts = np.cumsum(sizes)[:-1]

    def unpack(z):
        parts = np.split(z, cuts)
        norms = [float(p.dot(p)) for p in parts]
        return parts, norms, [p * p / s for p, s in zip(parts, norms)]

    best: list = [np.inf, None]

    def fun(z):
        parts, norms, prof = unpack(z)
        if min(norms) <= 1e-300:
            return np.inf, np.zeros_like(z)
        value, G = _value_and_gradient(arrs, prof)
        if value < best[0]:
            best[:] = [value, prof]
        if value <= _CLOSE_ENOUGH:
            # polishing converges quadratically from here; more L-BFGS steps would only crawl
            raise _Reached()
        dz = [(2.0 * p / s) * (g - g.dot(q)) for p, s, g, q in zip(parts, norms, G, prof)]
        return value, np.concatenate(dz)

    z0 = np.concatenate([np.sqrt(np.clip(p, 0.0, None)) for p in start])
    try:
        minimize(fun, z0, jac=True, method="BFGS", options={"maxiter": max_iter, "gtol": 1e-10})
    except _Reached:
        pass
    return best[1], float(best[0])


class _Reached(Exception):
    """Raised inside the objective to stop L-BFGS once ``L`` is small enough to polish."""


def _escape(arrs: list[np.ndarray], prof: list[np.ndarray]) -> list[np.ndarray] | None:
    """A restart point off the face where a minimisation got stuck, or None at a true local minimum.

    In the squared parametrisation a strategy whose probability reached zero
    has zero derivative, so a point of a face can stop the descent although
    moving weight onto an unused strategy lowers ``L``.  Such strategies
    (negative directional derivative ``G_ir - G_i . sigma_i``) get weight back.
    """
    _, G = _value_and_gradient(arrs, prof)
    out, moved = [], False
    for g, p in zip(G, prof):
        slope = g - g.dot(p)
        down = (p < 1e-6) & (slope < -1e-9)
        q = p.copy()
        if down.any():
            moved = True
            q = 0.9 * q + 0.1 * down / down.sum()
        out.append(q)
    return out if moved else None


def lyapunov(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float | None = None,
    starts: int = 20,
    seed: Any = None,
    max_iter: int = 1000,
) -> NashResult:
    r"""Nash equilibria of an N-player game by minimising McKelvey's Lyapunov function (Gambit's ``liap``).

    Parameters
    ----------
    game : NormalFormGame
        Any number of players.
    exact : bool, default False
        Return exact Fractions with regret exactly zero: each equilibrium
        found is reconstructed as rationals; if one is irrational (possible
        with three or more players) :class:`~gametheory.errors.NotSupported`
        is raised.
    tol : float, optional
        Float-mode regret bound relative to ``max(1, payoff range)`` (default ``1e-9``).
    starts : int, default 20
        Starting points: the centroid, then ``starts - 1`` profiles drawn
        uniformly from the product of simplices (Dirichlet(1) per player).
    seed : None, int or numpy Generator
        Seed of the random starting points; an int always gives the same result.
    max_iter : int, default 1000
        L-BFGS iterations per start.

    Returns
    -------
    NashResult
        ``method="liap"``, ``complete=False``: the distinct certified
        equilibria found.  ``message`` says how many starts ended at a local
        minimum of ``L`` that is not an equilibrium (discarded) and how many
        minima could not be polished; ``status`` is ``"no-convergence"`` when
        no start gave an equilibrium.  ``parameters`` records the options and
        those counts.

    Raises
    ------
    InvalidOption
        ``game`` is not a game, or an option has a bad value.
    NotSupported
        ``exact=True`` and an equilibrium found is irrational.

    Notes
    -----
    ``L`` and its gradient are given in the module docstring; payoffs are
    first scaled by ``1 / (payoff range)``, so the local minima found do not
    depend on the unit of payoffs.  Each evaluation costs
    ``O(N^2 prod(n_j))``; a start costs at most ``max_iter`` L-BFGS
    iterations.  ``L`` has local minima that are not equilibria [1]_, so the
    method can miss equilibria and has no completeness guarantee: more starts
    find more.  Each zero found is polished (support system by Newton's
    method) and certified before it is returned.

    References
    ----------
    .. [1] McKelvey, R. D. (1991). A Liapunov function for Nash equilibria.
       Social Science Working Paper 953, California Institute of Technology.
    .. [2] McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria
       in finite games. *Handbook of Computational Economics* 1, 87-142.

    Examples
    --------
    >>> import gametheory as gt
    >>> from gametheory.nash.lyapunov import lyapunov
    >>> g = gt.NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> res = lyapunov(g, exact=True, seed=0)
    >>> sorted(tuple(str(p) for s in eq for p in s) for eq in res.equilibria)
    [('0', '1', '0', '1'), ('1', '0', '1', '0'), ('2/3', '1/3', '1/3', '2/3')]
    """
    t0 = time.perf_counter()
    _check(game, tol, starts, max_iter)
    rng = make_rng(seed, _NAME)
    span = float(game._float.max() - game._float.min()) if game._float.size else 0.0
    scale = 1.0 / span if span > 0 else 1.0
    arrs = [game._float[..., i] * scale for i in range(game.num_players)]
    inits = [[np.full(n, 1.0 / n) for n in game.shape]]
    inits += [[rng.dirichlet(np.ones(n)) for n in game.shape] for _ in range(starts - 1)]
    found: list[Profile] = []
    not_equilibria = unpolished = 0
    for init in inits:
        prof, value = _minimise(arrs, init, max_iter)
        for _ in range(_ESCAPES):
            if value <= _CANDIDATE:
                break
            moved = _escape(arrs, prof)
            if moved is None:
                break
            prof, value = _minimise(arrs, moved, max_iter)
        if not value <= _CANDIDATE:
            not_equilibria += 1
            continue
        eq = polish(game, prof, tol=tol)
        if eq is None:
            unpolished += 1
            continue
        if all(max(float(np.max(np.abs(a - b))) for a, b in zip(eq, f)) > 1e-7 for f in found):
            found.append(eq)
    if exact:
        rational = []
        for eq in found:
            q = polish(game, eq, exact=True)
            if q is None:
                raise NotSupported(
                    f"{_NAME}: an equilibrium found is irrational (no rational profile near "
                    f"{[np.round(p, 6).tolist() for p in eq]} has regret exactly 0); use exact=False"
                )
            rational.append(q)
        found = rational
    parts = [f"{len(inits)} starts"]
    if not_equilibria:
        parts.append(f"{not_equilibria} ended at a local minimum of L that is not an equilibrium (discarded)")
    if unpolished:
        parts.append(f"{unpolished} reached L ~ 0 but could not be polished to a certified equilibrium (discarded)")
    parameters = {"tol": tol, "starts": starts, "seed": seed if isinstance(seed, (int, type(None))) else "generator",
                  "max_iter": max_iter, "not_equilibria": not_equilibria, "unpolished": unpolished}
    status = "ok" if found else "no-convergence"
    return certify(game, found, method=_METHOD, exact=exact, start=t0, tol=tol, complete=False,
                   parameters=parameters, status=status, message="; ".join(parts))
