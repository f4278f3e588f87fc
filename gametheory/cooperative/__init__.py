"""Cooperative games with transferable utility (TU games) and their solutions.

Games
-----
TUGame               -- characteristic function v(S) on bitmask coalitions, exact or float;
                        constructors from_values, from_function, weighted_voting, bankruptcy,
                        from_costs, glove, market
savings_game         -- the savings game s(S) = sum_{i in S} c({i}) - c(S) of a cost game
CooperativeResult    -- the result every solution returns: allocation plus certificate

Values
------
shapley_value        -- Shapley value: exact O(n 2**n), or permutation sampling with confidence intervals
banzhaf_value        -- Banzhaf value (average marginal contribution)

Power indices of weighted voting games (exact counts, hundreds of voters)
------------------------------------------------------------------------
shapley_shubik_index -- Shapley-Shubik index by dynamic programming over weights
banzhaf_index        -- (normalised) Banzhaf index, or the Banzhaf measure
voting_counts        -- the integer pivot and swing counts behind both

Core and related sets (linear programming, exact on request)
-----------------------------------------------------------
core_point           -- a core point, or proof that the core is empty
least_core           -- least-core value epsilon and a least-core point
epsilon_core         -- a point of the epsilon-core, or emptiness
in_core              -- membership test for an allocation
excesses             -- e(S, x) = v(S) - x(S) for every coalition
is_balanced          -- Bondareva-Shapley balancedness by LP
is_superadditive     -- v(S | T) >= v(S) + v(T) for disjoint S, T
is_convex            -- supermodularity
coalition_matrix     -- the 0/1 matrix of coalitions by players

Nucleolus
---------
nucleolus            -- Maschler-Peleg-Shapley sequence of LPs over imputations
prenucleolus         -- the same over pre-imputations
is_nucleolus         -- Kohlberg's criterion, an independent check

Specifications (for the ``gametheory coalition`` command)
--------------------------------------------------------
solve_spec           -- solve a JSON game specification, return a JSON-ready dict
format_text          -- human-readable report of solve_spec's output

Coalition structures and hedonic games
--------------------------------------
bell_number                  -- number of partitions of n players
set_partitions               -- all partitions of range(n) as tuples of bitmasks (n <= 10, or a limit)
CoalitionStructure           -- a partition of the players into coalitions (hashable, labelled)
structure_value              -- V(P) = sum of v(S) over the coalitions S of P
coalition_structures         -- every structure of a TU game with its value (n <= 10)
CoalitionStructures          -- the result of coalition_structures
optimal_coalition_structure  -- a structure of largest value by O(3**n) dynamic programming (n <= 16)
OptimalCoalitionStructure    -- its result, with the superadditive cover v*
cs_core_point                -- a point of the Aumann-Dreze core of (v, P) by LP, or emptiness
core_stable_structures       -- every structure with a nonempty Aumann-Dreze core (n <= 10)
CoreStableStructures         -- the result of core_stable_structures
HedonicGame                  -- players' utilities for the coalitions containing them
check_stability              -- whether a partition is Nash/individually/contractually/core stable, and why not
stable_partitions            -- every partition stable in one of these senses (n <= 10)
is_nash_stable, is_individually_stable, is_contractually_individually_stable, is_core_stable
                             -- check_stability for one concept
nash_stable_partitions, individually_stable_partitions,
contractually_individually_stable_partitions, core_stable_partitions
                             -- stable_partitions for one concept
StabilityCheck, Deviation    -- the result of a check and the deviation that breaks a partition
StablePartitions             -- the result of stable_partitions
STABILITY_CONCEPTS           -- the concept names: "nash", "individual", "contractual", "core"
"""

from ._core import (
    coalition_matrix,
    core_point,
    epsilon_core,
    excesses,
    in_core,
    is_balanced,
    is_convex,
    is_superadditive,
    least_core,
)
from ._nucleolus import is_nucleolus, nucleolus, prenucleolus
from ._power import banzhaf_index, shapley_shubik_index, voting_counts
from ._result import CooperativeResult
from ._spec import format_text, solve_spec
from ._tugame import TUGame, savings_game
from ._values import banzhaf_value, shapley_value

# Coalition structures and hedonic games
from ._hedonic import (
    STABILITY_CONCEPTS,
    Deviation,
    HedonicGame,
    StabilityCheck,
    StablePartitions,
    check_stability,
    contractually_individually_stable_partitions,
    core_stable_partitions,
    individually_stable_partitions,
    is_contractually_individually_stable,
    is_core_stable,
    is_individually_stable,
    is_nash_stable,
    nash_stable_partitions,
    stable_partitions,
)
from ._partitions import (
    CoalitionStructure,
    CoalitionStructures,
    CoreStableStructures,
    OptimalCoalitionStructure,
    bell_number,
    coalition_structures,
    core_stable_structures,
    cs_core_point,
    optimal_coalition_structure,
    set_partitions,
    structure_value,
)


__all__ = [
    "TUGame",
    "savings_game",
    "CooperativeResult",
    "shapley_value",
    "banzhaf_value",
    "shapley_shubik_index",
    "banzhaf_index",
    "voting_counts",
    "core_point",
    "least_core",
    "epsilon_core",
    "in_core",
    "excesses",
    "is_balanced",
    "is_superadditive",
    "is_convex",
    "coalition_matrix",
    "nucleolus",
    "prenucleolus",
    "is_nucleolus",
    "solve_spec",
    "format_text",
    # ---- Coalition structures and hedonic games ----
    "bell_number",
    "set_partitions",
    "CoalitionStructure",
    "structure_value",
    "coalition_structures",
    "CoalitionStructures",
    "optimal_coalition_structure",
    "OptimalCoalitionStructure",
    "cs_core_point",
    "core_stable_structures",
    "CoreStableStructures",
    "HedonicGame",
    "check_stability",
    "stable_partitions",
    "is_nash_stable",
    "is_individually_stable",
    "is_contractually_individually_stable",
    "is_core_stable",
    "nash_stable_partitions",
    "individually_stable_partitions",
    "contractually_individually_stable_partitions",
    "core_stable_partitions",
    "StabilityCheck",
    "Deviation",
    "StablePartitions",
    "STABILITY_CONCEPTS",
    # ---- end ----
]
