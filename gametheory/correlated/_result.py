"""Result objects of the correlated-equilibrium solvers.

Every distribution these objects hold has been checked before it was
returned: its incentive constraints (:func:`~gametheory.correlated.deviation_gains`)
are violated by at most ``tol`` (exactly 0 in exact mode).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .._numbers import format_number
from ..game import NormalFormGame

__all__ = ["CorrelatedResult", "CorrelatedVertices"]


def _marginals(mu: np.ndarray) -> tuple[np.ndarray, ...]:
    N = mu.ndim
    out = []
    for i in range(N):
        v = mu.sum(axis=tuple(j for j in range(N) if j != i)) if N > 1 else mu.copy()
        v = np.asarray(v, dtype=mu.dtype)
        v.setflags(write=False)
        out.append(v)
    return tuple(out)


def _distribution_dict(game: NormalFormGame, mu: np.ndarray, exact: bool) -> list[dict]:
    """The support of ``mu`` as a list of ``{"profile": [labels], "probability": p}``."""
    out = []
    for idx in zip(*np.nonzero(mu != 0)):
        out.append({
            "profile": [game.strategies[i][int(k)] for i, k in enumerate(idx)],
            "probability": format_number(mu[idx], exact),
        })
    return out


@dataclass(frozen=True, eq=False)
class CorrelatedResult:
    """A correlated (or coarse correlated) equilibrium with its certificate.

    Attributes
    ----------
    game : NormalFormGame
        The game that was solved.
    coarse : bool
        True for a coarse correlated equilibrium (CCE), False for a correlated one (CE).
    exact : bool
        True if the arithmetic was exact rational: the distribution holds
        Fractions, ``violation == 0`` and ``gap == 0`` are proofs.
    distribution : ndarray, shape ``game.shape``
        Probability of each pure profile (read-only).
    payoffs : ndarray
        Expected payoff of each player under ``distribution``.
    objective : str
        ``"welfare"``, ``"player"``, ``"weighted"`` or ``"feasible"``.
    weights : ndarray
        The weight of each player in the maximised objective ``sum_i w_i E[u_i]``
        (all zero for ``"feasible"``).
    objective_value : float or Fraction
        ``weights @ payoffs``.
    violation : float or Fraction
        The certificate: the largest expected gain of a deviation (>= 0).
    tol : float or Fraction
        The bound ``violation`` and ``gap`` were checked against (0 in exact mode).
    gap : float or Fraction
        Proven bound on the suboptimality: the LP dual multipliers ``y >= 0``
        of the incentive rows give the upper bound ``max_s (c - A^T y)_s`` on the
        objective over the whole polytope; ``gap`` is that bound minus
        ``objective_value`` (0 in exact mode).
    marginals : tuple of ndarray
        Each player's marginal distribution over her strategies.
    solver : str
        The LP solver that produced the distribution (``"exact-simplex"`` in exact mode).
    parameters : dict
        The options the function ran with.
    time : float
        Wall-clock seconds from the call to the checked result.
    status : str
        ``"ok"``.
    message : str
        Detail (for instance which solvers failed before one succeeded).
    """

    game: NormalFormGame
    coarse: bool
    exact: bool
    distribution: np.ndarray
    payoffs: np.ndarray
    objective: str
    weights: np.ndarray
    objective_value: Any
    violation: Any
    tol: Any
    gap: Any
    marginals: tuple
    solver: str
    parameters: dict = field(default_factory=dict)
    time: float = 0.0
    status: str = "ok"
    message: str = ""

    @property
    def welfare(self) -> Any:
        """Sum of the players' expected payoffs."""
        return sum(self.payoffs[1:], self.payoffs[0])

    @property
    def support(self) -> list[tuple[int, ...]]:
        """The pure profiles played with positive probability, in lexicographic order."""
        return [tuple(int(k) for k in idx) for idx in zip(*np.nonzero(self.distribution != 0))]

    def to_dict(self) -> dict:
        """A JSON-ready dict; exact numbers are strings such as ``"1/4"``."""
        ex = self.exact

        def num(x):
            return format_number(x, ex)

        return {
            "concept": "coarse correlated equilibrium" if self.coarse else "correlated equilibrium",
            "exact": ex,
            "objective": self.objective,
            "weights": [num(w) for w in self.weights],
            "objective_value": num(self.objective_value),
            "distribution": _distribution_dict(self.game, self.distribution, ex),
            "payoffs": [num(v) for v in self.payoffs],
            "marginals": [[num(p) for p in m] for m in self.marginals],
            "violation": num(self.violation),
            "gap": num(self.gap),
            "tol": num(self.tol),
            "solver": self.solver,
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

        kind = "coarse correlated equilibrium" if self.coarse else "correlated equilibrium"
        lines = [
            f"{kind} ({self.objective} = {num(self.objective_value)}; "
            f"{'exact' if ex else f'float, violation {num(self.violation)} <= {float(self.tol):.1e}'})"
        ]
        for item in _distribution_dict(self.game, self.distribution, ex):
            p = item["probability"]
            lines.append(f"  ({', '.join(item['profile'])}): {p if isinstance(p, str) else f'{p:.6g}'}")
        lines.append("  payoffs (" + ", ".join(num(v) for v in self.payoffs) + ")")
        return "\n".join(lines)


@dataclass(frozen=True, eq=False)
class CorrelatedVertices:
    """All extreme points of the CE (or CCE) polytope of a game.

    Attributes
    ----------
    game : NormalFormGame
    coarse : bool
    exact : bool
        True if the vertices are Fractions (they are always computed and
        verified in rational arithmetic; ``exact=False`` converts them to float64).
    vertices : list of ndarray
        One distribution of shape ``game.shape`` per vertex, in lexicographic
        order of the descending probabilities (read-only arrays).
    payoffs : list of ndarray
        Expected payoffs of each vertex.
    parameters : dict
    time : float
    """

    game: NormalFormGame
    coarse: bool
    exact: bool
    vertices: list
    payoffs: list
    parameters: dict = field(default_factory=dict)
    time: float = 0.0

    def __len__(self) -> int:
        return len(self.vertices)

    def __iter__(self):
        return iter(self.vertices)

    def __getitem__(self, k: int) -> np.ndarray:
        return self.vertices[k]

    def to_dict(self) -> dict:
        """A JSON-ready dict: one entry per vertex with its support and payoffs."""
        ex = self.exact
        return {
            "concept": "coarse correlated equilibrium" if self.coarse else "correlated equilibrium",
            "exact": ex,
            "vertices": [
                {"distribution": _distribution_dict(self.game, v, ex), "payoffs": [format_number(x, ex) for x in p]}
                for v, p in zip(self.vertices, self.payoffs)
            ],
            "parameters": {k: v for k, v in self.parameters.items() if isinstance(v, (int, float, str, bool, type(None)))},
            "time": self.time,
            "game": {"title": self.game.title, "players": list(self.game.players), "shape": list(self.game.shape)},
        }
