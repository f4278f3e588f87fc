"""Time gametheory's Nash solvers against nashpy, QuantEcon and pygambit, in one run.

Usage::

    python -m benchmarks.compare_solvers                      # default run, about 4 minutes
    python -m benchmarks.compare_solvers --tasks all --sizes 6 8 --seeds 5 --csv out.csv

Three tasks are measured on random square bimatrix games:

``all``
    All equilibria, float payoffs ``A, B ~ U[0, 1)``: our ``vertex`` and
    ``support`` against nashpy, QuantEcon (vertex and support enumeration) and
    pygambit's ``enummixed_solve(rational=False)``.
``exact``
    All equilibria in exact arithmetic, integer payoffs in ``0 .. 999``: our
    ``vertex`` with ``exact=True`` against ``enummixed_solve(rational=True)``.
``lh``
    One equilibrium, float payoffs: our ``lemke-howson`` (initial label 0)
    against nashpy's and QuantEcon's Lemke-Howson (label 0) and pygambit's
    ``lcp_solve(stop_after=1)``.

For each size, each seed ``s`` gives the game ``numpy.random.default_rng(s)``
draws (``A`` first, then ``B``).  Every call runs in a worker process so it
can be stopped after ``--timeout`` seconds; a solver that times out is skipped
for the remaining seeds and all larger sizes of that task.  Calls shorter than
``--min-time`` are repeated and the median is kept; the table reports the
median over seeds.  Only the solve call is timed (building each library's game
object is not), and every library is warmed up on a tiny game first; the
one-off import and JIT-compilation costs are printed separately.

Every answer is checked here, independently of the library that produced it:
``max_regret`` is the largest gain from a unilateral deviation (plus any
violation of the probability simplex) over the returned profiles, in exact
rational arithmetic when the profiles are exact; ``agree`` compares the
returned set with ours (see :func:`agreement`).

The ``ratio`` column is peer seconds / our seconds for the solver named in
``vs``: above 1 we are faster, below 1 the peer is.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import importlib
import importlib.metadata
import math
import multiprocessing as mp
import os
import platform
import statistics
import sys
import time
import warnings
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import numpy as np

Profile = tuple[np.ndarray, np.ndarray]
#: An adapter builds the library's game object and returns ``(call, convert)``:
#: ``call()`` is the timed solve, ``convert(raw)`` turns its output into profiles.
Adapter = Callable[[str, np.ndarray, np.ndarray, bool], tuple[Callable[[], Any], Callable[[Any], list[Profile]]]]

#: Seconds allowed for a worker to start, warm up and build one game object.
SETUP_LIMIT = 600.0
#: Two profiles are the same equilibrium when no probability differs by more than this.
MATCH_TOL = 1e-6

# --------------------------------------------------------------------------- what is measured


@dataclass(frozen=True)
class Solver:
    """One solver as benchmarked: ``library`` runs ``method``; ``baseline`` is our solver it is timed against.

    ``default_max_size`` caps the sizes the solver runs at when ``--sizes`` is not given.
    """

    name: str
    library: str
    method: str
    baseline: str | None = None
    default_max_size: int | None = None


@dataclass(frozen=True)
class Task:
    """A benchmark task: its game class, default sizes and solvers (the reference solver first)."""

    title: str
    exact: bool
    sizes: tuple[int, ...]
    solvers: tuple[Solver, ...]
    one_equilibrium: bool = False

    @property
    def reference(self) -> str:
        """Name of the solver whose answer the others are compared with."""
        return self.solvers[0].name


TASKS: dict[str, Task] = {
    "all": Task(
        "all equilibria, float payoffs U[0,1)",
        exact=False,
        sizes=(6, 8, 10, 12, 16),
        solvers=(
            Solver("gametheory vertex", "gametheory", "vertex"),
            Solver("gametheory support", "gametheory", "support", default_max_size=12),
            Solver("quantecon vertex", "quantecon", "vertex", "gametheory vertex"),
            Solver("quantecon support", "quantecon", "support", "gametheory support", default_max_size=12),
            Solver("pygambit enummixed", "pygambit", "enummixed", "gametheory vertex"),
            Solver("nashpy vertex", "nashpy", "vertex", "gametheory vertex"),
            Solver("nashpy support", "nashpy", "support", "gametheory support", default_max_size=12),
        ),
    ),
    "exact": Task(
        "all equilibria, exact arithmetic, integer payoffs 0..999",
        exact=True,
        sizes=(4, 6, 8),
        solvers=(
            Solver("gametheory vertex exact", "gametheory", "vertex"),
            Solver("pygambit enummixed rational", "pygambit", "enummixed", "gametheory vertex exact"),
        ),
    ),
    "lh": Task(
        "one equilibrium (Lemke-Howson, label 0), float payoffs U[0,1)",
        exact=False,
        sizes=(50, 100, 200),
        solvers=(
            Solver("gametheory lemke-howson", "gametheory", "lemke-howson"),
            Solver("quantecon lemke_howson", "quantecon", "lemke-howson", "gametheory lemke-howson"),
            Solver("nashpy lemke_howson", "nashpy", "lemke-howson", "gametheory lemke-howson"),
            Solver("pygambit lcp", "pygambit", "lcp", "gametheory lemke-howson"),
        ),
        one_equilibrium=True,
    ),
}

#: Import name and distribution name of each library.
LIBRARIES: dict[str, tuple[str, str]] = {
    "gametheory": ("gametheory", "alliance-games"),
    "nashpy": ("nashpy", "nashpy"),
    "quantecon": ("quantecon.game_theory", "quantecon"),
    "pygambit": ("pygambit", "pygambit"),
}


def random_bimatrix(size: int, seed: int, integer: bool) -> tuple[np.ndarray, np.ndarray]:
    """The benchmark game: ``A`` then ``B`` drawn iid from ``default_rng(seed)``.

    Float games are ``U[0, 1)``; integer games (for exact solvers) are uniform on ``0 .. 999``.
    """
    rng = np.random.default_rng(seed)
    if integer:
        return rng.integers(0, 1000, (size, size)), rng.integers(0, 1000, (size, size))
    return rng.random((size, size)), rng.random((size, size))


# --------------------------------------------------------------------------- adapters, one per library


def _float_profiles(raw: Sequence[Sequence[Any]]) -> list[Profile]:
    return [(np.asarray(x, dtype=float), np.asarray(y, dtype=float)) for x, y in raw]


def run_gametheory(method: str, A: np.ndarray, B: np.ndarray, exact: bool):
    """Our solvers through :func:`gametheory.solve` (the certificate is part of the timed call)."""
    import gametheory as gt

    game = gt.NormalFormGame.from_bimatrix(A, B)
    options = {"init_label": 0} if method == "lemke-howson" else {}

    def call():
        return gt.solve(game, method=method, exact=exact, **options)

    def convert(result) -> list[Profile]:
        return [(np.asarray(x), np.asarray(y)) for x, y in result.equilibria]

    return call, convert


def run_nashpy(method: str, A: np.ndarray, B: np.ndarray, exact: bool):
    """nashpy's ``Game(A, B)`` methods; generators are consumed inside the timed call."""
    import nashpy

    game = nashpy.Game(A, B)
    calls = {
        "vertex": lambda: list(game.vertex_enumeration()),
        "support": lambda: list(game.support_enumeration()),
        "lemke-howson": lambda: [game.lemke_howson(initial_dropped_label=0)],
    }
    return calls[method], _float_profiles


def run_quantecon(method: str, A: np.ndarray, B: np.ndarray, exact: bool):
    """QuantEcon's numba solvers; its column player's payoff array is ``B`` transposed."""
    import quantecon.game_theory as qe

    game = qe.NormalFormGame((qe.Player(A), qe.Player(B.T)))
    calls = {
        "vertex": lambda: qe.vertex_enumeration(game),
        "support": lambda: qe.support_enumeration(game),
        "lemke-howson": lambda: [qe.lemke_howson(game, init_pivot=0)],
    }
    return calls[method], _float_profiles


def run_pygambit(method: str, A: np.ndarray, B: np.ndarray, exact: bool):
    """pygambit 16: ``enummixed_solve`` (all extreme equilibria) or ``lcp_solve`` (one)."""
    import pygambit as gbt

    game = gbt.Game.from_arrays(A, B)
    players = list(game.players)
    if method == "enummixed":
        call = lambda: gbt.nash.enummixed_solve(game, rational=exact)  # noqa: E731
    else:
        call = lambda: gbt.nash.lcp_solve(game, rational=False, stop_after=1)  # noqa: E731

    def convert(result) -> list[Profile]:
        if exact:
            vector = lambda v: np.array([Fraction(p) for p in v], dtype=object)  # noqa: E731
        else:
            vector = lambda v: np.array([float(p) for p in v])  # noqa: E731
        return [tuple(vector([eq[s] for s in player.strategies]) for player in players) for eq in result.equilibria]

    return call, convert


ADAPTERS: dict[str, Adapter] = {
    "gametheory": run_gametheory,
    "nashpy": run_nashpy,
    "quantecon": run_quantecon,
    "pygambit": run_pygambit,
}

# --------------------------------------------------------------------------- checking answers


def max_regret(A: np.ndarray, B: np.ndarray, profiles: Sequence[Profile]) -> float | None:
    """Largest regret over ``profiles`` (None if there are none); NaN if a profile holds NaN.

    A player's regret is its best pure payoff minus its expected payoff; any
    distance from the probability simplex (sum off 1, negative entries) is
    counted as regret too.  Profiles of Fractions are checked exactly.
    """
    worst: Any = None
    for x, y in profiles:
        exact = x.dtype == object or y.dtype == object
        a, b = (A.astype(object), B.astype(object)) if exact else (A.astype(float), B.astype(float))
        Ay, xB = a.dot(y), x.dot(b)
        top, low = (max, min) if exact else (np.max, np.min)  # numpy's max propagates NaN
        terms = [top(Ay) - x.dot(Ay), top(xB) - xB.dot(y), abs(sum(x) - 1), abs(sum(y) - 1), -low(x), -low(y)]
        value = max(terms) if exact else float(np.max(np.array(terms, dtype=float)))
        if worst is None or not value <= worst:  # NaN wins
            worst = value
    return None if worst is None else float(worst) + 0.0  # + 0.0 turns -0.0 into 0.0


def _distinct(profiles: Sequence[Profile]) -> list[np.ndarray]:
    vectors: list[np.ndarray] = []
    for x, y in profiles:
        v = np.concatenate([np.asarray(x, dtype=float), np.asarray(y, dtype=float)])
        if not any(_same(v, w) for w in vectors):
            vectors.append(v)
    return vectors


def _same(v: np.ndarray, w: np.ndarray) -> bool:
    return v.shape == w.shape and bool(np.max(np.abs(v - w)) <= MATCH_TOL)


def agreement(peer: Sequence[Profile], ours: Sequence[Profile] | None, one_equilibrium: bool) -> str:
    """Compare a peer's equilibria with ours, as sets of float profiles equal to 6 decimals.

    Returns ``"equal"``; ``"subset -k"`` when the peer misses ``k`` of ours;
    ``"DIFFERS +e/-k"`` when it also returns ``e`` profiles we do not (for an
    all-equilibria task that flags a wrong answer or a non-extreme
    equilibrium, see ``max_regret``); ``"same"`` / ``"other eq"`` for
    one-equilibrium tasks; ``"n/a"`` when we have no answer to compare with.
    """
    if ours is None:
        return "n/a"
    mine, theirs = _distinct(ours), _distinct(peer)
    extra = sum(not any(_same(v, w) for w in mine) for v in theirs)
    missing = sum(not any(_same(v, w) for w in theirs) for v in mine)
    if one_equilibrium:
        return "same" if extra == 0 and theirs else "other eq"
    if extra == 0 and missing == 0:
        return "equal"
    if extra == 0:
        return f"subset -{missing}"
    return f"DIFFERS +{extra}/-{missing}"


# --------------------------------------------------------------------------- the worker process


def _warm_up(libraries: Sequence[str]) -> None:
    """Run every available solver once on tiny games so lazy imports and JIT are paid for."""
    for task in TASKS.values():
        A, B = random_bimatrix(3, 0, task.exact)
        for solver in task.solvers:
            if solver.library in libraries:
                try:
                    call, convert = ADAPTERS[solver.library](solver.method, A, B, task.exact)
                    convert(call())
                except Exception:  # a broken solver is reported when it is benchmarked
                    pass


def _time_call(call: Callable[[], Any], min_time: float) -> tuple[list[float], Any]:
    """Call ``call`` once, then again while the total is under ``min_time`` (at most 50 times)."""
    times: list[float] = []
    while True:
        start = time.perf_counter()
        raw = call()
        times.append(time.perf_counter() - start)
        if sum(times) >= min_time or len(times) >= 50:
            return times, raw


def _worker_main(conn, libraries: Sequence[str], min_time: float) -> None:
    """Worker loop: receive ``(library, method, A, B, exact)``, answer with timings and profiles."""
    warnings.simplefilter("ignore")
    _warm_up(libraries)
    conn.send(("ready",))
    while True:
        job = conn.recv()
        if job is None:
            return
        library, method, A, B, exact = job
        try:
            call, convert = ADAPTERS[library](method, A, B, exact)
            conn.send(("built",))
            times, raw = _time_call(call, min_time)
            conn.send(("ok", times, convert(raw)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"[:200]))


@dataclass
class Worker:
    """A worker process and the parent's end of its pipe."""

    libraries: tuple[str, ...]
    min_time: float
    process: Any = None
    conn: Any = None


def start_worker(worker: Worker) -> None:
    """Start (or restart) the worker; with ``fork`` it inherits the parent's compiled numba code."""
    method = "fork" if "fork" in mp.get_all_start_methods() else "spawn"
    parent_end, child_end = mp.get_context(method).Pipe()
    process = mp.get_context(method).Process(
        target=_worker_main, args=(child_end, worker.libraries, worker.min_time), daemon=True
    )
    process.start()
    child_end.close()
    worker.process, worker.conn = process, parent_end
    if not parent_end.poll(SETUP_LIMIT):
        raise RuntimeError("benchmark worker did not start")
    parent_end.recv()


def stop_worker(worker: Worker) -> None:
    """Kill the worker process this benchmark started."""
    if worker.process is not None:
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        worker.process = None


@dataclass
class Outcome:
    """What one timed job returned: status ``ok``, ``timeout``, ``error`` or ``skipped``."""

    status: str
    seconds: float = math.nan
    repeats: int = 0
    profiles: list[Profile] = field(default_factory=list)
    message: str = ""


def run_job(worker: Worker, solver: Solver, A: np.ndarray, B: np.ndarray, exact: bool, timeout: float) -> Outcome:
    """Time ``solver`` on ``(A, B)`` in the worker; kill and restart it when the call exceeds ``timeout``."""
    worker.conn.send((solver.library, solver.method, A, B, exact))
    try:
        if not worker.conn.poll(SETUP_LIMIT):
            raise TimeoutError("building the game took too long")
        reply = worker.conn.recv()
        if reply[0] == "built":
            # repeats only start while the total is under min_time, so they add at most 2 * min_time
            if not worker.conn.poll(timeout + 2 * worker.min_time + 2.0):
                stop_worker(worker)
                start_worker(worker)
                return Outcome("timeout")
            reply = worker.conn.recv()
    except (EOFError, OSError, TimeoutError) as exc:  # the worker died (or hung while building)
        stop_worker(worker)
        start_worker(worker)
        return Outcome("error", message=f"worker failed: {exc!r}"[:200])
    if reply[0] == "error":
        return Outcome("error", message=reply[1])
    times, profiles = reply[1], reply[2]
    if times[0] > timeout:
        return Outcome("timeout")
    return Outcome("ok", statistics.median(times), len(times), profiles)


# --------------------------------------------------------------------------- start-up costs and versions


def measure_startup() -> tuple[dict[str, str], list[str]]:
    """Import each library in this process, timing it, and time QuantEcon's first (JIT) calls.

    Returns the status of each library (``"ok"``, ``"not installed"`` or the
    import error) and the lines to print.  The process must not have imported
    the libraries before.
    """
    status: dict[str, str] = {}
    parts: list[str] = []
    for library, (module, _) in LIBRARIES.items():
        start = time.perf_counter()
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            status[library] = "not installed"
            parts.append(f"{library} not installed")
            continue
        except Exception as exc:  # installed but broken
            status[library] = f"import failed ({type(exc).__name__}: {exc})"[:120]
            parts.append(f"{library} {status[library]}")
            continue
        status[library] = "ok"
        parts.append(f"{library} import {time.perf_counter() - start:.2f} s")
    lines = ["start-up costs (paid once per process, excluded from the tables): " + "; ".join(parts)]
    if status.get("quantecon") == "ok":
        A, B = random_bimatrix(3, 0, False)
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for method in ("vertex", "support", "lemke-howson"):
                call, _ = run_quantecon(method, A, B, False)
                call()
        lines.append(
            f"quantecon first calls (numba JIT compile of vertex, support and lemke_howson on a 3x3 game): "
            f"{time.perf_counter() - start:.1f} s (with numba's on-disk cache as it is; a first-ever run compiles more)"
        )
    return status, lines


def versions() -> str:
    """Versions of Python, numpy, numba and every installed library."""
    parts = [f"python {platform.python_version()}"]
    for dist in ("alliance-games", "numpy", "scipy", "nashpy", "quantecon", "numba", "pygambit"):
        try:
            parts.append(f"{dist} {importlib.metadata.version(dist)}")
        except importlib.metadata.PackageNotFoundError:
            parts.append(f"{dist} not installed")
    return ", ".join(parts)


# --------------------------------------------------------------------------- the tables


@dataclass
class Record:
    """One solver on one game: a row of the CSV."""

    task: str
    solver: str
    size: int
    seed: int
    outcome: Outcome
    n_equilibria: int | None = None
    max_regret: float | None = None
    agree: str = ""


def _fmt(x: float) -> str:
    return f"{x:.3g}"


@dataclass
class Summary:
    """One solver at one size over all seeds: a row of the printed table."""

    status: str
    seconds: float = math.nan
    n_equilibria: int | None = None
    max_regret: float | None = None
    agree: str = ""


def summarize(records: Sequence[Record]) -> Summary:
    """Median seconds, total equilibria, worst regret and the agreement over seeds."""
    errors = [r.outcome.message for r in records if r.outcome.status == "error"]
    if errors:
        return Summary("error: " + errors[0])
    if any(r.outcome.status == "timeout" for r in records):
        return Summary("timeout")
    if all(r.outcome.status == "skipped" for r in records):
        return Summary("skipped")
    regrets = [r.max_regret for r in records if r.max_regret is not None]
    verdicts = [r.agree for r in records]
    odd = sorted({v for v in verdicts if v not in ("equal", "same", "reference")})
    agree = "; ".join(f"{v} ({verdicts.count(v)}/{len(verdicts)})" for v in odd) if odd else verdicts[0]
    return Summary(
        "ok",
        statistics.median(r.outcome.seconds for r in records),
        sum(r.n_equilibria or 0 for r in records),
        max(regrets, key=lambda v: math.inf if math.isnan(v) else v) if regrets else None,
        agree,
    )


def table_row(size: int, solver: Solver, summary: Summary, base: Summary | None, timeout: float) -> str:
    """Format one table row; the ratio is peer / ours (a bound when one side timed out)."""
    note = summary.agree
    if summary.status == "ok":
        seconds = _fmt(summary.seconds)
    elif summary.status == "timeout":
        seconds = f"timeout >{timeout:g}s"
    else:
        seconds, _, note = summary.status.partition(": ")
    ratio = "-"
    if base is not None:
        if summary.status == "ok" and base.status == "ok":
            ratio = _fmt(summary.seconds / base.seconds)
        elif summary.status == "timeout" and base.status == "ok":
            ratio = ">" + _fmt(timeout / base.seconds)
        elif summary.status == "ok" and base.status == "timeout":
            ratio = "<" + _fmt(summary.seconds / timeout)
        else:
            ratio = "n/a"
    vs = solver.baseline.removeprefix("gametheory ") if solver.baseline else "-"
    ok = summary.status == "ok"
    n_eq = str(summary.n_equilibria) if ok else "-"
    regret = "-" if not ok or summary.max_regret is None else f"{summary.max_regret:.1e}"
    return (
        f"{size:>4}  {solver.name:<28} {seconds:>16}  {vs:<14} {ratio:>8}  {n_eq:>5}  {regret:>10}  "
        f"{note}"
    ).rstrip()


def table_header(task: Task, n_seeds: int, timeout: float) -> str:
    """Title and column names of one task's table."""
    title = f"== {task.title}: median seconds over {n_seeds} seed(s), timeout {timeout:g} s per call =="
    columns = (
        f"{'size':>4}  {'solver':<28} {'seconds':>16}  {'vs (ours)':<14} {'ratio':>8}  {'n_eq':>5}  "
        f"{'max_regret':>10}  agree"
    )
    return f"{title}\n{columns}\n{'-' * len(columns)}"


# --------------------------------------------------------------------------- main


def run_task(
    key: str,
    sizes: Sequence[int],
    seeds: Sequence[int],
    worker: Worker,
    status: dict[str, str],
    timeout: float,
    only: Sequence[str] | None = None,
    default_sizes: bool = True,
) -> list[Record]:
    """Benchmark one task over ``sizes`` and ``seeds``, printing its table as it goes.

    With ``default_sizes`` each solver's ``default_max_size`` applies.
    """
    task = TASKS[key]
    if status.get("gametheory") != "ok":
        raise SystemExit("gametheory cannot be imported: " + status.get("gametheory", "?"))
    solvers = [
        s
        for s in task.solvers
        if status.get(s.library) == "ok" and (not only or s.name == task.reference or any(w in s.name for w in only))
    ]
    print(table_header(task, len(seeds), timeout))
    for s in task.solvers:
        if status.get(s.library) != "ok":
            print(f"  {s.name}: {status.get(s.library, 'not installed')}, skipped")
    timed_out: set[str] = set()
    records: list[Record] = []
    for size in sizes:
        reference: dict[int, list[Profile]] = {}
        summaries: dict[str, Summary] = {}
        for solver in solvers:
            if default_sizes and solver.default_max_size is not None and size > solver.default_max_size:
                continue
            group: list[Record] = []
            for seed in seeds:
                A, B = random_bimatrix(size, seed, task.exact)
                if solver.name in timed_out:
                    outcome = Outcome("skipped", message="timed out on a smaller game")
                else:
                    outcome = run_job(worker, solver, A, B, task.exact, timeout)
                    if outcome.status == "timeout":
                        timed_out.add(solver.name)
                record = Record(key, solver.name, size, seed, outcome)
                if outcome.status == "ok":
                    record.n_equilibria = len(outcome.profiles)
                    record.max_regret = max_regret(A, B, outcome.profiles)
                    if solver.name == task.reference:
                        reference[seed] = outcome.profiles
                        record.agree = "reference"
                    else:
                        record.agree = agreement(outcome.profiles, reference.get(seed), task.one_equilibrium)
                group.append(record)
            summaries[solver.name] = summarize(group)
            base = summaries.get(solver.baseline) if solver.baseline else None
            print(table_row(size, solver, summaries[solver.name], base, timeout), flush=True)
            records.extend(group)
        print(flush=True)
    return records


def write_csv(path: str, records: Sequence[Record]) -> None:
    """One row per solver, size and seed; ``seconds`` is empty unless ``status`` is ``ok``."""
    columns = ["task", "solver", "size", "seed", "seconds", "n_equilibria", "max_regret", "agree", "status", "repeats"]
    with open(path, "w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(columns)
        for r in records:
            ok = r.outcome.status == "ok"
            writer.writerow(
                [
                    r.task,
                    r.solver,
                    r.size,
                    r.seed,
                    f"{r.outcome.seconds:.6g}" if ok else "",
                    r.n_equilibria if ok else "",
                    f"{r.max_regret:.3g}" if ok and r.max_regret is not None else "",
                    r.agree,
                    r.outcome.status if not r.outcome.message else f"{r.outcome.status}: {r.outcome.message}",
                    r.outcome.repeats,
                ]
            )


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options (see the module docstring)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.compare_solvers",
        description="Time gametheory's solvers against nashpy, QuantEcon and pygambit on random bimatrix games.",
    )
    parser.add_argument("--tasks", nargs="+", choices=list(TASKS), default=list(TASKS), help="tasks to run (default: all three)")
    parser.add_argument("--sizes", nargs="+", type=int, help="square game sizes, for every selected task (default: per task)")
    parser.add_argument("--seeds", type=int, default=3, help="games per size, seeds 0..N-1 (default 3)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds allowed per solver call (default 10)")
    parser.add_argument("--min-time", type=float, default=0.5, help="repeat faster calls until this many seconds (default 0.5)")
    parser.add_argument(
        "--only", nargs="+", metavar="WORD",
        help="run only solvers whose name contains one of these words (each task's reference solver always runs)",
    )
    parser.add_argument("--csv", metavar="PATH", help="also write one row per solver, size and seed to PATH")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print one table per task."""
    args = parse_args(argv)
    begin = time.perf_counter()
    status, startup_lines = measure_startup()
    print(f"compare_solvers {datetime.date.today()} on {platform.machine()} with {os.cpu_count()} cores")
    print(versions())
    for line in startup_lines:
        print(line)
    print("ratio = peer seconds / our seconds for the solver in 'vs' (>1: gametheory is faster)\n", flush=True)
    worker = Worker(tuple(lib for lib, s in status.items() if s == "ok"), args.min_time)
    start_worker(worker)
    records: list[Record] = []
    try:
        for key in args.tasks:
            sizes = args.sizes or TASKS[key].sizes
            records += run_task(
                key, sizes, range(args.seeds), worker, status, args.timeout, args.only, args.sizes is None
            )
    finally:
        stop_worker(worker)
    if args.csv:
        write_csv(args.csv, records)
        print(f"wrote {args.csv}")
    print(f"total wall time {time.perf_counter() - begin:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
