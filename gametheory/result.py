"""The result object every equilibrium solver returns, and the check that builds it.

No solver returns a profile it has not checked: every solver hands its
candidate profiles to :func:`certify`, which normalises them, computes each
player's regret (the most a player gains by a unilateral deviation) and
raises :class:`~gametheory.errors.SolverError` if any regret exceeds the
tolerance; in exact mode the tolerance is zero and the check uses rational
arithmetic, so the certificate is a proof.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Iterable, Sequence

import numpy as np

from ._numbers import format_number
from .errors import InvalidStrategy, SolverError
from .game import NormalFormGame, Profile

__all__ = ["NashResult", "certify", "DEFAULT_TOL"]

#: Default regret tolerance of float-mode solvers, relative to the payoff range.
DEFAULT_TOL = 1e-9


@dataclass(frozen=True, eq=False)
class NashResult:
    """Equilibria found by a solver, each with its certificate.

    Attributes
    ----------
    game : NormalFormGame
        The game that was solved.
    method : str
        Name of the algorithm, e.g. ``"vertex"``.
    exact : bool
        True if the arithmetic was exact rational: probabilities are
        Fractions and every regret is exactly zero.
    equilibria : list of tuple of ndarray
        One profile per equilibrium; a profile holds one probability vector per player.
    payoffs : list of ndarray
        Expected payoff of each player at each equilibrium.
    regrets : list
        Max regret (over players) of each equilibrium: the certificate.
    max_regret : float or Fraction
        Largest regret over all equilibria (0 if there are none).
    tol : float or Fraction
        The regret bound every equilibrium was checked against (0 in exact mode).
    complete : bool
        True if the method guarantees the list is the set it promises (all
        equilibria, or all extreme equilibria), False for methods that find some.
    parameters : dict
        The options the solver ran with.
    time : float
        Wall-clock seconds, from the call to the checked result.
    status : str
        ``"ok"`` or a short code (for instance ``"degenerate"``) explained in ``message``.
    message : str
        Human-readable detail on ``status``.
    """

    game: NormalFormGame
    method: str
    exact: bool
    equilibria: list[Profile]
    payoffs: list[np.ndarray]
    regrets: list[Any]
    max_regret: Any
    tol: Any
    complete: bool
    parameters: dict = field(default_factory=dict)
    time: float = 0.0
    status: str = "ok"
    message: str = ""

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self):
        return iter(self.equilibria)

    def __getitem__(self, k: int) -> Profile:
        return self.equilibria[k]

    def to_dict(self) -> dict:
        """A JSON-ready dict: ``method``, ``exact``, ``equilibria`` and run details.

        Each equilibrium has ``strategies`` (one list of probabilities per
        player), ``payoffs`` (one per player) and ``regret``.  Exact numbers are
        strings such as ``"1/3"``.
        """
        ex = self.exact

        def num(x):
            return format_number(x, ex)

        eqs = [
            {
                "strategies": [[num(p) for p in s] for s in prof],
                "payoffs": [num(v) for v in pay],
                "regret": num(r),
            }
            for prof, pay, r in zip(self.equilibria, self.payoffs, self.regrets)
        ]
        return {
            "method": self.method,
            "exact": ex,
            "equilibria": eqs,
            "complete": self.complete,
            "max_regret": num(self.max_regret),
            "tol": num(self.tol),
            "status": self.status,
            "message": self.message,
            "parameters": {k: v for k, v in self.parameters.items() if isinstance(v, (int, float, str, bool, type(None)))},
            "time": self.time,
            "game": {"title": self.game.title, "players": list(self.game.players), "shape": list(self.game.shape)},
        }

    def __str__(self) -> str:
        ex = self.exact

        def num(x):
            v = format_number(x, ex)
            return v if isinstance(v, str) else f"{v:.6g}"

        lines = [
            f"{self.method}: {len(self.equilibria)} equilibri{'um' if len(self.equilibria) == 1 else 'a'}"
            f" ({'exact' if ex else f'float, regret <= {float(self.tol):.1e}'}; max regret {num(self.max_regret)})"
        ]
        if self.status != "ok":
            lines.append(f"status: {self.status}: {self.message}")
        for k, (prof, pay) in enumerate(zip(self.equilibria, self.payoffs), 1):
            parts = []
            for i, s in enumerate(prof):
                parts.append(f"{self.game.players[i]}: (" + ", ".join(num(p) for p in s) + ")")
            lines.append(f"  {k}. " + "; ".join(parts) + "  payoffs (" + ", ".join(num(v) for v in pay) + ")")
        return "\n".join(lines)


class _RegretFailure(SolverError):
    """A float candidate failed the regret bound (:func:`certify` tries to rescue it before giving up)."""


def _regret_error(method: str, worst: float, bound: float) -> SolverError:
    # In float mode this is usually lost precision on badly conditioned
    # payoffs (values spanning many orders of magnitude), not a logic error.
    return _RegretFailure(
        f"{method} produced a profile with regret {worst:.6g} above the bound {bound:.6g}, so it is not "
        "returned; floating-point pivoting lost precision on this game (run it with exact=True), "
        "or this is a bug in the solver: please report it with the game"
    )


_NO_MASS = "solver produced a strategy with no positive probability"


def _clean_float(prof: Sequence[np.ndarray]) -> Profile:
    out = []
    for s in prof:
        v = np.asarray(s, dtype=np.float64).copy()
        # round-off leaves 1e-17-size weights on unused strategies; zero them so supports read
        # true (the regret check below runs on the cleaned profile)
        v[v < 1e-14] = 0.0
        total = v.sum()
        if total <= 0 or not np.isfinite(total):
            raise SolverError(_NO_MASS)
        v /= total
        v.setflags(write=False)
        out.append(v)
    return tuple(out)


def _clean_exact(prof: Sequence[np.ndarray]) -> Profile:
    out = []
    for s in prof:
        v = np.array([x if isinstance(x, Fraction) else Fraction(x) for x in s], dtype=object)
        total = sum(v, Fraction(0))
        if total != 1:
            # solvers hand over unnormalised vertices (as in P and Q); scaling is exact
            if total <= 0:
                raise SolverError("solver produced a strategy with no positive probability")
            v = np.array([x / total for x in v], dtype=object)
        v.setflags(write=False)
        out.append(v)
    return tuple(out)


def _sort_rounded(values: np.ndarray) -> np.ndarray:
    """Float probabilities rounded to 9 decimals: the sort key of float equilibria."""
    # written out (np.round does the same) so that the compiled certificate can match it bit for bit
    return np.rint(values * 1e9) / 1e9


def _compiled():
    """The compiled kernels of :mod:`gametheory.nash._kernels`, or None (numpy path)."""
    from .nash import _kernels

    return _kernels.get()


def _stack_bimatrix(game: NormalFormGame, profiles: list) -> tuple[np.ndarray, np.ndarray] | None:
    """The candidates of a two-player game as two float64 matrices (one row per profile).

    None when some candidate does not have the right shape (or is not numeric):
    the general path then reports it with the message of ``game.profile``.
    """
    m, n = game.shape
    K = len(profiles)
    X = np.empty((K, m))
    Y = np.empty((K, n))
    try:
        for k, prof in enumerate(profiles):
            if len(prof) != 2:
                return None
            x, y = prof
            if np.ndim(x) != 1 or np.ndim(y) != 1 or len(x) != m or len(y) != n:
                return None
            X[k] = x
            Y[k] = y
    except (TypeError, ValueError):
        return None
    return X, Y


# Above this many candidates the compiled certificate's insertion sort would
# cost more than numpy's lexsort, so sorting goes through numpy.
_KERNEL_SORT_MAX = 256


def _certify_bimatrix_float(
    game: NormalFormGame, X: np.ndarray, Y: np.ndarray, *, method: str, bound: float | None, tol: float | None,
    dedupe: bool, sort: bool
) -> tuple[list[Profile], list[np.ndarray], list[float], float]:
    """The float-mode checks of :func:`certify` for a two-player game, all candidates at once.

    Same cleaning, duplicate rule, order, regret bound and messages as the
    general path, in one compiled call (or a few array operations) instead of
    numpy calls per profile and player: for the few equilibria of a small
    game, per-call overhead is most of the cost.  ``bound`` is the absolute
    regret bound, or None to derive it from ``tol`` and the payoff range as
    :func:`certify` does.  Returns the equilibria, payoffs, regrets and the bound.
    """
    K = X.shape[0]
    arr = game._float
    base_tol = DEFAULT_TOL if tol is None else float(tol)
    kernels = _compiled()
    if bound is None and arr.size > 4096:
        # numpy's vectorised min/max beat the compiled loop on large arrays; on
        # small ones the call overhead dominates and the kernel measures the range
        bound = base_tol * max(1.0, float(arr.max() - arr.min()))
    if kernels is not None:
        small = K <= _KERNEL_SORT_MAX or not sort
        # for a large set to sort: clean in the kernel, order with numpy, then check
        code, cnt, pay, r, b, worst = kernels.certificate(
            arr, X, Y, True, dedupe and small, sort and small, base_tol, -1.0 if bound is None else bound
        )
        if code == 1:
            raise SolverError(_NO_MASS)
        if not small:
            X, Y = _dedupe_and_sort(X, Y, dedupe, sort)
            code, cnt, pay, r, b, worst = kernels.certificate(
                arr, X, Y, False, False, False, base_tol, -1.0 if bound is None else bound
            )
        bound = float(b)
        if code == 2:
            raise _regret_error(method, worst, bound)
        X, Y = X[:cnt], Y[:cnt]
    else:
        # as in _clean_float: round-off weights go, then each row is normalised
        X[X < 1e-14] = 0.0
        Y[Y < 1e-14] = 0.0
        tx = X.sum(axis=1)
        ty = Y.sum(axis=1)
        if not (((tx > 0.0) & (tx < np.inf)).all() and ((ty > 0.0) & (ty < np.inf)).all()):
            raise SolverError(_NO_MASS)
        X /= tx[:, None]
        Y /= ty[:, None]
        # after that cleaning every row is a valid probability vector (nonnegative,
        # finite, summing to 1 up to rounding), which is all game.profile checks
        X, Y = _dedupe_and_sort(X, Y, dedupe, sort)
        if bound is None:
            span = float(arr.max() - arr.min()) if arr.size else 0.0
            bound = base_tol * max(1.0, span)
        dev0 = Y @ arr[..., 0].T
        dev1 = X @ arr[..., 1]
        pay = np.empty((X.shape[0], 2))
        pay[:, 0] = (dev0 * X).sum(axis=1)
        pay[:, 1] = (dev1 * Y).sum(axis=1)
        dev0 -= pay[:, :1]
        dev1 -= pay[:, 1:]
        r = np.maximum(dev0.max(axis=1, initial=-np.inf), dev1.max(axis=1, initial=-np.inf))
        ok = r <= bound
        if not ok.all():
            raise _regret_error(method, r[np.flatnonzero(~ok)[0]], bound)
        np.maximum(r, 0.0, out=r)
    X.setflags(write=False)
    Y.setflags(write=False)
    return list(zip(X, Y)), list(pay), r.tolist(), bound


def _dedupe_and_sort(X: np.ndarray, Y: np.ndarray, dedupe: bool, sort: bool) -> tuple[np.ndarray, np.ndarray]:
    """The duplicate rule and the order of :func:`certify`, on stacked (cleaned) candidates."""
    K = X.shape[0]
    if K <= 1 or not (dedupe or sort):
        return X, Y
    flat = np.hstack([X, Y])
    rows = np.arange(K)
    if dedupe:
        keep: list[int] = []
        for k in range(K):
            if keep and np.min(np.max(np.abs(flat[keep] - flat[k]), axis=1)) <= 1e-7:
                continue
            keep.append(k)
        rows = np.array(keep)
    if sort and rows.size > 1:
        # the order of the general path: lexicographic on the negated entries, rounded (see there)
        rows = rows[np.lexsort(-_sort_rounded(flat[rows]).T[::-1])]
    return X[rows], Y[rows]


def _certify_stacked(
    game: NormalFormGame,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    method: str,
    start: float,
    bound: float | None = None,
    tol: float | None = None,
    complete: bool = True,
    parameters: dict | None = None,
    status: str = "ok",
    message: str = "",
    dedupe: bool = True,
    sort: bool = True,
) -> NashResult:
    """:func:`certify` in float mode for a two-player game whose candidates are stacked.

    ``X`` and ``Y`` (float64, one row per candidate, overwritten) are the
    players' vectors; ``bound`` is the absolute regret bound if the caller
    has it, else it comes from ``tol`` as in :func:`certify`.  Solvers that
    produce their candidates as arrays call this directly.
    """
    kept, payoffs, regrets, bound = _certify_bimatrix_float(
        game, X, Y, method=method, bound=bound, tol=tol, dedupe=dedupe, sort=sort
    )
    return NashResult(
        game=game,
        method=method,
        exact=False,
        equilibria=kept,
        payoffs=payoffs,
        regrets=regrets,
        max_regret=max(regrets) if regrets else 0.0,
        tol=bound,
        complete=complete,
        parameters=dict(parameters or {}),
        time=time.perf_counter() - start,
        status=status,
        message=message,
    )


def _key_exact(prof: Profile) -> tuple:
    return tuple(tuple(s) for s in prof)


def _rescue(game: NormalFormGame, profiles: list, bound: float) -> tuple[list, int] | None:
    """Two-player float candidates that fail ``bound``, re-solved exactly on their supports; None if one cannot be."""
    from .nash._refine import refine_bimatrix

    out, fixed = [], 0
    for prof in profiles:
        try:
            clean = _clean_float(prof)
            r = float(game.max_regret(clean, exact=False))
        except (InvalidStrategy, SolverError):
            return None
        if r <= bound:
            out.append(clean)
            continue
        exact = refine_bimatrix(game, *clean)
        if exact is None:
            # no equilibrium has these supports: rounding made the solver go wrong, not just imprecise
            return None
        out.append(tuple(np.array([float(p) for p in v]) for v in exact))
        fixed += 1
    return out, fixed


def certify(
    game: NormalFormGame,
    profiles: Iterable[Sequence[np.ndarray]],
    *,
    method: str,
    exact: bool,
    start: float,
    tol: float | None = None,
    complete: bool = True,
    parameters: dict | None = None,
    status: str = "ok",
    message: str = "",
    dedupe: bool = True,
    sort: bool = True,
) -> NashResult:
    """Check candidate profiles and build the :class:`NashResult`.

    In float mode, a two-player candidate whose regret exceeds the bound is
    first re-solved on its supports in rational arithmetic
    (:func:`gametheory.nash._refine.refine_bimatrix`): when floating-point
    pivoting found the right supports but lost precision in the
    probabilities, the exact solution (rounded to floats) replaces it and the
    result's message says so.  If a candidate's supports carry no
    equilibrium at all, rounding led the solver astray and ``SolverError``
    is raised as before.

    Parameters
    ----------
    game : NormalFormGame
    profiles : iterable of profiles
        Candidate equilibria (possibly unnormalised nonnegative vectors).
    method, exact, complete, parameters, status, message
        Copied to the result.
    start : float
        ``time.perf_counter()`` at the start of the solver call.
    tol : float, optional
        Regret bound in float mode; the default is ``DEFAULT_TOL`` times the
        payoff range (so the check is invariant to rescaling payoffs).

    Raises
    ------
    SolverError
        If a profile's regret exceeds the bound (in exact mode: is not zero).
    """
    options = dict(method=method, exact=exact, start=start, tol=tol, complete=complete, parameters=parameters,
                   status=status, dedupe=dedupe, sort=sort)
    if exact or game.num_players != 2:
        return _certify(game, profiles, message=message, **options)
    profiles = list(profiles)
    try:
        return _certify(game, profiles, message=message, **options)
    except _RegretFailure as failure:
        span = float(game._float.max() - game._float.min()) if game._float.size else 0.0
        rescued = _rescue(game, profiles, (DEFAULT_TOL if tol is None else float(tol)) * max(1.0, span))
        if rescued is None:
            raise failure from None
        profiles, fixed = rescued
        note = (f"{fixed} profile(s) re-solved on their supports in rational arithmetic after floating-point "
                "pivoting lost precision")
        return _certify(game, profiles, message=f"{message}; {note}" if message else note, **options)


def _certify(
    game: NormalFormGame,
    profiles: Iterable[Sequence[np.ndarray]],
    *,
    method: str,
    exact: bool,
    start: float,
    tol: float | None,
    complete: bool,
    parameters: dict | None,
    status: str,
    message: str,
    dedupe: bool,
    sort: bool,
) -> NashResult:
    if exact:
        bound: Any = Fraction(0)
    else:
        # max - min is np.ptp without its wrapper, which costs more than the reduction here
        span = float(game._float.max() - game._float.min()) if game._float.size else 0.0
        bound = (DEFAULT_TOL if tol is None else float(tol)) * max(1.0, span)
        if game.num_players == 2:
            profiles = list(profiles)
            stacked = _stack_bimatrix(game, profiles)
            if stacked is not None:
                return _certify_stacked(
                    game, *stacked, method=method, start=start, bound=bound, complete=complete,
                    parameters=parameters, status=status, message=message, dedupe=dedupe, sort=sort,
                )
    seen: dict = {}
    flats: list[np.ndarray] = []
    kept: list[Profile] = []
    for prof in profiles:
        clean = _clean_exact(prof) if exact else _clean_float(prof)
        try:
            game.profile(clean, exact=exact)
        except InvalidStrategy as exc:
            raise SolverError(f"{method} produced an invalid profile: {exc}") from None
        if dedupe:
            if exact:
                key = _key_exact(clean)
                if key in seen:
                    continue
                seen[key] = True
            else:
                flat = np.concatenate(clean)
                if flats and np.min(np.max(np.abs(np.asarray(flats) - flat), axis=1)) <= 1e-7:
                    continue
                flats.append(flat)
        kept.append(clean)
    if sort:
        if exact:
            kept.sort(key=lambda p: tuple(-float(x) for s in p for x in s))
        else:
            # rounded so that the order does not hang on the last bits of a
            # probability, which differ between equally valid ways of computing it
            kept.sort(key=lambda p: tuple((-_sort_rounded(np.concatenate(p))).tolist()))
    payoffs, regrets = [], []
    for prof in kept:
        # one pass of deviation payoffs gives both the certificate and the payoffs
        dev = game._strategy_payoffs(prof, exact)
        pay = np.array([d.dot(p) for d, p in zip(dev, prof)], dtype=object if exact else np.float64)
        r = max(max(d) - v for d, v in zip(dev, pay))
        if exact and r != 0:
            raise SolverError(
                f"{method} produced a profile with regret {r} above the bound 0; "
                "this is a bug in the solver, please report it with the game"
            )
        if not exact and not r <= bound:
            raise _regret_error(method, r, bound)
        regrets.append(r if exact else max(float(r), 0.0))
        payoffs.append(pay)
    max_r = max(regrets) if regrets else (Fraction(0) if exact else 0.0)
    return NashResult(
        game=game,
        method=method,
        exact=exact,
        equilibria=kept,
        payoffs=payoffs,
        regrets=regrets,
        max_regret=max_r,
        tol=bound,
        complete=complete,
        parameters=dict(parameters or {}),
        time=time.perf_counter() - start,
        status=status,
        message=message,
    )
