"""The benchmark runner: solver and class registries, the sandbox (time limits, errors, wrong answers),
resumable sweeps, the Dask path on a real two-worker local cluster, and the ``gametheory bench`` command."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gametheory as gt
from gametheory.bench import (
    COLUMNS,
    Block,
    Grid,
    Solver,
    get_solver,
    grid_cells,
    list_game_classes,
    list_solvers,
    make_game,
    profile_regret,
    register_solver,
    run_sweep,
    select_solvers,
)
from gametheory.bench._classes import catalog_directory, catalog_games, get_game_class, parse_class_spec
from gametheory.bench._command import load_grid, load_plugin
from gametheory.bench._progress import Progress
from gametheory.bench._sandbox import Sandbox, dumps
from gametheory.bench._table import read_rows
from gametheory.bench._verify import verify_profiles
from gametheory.cli import main
from gametheory.errors import InvalidOption

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

PLUGIN = textwrap.dedent(
    '''
    """Test solvers: one sleeps, one raises, one answers wrongly, one is right but slow to import."""
    import time
    import numpy as np
    from gametheory.bench import Solver, register_solver

    def _sleep(game):
        # the sandbox warms solvers up on a 3x3 game, which must stay fast
        if game.shape[0] >= 4:
            time.sleep(60)
        return [tuple(np.full(n, 1.0 / n) for n in game.shape)]

    def _boom(game):
        raise RuntimeError("boom from the test solver")

    def _pure_first(game):
        # the profile (first strategy, first strategy): an equilibrium only by luck
        return [tuple(np.eye(n)[0] for n in game.shape)]

    register_solver(Solver.from_function("test.sleepy", _sleep, finds="one", library="test"), replace=True)
    register_solver(Solver.from_function("test.boom", _boom, finds="one", library="test"), replace=True)
    register_solver(Solver.from_function("test.first", _pure_first, finds="one", library="test"), replace=True)
    '''
)


@pytest.fixture(scope="module")
def plugin(tmp_path_factory):
    path = tmp_path_factory.mktemp("plugin") / "test_solvers.py"
    path.write_text(PLUGIN)
    load_plugin(str(path))
    return str(path)


def _job(solver, spec="uniform", size=3, seed=0, min_time=0.0):
    game_class, params = parse_class_spec(spec)
    return {"solver": dumps(get_solver(solver)), "game_class": dumps((game_class, params)), "size": size,
            "seed": seed, "min_time": min_time, "max_repeats": 3}


# --------------------------------------------------------------------------- registries


def test_builtin_solvers_are_registered_with_their_kind():
    names = {s.name: s for s in list_solvers()}
    for name in ("gametheory.vertex", "gametheory.support", "gametheory.lemke-howson", "gametheory.vertex-exact",
                 "nashpy.vertex", "quantecon.vertex", "quantecon.lemke-howson", "pygambit.enummixed", "pygambit.lcp"):
        assert name in names
    assert names["gametheory.vertex"].finds == "all" and names["gametheory.lemke-howson"].finds == "one"
    assert names["gametheory.vertex-exact"].exact and not names["gametheory.vertex"].exact
    assert names["gametheory.vertex"].available()


def test_select_solvers_by_glob_and_errors():
    chosen = [s.name for s in select_solvers(["gametheory.vertex*", "nashpy.support"])]
    assert chosen == ["gametheory.vertex", "gametheory.vertex-exact", "nashpy.support"]
    with pytest.raises(InvalidOption, match="no solver matches 'nosuch"):
        select_solvers(["nosuch.*"])
    with pytest.raises(InvalidOption, match="unknown solver"):
        get_solver("nosuch")


def test_solver_validation():
    with pytest.raises(InvalidOption, match="finds must be"):
        Solver("x.y", prepare=lambda g: (lambda: []), finds="some")
    with pytest.raises(InvalidOption, match="name"):
        Solver("", prepare=lambda g: (lambda: []))
    with pytest.raises(InvalidOption, match="exists"):
        register_solver(get_solver("gametheory.vertex").__class__("gametheory.vertex", prepare=lambda g: None))


def _has_catalog() -> bool:
    try:
        catalog_directory()
    except InvalidOption:
        return False
    return True


def test_every_game_class_builds_deterministic_games():
    for game_class in list_game_classes():
        if game_class.name == "gambit-catalog" and not _has_catalog():
            continue
        for size in game_class.sizes[:2]:
            g1 = make_game(game_class.name, size, 1)
            g2 = make_game(game_class.name, size, 1)
            if "min_players" in game_class.params:
                assert g1.num_players >= game_class.params["min_players"]
            else:
                assert g1.num_players == game_class.params.get("players", 2)
            np.testing.assert_array_equal(g1.arrays(False), g2.arrays(False))
            assert make_game(game_class.name, size, 1, integer=True).is_exact


def test_gambit_catalog_class_reads_the_n_player_games_smallest_first(tmp_path):
    if not _has_catalog():
        pytest.skip("no ../shared/games/gambit next to this checkout")
    paths = catalog_games()
    games = [make_game("gambit-catalog", k, 0) for k in range(1, len(paths) + 1)]
    assert len(games) >= 10 and all(g.num_players >= 3 for g in games)
    sizes = [int(np.prod(g.shape)) for g in games]
    assert sizes == sorted(sizes)
    assert not get_game_class("gambit-catalog").ordered and get_game_class("uniform").ordered
    with pytest.raises(InvalidOption, match="game number"):
        make_game("gambit-catalog", len(paths) + 1, 0)
    # a directory of one's own, named in the spec
    (tmp_path / "mine.nfg").write_text(paths[0].read_text())
    assert make_game(f"gambit-catalog(directory={str(tmp_path)!r})", 1, 0).title == "mine.nfg"
    with pytest.raises(InvalidOption, match="no directory of Gambit games"):
        make_game(f"gambit-catalog(directory={str(tmp_path / 'missing')!r})", 1, 0)


def test_class_specs_take_parameters_and_reject_bad_ones():
    game_class, params = parse_class_spec("covariant(rho=0.9, players=3)")
    assert game_class.name == "covariant" and params == {"rho": 0.9, "players": 3}
    assert make_game("polymatrix(players=3)", 2, 0).shape == (2, 2, 2)
    with pytest.raises(InvalidOption, match="has no parameter 'beta'"):
        parse_class_spec("covariant(beta=1)")
    with pytest.raises(InvalidOption, match="unknown game class"):
        parse_class_spec("nosuch")
    with pytest.raises(InvalidOption, match="key=literal"):
        parse_class_spec("covariant(rho=os.system)")


def test_grid_cells_skip_unseeded_repeats_and_incompatible_solvers():
    grid = Grid((Block(("gametheory.vertex",), ("uniform", "savani-von-stengel", "polymatrix(players=3)"), (2, 3), 3),))
    cells, missing = grid_cells(grid)
    keys = {c.key for c in cells}
    assert "gametheory.vertex|uniform|3|2" in keys
    # deterministic class: seed 0 only; three-player class: the two-player solver is left out
    assert {c.seed for c in cells if c.game_class == "savani-von-stengel"} == {0}
    assert not any(c.game_class.startswith("polymatrix") for c in cells)
    assert len(cells) == 2 * 3 + 2 and missing == []


# --------------------------------------------------------------------------- verification


def test_verify_flags_non_equilibria_exactly_and_in_floats():
    g = gt.generators.many_equilibria(2)
    half = (np.array([Fraction(1, 2)] * 2, dtype=object),) * 2
    assert profile_regret(g, half) == 0 and isinstance(profile_regret(g, half), Fraction)
    assert verify_profiles(g, [(np.array([1.0, 0.0]), np.array([0.0, 1.0]))]) == (1.0, False)
    assert profile_regret(g, (np.array([1.0, 0.0]),)) == float("inf")
    # a profile off the simplex counts as regret even if no pure deviation pays
    assert verify_profiles(g, [(np.array([0.6, 0.6]), np.array([0.5, 0.5]))])[1] is False


@settings(max_examples=40)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 10**6), st.floats(0.1, 50), st.floats(-20, 20))
def test_regret_scales_with_positive_affine_payoff_changes(m, n, seed, a, b):
    g = gt.generators.uniform_random((m, n), seed=seed)
    rng = np.random.default_rng(seed)
    prof = (rng.dirichlet(np.ones(m)), rng.dirichlet(np.ones(n)))
    h = gt.NormalFormGame(a * g.arrays(False) + b)
    assert profile_regret(g, prof) >= 0
    assert profile_regret(h, prof) == pytest.approx(a * profile_regret(g, prof), rel=1e-7, abs=1e-9)


# --------------------------------------------------------------------------- the sandbox


def test_sandbox_times_verifies_and_survives_timeouts_and_errors(plugin):
    with Sandbox() as box:
        ok = box.run(_job("gametheory.vertex", size=4, min_time=0.01), time_limit=20)
        assert ok["status"] == "ok" and ok["verified"] and ok["n_equilibria"] >= 1
        assert ok["seconds"] > 0 and ok["repeats"] >= 1 and ok["shape"] == "4x4" and ok["max_regret"] < 1e-12
        assert ok["peak_memory_mb"] >= 0
        slow = box.run(_job("test.sleepy", size=4), time_limit=1.0)
        assert slow["status"] == "timeout" and "1 s" in slow["message"]
        assert box.process is None  # the stuck worker was killed
        boom = box.run(_job("test.boom"), time_limit=5)
        assert boom["status"] == "error" and "boom from the test solver" in boom["message"]
        wrong = box.run(_job("test.first", spec="many-equilibria", size=2, seed=0), time_limit=5)
        assert wrong["status"] == "ok"  # (first, first) is an equilibrium of the identity game
        wrong = box.run(_job("test.first", spec="savani-von-stengel", size=2), time_limit=5)
        assert wrong["status"] == "wrong" and not wrong["verified"] and wrong["max_regret"] > 0
        fine = box.run(_job("test.sleepy", size=3), time_limit=5)
        assert fine["status"] in ("ok", "wrong")


def test_exact_solvers_get_exact_games_and_zero_regret():
    with Sandbox() as box:
        row = box.run(_job("gametheory.vertex-exact", size=4), time_limit=30)
    assert row["status"] == "ok" and row["max_regret"] == 0.0 and row["verified"]


# --------------------------------------------------------------------------- sweeps


def test_sweep_resumes_and_skips_larger_sizes_after_a_timeout(plugin, tmp_path):
    out = str(tmp_path / "r.csv")
    small = Grid((Block(("gametheory.lemke-howson",), ("uniform",), (2, 3), 2),), time_limit=5, min_time=0.0)
    first = run_sweep(small, out, executor="serial", progress=False)
    assert first.ran == 4 and first.resumed == 0
    bigger = Grid((Block(("gametheory.lemke-howson", "test.sleepy"), ("uniform",), (2, 3, 4, 5), 2),),
                  time_limit=1.0, min_time=0.0)
    second = run_sweep(bigger, out, executor="serial", progress=False)
    # 4 cells were in the file; sleepy times out at size 4 so size 5 is skipped for it
    assert second.resumed == 4 and second.skipped == 2 and second.ran == 10
    rows = {r["key"]: r for r in read_rows(out)}
    assert len(rows) == 14 and set(rows["gametheory.lemke-howson|uniform|3|1"]) == set(COLUMNS)
    assert rows["test.sleepy|uniform|4|0"]["status"] == "timeout"
    assert rows["test.sleepy|uniform|3|0"]["status"] == "wrong"  # uniform play is no equilibrium here
    assert rows["gametheory.lemke-howson|uniform|5|1"]["status"] == "ok"
    third = run_sweep(bigger, out, executor="serial", progress=False)
    assert third.ran == 0 and third.resumed == 14 and third.skipped == 2


def test_sweep_retries_errors_and_writes_parquet(plugin, tmp_path):
    pytest.importorskip("pyarrow")
    out = str(tmp_path / "r.parquet")
    grid = Grid((Block(("test.boom", "gametheory.vertex"), ("uniform",), (2,), 1),), time_limit=5, min_time=0.0)
    run_sweep(grid, out, executor="serial", progress=False)
    again = run_sweep(grid, out, executor="serial", progress=False, retry_errors=True)
    assert again.ran == 1 and again.resumed == 1
    rows = read_rows(out)
    assert sorted(r["status"] for r in rows) == ["error", "ok"]
    assert run_sweep(grid, out, executor="serial", progress=False, resume=False).ran == 2


def test_results_file_with_other_columns_is_refused(tmp_path):
    out = tmp_path / "old.csv"
    out.write_text("a,b\n1,2\n")
    with pytest.raises(InvalidOption, match="other columns"):
        run_sweep("quick", str(out), executor="serial", progress=False)
    with pytest.raises(InvalidOption, match=".csv or .parquet"):
        run_sweep("quick", str(tmp_path / "x.txt"), executor="serial", progress=False)
    with pytest.raises(InvalidOption, match="unknown preset"):
        run_sweep("nosuch")


def test_sweep_on_a_real_two_worker_dask_cluster(tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        worker_pids = set(client.run(os.getpid).values())
        grid = Grid((Block(("gametheory.vertex", "gametheory.lemke-howson"), ("uniform", "zero-sum"), (3, 4), 2),),
                    time_limit=20, min_time=0.0)
        sweep = run_sweep(grid, str(tmp_path / "d.csv"), executor="dask", scheduler=cluster.scheduler_address,
                          progress=False)
    assert len(worker_pids) == 2
    assert sweep.ran == 16 and sweep.executor.startswith("dask (scheduler")
    assert all(r["status"] == "ok" and r["verified"] for r in sweep.rows)
    pids = {int(r["host"].rsplit(":", 1)[1]) for r in sweep.rows}
    assert pids <= worker_pids and os.getpid() not in pids


# --------------------------------------------------------------------------- command line


def test_cli_runs_a_small_grid_and_reports(tmp_path, capsys):
    out = str(tmp_path / "cli.csv")
    args = ["bench", "--solvers", "gametheory.vertex", "gametheory.support", "--classes", "uniform",
            "--sizes", "3", "--seeds", "2", "--executor", "serial", "--no-progress", "--out", out,
            "--min-time", "0", "--markdown", "--plots", str(tmp_path / "plots")]
    assert main(args) == 0
    text = capsys.readouterr().out
    assert "4 cells run on serial" in text and "| all" in text
    assert (tmp_path / "plots" / "time_vs_size.png").stat().st_size > 0
    assert main(["bench", "--report-only", "--out", out]) == 0
    assert "agreement with the reference solver: 2 of 2 cells agree" in capsys.readouterr().out


def test_cli_errors_are_one_line(tmp_path, capsys):
    assert main(["bench", "--report-only", "--out", str(tmp_path / "none.csv")]) == 2
    assert main(["bench", "--classes", "nosuch", "--executor", "serial", "--out", str(tmp_path / "x.csv")]) == 2
    err = capsys.readouterr().err
    assert "no results file" in err and "unknown game class 'nosuch'" in err


def test_grid_file_and_list(tmp_path, capsys):
    path = tmp_path / "grid.json"
    path.write_text('{"time_limit": 3, "blocks": [{"solvers": ["gametheory.*"], "classes": ["uniform"], "sizes": [2]}]}')
    grid = load_grid(str(path))
    assert grid.time_limit == 3 and grid.blocks[0].sizes == (2,)
    path.write_text('{"blocks": [{"solver": []}]}')
    with pytest.raises(InvalidOption, match="block 0"):
        load_grid(str(path))
    assert main(["bench", "--list"]) == 0
    assert "savani-von-stengel" in capsys.readouterr().out


def test_python_m_benchmarks_is_the_bench_command():
    done = subprocess.run([sys.executable, "-m", "benchmarks", "--list"], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "gametheory.lemke-howson" in done.stdout


def test_progress_prints_lines_when_not_a_terminal():
    import io

    buf = io.StringIO()
    bar = Progress(2, stream=buf, every=0.0)
    bar.update({"status": "ok"})
    bar.update({"status": "timeout"})
    bar.close()
    lines = buf.getvalue().splitlines()
    assert len(lines) == 2 and "2/2 cells" in lines[-1] and "timeout 1" in lines[-1]


def test_example_plugin_is_benchmarked_and_checked(tmp_path):
    load_plugin(os.path.join(ROOT, "benchmarks", "plugins", "zero_sum_lp.py"))
    grid = Grid((Block(("example.zero-sum-lp",), ("zero-sum", "uniform"), (5,), 1),), time_limit=20, min_time=0.0)
    rows = {r["game_class"]: r for r in run_sweep(grid, executor="serial", progress=False).rows}
    # right on zero-sum games, and caught out (not silently accepted) on a general game
    assert rows["zero-sum"]["status"] == "ok" and rows["zero-sum"]["verified"]
    assert rows["uniform"]["status"] == "wrong" and rows["uniform"]["max_regret"] > 1e-3


def test_an_empty_answer_is_wrong():
    register_solver(Solver.from_function("test.nothing", lambda game: [], finds="all", library="test"), replace=True)
    with Sandbox() as box:
        row = box.run(_job("test.nothing"), time_limit=10)
    assert row["status"] == "wrong" and "no equilibrium" in row["message"]
