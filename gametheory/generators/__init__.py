"""Seeded generators of standard classes of normal-form games (after the GAMUT suite).

Each generator returns a :class:`gametheory.NormalFormGame` whose title names
the class and its parameters.  Random generators take ``seed`` (None, an int
or a :class:`numpy.random.Generator`; an int always gives the same game) and
most have ``integer=True`` for exact integer payoffs.  Source: Nudelman,
Wortman, Shoham and Leyton-Brown (2004), "Run the GAMUT", AAMAS 2004, and the
paper cited in each docstring.

Random games
------------
uniform_random      -- independent uniform payoffs, any number of players
covariant           -- normal payoffs with correlation rho across players (-1/(N-1) <= rho <= 1)
zero_sum            -- random two-player zero-sum game
coordination        -- every player prefers every agreement to any miscoordination
dominance_solvable  -- solved by iterated strict dominance down to one profile

Economic games (deterministic in their parameters, except congestion_game)
--------------------------------------------------------------------------
war_of_attrition    -- two players choose when to concede; longer wins the prize
bertrand            -- price competition, lowest price takes the market
cournot             -- quantity competition under linear inverse demand
location_game       -- Hotelling vendors on a line of consumers
minimum_effort      -- weakest-link coordination (Van Huyck, Battalio and Beil 1990)
travellers_dilemma  -- Basu's claims game with a bonus for the lower claim
congestion_game     -- players choose facility sets; Rosenthal potential game

Structured games
----------------
polymatrix_game     -- normal form of a game given by pairwise matrices
polymatrix          -- random polymatrix game on a graph
graphical_game      -- normal form of a game given by local tables on a graph
graphical           -- random graphical game (default graph: a ring)

Hard games (deterministic)
--------------------------
savani_von_stengel  -- 2d x 2d imitation game with exponentially long Lemke-Howson paths
many_equilibria     -- n x n games with many equilibria (I_n: 2^n - 1; von Stengel's 6 x 6: 75)
"""

from ._economic_games import (
    bertrand,
    congestion_game,
    cournot,
    location_game,
    minimum_effort,
    travellers_dilemma,
    war_of_attrition,
)
from ._hard_games import many_equilibria, savani_von_stengel
from ._random_games import coordination, covariant, dominance_solvable, uniform_random, zero_sum
from ._structured_games import graphical, graphical_game, polymatrix, polymatrix_game

__all__ = [
    "uniform_random",
    "covariant",
    "zero_sum",
    "coordination",
    "dominance_solvable",
    "war_of_attrition",
    "bertrand",
    "cournot",
    "location_game",
    "minimum_effort",
    "travellers_dilemma",
    "congestion_game",
    "polymatrix_game",
    "polymatrix",
    "graphical_game",
    "graphical",
    "savani_von_stengel",
    "many_equilibria",
]
