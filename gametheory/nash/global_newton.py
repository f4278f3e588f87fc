"""Govindan and Wilson's global Newton method for N-player games.

The structure theorem of Kohlberg and Mertens [2]_ says that the graph of the
Nash equilibrium correspondence over the games ``G + g`` -- ``G`` with a bonus
``g[i, s]`` paid to player ``i`` whenever it plays ``s`` -- is homeomorphic to
the space of bonuses.  In their coordinates a point ``z`` of ``R^M``
(``M = sum_i n_i``) stands for the profile ``sigma = r(z)`` and the bonus

.. math::

    F(z) = z - r(z) - V(r(z)),

where ``r_i(z_i) = max(z_i - v_i, 0)`` is the Euclidean projection of
``z_i`` onto player ``i``'s simplex (``v_i`` the number that makes it sum to
one) and ``V_{i,s}(sigma) = u_i(s, sigma_{-i})`` are the strategy payoffs:
``r(z)`` is an equilibrium of ``G + F(z)`` with payoff ``v_i`` to player ``i``.
Govindan and Wilson [1]_ follow the ray of bonuses ``lambda b``: the solutions
of ``F(z) = lambda b`` form one-dimensional curves, and for ``lambda`` large
the curve through the unique equilibrium of ``G + lambda b`` (each player's
pure strategy with the largest bonus) leads, as ``lambda`` decreases, to a
point with ``lambda = 0``: an equilibrium of ``G``.  Followed further, it
crosses ``lambda = 0`` an odd number of times in all and finally leaves for
``lambda -> -infinity``.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from .._numbers import to_float_array
from ..errors import GameError, InvalidOption, NotSupported
from ..game import NormalFormGame
from ..result import DEFAULT_TOL, NashResult, certify
from ._options import check_game, check_int, check_tol, make_rng
from ._polish import polish

__all__ = ["global_newton"]

_NAME = "global_newton"
#: Largest |residual| of the path equations accepted by the corrector (payoffs are normalised to [0, 1]).
_RESIDUAL = 1e-11
#: A support inequality may be violated by this much (rounding) before the point counts as outside its cell.
_SLACK = 1e-9
#: Newton iterations of one corrector call.
_NEWTON_ITER = 12
#: Cosine of the largest turn of the tangent accepted between two steps inside one cell.
_MIN_COS = 0.95
#: Fresh random perturbations tried when a path is lost before reaching any equilibrium.
_RETRIES = 3


@dataclass(frozen=True, eq=False)
class _Homotopy:
    """The path equations ``H(z, lambda) = z - r(z) - V(r(z)) - lambda b`` of one normalised game.

    ``payoffs[i]`` is player ``i``'s payoff array rescaled to ``[0, 1]``;
    ``offsets`` cut the flat vectors of length ``M`` into players.  A *cell*
    is a boolean mask ``S`` of length ``M`` (the supports); inside it ``r`` is
    affine and ``H`` is polynomial, and the same formulas extend ``H`` smoothly
    a little beyond the cell, which the corrector uses.
    """

    payoffs: tuple[np.ndarray, ...]
    offsets: np.ndarray
    b: np.ndarray
    owner: np.ndarray = None  # type: ignore[assignment]  # player of each flat index
    same: np.ndarray = None  # type: ignore[assignment]  # M x M: True where both indices belong to one player

    pairs: tuple = ()  # the pairs (i, j), i < j, of players
    pair_matrices: tuple = ()  # per pair: u_i and u_j as (n_i n_j) x (product of the others' n) matrices

    def __post_init__(self) -> None:
        owner = np.repeat(np.arange(len(self.payoffs)), np.diff(self.offsets))
        object.__setattr__(self, "owner", owner)
        object.__setattr__(self, "same", (owner[:, None] == owner[None, :]).astype(float))
        N = len(self.payoffs)
        pairs, mats = [], []
        if N > 2:
            for i in range(N):
                for j in range(i + 1, N):
                    order = [i, j] + [k for k in range(N) if k != i and k != j]
                    stacked = np.stack([np.transpose(self.payoffs[i], order), np.transpose(self.payoffs[j], order)])
                    n_i, n_j = stacked.shape[1], stacked.shape[2]
                    pairs.append((i, j))
                    mats.append(np.ascontiguousarray(stacked.reshape(2, n_i * n_j, -1)))
        object.__setattr__(self, "pairs", tuple(pairs))
        object.__setattr__(self, "pair_matrices", tuple(mats))

    @property
    def size(self) -> int:
        return int(self.offsets[-1])

    def blocks(self):
        return [slice(int(self.offsets[i]), int(self.offsets[i + 1])) for i in range(len(self.payoffs))]

    def _counts(self, S: np.ndarray) -> np.ndarray:
        return np.bincount(self.owner, weights=S, minlength=len(self.payoffs))

    def levels(self, z: np.ndarray, S: np.ndarray) -> np.ndarray:
        """``v_i`` repeated over player ``i``'s strategies: ``(sum of z over S_i - 1) / |S_i|``."""
        sums = np.bincount(self.owner, weights=np.where(S, z, 0.0), minlength=len(self.payoffs))
        return ((sums - 1.0) / self._counts(S))[self.owner]

    def phi(self, z: np.ndarray, S: np.ndarray) -> np.ndarray:
        """``z - v``: the probabilities on ``S`` (>= 0 in the cell) and the payoff gaps off it (<= 0)."""
        return z - self.levels(z, S)

    def phi_slope(self, dz: np.ndarray, S: np.ndarray) -> np.ndarray:
        """The linear part of ``phi``: its change along ``dz``."""
        sums = np.bincount(self.owner, weights=np.where(S, dz, 0.0), minlength=len(self.payoffs))
        return dz - (sums / self._counts(S))[self.owner]

    def phi_gradient(self, k: int, S: np.ndarray) -> np.ndarray:
        """Gradient of the affine ``phi[k]`` in ``(z, lambda)``."""
        g = np.zeros(self.size + 1)
        i = self.owner[k]
        mine = (self.owner == i) & S
        g[:-1][mine] = -1.0 / mine.sum()
        g[k] += 1.0
        return g

    def sigma(self, z: np.ndarray, S: np.ndarray) -> np.ndarray:
        return np.where(S, self.phi(z, S), 0.0)

    def _terms(self, sigma: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Strategy payoffs ``V(sigma)`` and their derivative ``dV/dsigma`` (``M x M``, zero diagonal blocks).

        Block ``(i, j)`` of ``dV`` is ``u_i`` with every axis but ``i`` and ``j``
        contracted with the other players' strategies: one matrix-vector product
        of the payoff matrices prepared by :func:`_pair_matrices` with the outer
        product of those strategies.
        """
        blocks = self.blocks()
        parts = [sigma[blk] for blk in blocks]
        M = self.size
        DV = np.zeros((M, M))
        for (i, j), mats in zip(self.pairs, self.pair_matrices):
            others = [parts[k] for k in range(len(blocks)) if k != i and k != j]
            w = np.ones(1)
            for p in others:
                w = np.multiply.outer(w, p).ravel()
            both = mats @ w
            n_i, n_j = len(parts[i]), len(parts[j])
            DV[blocks[i], blocks[j]] = both[0].reshape(n_i, n_j)
            DV[blocks[j], blocks[i]] = both[1].reshape(n_i, n_j).T
        if len(blocks) == 2:
            DV[blocks[0], blocks[1]] = self.payoffs[0]
            DV[blocks[1], blocks[0]] = self.payoffs[1].T
        # V_i = (block (i, j)) sigma_j for any j != i; the whole product includes zero diagonal blocks
        V = (DV @ sigma) / (len(blocks) - 1)
        return V, DV

    def residual(self, x: np.ndarray, S: np.ndarray) -> np.ndarray:
        z, lam = x[:-1], x[-1]
        sigma = self.sigma(z, S)
        V, _ = self._terms(sigma)
        return z - sigma - V - lam * self.b

    def jacobian(self, x: np.ndarray, S: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``H`` and its ``M x (M + 1)`` Jacobian ``[I - (I + DV) P, -b]`` at ``x`` in cell ``S``."""
        z, lam = x[:-1], x[-1]
        sigma = self.sigma(z, S)
        V, DV = self._terms(sigma)
        M = self.size
        s = S.astype(float)
        # the projection onto each player's support, as a block-diagonal matrix
        P = np.diag(s) - np.outer(s / self._counts(S)[self.owner], s) * self.same
        J = np.empty((M, M + 1))
        J[:, :M] = np.eye(M) - P - DV @ P
        J[:, M] = -self.b
        return z - sigma - V - lam * self.b, J

    def is_linear(self, S: np.ndarray) -> bool:
        """True when ``H`` is affine in the cell: two players, or at most one player mixing."""
        if len(self.payoffs) == 2:
            return True
        return sum(int(S[blk].sum() > 1) for blk in self.blocks()) <= 1


def _kernel(J: np.ndarray) -> tuple[np.ndarray, float]:
    """Unit vector spanning the kernel of the ``M x (M + 1)`` matrix ``J``, and the sign of ``det [J; t]``.

    The sign is 0 when ``J`` is (numerically) rank deficient, where it means nothing.
    """
    _, s, vt = np.linalg.svd(J)
    t = vt[-1]
    if s[-1] <= 1e-10 * max(1.0, s[0]):
        return t, 0.0
    return t, float(np.sign(np.linalg.det(np.vstack([J, t]))))


def _newton(hom: _Homotopy, x0: np.ndarray, S: np.ndarray, row: np.ndarray, target: float):
    """Solve ``H(x) = 0, row . x = target`` by Newton's method from ``x0``.

    Returns ``(x, iterations, J)`` with ``J`` the Jacobian of ``H`` at the
    solution, or None if the iteration does not contract quickly (the start
    was outside the basin of this branch of the curve).
    """
    x = x0.copy()
    last = math.inf
    for it in range(_NEWTON_ITER + 1):
        H, J = hom.jacobian(x, S)
        r = np.append(H, row @ x - target)
        size = float(np.max(np.abs(r)))
        if not math.isfinite(size):
            return None
        if size <= _RESIDUAL:
            return x, it, J
        if it == _NEWTON_ITER or (it >= 2 and size > 0.5 * last):
            return None
        last = size
        A = np.vstack([J, row])
        try:
            dx = np.linalg.solve(A, -r)
        except np.linalg.LinAlgError:
            dx = np.linalg.lstsq(A, -r, rcond=None)[0]
        x = x + dx
    return None


def _next_event(hom: _Homotopy, x: np.ndarray, S: np.ndarray, t: np.ndarray, armed: bool):
    """The first support change or ``lambda = 0`` crossing along the line ``x + h t`` (h >= 0).

    ``phi`` is affine in the cell, so the crossings along the predictor line are
    exact.  Returns ``(h, event)`` with ``event`` an index ``k`` (strategy ``k``
    enters or leaves the support) or ``-1`` (``lambda`` reaches zero), or
    ``(inf, None)`` when the line never leaves the cell.  ``lambda = 0``
    counts only when ``armed``.
    """
    z, dz = x[:-1], t[:-1]
    phi = hom.phi(z, S)
    dphi = hom.phi_slope(dz, S)
    best, event = math.inf, None
    with np.errstate(divide="ignore", invalid="ignore"):
        # in the support phi falls to zero; off it phi rises to zero
        toward = np.where(S, dphi < -1e-14, dphi > 1e-14)
        h = np.where(toward, -phi / dphi, np.inf)
    h = np.maximum(h, 0.0)
    if h.size and np.isfinite(h.min()):
        k = int(np.argmin(h))
        best, event = float(h[k]), k
    lam, dlam = x[-1], t[-1]
    if armed and ((lam > 0 and dlam < 0) or (lam < 0 and dlam > 0)):
        hl = -lam / dlam
        if hl < best:
            best, event = hl, -1
    return best, event


def _inside(hom: _Homotopy, x: np.ndarray, S: np.ndarray, skip: int | None = None) -> np.ndarray:
    """Indices whose support inequality fails by more than the slack at ``x``."""
    phi = hom.phi(x[:-1], S)
    bad = np.where(S, phi < -_SLACK, phi > _SLACK)
    if skip is not None and skip >= 0:
        bad[skip] = False
    return np.flatnonzero(bad)


def _event_row(hom: _Homotopy, event: int, S: np.ndarray) -> tuple[np.ndarray, float]:
    if event == -1:
        row = np.zeros(hom.size + 1)
        row[-1] = 1.0
        return row, 0.0
    g = hom.phi_gradient(event, S)
    # phi[k] = g . z + 1/|S_i| (the constant part of -v_i), so phi[k] = 0 is g . x = -const
    const = float(hom.phi(np.zeros(hom.size), S)[event])
    return g, -const


@dataclass(frozen=True, eq=False)
class _Trace:
    """What one path produced: profiles at ``lambda = 0`` (normalised-game coordinates) and how it ended."""

    profiles: list
    status: str
    message: str
    steps: int


def _follow(hom: _Homotopy, lam0: float, lam_end: float, steps: int, max_steps: int) -> _Trace:
    """Follow the path of ``H = 0`` from ``lambda = lam0`` down, recording every ``lambda = 0`` crossing."""
    M = hom.size
    S = np.zeros(M, dtype=bool)
    for blk in hom.blocks():
        S[blk.start + int(np.argmax(hom.b[blk]))] = True
    V, _ = hom._terms(S.astype(float))
    x = np.append(S + V + lam0 * hom.b, lam0)
    # in the first cell J = [I, -b]: the kernel is (b, 1), followed downwards in lambda
    _, J = hom.jacobian(x, S)
    t, orientation = _kernel(J)
    if t[-1] > 0:
        t, orientation = -t, -orientation
    h_max = lam0 / steps
    h_min = 1e-13 * max(1.0, lam0)
    h = h_max
    found: list = []
    # after a crossing, lambda must move clearly away from zero before the next one counts: on a
    # degenerate game the curve can run inside lambda = 0 (a continuum of equilibria), where rounding
    # makes lambda change sign again and again
    armed = True
    stalls = crawl = flat = 0
    switches: dict = {}
    for count in range(1, max_steps + 1):
        if not armed and abs(x[-1]) > 1e-7 * lam0:
            armed = True
        h_event, event = _next_event(hom, x, S, t, armed)
        linear = hom.is_linear(S)
        if (event is None and linear) or x[-1] < -lam_end:
            return _Trace(found, "ok", "", count)
        hit = linear or h_event <= h
        length = h_event if hit else h
        x_pred = x + length * t
        row, target = _event_row(hom, event, S) if hit else (t, float(t @ x_pred))
        solved = _newton(hom, x_pred, S, row, target)
        if solved is not None and np.linalg.norm(solved[0] - x_pred) > 0.5 * length + 1e-9:
            solved = None  # the corrector jumped: maybe onto another branch of the curve
        if solved is not None:
            new = solved[0]
            bad = _inside(hom, new, S, event if hit else None)
            crossed = armed and ((x[-1] > 0 and new[-1] < -_SLACK) or (x[-1] < 0 and new[-1] > _SLACK))
            if len(bad) or crossed:
                # the curve bent across a boundary the straight predictor did not reach: aim at the
                # first boundary it crossed, placed by interpolating phi between the two points
                phi0, phi1 = hom.phi(x[:-1], S), hom.phi(new[:-1], S)
                fracs = {int(k): phi0[k] / (phi0[k] - phi1[k]) for k in bad if phi0[k] != phi1[k]}
                if crossed:
                    fracs[-1] = x[-1] / (x[-1] - new[-1])
                solved = None
                if fracs:
                    event = min(fracs, key=fracs.get)
                    frac = min(max(fracs[event], 0.0), 1.0)
                    row, target = _event_row(hom, event, S)
                    again = _newton(hom, x + frac * (new - x), S, row, target)
                    if (again is not None and not len(_inside(hom, again[0], S, event))
                            and (again[0] - x) @ t > 0):
                        solved, hit = again, True
                        length = float(np.linalg.norm(again[0] - x))
                    else:
                        length *= frac
        if solved is None:
            h = length / 2
            if h < h_min:
                return _Trace(found, "path-lost", f"the step size fell below {h_min:.1e} near lambda = {x[-1]:.6g}",
                              count)
            continue
        new, iterations, J = solved
        if not hit:
            # inside a cell the curve is smooth: continuity orients the tangent, which also carries it
            # straight through a singular point (a bifurcation, in a degenerate game)
            t_new, sign = _kernel(J)
            if t_new @ t < 0:
                t_new, sign = -t_new, -sign
            if t_new @ t < _MIN_COS:
                h = length / 2
                continue
            x, t = new, t_new
            orientation = sign or orientation
            crawl = crawl + 1 if length < 1e-9 * lam0 else 0
            flat = 0 if armed else flat + 1
            if crawl > 100:
                return _Trace(found, "path-lost", f"the path stalls at a singular point near lambda = {x[-1]:.6g} "
                              "(a degenerate game or perturbation: try another seed)", count)
            if flat > 20 * steps:
                return _Trace(found, "degenerate", "the path runs on inside lambda = 0, through a continuum of "
                              "equilibria of this degenerate game; it was not followed further", count)
            if iterations <= 3:
                h = min(2 * h, h_max)
            continue
        x = new
        stalls = stalls + 1 if length <= 1e-12 else 0
        if stalls > 4 * M:
            return _Trace(found, "path-lost", f"the path cycles between supports near lambda = {x[-1]:.6g} "
                          "(a degenerate perturbation: try another seed)", count)
        if event == -1:
            x[-1] = 0.0
            found.append(np.clip(hom.sigma(x[:-1], S), 0.0, None))
            armed = False
            t_new, sign = _kernel(J)
            t, orientation = (t_new, sign or orientation) if t_new @ t >= 0 else (-t_new, -sign or orientation)
            continue
        # a regular path never meets the same boundary point twice; on a degenerate game the trace
        # can slip at a singular point onto a closed loop of the curve, which it would circle forever
        key = (S.tobytes(), event)
        if any(np.max(np.abs(x - y)) <= 1e-7 * max(1.0, lam0) for y in switches.get(key, ())):
            return _Trace(found, "degenerate", "the trace came back to a point it had passed: at a singular "
                          "point of this degenerate game it moved onto a closed loop of the curve", count)
        switches.setdefault(key, []).append(x.copy())
        # switch cells: k enters the support (phi rose to 0) or leaves it (its probability fell to 0)
        S = S.copy()
        S[event] = not S[event]
        if not S[hom.owner == hom.owner[event]].any():
            return _Trace(found, "path-lost", "a support became empty (numerical trouble)", count)
        _, J = hom.jacobian(x, S)
        t_new, sign = _kernel(J)
        # the curve goes on into the new cell: k's probability grows from 0, or its payoff gap opens;
        # where that does not decide (a tangent along the boundary) the orientation, constant on a
        # regular curve, does
        slope = float(hom.phi_slope(t_new[:-1], S)[event])
        if abs(slope) > 1e-9:
            flip = (slope < 0) == S[event]
        else:
            flip = sign * orientation < 0
        t, orientation = (-t_new, -sign or orientation) if flip else (t_new, sign or orientation)
    return _Trace(found, "max-steps", f"stopped after max_steps = {max_steps} steps", max_steps)


def _perturbation(game: NormalFormGame, perturbation: Any, rng: np.random.Generator) -> np.ndarray:
    """The flat bonus vector ``b``: checked if given, else the seeded random default."""
    M = sum(game.shape)
    offsets = np.concatenate([[0], np.cumsum(game.shape)])
    if perturbation is None:
        b = rng.random(M)
        for i in range(game.num_players):
            blk = slice(offsets[i], offsets[i + 1])
            b[offsets[i] + int(np.argmax(b[blk]))] += 1.0
        return b
    try:
        if isinstance(perturbation, np.ndarray) and perturbation.ndim == 1 and perturbation.dtype != object:
            flat = perturbation
        else:
            parts = list(perturbation)
            if len(parts) == game.num_players and all(np.ndim(p) == 1 for p in parts):
                flat = np.concatenate([np.asarray(p, dtype=object).reshape(-1) for p in parts])
            else:
                flat = np.asarray(parts, dtype=object).reshape(-1)
        b = to_float_array(np.asarray(flat, dtype=object), where=f"{_NAME}: perturbation")
    except (TypeError, ValueError, GameError) as exc:
        raise InvalidOption(f"{_NAME}: perturbation is not a vector of finite numbers ({exc})") from None
    if b.ndim != 1 or b.size != M:
        raise InvalidOption(
            f"{_NAME}: perturbation must have one entry per pure strategy ({M} = {' + '.join(map(str, game.shape))}), "
            f"got {b.size}"
        )
    for i in range(game.num_players):
        part = b[offsets[i]:offsets[i + 1]]
        if np.sum(part == part.max()) > 1:
            raise InvalidOption(
                f"{_NAME}: perturbation of player {game.players[i]!r} has no unique largest entry "
                "(the path must start at a unique pure profile)"
            )
    return b.astype(np.float64)


def _check(game: Any, tol: Any, steps: Any, max_steps: Any) -> None:
    check_game(game, _NAME)
    check_tol(tol, _NAME)
    check_int(steps, "steps", _NAME)
    check_int(max_steps, "max_steps", _NAME)


def global_newton(
    game: NormalFormGame,
    *,
    exact: bool = False,
    tol: float | None = None,
    perturbation: Any = None,
    seed: Any = None,
    steps: int = 20,
    max_steps: int = 100_000,
) -> NashResult:
    """Equilibria of an N-player game by Govindan and Wilson's global Newton method.

    Parameters
    ----------
    game : NormalFormGame
        Any number of players (two included).
    exact : bool
        Return rational equilibria with regret exactly zero.  Each equilibrium
        found in floating point is made exact by rational reconstruction and an
        exact check; equilibria of games with three or more players may be
        irrational, and then :class:`~gametheory.errors.NotSupported` is raised.
    tol : float, optional
        Float regret bound relative to ``max(1, payoff range)`` (default ``1e-9``).
    perturbation : array_like, optional
        The bonus direction ``b``: one flat vector of length ``sum(n_i)`` or one
        vector per player; each player's largest entry must be unique (the path
        starts where every player plays it).  Default: a random generic ``b``
        drawn from ``seed``: independent uniform ``[0, 1)`` entries, with 1
        added to each player's largest, so that the start is well separated.
    seed : None, int or numpy Generator
        Source of the default perturbation (an int gives the same path every time).
    steps : int
        Where the path curves (three or more players mixing), the predictor step
        never exceeds ``lambda_0 / steps``; larger values trade speed for
        security, as Gambit's ``gnm`` option of the same name.
    max_steps : int
        Limit on predictor-corrector steps per path.

    Returns
    -------
    NashResult
        ``method="gnm"``, ``complete=False``: every ``lambda = 0``
        crossing met along the path, polished and certified.  ``status`` is
        ``"ok"`` when the path was followed to its end; otherwise the result
        holds the equilibria met so far (possibly none, never an uncertified
        profile) and ``status`` says why the trace stopped: ``"degenerate"``
        (on a degenerate game the curve ran on inside ``lambda = 0`` or the
        trace slipped onto a closed loop), ``"path-lost"`` (the step size
        collapsed), ``"max-steps"``, or ``"no-convergence"`` (no crossing at
        all).  No exception is raised for these.  ``parameters`` records the
        perturbation used, the number of crossings and of steps.

    Raises
    ------
    InvalidOption
        Not a game; bad ``tol``, ``steps``, ``max_steps``, ``seed``, or a
        perturbation of the wrong length, with NaN, or without a unique
        largest entry per player.
    NotSupported
        ``exact=True`` and an equilibrium found is irrational.

    Notes
    -----
    Payoffs are first rescaled per player to ``[0, 1]`` (equilibria are
    unchanged), so the path does not depend on positive affine changes of
    payoffs.  With ``F(z) = z - r(z) - V(r(z))`` as in the module docstring,
    the method follows the curve ``H(z, lambda) = F(z) - lambda b = 0``.  It
    starts at ``lambda_0 = 1.1 / min_i gap_i`` (``gap_i`` the margin of
    player ``i``'s largest bonus), where the pure profile of largest bonuses is
    strictly dominant, hence the unique equilibrium.  The supports of
    ``r(z)`` cut ``R^M`` into cells bounded by hyperplanes; inside a cell ``r``
    is affine and ``H`` multilinear, so the curve is smooth there and is traced
    by Euler prediction along the tangent (the kernel of the Jacobian
    ``[I - (I + DV) P, -b]``, ``P`` the projection onto the supports) and
    Newton correction, with step-size control against path jumping.  Support
    changes and ``lambda = 0`` are located exactly by Newton's method on the
    boundary equation, and the curve continues into the next cell.  The tangent
    is oriented by the sign of ``det [J; t]``, which is constant along the
    curve (Govindan and Wilson's ``dz = adj(DF) b``, ``dlambda = det DF``),
    so the curve never turns back at a cell boundary.  In two-player games
    every cell is affine and each cell is crossed in one step.  The trace
    ends when the curve is in an affine cell that it never leaves (it goes to
    ``lambda = -infinity``), or below ``lambda = -1.1 / min_i low_i`` (``low_i``
    the margin of player ``i``'s smallest bonus) where the game has a unique
    equilibrium.  If the path is lost before reaching any equilibrium and
    ``perturbation`` was not given, up to three fresh random perturbations are
    tried.  Each step costs ``O(N^2 prod(n_i))`` for the Jacobian's contractions
    and ``O(M^3)`` for the linear algebra.  A degenerate game may have
    equilibria where the Jacobian is singular; the equilibrium is still found,
    and the trace continues past it when it can.

    References
    ----------
    .. [1] Govindan, S. and Wilson, R. (2003). A global Newton method to
       compute Nash equilibria. *Journal of Economic Theory* 110, 65-86.
    .. [2] Kohlberg, E. and Mertens, J.-F. (1986). On the strategic stability
       of equilibria. *Econometrica* 54, 1003-1037.
    .. [3] Blum, B., Shelton, C. R. and Koller, D. (2006). A continuation
       method for Nash equilibria in structured games. *Journal of Artificial
       Intelligence Research* 25, 457-502 (the gnm of Gametracer and Gambit).

    Examples
    --------
    >>> import numpy as np, gametheory as gt
    >>> from gametheory.nash.global_newton import global_newton
    >>> pennies = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> res = global_newton(pennies, seed=0)
    >>> [p.round(6).tolist() for p in res.equilibria[0]]
    [[0.5, 0.5], [0.5, 0.5]]
    >>> global_newton(pennies, exact=True, seed=0).equilibria[0][0].tolist()
    [Fraction(1, 2), Fraction(1, 2)]
    """
    start = time.perf_counter()
    _check(game, tol, steps, max_steps)
    rng = make_rng(seed, _NAME)
    given = perturbation is not None
    b = _perturbation(game, perturbation, rng)
    N = game.num_players
    arr = game._float
    scaled = []
    for i in range(N):
        u = arr[..., i]
        lo, hi = float(u.min()), float(u.max())
        scaled.append((u - lo) / (hi - lo) if hi > lo else np.zeros_like(u))
    offsets = np.concatenate([[0], np.cumsum(game.shape)]).astype(np.intp)

    attempts = []
    trace = None
    for attempt in range(1 + (0 if given else _RETRIES)):
        if attempt:
            b = _perturbation(game, None, rng)
        hom = _Homotopy(tuple(scaled), offsets, b)
        top, bottom = [], []
        for i in range(N):
            part = np.sort(b[offsets[i]:offsets[i + 1]])
            if part.size > 1:
                top.append(part[-1] - part[-2])
                bottom.append(part[1] - part[0])
        lam0 = 1.1 / min(top) if top else 1.0
        lam_end = 1.1 / min(bottom) if bottom and min(bottom) > 0 else 1e3 * lam0
        trace = _follow(hom, lam0, lam_end, int(steps), int(max_steps))
        attempts.append(trace)
        if trace.profiles:
            break

    bound_tol = DEFAULT_TOL if tol is None else float(tol)
    profiles = []
    irrational = 0
    for sig in trace.profiles:
        prof = [sig[offsets[i]:offsets[i + 1]] for i in range(N)]
        prof = [p / p.sum() for p in prof]
        if exact:
            sharp = polish(game, prof, tol=bound_tol, exact=True)
            if sharp is None:
                irrational += 1
                continue
            profiles.append(sharp)
        else:
            dev = [d for d in game._strategy_payoffs(tuple(prof), False)]
            regret = max(float(d.max() - d @ p) for d, p in zip(dev, prof))
            span = float(arr.max() - arr.min())
            if regret <= bound_tol * max(1.0, span):
                profiles.append(tuple(prof))
                continue
            sharp = polish(game, prof, tol=bound_tol)
            if sharp is not None:
                profiles.append(sharp)
    if irrational:
        raise NotSupported(
            f"{_NAME}: {irrational} of the {len(trace.profiles)} equilibria found has no exact rational form "
            "(the equilibria of games with three or more players may be irrational); use exact=False"
        )
    status, message = trace.status, trace.message
    if len(attempts) > 1:
        note = f"{len(attempts) - 1} path(s) lost before any equilibrium; followed a fresh random perturbation"
        message = f"{message}; {note}" if message else note
    if not trace.profiles and status == "ok":
        status, message = "no-convergence", "the path ended without crossing lambda = 0"
    elif trace.profiles and len(profiles) < len(trace.profiles):
        lost = len(trace.profiles) - len(profiles)
        note = f"{lost} lambda = 0 crossing(s) failed the regret certificate even after polishing and were dropped"
        message = f"{message}; {note}" if message else note
    parameters = {
        "exact": exact,
        "tol": tol,
        "seed": seed if isinstance(seed, (int, type(None))) else "Generator",
        "steps": int(steps),
        "max_steps": int(max_steps),
        "perturbation": tuple(float(v) for v in b),
        "crossings": len(trace.profiles),
        "path_steps": trace.steps,
    }
    return certify(
        game,
        profiles,
        method="gnm",
        exact=exact,
        start=start,
        tol=tol,
        complete=False,
        parameters=parameters,
        status=status,
        message=message,
    )
