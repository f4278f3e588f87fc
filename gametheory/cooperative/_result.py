"""The result object every cooperative solution concept returns, and the check that builds it.

No function returns an allocation it has not checked: each hands its
candidate to :func:`finish` together with the measured violation of the
conditions that define the answer (the *residual*), and :func:`finish`
raises :class:`~gametheory.errors.SolverError` if the residual exceeds the
tolerance.  In exact mode the tolerance is zero and the residual is computed
in rational arithmetic, so the certificate is a proof.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from .._numbers import format_number
from ..errors import SolverError
from ._tugame import TUGame

__all__ = ["CooperativeResult", "finish", "DEFAULT_TOL", "float_tolerance"]

#: Default relative tolerance of float-mode certificates (scaled by the largest |v(S)|).
DEFAULT_TOL = 1e-9


def float_tolerance(game: TUGame | None, tol: float | None, factor: float = 1.0) -> float:
    """Absolute tolerance ``tol * max(1, max |v(S)|) * factor`` (``tol`` defaults to DEFAULT_TOL).

    Relative to the scale of the game so that a certificate means the same for
    values in units and in millions; ``O(2**n)`` for the maximum.

    Examples
    --------
    >>> float_tolerance(TUGame([0, 1024]), None), float_tolerance(None, 1e-6, factor=2)
    (1.024e-06, 2e-06)
    """
    base = DEFAULT_TOL if tol is None else float(tol)
    scale = 1.0
    if game is not None and game.values is not None and game.values.size:
        scale = max(1.0, float(np.max(np.abs(game.float_values))))
    return base * scale * factor


@dataclass(frozen=True, eq=False)
class CooperativeResult:
    """An allocation (or power index) with the certificate that it is what was asked for.

    Attributes
    ----------
    game : TUGame or None
        The game that was solved (None for a power index of a voting game
        with more than 25 voters, which is never built densely).
    method : str
        Solution concept and algorithm, e.g. ``"shapley"``, ``"nucleolus"``.
    allocation : ndarray
        One number per player (Fractions when ``exact``, else float64);
        ``None`` when ``status == "empty"``.
    exact : bool
        True if the arithmetic was exact rational and ``residual == 0``.
    residual : float or Fraction
        Measured violation of the defining conditions (efficiency gap of a
        value, feasibility and optimality violation of an LP answer).
    tol : float or Fraction
        The bound ``residual`` was checked against (0 in exact mode).
    status : str
        ``"ok"``, or ``"empty"`` when no core (epsilon-core) point exists
        and the caller allowed that answer.
    message : str
        Human-readable detail on ``status``.
    parameters : dict
        The options the function ran with.
    time : float
        Wall-clock seconds from the call to the checked result.
    epsilon : float or Fraction or None
        Least-core value (core, least core, epsilon core, nucleolus: the
        first-stage excess).
    stderr : ndarray or None
        Standard error of each entry of a sampling estimate.
    confidence_interval : ndarray or None
        Shape ``(n, 2)``: lower and upper confidence bounds of a sampling estimate.
    max_excess : float or Fraction or None
        ``max over proper nonempty S of v(S) - x(S)`` at the allocation.
    details : dict
        Method-specific data, e.g. the excess levels of the nucleolus or the
        pivot counts of a power index.
    player_labels : tuple of str or None
        Player labels when there is no ``game`` (large voting games).

    Examples
    --------
    >>> from gametheory.cooperative import TUGame, shapley_value
    >>> r = shapley_value(TUGame.glove(left=1, right=2), exact=True)
    >>> print(r)
    shapley (exact)
      L1  2/3
      R1  1/6
      R2  1/6
    >>> r.residual, r.labels
    (Fraction(0, 1), ('L1', 'R1', 'R2'))
    """

    game: TUGame | None
    method: str
    allocation: np.ndarray | None
    exact: bool
    residual: Any
    tol: Any
    status: str = "ok"
    message: str = ""
    parameters: dict = field(default_factory=dict)
    time: float = 0.0
    epsilon: Any = None
    stderr: np.ndarray | None = None
    confidence_interval: np.ndarray | None = None
    max_excess: Any = None
    details: dict = field(default_factory=dict)
    player_labels: tuple[str, ...] | None = None

    @property
    def labels(self) -> tuple[str, ...]:
        """Player labels (from the game, or ``"1", "2", ...``).

        Examples
        --------
        >>> from gametheory.cooperative import banzhaf_index
        >>> banzhaf_index([2, 1, 1], 3, labels=["a", "b", "c"]).labels
        ('a', 'b', 'c')
        """
        if self.game is not None:
            return self.game.labels
        if self.player_labels is not None:
            return self.player_labels
        n = 0 if self.allocation is None else len(self.allocation)
        return tuple(str(k + 1) for k in range(n))

    def as_dict(self) -> dict[str, Any]:
        """The allocation keyed by player label (empty when there is none).

        Examples
        --------
        >>> from gametheory.cooperative import TUGame, shapley_value
        >>> shapley_value(TUGame([0, 1, 1, 3], labels=["a", "b"]), exact=True).as_dict()
        {'a': Fraction(3, 2), 'b': Fraction(3, 2)}
        """
        if self.allocation is None:
            return {}
        return dict(zip(self.labels, self.allocation))

    def to_dict(self) -> dict:
        """A JSON-ready dict; exact numbers are strings such as ``"100/3"``.

        Examples
        --------
        >>> from gametheory.cooperative import TUGame, shapley_value
        >>> d = shapley_value(TUGame.glove(left=1, right=2), exact=True).to_dict()
        >>> d["method"], d["allocation"], d["residual"]
        ('shapley', ['2/3', '1/6', '1/6'], '0')
        """
        ex = self.exact

        def num(x):
            return None if x is None else format_number(x, ex)

        def fnum(x):
            return None if x is None else float(x)

        out: dict[str, Any] = {
            "method": self.method,
            "exact": ex,
            "status": self.status,
            "message": self.message,
            "players": list(self.labels),
            "allocation": None if self.allocation is None else [num(v) for v in self.allocation],
            "residual": num(self.residual),
            "tol": num(self.tol),
            "time": self.time,
            "parameters": _jsonable(self.parameters, ex),
        }
        if self.epsilon is not None:
            out["epsilon"] = num(self.epsilon)
        if self.max_excess is not None:
            out["max_excess"] = num(self.max_excess)
        if self.stderr is not None:
            out["stderr"] = [fnum(v) for v in self.stderr]
        if self.confidence_interval is not None:
            out["confidence_interval"] = [[fnum(a), fnum(b)] for a, b in self.confidence_interval]
        if self.details:
            out["details"] = _jsonable(self.details, ex)
        return out

    def __str__(self) -> str:
        ex = self.exact

        def num(x):
            v = format_number(x, ex)
            return v if isinstance(v, str) else f"{v:.6g}"

        mode = "exact" if ex else f"float, residual {float(self.residual):.1e} <= {float(self.tol):.1e}"
        head = f"{self.method} ({mode})"
        if self.status != "ok":
            head += f" status {self.status}: {self.message}"
        lines = [head]
        if self.allocation is not None:
            width = max(len(s) for s in self.labels) if self.labels else 1
            for k, (lab, v) in enumerate(zip(self.labels, self.allocation)):
                line = f"  {lab:<{width}}  {num(v)}"
                if self.confidence_interval is not None:
                    lo, hi = self.confidence_interval[k]
                    line += f"  [{float(lo):.6g}, {float(hi):.6g}]"
                lines.append(line)
        if self.epsilon is not None:
            lines.append(f"  epsilon = {num(self.epsilon)}")
        return "\n".join(lines)


def _jsonable(obj: Any, exact: bool) -> Any:
    if isinstance(obj, dict):
        return {str(k): _jsonable(v, exact) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, np.ndarray)):
        return [_jsonable(v, exact) for v in obj]
    if isinstance(obj, Fraction):
        return format_number(obj, True)
    if isinstance(obj, (bool, str, type(None))):
        return obj
    if isinstance(obj, (int, np.integer)):
        v = int(obj)
        # JSON readers lose integers beyond 2**53: big counts travel as strings
        return v if abs(v) < 2**53 else str(v)
    if isinstance(obj, (float, np.floating)):
        return float(obj)
    return str(obj)


def finish(
    game: TUGame | None,
    method: str,
    allocation: Sequence[Any] | None,
    *,
    exact: bool,
    residual: Any,
    start: float,
    tol: float | None = None,
    parameters: dict | None = None,
    status: str = "ok",
    message: str = "",
    epsilon: Any = None,
    stderr: np.ndarray | None = None,
    confidence_interval: np.ndarray | None = None,
    max_excess: Any = None,
    details: dict | None = None,
    player_labels: tuple[str, ...] | None = None,
) -> CooperativeResult:
    """Check the residual and build a :class:`CooperativeResult`.

    Parameters
    ----------
    residual : number
        Violation of the defining conditions, measured by the caller.
    tol : float, optional
        Absolute bound in float mode (default :func:`float_tolerance`).

    Raises
    ------
    SolverError
        If the residual is above the bound (in exact mode: not zero).

    Examples
    --------
    >>> import time
    >>> g = TUGame([0, 1, 1, 3])
    >>> finish(g, "demo", [1.5, 1.5], exact=False, residual=0.0, start=time.perf_counter()).status
    'ok'
    >>> finish(g, "demo", [1, 1], exact=True, residual=1, start=time.perf_counter())
    Traceback (most recent call last):
    ...
    gametheory.errors.SolverError: demo: the exact certificate failed (residual 1 != 0); this is a bug, please report it with the game
    """
    if exact:
        bound: Any = Fraction(0)
        if residual != 0:
            raise SolverError(
                f"{method}: the exact certificate failed (residual {residual} != 0); "
                "this is a bug, please report it with the game"
            )
        residual = Fraction(residual)
    else:
        bound = float_tolerance(game, None) if tol is None else float(tol)
        residual = float(residual)
        if not residual <= bound:
            raise SolverError(
                f"{method}: the float certificate failed (residual {residual:.3g} > tolerance {bound:.3g}); "
                "try exact=True"
            )
    alloc = None
    if allocation is not None:
        if exact:
            alloc = np.array([v if isinstance(v, Fraction) else Fraction(v) for v in allocation], dtype=object)
        else:
            alloc = np.asarray(allocation, dtype=np.float64) + 0.0  # a fresh array, with -0.0 shown as 0
        alloc.setflags(write=False)
    if max_excess is not None:
        max_excess = max_excess if exact else float(max_excess)
    if epsilon is not None:
        epsilon = epsilon if exact else float(epsilon) + 0.0  # + 0.0: no "-0" in reports
    return CooperativeResult(
        game=game,
        method=method,
        allocation=alloc,
        exact=exact,
        residual=residual,
        tol=bound,
        status=status,
        message=message,
        parameters=dict(parameters or {}),
        time=time.perf_counter() - start,
        epsilon=epsilon,
        stderr=stderr,
        confidence_interval=confidence_interval,
        max_excess=max_excess,
        details=dict(details or {}),
        player_labels=player_labels,
    )
