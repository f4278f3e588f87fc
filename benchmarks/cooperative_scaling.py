"""How the cooperative and bargaining solvers scale: Shapley value and nucleolus
against the number of players, the Nash bargaining solution against the number
of feasible points.

Usage::

    python -m benchmarks.cooperative_scaling                  # default run, a few minutes
    python -m benchmarks.cooperative_scaling --players 5 6 7 8 --points 10 100 --csv out.csv
    python -m benchmarks.cooperative_scaling --tasks nucleolus --players 10 12 14

No peer library computes these (nashpy, QuantEcon and pygambit have no TU games
or bargaining solutions), so the table reports our times and their growth: for
the cooperative solvers the factor by which time grows per added player
(``2.0`` is the ``O(2**n)`` a dense characteristic function forces), for the
bargaining solver the log-log slope of time against the number of points
(``1.0`` is linear).

Games
-----
``shapley``, ``nucleolus``
    A random integer game on ``n`` players, ``v(S)`` uniform in
    ``0 .. 10 |S|**2`` and ``v(N) = 10 n**2`` (seed ``s`` of
    ``numpy.random.default_rng``), plus the
    bankruptcy game with claims ``1 .. n`` and half the claims as estate.
    ``exact`` variants run in rational arithmetic.
``nash``
    ``k`` points in ``R**m`` (``m = 2`` and ``3`` players), disagreement at
    the origin, free disposal: ``box``, uniform in the unit box (the hull has
    few vertices, the typical case), and ``sphere``, on the positive part of
    the unit sphere (every point is a vertex, the worst case).

Every call runs in a fresh worker process, after a warm-up solve of each
kind (imports and first-call set-up are not timed), stopped after ``--timeout``
seconds; once a solver times out at some size it is skipped at larger sizes.
Every answer is checked outside the solver: the Shapley value against
efficiency (``sum = v(N)``), the nucleolus with Kohlberg's criterion
(:func:`gametheory.cooperative.is_nucleolus`) for ``n <= 12`` and with
efficiency above, the Nash solution by the first-order condition on the
Pareto frontier (no feasible direction raises the Nash product).
"""

from __future__ import annotations

import argparse
import csv
import math
import multiprocessing as mp
import platform
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

DEFAULT_PLAYERS = [5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]
DEFAULT_POINTS = [10, 30, 100, 300, 1000, 3000, 10000, 30000, 100000]


def random_tu_values(n: int, seed: int) -> np.ndarray:
    """Integer characteristic function, ``v(S) ~ U{0 .. 10 |S|^2}``, ``v(N) = 10 n^2``, ``v(empty) = 0``.

    ``v(N)`` at the top of its range keeps the imputation set non-empty, so
    the nucleolus exists.
    """
    rng = np.random.default_rng(seed)
    size = _popcount(n)
    v = rng.integers(0, 10 * size**2 + 1)
    v[0] = 0
    v[-1] = 10 * n * n
    return v


def _popcount(n: int) -> np.ndarray:
    m = np.arange(2**n, dtype=np.int64)
    c = np.zeros(2**n, dtype=np.int64)
    for i in range(n):
        c += (m >> i) & 1
    return c


def bargaining_points(k: int, m: int, seed: int, shape: str) -> np.ndarray:
    """``k`` points in ``R^m``: uniform in the unit box, or on the positive unit sphere (all extreme)."""
    rng = np.random.default_rng(seed)
    if shape == "box":
        return rng.random((k, m))
    p = np.abs(rng.normal(size=(k, m)))
    return p / np.linalg.norm(p, axis=1, keepdims=True)


def _warm_up() -> None:
    """One tiny solve of each kind, so one-off import and set-up costs are not timed."""
    from gametheory.bargaining import BargainingProblem, nash_solution
    from gametheory.cooperative import TUGame, nucleolus, shapley_value

    g = TUGame([0, 1, 1, 3])
    shapley_value(g)
    nucleolus(g)
    nucleolus(g, exact=True)
    p = BargainingProblem.from_points([[0, 0], [2, 1], [1, 2]], disagreement=[0, 0])
    nash_solution(p)
    nash_solution(p, exact=True)


# -- jobs run in the worker ----------------------------------------------------
def _job(task: str, size: int, seed: int, kind: str, exact: bool) -> tuple[float, str, str]:
    """Build one game, time one solver call, check the answer; (seconds, check, note)."""
    from gametheory.bargaining import BargainingProblem, nash_solution
    from gametheory.cooperative import TUGame, is_nucleolus, nucleolus, shapley_value

    _warm_up()
    if task in ("shapley", "nucleolus"):
        if kind == "random":
            game = TUGame(random_tu_values(size, seed))
        else:
            claims = list(range(1, size + 1))
            game = TUGame.bankruptcy(estate=sum(claims) // 2, claims=claims)
        if not exact:
            game = game.to_float()
        t0 = time.perf_counter()
        res = shapley_value(game, exact=exact) if task == "shapley" else nucleolus(game, exact=exact)
        dt = time.perf_counter() - t0
        gap = abs(float(sum(res.allocation)) - float(game.values[-1]))
        check = f"efficiency gap {gap:.1e}"
        if task == "nucleolus" and size <= 12:
            ok = is_nucleolus(game, res.allocation, exact=exact)
            check += ", Kohlberg " + ("ok" if ok else "FAILED")
        return dt, check, res.message
    m, shape = kind.split("-")
    points = bargaining_points(size, int(m), seed, shape)
    problem = BargainingProblem.from_points(points, disagreement=np.zeros(int(m)), free_disposal=True)
    t0 = time.perf_counter()
    res = nash_solution(problem, exact=exact)
    dt = time.perf_counter() - t0
    return dt, _nash_check(points, res.utilities), res.message


def _nash_check(points: np.ndarray, u: Any) -> str:
    """Largest first-order gain of the log Nash product towards any point: <= 0 at the optimum.

    The Nash product is maximised over the hull at u iff sum_i (p_i - u_i) / u_i <= 0
    for every point p (the directional derivative of sum log u_i towards p).
    """
    u = np.asarray(u, dtype=float)
    gain = float(np.max(((points - u) / u).sum(axis=1)))
    return f"max directional gain {gain:.1e}" + ("" if gain <= 1e-6 else " FAILED")


def _worker(conn, args) -> None:
    try:
        conn.send(("ok",) + _job(*args))
    except BaseException as exc:  # report every failure to the parent, whatever it is
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    conn.close()


def run(args: tuple, timeout: float) -> tuple[str, float | None, str]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_worker, args=(child, args))
    p.start()
    child.close()
    if parent.poll(timeout):
        msg = parent.recv()
        p.join()
        if msg[0] == "ok":
            return "ok", msg[1], msg[2]
        return "error", None, msg[1]
    p.kill()
    p.join()
    return "timeout", None, f"> {timeout:g} s"


@dataclass
class Row:
    task: str
    kind: str
    exact: bool
    size: int
    seconds: float | None
    status: str
    check: str


def growth(rows: Sequence[Row], log_x: bool) -> str:
    """Per-player growth factor (cooperative) or log-log slope (bargaining), fitted on the larger half."""
    pts = [(r.size, r.seconds) for r in rows if r.seconds]
    pts = pts[len(pts) // 2 :]
    if len(pts) < 2:
        return "-"
    x = np.array([math.log(s) if log_x else s for s, _ in pts], dtype=float)
    y = np.log([t for _, t in pts])
    slope = np.polyfit(x, y, 1)[0]
    return f"slope {slope:.2f}" if log_x else f"x{math.exp(slope):.2f} per player"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--players", type=int, nargs="+", default=DEFAULT_PLAYERS)
    ap.add_argument("--exact-players", type=int, nargs="+", default=[5, 6, 7, 8, 9, 10])
    ap.add_argument("--points", type=int, nargs="+", default=DEFAULT_POINTS)
    ap.add_argument("--seeds", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--tasks", nargs="+", choices=["shapley", "nucleolus", "nash"], default=["shapley", "nucleolus", "nash"])
    ap.add_argument("--csv", default=None)
    a = ap.parse_args(argv)

    series: list[tuple[str, str, bool, list[int]]] = []
    for task in ("shapley", "nucleolus"):
        for kind in ("random", "bankruptcy"):
            series.append((task, kind, False, a.players))
            series.append((task, kind, True, a.exact_players))
    for m in ("2", "3"):
        for shape in ("box", "sphere"):
            series.append(("nash", f"{m}-{shape}", False, a.points))
            series.append(("nash", f"{m}-{shape}", True, [k for k in a.points if k <= 1000]))
    series = [s for s in series if s[0] in a.tasks]

    print(f"# cooperative_scaling  python {platform.python_version()}  {platform.machine()}  "
          f"timeout {a.timeout:g} s  seeds {a.seeds}")
    rows: list[Row] = []
    for task, kind, exact, sizes in series:
        label = f"{task} {'players-points=' + kind if task == 'nash' else kind} {'exact' if exact else 'float'}"
        print(f"\n## {label}\n| {'points' if task == 'nash' else 'n'} | median s | check |")
        print("|---:|---:|---|")
        mine: list[Row] = []
        for size in sizes:
            times, status, check = [], "ok", ""
            for seed in range(a.seeds if kind not in ("bankruptcy",) else 1):
                st, dt, note = run((task, size, seed, kind, exact), a.timeout)
                if st != "ok":
                    status, check = st, note
                    break
                times.append(dt)
                check = note
            sec = statistics.median(times) if status == "ok" else None
            row = Row(task, kind, exact, size, sec, status, check)
            rows.append(row)
            mine.append(row)
            print(f"| {size} | {sec:.4g} | {check} |" if sec is not None else f"| {size} | {status} | {check} |")
            sys.stdout.flush()
            if status != "ok":
                break
        print(f"growth: {growth(mine, log_x=(task == 'nash'))}")
    if a.csv:
        with open(a.csv, "w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["task", "kind", "exact", "size", "seconds", "status", "check"])
            for r in rows:
                w.writerow([r.task, r.kind, r.exact, r.size, r.seconds, r.status, r.check])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
