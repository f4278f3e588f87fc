"""JSON specs of bargaining problems, for the ``gametheory bargain SPEC.json`` command.

A spec is a JSON object::

    {
      "points": [[0, 0], [4, 1], [1, 3]],       # or "inequalities": {"A": ..., "b": ...}
                                                 # or "linear": {"A", "b", "utility_matrix",
                                                 #              "utility_offset", "A_eq", "b_eq"}
      "disagreement": [0, 0],
      "free_disposal": false,                    # points and linear only
      "labels": ["war", "deal A", "deal B"],     # optional, names of the agreement coordinates
      "players": ["A", "B"],                     # optional
      "solutions": ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian", "dictatorial"],
      "weights": [1, 2],                         # Nash weights (optional)
      "exact": true,
      "allow_disagreement": true,                # default true: "no agreement" is an outcome
      "win_sets": [{"on": "utilities", "A": [[1, 0]], "b": [3], "name": "parliament"}],
      "rubinstein": {"delta1": 0.9, "delta2": 0.8, "proposer": 0, "over": "problem"}
    }

Numbers may be JSON numbers or strings such as ``"1/3"``.  ``"solutions"``
defaults to the four symmetric solutions; ``"dictatorial"`` gives one entry
per player (``"dictatorial_0"``, ...).  ``"rubinstein"`` takes ``delta1`` and
``delta2`` or ``rates`` and ``period``; ``"over"`` is ``"problem"`` (the
default for a two-player problem: alternating offers over its frontier) or
``"pie"`` (the unit pie, exact when the factors or ``exact`` are).  A spec
may hold only ``"rubinstein"`` (then the pie).  Unknown keys are refused.
"""

from __future__ import annotations

from typing import Any

from ..errors import InvalidBargainingProblem, InvalidOption
from ._axiomatic import METHODS, dictatorial
from ._problem import BargainingProblem
from ._rubinstein import rubinstein, rubinstein_frontier

__all__ = ["solve_spec", "format_text"]

_KEYS = {
    "points", "inequalities", "linear", "disagreement", "free_disposal", "labels", "players", "solutions",
    "weights", "exact", "allow_disagreement", "win_sets", "rubinstein", "title",
}
_SETS = ("points", "inequalities", "linear")
_DEFAULT_SOLUTIONS = ["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]


def _unknown(obj: dict, known: set, where: str) -> None:
    extra = sorted(set(obj) - known)
    if extra:
        raise InvalidOption(f"bargaining spec: unknown key(s) {extra} in {where}; known keys are {sorted(known)}")


def _obj(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise InvalidBargainingProblem(f"bargaining spec: {where} must be a JSON object, got {type(value).__name__}")
    return value


def _flag(spec: dict, key: str, default: bool) -> bool:
    v = spec.get(key, default)
    if not isinstance(v, bool):
        raise InvalidOption(f"bargaining spec: {key!r} must be true or false, got {v!r}")
    return v


def _problem(spec: dict) -> BargainingProblem | None:
    given = [k for k in _SETS if k in spec]
    if len(given) > 1:
        raise InvalidBargainingProblem(f"bargaining spec: give one feasible set, not {given}")
    if not given:
        for key in ("disagreement", "win_sets", "solutions", "weights", "free_disposal", "labels", "players"):
            if key in spec:
                raise InvalidBargainingProblem(f"bargaining spec: {key!r} needs a feasible set: add 'points', 'inequalities' or 'linear'")
        return None
    if "disagreement" not in spec:
        raise InvalidBargainingProblem("bargaining spec: 'disagreement' (one utility per player) is required")
    d = spec["disagreement"]
    fd = _flag(spec, "free_disposal", False)
    players = spec.get("players")
    labels = spec.get("labels")
    kind = given[0]
    if kind == "points":
        problem = BargainingProblem.from_points(spec["points"], d, free_disposal=fd, labels=labels, players=players)
    elif kind == "inequalities":
        ineq = _obj(spec["inequalities"], "'inequalities'")
        _unknown(ineq, {"A", "b"}, "'inequalities'")
        if "A" not in ineq or "b" not in ineq:
            raise InvalidBargainingProblem("bargaining spec: 'inequalities' needs 'A' and 'b'")
        if fd or labels is not None:
            raise InvalidBargainingProblem("bargaining spec: 'free_disposal' and 'labels' apply to 'points' and 'linear', not 'inequalities'")
        problem = BargainingProblem.from_inequalities(ineq["A"], ineq["b"], d, players=players)
    else:
        lin = _obj(spec["linear"], "'linear'")
        _unknown(lin, {"A", "b", "utility_matrix", "utility_offset", "A_eq", "b_eq"}, "'linear'")
        missing = [k for k in ("A", "b", "utility_matrix") if k not in lin]
        if missing:
            raise InvalidBargainingProblem(f"bargaining spec: 'linear' needs {missing}")
        problem = BargainingProblem.from_linear(
            lin["A"], lin["b"], utility_matrix=lin["utility_matrix"], disagreement=d,
            utility_offset=lin.get("utility_offset", 0), A_eq=lin.get("A_eq"), b_eq=lin.get("b_eq"),
            free_disposal=fd, labels=labels, players=players,
        )
    win_sets = spec.get("win_sets", [])
    if not isinstance(win_sets, list):
        raise InvalidBargainingProblem("bargaining spec: 'win_sets' must be a list of objects {on, A, b, name}")
    for k, ws in enumerate(win_sets):
        ws = _obj(ws, f"win_sets[{k}]")
        _unknown(ws, {"on", "A", "b", "name"}, f"win_sets[{k}]")
        if "A" not in ws or "b" not in ws:
            raise InvalidBargainingProblem(f"bargaining spec: win_sets[{k}] needs 'A' and 'b'")
        problem = problem.with_constraints(ws["A"], ws["b"], on=ws.get("on", "utilities"), name=ws.get("name"))
    return problem


def solve_spec(spec: dict) -> dict:
    """Solve the bargaining problem a spec describes (see the module docstring).

    Returns
    -------
    dict
        JSON-ready: ``"problem"`` (a summary), ``"solutions"`` (one
        :meth:`BargainingResult.to_dict` per solution, keyed by name) and,
        if asked, ``"rubinstein"`` (:meth:`RubinsteinResult.to_dict`).

    Raises
    ------
    InvalidBargainingProblem
        A malformed problem (shapes, numbers, missing keys); its subclass
        InfeasibleProblem for an empty set or an outside disagreement point.
    InvalidOption
        Unknown keys, unknown solution names, bad flags, weights or discount factors.

    Examples
    --------
    >>> from gametheory.bargaining import solve_spec
    >>> out = solve_spec({"points": [[0, 0], [4, 1], [1, 3]], "disagreement": [0, 0],
    ...                   "solutions": ["nash"], "exact": True})
    >>> out["solutions"]["nash"]["utilities"]
    ['11/4', '11/6']
    """
    spec = _obj(spec, "the spec")
    _unknown(spec, _KEYS, "the spec")
    problem = _problem(spec)
    exact = _flag(spec, "exact", False)
    allow = _flag(spec, "allow_disagreement", True)
    out: dict = {}
    if "title" in spec:
        out["title"] = str(spec["title"])
    if problem is not None:
        out["problem"] = {
            "kind": problem.kind,
            "players": list(problem.players),
            "disagreement": [str(v) if problem.is_exact else float(v) for v in problem.disagreement],
            "free_disposal": problem.free_disposal,
            "win_sets": [w.name for w in problem.constraints],
            "exact_data": problem.is_exact,
        }
        names = spec.get("solutions", _DEFAULT_SOLUTIONS)
        if not isinstance(names, list) or not all(isinstance(s, str) for s in names):
            raise InvalidOption(f"bargaining spec: 'solutions' must be a list of names from {sorted(METHODS)}")
        bad = [s for s in names if s not in METHODS]
        if bad:
            raise InvalidOption(f"bargaining spec: unknown solution(s) {bad}; choose from {sorted(METHODS)}")
        if "weights" in spec and "nash" not in names:
            raise InvalidOption("bargaining spec: 'weights' are the Nash solution's; add 'nash' to 'solutions'")
        sols: dict = {}
        for name in names:
            if name == "dictatorial":
                for i in range(problem.num_players):
                    sols[f"dictatorial_{i}"] = dictatorial(problem, i, exact=exact, allow_disagreement=allow).to_dict()
            elif name == "nash":
                sols[name] = METHODS[name](problem, spec.get("weights"), exact=exact, allow_disagreement=allow).to_dict()
            else:
                sols[name] = METHODS[name](problem, exact=exact, allow_disagreement=allow).to_dict()
        out["solutions"] = sols
    if "rubinstein" in spec:
        rb = _obj(spec["rubinstein"], "'rubinstein'")
        _unknown(rb, {"delta1", "delta2", "rates", "period", "proposer", "over"}, "'rubinstein'")
        default = "problem" if problem is not None and problem.num_players == 2 else "pie"
        over = rb.get("over", default)
        if over not in ("problem", "pie"):
            raise InvalidOption(f"bargaining spec: rubinstein 'over' must be 'problem' or 'pie', got {over!r}")
        args = dict(delta1=rb.get("delta1"), delta2=rb.get("delta2"), rates=rb.get("rates"), period=rb.get("period"),
                    proposer=rb.get("proposer", 0))
        if over == "problem":
            if problem is None:
                raise InvalidOption("bargaining spec: rubinstein over 'problem' needs a feasible set")
            res = rubinstein_frontier(problem, **args)
        else:
            ex = True if exact and rb.get("rates") is None else None
            res = rubinstein(**args, exact=ex)
        out["rubinstein"] = res.to_dict()
    if not out:
        raise InvalidBargainingProblem("bargaining spec: nothing to solve: give a feasible set ('points', 'inequalities', 'linear') or 'rubinstein'")
    return out


def _fmt(v: Any) -> str:
    if isinstance(v, float):
        return f"{v:.6g}"
    return str(v)


def format_text(out: dict) -> str:
    """Readable text of :func:`solve_spec`'s output, one block per solution."""
    lines = []
    if "title" in out:
        lines.append(out["title"])
    prob = out.get("problem")
    if prob:
        lines.append(
            f"bargaining problem ({prob['kind']}): players {', '.join(prob['players'])}; "
            f"disagreement ({', '.join(_fmt(v) for v in prob['disagreement'])})"
            + ("; free disposal" if prob.get("free_disposal") else "")
            + (f"; win-sets {', '.join(prob['win_sets'])}" if prob.get("win_sets") else "")
        )
    for name, res in out.get("solutions", {}).items():
        if res["status"] == "no_agreement":
            lines.append(f"{name}: no agreement -- {res['message']}")
            continue
        mode = "exact" if res["exact"] else f"residual {_fmt(res['residual'])} <= {_fmt(res['tol'])}"
        lines.append(f"{name}: utilities ({', '.join(_fmt(v) for v in res['utilities'])})  [{mode}]")
        if res.get("agreement") is not None and res.get("agreement_labels"):
            parts = [f"{lab}={_fmt(v)}" for lab, v in zip(res["agreement_labels"], res["agreement"]) if _fmt(v) not in ("0", "0.0")]
            lines.append("    agreement: " + ", ".join(parts))
        if res.get("weights") is not None:
            lines.append("    weights: (" + ", ".join(_fmt(v) for v in res["weights"]) + ")")
        if res.get("binding"):
            lines.append("    binding win-sets: " + ", ".join(res["binding"]))
        if res.get("message"):
            lines.append(f"    note: {res['message']}")
    rb = out.get("rubinstein")
    if rb:
        mode = "exact" if rb["exact"] else f"residual {_fmt(rb['residual'])} <= {_fmt(rb['tol'])}"
        lines.append(
            f"{rb['method']}: shares ({', '.join(_fmt(v) for v in rb['shares'])})  [{mode}]; "
            f"discount factors ({', '.join(_fmt(v) for v in rb['deltas'])}), player {rb['proposer'] + 1} proposes first"
        )
    return "\n".join(lines)
