"""Command line.

``gametheory solve GAME [--method M] [--exact] [--format F]``
    Nash equilibria of a normal-form game (two-player methods ``vertex``,
    ``support``, ``lemke-howson``, ``lp``; N-player methods ``enumpure``,
    ``enumpoly``, ``simpdiv``, ``logit``, ``gnm``, ``liap``), or with
    ``--method ce`` a correlated equilibrium (``--coarse`` for a coarse one,
    ``--objective``, ``--player``, ``--vertices`` for all extreme points).
``gametheory bargain SPEC.json [--format text|json]``
    Bargaining solutions (Nash, Kalai-Smorodinsky, egalitarian, utilitarian,
    dictatorial, Rubinstein) of the problem a JSON spec describes.
``gametheory coalition SPEC.json [--format text|json]``
    Solutions of a cooperative TU game (Shapley, Banzhaf, core, least core,
    nucleolus, power indices) described by a JSON spec.
``gametheory examples``
    The games and specs bundled with the package.
``gametheory bench [--preset P | --solvers ... --classes ... --sizes ...] [--out F]``
    Benchmark equilibrium solvers (ours, nashpy, QuantEcon, pygambit) on
    generated game classes, every answer verified; see ``gametheory bench -h``.

``GAME`` is a path to a ``.nfg`` or ``.json`` file, ``-`` for standard input
(the format is recognised from the first character: ``NFG`` or ``{``), or the
name of a game bundled with the package (``gametheory examples`` lists them).

Output formats: ``text`` (a readable list), ``json`` (an object with keys
``method``, ``exact``, ``equilibria``; each equilibrium has ``strategies``,
``payoffs`` and ``regret``; exact numbers are strings such as ``"1/3"``) and
``csv`` (one row per equilibrium).  ``--method ce`` writes the same JSON
keys; its ``strategies`` are the distribution's marginals, ``regret`` is
the largest incentive-constraint violation, and each entry adds
``distribution`` (the probability of each pure profile) and, for one
optimum, ``objective`` and ``objective_value``.  Errors go to standard error as one line,
with exit status 2 for bad input or options and 1 for a solver failure.
"""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import os
import sys
from typing import Sequence

from .errors import GameError, SolverError
from .game import NormalFormGame
from .result import NashResult

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on standard error."""

    def error(self, message: str):  # type: ignore[override]
        sys.stderr.write(f"gametheory: error: {message}\n")
        raise SystemExit(2)


def _load(spec: str) -> NormalFormGame:
    from .io import example_games, example_path, parse_json, parse_nfg, read_game

    if spec == "-":
        text = sys.stdin.read()
        head = text.lstrip()[:3]
        if head.startswith("{"):
            return parse_json(text, source="<stdin>")
        if head.upper() == "NFG":
            return parse_nfg(text, source="<stdin>")
        raise GameError("standard input is neither a Gambit .nfg game (starts with NFG) nor JSON (starts with {)")
    if os.path.exists(spec):
        return read_game(spec)
    if spec in example_games():
        return read_game(example_path(spec))
    raise GameError(f"no such game file: {spec} (bundled examples: {', '.join(example_games())})")


def _csv(res: NashResult) -> str:
    d = res.to_dict()
    g = res.game
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    header = ["equilibrium"]
    for i, p in enumerate(g.players):
        header += [f"{p}:{s}" for s in g.strategies[i]]
    header += [f"payoff:{p}" for p in g.players] + ["regret"]
    w.writerow(header)
    for k, eq in enumerate(d["equilibria"], 1):
        row = [k] + [x for s in eq["strategies"] for x in s] + eq["payoffs"] + [eq["regret"]]
        w.writerow(row)
    return buf.getvalue()


def _options(pairs: Sequence[str]) -> dict:
    """``--option KEY=VALUE`` pairs as keyword arguments (values are Python literals, else strings)."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip().isidentifier():
            raise GameError(f"--option expects KEY=VALUE with KEY a name, got {pair!r}")
        try:
            out[key.strip()] = ast.literal_eval(value.strip())
        except (ValueError, SyntaxError):
            out[key.strip()] = value.strip()
    return out


def _ce_dict(res, method: str) -> dict:
    """A correlated-equilibrium result in the JSON layout of :meth:`NashResult.to_dict`."""
    vertices = hasattr(res, "vertices")
    d = res.to_dict()
    if vertices:
        entries = [
            {"strategies": [[_fmt(p, res.exact) for p in _marginal(v, i)] for i in range(res.game.num_players)],
             "payoffs": item["payoffs"], "regret": _fmt(0, res.exact), "distribution": item["distribution"]}
            for v, item in zip(res.vertices, d["vertices"])
        ]
        extra = {}
    else:
        entries = [{"strategies": d["marginals"], "payoffs": d["payoffs"], "regret": d["violation"],
                    "distribution": d["distribution"]}]
        extra = {"objective": d["objective"], "objective_value": d["objective_value"], "gap": d["gap"],
                 "solver": d["solver"]}
    return {
        "method": method,
        "concept": d["concept"],
        "exact": d["exact"],
        "equilibria": entries,
        # the vertex list is every extreme point; one LP optimum is one point of the polytope
        "complete": vertices,
        "max_regret": entries[0]["regret"] if not vertices else _fmt(0, res.exact),
        "tol": d.get("tol", _fmt(0, res.exact)),
        "status": d.get("status", "ok"),
        "message": d.get("message", ""),
        **extra,
        "parameters": d["parameters"],
        "time": d["time"],
        "game": d["game"],
    }


def _fmt(x, exact: bool):
    from ._numbers import format_number

    return format_number(x, exact)


def _marginal(distribution, player: int):
    """Player ``player``'s marginal of a distribution over pure profiles."""
    return distribution.sum(axis=tuple(k for k in range(distribution.ndim) if k != player))


def _cmd_ce(args: argparse.Namespace, game: NormalFormGame) -> int:
    from . import correlated

    if args.vertices:
        res = correlated.correlated_vertices(game, coarse=args.coarse, exact=True)
    else:
        player = None
        if args.player is not None:
            # a player's label first (Gambit's default labels are "1", "2", ...), else a 0-based index
            label = args.player
            player = game.player_index(label if label in game.players or not label.isdigit() else int(label))
        res = correlated.correlated_equilibrium(game, args.objective or "welfare", player=player, coarse=args.coarse,
                                                exact=args.exact, tol=args.tol)
    d = _ce_dict(res, "cce" if args.coarse else "ce")
    if args.format == "json":
        out = json.dumps(d, indent=2) + "\n"
    elif args.format == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        labels = ["profile"] + [f"payoff:{p}" for p in game.players]
        w.writerow(["point"] + labels[:1] + ["probability"])
        for k, eq in enumerate(d["equilibria"], 1):
            for item in eq["distribution"]:
                w.writerow([k, " ".join(map(str, item["profile"])), item["probability"]])
        out = buf.getvalue()
    else:
        title = f"{game.title}\n" if game.title else ""
        if args.vertices:
            lines = [f"{len(d['equilibria'])} vertices of the {d['concept']} polytope (exact)"]
            for k, eq in enumerate(d["equilibria"], 1):
                lines.append(f"  vertex {k}: payoffs {', '.join(map(str, eq['payoffs']))}")
                lines += [f"    {' '.join(item['profile'])}: {item['probability']}" for item in eq["distribution"]]
            out = title + "\n".join(lines) + "\n"
        else:
            out = title + str(res) + "\n"
    sys.stdout.write(out)
    return 0


def _cmd_solve(args: argparse.Namespace) -> int:
    from .nash.solve import solve

    game = _load(args.game)
    if args.method == "ce":
        return _cmd_ce(args, game)
    if args.coarse or args.vertices or args.objective or args.player is not None:
        raise GameError("--coarse, --vertices, --objective and --player apply only to --method ce")
    options = _options(args.option)
    if args.seed is not None:
        options["seed"] = args.seed
    if args.method == "lemke-howson":
        options["init_label"] = args.init_label
        options["all_labels"] = args.all_labels
        if args.max_pivots is not None:
            options["max_pivots"] = args.max_pivots
    elif args.init_label or args.all_labels or args.max_pivots is not None:
        raise GameError("--init-label, --all-labels and --max-pivots apply only to --method lemke-howson")
    if args.tol is not None:
        options["tol"] = args.tol
    res = solve(game, method=args.method, exact=args.exact, eliminate_dominated=args.eliminate_dominated, **options)
    if args.format == "json":
        out = json.dumps(res.to_dict(), indent=2) + "\n"
    elif args.format == "csv":
        out = _csv(res)
    else:
        title = f"{game.title}\n" if game.title else ""
        out = title + str(res) + "\n"
    sys.stdout.write(out)
    return 0


def _cmd_examples(args: argparse.Namespace) -> int:
    from .io import example_games, example_path

    for name in example_games():
        sys.stdout.write(f"{name}\t{example_path(name)}\n")
    for name, path in sorted(_example_specs().items()):
        sys.stdout.write(f"{name}\t{path}\n")
    return 0


def _example_specs() -> dict[str, str]:
    """Bundled bargaining and coalition specs: name -> path."""
    from importlib.resources import files

    data = files("gametheory") / "data"
    return {p.name[: -len(".json")]: str(p) for p in data.iterdir() if p.name.endswith(".json")}


def _load_spec(spec: str) -> dict:
    """Read a JSON spec from a path, standard input (``-``) or a bundled example's name."""
    from .errors import FormatError

    if spec == "-":
        text, source = sys.stdin.read(), "<stdin>"
    else:
        examples = _example_specs()
        path = spec if os.path.exists(spec) else examples.get(spec)
        if path is None:
            raise GameError(f"no such spec file: {spec} (bundled specs: {', '.join(sorted(examples))})")
        with open(path, encoding="utf-8") as fh:
            text, source = fh.read(), path
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(f"{source}: not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if not isinstance(doc, dict):
        raise FormatError(f"{source}: a spec must be a JSON object, got {type(doc).__name__}")
    return doc


def _cmd_spec(args: argparse.Namespace) -> int:
    if args.command == "bargain":
        from .bargaining import _spec as spec_module
    else:
        from .cooperative import _spec as spec_module
    out = spec_module.solve_spec(_load_spec(args.spec))
    if args.format == "json":
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
    else:
        text = spec_module.format_text(out)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="gametheory", description="Solve games with certified answers.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    s = sub.add_parser("solve", help="compute Nash equilibria of a normal-form game")
    s.add_argument("game", help="a .nfg or .json file, - for standard input, or a bundled example's name")
    s.add_argument(
        "--method",
        default="vertex",
        choices=["enumpure", "support", "vertex", "lemke-howson", "lp", "enumpoly", "simpdiv", "logit", "gnm", "liap",
                 "ce"],
        help="algorithm (default: vertex, all extreme equilibria of a two-player game); N players: enumpure, "
             "enumpoly, simpdiv, logit, gnm, liap; ce: a correlated equilibrium",
    )
    s.add_argument("--exact", action="store_true", help="exact rational arithmetic (regret exactly 0)")
    s.add_argument("--format", default="text", choices=["text", "json", "csv"], help="output format")
    s.add_argument("--tol", type=float, default=None, help="float-mode regret tolerance (relative to payoff range)")
    s.add_argument("--init-label", type=int, default=0, help="lemke-howson: initial dropped label")
    s.add_argument("--all-labels", action="store_true", help="lemke-howson: follow the path of every label")
    s.add_argument("--max-pivots", type=int, default=None, help="lemke-howson: pivot limit")
    s.add_argument("--eliminate-dominated", action="store_true", help="first remove strictly dominated strategies")
    s.add_argument("--seed", type=int, default=None, help="seed of randomised methods (gnm, liap)")
    s.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                   help="a further option of the method, e.g. --option starts=50 (repeatable)")
    s.add_argument("--coarse", action="store_true", help="ce: a coarse correlated equilibrium")
    s.add_argument("--objective", choices=["welfare", "player", "feasible"], default=None,
                   help="ce: what the equilibrium maximises (default welfare)")
    s.add_argument("--player", default=None, help="ce with --objective player: whose payoff (label or index)")
    s.add_argument("--vertices", action="store_true", help="ce: every vertex of the polytope (small games, exact)")
    s.set_defaults(func=_cmd_solve)
    for name, what in (("bargain", "bargaining solutions"), ("coalition", "cooperative (TU) game solutions")):
        b = sub.add_parser(name, help=f"{what} of the problem a JSON spec describes")
        b.add_argument("spec", help="a JSON spec file, - for standard input, or a bundled spec's name")
        b.add_argument("--format", default="text", choices=["text", "json"], help="output format")
        b.set_defaults(func=_cmd_spec)
    e = sub.add_parser("examples", help="list the games and specs bundled with the package")
    e.set_defaults(func=_cmd_examples)
    from .bench._command import add_bench_parser

    add_bench_parser(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except SolverError as exc:
        sys.stderr.write(f"gametheory: solver error: {exc}\n")
        return 1
    except GameError as exc:
        sys.stderr.write(f"gametheory: error: {exc}\n")
        return 2
    except OSError as exc:
        sys.stderr.write(f"gametheory: error: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}\n")
        return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
