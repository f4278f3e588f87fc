"""The exploitation test of Olson and Zeckhauser (1966) on the shipped NATO and SIPRI data."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import spearmanr

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
