"""Benchmark adapters for this package's own Nash solvers (the ``gametheory.*`` solvers).

The timed call is the public :func:`gametheory.solve`, so it includes input
checks, the regret certificate of every equilibrium and building the result.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from ..game import NormalFormGame
from ..nash.solve import solve
from ._solver import Solver, profiles_of, register_solver


def _prepare(method: str, exact: bool, options: dict, game: NormalFormGame):
    game = game.to_exact() if exact else game.to_float()
    return partial(solve, game, method, exact=exact, **options)


def _profiles(result: Any) -> list[tuple[np.ndarray, ...]]:
    return profiles_of(result.equilibria)


def _add(name: str, method: str, finds: str, exact: bool = False, description: str = "",
         players: tuple[int, ...] = (2,), **options: Any) -> None:
    register_solver(
        Solver(
            f"gametheory.{name}",
            prepare=partial(_prepare, method, exact, options),
            convert=_profiles,
            finds=finds,
            library="gametheory",
            exact=exact,
            players=players,
            description=description,
        ),
        replace=True,
    )


_add("vertex", "vertex", "all", description="vertex enumeration of the best-response polytopes (float)")
_add("support", "support", "all", description="support enumeration with a nondegeneracy proof (float)")
_add("lemke-howson", "lemke-howson", "one", init_label=0, description="Lemke-Howson from label 0 (float)")
_add("vertex-exact", "vertex", "all", exact=True, description="vertex enumeration in rational arithmetic")
_add("lemke-howson-exact", "lemke-howson", "one", exact=True, init_label=0,
     description="Lemke-Howson from label 0 in rational arithmetic")

#: Player counts of the N-player methods in the benchmark (as for pygambit's).
N_PLAYERS = tuple(range(3, 11))

_add("simpdiv", "simpdiv", "one", players=N_PLAYERS, description="simplicial subdivision with restarts, polished")
_add("logit", "logit", "one", players=N_PLAYERS, description="logit QRE principal branch to its Nash limit")
_add("gnm", "gnm", "one", players=N_PLAYERS, description="global Newton method (Govindan-Wilson)")
_add("liap", "liap", "one", players=N_PLAYERS, description="Lyapunov-function minimisation from several starts")
_add("enumpoly", "enumpoly", "all", players=N_PLAYERS, description="support enumeration with polynomial systems")
