"""Projected extragradient (Korpelevich) on the pseudo-gradient of a continuous game."""

from __future__ import annotations

import time

import numpy as np

from ._game import ContinuousGame
from ._options import check_game, max_iterations, positive
from ._result import DEFAULT_TOL, ContinuousResult, finish

__all__ = ["extragradient"]


def extragradient(
    game: ContinuousGame,
    *,
    start=None,
    step: float = 1.0,
    tol: float = DEFAULT_TOL,
    xtol: float = 1e-10,
    max_iter: int = 10_000,
) -> ContinuousResult:
    """Nash equilibrium as the solution of the variational inequality of the pseudo-gradient.

    Parameters
    ----------
    game : ContinuousGame
    start : sequence of array_like, optional
        Initial profile (default: the centre of every box, the centroid of every simplex).
    step : float
        Initial step size; it is halved whenever the local Lipschitz test
        fails (see Notes), and never grows again.
    tol : float
        Relative bound of the certificate: every player's gain from
        re-optimising must be at most ``tol * max(1, max_i |u_i|)``.
    xtol : float
        The iteration stops when ``max |x_{k+1} - x_k| <= xtol * max(1, max |x_k|)``.
    max_iter : int
        Most iterations.

    Returns
    -------
    ContinuousResult
        Certified by independent re-optimisation of every player.

    Raises
    ------
    NotConverged
        The final point fails the certificate (with ``.best`` and ``.certificate``).
    InvalidPayoffs
        A payoff or gradient evaluated to NaN or infinity.
    InvalidOption
        Bad step, tol or max_iter.

    Notes
    -----
    With ``F(x) = -(grad_{x_1} u_1(x), ..., grad_{x_N} u_N(x))`` (the
    pseudo-gradient, by central differences when ``game.gradient`` is None)
    and ``P`` the Euclidean projection onto the product of the strategy sets
    (clipping on a box, the sort-based projection of Held-Wolfe-Crowder
    (1974) on a simplex), a Nash equilibrium of a game with concave payoffs
    solves VI(F, S): ``x = P(x - s F(x))``.
    Each iteration takes the extragradient step of Korpelevich (1976):

        y = P(x - s F(x)),    x+ = P(x - s F(y)),

    which converges for monotone Lipschitz F when s < 1/L (it also solves
    bilinear zero-sum games, on which plain projected gradient cycles).
    L is unknown, so s is halved until ``s |F(x) - F(y)| <= 0.9 |x - y|``
    (Khobotov's rule, Facchinei-Pang 2003, Sec. 12.1).  Rosen's (1965)
    diagonal strict concavity makes F strictly monotone and the equilibrium
    unique.  Cost per iteration: two pseudo-gradient evaluations (2 * sum d_i
    payoff evaluations each by differences), plus the step halvings.

    References
    ----------
    .. [1] G. M. Korpelevich, "The extragradient method for finding saddle
       points and other problems", Ekonomika i Matematicheskie Metody 12
       (1976) 747-756.
    .. [2] F. Facchinei and J.-S. Pang, Finite-Dimensional Variational
       Inequalities and Complementarity Problems, Springer, 2003.
    .. [3] J. B. Rosen, "Existence and uniqueness of equilibrium points for
       concave n-person games", Econometrica 33 (1965) 520-534.
    .. [4] M. Held, P. Wolfe and H. P. Crowder, "Validation of subgradient
       optimization", Mathematical Programming 6 (1974) 62-88.

    Examples
    --------
    >>> g = ContinuousGame([0, 0], [10, 10], lambda i, x: x[i][0] * (10 - x[0][0] - x[1][0]))
    >>> r = extragradient(g)
    >>> [round(float(x[0]), 6) for x in r.profile]
    [3.333333, 3.333333]
    """
    where = "extragradient"
    check_game(where, game, ContinuousGame)
    s = positive(where, "step", step)
    s0 = s
    tol = positive(where, "tol", tol)
    xtol = positive(where, "xtol", xtol)
    max_iter = max_iterations(where, max_iter)
    t0 = time.perf_counter()
    sizes = np.cumsum((0,) + game.dims)

    def split(v):
        return tuple(v[a:b] for a, b in zip(sizes[:-1], sizes[1:]))

    def P(v):
        return np.concatenate(game.clip(split(v), where))

    def F(v):
        return -np.concatenate(game.pseudo_gradient(split(v)))

    x = np.concatenate(game.center() if start is None else game.clip(start, where))
    converged = False
    k = 0
    Fx = F(x)
    for k in range(1, max_iter + 1):
        while True:
            y = P(x - s * Fx)
            Fy = F(y)
            dxy = float(np.linalg.norm(x - y))
            if s * float(np.linalg.norm(Fx - Fy)) <= 0.9 * dxy or dxy == 0.0 or s < 1e-14 * s0:
                break
            s /= 2
        new = P(x - s * Fy)
        move = float(np.max(np.abs(new - x)))
        size = max(1.0, float(np.max(np.abs(x))))
        x = new
        if move <= xtol * size:
            converged = True
            break
        Fx = F(x)
    params = {"step": s0, "final_step": s, "tol": tol, "xtol": xtol, "max_iter": max_iter}
    return finish(game, "extragradient", split(x), k, converged, tol, params, t0)
