"""Game classes of the benchmark suite: a name, a size parameter, a seed -> a game.

Each class wraps a generator of :mod:`gametheory.generators` (GAMUT, Nudelman
et al. 2004, plus the hard games of Savani and von Stengel 2006 and von
Stengel 1999) and says what its ``size`` means.  A class is named by a spec
string, its name optionally followed by keyword parameters in parentheses::

    "uniform"                 # two players, size x size, payoffs U[0, 1)
    "covariant(rho=-0.9)"     # correlated payoffs
    "polymatrix(players=3)"   # three players, size actions each

Exact solvers get integer payoffs where the generator has them (and the
rational form of the float game otherwise), so exact and float solvers are
benchmarked on games of the same class but never compared with each other.
Deterministic classes (``seeded=False``) run with seed 0 only.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from .. import generators as gen
from ..errors import InvalidOption
from ..game import NormalFormGame

__all__ = ["GameClass", "register_game_class", "get_game_class", "list_game_classes", "parse_class_spec", "make_game"]


@dataclass(frozen=True, eq=False)
class GameClass:
    """A family of games indexed by ``size`` (and ``seed`` if random).

    Attributes
    ----------
    name : str
    make : callable
        ``make(size, seed, integer, **params) -> NormalFormGame``; ``integer``
        asks for integer payoffs (for exact solvers) where the class has them.
    size : str
        What ``size`` means, e.g. ``"actions per player"``.
    sizes : tuple of int
        Default sizes.
    seeded : bool
        False for deterministic classes (one game per size).
    source : str
        Reference.
    params : dict
        Default keyword parameters (overridable in the spec string).
    ordered : bool
        True when a larger ``size`` means a larger game, so that a timeout at
        one size rules out the larger ones; False for a collection indexed by
        number (``gambit-catalog``), where every game is tried.
    """

    name: str
    make: Callable[..., NormalFormGame]
    size: str
    sizes: tuple[int, ...]
    seeded: bool = True
    source: str = ""
    params: dict = field(default_factory=dict)
    ordered: bool = True

    def build(self, size: int, seed: int, integer: bool = False, params: dict | None = None) -> NormalFormGame:
        """The game at ``size`` and ``seed``; exact (integer payoffs where the class has them) if ``integer``."""
        game = self.make(int(size), int(seed), bool(integer), **(self.params if params is None else params))
        return game.to_exact() if integer else game


_CLASSES: dict[str, GameClass] = {}


def register_game_class(game_class: GameClass, *, replace: bool = False) -> GameClass:
    """Add a game class so grids and the command line can name it."""
    if game_class.name in _CLASSES and not replace:
        raise InvalidOption(f"register_game_class: a class named {game_class.name!r} exists; pass replace=True")
    _CLASSES[game_class.name] = game_class
    return game_class


def get_game_class(name: str) -> GameClass:
    """The registered class called ``name``."""
    try:
        return _CLASSES[name]
    except KeyError:
        raise InvalidOption(f"unknown game class {name!r}; known classes: {', '.join(sorted(_CLASSES))}") from None


def list_game_classes() -> list[GameClass]:
    """Registered classes, sorted by name."""
    return [_CLASSES[k] for k in sorted(_CLASSES)]


_SPEC = re.compile(r"^\s*([A-Za-z0-9_.-]+)\s*(?:\((.*)\))?\s*$", re.S)


def parse_class_spec(spec: str) -> tuple[GameClass, dict]:
    """Split ``"name(key=value, ...)"`` into the class and its parameters (values are Python literals)."""
    m = _SPEC.match(spec) if isinstance(spec, str) else None
    if m is None:
        raise InvalidOption(f"game class spec {spec!r} is not of the form name or name(key=value, ...)")
    game_class = get_game_class(m.group(1))
    params = dict(game_class.params)
    if m.group(2) and m.group(2).strip():
        try:
            call = ast.parse(f"f({m.group(2)})", mode="eval").body
            if not isinstance(call, ast.Call) or call.args:
                raise ValueError("positional arguments")
            given = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
        except (SyntaxError, ValueError) as exc:
            raise InvalidOption(f"game class spec {spec!r}: parameters must be key=literal pairs ({exc})") from None
        unknown = sorted(set(given) - set(game_class.params))
        if unknown:
            known = ", ".join(sorted(game_class.params)) or "none"
            raise InvalidOption(f"game class {game_class.name!r} has no parameter {unknown[0]!r}; parameters: {known}")
        params.update(given)
    return game_class, params


def make_game(spec: str, size: int, seed: int, integer: bool = False) -> NormalFormGame:
    """The game of class ``spec`` at ``size`` and ``seed`` (integer payoffs if ``integer`` and the class has them)."""
    game_class, params = parse_class_spec(spec)
    return game_class.build(size, seed, integer, params)


def _square(players: int, size: int) -> tuple[int, ...]:
    return (size,) * players


def _add(name: str, make: Callable[..., NormalFormGame], size: str, sizes: tuple[int, ...], source: str,
         seeded: bool = True, ordered: bool = True, **params: Any) -> None:
    register_game_class(GameClass(name, make, size, sizes, seeded, source, params, ordered), replace=True)


_add("uniform", lambda n, seed, integer, players: gen.uniform_random(_square(players, n), seed=seed, integer=integer),
     "actions per player", (4, 6, 8, 10, 12), "GAMUT RandomGame: payoffs iid U[0,1) (integers 0..100 for exact solvers)",
     players=2)
_add("covariant", lambda n, seed, integer, players, rho: gen.covariant(_square(players, n), rho, seed=seed),
     "actions per player", (4, 6, 8, 10), "GAMUT CovariantGame: standard normal payoffs with correlation rho across "
     "players (rho in [-1/(N-1), 1])", players=2, rho=-0.5)
_add("zero-sum", lambda n, seed, integer: gen.zero_sum(n, n, seed=seed, integer=integer), "actions per player",
     (4, 8, 16, 32), "GAMUT RandomZeroSum")
_add("coordination", lambda n, seed, integer, players: gen.coordination(players, n, seed=seed, integer=integer),
     "actions per player", (3, 4, 5, 6), "GAMUT CoordinationGame", players=2)
_add("dominance-solvable", lambda n, seed, integer, players: gen.dominance_solvable(_square(players, n), seed=seed,
     integer=integer), "actions per player", (4, 8, 16), "GAMUT DominanceSolvableGame", players=2)
_add("polymatrix", lambda n, seed, integer, players: gen.polymatrix(_square(players, n), seed=seed, integer=integer),
     "actions per player", (3, 4, 6), "GAMUT PolymatrixGame: pairwise matrices on the complete graph", players=2)
_add("graphical", lambda n, seed, integer, players: gen.graphical(_square(players, n), seed=seed, integer=integer),
     "actions per player", (3, 4, 6), "GAMUT GraphicalGame: local tables on a ring", players=2)
_add("congestion", lambda n, seed, integer, players: gen.congestion_game(players, n, seed=seed, integer=integer),
     "facilities (2^size - 1 actions)", (2, 3, 4), "GAMUT CongestionGame (Rosenthal 1973)", players=2)
_add("war-of-attrition", lambda n, seed, integer: gen.war_of_attrition(n - 1), "actions (concession times 0..size-1)",
     (4, 8, 16), "GAMUT WarOfAttrition", seeded=False)
_add("bertrand", lambda n, seed, integer: gen.bertrand(prices=range(n), intercept=n - 1), "price levels",
     (5, 10, 20), "GAMUT BertrandOligopoly: prices 0..size-1, demand size-1-p", seeded=False)
_add("cournot", lambda n, seed, integer: gen.cournot(quantities=range(n), intercept=n - 1), "quantity levels",
     (5, 10, 20), "GAMUT CournotDuopoly: quantities 0..size-1, price size-1-Q", seeded=False)
_add("location", lambda n, seed, integer: gen.location_game(n), "locations on the line", (5, 10, 20),
     "GAMUT LocationGame (Hotelling 1929)", seeded=False)
_add("minimum-effort", lambda n, seed, integer: gen.minimum_effort(2, n), "effort levels", (4, 7, 14),
     "GAMUT MinimumEffortGame (Van Huyck, Battalio and Beil 1990)", seeded=False)
_add("travellers-dilemma", lambda n, seed, integer: gen.travellers_dilemma(2, n + 1), "claims 2..size+1",
     (5, 10, 20), "GAMUT TravelersDilemma (Basu 1994)", seeded=False)
_add("savani-von-stengel", lambda n, seed, integer: gen.savani_von_stengel(n), "d (the game is 2d x 2d)",
     (1, 2, 3, 4), "Savani and von Stengel (2006): exponentially long Lemke-Howson paths", seeded=False)
_add("many-equilibria", lambda n, seed, integer: gen.many_equilibria(n), "n (the game is I_n, 2^n - 1 equilibria)",
     (2, 4, 6, 8), "the n x n identity coordination game (von Stengel 1999's lower-bound family)", seeded=False)


#: Environment variable naming a directory of Gambit ``.nfg`` files for the ``gambit-catalog`` class.
CATALOG_ENV = "GAMETHEORY_GAMBIT_GAMES"


def catalog_directory(directory: str | None = None) -> Path:
    """Where the ``gambit-catalog`` class reads its games.

    ``directory`` if given, else ``$GAMETHEORY_GAMBIT_GAMES``, else the
    ``shared/games/gambit`` folder next to a source checkout (the project's
    ``../shared``), which an installed package does not have.
    """
    if directory:
        if not Path(directory).is_dir():
            raise InvalidOption(f"gambit-catalog: no directory of Gambit games at {directory!r}")
        return Path(directory)
    candidates = []
    if os.environ.get(CATALOG_ENV):
        candidates.append(os.environ[CATALOG_ENV])
    candidates += [Path.cwd().parent / "shared" / "games" / "gambit",
                   Path(__file__).resolve().parents[2].parent / "shared" / "games" / "gambit"]
    for c in candidates:
        if c and Path(c).is_dir():
            return Path(c)
    raise InvalidOption(
        "gambit-catalog: no directory of Gambit games found; pass directory=... in the class spec or set "
        f"{CATALOG_ENV} (in a source checkout the games are in ../shared/games/gambit)"
    )


def catalog_games(min_players: int = 3, directory: str | None = None) -> list[Path]:
    """The ``.nfg`` files under the catalog directory with at least ``min_players`` players.

    Sorted by number of pure-strategy profiles, then path, so that the
    class's ``size`` (1, 2, ...) grows with the games' size and the runner's
    skip-after-timeout rule stays meaningful.
    """
    from ..io import read_nfg

    found = []
    for path in sorted(catalog_directory(directory).rglob("*.nfg")):
        try:
            game = read_nfg(path)
        except Exception:  # a file the reader refuses is not a benchmark game
            continue
        if game.num_players >= min_players:
            found.append((int(np.prod(game.shape)), str(path), path))
    return [p for _, _, p in sorted(found)]


def _catalog_game(n: int, seed: int, integer: bool, min_players: int, directory: str | None) -> NormalFormGame:
    from ..io import read_nfg

    games = catalog_games(min_players, directory)
    if not 1 <= n <= len(games):
        raise InvalidOption(f"gambit-catalog: size {n} is not a game number 1..{len(games)}")
    game = read_nfg(games[n - 1])
    return game._replace(game.payoffs, title=str(games[n - 1].relative_to(catalog_directory(directory))))


def _nplayer_catalog_sizes() -> tuple[int, ...]:
    try:
        return tuple(range(1, len(catalog_games()) + 1))
    except InvalidOption:
        return (1,)


_add("gambit-catalog", _catalog_game, "game number (N-player .nfg files sorted by number of profiles)",
     _nplayer_catalog_sizes(), "Gambit's game collection (catalog/, contrib/games/, tests/), as in ../shared/games/gambit",
     seeded=False, ordered=False, min_players=3, directory=None)
