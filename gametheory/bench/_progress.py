"""A dependency-free progress bar for sweeps (one redrawn line on a terminal, periodic lines in a log)."""

from __future__ import annotations

import sys
import time
from collections import Counter
from typing import Any, TextIO

__all__ = ["Progress"]


def _clock(seconds: float) -> str:
    seconds = int(round(seconds))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Counts finished cells by status and shows done/total, elapsed time and an estimate of the rest.

    On a terminal the line is redrawn in place; otherwise (CI logs, files) a
    line is printed every ``every`` seconds and at the end.
    """

    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool = True, every: float = 30.0):
        self.total, self.done = total, 0
        self.stream = sys.stderr if stream is None else stream
        self.enabled = enabled and total > 0
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.every = every
        self.counts: Counter = Counter()
        self.start = self._last = time.monotonic()

    def skip(self, n: int = 1) -> None:
        """Cells that will not run (skipped after a smaller size timed out)."""
        self.done += n
        self.counts["skipped"] += n

    def update(self, row: dict[str, Any]) -> None:
        self.done += 1
        self.counts[row.get("status", "?")] += 1
        now = time.monotonic()
        if self.enabled and (self.tty or now - self._last >= self.every or self.done == self.total):
            self._last = now
            self._draw(now)

    def line(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        elapsed = now - self.start
        frac = self.done / self.total if self.total else 1.0
        width = 24
        bar = "#" * int(frac * width) + "." * (width - int(frac * width))
        eta = elapsed / frac * (1 - frac) if frac > 0 else float("nan")
        counts = " ".join(f"{k} {v}" for k, v in sorted(self.counts.items()))
        rest = f"eta {_clock(eta)}" if frac < 1 and eta == eta else "done"
        return f"[{bar}] {self.done}/{self.total} cells  {counts}  {_clock(elapsed)} elapsed, {rest}"

    def _draw(self, now: float) -> None:
        text = self.line(now)
        if self.tty:
            self.stream.write("\r" + text + "\033[K")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty:
            self.stream.write("\n")
            self.stream.flush()
