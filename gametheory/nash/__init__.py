"""Nash equilibrium solvers for normal-form games (filled in as modules land)."""
