"""The solver interface of the benchmark suite, and the registry of named solvers.

A benchmarked solver is a :class:`Solver`: a name, the library it comes from,
whether it claims every equilibrium (``finds="all"``) or returns one
(``finds="one"``), and two functions.  ``prepare(game)`` is not timed: it
builds whatever the library needs (its own game object, converted arrays) and
returns the zero-argument call that is timed.  ``convert(raw)`` is not timed
either: it turns what the call returned into a list of profiles (one
probability vector per player).  The runner checks every profile itself, so a
solver never has to report its own regret.

Adding a solver takes a few lines::

    from gametheory.bench import Solver, register_solver

    def my_prepare(game):
        A, B = game.bimatrix(exact=False)
        return lambda: my_library.solve(A, B)       # the timed call

    register_solver(Solver("mine.lh", prepare=my_prepare, finds="one", library="mine"))

or, when nothing needs to be kept out of the timing,
``Solver.from_function("mine.lh", lambda game: [...], finds="one")``.
"""

from __future__ import annotations

import fnmatch
import importlib
import importlib.metadata
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import InvalidOption
from ..game import NormalFormGame

__all__ = ["Solver", "register_solver", "get_solver", "list_solvers", "select_solvers"]

Profiles = list[tuple[np.ndarray, ...]]

#: Distribution name of each library's import name, for version strings.
_DISTRIBUTIONS = {"gametheory": "alliance-games", "quantecon": "quantecon", "pygambit": "pygambit", "nashpy": "nashpy"}


def profiles_of(raw: Any) -> Profiles:
    """Default ``convert``: a sequence of profiles, each a sequence of per-player vectors."""
    # object arrays hold Fractions and stay exact; anything else is read as float
    arrays = [[np.asarray(v) for v in prof] for prof in raw]
    return [tuple(v if v.dtype == object else v.astype(float) for v in prof) for prof in arrays]


class _CallWith:
    """``prepare`` of :meth:`Solver.from_function`: a picklable closure over the function and the game."""

    def __init__(self, fn: Callable[[NormalFormGame], Any]):
        self.fn = fn

    def __call__(self, game: NormalFormGame) -> Callable[[], Any]:
        fn = self.fn
        return lambda: fn(game)


@dataclass(frozen=True, eq=False)
class Solver:
    """An equilibrium solver as the benchmark runner sees it.

    Attributes
    ----------
    name : str
        Unique name, by convention ``"library.method"`` (``"quantecon.vertex"``).
    prepare : callable
        ``prepare(game) -> call``: untimed set-up; ``call()`` is the timed solve.
    convert : callable
        ``convert(raw) -> list of profiles``: untimed conversion of ``call()``'s
        return value.  The default accepts any sequence of sequences of vectors.
    finds : {"all", "one"}
        ``"all"``: the solver claims every equilibrium (or every extreme one) of
        a nondegenerate game; ``"one"``: it returns one equilibrium.  Solvers are
        compared only with solvers of the same kind.
    library : str
        Group name used for ratios ("ours" is ``"gametheory"``).
    exact : bool
        True for rational-arithmetic solvers: they get games with integer
        payoffs and their answers must have regret exactly 0.
    players : tuple of int or None
        Numbers of players the solver accepts (None: any).
    requires : tuple of str
        Modules that must import for the solver to be available.
    description : str
        One line for ``gametheory bench --list``.
    """

    name: str
    prepare: Callable[[NormalFormGame], Callable[[], Any]]
    convert: Callable[[Any], Profiles] = profiles_of
    finds: str = "one"
    library: str = "user"
    exact: bool = False
    players: tuple[int, ...] | None = (2,)
    requires: tuple[str, ...] = ()
    description: str = ""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name or "|" in self.name:
            raise InvalidOption(f"Solver: name must be a non-empty string without '|', got {self.name!r}")
        if self.finds not in ("all", "one"):
            raise InvalidOption(f"Solver {self.name!r}: finds must be 'all' or 'one', got {self.finds!r}")
        if not callable(self.prepare) or not callable(self.convert):
            raise InvalidOption(f"Solver {self.name!r}: prepare and convert must be callable")

    @classmethod
    def from_function(cls, name: str, fn: Callable[[NormalFormGame], Any], **options: Any) -> "Solver":
        """A solver whose whole call ``fn(game) -> profiles`` is timed."""
        return cls(name, prepare=_CallWith(fn), **options)

    def available(self) -> bool:
        """True if every module in ``requires`` imports."""
        for module in self.requires:
            try:
                importlib.import_module(module)
            except Exception:
                return False
        return True

    def accepts(self, players: int) -> bool:
        """True if the solver handles games with ``players`` players."""
        return self.players is None or players in self.players

    def version(self) -> str:
        """Installed version of the solver's library ("" if unknown)."""
        dist = _DISTRIBUTIONS.get(self.library, self.library)
        try:
            return importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            return ""


_REGISTRY: dict[str, Solver] = {}


def register_solver(solver: Solver, *, replace: bool = False) -> Solver:
    """Add ``solver`` to the registry, so it can be named in a grid or on the command line."""
    if not isinstance(solver, Solver):
        raise InvalidOption(f"register_solver: expected a Solver, got {type(solver).__name__}")
    if solver.name in _REGISTRY and not replace:
        raise InvalidOption(f"register_solver: a solver named {solver.name!r} exists; pass replace=True")
    _REGISTRY[solver.name] = solver
    return solver


def get_solver(name: str | Solver) -> Solver:
    """The registered solver called ``name`` (a Solver is returned as is)."""
    if isinstance(name, Solver):
        return name
    _load_builtins()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise InvalidOption(f"unknown solver {name!r}; known solvers: {', '.join(sorted(_REGISTRY))}") from None


def list_solvers(available_only: bool = False) -> list[Solver]:
    """Registered solvers, sorted by name; optionally only those whose library is installed."""
    _load_builtins()
    out = [_REGISTRY[k] for k in sorted(_REGISTRY)]
    return [s for s in out if s.available()] if available_only else out


def select_solvers(patterns: Sequence[str | Solver]) -> list[Solver]:
    """Solvers named by ``patterns``: exact names, shell-style globs (``"quantecon.*"``) or Solver objects.

    A pattern that matches nothing raises :class:`~gametheory.errors.InvalidOption`.
    """
    _load_builtins()
    chosen: dict[str, Solver] = {}
    for pattern in patterns:
        if isinstance(pattern, Solver):
            chosen[pattern.name] = pattern
            continue
        matches = [name for name in sorted(_REGISTRY) if fnmatch.fnmatchcase(name, pattern)]
        if not matches:
            raise InvalidOption(f"no solver matches {pattern!r}; known solvers: {', '.join(sorted(_REGISTRY))}")
        for name in matches:
            chosen[name] = _REGISTRY[name]
    return list(chosen.values())


def _load_builtins() -> None:
    # the adapter modules register their solvers when imported; importing them only here keeps
    # `import gametheory.bench` from importing every peer library
    for library in ("gametheory", "nashpy", "quantecon", "pygambit"):
        importlib.import_module(f"{__package__}._adapter_{library}")
