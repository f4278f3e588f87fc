"""Nash equilibria of normal-form games.

Solvers (each also reachable through :func:`solve` by its method name)
----------------------------------------------------------------------
enumpure              -- all pure equilibria, N players ("enumpure")
support_enumeration   -- all equilibria of a bimatrix game by supports ("support")
vertex_enumeration    -- all extreme equilibria of any bimatrix game ("vertex")
lemke_howson          -- one equilibrium per complementary path ("lemke-howson")
zero_sum              -- optimal strategies of a zero-sum game by LP ("lp")

N players
---------
polynomial_enumeration -- all equilibria of small games, support by support, by polynomial systems ("enumpoly")
simplicial_subdivision -- one equilibrium by van der Laan-Talman simplicial subdivision with restarts ("simpdiv")
logit                  -- the Nash limit of the logit QRE principal branch ("logit")
global_newton          -- equilibria by the Govindan-Wilson global Newton method ("gnm")
lyapunov               -- equilibria by minimising McKelvey's Lyapunov function from many starts ("liap")
lyapunov_value         -- McKelvey's Lyapunov function itself (zero exactly at equilibria)
support_bezout_number  -- the number of homotopy paths (generic root count) of one support profile

Quantal response
----------------
logit_path            -- the principal branch of logit QREs, lambda from 0 to the Nash limit
logit_qre             -- the logit QRE on the principal branch at a given lambda
fit_logit             -- maximum-likelihood lambda for observed choice frequencies
LogitPath, LogitFit   -- their results

Structure of the equilibrium set
--------------------------------
equilibrium_components -- connected components and maximal Nash subsets (cliques)
is_degenerate          -- whether a bimatrix game is degenerate

Dominance
---------
iterated_elimination  -- iterated elimination of strictly dominated strategies
dominated_strategies  -- one round of it, for one player
iterated_weak_elimination   -- iterated elimination of weakly dominated strategies, in a stated order
weakly_dominated_strategies -- one round of it, for one player
"""

from .components import NashComponent, equilibrium_components
from .dominance import (
    DominanceResult,
    Elimination,
    dominated_strategies,
    iterated_elimination,
    iterated_weak_elimination,
    weakly_dominated_strategies,
)
from .enumpure import enumpure, pure_equilibria
from .global_newton import global_newton
from .lemke_howson import lemke_howson
from .lyapunov import lyapunov, lyapunov_value
from .polynomial_enumeration import polynomial_enumeration, support_bezout_number
from .quantal_response import LogitFit, LogitPath, fit_logit, logit, logit_path, logit_qre
from .simplicial_subdivision import simplicial_subdivision
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
    "polynomial_enumeration",
    "simplicial_subdivision",
    "logit",
    "global_newton",
    "lyapunov",
    "lyapunov_value",
    "support_bezout_number",
    "logit_path",
    "logit_qre",
    "fit_logit",
    "LogitPath",
    "LogitFit",
    "game_value",
    "maximin",
    "equilibrium_components",
    "NashComponent",
    "iterated_elimination",
    "dominated_strategies",
    "iterated_weak_elimination",
    "weakly_dominated_strategies",
    "DominanceResult",
    "Elimination",
    "solve",
    "METHODS",
]
