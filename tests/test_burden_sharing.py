"""The exploitation test of Olson and Zeckhauser (1966) on the shipped NATO and SIPRI data."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

from gametheory import errors as gt_errors
from gametheory.errors import InvalidOption
from models.burden_sharing import exploitation_test
from models.defence_data import nato_expenditure, nato_members, nato_membership, sipri_expenditure


def test_nato_1964_exploitation_is_positive_and_significant():
    """Olson and Zeckhauser (1966), Rev. Econ. Stat. 48(3): across NATO's members in 1964, members with
    larger national income carried larger defence burdens (positive, significant rank correlation).

    NATO had 15 members in 1964; Iceland has no military, so SIPRI covers 14.
    """
    res = exploitation_test(1964, source="sipri")
    assert res.n == 14 and res.missing == ("Iceland",)
    assert res.statistic > 0.5 and res.pvalue < 0.05
    assert round(res.statistic, 3) == 0.609  # measured on the shipped SIPRI files
    assert res.table.iloc[0]["country"] == "United States of America"


def test_exploitation_fades_after_the_sixties():
    # the joint-product era (Sandler and Hartley 1995, ch. 2): no significant correlation in 2019 in either source
    for source in ("sipri", "nato"):
        res = exploitation_test(2019, source=source)
        assert res.n == 28 and res.pvalue > 0.1


@pytest.mark.parametrize("year", [1950, 1964, 1990, 2019])
def test_table_is_the_membership_and_the_statistic_is_recomputable(year):
    res = exploitation_test(year)
    members = set(nato_members(year)["country"])
    assert set(res.table["country"]) | set(res.missing) == members
    assert not set(res.table["country"]) & set(res.missing)
    # SIPRI: GDP is spending / share of GDP
    np.testing.assert_allclose(res.table["gdp"] * res.table["burden"] / 100, res.table["spending"], rtol=1e-12)
    assert res.statistic == pytest.approx(spearmanr(res.table["gdp"], res.table["burden"]).statistic)
    assert list(res.table["gdp"]) == sorted(res.table["gdp"], reverse=True)


def test_nato_source_uses_nato_figures():
    res = exploitation_test(2015, source="nato")
    nato = nato_expenditure()
    row = nato[(nato["year"] == 2015) & (nato["stanag"] == "USA")].iloc[0]
    usa = res.table[res.table["country"] == "United States of America"].iloc[0]
    assert usa["gdp"] == row["gdp"] and usa["burden"] == row["burden"]


@settings(max_examples=30, deadline=None)
@given(year=st.integers(1949, 2024))
def test_statistic_is_a_valid_rank_correlation(year):
    try:
        res = exploitation_test(year)
    except InvalidOption as exc:  # the first years: fewer than three members with SIPRI figures
        assert "at least 3" in str(exc)
        return
    assert -1 <= res.statistic <= 1 and 0 <= res.pvalue <= 1
    assert res.n == len(res.table) >= 3
    # a rank statistic: rescaling every GDP leaves it unchanged
    assert spearmanr(res.table["gdp"] * 1e3, res.table["burden"]).statistic == pytest.approx(res.statistic)


def test_data_tables():
    members = nato_membership()
    assert len(members) == 32 and members["accession_year"].min() == 1949
    assert len(nato_members(1949)) == 12 and len(nato_members(2024)) == 32
    assert len(nato_expenditure()) == 232
    assert (sipri_expenditure(2000)["gdp"] > 0).all()


@pytest.mark.parametrize("args, fragment", [
    ((1964, "imf"), "source must be"),
    ((1940,), "1949-2024"),
    ((2010, "nato"), "2012-2019"),
    (("1964",), "must be an int"),
])
def test_bad_input(args, fragment):
    with pytest.raises(InvalidOption, match=fragment):
        exploitation_test(*args)


# --------------------------------------------------------------------------- the public-good alliance

from models.burden_sharing import PublicGoodAlliance, sweep  # noqa: E402


def _closed_form_total(incomes, alpha, price=1.0):
    """Bergstrom, Blume and Varian (1986): the richest k allies contribute, Q = a sum_C I / (p (a + (1-a) k))."""
    inc = np.sort(np.asarray(incomes, dtype=float))[::-1]
    for k in range(len(inc), 0, -1):
        Q = alpha * inc[:k].sum() / (price * (alpha + (1 - alpha) * k))
        if inc[k - 1] / price > (1 - alpha) * Q / alpha:
            return Q, k
    raise AssertionError("no contributor")


def test_olson_zeckhauser_example_and_measures():
    m = PublicGoodAlliance(incomes=[10, 7, 1], alpha=0.4, names=["US", "UK", "LUX"])
    eq = m.solve()
    np.testing.assert_allclose(eq.contributions, [3.625, 0.625, 0.0], atol=1e-12)
    assert eq.contributors == ("US", "UK") and eq.certificate.max_gain <= 1e-9
    eff = m.efficient()
    assert eff.total == pytest.approx(0.4 * 18, rel=1e-6) and eff.kkt_residual <= 1e-5
    assert m.under_provision() == pytest.approx(4.25 / 7.2, rel=1e-6)
    np.testing.assert_allclose(m.lindahl_shares(), np.array([10, 7, 1]) / 18)
    assert eq.exploitation == pytest.approx(1.0)


incomes_st = st.lists(st.floats(0.5, 100), min_size=2, max_size=6)


@settings(max_examples=40, deadline=None)
@given(incomes=incomes_st, alpha=st.floats(0.05, 0.95))
def test_nash_matches_the_closed_form_and_is_below_the_efficient_total(incomes, alpha):
    m = PublicGoodAlliance(incomes=incomes, alpha=alpha)
    eq = m.solve()
    Q, k = _closed_form_total(incomes, alpha)
    assert eq.total == pytest.approx(Q, rel=1e-9)
    efficient = alpha * sum(incomes)
    assert eq.total <= efficient * (1 + 1e-12)
    if len(eq.contributors) >= 2:
        assert eq.total < efficient
    # larger incomes never carry smaller burden shares (pure public good)
    order = np.argsort(m.incomes)
    assert np.all(np.diff(eq.burden_shares[order]) >= -1e-12)


@settings(max_examples=30, deadline=None)
@given(incomes=incomes_st, alpha=st.floats(0.1, 0.9), seed=st.integers(0, 1000))
def test_neutrality_redistribution_among_contributors(incomes, alpha, seed):
    """Bergstrom, Blume and Varian (1986): a small transfer among contributors leaves the total unchanged."""
    m = PublicGoodAlliance(incomes=incomes, alpha=alpha)
    eq = m.solve()
    contributors = np.flatnonzero(eq.contributions > 1e-9 * max(incomes))
    if len(contributors) < 2:
        return
    i, j = np.random.default_rng(seed).choice(contributors, 2, replace=False)
    amount = 0.5 * min(eq.contributions[i], eq.contributions[j])
    moved = m.incomes.copy()
    moved[i] -= amount
    moved[j] += amount
    assert PublicGoodAlliance(incomes=moved, alpha=alpha).solve().total == pytest.approx(eq.total, rel=1e-9)


def test_joint_products_remove_the_exploitation():
    """Sandler (1977): as the private share theta of defence grows, burden shares converge (to alpha)."""
    gaps = [PublicGoodAlliance(incomes=[10, 7, 3, 1], alpha=0.4, theta=t).solve().burden_gap
            for t in (0.0, 0.2, 0.5, 0.8, 0.95)]
    assert all(a > b for a, b in zip(gaps, gaps[1:]))
    assert gaps[0] > 0.35 and gaps[-1] < 0.01
    eq = PublicGoodAlliance(incomes=[10, 7, 3, 1], alpha=0.4, theta=0.5).solve()
    assert len(eq.contributors) == 4 and eq.certificate.max_gain <= 1e-9
    with pytest.raises(gt_errors.NotSupported, match="pure public"):
        PublicGoodAlliance(incomes=[10, 7], alpha=0.4, theta=0.5).lindahl_shares()


def test_grid_normal_form_agrees_with_the_continuous_equilibrium():
    import gametheory as gt

    m = PublicGoodAlliance(incomes=[10, 7, 1], alpha=0.4)
    step = 0.125
    game = m.normal_form(np.arange(0, 10, step))
    eq = m.solve()
    pure = gt.enumpure(game)
    assert len(pure) >= 1
    for prof in pure.equilibria:
        q = np.array([float(game.strategies[i][int(np.argmax(p))]) for i, p in enumerate(prof)])
        assert np.max(np.abs(q - eq.contributions)) <= 2 * step
        assert abs(q.sum() - eq.total) <= step


def test_sweep_and_validation():
    df = sweep(PublicGoodAlliance(incomes=[10, 7, 1], alpha=0.4), theta=[0.0, 0.5], alpha=[0.3, 0.4])
    assert len(df) == 2 * 2 * 3
    assert {"theta", "alpha", "ally", "spending", "nash_total", "efficient_total", "under_provision",
            "burden_gap", "max_gain"} <= set(df.columns)
    assert (df["under_provision"] < 1).all() and (df["max_gain"] <= 1e-9).all()
    with pytest.raises(InvalidOption, match="unknown parameter"):
        sweep(PublicGoodAlliance(incomes=[1, 2]), beta=[1])
    for kwargs, fragment in [(dict(incomes=[1]), "at least two"), (dict(incomes=[1, -2]), "positive"),
                             (dict(incomes=[1, 2], alpha=1.0), "alpha"), (dict(incomes=[1, 2], theta=1.0), "theta"),
                             (dict(incomes=[1, 2], price=0), "price"), (dict(incomes=[1, float("nan")]), "finite")]:
        with pytest.raises(InvalidOption, match=fragment):
            PublicGoodAlliance(**kwargs)


def test_ces_tends_to_cobb_douglas_and_agrees_with_the_general_solver():
    import gametheory as gt

    cd = PublicGoodAlliance(incomes=[10, 7, 3, 1], alpha=0.4, theta=0.5)
    near = PublicGoodAlliance(incomes=[10, 7, 3, 1], alpha=0.4, theta=0.5, rho=1e-7)
    np.testing.assert_allclose(near.solve().contributions, cd.solve().contributions, rtol=1e-5)
    # the symmetric reduction for CES and cvxpy's program for Cobb-Douglas give the same Samuelson total
    assert near.efficient().total == pytest.approx(cd.efficient().total, rel=1e-5)
    ces = PublicGoodAlliance(incomes=[10, 7, 3, 1], alpha=0.4, rho=0.5)
    general = gt.continuous.best_response_iteration(ces.game().as_continuous())
    np.testing.assert_allclose(np.concatenate(general.profile), ces.solve().contributions, atol=1e-5)


@settings(max_examples=25, deadline=None)
@given(incomes=st.lists(st.floats(0.5, 50), min_size=2, max_size=4), alpha=st.floats(0.1, 0.9),
       rho=st.sampled_from([-2.0, -0.5, 0.3, 0.7]), theta=st.sampled_from([0.0, 0.4]))
def test_ces_nash_is_certified_and_the_optimum_meets_samuelson(incomes, alpha, rho, theta):
    m = PublicGoodAlliance(incomes=incomes, alpha=alpha, rho=rho, theta=theta)
    eq = m.solve()
    assert eq.certificate.max_gain <= eq.certificate.tol * max(1.0, float(np.max(np.abs(eq.certificate.payoffs))))
    eff = m.efficient()
    assert eff.kkt_residual <= 1e-5
    # no ally gains by re-optimising its own spending at the symmetric optimum's total (it is a maximum)
    room = min(eff.total, sum(incomes) - eff.total) * 1e-3
    welfare = [len(incomes) * m._ces((sum(incomes) - Q) / len(incomes), Q / len(incomes) ** theta)
               for Q in (eff.total - room, eff.total, eff.total + room)]
    assert np.all(np.isfinite(welfare)) and welfare[1] >= max(welfare[0], welfare[2])


def test_ces_utilitarian_optimum_can_lie_below_the_nash_total():
    """With CES utility the efficient level depends on the distribution of consumption (income effects):
    the utilitarian optimum equalises consumption, and with complements (rho = -2) and unequal incomes its
    total can fall below the Nash total. Found by hypothesis; with Cobb-Douglas it cannot happen (the
    Samuelson total a * sum(I) / p is the same at every Pareto optimum)."""
    m = PublicGoodAlliance(incomes=[1.0, 4.0], alpha=0.5, rho=-2.0)
    assert m.solve().total > m.efficient().total


@settings(max_examples=20, deadline=None)
@given(incomes=st.lists(st.floats(0.5, 50), min_size=2, max_size=4), alpha=st.floats(0.1, 0.9),
       rho=st.sampled_from([-2.0, -0.5, 1e-9, 0.3, 0.7]))
def test_lindahl_prices_make_every_ally_demand_the_same_efficient_total(incomes, alpha, rho):
    """Lindahl (1919): at its personal price every ally demands the same total, and that total is efficient
    (Samuelson's condition: the marginal rates of substitution add up to the price)."""
    m = PublicGoodAlliance(incomes=incomes, alpha=alpha, rho=rho)
    tau = m.lindahl_shares()
    assert tau.sum() == pytest.approx(1.0) and np.all(tau > 0)
    demands = []
    for i, t in enumerate(tau):
        # ally i's demand at personal price t: maximise u(I - t Q, Q) over Q, by its first-order condition
        from scipy.optimize import brentq
        f = lambda Q: alpha / (1 - alpha) * (max(incomes[i] - t * Q, 0.0) / Q) ** (1 - rho) - t  # noqa: E731
        demands.append(brentq(f, 1e-12 * incomes[i] / t, incomes[i] / t * (1 - 1e-12)))
    np.testing.assert_allclose(demands, demands[0], rtol=1e-7)
    c = np.asarray(incomes) - tau * demands[0]
    mrs = alpha / (1 - alpha) * (c / demands[0]) ** (1 - rho)
    assert mrs.sum() == pytest.approx(1.0, rel=1e-7)
    if rho == 1e-9:
        np.testing.assert_allclose(tau, np.asarray(incomes) / sum(incomes), rtol=1e-6)
