"""gametheory: games and certified solvers.

Games
-----
NormalFormGame   -- N-player normal-form game, float or exact rational payoffs

Solving
-------
solve                  -- one entry point: ``solve(game, method=..., exact=...)``
NashResult             -- the result every solver returns, with its certificate
enumpure               -- all pure equilibria (N players)
support_enumeration    -- all equilibria of nondegenerate bimatrix games
vertex_enumeration     -- all extreme equilibria of any bimatrix game
equilibrium_components -- connected components / maximal Nash subsets
lemke_howson           -- one equilibrium by complementary pivoting
zero_sum, game_value   -- zero-sum games by linear programming
iterated_elimination   -- iterated elimination of strictly dominated strategies

Bargaining and cooperative games (subpackages)
----------------------------------------------
gametheory.bargaining  -- bargaining problems: Nash, Kalai-Smorodinsky, egalitarian,
                          utilitarian, dictatorial solutions; Rubinstein; win-sets
gametheory.cooperative -- TU games: Shapley and Banzhaf values, power indices, core,
                          least core, nucleolus; coalition structures; hedonic games

Game classes
------------
gametheory.generators  -- seeded generators of standard game classes (GAMUT, Nudelman et al. 2004)

Files
-----
read_nfg, write_nfg    -- Gambit ``.nfg`` (payoff and outcome forms)
read_json, write_json  -- the package's JSON game format
read_game              -- either, by file suffix

Errors
------
gametheory.errors      -- GameError and its subclasses
"""

from . import bargaining, cooperative, errors, generators
from .game import NormalFormGame
from .io import format_json, format_nfg, parse_json, parse_nfg, read_game, read_json, read_nfg, write_json, write_nfg
from .nash import (
    DominanceResult,
    NashComponent,
    dominated_strategies,
    enumpure,
    equilibrium_components,
    game_value,
    is_degenerate,
    iterated_elimination,
    lemke_howson,
    solve,
    support_enumeration,
    vertex_enumeration,
    zero_sum,
)
from .result import NashResult

__version__ = "0.1.0"

__all__ = [
    "errors",
    "bargaining",
    "cooperative",
    "generators",
    "NormalFormGame",
    "NashResult",
    "solve",
    "enumpure",
    "support_enumeration",
    "vertex_enumeration",
    "equilibrium_components",
    "NashComponent",
    "is_degenerate",
    "lemke_howson",
    "zero_sum",
    "game_value",
    "iterated_elimination",
    "dominated_strategies",
    "DominanceResult",
    "read_nfg",
    "write_nfg",
    "parse_nfg",
    "format_nfg",
    "read_json",
    "write_json",
    "parse_json",
    "format_json",
    "read_game",
]
