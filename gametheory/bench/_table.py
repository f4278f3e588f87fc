"""The results table of a sweep: its columns, appending rows as cells finish, and reading it back to resume.

One row per cell (solver x game class x size x seed); the columns are
:data:`COLUMNS`.  CSV files are appended and flushed row by row, so an
interrupted sweep loses at most the cells that were running.  Parquet files
cannot be appended, so the table is kept in memory and the file is rewritten
atomically (temporary file, then rename) every few seconds and at the end.
When a key appears twice (a cell re-run with ``retry_errors``), the last row wins.
"""

from __future__ import annotations

import csv
import math
import os
import time
import importlib.util
from typing import Iterable

from ..errors import InvalidOption

__all__ = ["COLUMNS", "read_rows", "ResultsWriter"]

#: Columns of the results table, in order, with their types.
COLUMNS: dict[str, type] = {
    "key": str,
    "solver": str,
    "library": str,
    "finds": str,
    "exact": bool,
    "game_class": str,
    "size": int,
    "seed": int,
    "players": int,
    "shape": str,
    "status": str,
    "seconds": float,
    "repeats": int,
    "peak_memory_mb": float,
    "n_equilibria": int,
    "max_regret": float,
    "verified": bool,
    "equilibria": str,
    "message": str,
    "time_limit": float,
    "startup_seconds": float,
    "started": str,
    "host": str,
    "version": str,
}

_DEFAULTS = {str: "", int: 0, float: math.nan, bool: False}


def _kind(path: str) -> str:
    ext = os.path.splitext(path)[1].lower()
    if ext not in (".csv", ".parquet"):
        raise InvalidOption(f"results file {path!r}: the extension must be .csv or .parquet")
    return ext[1:]


def _typed(row: dict) -> dict:
    out = {}
    for name, kind in COLUMNS.items():
        value = row.get(name, _DEFAULTS[kind])
        if value is None or (isinstance(value, float) and math.isnan(value) and kind is not float):
            value = _DEFAULTS[kind]
        if kind is bool:
            value = value in (True, "True", "true", "1", 1)
        elif kind is float:
            value = math.nan if value in ("", "nan", "NaN") else float(value)
        elif kind is int:
            value = 0 if value == "" else int(float(value))
        else:
            value = str(value)
        out[name] = value
    return out


def read_rows(path: str) -> list[dict]:
    """Rows of an existing results file (typed, last row per key), or ``[]`` if it does not exist."""
    kind = _kind(path)
    if not os.path.exists(path) or os.path.getsize(path) == 0:
        return []
    if kind == "csv":
        with open(path, newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            if list(header) != list(COLUMNS):
                raise InvalidOption(
                    f"results file {path!r} has other columns than this version writes; "
                    "use a new file or start afresh (resume=False / --fresh)"
                )
            raw = list(reader)
    else:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise InvalidOption("reading Parquet needs pyarrow: pip install 'alliance-games[bench]'") from None
        raw = pq.read_table(path).to_pylist()
    rows: dict[str, dict] = {}
    for r in raw:
        typed = _typed(r)
        rows[typed["key"]] = typed
    return list(rows.values())


class ResultsWriter:
    """Appends rows to a results file (CSV row by row; Parquet rewritten atomically every ``flush_every`` s)."""

    def __init__(self, path: str, existing: Iterable[dict] = (), flush_every: float = 5.0):
        self.path = path
        self.kind = _kind(path)
        self.flush_every = flush_every
        self._last_flush = time.monotonic()
        directory = os.path.dirname(os.path.abspath(path))
        os.makedirs(directory, exist_ok=True)
        if self.kind == "csv":
            new = not os.path.exists(path) or os.path.getsize(path) == 0
            self._fh = open(path, "a", newline="")
            self._csv = csv.DictWriter(self._fh, fieldnames=list(COLUMNS))
            if new:
                self._csv.writeheader()
                self._fh.flush()
        else:
            if importlib.util.find_spec("pyarrow") is None:
                raise InvalidOption("writing Parquet needs pyarrow: pip install 'alliance-games[bench]'")
            self._rows = [_typed(r) for r in existing]

    def append(self, row: dict) -> None:
        typed = _typed(row)
        if self.kind == "csv":
            self._csv.writerow(typed)
            self._fh.flush()
        else:
            self._rows.append(typed)
            if time.monotonic() - self._last_flush >= self.flush_every:
                self._write_parquet()

    def _write_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        latest = {r["key"]: r for r in self._rows}
        columns = {name: [r[name] for r in latest.values()] for name in COLUMNS}
        types = {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}
        table = pa.table({name: pa.array(columns[name], type=types[kind]) for name, kind in COLUMNS.items()})
        tmp = self.path + ".tmp"
        pq.write_table(table, tmp)
        os.replace(tmp, self.path)
        self._last_flush = time.monotonic()

    def close(self) -> None:
        if self.kind == "csv":
            self._fh.close()
        else:
            self._write_parquet()
