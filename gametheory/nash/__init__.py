"""Nash equilibria of normal-form games.

Solvers (each also reachable through :func:`solve` by its method name)
----------------------------------------------------------------------
enumpure              -- all pure equilibria, N players ("enumpure")
support_enumeration   -- all equilibria of a bimatrix game by supports ("support")
vertex_enumeration    -- all extreme equilibria of any bimatrix game ("vertex")
lemke_howson          -- one equilibrium per complementary path ("lemke-howson")
zero_sum              -- optimal strategies of a zero-sum game by LP ("lp")

Structure of the equilibrium set
--------------------------------
equilibrium_components -- connected components and maximal Nash subsets (cliques)
is_degenerate          -- whether a bimatrix game is degenerate

Dominance
---------
iterated_elimination  -- iterated elimination of strictly dominated strategies
dominated_strategies  -- one round of it, for one player
"""

from .components import NashComponent, equilibrium_components
from .dominance import DominanceResult, Elimination, dominated_strategies, iterated_elimination
from .enumpure import enumpure, pure_equilibria
from .lemke_howson import lemke_howson
from .solve import METHODS, solve
from .support_enumeration import support_enumeration
from .vertex_enumeration import is_degenerate, vertex_enumeration
from .zero_sum import game_value, maximin, zero_sum

__all__ = [
    "enumpure",
    "pure_equilibria",
    "support_enumeration",
    "vertex_enumeration",
    "is_degenerate",
    "lemke_howson",
    "zero_sum",
    "game_value",
    "maximin",
    "equilibrium_components",
    "NashComponent",
    "iterated_elimination",
    "dominated_strategies",
    "DominanceResult",
    "Elimination",
    "solve",
    "METHODS",
]
