"""Benchmark suite for equilibrium solvers: grids of solver x game class x size x seed, timed and verified.

Run it from the command line (``gametheory bench``, or ``python -m benchmarks``
in a checkout) or from Python::

    from gametheory.bench import run_sweep, ratio_table
    sweep = run_sweep("default", "results.csv")       # resumes if results.csv exists
    print(ratio_table(sweep.to_frame()))

Every cell runs in a worker process that enforces the time limit, records
wall time and peak memory, and checks every returned profile independently
(regret at most 1e-9 of the payoff range, exactly 0 for rational answers).

Solvers and game classes
------------------------
Solver              -- a benchmarked solver: untimed ``prepare(game) -> call``, timed ``call()``, untimed ``convert``
register_solver     -- add a solver so grids and the command line can name it
get_solver          -- a registered solver by name
list_solvers        -- registered solvers (ours, nashpy, QuantEcon, pygambit, yours)
select_solvers      -- solvers by names or globs such as ``"quantecon.*"``
GameClass           -- a family of games indexed by size and seed
register_game_class -- add a game class
get_game_class      -- a registered class by name
list_game_classes   -- the GAMUT-style classes of :mod:`gametheory.generators`, and yours
make_game           -- the game of a class spec (``"covariant(rho=0.9)"``) at a size and seed

Running sweeps
--------------
Block               -- solvers x classes x sizes x seeds
Grid                -- blocks plus time limit and repeat rules
PRESETS             -- named grids: ``quick``, ``default`` (a few minutes), ``classes``
grid_cells          -- the cells of a grid
run_sweep           -- run a grid serially or on Dask (local cluster or a scheduler address), resumable
Sweep               -- what a sweep did, with its rows
Sandbox             -- the killable worker process that times and verifies one cell
profile_regret      -- the independent regret check applied to every returned profile
COLUMNS             -- the columns of the results table

Reports (need pandas; plots need matplotlib)
-------------------------------------------
load_results            -- read a results table (.csv or .parquet)
summary                 -- median time, memory and outcome counts per solver, class and size
ratio_table             -- our fastest solver against the fastest peer: peer seconds / our seconds
method_ratio_table      -- each of our solvers against the peer solver of the same method
performance_profile     -- Dolan-More performance profiles
agreement               -- does each solver return the same equilibria as the reference?
plot_time_vs_size       -- time against size per solver, log scale
plot_performance_profile -- performance profile plot
format_table            -- text or Markdown rendering of a table
"""

from __future__ import annotations

from typing import Any

from ._classes import GameClass, get_game_class, list_game_classes, make_game, register_game_class
from ._runner import PRESETS, Block, Cell, Grid, Sweep, grid_cells, run_sweep
from ._sandbox import Sandbox
from ._solver import Solver, get_solver, list_solvers, register_solver, select_solvers
from ._table import COLUMNS
from ._verify import profile_regret

_REPORT = (
    "load_results",
    "summary",
    "ratio_table",
    "method_ratio_table",
    "performance_profile",
    "agreement",
    "plot_time_vs_size",
    "plot_performance_profile",
    "format_table",
)

__all__ = [
    "Solver",
    "register_solver",
    "get_solver",
    "list_solvers",
    "select_solvers",
    "GameClass",
    "register_game_class",
    "get_game_class",
    "list_game_classes",
    "make_game",
    "Block",
    "Grid",
    "Cell",
    "PRESETS",
    "grid_cells",
    "run_sweep",
    "Sweep",
    "Sandbox",
    "profile_regret",
    "COLUMNS",
    *_REPORT,
]


def __getattr__(name: str) -> Any:
    # the report layer imports pandas, which the runner does not need
    if name in _REPORT:
        from . import _report

        return getattr(_report, name)
    raise AttributeError(f"module 'gametheory.bench' has no attribute {name!r}")
