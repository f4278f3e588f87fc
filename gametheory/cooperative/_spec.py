"""JSON specifications of cooperative games and the solutions to compute (``gametheory coalition SPEC.json``).

A specification is a dict (read from JSON)::

    {
      "game": {"type": "bankruptcy", "estate": 200, "claims": [100, 200, 300]},
      "solutions": ["shapley", "nucleolus", "core", "least_core", "banzhaf"],
      "exact": true
    }

Game types and their keys (``labels`` is optional everywhere):

==================  =================================================
``values``          ``values``: v(S) for every bitmask S (length 2**n)
``bankruptcy``      ``estate``, ``claims``
``weighted_voting`` ``weights``, ``quota``
``glove``           ``left``, ``right`` (numbers of glove owners)
``market``          ``endowments`` (n x m matrix)
``costs``           ``costs``: a cost game, solved as its savings game
==================  =================================================

Solutions: ``shapley``, ``shapley_sampling`` (keys ``samples``, ``seed``),
``banzhaf``, ``nucleolus``, ``prenucleolus``, ``core``, ``least_core``,
``epsilon_core`` (key ``epsilon``), ``shapley_shubik`` and ``banzhaf_index``
(weighted voting games only), and the tests ``balanced``, ``superadditive``,
``convex``.  Default: the two power indices for a weighted voting game,
otherwise ``shapley``, ``nucleolus`` and ``core``.  Numbers may be JSON
numbers or strings such as ``"100/3"``; with ``"exact": true`` the output
holds exact numbers as strings ``"p/q"``.
"""

from __future__ import annotations

from typing import Any, Callable

from .._numbers import format_number
from ..errors import EmptyCore, InvalidCoalitionGame, InvalidOption, NotSupported
from ._core import core_point, epsilon_core, is_balanced, is_convex, is_superadditive, least_core
from ._nucleolus import nucleolus, prenucleolus
from ._power import banzhaf_index, shapley_shubik_index
from ._tugame import TUGame, _weights_and_quota
from ._values import banzhaf_value, shapley_value

__all__ = ["solve_spec", "format_text", "GAME_TYPES", "SOLUTIONS"]

GAME_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # type: (required keys, optional keys)
    "values": (("values",), ("labels", "title")),
    "bankruptcy": (("estate", "claims"), ("labels", "title")),
    "weighted_voting": (("weights", "quota"), ("labels", "title")),
    "glove": (("left", "right"), ("labels",)),
    "market": (("endowments",), ("labels", "title")),
    "costs": (("costs",), ("labels", "title")),
}

_POWER = ("shapley_shubik", "banzhaf_index")
_PROPERTIES = ("balanced", "superadditive", "convex")
SOLUTIONS = (
    "shapley", "shapley_sampling", "banzhaf", "nucleolus", "prenucleolus", "core", "least_core", "epsilon_core",
) + _POWER + _PROPERTIES
_TOP_KEYS = ("game", "solutions", "exact", "samples", "seed", "confidence", "epsilon")


def _build_game(desc: Any) -> tuple[TUGame | None, dict]:
    if not isinstance(desc, dict):
        raise InvalidCoalitionGame(f"spec: 'game' must be an object with a 'type', got {type(desc).__name__}")
    kind = desc.get("type")
    if kind not in GAME_TYPES:
        raise InvalidCoalitionGame(f"spec: game type {kind!r} is unknown; use one of {sorted(GAME_TYPES)}")
    required, optional = GAME_TYPES[kind]
    unknown = sorted(set(desc) - set(required) - set(optional) - {"type"})
    if unknown:
        raise InvalidCoalitionGame(
            f"spec: game of type {kind!r} has unknown keys {unknown}; allowed: {sorted(required + optional)}"
        )
    missing = [k for k in required if k not in desc]
    if missing:
        raise InvalidCoalitionGame(f"spec: game of type {kind!r} lacks the keys {missing}")
    labels = desc.get("labels")
    title = desc.get("title", "")
    if kind == "values":
        return TUGame(desc["values"], labels, title=title), desc
    if kind == "bankruptcy":
        return TUGame.bankruptcy(estate=desc["estate"], claims=desc["claims"], labels=labels, title=title), desc
    if kind == "weighted_voting":
        weights = desc["weights"]
        if isinstance(weights, list) and len(weights) > 16:
            # large voting games are solved from the weights (power indices) without a dense game
            _weights_and_quota(weights, desc["quota"], "spec: weighted_voting game")
            return None, desc
        return TUGame.weighted_voting(weights=weights, quota=desc["quota"], labels=labels, title=title), desc
    if kind == "glove":
        return TUGame.glove(left=desc["left"], right=desc["right"], labels=labels), desc
    if kind == "market":
        return TUGame.market(desc["endowments"], labels, title=title), desc
    return TUGame.from_costs(desc["costs"], labels, title=title), desc


def solve_spec(spec: dict) -> dict:
    """Build the game of ``spec``, compute the requested solutions, return a JSON-ready dict.

    Returns
    -------
    dict
        ``{"game": {...}, "exact": bool, "solutions": {name: result dict}, "properties": {name: bool}}``;
        a solution that does not exist for this game (an empty core, a
        nucleolus without imputations) is reported as ``{"status": ..., "message": ...}``.

    Raises
    ------
    InvalidCoalitionGame
        A malformed game description (unknown type or keys, bad values).
    InvalidOption
        Unknown top-level keys or solution names, or a solution that does
        not fit the game type (power indices of a non-voting game).

    Notes
    -----
    No algorithm of its own: each name dispatches to the function of this
    package that computes it (whose docstring gives the mathematics, the
    complexity and the reference), and costs what that function costs.

    Examples
    --------
    >>> from gametheory.cooperative import solve_spec
    >>> out = solve_spec({"game": {"type": "bankruptcy", "estate": 200, "claims": [100, 200, 300]},
    ...                   "solutions": ["nucleolus"], "exact": True})
    >>> out["solutions"]["nucleolus"]["allocation"]
    ['50', '75', '75']
    """
    if not isinstance(spec, dict):
        raise InvalidOption(f"spec must be a JSON object, got {type(spec).__name__}")
    unknown = sorted(set(spec) - set(_TOP_KEYS))
    if unknown:
        raise InvalidOption(f"spec: unknown keys {unknown}; allowed: {list(_TOP_KEYS)}")
    if "game" not in spec:
        raise InvalidCoalitionGame("spec: the key 'game' is missing")
    exact = spec.get("exact", False)
    if not isinstance(exact, bool):
        raise InvalidOption(f"spec: 'exact' must be true or false, got {exact!r}")
    game, desc = _build_game(spec["game"])
    voting = desc["type"] == "weighted_voting"
    default = list(_POWER) if voting else ["shapley", "nucleolus", "core"]
    names = spec.get("solutions", default)
    if isinstance(names, str) or not isinstance(names, list) or not all(isinstance(s, str) for s in names):
        raise InvalidOption(f"spec: 'solutions' must be a list of names, got {names!r}")
    bad = [s for s in names if s not in SOLUTIONS]
    if bad:
        raise InvalidOption(f"spec: unknown solutions {bad}; use any of {list(SOLUTIONS)}")
    if not voting and any(s in _POWER for s in names):
        raise InvalidOption(f"spec: {[s for s in names if s in _POWER]} need a game of type 'weighted_voting'")
    if "epsilon_core" in names and "epsilon" not in spec:
        raise InvalidOption("spec: the solution 'epsilon_core' needs the key 'epsilon'")

    solvers: dict[str, Callable[[], Any]] = {
        "shapley": lambda: shapley_value(_dense(game), exact=exact),
        "shapley_sampling": lambda: shapley_value(
            _dense(game), method="sampling", samples=spec.get("samples", 2000), seed=spec.get("seed"),
            confidence=spec.get("confidence", 0.95),
        ),
        "banzhaf": lambda: banzhaf_value(_dense(game), exact=exact),
        "nucleolus": lambda: nucleolus(_dense(game), exact=exact),
        "prenucleolus": lambda: prenucleolus(_dense(game), exact=exact),
        "core": lambda: core_point(_dense(game), exact=exact, allow_empty=True),
        "least_core": lambda: least_core(_dense(game), exact=exact),
        "epsilon_core": lambda: epsilon_core(_dense(game), spec["epsilon"], exact=exact, allow_empty=True),
        "shapley_shubik": lambda: shapley_shubik_index(
            weights=desc["weights"], quota=desc["quota"], exact=exact, labels=desc.get("labels")
        ),
        "banzhaf_index": lambda: banzhaf_index(
            weights=desc["weights"], quota=desc["quota"], exact=exact, labels=desc.get("labels")
        ),
    }
    tests = {"balanced": is_balanced, "superadditive": is_superadditive, "convex": is_convex}
    solutions: dict[str, Any] = {}
    properties: dict[str, Any] = {}
    for name in names:
        if name in tests:
            try:
                properties[name] = tests[name](_dense(game), exact=exact)
            except NotSupported as exc:
                properties[name] = {"status": "not_supported", "message": str(exc)}
            continue
        try:
            res = solvers[name]()
        except (NotSupported, EmptyCore) as exc:
            solutions[name] = {"status": "not_supported" if isinstance(exc, NotSupported) else "empty",
                               "message": str(exc)}
            continue
        d = res.to_dict()
        d.pop("players", None)
        solutions[name] = d
    if game is not None:
        info = {"type": desc["type"], "n": game.n, "players": list(game.labels), "title": game.title}
    else:
        n = len(desc["weights"])
        labels = desc.get("labels") or [str(k + 1) for k in range(n)]
        info = {"type": desc["type"], "n": n, "players": [str(x) for x in labels], "title": desc.get("title", "")}
    out: dict[str, Any] = {"game": info, "exact": exact, "solutions": solutions}
    if properties:
        out["properties"] = properties
    return out


def _dense(game: TUGame | None) -> TUGame:
    if game is None:
        raise NotSupported(
            "this solution needs the characteristic function, which is not built for weighted voting games "
            "with more than 16 voters; the power indices shapley_shubik and banzhaf_index work from the weights"
        )
    return game


def format_text(out: dict) -> str:
    """A human-readable report of :func:`solve_spec`'s output.

    One line per player and solution, ``O(n)`` per solution; exact numbers
    print as fractions, floats with 6 significant digits.

    Examples
    --------
    >>> from gametheory.cooperative import solve_spec, format_text
    >>> out = solve_spec({"game": {"type": "glove", "left": 1, "right": 2}, "solutions": ["shapley"], "exact": True})
    >>> print(format_text(out))
    glove game (1 left, 2 right): 3 players (exact)
    shapley  [residual 0 <= 0]
      L1  2/3
      R1  1/6
      R2  1/6
    """
    info = out["game"]
    players = info["players"]
    head = f"{info.get('title') or info['type']}: {info['n']} players ({'exact' if out.get('exact') else 'float'})"
    lines = [head]
    width = max((len(p) for p in players), default=1)
    for name, sol in out.get("solutions", {}).items():
        status = sol.get("status", "ok")
        if sol.get("allocation") is None:
            lines.append(f"{name}: {status}: {sol.get('message', '')}")
            continue
        title = name if status == "ok" else f"{name} ({status})"
        extra = []
        if "epsilon" in sol and sol["epsilon"] is not None:
            extra.append(f"epsilon = {_show(sol['epsilon'])}")
        if sol.get("residual") is not None:
            # the certificate: the measured violation of the solution's defining conditions
            extra.append(f"residual {_show(sol['residual'])} <= {_show(sol.get('tol'))}")
        lines.append(title + (f"  [{', '.join(extra)}]" if extra else ""))
        ci = sol.get("confidence_interval")
        for k, (p, x) in enumerate(zip(players, sol["allocation"])):
            line = f"  {p:<{width}}  {_show(x)}"
            if ci is not None:
                line += f"  [{_show(ci[k][0])}, {_show(ci[k][1])}]"
            lines.append(line)
    for name, val in out.get("properties", {}).items():
        lines.append(f"{name}: {val if isinstance(val, bool) else val.get('message')}")
    return "\n".join(lines)


def _show(x: Any) -> str:
    if isinstance(x, str):
        return x
    return str(format_number(x, False) if not isinstance(x, float) else f"{x:.6g}")
