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


def _clean_float(prof: Sequence[np.ndarray]) -> Profile:
    out = []
    for s in prof:
        v = np.asarray(s, dtype=np.float64).copy()
        # round-off leaves 1e-17-size weights on unused strategies; zero them so supports read
        # true (the regret check below runs on the cleaned profile)
        v[v < 1e-14] = 0.0
        total = v.sum()
        if total <= 0 or not np.isfinite(total):
            raise SolverError("solver produced a strategy with no positive probability")
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


def _key_exact(prof: Profile) -> tuple:
    return tuple(tuple(s) for s in prof)


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
    if exact:
        bound: Any = Fraction(0)
    else:
        span = float(np.ptp(game._float)) if game._float.size else 0.0
        bound = (DEFAULT_TOL if tol is None else float(tol)) * max(1.0, span)
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
        kept.sort(key=lambda p: tuple(-float(x) for s in p for x in s))
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
            # In float mode this is usually lost precision on badly conditioned
            # payoffs (values spanning many orders of magnitude), not a logic error.
            raise SolverError(
                f"{method} produced a profile with regret {r:.6g} above the bound {bound:.6g}, so it is not "
                "returned; floating-point pivoting lost precision on this game (run it with exact=True), "
                "or this is a bug in the solver: please report it with the game"
            )
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
