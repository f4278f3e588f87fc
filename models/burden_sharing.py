"""Burden sharing in alliances: the empirical test of Olson and Zeckhauser (1966).

Olson and Zeckhauser's pure public-good model of an alliance predicts that
large members carry a disproportionate share of the common defence ("the
exploitation of the great by the small"): in the Nash equilibrium of the
contribution game, a member's defence burden (spending as a share of its
income) rises with its income.  Their evidence was the rank correlation,
across NATO's members in 1964, between GNP and defence spending as a share of
GNP, which they found positive and significant.

:func:`exploitation_test` repeats that test on the data shipped with the
package for any year: NATO's membership in that year (accession year counts),
each member's GDP and defence burden from SIPRI (1949-2024; GDP = spending /
share) or from NATO's own figures (2012-2019), and Spearman's rank
correlation

.. math::

    \\rho = 1 - \\frac{6 \\sum_i d_i^2}{n (n^2 - 1)}

(ties averaged; ``scipy.stats.spearmanr``) with its two-sided p-value from
the t distribution with ``n - 2`` degrees of freedom.  A positive significant
``rho`` is the exploitation hypothesis; its fading after the 1960s is the
shift to a joint-product alliance that Sandler and others report.

The public-good model itself (Nash contributions, the Samuelson optimum,
joint products) arrives with :mod:`gametheory.continuous`.

References
----------
.. [1] Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances.
   *Review of Economics and Statistics* 48(3), 266-279.
.. [2] Sandler, T. and Hartley, K. (1995). *The Economics of Defense*, ch. 2.
.. [3] SIPRI Military Expenditure Database (1949-2024); NATO press release
   PR-2019-069 (2012-2019).  See ``models/data/README.md``.

Examples
--------
>>> from models.burden_sharing import exploitation_test
>>> res = exploitation_test(1964)
>>> res.n, round(res.statistic, 3), res.pvalue < 0.05
(14, 0.609, True)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from gametheory.errors import InvalidOption

from .defence_data import NATO_YEARS, SIPRI_YEARS, nato_expenditure, nato_members, sipri_expenditure

__all__ = ["ExploitationTest", "exploitation_test"]


@dataclass(frozen=True, eq=False)
class ExploitationTest:
    """Outcome of :func:`exploitation_test`.

    Attributes
    ----------
    year : int
    source : str
        ``"sipri"`` or ``"nato"``.
    statistic : float
        Spearman's rank correlation between GDP and defence burden.
    pvalue : float
        Two-sided p-value of ``statistic`` (null: no monotone association).
    n : int
        Members with both figures in ``year``.
    table : pandas.DataFrame
        The data used: ``country``, ``gdp``, ``burden`` (% of GDP), ``spending``,
        sorted by GDP, largest first.
    missing : tuple of str
        Members in ``year`` without data in the source (e.g. Iceland, which has no military).
    """

    year: int
    source: str
    statistic: float
    pvalue: float
    n: int
    table: pd.DataFrame
    missing: tuple[str, ...]

    def __str__(self) -> str:
        return (f"exploitation test, NATO {self.year} ({self.source}): Spearman rho = {self.statistic:.3f}, "
                f"p = {self.pvalue:.3g}, n = {self.n}")


def exploitation_test(year: int, source: str = "sipri") -> ExploitationTest:
    """Olson and Zeckhauser's test: rank correlation of GDP and defence burden across NATO's members.

    Parameters
    ----------
    year : int
        1949-2024 for ``source="sipri"``, 2012-2019 for ``source="nato"``.
    source : {"sipri", "nato"}
        SIPRI: GDP in current US$ recovered as spending / share of GDP.
        NATO: real GDP and spending as % of real GDP (2015 prices).

    Returns
    -------
    ExploitationTest

    Raises
    ------
    InvalidOption
        Unknown source, a year outside the source's range, or fewer than
        three members with data (the correlation is then undefined).

    Notes
    -----
    Cost: one pass over the members, ``O(n log n)`` for the ranks.
    """
    if source not in ("sipri", "nato"):
        raise InvalidOption(f"exploitation_test: source must be 'sipri' or 'nato', got {source!r}")
    years = SIPRI_YEARS if source == "sipri" else NATO_YEARS
    if isinstance(year, bool) or not isinstance(year, (int, np.integer)) or int(year) not in years:
        raise InvalidOption(f"exploitation_test: year must be an int in {years.start}-{years.stop - 1} for "
                            f"source={source!r}, got {year!r}")
    year = int(year)
    members = nato_members(year)
    if source == "sipri":
        data = sipri_expenditure(year).set_index("country")
        keys = members["country"]
    else:
        nato = nato_expenditure()
        data = nato[nato["year"] == year].set_index("stanag")
        keys = members["stanag"]
    rows, missing = [], []
    for key, country in zip(keys, members["country"]):
        if key in data.index and np.isfinite(data.loc[key, "burden"]) and np.isfinite(data.loc[key, "gdp"]):
            rows.append((country, float(data.loc[key, "gdp"]), float(data.loc[key, "burden"]),
                         float(data.loc[key, "spending"])))
        else:
            missing.append(country)
    if len(rows) < 3:
        raise InvalidOption(f"exploitation_test: only {len(rows)} NATO member(s) have data for {year} in {source}; "
                            "a rank correlation needs at least 3")
    table = pd.DataFrame(rows, columns=["country", "gdp", "burden", "spending"])
    table = table.sort_values("gdp", ascending=False, ignore_index=True)
    result = spearmanr(table["gdp"], table["burden"])
    return ExploitationTest(year, source, float(result.statistic), float(result.pvalue), len(table), table,
                            tuple(missing))
