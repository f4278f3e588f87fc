"""Learning dynamics for N-player normal-form games.

Every dynamic returns a :class:`LearningResult` carrying its whole
trajectory (one stacked array of mixed strategies per player), the max
regret of every point, and a ``converged`` flag decided by a measured
residual against a stated tolerance.  Arithmetic is float64.

Dynamics
--------
fictitious_play             -- best responses to empirical beliefs (Brown 1951; Robinson 1951)
stochastic_fictitious_play  -- logit (smoothed) responses to empirical beliefs (Fudenberg-Kreps 1993)
best_response_dynamics      -- pure best-response moves until a pure equilibrium or a cycle
replicator_dynamics         -- multi-population replicator ODE via solve_ivp (Taylor-Jonker 1978)
regret_matching             -- Hart-Mas-Colell (2000) play; empirical joint distribution -> correlated equilibria

Results and measures
--------------------
LearningResult              -- trajectory, regrets, final/average profile, convergence status
logit_regret                -- regret in the entropy-perturbed game (zero at a logit equilibrium)
ce_violation                -- largest gain from a switch s -> t under a joint distribution
trajectory_regrets          -- max regret of every point of a stacked trajectory (vectorised)
"""

from ._best_response import best_response_dynamics
from ._fictitious_play import fictitious_play, logit_regret, stochastic_fictitious_play
from ._regret_matching import ce_violation, regret_matching
from ._replicator import replicator_dynamics
from ._result import LearningResult, trajectory_regrets

__all__ = [
    "fictitious_play",
    "stochastic_fictitious_play",
    "best_response_dynamics",
    "replicator_dynamics",
    "regret_matching",
    "LearningResult",
    "logit_regret",
    "ce_violation",
    "trajectory_regrets",
]
