"""Tests of the benchmark report layer on hand-built results tables (no solver is run)."""

from __future__ import annotations

import csv
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.bench import _report as report
from gametheory.errors import GameError, InvalidOption

NAN = float("nan")


def row(solver, seed=0, status="ok", seconds=1.0, *, library=None, finds="all", exact=False, game_class="uniform",
        size=4, time_limit=10.0, equilibria="", memory=1.0, n_eq=None, regret=0.0):
    """One cell of the results table, every schema column filled."""
    library = library if library is not None else solver.split(".")[0]
    ok = status == "ok"
    returned = status in ("ok", "wrong")
    if n_eq is None:
        n_eq = len(json.loads(equilibria)) if (returned and equilibria) else 0
    return {
        "key": f"{solver}|{game_class}|{size}|{seed}",
        "solver": solver,
        "library": library,
        "finds": finds,
        "exact": exact,
        "game_class": game_class,
        "size": size,
        "seed": seed,
        "players": 2,
        "shape": f"{size}x{size}",
        "status": status,
        "seconds": seconds if returned else NAN,
        "repeats": 1,
        "peak_memory_mb": memory,
        "n_equilibria": n_eq,
        "max_regret": regret if returned else NAN,
        "verified": ok,
        "equilibria": equilibria if returned else "",
        "message": "" if ok else status,
        "time_limit": time_limit,
        "started": "2024-01-01T00:00:00Z",
        "host": "test",
        "version": "0",
    }


def table(*rows) -> pd.DataFrame:
    return pd.DataFrame(list(rows), columns=list(report.REQUIRED_COLUMNS))


# --------------------------------------------------------------------------- ratio_table


def test_ratio_is_peer_median_over_our_fastest_median():
    df = table(
        # ours: two solvers, the faster (median 2) is chosen
        row("gametheory.vertex", 0, seconds=1.0), row("gametheory.vertex", 1, seconds=2.0),
        row("gametheory.vertex", 2, seconds=9.0),
        row("gametheory.support", 0, seconds=5.0), row("gametheory.support", 1, seconds=5.0),
        row("gametheory.support", 2, seconds=5.0),
        # peers: median 6 and 8; the first is chosen
        row("nashpy.vertex", 0, seconds=6.0), row("nashpy.vertex", 1, seconds=6.0), row("nashpy.vertex", 2, seconds=1.0),
        row("quantecon.vertex", 0, seconds=8.0), row("quantecon.vertex", 1, seconds=8.0),
        row("quantecon.vertex", 2, seconds=8.0),
    )
    out = report.ratio_table(df)
    assert len(out) == 1
    r = out.iloc[0]
    assert (r["our_solver"], r["our_seconds"]) == ("gametheory.vertex", 2.0)
    assert (r["peer_solver"], r["peer_seconds"]) == ("nashpy.vertex", 6.0)
    assert r["ratio"] == 3.0 and r["bound"] == ""


def test_a_solver_counts_only_where_it_succeeded_on_every_seed():
    # gametheory.fast is faster but failed one seed: the slower complete solver is ours
    df = table(
        row("gametheory.fast", 0, seconds=0.1), row("gametheory.fast", 1, status="error"),
        row("gametheory.slow", 0, seconds=2.0), row("gametheory.slow", 1, seconds=2.0),
        row("nashpy.x", 0, seconds=4.0), row("nashpy.x", 1, seconds=4.0),
    )
    r = report.ratio_table(df).iloc[0]
    assert r["our_solver"] == "gametheory.slow"
    assert r["ratio"] == 2.0 and r["bound"] == ""


def test_bounds_use_the_time_limit():
    peer_timed_out = table(
        row("gametheory.v", 0, seconds=0.5), row("gametheory.v", 1, seconds=0.5),
        row("nashpy.v", 0, seconds=3.0), row("nashpy.v", 1, status="timeout"),
    )
    r = report.ratio_table(peer_timed_out).iloc[0]
    assert r["bound"] == ">" and r["ratio"] == pytest.approx(10.0 / 0.5)
    assert r["peer_status"] == "timeout" and r["peer_seconds"] == 10.0

    we_timed_out = table(
        row("gametheory.v", 0, status="timeout", time_limit=20.0), row("gametheory.v", 1, seconds=1.0, time_limit=20.0),
        row("nashpy.v", 0, seconds=4.0, time_limit=20.0), row("nashpy.v", 1, seconds=4.0, time_limit=20.0),
    )
    r = report.ratio_table(we_timed_out).iloc[0]
    assert r["bound"] == "<" and r["ratio"] == pytest.approx(4.0 / 20.0)
    assert r["our_status"] == "timeout"

    both = table(row("gametheory.v", 0, status="timeout"), row("nashpy.v", 0, status="wrong", seconds=1.0))
    r = report.ratio_table(both).iloc[0]
    assert math.isnan(r["ratio"]) and r["bound"] == ""
    assert r["peer_status"] == "wrong"


def test_finds_and_exact_groups_are_never_compared():
    df = table(
        row("gametheory.vertex", seconds=2.0),
        row("gametheory.rational", seconds=20.0, exact=True),
        row("gametheory.lh", seconds=0.2, finds="one"),
        row("nashpy.vertex", seconds=4.0),
        row("pygambit.enummixed", seconds=40.0, exact=True),
        row("nashpy.lh", seconds=0.1, finds="one"),
    )
    out = report.ratio_table(df).set_index(["finds", "exact"])
    assert out.loc[("all", False), "ratio"] == 2.0
    assert out.loc[("all", True), "ratio"] == 2.0
    assert out.loc[("one", False), "ratio"] == 0.5
    only_one = report.ratio_table(df, finds="one")
    assert list(only_one["finds"]) == ["one"]


def test_unavailable_solvers_are_ignored_and_missing_peers_give_nan():
    df = table(row("gametheory.v", seconds=1.0), row("quantecon.v", status="unavailable"))
    r = report.ratio_table(df).iloc[0]
    assert r["peer_solver"] == "" and math.isnan(r["ratio"])


def test_ratio_table_rejects_bad_options():
    df = table(row("gametheory.v"), row("nashpy.v"))
    with pytest.raises(InvalidOption, match=r"ours='scipy'.*gametheory"):
        report.ratio_table(df, ours="scipy")
    with pytest.raises(InvalidOption, match=r"finds='some'.*'all', 'one'"):
        report.ratio_table(df, finds="some")


def test_method_ratio_table_pairs_like_with_like():
    df = table(
        row("gametheory.simpdiv", 0, seconds=1.0, finds="one"), row("pygambit.simpdiv", 0, seconds=4.0, finds="one"),
        row("gametheory.simpdiv", 1, seconds=2.0, finds="one"), row("pygambit.simpdiv", 1, seconds=2.0, finds="one"),
        row("gametheory.simpdiv", 2, seconds=1.0, finds="one"), row("pygambit.simpdiv", 2, status="wrong", finds="one"),
        # a faster peer of another method must not enter the simpdiv row
        row("pygambit.ipa", 0, seconds=0.001, finds="one"),
        row("gametheory.vertex", 0, seconds=1.0), row("quantecon.vertex", 0, seconds=0.5),
        row("gametheory.vertex", 0, seconds=1.0, exact=True, library="gametheory", size=5),
    )
    out = report.method_ratio_table(df).set_index(["method", "peer"])
    simpdiv = out.loc[("simpdiv", "pygambit")]
    assert (simpdiv["cells"], simpdiv["ours_ok"], simpdiv["peer_ok"], simpdiv["both_ok"]) == (3, 3, 2, 2)
    assert simpdiv["median_ratio"] == pytest.approx(2.5) and simpdiv["min_ratio"] == 1.0 and simpdiv["max_ratio"] == 4.0
    assert out.loc[("vertex", "quantecon")]["median_ratio"] == pytest.approx(0.5)
    assert ("ipa", "pygambit") not in out.index and len(out) == 2
    lonely = report.method_ratio_table(table(row("gametheory.x"), row("peer.y")))
    assert lonely.empty and list(lonely.columns)[:3] == ["method", "exact", "peer"]


# --------------------------------------------------------------------------- performance_profile


def test_profile_values_and_failures_are_infinite():
    df = table(
        row("a", 0, seconds=1.0), row("b", 0, seconds=2.0), row("c", 0, seconds=4.0),
        row("a", 1, status="timeout"), row("b", 1, seconds=3.0), row("c", 1, status="wrong", seconds=0.1),
        row("a", 2, status="error"), row("b", 2, status="timeout"),  # c has no row for seed 2: a failure
    )
    prof = report.performance_profile(df, taus=[1, 2, 4, 1e9])
    rho = {s: g["fraction"].tolist() for s, g in prof.groupby("solver")}
    # ratios: a = [1, inf, inf], b = [2, 1, inf], c = [4, inf, inf]
    assert rho["a"] == pytest.approx([1 / 3, 1 / 3, 1 / 3, 1 / 3])
    assert rho["b"] == pytest.approx([1 / 3, 2 / 3, 2 / 3, 2 / 3])
    assert rho["c"] == pytest.approx([0, 0, 1 / 3, 1 / 3])
    # failures never count, however large tau is
    assert max(prof["fraction"]) < 1


def test_default_taus_include_one_the_breakpoints_and_the_largest_ratio():
    df = table(row("a", 0, seconds=1.0), row("b", 0, seconds=3.0), row("a", 1, seconds=5.0), row("b", 1, seconds=1.0))
    prof = report.performance_profile(df)
    taus = set(prof["tau"])
    assert {1.0, 3.0, 5.0} <= taus and max(taus) == 5.0
    final = prof[prof["tau"] == 5.0].set_index("solver")["fraction"]
    assert final.tolist() == [1.0, 1.0]


def test_profile_selects_its_group():
    df = table(row("a", seconds=1.0), row("b", seconds=9.0, exact=True), row("c", seconds=2.0, finds="one"))
    assert set(report.performance_profile(df)["solver"]) == {"a"}
    assert set(report.performance_profile(df, exact=True)["solver"]) == {"b"}
    assert set(report.performance_profile(df, finds="one")["solver"]) == {"c"}
    with pytest.raises(InvalidOption, match=r"finds='every'.*'all', 'one'"):
        report.performance_profile(df, finds="every")
    with pytest.raises(InvalidOption, match="taus"):
        report.performance_profile(df, taus=[1, float("nan")])


STATUS = st.sampled_from(["ok", "ok", "ok", "timeout", "error", "wrong", "missing"])


@st.composite
def profile_tables(draw):
    """Random results of 1-4 solvers on 1-6 problems; seconds on a coarse grid so ties happen."""
    n_solvers = draw(st.integers(1, 4))
    n_problems = draw(st.integers(1, 6))
    rows = []
    for s in range(n_solvers):
        for p in range(n_problems):
            status = draw(STATUS)
            if status == "missing":
                continue
            seconds = draw(st.sampled_from([0.001, 0.002, 0.01, 0.5, 1.0, 1.5, 30.0]))
            rows.append(row(f"s{s}", seed=p, status=status, seconds=seconds, size=3))
    if not rows:
        rows.append(row("s0", seed=0, status="timeout", size=3))
    return table(*rows)


def brute_force_profile(df: pd.DataFrame, taus) -> dict[str, list[float]]:
    """rho_s(tau) by the definition, one loop per problem (Dolan and More 2002, eq. for rho_s)."""
    problems = sorted(set(zip(df["game_class"], df["size"], df["seed"])))
    solvers = sorted(set(df["solver"]))
    time = {}
    for _, r in df.iterrows():
        ok = r["status"] == "ok" and r["verified"]
        time[(r["solver"], (r["game_class"], r["size"], r["seed"]))] = r["seconds"] if ok else math.inf
    out = {}
    for s in solvers:
        counts = []
        for tau in taus:
            n = 0
            for p in problems:
                best = min(time.get((q, p), math.inf) for q in solvers)
                mine = time.get((s, p), math.inf)
                if math.isfinite(mine) and mine / best <= tau:
                    n += 1
            counts.append(n / len(problems))
        out[s] = counts
    return out


@settings(max_examples=40)
@given(profile_tables())
def test_profile_invariants(df):
    prof = report.performance_profile(df)
    n_problems = len({(g, z, e) for g, z, e in zip(df["game_class"], df["size"], df["seed"])})
    assert prof["fraction"].between(0, 1).all()
    solved_by_anyone = set()
    at_one = 0.0
    for solver, curve in prof.groupby("solver"):
        curve = curve.sort_values("tau")
        assert curve["tau"].iloc[0] == 1.0
        assert (np.diff(curve["fraction"].to_numpy()) >= 0).all()
        mine = df[(df["solver"] == solver) & (df["status"] == "ok")]
        solved_by_anyone |= set(mine["seed"])
        # the curve ends at the fraction of problems this solver solved
        assert curve["fraction"].iloc[-1] == pytest.approx(len(mine) / n_problems)
        at_one += curve["fraction"].iloc[0]
    # the fastest solver on every solved problem has r = 1 (ties count for each)
    assert at_one >= len(solved_by_anyone) / n_problems - 1e-12
    taus = sorted(set(prof["tau"]))
    expected = brute_force_profile(df, taus)
    for solver, curve in prof.groupby("solver"):
        assert curve.sort_values("tau")["fraction"].tolist() == pytest.approx(expected[solver])


@settings(max_examples=30)
@given(profile_tables(), st.sampled_from([0.01, 3.0, 1000.0]))
def test_profile_is_invariant_under_a_common_change_of_clock(df, scale):
    taus = [1.0, 1.5, 2.0, 50.0, 1e6]
    scaled = df.assign(seconds=df["seconds"] * scale)
    a = report.performance_profile(df, taus=taus)
    b = report.performance_profile(scaled, taus=taus)
    assert a["fraction"].tolist() == pytest.approx(b["fraction"].tolist())


@settings(max_examples=30)
@given(st.lists(st.tuples(st.sampled_from([0.1, 0.2, 1.0, 7.0]), st.sampled_from([0.1, 0.2, 1.0, 7.0])),
                min_size=1, max_size=5))
def test_ratio_says_faster_exactly_when_our_median_is_smaller(pairs):
    rows = []
    for seed, (ours, peer) in enumerate(pairs):
        rows += [row("gametheory.v", seed, seconds=ours), row("nashpy.v", seed, seconds=peer)]
    r = report.ratio_table(table(*rows)).iloc[0]
    our_median = float(np.median([p[0] for p in pairs]))
    peer_median = float(np.median([p[1] for p in pairs]))
    assert r["ratio"] == pytest.approx(peer_median / our_median)
    assert (r["ratio"] > 1) == (our_median < peer_median)


# --------------------------------------------------------------------------- agreement

PURE_A = [[1, 0], [0, 1]]
PURE_B = [[0, 1], [1, 0]]
MIXED = [[0.5, 0.5], [0.5, 0.5]]


def eq(*profiles) -> str:
    return json.dumps(list(profiles))


def test_agreement_labels_for_complete_solvers():
    near = [[0.5 + 5e-7, 0.5 - 5e-7], [0.5, 0.5]]
    far = [[0.5 + 1e-5, 0.5 - 1e-5], [0.5, 0.5]]
    df = table(
        row("gametheory.vertex", equilibria=eq(PURE_A, PURE_B, MIXED)),
        row("nashpy.support", equilibria=eq(MIXED, PURE_B, PURE_A)),
        row("nashpy.vertex", equilibria=eq(PURE_A, near)),
        row("quantecon.vertex", equilibria=eq(PURE_A, far)),
        row("pygambit.enummixed", status="timeout"),
    )
    labels = report.agreement(df).set_index("solver")["label"]
    assert labels["nashpy.support"] == "equal"
    assert labels["nashpy.vertex"] == "subset -1"          # within 1e-6 of MIXED, misses PURE_B
    assert labels["quantecon.vertex"] == "DIFFERS +1/-2"   # far is new; PURE_B and MIXED are missing
    assert labels["pygambit.enummixed"] == "no answer (timeout)"
    assert "gametheory.vertex" not in labels.index


def test_agreement_for_one_equilibrium_solvers_and_explicit_reference():
    df = table(
        row("gametheory.vertex", equilibria=eq(PURE_A, MIXED)),
        row("nashpy.vertex", equilibria=eq(PURE_A, PURE_B, MIXED)),
        row("gametheory.lh", finds="one", equilibria=eq(MIXED)),
        row("nashpy.lh", finds="one", equilibria=eq(PURE_B)),
    )
    labels = report.agreement(df).set_index("solver")["label"]
    assert labels["gametheory.lh"] == "is one of reference's"
    assert labels["nashpy.lh"] == "other"
    assert labels["nashpy.vertex"] == "DIFFERS +1/-0"
    again = report.agreement(df, reference="nashpy.vertex").set_index("solver")
    assert again.loc["nashpy.lh", "label"] == "is one of reference's"
    assert again.loc["gametheory.vertex", "label"] == "subset -1"
    with pytest.raises(InvalidOption, match="must find 'all'"):
        report.agreement(df, reference="nashpy.lh")
    with pytest.raises(InvalidOption, match="not an attempted solver"):
        report.agreement(df, reference="nobody")


def test_agreement_reference_follows_the_exact_flag():
    df = table(
        row("gametheory.float", equilibria=eq(PURE_A)),
        row("gametheory.exact", exact=True, equilibria=eq(PURE_A, PURE_B)),
        row("pygambit.enummixed", exact=True, equilibria=eq(PURE_A, PURE_B)),
        row("nashpy.vertex", equilibria=eq(PURE_A)),
    )
    out = report.agreement(df).set_index("solver")
    assert out.loc["pygambit.enummixed", "reference"] == "gametheory.exact"
    assert out.loc["pygambit.enummixed", "label"] == "equal"
    assert out.loc["nashpy.vertex", "reference"] == "gametheory.float"
    assert out.loc["nashpy.vertex", "label"] == "equal"


def test_agreement_rejects_malformed_json():
    df = table(row("gametheory.v", equilibria=eq(PURE_A)), row("nashpy.v", equilibria="[[[1, 0]", n_eq=1))
    with pytest.raises(InvalidOption, match=r"nashpy\.v\|uniform\|4\|0"):
        report.agreement(df)


# --------------------------------------------------------------------------- summary


def test_summary_counts_and_medians():
    df = table(
        row("gametheory.v", 0, seconds=1.0, memory=10.0, equilibria=eq(PURE_A, PURE_B), regret=1e-12),
        row("gametheory.v", 1, seconds=3.0, memory=30.0, equilibria=eq(PURE_A), regret=2e-12),
        row("gametheory.v", 2, status="timeout"),
        row("gametheory.v", 3, status="wrong", seconds=0.1, equilibria=eq(MIXED), regret=0.5),
        row("gametheory.v", 4, status="error"),
        row("nashpy.v", 0, status="unavailable"),
    )
    out = report.summary(df).set_index("solver")
    s = out.loc["gametheory.v"]
    assert s["median_seconds"] == 2.0 and s["median_peak_memory_mb"] == 20.0
    assert (s["n_ok"], s["n_timeout"], s["n_error"], s["n_wrong"]) == (2, 1, 1, 1)
    assert s["total_equilibria"] == 4
    assert s["max_regret"] == 0.5
    assert not s["all_verified"]
    n = out.loc["nashpy.v"]
    assert n["n_unavailable"] == 1 and math.isnan(n["median_seconds"]) and not n["all_verified"]


# --------------------------------------------------------------------------- loading


def write_csv(df: pd.DataFrame, path) -> None:
    """Write as the runner does: the csv module, str() of every value, "" for NaN."""
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(df.columns)
        for record in df.itertuples(index=False):
            writer.writerow(["" if isinstance(v, float) and math.isnan(v) else str(v) for v in record])


def sample() -> pd.DataFrame:
    return table(
        row("gametheory.v", 0, seconds=0.25, equilibria=eq(PURE_A, MIXED)),
        row("nashpy.v", 0, status="timeout"),
        row("pygambit.lcp", 1, status="ok", seconds=1.5, exact=True, finds="one", equilibria=eq(PURE_B)),
    )


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_load_results_round_trip(tmp_path, suffix):
    df = sample()
    path = tmp_path / f"results{suffix}"
    if suffix == ".csv":
        write_csv(df, path)
    else:
        df.to_parquet(path)
    back = report.load_results(path)
    assert list(back.columns) == list(report.REQUIRED_COLUMNS)
    assert back["exact"].dtype == bool and back["verified"].dtype == bool
    assert back["exact"].tolist() == [False, False, True]
    assert back["size"].dtype == np.int64 and back["seconds"].dtype == np.float64
    assert back["seconds"].iloc[0] == 0.25 and math.isnan(back["seconds"].iloc[1])
    assert back["equilibria"].tolist() == df["equilibria"].tolist()
    assert back["message"].iloc[0] == ""
    # what is read back gives the same report as the original
    pd.testing.assert_frame_equal(report.summary(back), report.summary(df), check_dtype=False)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_load_results_reads_what_the_runner_writes(tmp_path, suffix):
    from gametheory.bench._table import ResultsWriter

    path = tmp_path / f"results{suffix}"
    writer = ResultsWriter(str(path))
    first, rerun, other = row("gametheory.v", 0, status="error"), row("gametheory.v", 0, seconds=0.5), row("nashpy.v", 0)
    for cell in (first, other, rerun):
        writer.append(cell)
    writer.close()
    back = report.load_results(path)
    assert len(back) == 2  # the re-run of gametheory.v|uniform|4|0 replaces the error
    cell = back.set_index("key").loc["gametheory.v|uniform|4|0"]
    assert cell["status"] == "ok" and cell["seconds"] == 0.5 and cell["verified"]
    assert report.ratio_table(back).iloc[0]["ratio"] == 2.0


def test_load_results_errors(tmp_path):
    with pytest.raises(InvalidOption, match="does not exist"):
        report.load_results(tmp_path / "nothing.csv")
    with pytest.raises(InvalidOption, match=r"'\.json'"):
        report.load_results(tmp_path / "results.json")
    path = tmp_path / "short.csv"
    write_csv(sample().drop(columns=["seconds", "verified"]), path)
    with pytest.raises(InvalidOption, match="seconds, verified"):
        report.load_results(path)
    bad = sample()
    bad["size"] = ["four", "4", "4"]
    write_csv(bad, path)
    with pytest.raises(InvalidOption, match="'size'.*'four'"):
        report.load_results(path)
    bad = sample()
    bad["status"] = ["ok", "crashed", "ok"]
    write_csv(bad, path)
    with pytest.raises(InvalidOption, match="crashed.*valid values"):
        report.load_results(path)


# --------------------------------------------------------------------------- plots


def plot_data() -> pd.DataFrame:
    rows = []
    for cls in ("uniform", "covariant"):
        for size in (2, 4, 8):
            for seed in (0, 1):
                rows.append(row("gametheory.v", seed, seconds=0.01 * size, size=size, game_class=cls))
                status = "timeout" if size == 8 else "ok"
                rows.append(row("nashpy.v", seed, status=status, seconds=0.05 * size, size=size, game_class=cls))
    return table(*rows)


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plots_are_written(tmp_path, suffix):
    df = plot_data()
    out = report.plot_time_vs_size(df, tmp_path / f"time{suffix}")
    assert out.is_file() and out.stat().st_size > 0
    out = report.plot_time_vs_size(df, tmp_path / f"one{suffix}", game_class="uniform", finds="all")
    assert out.is_file() and out.stat().st_size > 0
    out = report.plot_performance_profile(df, tmp_path / f"profile{suffix}")
    assert out.is_file() and out.stat().st_size > 0


def test_plot_errors(tmp_path):
    df = plot_data()
    with pytest.raises(InvalidOption, match=r"game_class='zero-sum'.*'covariant', 'uniform'"):
        report.plot_time_vs_size(df, tmp_path / "t.png", game_class="zero-sum")
    with pytest.raises(InvalidOption, match=r"\.png"):
        report.plot_time_vs_size(df, tmp_path / "t.txt")
    with pytest.raises(InvalidOption, match="does not exist"):
        report.plot_performance_profile(df, tmp_path / "no" / "dir" / "p.png")


# --------------------------------------------------------------------------- format_table


def test_format_table_markdown_and_text():
    df = pd.DataFrame({
        "game_class": ["uniform", "covariant", "uniform"],
        "size": [4, 8, 16],
        "our_seconds": [0.0123456, 10.0, NAN],
        "ratio": [12.3456, 0.5, 123456.0],
        "bound": ["", "<", ">"],
    })
    md = report.format_table(df, fmt="markdown").splitlines()
    assert md[0] == "| game_class | size | our_seconds | ratio |"
    assert md[2] == "| uniform | 4 | 0.0123 | 12.3 |"
    assert md[3] == "| covariant | 8 | 10 | <0.5 |"
    assert md[4] == "| uniform | 16 | - | >1.23e+05 |"
    text = report.format_table(df).splitlines()
    assert len(text) == 5 and "bound" not in text[0]
    assert text[1].startswith("----------")
    assert len({len(line) for line in text[:2]}) == 1
    assert text[3].endswith("<0.5")
    with pytest.raises(InvalidOption, match=r"fmt='html'.*'text', 'markdown'"):
        report.format_table(df, fmt="html")


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize("call", [
    lambda df: report.summary(df),
    lambda df: report.ratio_table(df),
    lambda df: report.performance_profile(df),
    lambda df: report.agreement(df),
    lambda df: report.format_table(df),
])
def test_empty_and_malformed_frames_are_clear_errors(call):
    with pytest.raises(InvalidOption, match="empty"):
        call(table())
    with pytest.raises(GameError):
        call([1, 2, 3])


def test_missing_columns_are_named():
    df = table(row("gametheory.v")).drop(columns=["time_limit"])
    with pytest.raises(InvalidOption, match="time_limit"):
        report.ratio_table(df)
    df = table(row("gametheory.v"), row("x.y", finds="some"))
    with pytest.raises(InvalidOption, match=r"'some'.*'all', 'one'"):
        report.summary(df)
