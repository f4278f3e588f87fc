"""One entry point to every Nash equilibrium solver: :func:`solve`."""

from __future__ import annotations

import time
from typing import Any, Callable

from ..errors import InvalidOption
from ..game import NormalFormGame
from ..result import NashResult, certify
from .dominance import iterated_elimination
from .enumpure import enumpure
from .global_newton import global_newton
from .lemke_howson import lemke_howson
from .lyapunov import lyapunov
from .polynomial_enumeration import polynomial_enumeration
from .quantal_response import logit
from .simplicial_subdivision import simplicial_subdivision
from .support_enumeration import support_enumeration
from .vertex_enumeration import vertex_enumeration
from .zero_sum import zero_sum

__all__ = ["solve", "METHODS"]

#: Method names accepted by :func:`solve`, each with its solver.
METHODS: dict[str, Callable[..., NashResult]] = {
    "enumpure": enumpure,
    "support": support_enumeration,
    "vertex": vertex_enumeration,
    "lemke-howson": lemke_howson,
    "lp": zero_sum,
    "enumpoly": polynomial_enumeration,
    "simpdiv": simplicial_subdivision,
    "logit": logit,
    "gnm": global_newton,
    "liap": lyapunov,
}

_ALIASES = {
    "pure": "enumpure",
    "support-enumeration": "support",
    "support_enumeration": "support",
    "enummixed": "vertex",
    "vertex-enumeration": "vertex",
    "vertex_enumeration": "vertex",
    "lemke_howson": "lemke-howson",
    "lh": "lemke-howson",
    "zero-sum": "lp",
    "zero_sum": "lp",
    "polynomial-enumeration": "enumpoly",
    "polynomial_enumeration": "enumpoly",
    "simplicial-subdivision": "simpdiv",
    "simplicial_subdivision": "simpdiv",
    "qre": "logit",
    "global-newton": "gnm",
    "global_newton": "gnm",
    "lyapunov": "liap",
}


def solve(
    game: NormalFormGame,
    method: str | Callable[..., NashResult] = "vertex",
    exact: bool = False,
    *,
    eliminate_dominated: bool = False,
    **options: Any,
) -> NashResult:
    """Compute Nash equilibria of ``game`` with the named method.

    Parameters
    ----------
    game : NormalFormGame
    method : str or callable
        Two players: ``"support"`` (support enumeration), ``"vertex"`` (all
        extreme equilibria of any bimatrix game; the default),
        ``"lemke-howson"`` (one equilibrium, or one per initial label with
        ``all_labels=True``) or ``"lp"`` (zero-sum games).  Any number of
        players: ``"enumpure"`` (all pure equilibria), ``"enumpoly"`` (all
        equilibria of small games by polynomial systems), ``"simpdiv"``
        (simplicial subdivision), ``"logit"`` (limit of the logit QRE path),
        ``"gnm"`` (global Newton method) or ``"liap"`` (Lyapunov-function
        minimisation from several starts).
        A callable ``f(game, exact=..., **options) -> NashResult`` is used as is.
    exact : bool
        Rational arithmetic; every returned equilibrium then has regret exactly 0.
    eliminate_dominated : bool
        First remove strictly dominated strategies (pure and mixed dominators,
        iterated), solve the smaller game, and map its equilibria back.  The
        equilibrium set is unchanged by this step.
    **options
        Passed to the solver (for instance ``init_label``, ``all_labels``,
        ``max_pivots``, ``tol``, ``seed``, ``starts``).

    Returns
    -------
    NashResult

    Raises
    ------
    InvalidOption
        Unknown method name or an option the method does not take.

    Examples
    --------
    >>> import gametheory as gt
    >>> g = gt.NormalFormGame.from_bimatrix([[1, -1], [-1, 1]])
    >>> gt.solve(g, method="vertex", exact=True).to_dict()["equilibria"][0]["strategies"]
    [['1/2', '1/2'], ['1/2', '1/2']]
    """
    if callable(method):
        fn = method
        name = getattr(method, "__name__", "custom")
    else:
        key = _ALIASES.get(str(method).lower(), str(method).lower())
        if key not in METHODS:
            raise InvalidOption(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
        fn, name = METHODS[key], key
    if not isinstance(game, NormalFormGame):
        raise InvalidOption(f"solve needs a NormalFormGame, got {type(game).__name__}")
    start = time.perf_counter()
    target = game
    reduction = None
    if eliminate_dominated:
        reduction = iterated_elimination(game, exact=exact)
        target = reduction.game
    try:
        res = fn(target, exact=exact, **options)
    except TypeError as exc:
        if "unexpected keyword" in str(exc) or "positional argument" in str(exc):
            raise InvalidOption(f"method {name!r}: {exc}") from None
        raise
    if reduction is None:
        return res
    params = dict(res.parameters, eliminate_dominated=True, eliminated=len(reduction.eliminated))
    return certify(
        game,
        [reduction.embed(p) for p in res.equilibria],
        method=res.method,
        exact=exact,
        start=start,
        tol=options.get("tol"),
        complete=res.complete,
        parameters=params,
        status=res.status,
        message=res.message,
    )
