"""Symbolic games: parametric payoffs (sympy) and closed-form equilibria.

Games
-----
SymbolicGame          -- normal-form game whose payoffs are sympy expressions in named
                         parameters; ``subs(values)`` gives the numeric NormalFormGame
parse_expression      -- read a payoff or assumption string safely (no ``eval``)

Equilibria
----------
symbolic_equilibria   -- every generic equilibrium of a 2x2 .. 3x3 or 2x2x2 game in closed
                         form, with the conditions under which it exists
SymbolicEquilibrium   -- one closed-form equilibrium: supports, strategies, payoffs, conditions
SymbolicEquilibria    -- all of them, the regions where each combination coexists, ``at(values)``
EquilibriumRegion     -- one combination of coexisting equilibria and its condition

Comparative statics
-------------------
comparative_statics   -- derivatives of an equilibrium's probabilities and payoffs in one parameter
ComparativeStatics    -- the derivatives, symbolic and at a point
"""

from ._equilibria import EquilibriumRegion, SymbolicEquilibria, SymbolicEquilibrium, symbolic_equilibria
from ._game import SymbolicGame, parse_expression
from ._statics import ComparativeStatics, comparative_statics

__all__ = [
    "SymbolicGame",
    "parse_expression",
    "symbolic_equilibria",
    "SymbolicEquilibrium",
    "SymbolicEquilibria",
    "EquilibriumRegion",
    "comparative_statics",
    "ComparativeStatics",
]
