"""Reading and reporting benchmark results: tables, speed ratios, performance profiles, plots.

Every function here reads the tidy results table the benchmark runner writes
(one row per cell = solver x game class x size x seed; the columns are listed
in :data:`REQUIRED_COLUMNS`) as a :class:`pandas.DataFrame` and returns a new frame, a
string or the path of a saved figure.  Nothing is cached and nothing is
mutated, so a report can be rebuilt from the table alone.

Conventions
-----------
* A cell *succeeded* when its ``status`` is ``"ok"`` and it is ``verified``.
  ``"timeout"``, ``"error"`` and ``"wrong"`` are failures.
* Cells with status ``"unavailable"`` (library not installed) were never run;
  every function ignores them except :func:`summary`, which counts them.
* ``finds="all"`` solvers (complete equilibrium sets) and ``finds="one"``
  solvers are never compared on speed, and exact (rational) solvers are only
  compared with exact ones.

pandas is needed by every function; matplotlib only by the plotting ones and
it is imported when they are called.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import pandas as pd

from ..errors import InvalidOption
from ._table import COLUMNS

__all__ = [
    "REQUIRED_COLUMNS",
    "OPTIONAL_COLUMNS",
    "STATUSES",
    "load_results",
    "summary",
    "ratio_table",
    "method_ratio_table",
    "performance_profile",
    "agreement",
    "plot_time_vs_size",
    "plot_performance_profile",
    "format_table",
]

#: Columns the runner may add beyond the schema; typed when present, never required.
OPTIONAL_COLUMNS: dict[str, str] = {"startup_seconds": "float"}

#: Columns of the results table (the runner's :data:`~gametheory.bench.COLUMNS`), in CSV header order,
#: with their dtype kind.
REQUIRED_COLUMNS: dict[str, str] = {
    name: kind.__name__ for name, kind in COLUMNS.items() if name not in OPTIONAL_COLUMNS
}

#: Every value the ``status`` column may take.
STATUSES = ("ok", "timeout", "error", "wrong", "unavailable")

_FAILURES = ("timeout", "error", "wrong")
_FINDS = ("all", "one")
_TRUE = {"true", "1", "yes", "t", "y"}
_FALSE = {"false", "0", "no", "f", "n", ""}
# Timers can report 0.0 for a sub-microsecond call; a zero best time would make
# every other solver's ratio infinite, so times are floored at one nanosecond.
_TIME_FLOOR = 1e-9
_MATCH_TOL = 1e-6
_PLOT_SUFFIXES = (".png", ".svg", ".pdf")


# --------------------------------------------------------------------------- validation


def _check_frame(df: Any, func: str, columns: Iterable[str]) -> pd.DataFrame:
    """Raise InvalidOption unless ``df`` is a non-empty DataFrame with ``columns`` and known statuses."""
    if not isinstance(df, pd.DataFrame):
        raise InvalidOption(f"{func}: df must be a pandas DataFrame of benchmark results, got {type(df).__name__}")
    if df.empty:
        raise InvalidOption(f"{func}: df is empty (no result rows to report on)")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise InvalidOption(f"{func}: df is missing the column(s) {', '.join(missing)}")
    if "status" in df.columns:
        unknown = sorted(set(map(str, df["status"].unique())) - set(STATUSES))
        if unknown:
            raise InvalidOption(
                f"{func}: df['status'] has unknown value(s) {unknown}; valid values are {list(STATUSES)}"
            )
    if "finds" in df.columns:
        unknown = sorted(set(map(str, df["finds"].unique())) - set(_FINDS))
        if unknown:
            raise InvalidOption(f"{func}: df['finds'] has unknown value(s) {unknown}; valid values are {list(_FINDS)}")
    return df


def _check_finds(finds: Any, func: str, allow_none: bool) -> None:
    if finds is None and allow_none:
        return
    if finds not in _FINDS:
        valid = list(_FINDS) + (["None"] if allow_none else [])
        raise InvalidOption(f"{func}: finds={finds!r} is unknown; valid values are {valid}")


def _to_bool(series: pd.Series, name: str, func: str) -> pd.Series:
    """Booleans from bool/int/str cells ("True", "false", "1", ...); anything else is an error."""
    if series.dtype == bool:
        return series
    out = []
    for value in series:
        if isinstance(value, (bool, np.bool_)):
            out.append(bool(value))
            continue
        if isinstance(value, (int, np.integer)) and value in (0, 1):
            out.append(bool(value))
            continue
        text = str(value).strip().lower()
        if text in _TRUE:
            out.append(True)
        elif text in _FALSE:
            out.append(False)
        else:
            raise InvalidOption(f"{func}: column {name!r} must hold booleans, found {value!r}")
    return pd.Series(out, index=series.index, dtype=bool, name=series.name)


def _succeeded(df: pd.DataFrame) -> pd.Series:
    return (df["status"] == "ok") & _to_bool(df["verified"], "verified", "report")


def _attempted(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["status"] != "unavailable"]


# --------------------------------------------------------------------------- loading


def load_results(path: str | Path) -> pd.DataFrame:
    """Read a benchmark results table from a ``.csv`` or ``.parquet`` file.

    Columns are given the dtypes of the schema (:data:`REQUIRED_COLUMNS`): ``exact``
    and ``verified`` become ``bool``, the integer columns ``int64``, the float
    columns ``float64`` (an empty or ``nan`` cell is NaN) and the text columns
    ``str`` with ``""`` for an empty cell (never NaN).  Columns of
    :data:`OPTIONAL_COLUMNS` are typed when present; other extra columns are
    kept as read.  The runner appends a re-run cell to a CSV file rather than
    rewriting it, so when a ``key`` occurs more than once the last row wins.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` file (as written by the :mod:`csv` module) or a
        ``.parquet`` file.

    Returns
    -------
    pandas.DataFrame
        One row per cell.

    Raises
    ------
    InvalidOption
        If the file does not exist, its extension is neither ``.csv`` nor
        ``.parquet``, a schema column is missing (they are named), a value
        cannot be converted to its column's type, or ``status`` / ``finds``
        hold unknown values.

    Notes
    -----
    Reading is linear in the file size.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from gametheory.bench._report import REQUIRED_COLUMNS, load_results
    >>> row = {c: "" for c in REQUIRED_COLUMNS}
    >>> row.update(key="s|u|2|0", solver="s", library="x", finds="all", exact="True", game_class="u",
    ...            size="2", seed="0", players="2", status="ok", seconds="0.5", repeats="1",
    ...            n_equilibria="1", max_regret="0.0", verified="True", time_limit="10")
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "results.csv"
    >>> _ = path.write_text(",".join(REQUIRED_COLUMNS) + "\\n" + ",".join(row.values()) + "\\n")
    >>> df = load_results(path)
    >>> bool(df["exact"][0]), float(df["seconds"][0]), df["equilibria"][0] == ""
    (True, 0.5, True)
    """
    func = "load_results"
    try:
        path = Path(path)
    except TypeError:
        raise InvalidOption(f"{func}: path must be a str or pathlib.Path, got {type(path).__name__}") from None
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise InvalidOption(f"{func}: path {str(path)!r} has extension {suffix!r}; expected '.csv' or '.parquet'")
    if not path.is_file():
        raise InvalidOption(f"{func}: path {str(path)!r} does not exist or is not a file")
    try:
        if suffix == ".csv":
            # Everything as text first: pandas' own guessing turns "" into NaN and "True" into object.
            raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        else:
            raw = pd.read_parquet(path)
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        raise InvalidOption(f"{func}: cannot read {str(path)!r}: {exc}") from None
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise InvalidOption(f"{func}: {str(path)!r} is missing the column(s) {', '.join(missing)}")
    df = raw.copy()
    kinds = {**REQUIRED_COLUMNS, **{k: v for k, v in OPTIONAL_COLUMNS.items() if k in df.columns}}
    for name, kind in kinds.items():
        column = df[name]
        if kind == "str":
            df[name] = column.where(column.notna(), "").astype(str)
        elif kind == "bool":
            df[name] = _to_bool(column.where(column.notna(), ""), name, func)
        else:
            if not pd.api.types.is_numeric_dtype(column):
                text = column.astype(str).str.strip()
                blank = column.isna() | text.str.lower().isin(["", "nan", "none"])
                numbers = pd.to_numeric(text.where(~blank, None), errors="coerce")
            else:
                blank = column.isna()
                numbers = pd.to_numeric(column, errors="coerce")
            bad = numbers.isna() & ~blank
            if bad.any():
                raise InvalidOption(
                    f"{func}: column {name!r} must hold numbers, found {column[bad].iloc[0]!r} in {str(path)!r}"
                )
            if kind == "int":
                if numbers.isna().any():
                    raise InvalidOption(f"{func}: integer column {name!r} has an empty cell in {str(path)!r}")
                if not np.all(np.asarray(numbers, dtype=float) == np.round(np.asarray(numbers, dtype=float))):
                    raise InvalidOption(f"{func}: column {name!r} must hold integers in {str(path)!r}")
                df[name] = numbers.astype(np.int64)
            else:
                df[name] = numbers.astype(np.float64)
    df = df.drop_duplicates("key", keep="last").reset_index(drop=True)
    return _check_frame(df, func, REQUIRED_COLUMNS)


# --------------------------------------------------------------------------- summary


def summary(df: pd.DataFrame) -> pd.DataFrame:
    """Per (game class, size, solver): times, memory, outcome counts and certificates.

    Parameters
    ----------
    df : pandas.DataFrame
        A results table (:func:`load_results`).

    Returns
    -------
    pandas.DataFrame
        One row per (``game_class``, ``size``, ``solver``), sorted by them, with
        ``library``, ``finds``, ``exact``, ``n_cells`` (rows, unavailable
        included), ``median_seconds`` (median over the seeds with status
        ``"ok"``; NaN if none), ``median_peak_memory_mb`` (same cells),
        ``n_ok``, ``n_timeout``, ``n_error``, ``n_wrong``, ``n_unavailable``,
        ``total_equilibria`` (sum of ``n_equilibria``), ``max_regret`` (over
        the cells that returned profiles, status ``"ok"`` or ``"wrong"``; NaN
        if none) and ``all_verified`` (at least one cell returned profiles and
        every such cell is verified).

    Raises
    ------
    InvalidOption
        Empty frame, missing columns, unknown ``status`` or ``finds`` values.

    Notes
    -----
    One group-by: O(n log n) in the number of rows.

    Examples
    --------
    >>> import pandas as pd
    >>> from gametheory.bench._report import summary
    >>> df = pd.DataFrame({"solver": ["a", "a"], "library": "x", "finds": "all", "exact": False,
    ...     "game_class": "u", "size": 3, "seed": [0, 1], "status": ["ok", "timeout"],
    ...     "seconds": [0.2, float("nan")], "peak_memory_mb": 1.0, "n_equilibria": [3, 0],
    ...     "max_regret": [1e-12, float("nan")], "verified": [True, False]})
    >>> row = summary(df).iloc[0]
    >>> float(row["median_seconds"]), int(row["n_ok"]), int(row["n_timeout"]), bool(row["all_verified"])
    (0.2, 1, 1, True)
    """
    func = "summary"
    need = ("solver", "library", "finds", "exact", "game_class", "size", "seed", "status", "seconds",
            "peak_memory_mb", "n_equilibria", "max_regret", "verified")
    _check_frame(df, func, need)
    work = df.loc[:, list(need)].copy()
    work["exact"] = _to_bool(work["exact"], "exact", func)
    work["verified"] = _to_bool(work["verified"], "verified", func)
    ok = work["status"] == "ok"
    returned = work["status"].isin(["ok", "wrong"])
    work["ok_seconds"] = work["seconds"].where(ok)
    work["ok_memory"] = work["peak_memory_mb"].where(ok)
    work["returned_regret"] = work["max_regret"].where(returned)
    work["returned"] = returned
    work["returned_unverified"] = returned & ~work["verified"]
    for status in ("ok", "timeout", "error", "wrong", "unavailable"):
        work[f"n_{status}"] = work["status"] == status
    grouped = work.groupby(["game_class", "size", "solver"], sort=True)
    out = grouped.agg(
        library=("library", "first"),
        finds=("finds", "first"),
        exact=("exact", "first"),
        n_cells=("seed", "size"),
        median_seconds=("ok_seconds", "median"),
        median_peak_memory_mb=("ok_memory", "median"),
        n_ok=("n_ok", "sum"),
        n_timeout=("n_timeout", "sum"),
        n_error=("n_error", "sum"),
        n_wrong=("n_wrong", "sum"),
        n_unavailable=("n_unavailable", "sum"),
        total_equilibria=("n_equilibria", "sum"),
        max_regret=("returned_regret", "max"),
        any_returned=("returned", "any"),
        any_unverified=("returned_unverified", "any"),
    ).reset_index()
    out["all_verified"] = out["any_returned"] & ~out["any_unverified"]
    return out.drop(columns=["any_returned", "any_unverified"])


# --------------------------------------------------------------------------- ratios


def _solver_times(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per (keys..., solver): whether every attempted seed succeeded, median seconds, time limit, worst status."""
    work = _attempted(df).copy()
    work["success"] = _succeeded(work)
    work["ok_seconds"] = work["seconds"].where(work["success"])
    # The status shown for a solver that did not succeed everywhere: wrong answers
    # are the most serious, then errors, then timeouts.
    rank = {"ok": 0, "timeout": 1, "error": 2, "wrong": 3}
    work["rank"] = work["status"].map(rank).where(work["success"] | (work["status"] != "ok"), 3)
    grouped = work.groupby(keys + ["solver"], sort=True)
    out = grouped.agg(
        library=("library", "first"),
        all_ok=("success", "all"),
        median_seconds=("ok_seconds", "median"),
        time_limit=("time_limit", "max"),
        rank=("rank", "max"),
    ).reset_index()
    names = {v: k for k, v in rank.items()}
    out["worst_status"] = out["rank"].map(names)
    return out.drop(columns=["rank"])


def _best(candidates: pd.DataFrame) -> tuple[str, float, str, bool]:
    """(solver, seconds, status, succeeded) of the fastest solver that succeeded on every seed.

    With no such solver, the first by name is reported with its time limit as its time.
    """
    if candidates.empty:
        return "", math.nan, "", False
    ok = candidates[candidates["all_ok"]]
    if not ok.empty:
        row = ok.sort_values(["median_seconds", "solver"], kind="stable").iloc[0]
        return str(row["solver"]), float(row["median_seconds"]), "ok", True
    row = candidates.sort_values("solver", kind="stable").iloc[0]
    return str(row["solver"]), float(row["time_limit"]), str(row["worst_status"]), False


def ratio_table(df: pd.DataFrame, ours: str = "gametheory", finds: str | None = None) -> pd.DataFrame:
    """Speed of our fastest solver against the fastest peer, per game class and size.

    Parameters
    ----------
    df : pandas.DataFrame
        A results table (:func:`load_results`).
    ours : str, default "gametheory"
        The ``library`` whose solvers are "ours"; every other library is a peer.
    finds : {"all", "one"} or None
        Restrict to solvers that find all equilibria or one; None keeps both
        (they are still never compared with each other).

    Returns
    -------
    pandas.DataFrame
        One row per (``finds``, ``exact``, ``game_class``, ``size``) with
        ``our_solver``, ``our_seconds``, ``our_status``, ``peer_solver``,
        ``peer_seconds``, ``peer_status``, ``ratio`` and ``bound``.  A side
        with no solver in the group has an empty name and NaN seconds, and
        the ratio is NaN.

    Raises
    ------
    InvalidOption
        Empty frame, missing columns, unknown ``finds``, or no solver of
        library ``ours`` in the table (the libraries present are listed).

    Notes
    -----
    Within a group, a solver *counts* at a size only if it succeeded
    (status ``"ok"`` and verified) on every seed it ran; its time is then the
    median of its seconds over those seeds, and the fastest counting solver of
    each side is chosen.  A side with no counting solver *timed out*: its
    status is the worst failure seen (``"wrong"`` > ``"error"`` >
    ``"timeout"``) and its time is taken as the time limit ``T``, a lower bound.

    .. math:: \\text{ratio} = t_\\text{peer} / t_\\text{ours}

    so ``ratio > 1`` means ours is faster.  If only our side timed out,
    ``t_ours >= T`` and the ratio is at most ``t_peer / T`` (``bound = "<"``);
    if only the peer timed out, the ratio is at least ``T / t_ours``
    (``bound = ">"``); if both did, it is NaN.  Exact (rational) solvers are
    only compared with exact ones and ``"all"`` solvers only with ``"all"``
    solvers, hence the group key.  Cost: one group-by, O(n log n).

    Examples
    --------
    >>> import pandas as pd
    >>> from gametheory.bench._report import ratio_table
    >>> df = pd.DataFrame({"solver": ["ours.v", "peer.v"], "library": ["gametheory", "peer"],
    ...     "finds": "all", "exact": False, "game_class": "u", "size": 4, "seed": 0,
    ...     "status": ["ok", "timeout"], "seconds": [0.5, float("nan")], "verified": [True, False],
    ...     "time_limit": 10.0})
    >>> row = ratio_table(df).iloc[0]
    >>> row["bound"], float(row["ratio"])
    ('>', 20.0)
    """
    func = "ratio_table"
    need = ("solver", "library", "finds", "exact", "game_class", "size", "seed", "status", "seconds",
            "verified", "time_limit")
    _check_frame(df, func, need)
    _check_finds(finds, func, allow_none=True)
    if not isinstance(ours, str) or not ours:
        raise InvalidOption(f"{func}: ours must be a non-empty library name, got {ours!r}")
    libraries = sorted(set(map(str, df["library"].unique())))
    if ours not in libraries:
        raise InvalidOption(f"{func}: ours={ours!r} is not a library of the table; libraries present: {libraries}")
    work = df.copy()
    work["exact"] = _to_bool(work["exact"], "exact", func)
    if finds is not None:
        work = work[work["finds"] == finds]
        if work.empty:
            raise InvalidOption(f"{func}: no rows with finds={finds!r}; present: {sorted(df['finds'].unique())}")
    keys = ["finds", "exact", "game_class", "size"]
    times = _solver_times(work, keys)
    rows = []
    for group, block in times.groupby(keys, sort=True):
        our_solver, our_t, our_status, our_ok = _best(block[block["library"] == ours])
        peer_solver, peer_t, peer_status, peer_ok = _best(block[block["library"] != ours])
        ratio, bound = math.nan, ""
        if our_solver and peer_solver:
            if our_ok and peer_ok:
                ratio = max(peer_t, _TIME_FLOOR) / max(our_t, _TIME_FLOOR)
            elif peer_ok:
                ratio, bound = max(peer_t, _TIME_FLOOR) / our_t, "<"
            elif our_ok:
                ratio, bound = peer_t / max(our_t, _TIME_FLOOR), ">"
        rows.append(dict(zip(keys, group), our_solver=our_solver, our_seconds=our_t, our_status=our_status,
                         peer_solver=peer_solver, peer_seconds=peer_t, peer_status=peer_status,
                         ratio=ratio, bound=bound))
    columns = keys + ["our_solver", "our_seconds", "our_status", "peer_solver", "peer_seconds", "peer_status",
                      "ratio", "bound"]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------- performance profiles


def method_ratio_table(df: pd.DataFrame, ours: str = "gametheory") -> pd.DataFrame:
    """Each of our solvers against the peer solver of the same method name, per game class.

    Where :func:`ratio_table` races our fastest solver against the fastest
    peer, this pairs like with like: ``gametheory.simpdiv`` with
    ``pygambit.simpdiv``, ``gametheory.vertex`` with ``quantecon.vertex``
    (the part of the solver name after the first dot, and the same
    arithmetic).

    Returns
    -------
    pandas.DataFrame
        One row per (method, peer library, game class): ``cells`` (cells both
        ran), ``ours_ok`` and ``peer_ok`` (cells each answered with a verified
        equilibrium set), ``both_ok``, and over the cells both answered the
        ``median_ratio``, ``min_ratio`` and ``max_ratio`` of peer seconds to
        ours (> 1: ours is faster).  Ratios are NaN where no cell was
        answered by both.

    Raises
    ------
    InvalidOption
        Empty frame or missing columns.

    Examples
    --------
    >>> import pandas as pd
    >>> from gametheory.bench._report import method_ratio_table
    >>> df = pd.DataFrame({"solver": ["gametheory.m", "peer.m"] * 2, "library": ["gametheory", "peer"] * 2,
    ...     "exact": False, "game_class": "u", "size": [3, 3, 4, 4], "seed": 0, "status": "ok",
    ...     "seconds": [1.0, 2.0, 1.0, 8.0], "verified": True})
    >>> float(method_ratio_table(df).iloc[0]["median_ratio"])
    5.0
    """
    func = "method_ratio_table"
    _check_frame(df, func, ("solver", "library", "exact", "game_class", "size", "seed", "status", "seconds",
                            "verified"))
    work = _attempted(df).copy()
    work["exact"] = _to_bool(work["exact"], "exact", func)
    work["method"] = work["solver"].astype(str).str.split(".", n=1).str[-1]
    work["ok"] = _succeeded(work)
    keys = ["method", "exact", "game_class", "size", "seed"]
    mine = work[work["library"] == ours]
    rows = []
    for library, theirs in work[work["library"] != ours].groupby("library", sort=True):
        pairs = mine.merge(theirs, on=keys, suffixes=("_ours", "_peer"))
        for (method, exact, game_class), block in pairs.groupby(["method", "exact", "game_class"], sort=True):
            both = block[block["ok_ours"] & block["ok_peer"]]
            ratio = both["seconds_peer"] / both["seconds_ours"]
            rows.append({
                "method": method, "exact": exact, "peer": library, "game_class": game_class,
                "cells": len(block), "ours_ok": int(block["ok_ours"].sum()), "peer_ok": int(block["ok_peer"].sum()),
                "both_ok": len(both),
                "median_ratio": float(ratio.median()) if len(ratio) else float("nan"),
                "min_ratio": float(ratio.min()) if len(ratio) else float("nan"),
                "max_ratio": float(ratio.max()) if len(ratio) else float("nan"),
            })
    columns = ["method", "exact", "peer", "game_class", "cells", "ours_ok", "peer_ok", "both_ok", "median_ratio",
               "min_ratio", "max_ratio"]
    return pd.DataFrame(rows, columns=columns)


def _ratio_matrix(df: pd.DataFrame, finds: str, exact: bool, func: str) -> tuple[list[str], np.ndarray]:
    """Solvers and the (problems x solvers) matrix of performance ratios r_{p,s} (inf = failure)."""
    _check_frame(df, func, ("solver", "finds", "exact", "game_class", "size", "seed", "status", "seconds",
                            "verified"))
    _check_finds(finds, func, allow_none=False)
    if not isinstance(exact, (bool, np.bool_)):
        raise InvalidOption(f"{func}: exact must be a bool, got {exact!r}")
    work = df[(df["finds"] == finds) & (_to_bool(df["exact"], "exact", func) == bool(exact))]
    work = _attempted(work)
    if work.empty:
        present = sorted({(str(f), bool(e)) for f, e in zip(df["finds"], _to_bool(df["exact"], "exact", func))})
        raise InvalidOption(
            f"{func}: no attempted cells with finds={finds!r} and exact={bool(exact)}; (finds, exact) present: {present}"
        )
    seconds = work["seconds"].astype(float)
    if (seconds < 0).any():
        raise InvalidOption(f"{func}: df['seconds'] has negative times")
    success = _succeeded(work) & np.isfinite(seconds)
    times = np.maximum(seconds.where(success, np.inf).to_numpy(), _TIME_FLOOR)
    problem = pd.MultiIndex.from_frame(work[["game_class", "size", "seed"]])
    table = pd.DataFrame({"t": times}, index=problem).set_index(work["solver"].to_numpy(), append=True)
    # A repeated cell keeps its best run; a solver without a row for a problem counts as a failure.
    wide = table.groupby(level=[0, 1, 2, 3])["t"].min().unstack(level=3).fillna(np.inf)
    solvers = [str(s) for s in wide.columns]
    t = wide.to_numpy(dtype=float)
    best = t.min(axis=1, keepdims=True)
    with np.errstate(invalid="ignore"):
        r = np.where(np.isfinite(t), t / best, np.inf)
    return solvers, r


def performance_profile(
    df: pd.DataFrame, finds: str = "all", exact: bool = False, taus: Sequence[float] | np.ndarray | None = None
) -> pd.DataFrame:
    """Dolan-More performance profiles of the solvers of one (finds, exact) group.

    Parameters
    ----------
    df : pandas.DataFrame
        A results table (:func:`load_results`).
    finds : {"all", "one"}, default "all"
        Which family of solvers to profile.
    exact : bool, default False
        Profile the exact (rational) solvers or the float ones.
    taus : sequence of float, optional
        Ratios at which to evaluate the profiles (finite, positive).  By
        default: 50 log-spaced points from 1 to the largest finite ratio
        (inclusive) together with every finite ratio (the breakpoints of the
        step functions), so the curves are exact at their jumps.

    Returns
    -------
    pandas.DataFrame
        Columns ``solver``, ``tau``, ``fraction``: ``rho_s(tau)`` for every
        solver and every tau (sorted ascending), solvers sorted by name.

    Raises
    ------
    InvalidOption
        Empty frame, missing columns, unknown ``finds``, a non-bool
        ``exact``, no attempted cell in the group, negative seconds, or bad
        ``taus``.

    Notes
    -----
    The problem set ``P`` is the set of (``game_class``, ``size``, ``seed``)
    cells that at least one solver of the group attempted (status other than
    ``"unavailable"``); ``S`` is the set of solvers of the group.  With
    ``t_{p,s}`` the seconds of solver ``s`` on problem ``p`` when it succeeded
    (status ``"ok"``, verified) and ``+inf`` when it failed (timeout, error,
    wrong answer, or no row for ``p``), the performance ratio is

    .. math:: r_{p,s} = \\frac{t_{p,s}}{\\min_{s' \\in S} t_{p,s'}}

    (``+inf`` if ``s`` failed), and the profile of ``s`` is the distribution
    function

    .. math:: \\rho_s(\\tau) = \\frac{|\\{p \\in P : r_{p,s} \\le \\tau\\}|}{|P|}.

    ``rho_s(1)`` is the fraction of problems on which ``s`` was fastest (ties
    count for every tied solver) and ``rho_s(tau)`` for large ``tau`` tends to
    the fraction of problems ``s`` solved.  A problem nobody solved counts in
    ``|P|`` but under no curve.  Times are floored at 1 ns so that a 0.0
    reading does not make every other ratio infinite.  Cost:
    O(|P| |S| + |S| |taus| |P|) after one group-by.

    References
    ----------
    .. [1] E. D. Dolan and J. J. More, "Benchmarking optimization software
       with performance profiles", Math. Program. 91 (2002), 201-213.

    Examples
    --------
    >>> import pandas as pd
    >>> from gametheory.bench._report import performance_profile
    >>> df = pd.DataFrame({"solver": ["a", "b", "a", "b"], "finds": "all", "exact": False,
    ...     "game_class": "u", "size": 3, "seed": [0, 0, 1, 1],
    ...     "status": ["ok", "ok", "ok", "timeout"], "seconds": [1.0, 2.0, 1.0, float("nan")],
    ...     "verified": [True, True, True, False]})
    >>> prof = performance_profile(df, taus=[1, 2])
    >>> prof["fraction"].tolist()
    [1.0, 1.0, 0.0, 0.5]
    """
    func = "performance_profile"
    solvers, r = _ratio_matrix(df, finds, exact, func)
    if taus is None:
        finite = r[np.isfinite(r)]
        top = float(finite.max()) if finite.size else 1.0
        grid = np.geomspace(1.0, top, 50) if top > 1.0 else np.array([1.0])
        # geomspace's end point can miss ``top`` by an ulp; put it and every breakpoint in exactly.
        tau = np.unique(np.concatenate([grid, finite, [1.0, top]]))
    else:
        try:
            tau = np.asarray(taus, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise InvalidOption(f"{func}: taus must be a sequence of numbers, got {taus!r}") from None
        if tau.size == 0:
            raise InvalidOption(f"{func}: taus is empty")
        if not np.all(np.isfinite(tau)) or np.any(tau <= 0):
            raise InvalidOption(f"{func}: taus must be finite and positive, got {taus!r}")
        tau = np.unique(tau)
    # fraction[s, k] = mean over problems of [r_{p,s} <= tau_k]
    fraction = (r.T[:, None, :] <= tau[None, :, None]).mean(axis=2)
    return pd.DataFrame({
        "solver": np.repeat(solvers, tau.size),
        "tau": np.tile(tau, len(solvers)),
        "fraction": fraction.reshape(-1),
    })


# --------------------------------------------------------------------------- agreement


def _profiles(text: Any, key: str, func: str) -> list[np.ndarray]:
    """The profiles of an ``equilibria`` JSON cell, each flattened to one probability vector."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or str(text).strip() == "":
        return []
    try:
        data = json.loads(text)
        return [np.concatenate([np.asarray(s, dtype=float).reshape(-1) for s in p]) for p in data]
    except (ValueError, TypeError):
        raise InvalidOption(f"{func}: cell {key!r} has an equilibria value that is not a JSON list of profiles") from None


def _unmatched(theirs: list[np.ndarray], ours: list[np.ndarray], tol: float) -> int:
    """How many profiles of ``theirs`` are farther than ``tol`` (max norm) from every profile of ``ours``."""
    count = 0
    for p in theirs:
        if not any(q.shape == p.shape and float(np.max(np.abs(q - p), initial=0.0)) <= tol for q in ours):
            count += 1
    return count


def _default_reference(attempted: pd.DataFrame, exact: bool) -> str | None:
    """First solver (in table order) of library gametheory with finds "all", preferring the same exact flag."""
    complete = attempted[(attempted["library"] == "gametheory") & (attempted["finds"] == "all")]
    same = complete[complete["exact"] == exact]
    pool = same if not same.empty else complete
    return None if pool.empty else str(pool["solver"].iloc[0])


def agreement(df: pd.DataFrame, reference: str | None = None, tol: float = _MATCH_TOL) -> pd.DataFrame:
    """Compare every solver's equilibria with a reference solver's, cell by cell.

    Parameters
    ----------
    df : pandas.DataFrame
        A results table with the ``equilibria`` JSON column.
    reference : str, optional
        The reference solver (must have ``finds == "all"``).  By default, for
        each solver, the first solver in table order of library
        ``"gametheory"`` with ``finds == "all"`` and the same ``exact`` flag
        (or of any exact flag if there is none with the same flag).
    tol : float, default 1e-6
        Two profiles match when no probability differs by more than ``tol``.

    Returns
    -------
    pandas.DataFrame
        One row per attempted cell of every solver other than its reference,
        with ``game_class``, ``size``, ``seed``, ``solver``, ``finds``,
        ``exact``, ``reference``, ``n_equilibria`` and ``n_reference`` (profiles
        in the JSON of each), ``missing`` (reference profiles the solver did
        not return), ``extra`` (returned profiles not in the reference) and
        ``label``:

        * ``finds == "all"``: ``"equal"``; ``"subset -k"`` (misses ``k``);
          ``"DIFFERS +e/-k"`` (``e`` profiles not in the reference).
        * ``finds == "one"``: ``"is one of reference's"`` if every returned
          profile is in the reference set, else ``"other"``.
        * ``"no answer (<status>)"`` if the solver did not succeed,
          ``"no reference"`` / ``"no reference (<status>)"`` if the reference
          has no successful row for the cell.

    Raises
    ------
    InvalidOption
        Empty frame, missing columns, a bad ``tol``, an unknown reference
        solver or one with ``finds != "all"``, no default reference available,
        or an ``equilibria`` cell that is not JSON.

    Notes
    -----
    Matching is by the max norm over all players' probabilities; profiles of
    different shapes never match.  Cost: O(n_a n_b d) per cell for sets of
    ``n_a`` and ``n_b`` profiles of ``d`` probabilities.

    Examples
    --------
    >>> import pandas as pd
    >>> from gametheory.bench._report import agreement
    >>> df = pd.DataFrame({"key": ["r", "s"], "solver": ["gametheory.v", "peer.v"],
    ...     "library": ["gametheory", "peer"], "finds": "all", "exact": False, "game_class": "u",
    ...     "size": 2, "seed": 0, "status": "ok", "verified": True,
    ...     "equilibria": ["[[[1, 0], [0, 1]], [[0, 1], [1, 0]]]", "[[[1, 0], [0, 1]]]"]})
    >>> agreement(df)["label"].tolist()
    ['subset -1']
    """
    func = "agreement"
    need = ("solver", "library", "finds", "exact", "game_class", "size", "seed", "status", "verified", "equilibria")
    _check_frame(df, func, need)
    if not isinstance(tol, (int, float, np.floating, np.integer)) or not (math.isfinite(tol) and tol >= 0):
        raise InvalidOption(f"{func}: tol must be a finite number >= 0, got {tol!r}")
    work = _attempted(df).copy()
    if work.empty:
        raise InvalidOption(f"{func}: df has no attempted cells (every status is 'unavailable')")
    work["exact"] = _to_bool(work["exact"], "exact", func)
    work["success"] = _succeeded(work)
    if "key" not in work.columns:
        work["key"] = (work["solver"].astype(str) + "|" + work["game_class"].astype(str) + "|"
                       + work["size"].astype(str) + "|" + work["seed"].astype(str))
    if reference is not None:
        solvers = work.drop_duplicates("solver")
        if reference not in set(solvers["solver"]):
            raise InvalidOption(
                f"{func}: reference={reference!r} is not an attempted solver; solvers: {sorted(solvers['solver'])}"
            )
        ref_finds = solvers.loc[solvers["solver"] == reference, "finds"].iloc[0]
        if ref_finds != "all":
            raise InvalidOption(f"{func}: reference={reference!r} has finds={ref_finds!r}; it must find 'all'")
    cell = ["game_class", "size", "seed"]
    rows = []
    references: dict[str, pd.DataFrame] = {}
    for solver, block in work.groupby("solver", sort=True):
        finds, exact = str(block["finds"].iloc[0]), bool(block["exact"].iloc[0])
        ref = reference if reference is not None else _default_reference(work, exact)
        if ref is None:
            raise InvalidOption(
                f"{func}: no solver of library 'gametheory' with finds='all' to use as reference; pass reference="
            )
        if solver == ref:
            continue
        if ref not in references:
            references[ref] = work[work["solver"] == ref].drop_duplicates(cell).set_index(cell)
        ref_rows = references[ref]
        for _, row in block.iterrows():
            at = (row["game_class"], row["size"], row["seed"])
            mine = _profiles(row["equilibria"], row["key"], func) if row["success"] else []
            n_ref, missing, extra = 0, 0, 0
            if not row["success"]:
                label = f"no answer ({row['status']})"
            elif at not in ref_rows.index:
                label = "no reference"
            elif not ref_rows.loc[at, "success"]:
                label = f"no reference ({ref_rows.loc[at, 'status']})"
            else:
                theirs = _profiles(ref_rows.loc[at, "equilibria"], ref_rows.loc[at, "key"], func)
                n_ref = len(theirs)
                missing = _unmatched(theirs, mine, tol)
                extra = _unmatched(mine, theirs, tol)
                if finds == "one":
                    label = "is one of reference's" if extra == 0 and mine else "other"
                elif extra:
                    label = f"DIFFERS +{extra}/-{missing}"
                elif missing:
                    label = f"subset -{missing}"
                else:
                    label = "equal"
            rows.append(dict(zip(cell, at), solver=solver, finds=finds, exact=exact, reference=ref,
                             n_equilibria=len(mine), n_reference=n_ref, missing=missing, extra=extra, label=label))
    columns = cell + ["solver", "finds", "exact", "reference", "n_equilibria", "n_reference", "missing", "extra",
                      "label"]
    out = pd.DataFrame(rows, columns=columns)
    return out.sort_values(["solver"] + cell, kind="stable").reset_index(drop=True)


# --------------------------------------------------------------------------- plots


def _figure_path(path: Any, func: str) -> Path:
    try:
        path = Path(path)
    except TypeError:
        raise InvalidOption(f"{func}: path must be a str or pathlib.Path, got {type(path).__name__}") from None
    if path.suffix.lower() not in _PLOT_SUFFIXES:
        raise InvalidOption(f"{func}: path {str(path)!r} must end in one of {list(_PLOT_SUFFIXES)}")
    if not path.parent.is_dir():
        raise InvalidOption(f"{func}: the directory of path {str(path)!r} does not exist")
    return path


def _new_figure(ncols: int, width: float, height: float, nrows: int = 1):
    """A matplotlib Figure drawn by the Agg canvas, without pyplot's global figure registry."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width * ncols, height * nrows), layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def _solver_colours(solvers: Sequence[str]) -> dict[str, Any]:
    from matplotlib import colormaps

    cmap = colormaps["tab10" if len(solvers) <= 10 else "tab20"]
    return {s: cmap(i % cmap.N) for i, s in enumerate(sorted(solvers))}


def plot_time_vs_size(
    df: pd.DataFrame, path: str | Path, game_class: str | None = None, finds: str | None = None
) -> Path:
    """Median solve time against size, one panel per game class and kind of solver, one line per solver.

    Parameters
    ----------
    df : pandas.DataFrame
        A results table (:func:`load_results`).
    path : str or pathlib.Path
        Output file, ``.png``, ``.svg`` or ``.pdf``; its directory must exist.
    game_class : str, optional
        Draw only this class (one panel); by default every class.
    finds : {"all", "one"}, optional
        Draw only solvers of this kind; by default both.

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    InvalidOption
        Empty frame, missing columns, unknown ``game_class`` or ``finds`` (the
        valid values are named), a bad path.

    Notes
    -----
    Solvers that find all equilibria and solvers that find one get separate
    panels (three panels to a row); the size axis is logarithmic when the
    sizes span a factor of 8 or more.
    A line joins the sizes at which a solver succeeded on every seed it ran,
    at the median of its seconds (log scale).  A size at which any seed timed
    out is drawn as a cross at the time limit (the dotted line); sizes with
    errors or wrong answers but no timeout are left out.  Sizes at which a
    solver partly succeeded therefore get no line point, as in
    :func:`ratio_table`.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> from gametheory.bench._report import plot_time_vs_size
    >>> df = pd.DataFrame({"solver": "a", "library": "x", "finds": "all", "exact": False,
    ...     "game_class": "u", "size": [2, 4, 8], "seed": 0, "status": ["ok", "ok", "timeout"],
    ...     "seconds": [0.01, 0.1, float("nan")], "verified": [True, True, False], "time_limit": 1.0})
    >>> out = plot_time_vs_size(df, pathlib.Path(tempfile.mkdtemp()) / "t.png")
    >>> out.stat().st_size > 0
    True
    """
    func = "plot_time_vs_size"
    _check_frame(df, func, ("solver", "finds", "game_class", "size", "seed", "status", "seconds", "verified",
                            "time_limit"))
    _check_finds(finds, func, allow_none=True)
    path = _figure_path(path, func)
    classes = sorted(set(map(str, df["game_class"].unique())))
    if game_class is not None and game_class not in classes:
        raise InvalidOption(f"{func}: game_class={game_class!r} is unknown; valid values are {classes}")
    work = _attempted(df)
    if finds is not None:
        work = work[work["finds"] == finds]
    if game_class is not None:
        work = work[work["game_class"] == game_class]
        classes = [game_class]
    if work.empty:
        raise InvalidOption(f"{func}: no attempted cells for game_class={game_class!r}, finds={finds!r}")
    work = work.assign(success=_succeeded(work), timed_out=work["status"] == "timeout")
    work = work.assign(ok_seconds=work["seconds"].where(work["success"]))
    stats = work.groupby(["game_class", "finds", "solver", "size"], sort=True).agg(
        all_ok=("success", "all"), median=("ok_seconds", "median"), timeout=("timed_out", "any"),
        time_limit=("time_limit", "max"),
    ).reset_index()
    colours = _solver_colours(list(set(map(str, stats["solver"]))))
    panels = [(cls, kind) for cls in classes for kind in ("all", "one")
              if ((stats["game_class"] == cls) & (stats["finds"] == kind)).any()]
    ncols = min(3, len(panels))
    nrows = -(-len(panels) // ncols)
    fig = _new_figure(ncols, 5.0, 3.8, nrows)
    axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
    for ax in axes[len(panels):]:
        ax.set_visible(False)
    for ax, (cls, kind) in zip(axes, panels):
        block = stats[(stats["game_class"] == cls) & (stats["finds"] == kind)]
        for solver, lines in block.groupby("solver", sort=True):
            good = lines[lines["all_ok"]]
            ax.plot(good["size"], np.maximum(good["median"], _TIME_FLOOR), marker="o", ms=3,
                    color=colours[solver], label=solver)
            late = lines[lines["timeout"]]
            if not late.empty:
                ax.plot(late["size"], late["time_limit"], linestyle="none", marker="x", ms=7,
                        color=colours[solver])
        for limit in sorted(set(block["time_limit"].dropna())):
            ax.axhline(limit, color="grey", linestyle=":", linewidth=0.8)
        ax.set_yscale("log")
        sizes = block["size"].astype(float)
        if sizes.min() > 0 and sizes.max() / sizes.min() >= 8:
            ax.set_xscale("log")
            ticks = sorted(set(block["size"].astype(int)))
            ax.set_xticks(ticks, [str(t) for t in ticks])
            ax.minorticks_off()
        ax.set_title(f"{cls}: {'all equilibria' if kind == 'all' else 'one equilibrium'}")
        ax.set_xlabel("size")
        ax.set_ylabel("median seconds (x: timeout)")
        ax.legend(fontsize="small")
    fig.savefig(path)
    return path


def plot_performance_profile(df: pd.DataFrame, path: str | Path, finds: str = "all", exact: bool = False) -> Path:
    """Draw the Dolan-More performance profiles of one (finds, exact) group.

    Parameters
    ----------
    df : pandas.DataFrame
        A results table (:func:`load_results`).
    path : str or pathlib.Path
        Output file, ``.png``, ``.svg`` or ``.pdf``; its directory must exist.
    finds : {"all", "one"}, default "all"
    exact : bool, default False

    Returns
    -------
    pathlib.Path
        ``path``.

    Raises
    ------
    InvalidOption
        As :func:`performance_profile`, or a bad path.

    Notes
    -----
    Each curve is the step function ``rho_s(tau)`` of
    :func:`performance_profile` (default taus, so every jump is drawn), on a
    log ``tau`` axis.  The height a curve reaches on the right is the fraction
    of problems the solver solved; its height at ``tau = 1`` the fraction on
    which it was fastest.

    References
    ----------
    .. [1] E. D. Dolan and J. J. More, "Benchmarking optimization software
       with performance profiles", Math. Program. 91 (2002), 201-213.

    Examples
    --------
    >>> import pandas as pd, tempfile, pathlib
    >>> from gametheory.bench._report import plot_performance_profile
    >>> df = pd.DataFrame({"solver": ["a", "b"], "finds": "all", "exact": False, "game_class": "u",
    ...     "size": 3, "seed": 0, "status": "ok", "seconds": [1.0, 3.0], "verified": True})
    >>> out = plot_performance_profile(df, pathlib.Path(tempfile.mkdtemp()) / "p.svg")
    >>> out.stat().st_size > 0
    True
    """
    func = "plot_performance_profile"
    path = _figure_path(path, func)
    profile = performance_profile(df, finds=finds, exact=exact)
    colours = _solver_colours(list(set(profile["solver"])))
    fig = _new_figure(1, 6.0, 4.0)
    ax = fig.subplots()
    top = float(profile["tau"].max())
    for solver, curve in profile.groupby("solver", sort=True):
        # Extend each step to the right edge so a flat tail is visible.
        tau = np.append(curve["tau"].to_numpy(), top * 1.5 if top > 1 else 2.0)
        rho = np.append(curve["fraction"].to_numpy(), curve["fraction"].iloc[-1])
        ax.step(tau, rho, where="post", color=colours[solver], label=solver)
    ax.set_xscale("log")
    # Plain numbers: ratios span a decade or two, where "2x10^0" labels are hard to read.
    from matplotlib.ticker import FuncFormatter

    plain = FuncFormatter(lambda value, _: f"{value:g}")
    ax.xaxis.set_major_formatter(plain)
    ax.xaxis.set_minor_formatter(plain)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel("tau (time / best time)")
    ax.set_ylabel("fraction of problems, rho_s(tau)")
    ax.set_title(f"performance profile: finds={finds}, exact={bool(exact)}")
    ax.legend(fontsize="small", loc="lower right")
    fig.savefig(path)
    return path


# --------------------------------------------------------------------------- text tables


def _three_digits(x: Any) -> str:
    if x is None or (isinstance(x, (float, np.floating)) and math.isnan(x)):
        return "-"
    if isinstance(x, (float, np.floating)) and math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return f"{float(x):.3g}"


def _cell_text(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (float, np.floating)):
        return _three_digits(value)
    return str(value)


def format_table(df: pd.DataFrame, fmt: str = "text") -> str:
    """Render a report frame (summary, ratio table, agreement...) for a README or a terminal.

    Parameters
    ----------
    df : pandas.DataFrame
        Any frame; typically the output of :func:`summary` or :func:`ratio_table`.
    fmt : {"text", "markdown"}, default "text"
        ``"text"``: columns aligned with spaces, numbers right-aligned.
        ``"markdown"``: a GitHub pipe table.

    Returns
    -------
    str
        The table, one line per row plus the header, ending without a newline.

    Raises
    ------
    InvalidOption
        If ``df`` is not a non-empty DataFrame or ``fmt`` is unknown.

    Notes
    -----
    Floats (seconds, ratios, regrets) are written with 3 significant digits
    and NaN as ``-``.  When the frame has both ``ratio`` and ``bound``
    columns they are merged into one ``ratio`` column, the bound sign in front
    (``">12.3"``), and ``bound`` is dropped.

    Examples
    --------
    >>> import pandas as pd
    >>> from gametheory.bench._report import format_table
    >>> print(format_table(pd.DataFrame({"size": [4], "ratio": [12.3456], "bound": [">"]}), fmt="markdown"))
    | size | ratio |
    | ---: | ---: |
    | 4 | >12.3 |
    """
    func = "format_table"
    if fmt not in ("text", "markdown"):
        raise InvalidOption(f"{func}: fmt={fmt!r} is unknown; valid values are ['text', 'markdown']")
    if not isinstance(df, pd.DataFrame):
        raise InvalidOption(f"{func}: df must be a pandas DataFrame, got {type(df).__name__}")
    if df.empty or len(df.columns) == 0:
        raise InvalidOption(f"{func}: df is empty (nothing to format)")
    columns = [str(c) for c in df.columns]
    merge_bound = "ratio" in columns and "bound" in columns
    cells: dict[str, list[str]] = {}
    numeric: dict[str, bool] = {}
    for name, column in zip(columns, df.columns):
        if merge_bound and name == "bound":
            continue
        values = df[column]
        if merge_bound and name == "ratio":
            bounds = df["bound"].fillna("").astype(str)
            cells[name] = [("" if _three_digits(v) == "-" else b) + _three_digits(v) for v, b in zip(values, bounds)]
        else:
            cells[name] = [_cell_text(v) for v in values]
        numeric[name] = pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)
    names = list(cells)
    if fmt == "markdown":
        def escape(text: str) -> str:
            return text.replace("|", "\\|")

        lines = ["| " + " | ".join(escape(n) for n in names) + " |",
                 "| " + " | ".join("---:" if numeric[n] else "---" for n in names) + " |"]
        for i in range(len(df)):
            lines.append("| " + " | ".join(escape(cells[n][i]) for n in names) + " |")
        return "\n".join(lines)
    widths = {n: max(len(n), *(len(c) for c in cells[n])) for n in names}

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(widths[n]) if numeric[n] else v.ljust(widths[n]) for n, v in zip(names, values)).rstrip()

    out = [line(names), line(["-" * widths[n] for n in names])]
    out.extend(line([cells[n][i] for n in names]) for i in range(len(df)))
    return "\n".join(out)
