"""Military expenditure and NATO membership data shipped with the package (see ``models/data/README.md``).

Tables
------
nato_membership      -- members with STANAG code, SIPRI country name and accession year
nato_members         -- the members in a given year
nato_expenditure     -- NATO's 2012-2019 defence expenditure table (one row per member and year)
sipri_expenditure    -- SIPRI 1949-2024 spending in current US$ m and as % of GDP, with GDP derived

Every function returns a new :class:`pandas.DataFrame`; the files are read once and cached.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from importlib import resources

import pandas as pd

from gametheory.errors import InvalidOption

__all__ = ["nato_membership", "nato_members", "nato_expenditure", "sipri_expenditure", "SIPRI_YEARS", "NATO_YEARS"]

#: Years covered by the SIPRI files and by NATO's expenditure table.
SIPRI_YEARS = range(1949, 2025)
NATO_YEARS = range(2012, 2020)


def _text(name: str) -> str:
    return resources.files("models").joinpath("data", name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def _membership() -> tuple[tuple[str, str, int], ...]:
    rows = csv.DictReader(_text("nato_membership.csv").splitlines())
    return tuple((r["country_stanag"], r["country"], int(r["accession_year"])) for r in rows)


def nato_membership() -> pd.DataFrame:
    """Columns ``stanag``, ``country`` (SIPRI's name) and ``accession_year``, one row per member."""
    return pd.DataFrame(_membership(), columns=["stanag", "country", "accession_year"])


def nato_members(year: int) -> pd.DataFrame:
    """The members that had joined by ``year`` (the accession year counts as membership)."""
    if isinstance(year, bool) or not isinstance(year, int):
        raise InvalidOption(f"nato_members: year must be an int, got {year!r}")
    table = nato_membership()
    return table[table["accession_year"] <= year].reset_index(drop=True)


@lru_cache(maxsize=None)
def _nato_rows() -> tuple[dict, ...]:
    return tuple(csv.DictReader(_text("nato_defence_expenditure_2012_2019.csv").splitlines()))


def nato_expenditure() -> pd.DataFrame:
    """NATO's table: ``stanag``, ``year``, ``gdp`` (real GDP, 2015 US$), ``burden`` (% of real GDP), ``spending``.

    ``spending`` is defence expenditure in 2015 US$; missing entries (Iceland) are NaN.
    """
    def num(x: str) -> float:
        return float(x) if x not in ("", "NA") else float("nan")

    rows = [
        (r["country_stanag"], int(r["year"]), num(r["Real GDP (2015 prices)"]),
         num(r["Defense expenditure (% real GDP)"]), num(r["Defense expenditure (USD, 2015 prices)"]))
        for r in _nato_rows()
    ]
    return pd.DataFrame(rows, columns=["stanag", "year", "gdp", "burden", "spending"])


@lru_cache(maxsize=None)
def _sipri(name: str) -> dict:
    return {rec["country"]: rec for rec in json.loads(_text(name))}


def sipri_expenditure(year: int) -> pd.DataFrame:
    """SIPRI's figures for ``year``: ``country``, ``spending`` (current US$ m), ``burden`` (% of GDP), ``gdp``.

    GDP (current US$ m) is ``spending / (burden / 100)``, as SIPRI's README suggests.
    Countries without both figures for the year are left out.
    """
    if isinstance(year, bool) or not isinstance(year, int) or year not in SIPRI_YEARS:
        raise InvalidOption(f"sipri_expenditure: year must be an int in {SIPRI_YEARS.start}-{SIPRI_YEARS.stop - 1}, "
                            f"got {year!r}")
    spending, share = _sipri("sipri_current_us.json"), _sipri("sipri_share_of_gdp.json")
    rows = []
    for country, rec in spending.items():
        s, b = rec.get(str(year)), share.get(country, {}).get(str(year))
        if s is not None and b is not None and b > 0:
            rows.append((country, float(s), float(b), float(s) / (float(b) / 100.0)))
    return pd.DataFrame(rows, columns=["country", "spending", "burden", "gdp"])
