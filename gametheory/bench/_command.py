"""``gametheory bench``: run a benchmark sweep from the command line, then report ratios and draw plots.

Examples::

    gametheory bench                                   # the default grid, results in bench_results.csv
    gametheory bench --preset quick --executor serial
    gametheory bench --solvers "gametheory.*" "quantecon.*" --classes uniform "covariant(rho=0.9)" \\
        --sizes 4 8 12 --seeds 5 --time-limit 30 --out sweep.parquet --plots figures/
    gametheory bench --scheduler tcp://10.0.0.5:8786   # an existing Dask cluster
    gametheory bench --plugin my_solvers.py --solvers "mine.*" "quantecon.lemke-howson"
    gametheory bench --report-only --out sweep.csv --markdown
    gametheory bench --list
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import sys
from typing import Any

from ..errors import InvalidOption
from ._classes import list_game_classes
from ._runner import PRESETS, Block, Grid, describe_grid, run_sweep
from ._solver import list_solvers

__all__ = ["add_bench_parser", "load_grid", "load_plugin"]


def load_plugin(spec: str) -> Any:
    """Import a module (``package.module``) or a ``.py`` file that registers solvers or game classes.

    Objects defined in a plugin file are pickled by value, so Dask workers and
    the sandbox processes can use them without the file on their path.
    """
    if spec.endswith(".py") or os.path.sep in spec:
        if not os.path.exists(spec):
            raise InvalidOption(f"plugin file {spec!r} does not exist")
        name = "gametheory_bench_plugin_" + os.path.splitext(os.path.basename(spec))[0]
        module_spec = importlib.util.spec_from_file_location(name, spec)
        if module_spec is None or module_spec.loader is None:
            raise InvalidOption(f"cannot import plugin file {spec!r}")
        module = importlib.util.module_from_spec(module_spec)
        sys.modules[name] = module
        module_spec.loader.exec_module(module)
    else:
        try:
            module = importlib.import_module(spec)
        except ImportError as exc:
            raise InvalidOption(f"cannot import plugin module {spec!r}: {exc}") from None
    try:
        import cloudpickle

        cloudpickle.register_pickle_by_value(module)
    except (ImportError, ValueError):
        pass
    return module


def load_grid(path: str) -> Grid:
    """A grid from JSON: ``{"time_limit": 10, "blocks": [{"solvers": [...], "classes": [...], "sizes": [...], "seeds": 3}]}``."""
    try:
        with open(path) as fh:
            data = json.load(fh)
    except OSError as exc:
        raise InvalidOption(f"cannot read grid file {path!r}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise InvalidOption(f"grid file {path!r} is not valid JSON: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("blocks"), list):
        raise InvalidOption(f"grid file {path!r} must be an object with a list 'blocks'")
    unknown = set(data) - {"blocks", "time_limit", "min_time", "max_repeats"}
    if unknown:
        raise InvalidOption(f"grid file {path!r}: unknown key {sorted(unknown)[0]!r}")
    blocks = []
    for k, b in enumerate(data["blocks"]):
        if not isinstance(b, dict) or "solvers" not in b:
            raise InvalidOption(f"grid file {path!r}: block {k} must be an object with 'solvers'")
        extra = set(b) - {"solvers", "classes", "sizes", "seeds"}
        if extra:
            raise InvalidOption(f"grid file {path!r}: block {k} has unknown key {sorted(extra)[0]!r}")
        seeds = b.get("seeds", 3)
        blocks.append(Block(tuple(b["solvers"]), tuple(b.get("classes", ["uniform"])),
                            None if b.get("sizes") is None else tuple(b["sizes"]),
                            seeds if isinstance(seeds, int) else tuple(seeds)))
    options = {k: data[k] for k in ("time_limit", "min_time", "max_repeats") if k in data}
    return Grid(tuple(blocks), **options)


def add_bench_parser(sub: Any) -> None:
    """Add the ``bench`` subcommand to the CLI's subparsers."""
    b = sub.add_parser("bench", help="benchmark equilibrium solvers (ours, nashpy, QuantEcon, pygambit, yours)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = b.add_argument_group("what to run (without --solvers/--classes/--sizes: a preset grid)")
    g.add_argument("--preset", default="default", choices=sorted(PRESETS), help="named grid (default: default)")
    g.add_argument("--grid", metavar="FILE", help="grid as JSON (blocks of solvers, classes, sizes, seeds)")
    g.add_argument("--solvers", nargs="+", metavar="NAME", help="solver names or globs (default with --classes: all)")
    g.add_argument("--classes", nargs="+", metavar="SPEC", help="game classes, e.g. uniform 'covariant(rho=0.9)'")
    g.add_argument("--sizes", nargs="+", type=int, metavar="N", help="sizes (default: each class's own)")
    g.add_argument("--seeds", type=int, default=None, metavar="N", help="seeds 0..N-1 per size (default 3)")
    g.add_argument("--plugin", nargs="+", default=[], metavar="FILE", help=".py files or modules that register solvers")
    t = b.add_argument_group("timing")
    t.add_argument("--time-limit", type=float, default=None, metavar="S", help="seconds per solver call")
    t.add_argument("--min-time", type=float, default=None, metavar="S", help="repeat faster calls up to this total")
    r = b.add_argument_group("where it runs")
    r.add_argument("--executor", default="auto", choices=["auto", "dask", "serial"],
                   help="auto: Dask if installed, else serial")
    r.add_argument("--scheduler", metavar="ADDRESS", help="use a running Dask scheduler (e.g. from dask-jobqueue)")
    r.add_argument("--workers", type=int, default=1, help="worker processes of the local Dask cluster (default 1)")
    o = b.add_argument_group("output")
    o.add_argument("--out", default="bench_results.csv", metavar="PATH", help=".csv or .parquet (default bench_results.csv)")
    o.add_argument("--fresh", action="store_true", help="start the results file afresh instead of resuming")
    o.add_argument("--retry-errors", action="store_true", help="re-run cells recorded with status error")
    o.add_argument("--plots", metavar="DIR",
                   help="directory for the time-vs-size and performance-profile plots (default: OUT's name + _plots)")
    o.add_argument("--no-plots", action="store_true", help="do not draw plots")
    o.add_argument("--markdown", action="store_true", help="print the report tables as Markdown")
    o.add_argument("--report-only", action="store_true", help="do not run anything; report on --out")
    o.add_argument("--no-progress", action="store_true", help="no progress bar")
    o.add_argument("--list", action="store_true", help="list solvers, game classes and presets, then exit")
    b.set_defaults(func=run_command)


def _grid(args: argparse.Namespace) -> Grid:
    base = load_grid(args.grid) if args.grid else PRESETS[args.preset]
    custom = args.solvers or args.classes or args.sizes or args.seeds is not None
    if custom:
        blocks: tuple[Block, ...] = (Block(tuple(args.solvers or ["*"]), tuple(args.classes or ["uniform"]),
                                           tuple(args.sizes) if args.sizes else None,
                                           args.seeds if args.seeds is not None else 3),)
    else:
        blocks = base.blocks
    return Grid(blocks,
                time_limit=base.time_limit if args.time_limit is None else args.time_limit,
                min_time=base.min_time if args.min_time is None else args.min_time,
                max_repeats=base.max_repeats)


def _list() -> int:
    print("solvers (name, finds, arithmetic, installed):")
    for s in list_solvers():
        mark = "yes" if s.available() else "no"
        print(f"  {s.name:32s} {s.finds:4s} {'exact' if s.exact else 'float':6s} {mark:4s} {s.description}")
    print("game classes (name, size means, default sizes):")
    for c in list_game_classes():
        params = ", ".join(f"{k}={v!r}" for k, v in c.params.items())
        name = f"{c.name}({params})" if params else c.name
        print(f"  {name:32s} {c.size}; sizes {' '.join(map(str, c.sizes))}; {c.source}")
    print("presets:")
    for name, grid in PRESETS.items():
        print(f"  {name}: time limit {grid.time_limit:g} s")
        for line in describe_grid(grid):
            print(f"    {line}")
    return 0


def _report(args: argparse.Namespace) -> int:
    try:
        from . import _report as rep
    except ImportError:
        print("(install pandas and matplotlib, e.g. pip install 'alliance-games[bench]', for ratio tables and plots)")
        return 0
    df = rep.load_results(args.out)
    fmt = "markdown" if args.markdown else "text"
    if (df["library"] == "gametheory").any():
        print("ratio = fastest peer seconds / our fastest seconds (> 1: gametheory is faster)")
        print(rep.format_table(rep.ratio_table(df), fmt=fmt))
    else:
        print("(no gametheory solver in these results, so no ratio table; libraries present: "
              f"{', '.join(sorted(df['library'].unique()))})")
    paired = rep.method_ratio_table(df)
    if len(paired):
        print("\nsame method, ours against the peer's (ratio = peer seconds / ours over cells both answered):")
        print(rep.format_table(paired, fmt=fmt))
    try:
        checks = rep.agreement(df)
    except InvalidOption:
        print("\n(no all-equilibria solver of ours in these results, so answers are not compared with a reference)")
        checks = df.iloc[:0]
    if len(checks):
        bad = checks[checks["label"].astype(str).str.startswith(("DIFFERS", "subset", "other"))]
        print(f"\nagreement with the reference solver: {len(checks) - len(bad)} of {len(checks)} cells agree")
        if len(bad):
            print(rep.format_table(bad, fmt=fmt))
    if "startup_seconds" in df:
        warm = df.groupby("solver")["startup_seconds"].max()
        warm = warm[warm >= 0.05].sort_values(ascending=False)
        if len(warm):
            costs = ", ".join(f"{name} {sec:.2g} s" for name, sec in warm.items())
            print(f"\nfirst call in a new worker (imports, JIT compilation), excluded from the timings: {costs}")
    wrong = df[df["status"] == "wrong"]
    if len(wrong):
        print(f"\n{len(wrong)} cell(s) returned a profile that is not an equilibrium:")
        print(rep.format_table(wrong[["solver", "game_class", "size", "seed", "max_regret"]], fmt=fmt))
    if not args.no_plots:
        plots = args.plots or os.path.splitext(args.out)[0] + "_plots"
        if importlib.util.find_spec("matplotlib") is None:
            print("(install matplotlib for plots: pip install 'alliance-games[bench]')")
            return 0
        os.makedirs(plots, exist_ok=True)
        written = [rep.plot_time_vs_size(df, os.path.join(plots, "time_vs_size.png"))]
        for finds in ("all", "one"):
            for exact in (False, True):
                if ((df["finds"] == finds) & (df["exact"].astype(bool) == exact)).any():
                    name = f"performance_profile_{finds}{'_exact' if exact else ''}.png"
                    written.append(rep.plot_performance_profile(df, os.path.join(plots, name), finds=finds, exact=exact))
        print("\nplots: " + ", ".join(str(p) for p in written))
    return 0


def run_command(args: argparse.Namespace) -> int:
    """Entry point of ``gametheory bench``."""
    if args.list:
        for spec in args.plugin:
            load_plugin(spec)
        return _list()
    if args.report_only:
        if not os.path.exists(args.out):
            raise InvalidOption(f"--report-only: no results file {args.out!r}")
        return _report(args)
    for spec in args.plugin:
        load_plugin(spec)
    grid = _grid(args)
    sweep = run_sweep(grid, args.out, resume=not args.fresh, retry_errors=args.retry_errors,
                      executor=args.executor, scheduler=args.scheduler, workers=args.workers,
                      progress=not args.no_progress)
    print(f"{sweep.ran} cells run on {sweep.executor}, {sweep.resumed} already in {args.out}, "
          f"{sweep.skipped} skipped after a timeout at a smaller size")
    if sweep.missing:
        print("not installed, left out: " + ", ".join(sweep.missing))
    return _report(args)
