"""The result objects of the bargaining solvers.

Every solver checks its answer before returning it (feasibility, and the
method's optimality condition); the numbers of that check are the
certificate carried by the result.  In exact mode the residual is exactly 0
and the check is a proof.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from .._numbers import format_number

__all__ = ["BargainingResult", "RubinsteinResult"]


def _num(x: Any, exact: bool) -> Any:
    if x is None:
        return None
    return format_number(x, exact)


def _show(x: Any, exact: bool) -> str:
    v = format_number(x, exact)
    return v if isinstance(v, str) else f"{v:.6g}"


def _json(value: Any) -> Any:
    """A JSON-ready copy of a certificate or parameter value: Fractions as ``"p/q"``, arrays as lists."""
    if isinstance(value, (bool, str, type(None))):
        return value
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_json(v) for v in value]
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, Fraction):
        return format_number(value, True)
    if isinstance(value, (float, np.floating)):
        return float(value)
    return str(value)


@dataclass(frozen=True, eq=False)
class BargainingResult:
    """A bargaining solution with its certificate.

    Attributes
    ----------
    problem : BargainingProblem
        The problem that was solved.
    method : str
        ``"nash"``, ``"kalai_smorodinsky"``, ``"egalitarian"``,
        ``"utilitarian"`` or ``"dictatorial"``.
    utilities : ndarray
        The solution's utility vector (Fractions when ``exact``); the
        disagreement point when ``status == "no_agreement"``.
    agreement : ndarray or None
        The agreement ``x`` that yields ``utilities`` (for a point set: the
        lottery on the points, see ``problem.labels``); None without agreement.
    disagreement : ndarray
        The disagreement point.
    weights : ndarray or None
        The bargaining weights, normalised to sum 1 (Nash solution only).
    exact : bool
        True if the numbers are rational and the certificate is exact.
    residual : float or Fraction
        The largest violation in the certificate (dimensionless, see
        ``certificate``); exactly 0 when ``exact``.
    tol : float
        The bound ``residual`` was checked against (0 when exact).
    certificate : dict
        The parts of the check: ``feasibility`` (largest constraint
        violation over the scale), the optimality measure of the method
        (``first_order_gap``, ``lp_residual``, ``pareto_gap``, ``foc_residual``)
        and, for exact results, what was proved.
    solver_status : str
        Status reported by the numerical solver (``"optimal"`` for LPs).
    status : str
        ``"ok"`` or ``"no_agreement"``.
    message : str
        Detail on the status, or a note (e.g. why an exact request fell back to floats).
    parameters : dict
        The options the solver ran with.
    time : float
        Wall-clock seconds from the call to the checked result.
    binding : tuple of str
        Names of the win-sets with a constraint active at the solution.
    """

    problem: Any
    method: str
    utilities: np.ndarray
    agreement: np.ndarray | None
    disagreement: np.ndarray
    weights: np.ndarray | None
    exact: bool
    residual: Any
    tol: Any
    certificate: dict = field(default_factory=dict)
    solver_status: str = "optimal"
    status: str = "ok"
    message: str = ""
    parameters: dict = field(default_factory=dict)
    time: float = 0.0
    binding: tuple[str, ...] = ()

    @property
    def agreed(self) -> bool:
        """True unless the outcome is disagreement."""
        return self.status != "no_agreement"

    def to_dict(self) -> dict:
        """A JSON-ready dict; exact numbers are strings such as ``"3/2"``."""
        ex = self.exact
        out = {
            "method": self.method,
            "status": self.status,
            "message": self.message,
            "exact": ex,
            "players": list(self.problem.players),
            "utilities": [_num(v, ex) for v in self.utilities],
            "agreement": None if self.agreement is None else [_num(v, ex) for v in self.agreement],
            "agreement_labels": list(self.problem.labels),
            "disagreement": [_num(v, ex) for v in self.disagreement],
            "weights": None if self.weights is None else [_num(v, ex) for v in self.weights],
            "residual": _num(self.residual, ex),
            "tol": _num(self.tol, ex),
            "certificate": _json(self.certificate),
            "solver_status": self.solver_status,
            "binding": list(self.binding),
            "parameters": _json(self.parameters),
            "time": self.time,
        }
        return out

    def __str__(self) -> str:
        ex = self.exact
        head = f"{self.method}: "
        mode = "exact" if ex else f"float, residual {_show(self.residual, False)} <= {float(self.tol):.1e}"
        if self.status == "no_agreement":
            lines = [head + "no agreement (utilities stay at the disagreement point)", f"  {self.message}"]
        else:
            lines = [head + "utilities (" + ", ".join(_show(v, ex) for v in self.utilities) + f")  [{mode}]"]
            if self.agreement is not None and self.problem.kind != "frontier":
                parts = [
                    f"{lab}: {_show(v, ex)}" for lab, v in zip(self.problem.labels, self.agreement)
                    if not (self.problem.kind == "points" and float(v) == 0.0)
                ]
                lines.append("  agreement: " + ", ".join(parts))
            if self.weights is not None:
                lines.append("  weights: (" + ", ".join(_show(v, ex) for v in self.weights) + ")")
            if self.binding:
                lines.append("  binding win-sets: " + ", ".join(self.binding))
            if self.message:
                lines.append(f"  note: {self.message}")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class RubinsteinResult:
    """The subgame-perfect equilibrium of Rubinstein's alternating-offers game.

    Attributes
    ----------
    method : str
        ``"rubinstein"`` (splitting a unit pie, closed form) or
        ``"rubinstein_frontier"`` (a two-player frontier, numerical).
    shares : ndarray
        Utilities in the equilibrium outcome: the first proposer's offer,
        accepted at once.  For the unit pie, the players' shares of the pie.
    proposals : tuple of ndarray
        ``(x, y)``: the utilities player 1 proposes and the utilities player 2
        proposes, in any subgame where it is their turn.
    deltas : tuple
        The discount factors ``(delta1, delta2)`` per period.
    proposer : int
        Who proposes first (0 or 1).
    exact : bool
        True if the shares are Fractions computed in rational arithmetic.
    residual : float or Fraction
        Largest violation of the two indifference conditions
        ``x2 - d2 = delta2 (y2 - d2)`` and ``y1 - d1 = delta1 (x1 - d1)``,
        relative to the players' utility ranges (0 when exact).
    tol : float
        The bound ``residual`` was checked against.
    disagreement : ndarray
        Utilities of perpetual disagreement (0 for the pie).
    problem : BargainingProblem or None
        The problem (None for the unit pie).
    status, message, parameters, time
        As in :class:`BargainingResult`.
    """

    method: str
    shares: np.ndarray
    proposals: tuple[np.ndarray, np.ndarray]
    deltas: tuple[Any, Any]
    proposer: int
    exact: bool
    residual: Any
    tol: Any
    disagreement: np.ndarray
    problem: Any = None
    status: str = "ok"
    message: str = ""
    parameters: dict = field(default_factory=dict)
    time: float = 0.0

    def to_dict(self) -> dict:
        """A JSON-ready dict; exact numbers are strings such as ``"5/14"``."""
        ex = self.exact
        return {
            "method": self.method,
            "status": self.status,
            "message": self.message,
            "exact": ex,
            "shares": [_num(v, ex) for v in self.shares],
            "proposals": [[_num(v, ex) for v in p] for p in self.proposals],
            "deltas": [_num(v, ex) for v in self.deltas],
            "proposer": self.proposer,
            "disagreement": [_num(v, ex) for v in self.disagreement],
            "residual": _num(self.residual, ex),
            "tol": _num(self.tol, ex),
            "parameters": _json(self.parameters),
            "time": self.time,
        }

    def __str__(self) -> str:
        ex = self.exact
        mode = "exact" if ex else f"float, residual {_show(self.residual, False)} <= {float(self.tol):.1e}"
        first = "player 1" if self.proposer == 0 else "player 2"
        return "\n".join([
            f"{self.method}: shares (" + ", ".join(_show(v, ex) for v in self.shares) + f")  [{mode}]",
            f"  discount factors ({_show(self.deltas[0], ex)}, {_show(self.deltas[1], ex)}); {first} proposes first",
            "  player 1 proposes (" + ", ".join(_show(v, ex) for v in self.proposals[0]) + "), player 2 proposes ("
            + ", ".join(_show(v, ex) for v in self.proposals[1]) + ")",
        ])
