"""Continuous-strategy games: boxes or simplices of strategies, callable payoffs, certified Nash equilibria.

Games
-----
ContinuousGame            -- N players choosing points of boxes or of scaled simplices (``simplex=`` budgets,
                             ``ContinuousGame.on_simplices``); ``payoff(i, profile)``, optional own-gradients
AggregativeGame           -- payoffs ``utility(i, q_i, Q)`` of one's own action and the aggregate Q = sum q_j

Strategy sets
-------------
project_simplex           -- Euclidean projection onto {x >= 0, sum x = budget} (sort-based, vectorised over rows)

Solvers (each returns a certified ContinuousResult or raises NotConverged)
--------------------------------------------------------------------------
best_response_iteration   -- damped simultaneous best responses, each by bounded quasi-Newton (box) or SLSQP (simplex)
extragradient             -- Korpelevich's projected extragradient on the pseudo-gradient
aggregative_equilibrium   -- Cornes-Hartley: one-dimensional root-find on the aggregate
replacement_function      -- a player's replacement function r_i(Q) in an aggregative game

Certificates and results
------------------------
certify                   -- each player's gain from re-optimising, by independent multi-start search
Certificate               -- the gains, best deviations, scale, tolerance and verdict
ContinuousResult          -- profile, payoffs, method, iterations, converged flag and certificate
NotConverged              -- SolverError carrying ``.best`` (the best point found) and ``.certificate``
DEFAULT_TOL               -- default relative bound on every player's gain
"""

from ._aggregative import aggregative_equilibrium, replacement_function
from ._best_response import best_response_iteration
from ._extragradient import extragradient
from ._game import AggregativeGame, ContinuousGame, project_simplex
from ._result import DEFAULT_TOL, Certificate, ContinuousResult, NotConverged, certify

__all__ = [
    "ContinuousGame",
    "AggregativeGame",
    "project_simplex",
    "best_response_iteration",
    "extragradient",
    "aggregative_equilibrium",
    "replacement_function",
    "certify",
    "Certificate",
    "ContinuousResult",
    "NotConverged",
    "DEFAULT_TOL",
]
