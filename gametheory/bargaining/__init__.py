"""Bargaining: problems, certified axiomatic solutions, Rubinstein's alternating offers, win-sets.

Problems
--------
BargainingProblem   -- disagreement point and feasible set; constructors
                       ``from_points``, ``from_inequalities``, ``from_linear``,
                       ``from_frontier``, ``from_game``; ``with_constraints`` adds win-sets
WinSet              -- a named block of linear constraints on utilities or on the agreement
security_levels     -- each player's maximin value in a normal-form game (the default disagreement point)

Axiomatic solutions (each also reachable through :func:`solve_bargaining` by name)
-----------------------------------------------------------------------------------
nash_solution       -- Nash bargaining solution, symmetric or weighted ("nash")
kalai_smorodinsky   -- Kalai-Smorodinsky, with Imai's lexicographic refinement ("kalai_smorodinsky")
egalitarian         -- equal gains, refined to the leximin point ("egalitarian")
utilitarian         -- largest sum of utilities, ties broken by leximin ("utilitarian")
dictatorial         -- one player's best point, ties broken by leximin of the others ("dictatorial")
ideal_point         -- each player's best utility over the individually rational set
solve_bargaining    -- one entry point: ``solve_bargaining(problem, method=..., **options)``
METHODS             -- the method names and their functions

Non-cooperative bargaining
--------------------------
rubinstein          -- subgame-perfect shares of alternating offers over a unit pie (exact closed form)
rubinstein_frontier -- the same over a two-player Pareto frontier (numerical)

Results
-------
BargainingResult    -- utilities, agreement and certificate of an axiomatic solution
RubinsteinResult    -- shares, both proposals and the residual of the indifference conditions
DEFAULT_TOL         -- float-mode bound on every (dimensionless) certificate residual

JSON specs (the ``gametheory bargain SPEC.json`` command)
---------------------------------------------------------
solve_spec          -- solve the problem a JSON-like dict describes; returns a JSON-ready dict
format_text         -- the readable text of ``solve_spec``'s output
"""

from ._axiomatic import (
    METHODS,
    dictatorial,
    egalitarian,
    ideal_point,
    kalai_smorodinsky,
    nash_solution,
    solve_bargaining,
    utilitarian,
)
from ._problem import DEFAULT_TOL, BargainingProblem, WinSet, security_levels
from ._result import BargainingResult, RubinsteinResult
from ._rubinstein import rubinstein, rubinstein_frontier
from ._spec import format_text, solve_spec

__all__ = [
    "BargainingProblem",
    "WinSet",
    "security_levels",
    "nash_solution",
    "kalai_smorodinsky",
    "egalitarian",
    "utilitarian",
    "dictatorial",
    "ideal_point",
    "solve_bargaining",
    "METHODS",
    "rubinstein",
    "rubinstein_frontier",
    "BargainingResult",
    "RubinsteinResult",
    "DEFAULT_TOL",
    "solve_spec",
    "format_text",
]
