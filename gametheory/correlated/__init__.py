"""Correlated and coarse correlated equilibria of N-player normal-form games.

A distribution ``mu`` over pure profiles (an array of shape ``game.shape``)
is a correlated equilibrium (Aumann 1974) when no player gains by disobeying
the recommendation it draws, and a coarse correlated equilibrium (Moulin and
Vial 1978) when no player gains by ignoring it altogether.  Both sets are
polytopes, so optimal points are linear programs.

Equilibria
----------
correlated_equilibrium     -- a CE/CCE maximising welfare, a player's payoff or a weighted sum (LP;
                              cvxpy in float mode, exact simplex certificate with exact=True)
correlated_vertices        -- every vertex of the CE/CCE polytope of a small game (exact double description)
CorrelatedResult           -- result of correlated_equilibrium: distribution, payoffs, certificate
CorrelatedVertices         -- result of correlated_vertices: the list of vertices with their payoffs

The polytope and checks
-----------------------
correlated_polytope        -- the incentive constraints as a labelled matrix (float or exact)
CorrelatedPolytope         -- its frozen description: A, row labels, sum-to-one equality
deviation_gains            -- each player's expected gain from each deviation under a distribution
max_violation              -- the largest of those gains, clipped at 0 (0 at a CE/CCE)
is_correlated_equilibrium  -- membership test (exact, or within a tolerance)
from_profile               -- the product distribution of a mixed profile (a CE iff the profile is Nash)

Constants
---------
FLOAT_SOLVERS              -- cvxpy solvers tried in float mode, in order
MAX_PROFILES               -- default limit on prod(game.shape) for correlated_vertices
"""

from ._equilibrium import FLOAT_SOLVERS, correlated_equilibrium
from ._polytope import (
    CorrelatedPolytope,
    correlated_polytope,
    deviation_gains,
    from_profile,
    is_correlated_equilibrium,
    max_violation,
)
from ._result import CorrelatedResult, CorrelatedVertices
from ._vertices import MAX_PROFILES, correlated_vertices

__all__ = [
    "correlated_equilibrium",
    "correlated_vertices",
    "CorrelatedResult",
    "CorrelatedVertices",
    "correlated_polytope",
    "CorrelatedPolytope",
    "deviation_gains",
    "max_violation",
    "is_correlated_equilibrium",
    "from_profile",
    "FLOAT_SOLVERS",
    "MAX_PROFILES",
]
