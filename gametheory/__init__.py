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
iterated_weak_elimination -- iterated elimination of weakly dominated strategies (order stated)

N players
---------
polynomial_enumeration -- all equilibria of small N-player games by polynomial systems ("enumpoly")
simplicial_subdivision -- one equilibrium by simplicial subdivision with restarts ("simpdiv")
logit                  -- Nash limit of the logit QRE principal branch ("logit")
global_newton          -- equilibria by the Govindan-Wilson global Newton method ("gnm")
lyapunov               -- equilibria by Lyapunov-function minimisation ("liap")
logit_path, logit_qre, fit_logit -- the logit QRE path, a point on it, maximum-likelihood lambda

Beyond Nash
-----------
correlated_equilibrium -- a correlated or coarse correlated equilibrium by LP (welfare, a player, weights)
correlated_vertices    -- every vertex of the CE/CCE polytope of a small game
gametheory.correlated  -- the polytope, deviation gains, membership test
gametheory.learning    -- fictitious play, stochastic fictitious play, best-response, replicator, regret matching
gametheory.symbolic    -- games with sympy payoffs: closed-form equilibria, their regions, comparative statics

Continuous strategies
---------------------
gametheory.continuous  -- N players choosing points of boxes or simplices: best-response iteration, extragradient,
                          aggregative games (Cornes-Hartley), each result certified by re-optimisation

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

from . import bargaining, continuous, cooperative, correlated, errors, generators, learning
from .correlated import CorrelatedResult, correlated_equilibrium, correlated_vertices, is_correlated_equilibrium
from .game import NormalFormGame
from .io import format_json, format_nfg, parse_json, parse_nfg, read_game, read_json, read_nfg, write_json, write_nfg
from .nash import (
    DominanceResult,
    NashComponent,
    dominated_strategies,
    enumpure,
    LogitFit,
    LogitPath,
    equilibrium_components,
    fit_logit,
    game_value,
    global_newton,
    is_degenerate,
    iterated_elimination,
    iterated_weak_elimination,
    lemke_howson,
    logit,
    logit_path,
    logit_qre,
    lyapunov,
    polynomial_enumeration,
    simplicial_subdivision,
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
    "iterated_weak_elimination",
    "polynomial_enumeration",
    "simplicial_subdivision",
    "logit",
    "global_newton",
    "lyapunov",
    "logit_path",
    "logit_qre",
    "fit_logit",
    "LogitPath",
    "LogitFit",
    "correlated",
    "learning",
    "continuous",
    "symbolic",
    "correlated_equilibrium",
    "correlated_vertices",
    "is_correlated_equilibrium",
    "CorrelatedResult",
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


def __getattr__(name: str):
    # gametheory.symbolic imports sympy, which most users of the numeric solvers never need
    if name == "symbolic":
        import importlib

        return importlib.import_module(".symbolic", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
