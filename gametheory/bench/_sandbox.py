"""Run one benchmark cell in a separate process that can be killed when it exceeds its time limit.

A :class:`Sandbox` owns one long-lived worker process (``python -m
gametheory.bench._sandbox``) and talks to it over pipes with length-prefixed
pickles.  The worker keeps each solver warm (its first call, which pays lazy
imports and JIT compilation, is made on a tiny game before any timing and
reported separately as ``startup_seconds``), builds the cell's game, times
the solver's call and sends back the timings, then converts and verifies the
answer.  The parent waits for each phase with its own deadline; when the timed
call overruns, the worker is killed and a fresh one is started for the next
cell.  Using a subprocess rather than ``fork`` keeps this safe inside Dask
workers (which are threaded and may be daemonic).

Peak memory is the rise of the worker's resident set during the first timed
call: on Linux the kernel's high-water mark is reset just before the call
(``/proc/self/clear_refs``) and read after it (``VmHWM``), so memory held by
compiled libraries counts too; elsewhere ``ru_maxrss`` gives a cruder figure.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import selectors
import statistics
import struct
import subprocess
import sys
import threading
import time
import traceback
from typing import Any

__all__ = ["Sandbox", "dumps", "sandbox_for_thread"]

_HEADER = struct.Struct("!Q")
#: Seconds allowed for starting the worker, warming a solver up and building one game.
SETUP_LIMIT = 300.0


def dumps(obj: Any) -> bytes:
    """Pickle ``obj`` (by value for functions defined in ``__main__`` or notebooks when cloudpickle is installed)."""
    try:
        import cloudpickle
    except ImportError:
        return pickle.dumps(obj)
    return cloudpickle.dumps(obj)


# --------------------------------------------------------------------------- the worker process side


def _write(stream: Any, obj: Any) -> None:
    body = pickle.dumps(obj)
    stream.write(_HEADER.pack(len(body)) + body)
    stream.flush()


def _read(stream: Any) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        raise EOFError
    (n,) = _HEADER.unpack(head)
    return pickle.loads(stream.read(n))


def _status_kib(field: str) -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return float(line.split()[1])
    except OSError:
        return None
    return None


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def _maxrss_kib() -> float:
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024.0 if sys.platform == "darwin" else float(peak)


class _Worker:
    """State of the worker process: unpickled solvers and classes, and which solvers are warm."""

    def __init__(self) -> None:
        self.objects: dict[str, Any] = {}
        self.warm: set[str] = set()

    def load(self, blob: bytes) -> Any:
        key = hashlib.sha1(blob).hexdigest()
        if key not in self.objects:
            self.objects[key] = pickle.loads(blob)
        return self.objects[key]

    def warm_up(self, solver: Any) -> float:
        if solver.name in self.warm:
            return 0.0
        from ..generators import uniform_random

        players = solver.players[0] if solver.players else 2
        # a small game: the point is to pay imports and compilation, and 3x3x3 already costs an enumeration seconds
        game = uniform_random((3 if players == 2 else 2,) * players, seed=0, integer=solver.exact)
        start = time.perf_counter()
        try:
            solver.convert(solver.prepare(game)())
        except Exception:  # a broken solver is reported when the cell runs, not here
            pass
        self.warm.add(solver.name)
        return time.perf_counter() - start

    def run(self, job: dict, out: Any) -> None:
        from ._verify import equilibria_json, verify_profiles

        solver = self.load(job["solver"])
        game_class, params = self.load(job["game_class"])
        startup = self.warm_up(solver)
        game = game_class.build(job["size"], job["seed"], solver.exact, params)
        shape = "x".join(str(n) for n in game.shape)
        if not solver.accepts(game.num_players):
            _write(out, ("skip", f"{solver.name} does not take {game.num_players}-player games"))
            return
        call = solver.prepare(game)
        _write(out, ("started", game.num_players, shape, startup))
        base = _status_kib("VmRSS")
        precise = _reset_peak()
        before = base if precise else _maxrss_kib()
        t0 = time.perf_counter()
        raw = call()
        times = [time.perf_counter() - t0]
        after = _status_kib("VmHWM") if precise else _maxrss_kib()
        peak = max(0.0, (after - before) / 1024.0) if after is not None and before is not None else float("nan")
        while sum(times) < job["min_time"] and len(times) < job["max_repeats"]:
            t0 = time.perf_counter()
            raw = call()
            times.append(time.perf_counter() - t0)
        _write(out, ("timed", times, peak))
        profiles = solver.convert(raw)
        max_regret, verified = verify_profiles(game, profiles)
        _write(out, ("done", len(profiles), max_regret, verified, equilibria_json(profiles)))


def _serve() -> None:
    import warnings

    warnings.simplefilter("ignore")
    # the channel is the original stdout; anything a solver prints goes to stderr instead
    channel = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    inbox = sys.stdin.buffer
    worker = _Worker()
    _write(channel, ("ready", os.getpid()))
    while True:
        try:
            job = _read(inbox)
        except EOFError:
            return
        if job is None:
            return
        try:
            worker.run(job, channel)
        except BaseException as exc:  # report, then serve the next cell
            text = f"{type(exc).__name__}: {exc}".strip()
            where = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
            if where is not None:
                text += f" (at {os.path.basename(where.filename)}:{where.lineno})"
            _write(channel, ("error", text[:500]))


# --------------------------------------------------------------------------- the parent side


class _Timeout(Exception):
    pass


class Sandbox:
    """A killable worker process that runs benchmark cells one at a time.

    Parameters
    ----------
    setup_limit : float
        Seconds allowed to start the worker, warm a solver up and build a game.
    """

    def __init__(self, setup_limit: float = SETUP_LIMIT):
        self.setup_limit = setup_limit
        self.process: subprocess.Popen | None = None

    # process management ---------------------------------------------------
    def start(self) -> None:
        env = dict(os.environ)
        # the worker must import this very package, also when it is not installed
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gametheory.bench._sandbox"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self._receive(time.monotonic() + self.setup_limit)

    def close(self) -> None:
        """Stop the worker process."""
        proc, self.process = self.process, None
        if proc is None:
            return
        try:
            proc.kill()
        except OSError:
            pass
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass

    def __enter__(self) -> "Sandbox":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _receive(self, deadline: float) -> Any:
        head = self._read_exactly(_HEADER.size, deadline)
        (n,) = _HEADER.unpack(head)
        return pickle.loads(self._read_exactly(n, deadline))

    def _read_exactly(self, n: int, deadline: float) -> bytes:
        assert self.process is not None and self.process.stdout is not None
        fd = self.process.stdout.fileno()
        chunks, got = [], 0
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while got < n:
                left = deadline - time.monotonic()
                if left <= 0 or not sel.select(left):
                    raise _Timeout
                chunk = os.read(fd, n - got)
                if not chunk:
                    raise EOFError("the benchmark worker process exited")
                chunks.append(chunk)
                got += len(chunk)
        return b"".join(chunks)

    # one cell -------------------------------------------------------------
    def run(self, job: dict, time_limit: float, verify_limit: float | None = None) -> dict:
        """Run one cell; returns the measured fields of its results-table row.

        ``job`` holds the pickled ``solver`` and ``(game_class, params)``, and
        ``size``, ``seed``, ``min_time`` and ``max_repeats``.
        """
        verify_limit = max(60.0, 10.0 * time_limit) if verify_limit is None else verify_limit
        row: dict[str, Any] = {"status": "error", "message": "", "startup_seconds": 0.0}
        phase = "starting the worker"
        try:
            if self.process is None or self.process.poll() is not None:
                self.close()
                self.start()
            assert self.process is not None and self.process.stdin is not None
            _write(self.process.stdin, job)
            phase = "warm-up and building the game"
            reply = self._receive(time.monotonic() + self.setup_limit)
            if reply[0] != "started":
                return self._finish(row, reply)
            _, row["players"], row["shape"], row["startup_seconds"] = reply
            phase = "the timed call"
            slack = 2.0 * job["min_time"] + 1.0
            reply = self._receive(time.monotonic() + time_limit + slack)
            if reply[0] != "timed":
                return self._finish(row, reply)
            times, peak = reply[1], reply[2]
            row.update(repeats=len(times), peak_memory_mb=peak)
            if times[0] > time_limit:
                row.update(status="timeout", message=f"first call took {times[0]:.3g} s > {time_limit:g} s")
                self.close()  # do not wait for the check of an answer that does not count
                return row
            row["seconds"] = statistics.median(times)
            phase = "checking the answer"
            reply = self._receive(time.monotonic() + verify_limit)
            if reply[0] != "done":
                return self._finish(row, reply)
            _, n, max_regret, verified, equilibria = reply
            row.update(n_equilibria=n, max_regret=max_regret, verified=verified, equilibria=equilibria)
            row["status"] = "ok" if verified and n > 0 else "wrong"
            if n == 0:
                row["message"] = "returned no equilibrium (every finite game has one)"
            elif not verified:
                row["message"] = f"a returned profile has regret {max_regret:.3g}"
            return row
        except _Timeout:
            self.close()
            if phase == "the timed call":
                row.update(status="timeout", message=f"killed after {time_limit:g} s")
            else:
                row.update(status="error", message=f"time limit exceeded during {phase}")
            return row
        except (EOFError, OSError, BrokenPipeError) as exc:
            self.close()
            row.update(status="error", message=f"worker process died during {phase}: {exc}"[:500])
            return row

    @staticmethod
    def _finish(row: dict, reply: tuple) -> dict:
        if reply[0] == "skip":
            row.update(status="unavailable", message=reply[1])
        else:
            row.update(status="error", message=str(reply[1]))
        return row


_LOCAL = threading.local()


def sandbox_for_thread() -> Sandbox:
    """This thread's sandbox (one worker process per thread, so threaded Dask workers time cells one at a time)."""
    box = getattr(_LOCAL, "sandbox", None)
    if box is None:
        box = _LOCAL.sandbox = Sandbox()
    return box


if __name__ == "__main__":
    _serve()
