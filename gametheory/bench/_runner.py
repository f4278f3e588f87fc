"""Sweeps: run every cell of a grid (solver x game class x size x seed), locally or on a Dask cluster.

A grid is a list of :class:`Block` s; each block crosses a set of solvers with
a set of game classes, sizes and seeds.  :func:`run_sweep` expands the grid
into cells, leaves out the cells an existing results file already holds (so an
interrupted sweep resumes where it stopped), and runs the rest size by size:
all cells of the smallest size first, then the next.  Once a solver exceeds
the time limit on a class at some size, its cells at larger sizes of that
class are not run (they are counted as skipped and get no row).

Every cell runs in a :class:`~gametheory.bench._sandbox.Sandbox` worker
process, which enforces the time limit, measures time and peak memory and
verifies the answer.  The cells are handed to an executor:

* ``"dask"`` -- a ``dask.distributed`` client; by default on a
  ``LocalCluster`` of ``workers`` single-threaded worker processes, or on an
  existing cluster given by its scheduler address (e.g. one started by
  dask-jobqueue on Slurm).  Both go through the same code.
* ``"serial"`` -- one cell after another in this process (no Dask needed).

The default, ``"auto"``, is Dask when it is installed.  Cells running at the
same time share the machine, so their timings are only comparable within a
run made with the same number of workers; one worker (the default on a local
cluster) gives the cleanest timings.
"""

from __future__ import annotations

import datetime
import math
import os
import importlib.util
import socket
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Iterator, Sequence, TextIO

from ..errors import InvalidOption
from ._classes import parse_class_spec
from ._progress import Progress
from ._sandbox import dumps, sandbox_for_thread
from ._solver import Solver, select_solvers
from ._table import COLUMNS, ResultsWriter, _typed, read_rows

__all__ = ["Block", "Grid", "Cell", "Sweep", "PRESETS", "grid_cells", "run_sweep"]


@dataclass(frozen=True)
class Block:
    """Solvers x game classes x sizes x seeds.

    ``solvers`` are registry names, globs (``"quantecon.*"``) or :class:`Solver`
    objects; ``classes`` are class specs (``"covariant(rho=0.9)"``); ``sizes``
    None means each class's default sizes; ``seeds`` is a count (seeds
    ``0 .. seeds-1``) or explicit seeds.
    """

    solvers: tuple[Any, ...]
    classes: tuple[str, ...] = ("uniform",)
    sizes: tuple[int, ...] | None = None
    seeds: int | tuple[int, ...] = 3


@dataclass(frozen=True)
class Grid:
    """A sweep: blocks plus the timing rules every cell shares.

    Attributes
    ----------
    blocks : tuple of Block
    time_limit : float
        Seconds allowed for one solver call; a slower call is killed and recorded as ``timeout``.
    min_time : float
        Calls faster than this are repeated (up to ``max_repeats`` times) and the median is recorded.
    max_repeats : int
    """

    blocks: tuple[Block, ...]
    time_limit: float = 10.0
    min_time: float = 0.2
    max_repeats: int = 20

    def __post_init__(self) -> None:
        if not self.blocks:
            raise InvalidOption("Grid: no blocks")
        if not (self.time_limit > 0 and math.isfinite(self.time_limit)):
            raise InvalidOption(f"Grid: time_limit must be a positive number of seconds, got {self.time_limit!r}")
        if not self.min_time >= 0 or int(self.max_repeats) < 1:
            raise InvalidOption("Grid: min_time must be >= 0 and max_repeats >= 1")


_ALL_EQ = ("gametheory.vertex", "gametheory.support", "quantecon.vertex", "quantecon.support", "nashpy.vertex",
           "nashpy.support", "pygambit.enummixed")
_ONE_EQ = ("gametheory.lemke-howson", "quantecon.lemke-howson", "nashpy.lemke-howson", "pygambit.lcp")
_EXACT = ("gametheory.vertex-exact", "pygambit.enummixed-rational", "gametheory.lemke-howson-exact",
          "pygambit.lcp-rational")

_N_ONE = ("gametheory.simpdiv", "gametheory.logit", "gametheory.gnm", "gametheory.liap", "pygambit.simpdiv",
          "pygambit.logit", "pygambit.gnm", "pygambit.ipa", "pygambit.liap")
_N_ALL = ("gametheory.enumpoly", "pygambit.enumpoly")

#: Named grids.  ``default`` takes a few minutes on a laptop and measures the
#: README's ratio table; ``quick`` is a smoke test; ``classes`` runs every
#: game class at its default sizes; ``nplayer`` times the N-player methods
#: against pygambit's on the Gambit catalog's N-player games and on random
#: 3- and 4-player games.
PRESETS: dict[str, Grid] = {
    "quick": Grid((Block(("gametheory.vertex", "gametheory.lemke-howson", "quantecon.vertex",
                          "quantecon.lemke-howson", "pygambit.enummixed", "nashpy.vertex"),
                         ("uniform",), (3, 4), 2),), time_limit=5.0, min_time=0.05),
    "default": Grid(
        (
            Block(_ALL_EQ, ("uniform",), (4, 6, 8, 10, 12), 3),
            Block(_ONE_EQ, ("uniform",), (10, 25, 50, 100, 200), 3),
            Block(_EXACT, ("uniform",), (4, 6, 8), 3),
            Block(("gametheory.vertex", "quantecon.vertex", "pygambit.enummixed", "gametheory.lemke-howson",
                   "quantecon.lemke-howson", "pygambit.lcp"),
                  ("covariant(rho=-0.5)", "zero-sum", "coordination"), (4, 6, 8), 2),
            Block(("gametheory.vertex", "quantecon.vertex", "pygambit.enummixed", "gametheory.lemke-howson",
                   "quantecon.lemke-howson", "pygambit.lcp", "gametheory.lemke-howson-exact"),
                  ("savani-von-stengel",), (1, 2, 3, 4), 1),
        ),
        time_limit=5.0,
        min_time=0.2,
    ),
    "nplayer": Grid(
        (
            Block(_N_ONE + _N_ALL, ("gambit-catalog",), None, 1),
            Block(_N_ONE, ("uniform(players=3)",), (2, 3, 4, 5), 3),
            Block(_N_ONE, ("uniform(players=4)",), (2, 3), 3),
            Block(_N_ALL, ("uniform(players=3)",), (2, 3), 3),
            Block(_N_ALL, ("uniform(players=4)",), (2,), 3),
        ),
        time_limit=10.0,
        min_time=0.2,
    ),
    "classes": Grid(
        (
            Block(("gametheory.vertex", "gametheory.lemke-howson", "quantecon.vertex", "quantecon.lemke-howson",
                   "pygambit.enummixed", "pygambit.lcp", "nashpy.vertex", "nashpy.lemke-howson"),
                  ("uniform", "covariant(rho=-0.5)", "covariant(rho=0.9)", "zero-sum", "coordination",
                   "dominance-solvable", "polymatrix", "graphical", "congestion", "war-of-attrition", "bertrand",
                   "cournot", "location", "minimum-effort", "travellers-dilemma", "savani-von-stengel",
                   "many-equilibria"), None, 3),
        ),
        time_limit=10.0,
    ),
}


@dataclass(frozen=True)
class Cell:
    """One benchmark run: a solver on the game of ``game_class`` at ``size`` and ``seed``."""

    solver: Solver
    game_class: str
    size: int
    seed: int

    @property
    def key(self) -> str:
        return f"{self.solver.name}|{self.game_class}|{self.size}|{self.seed}"


def _seeds(seeds: int | Sequence[int]) -> tuple[int, ...]:
    if isinstance(seeds, (int,)) and not isinstance(seeds, bool):
        if seeds < 1:
            raise InvalidOption(f"Block: seeds must be at least 1, got {seeds}")
        return tuple(range(seeds))
    out = tuple(int(s) for s in seeds)
    if not out:
        raise InvalidOption("Block: empty list of seeds")
    return out


def grid_cells(grid: Grid, *, available_only: bool = True) -> tuple[list[Cell], list[Solver]]:
    """All cells of ``grid`` (duplicates removed) and the solvers left out because their library is missing."""
    cells: dict[str, Cell] = {}
    missing: dict[str, Solver] = {}
    for block in grid.blocks:
        solvers = select_solvers(block.solvers)
        for spec in block.classes:
            game_class, params = parse_class_spec(spec)
            # a class of games with varying player counts states its smallest (gambit-catalog: min_players)
            players = int(params.get("players", params.get("min_players", 2)))
            sizes = game_class.sizes if block.sizes is None else tuple(int(n) for n in block.sizes)
            if any(n < 1 for n in sizes):
                raise InvalidOption(f"Block: sizes must be positive integers, got {sizes}")
            seeds = _seeds(block.seeds) if game_class.seeded else (0,)
            for solver in solvers:
                if available_only and not solver.available():
                    missing[solver.name] = solver
                    continue
                if not solver.accepts(players):
                    continue
                for n in sizes:
                    for s in seeds:
                        cell = Cell(solver, spec, n, s)
                        cells.setdefault(cell.key, cell)
    return list(cells.values()), list(missing.values())


@dataclass(frozen=True, eq=False)
class Sweep:
    """What :func:`run_sweep` did.

    Attributes
    ----------
    rows : list of dict
        Every row of the results table after the sweep (earlier rows included when resuming).
    path : str or None
        The results file.
    ran, resumed, skipped : int
        Cells run now, cells already in the file, cells left out after a timeout at a smaller size.
    missing : list of str
        Solvers whose library is not installed.
    executor : str
        ``"serial"``, ``"dask (local cluster, N workers)"`` or ``"dask (scheduler ADDRESS)"``.
    """

    rows: list[dict]
    path: str | None
    ran: int
    resumed: int
    skipped: int
    missing: list[str] = field(default_factory=list)
    executor: str = "serial"

    def to_frame(self):
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=list(COLUMNS))


# --------------------------------------------------------------------------- executing cells


def execute_cell(job: dict) -> dict:
    """Run one cell in this thread's sandbox and return its table row (the function Dask workers run)."""
    started = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        measured = sandbox_for_thread().run(job["payload"], job["time_limit"])
    except Exception as exc:  # the sandbox itself failed: report the cell, keep the sweep going
        measured = {"status": "error", "message": f"sandbox failed: {type(exc).__name__}: {exc}"[:500]}
    row = dict(job["row"])
    row.update(measured, started=started, host=f"{socket.gethostname()}:{os.getpid()}")
    return row


class _Serial:
    name = "serial"

    def map(self, fn: Callable[[dict], dict], jobs: Sequence[dict]) -> Iterator[dict]:
        for job in jobs:
            yield fn(job)

    def close(self) -> None:
        pass


class _Dask:
    def __init__(self, scheduler: str | None, workers: int):
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise InvalidOption("the Dask executor needs dask.distributed: pip install 'alliance-games[bench]'") from None
        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
            self.name = f"dask (scheduler {scheduler})"
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
            self.name = f"dask (local cluster, {workers} worker{'s' if workers != 1 else ''})"

    def map(self, fn: Callable[[dict], dict], jobs: Sequence[dict]) -> Iterator[dict]:
        from dask.distributed import as_completed

        futures = self.client.map(fn, list(jobs), pure=False)
        index = {f.key: job for f, job in zip(futures, jobs)}
        for future in as_completed(futures):
            try:
                yield future.result()
            except Exception as exc:  # a lost worker: the cell gets an error row
                row = dict(index[future.key]["row"])
                row.update(status="error", message=f"dask: {type(exc).__name__}: {exc}"[:500])
                yield row

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def _executor(executor: str, scheduler: str | None, workers: int) -> Any:
    if scheduler and executor == "serial":
        raise InvalidOption("a scheduler address needs the Dask executor, not 'serial'")
    if executor == "auto":
        executor = "dask" if importlib.util.find_spec("distributed") is not None else "serial"
    if executor == "serial":
        return _Serial()
    if executor == "dask":
        return _Dask(scheduler, workers)
    raise InvalidOption(f"unknown executor {executor!r}; choose 'auto', 'dask' or 'serial'")


def _job(cell: Cell, grid: Grid, blobs: dict) -> dict:
    solver = cell.solver
    game_class, params = parse_class_spec(cell.game_class)
    if solver.name not in blobs:
        blobs[solver.name] = dumps(solver)
    if cell.game_class not in blobs:
        blobs[cell.game_class] = dumps((game_class, params))
    row = {
        "key": cell.key, "solver": solver.name, "library": solver.library, "finds": solver.finds,
        "exact": solver.exact, "game_class": cell.game_class, "size": cell.size, "seed": cell.seed,
        "time_limit": grid.time_limit, "version": solver.version(), "status": "error",
    }
    payload = {"solver": blobs[solver.name], "game_class": blobs[cell.game_class], "size": cell.size,
               "seed": cell.seed, "min_time": grid.min_time, "max_repeats": int(grid.max_repeats)}
    return {"row": row, "payload": payload, "time_limit": grid.time_limit}


def run_sweep(
    grid: Grid | str,
    out: str | None = None,
    *,
    resume: bool = True,
    retry_errors: bool = False,
    executor: str = "auto",
    scheduler: str | None = None,
    workers: int = 1,
    progress: bool = True,
    stream: TextIO | None = None,
) -> Sweep:
    """Run every cell of ``grid`` and append one row per cell to ``out``.

    Parameters
    ----------
    grid : Grid or str
        A grid or the name of a preset (:data:`PRESETS`).
    out : str, optional
        Results file (``.csv`` or ``.parquet``).  Without it the rows are only returned.
    resume : bool
        Keep the rows already in ``out`` and run only the missing cells (default).  False starts the file afresh.
    retry_errors : bool
        Also re-run cells whose earlier row has status ``error``.
    executor : {"auto", "dask", "serial"}
    scheduler : str, optional
        Address of a running Dask scheduler; without it a local cluster is started.
    workers : int
        Worker processes of the local cluster.
    progress : bool
        Show a progress bar on ``stream`` (default standard error).

    Returns
    -------
    Sweep
    """
    if isinstance(grid, str):
        try:
            grid = PRESETS[grid]
        except KeyError:
            raise InvalidOption(f"unknown preset {grid!r}; choose one of {', '.join(PRESETS)}") from None
    if int(workers) < 1:
        raise InvalidOption(f"workers must be at least 1, got {workers}")
    cells, missing = grid_cells(grid)
    existing: list[dict] = []
    if out is not None:
        if not resume and os.path.exists(out):
            os.remove(out)
        existing = read_rows(out)
    done = {r["key"]: r for r in existing if not (retry_errors and r["status"] == "error")}
    # a timeout recorded earlier still rules out the larger sizes
    timed_out: dict[tuple[str, str], int] = {}

    def note_timeout(row: dict) -> None:
        # the smallest size at which a solver timed out on a class rules out the larger ones
        if row["status"] == "timeout" and parse_class_spec(row["game_class"])[0].ordered:
            k = (row["solver"], row["game_class"])
            timed_out[k] = min(timed_out.get(k, row["size"]), row["size"])

    for r in done.values():
        note_timeout(r)
    todo = [c for c in cells if c.key not in done]
    resumed = len(cells) - len(todo)
    by_size: dict[int, list[Cell]] = defaultdict(list)
    for c in todo:
        by_size[c.size].append(c)

    writer = ResultsWriter(out, existing) if out is not None else None
    bar = Progress(len(todo), stream=stream, enabled=progress)
    run = _executor(executor, scheduler, int(workers))
    rows = [r for r in existing]
    ran = skipped = 0
    blobs: dict[str, bytes] = {}
    try:
        for size in sorted(by_size):
            wave = []
            for c in by_size[size]:
                limit = timed_out.get((c.solver.name, c.game_class))
                if limit is not None and c.size > limit:
                    skipped += 1
                    bar.skip()
                else:
                    wave.append(c)
            jobs = [_job(c, grid, blobs) for c in wave]
            for row in run.map(execute_cell, jobs):
                ran += 1
                rows.append(row)
                if writer is not None:
                    writer.append(row)
                note_timeout(row)
                bar.update(row)
    finally:
        bar.close()
        run.close()
        if writer is not None:
            writer.close()
    latest = {r["key"]: r for r in rows}

    return Sweep([_typed(r) for r in latest.values()], out, ran, resumed, skipped, [s.name for s in missing], run.name)


def describe_grid(grid: Grid) -> Iterable[str]:
    """One line per block, for logs."""
    for block in grid.blocks:
        names = ", ".join(s.name if isinstance(s, Solver) else str(s) for s in block.solvers)
        sizes = "default sizes" if block.sizes is None else "sizes " + " ".join(map(str, block.sizes))
        yield f"{names} on {', '.join(block.classes)}, {sizes}, seeds {block.seeds}"


