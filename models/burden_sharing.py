"""Burden sharing in alliances: Olson and Zeckhauser's public-good alliance and its empirical test.

The model (:class:`PublicGoodAlliance`)
---------------------------------------
``n`` allies with incomes ``I_i`` each choose defence spending ``q_i`` at unit
price ``p``; the alliance's deterrent is the total ``Q = sum_j q_j``.  With the
Cobb-Douglas utility of Olson and Zeckhauser and Sandler's joint products (a
share ``theta`` of the benefit of one's own defence is private: territorial
protection, domestic order)

.. math::

    u_i = (1 - \\alpha) \\ln(I_i - p q_i) + \\alpha [(1 - \\theta) \\ln Q + \\theta \\ln q_i],

``theta = 0`` is the pure public good.  The Nash equilibrium is computed by
:func:`gametheory.continuous.aggregative_equilibrium` with each ally's
replacement function in closed form (the positive root of a quadratic; for
``theta = 0`` it is ``r_i(Q) = max(0, I_i / p - (1 - alpha) Q / (alpha p))``,
so the contributors are the richest allies and
``Q = alpha sum_C I_i / (p (alpha + (1 - alpha)|C|))``, Bergstrom, Blume and
Varian 1986), and certified by every ally's gain from re-optimising.  The
Samuelson (utilitarian, with transfers) optimum maximises the sum of
utilities subject to ``sum_i c_i + p Q = sum_i I_i`` (cvxpy; for
``theta = 0`` its total is ``alpha sum I / p``) and is certified by its KKT
residual.  Lindahl shares (``theta = 0``) are the income shares
``I_i / sum I``, at which every ally demands the efficient total.  The
measures the literature reports: the under-provision ratio (Nash total /
efficient total), burden shares ``p q_i / I_i`` and the "exploitation of the
great by the small" (the rank correlation of income and burden share).  As
``theta`` grows every ally's burden share tends to ``alpha`` whatever its
income, and the exploitation disappears (Sandler 1977).

The test (:func:`exploitation_test`)
------------------------------------

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

References
----------
.. [1] Olson, M. and Zeckhauser, R. (1966). An economic theory of alliances.
   *Review of Economics and Statistics* 48(3), 266-279.
.. [2] Sandler, T. and Hartley, K. (1995). *The Economics of Defense*, ch. 2.
.. [3] SIPRI Military Expenditure Database (1949-2024); NATO press release
   PR-2019-069 (2012-2019).  See ``models/data/README.md``.
.. [4] Bergstrom, T., Blume, L. and Varian, H. (1986). On the private provision
   of public goods. *Journal of Public Economics* 29, 25-49.
.. [5] Sandler, T. (1977). Impurity of defense: an application to the
   economics of alliances. *Kyklos* 30(3), 443-460.
.. [6] Cornes, R. and Hartley, R. (2007). Aggregative public good games.
   *Journal of Public Economic Theory* 9(2), 201-219.

Examples
--------
>>> from models.burden_sharing import PublicGoodAlliance, exploitation_test
>>> eq = PublicGoodAlliance(incomes=[10, 7, 1], alpha=0.4).solve()
>>> eq.contributions.round(6).tolist(), round(eq.total, 6)
([3.625, 0.625, 0.0], 4.25)
>>> res = exploitation_test(1964)
>>> res.n, round(res.statistic, 3), res.pvalue < 0.05
(14, 0.609, True)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
from scipy.stats import spearmanr

from gametheory.continuous import AggregativeGame, ContinuousResult, aggregative_equilibrium
from gametheory.errors import InvalidOption, NotSupported, SolverError

from .defence_data import NATO_YEARS, SIPRI_YEARS, nato_expenditure, nato_members, sipri_expenditure

__all__ = ["PublicGoodAlliance", "AllianceEquilibrium", "EfficientProvision", "ExploitationTest",
           "exploitation_test", "sweep"]

#: Relative bound on the KKT residual of the efficient allocation (the interior-point solver's accuracy).
KKT_TOL = 1e-5


def _rank_correlation(x: np.ndarray, y: np.ndarray) -> float:
    """Spearman's rho, NaN when either side is constant (the correlation is then undefined)."""
    if np.ptp(x) == 0 or np.ptp(y) <= 1e-12 * max(1.0, float(np.max(np.abs(y)))):
        return float("nan")
    return float(spearmanr(x, y).statistic)


@dataclass(frozen=True, eq=False)
class AllianceEquilibrium:
    """Nash equilibrium of a :class:`PublicGoodAlliance`.

    Attributes
    ----------
    model : PublicGoodAlliance
    contributions : ndarray
        Each ally's defence spending ``q_i``.
    total : float
        ``Q = sum q_i``.
    burden_shares : ndarray
        ``p q_i / I_i``.
    contributors : tuple of str
        Allies with ``q_i > 0``.
    exploitation : float
        Spearman's rank correlation of income and burden share (NaN if either is constant).
    burden_gap : float
        Largest minus smallest burden share: how much more of its income the most burdened ally spends.
    certificate : ContinuousResult
        The solver's result; ``certificate.max_gain`` is the largest gain any ally has from re-optimising.
    """

    model: "PublicGoodAlliance"
    contributions: np.ndarray
    total: float
    burden_shares: np.ndarray
    contributors: tuple[str, ...]
    exploitation: float
    burden_gap: float
    certificate: ContinuousResult


@dataclass(frozen=True, eq=False)
class EfficientProvision:
    """The Samuelson optimum: maximal sum of utilities with lump-sum transfers.

    Attributes
    ----------
    total : float
        Efficient defence ``Q``.
    contributions, consumption : ndarray
        One optimal allocation (with ``theta = 0`` only the total is determined by efficiency).
    welfare : float
        The sum of utilities.
    kkt_residual : float
        Largest relative violation of the first-order conditions; at most :data:`KKT_TOL`.
    """

    total: float
    contributions: np.ndarray
    consumption: np.ndarray
    welfare: float
    kkt_residual: float


@dataclass(frozen=True, eq=False)
class PublicGoodAlliance:
    """Olson-Zeckhauser alliance with Cobb-Douglas or CES utility and Sandler's joint products.

    Parameters
    ----------
    incomes : sequence of float
        ``I_i > 0``, at least two allies.
    alpha : float
        Weight of defence in utility, ``0 < alpha < 1``.
    theta : float
        Private share of the benefit of one's own defence (joint products), ``0 <= theta < 1``.
    price : float
        Price of defence ``p > 0``.
    rho : float
        Substitution parameter of CES utility, ``rho < 1`` (elasticity of
        substitution ``1 / (1 - rho)``).  ``rho = 0`` (the default) is the
        Cobb-Douglas case ``(1-a) ln c + a ln D``; otherwise
        ``u_i = [(1 - a) c_i^rho + a D_i^rho]^(1/rho)`` with ``c_i = I_i - p q_i``
        and ``D_i = Q^(1-theta) q_i^theta``.
    names : sequence of str, optional
    """

    incomes: tuple
    alpha: float = 0.5
    theta: float = 0.0
    price: float = 1.0
    names: tuple = ()
    rho: float = 0.0

    def __post_init__(self) -> None:
        where = "PublicGoodAlliance"
        try:
            incomes = np.asarray(self.incomes, dtype=float).reshape(-1)
        except (TypeError, ValueError):
            raise InvalidOption(f"{where}: incomes must be a sequence of numbers, got {self.incomes!r}") from None
        if incomes.size < 2 or not np.all(np.isfinite(incomes)) or np.any(incomes <= 0):
            raise InvalidOption(f"{where}: incomes must be at least two finite positive numbers, got {self.incomes!r}")
        for name, value, lo, hi, closed in (("alpha", self.alpha, 0.0, 1.0, False),
                                            ("theta", self.theta, 0.0, 1.0, True), ("price", self.price, 0.0, np.inf, False),
                                            ("rho", self.rho, -np.inf, 1.0, True)):
            ok = isinstance(value, (int, float, np.floating)) and not isinstance(value, bool) and np.isfinite(value) \
                and (lo <= value if closed else lo < value) and value < hi
            if not ok:
                raise InvalidOption(f"{where}: {name} must be a number in {'[' if closed else '('}{lo}, {hi}), got {value!r}")
        names = tuple(str(x) for x in self.names) if self.names else tuple(str(k + 1) for k in range(incomes.size))
        if len(names) != incomes.size:
            raise InvalidOption(f"{where}: {len(names)} names for {incomes.size} allies")
        incomes.setflags(write=False)
        object.__setattr__(self, "incomes", incomes)
        object.__setattr__(self, "names", names)

    # ------------------------------------------------------------------ the game
    def utility(self, i: int, q: float, Q: float) -> float:
        """``u_i(q_i, Q)``; in the Cobb-Douglas case minus infinity where a logarithm's argument is zero."""
        a, t, p, r = self.alpha, self.theta, self.price, self.rho
        c = self.incomes[i] - p * q
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            if r == 0:
                own = np.log(q) if t > 0 else 0.0
                return float((1 - a) * np.log(c) + a * ((1 - t) * np.log(Q) + t * own))
            D = Q ** (1 - t) * q ** t if t > 0 else Q
            return self._ces(c, D)

    def _ces(self, c: float, D: float) -> float:
        """``[(1-a) c^rho + a D^rho]^(1/rho)`` computed as ``exp(log1p(F - 1) / rho)``.

        The direct formula raises a number near 1 to the power ``1/rho``, which
        loses ``1/rho`` times the rounding error when ``rho`` is small.
        """
        a, r = self.alpha, self.rho
        if D <= 0:
            # with rho < 0 a zero defence makes D^rho infinite and the utility 0 (its infimum)
            return 0.0 if r < 0 else float(((1 - a) * c ** r) ** (1 / r))
        with np.errstate(over="ignore"):
            excess = (1 - a) * np.expm1(r * np.log(c)) + a * np.expm1(r * np.log(D))
            return float(np.exp(np.log1p(excess) / r))

    def marginal(self, i: int, q: float, Q: float) -> float:
        """Total derivative of ``u_i`` in its own spending (``dQ/dq_i = 1``), CES case.

        ``du/dq = F^(1/rho - 1) [-(1-a) p c^(rho-1) + a D^rho ((1-t)/Q + t/q)]`` with
        ``F = (1-a) c^rho + a D^rho``.
        """
        a, t, p, r = self.alpha, self.theta, self.price, self.rho
        c = self.incomes[i] - p * q
        if Q <= 0 or (t > 0 and q <= 0):
            # at zero defence the marginal value of defence is unbounded; the root-finder needs a finite number
            # of the right sign, and the largest float says "raising q is always worth it"
            return float(np.finfo(float).max)
        with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
            D = Q ** (1 - t) * q ** t if t > 0 else Q
            dlogD = (1 - t) / Q + (t / q if t > 0 else 0.0)
            F = (1 - a) * c ** r + a * D ** r
            value = F ** (1 / r - 1) * (-(1 - a) * p * c ** (r - 1) + a * D ** r * dlogD)
        return float(value) if np.isfinite(value) else float(np.finfo(float).max)

    def replacement(self, i: int, Q: float) -> float:
        """Ally ``i``'s spending consistent with a best response when the total is ``Q``.

        The first-order condition ``-(1-a) p / (I - p q) + a (1-t) / Q + a t / q = 0`` times
        ``q (I - p q) Q`` is the quadratic ``-a(1-t) p q^2 + [a(1-t) I - (1-a) p Q - a t p Q] q + a t Q I = 0``,
        whose root in ``[0, I / p)`` is the replacement.
        """
        a, t, p, inc = self.alpha, self.theta, self.price, float(self.incomes[i])
        A = -a * (1 - t) * p
        B = a * (1 - t) * inc - (1 - a) * p * Q - a * t * p * Q
        C = a * t * Q * inc
        if t == 0:
            return max(0.0, B / -A)
        # A < 0 <= C: one root of each sign; this form of the positive one avoids cancellation
        disc = np.sqrt(B * B - 4 * A * C)
        return float((2 * C) / (-B + disc)) if B < 0 else float((-B - disc) / (2 * A))

    def game(self) -> AggregativeGame:
        """The contribution game as an :class:`~gametheory.continuous.AggregativeGame`."""
        # spending stops a hair short of income: ln(0) of consumption is not a payoff
        upper = list(self.incomes / self.price * (1 - 1e-9))
        if self.rho == 0:
            return AggregativeGame([0.0] * self.incomes.size, upper, self.utility, replacement=self.replacement,
                                   players=self.names)
        return AggregativeGame([0.0] * self.incomes.size, upper, self.utility, marginal=self.marginal,
                               players=self.names)

    # ------------------------------------------------------------------ solutions
    def solve(self, *, tol: float = 1e-7) -> AllianceEquilibrium:
        """The Nash equilibrium of the contribution game, certified (see :class:`AllianceEquilibrium`)."""
        res = aggregative_equilibrium(self.game(), tol=tol)
        q = np.array([float(x[0]) for x in res.profile])
        shares = self.price * q / self.incomes
        contributors = tuple(n for n, x in zip(self.names, q) if x > 1e-12 * float(self.incomes.max()))
        return AllianceEquilibrium(self, q, float(q.sum()), shares, contributors,
                                   _rank_correlation(self.incomes, shares), float(np.ptp(shares)), res)

    def efficient(self) -> EfficientProvision:
        """The Samuelson optimum (utilitarian, with transfers), certified by its first-order conditions.

        Cobb-Douglas: the convex program in ``(c, q)`` by cvxpy, with its KKT
        residual.  CES: the utilitarian optimum is symmetric (the welfare sum
        is concave and symmetric in the allies' ``(c_i, q_i)`` for a given
        total), so it is the one-dimensional maximum of
        ``n u((W - p Q) / n, Q^(1-theta) (Q/n)^theta)`` over ``Q`` (bounded
        scalar search), certified by the relative size of its derivative.

        With CES utility the efficient level depends on how consumption is
        distributed (income effects), and the utilitarian optimum equalises
        it; with complements and unequal incomes its total can be *below* the
        Nash total (incomes (1, 4), ``alpha = 1/2``, ``rho = -2``: Nash 2.0,
        utilitarian 1.93).  With Cobb-Douglas utility every Pareto optimum has
        the Samuelson total ``alpha sum I / p``, above the Nash total whenever
        two or more allies contribute.
        """
        if self.rho != 0:
            return self._efficient_symmetric()
        import cvxpy as cp

        n, a, t, p = self.incomes.size, self.alpha, self.theta, self.price
        c, q = cp.Variable(n), cp.Variable(n)
        Q = cp.sum(q)
        welfare = (1 - a) * cp.sum(cp.log(c)) + n * a * (1 - t) * cp.log(Q)
        if t > 0:
            welfare = welfare + a * t * cp.sum(cp.log(q))
        problem = cp.Problem(cp.Maximize(welfare), [cp.sum(c) + p * Q == float(self.incomes.sum()), q >= 0])
        try:
            # CLARABEL (installed with cvxpy) to tight tolerances: the default ones leave a KKT residual near 1e-4
            with warnings.catch_warnings():
                # "may be inaccurate" at these tolerances: the KKT check below decides
                warnings.simplefilter("ignore", UserWarning)
                problem.solve(solver="CLARABEL", tol_gap_abs=1e-12, tol_gap_rel=1e-12, tol_feas=1e-12,
                              tol_ktratio=1e-10)
        except cp.error.SolverError as exc:
            raise SolverError(f"PublicGoodAlliance.efficient: cvxpy failed: {exc}") from None
        if problem.status not in ("optimal", "optimal_inaccurate") or c.value is None:
            raise SolverError(f"PublicGoodAlliance.efficient: cvxpy status {problem.status}")
        cv, qv = np.asarray(c.value, dtype=float), np.maximum(np.asarray(q.value, dtype=float), 0.0)
        total = float(qv.sum())
        # KKT: (1-a)/c_i = lam for all i; n a (1-t)/Q + a t / q_i = lam p for every contributing q_i
        lam = (1 - a) / cv
        marginal_q = n * a * (1 - t) / total + (a * t / np.maximum(qv, 1e-300) if t > 0 else np.zeros(n))
        lam0 = float(np.mean(lam))
        residual = float(max(np.max(np.abs(lam - lam0)) / lam0,
                             np.max(np.abs(marginal_q - lam0 * p)[qv > 1e-9 * total]) / (lam0 * p),
                             abs(cv.sum() + p * total - self.incomes.sum()) / self.incomes.sum()))
        if not residual <= KKT_TOL:
            raise SolverError(f"PublicGoodAlliance.efficient: KKT residual {residual:.2e} above {KKT_TOL:.0e}")
        return EfficientProvision(total, qv, cv, float(problem.value), residual)

    def _efficient_symmetric(self) -> EfficientProvision:
        from scipy.optimize import brentq

        n, p, a, t, r = self.incomes.size, self.price, self.alpha, self.theta, self.rho
        W = float(self.incomes.sum())

        def parts(Q: float) -> tuple[float, float]:
            # with every ally consuming c = (W - p Q)/n and spending Q/n, D = Q / n^t; the derivative of welfare
            # in Q is a positive factor times B - A: the marginal benefit of defence minus its cost in consumption
            c = (W - p * Q) / n
            D = Q / n ** t
            return (1 - a) * p * c ** (r - 1) / n, a * D ** (r - 1) / n ** t

        def gap(Q: float) -> float:
            A, B = parts(Q)
            return (B - A) / (A + B)

        hi = W / p
        # B - A falls from +1 (no defence) to -1 (no consumption) in relative terms: one root
        Q = float(brentq(gap, hi * 1e-12, hi * (1 - 1e-12), xtol=hi * 1e-15, rtol=4 * np.finfo(float).eps))
        residual = abs(gap(Q))
        if not residual <= KKT_TOL:
            raise SolverError(f"PublicGoodAlliance.efficient: first-order residual {residual:.2e} above {KKT_TOL:.0e}")
        c = (W - p * Q) / n
        welfare = n * self._ces(c, Q / n ** t)
        return EfficientProvision(Q, np.full(n, Q / n), np.full(n, c), welfare, residual)

    def lindahl_shares(self) -> np.ndarray:
        """Lindahl cost shares ``tau_i`` (pure public good, ``theta = 0``), summing to 1.

        Ally ``i`` pays ``tau_i p`` per unit of the total and, at that personal
        price, demands exactly the common total ``Q_L``:
        ``MRS_i(I_i - tau_i p Q_L, Q_L) = tau_i p`` with
        ``MRS = a/(1-a) (c/Q)^(1-rho)``.  For a given ``Q`` each ally's price
        is the unique root of that condition (its left side falls and its
        right side rises in the price), and the prices add up to ``p`` at a
        unique ``Q_L`` (each falls in ``Q``): two nested root-finds.
        Cobb-Douglas has the closed form ``tau_i = I_i / sum I`` and
        ``Q_L = alpha sum I / p``, the efficient total.  With joint products
        part of the benefit is private and has no personalised price, so
        ``theta > 0`` raises :class:`~gametheory.errors.NotSupported`.
        """
        if self.theta != 0:
            raise NotSupported("PublicGoodAlliance.lindahl_shares: Lindahl prices are defined for the pure public "
                               "good (theta = 0); with joint products part of the benefit is private")
        if self.rho == 0:
            return self.incomes / self.incomes.sum()
        from scipy.optimize import brentq

        a, r, p, inc = self.alpha, self.rho, self.price, self.incomes

        def price_of(i: int, Q: float) -> float:
            # MRS(I - t Q, Q) - t: positive at t = 0, negative at t = I / Q
            # the consumption is clamped at 0: rounding at t = I / Q must not make it a tiny negative number
            return brentq(lambda t: a / (1 - a) * (max(inc[i] - t * Q, 0.0) / Q) ** (1 - r) - t, 0.0, inc[i] / Q,
                          xtol=1e-15, rtol=4 * np.finfo(float).eps)

        def excess(Q: float) -> float:
            return sum(price_of(i, Q) for i in range(inc.size)) - p

        hi = float(inc.sum()) / p
        Q = brentq(excess, hi * 1e-12, hi * (1 - 1e-12), xtol=hi * 1e-15, rtol=4 * np.finfo(float).eps)
        prices = np.array([price_of(i, Q) for i in range(inc.size)])
        residual = abs(prices.sum() - p) / p
        if not residual <= KKT_TOL:
            raise SolverError(f"PublicGoodAlliance.lindahl_shares: prices add up to {prices.sum()} not {p}")
        return prices / prices.sum()

    def under_provision(self) -> float:
        """Nash total over the efficient total (1 = efficient, below 1 = under-provision)."""
        return self.solve().total / self.efficient().total

    def normal_form(self, levels: Sequence[float]):
        """The alliance as an N-player normal-form game: every ally picks a spending level from ``levels``.

        Levels at or above an ally's income are dropped for that ally.  A
        profile with ``Q = 0`` (or ``q_i = 0`` when ``theta > 0``) is worth
        ``ln(1e-12)`` in place of minus infinity, below any payoff reachable
        with positive defence, so it changes no best response.
        """
        import gametheory as gt

        grid = np.unique(np.asarray(levels, dtype=float))
        if grid.size == 0 or not np.all(np.isfinite(grid)) or grid.min() < 0:
            raise InvalidOption("PublicGoodAlliance.normal_form: levels must be finite nonnegative numbers")
        own = [grid[self.price * grid < self.incomes[i]] for i in range(self.incomes.size)]
        if any(g.size == 0 for g in own):
            raise InvalidOption("PublicGoodAlliance.normal_form: some ally can afford none of the levels")
        shape = tuple(g.size for g in own)
        pay = np.empty(shape + (len(own),))
        for idx in np.ndindex(*shape):
            q = np.array([own[i][k] for i, k in enumerate(idx)])
            Q = max(q.sum(), 1e-12)
            for i in range(len(own)):
                pay[idx + (i,)] = self.utility(i, max(q[i], 1e-12) if self.theta > 0 else q[i], Q)
        labels = [[f"{x:g}" for x in g] for g in own]
        return gt.NormalFormGame(pay, players=self.names, strategies=labels, title="public-good alliance on a grid")


def sweep(base: PublicGoodAlliance, **grid: Sequence) -> pd.DataFrame:
    """Solve ``base`` with each combination of the given parameters (``alpha``, ``theta``, ``price``).

    Returns a tidy DataFrame, one row per (parameter point, ally): the
    parameters, the ally, its income, spending and burden share, the Nash
    and efficient totals, the under-provision ratio, the exploitation
    correlation and the certificate (largest gain from re-optimising).
    """
    import itertools

    unknown = sorted(set(grid) - {"alpha", "theta", "price", "incomes", "rho"})
    if unknown:
        raise InvalidOption(f"sweep: unknown parameter {unknown[0]!r}; choose from alpha, theta, price, rho, incomes")
    keys = list(grid)
    rows = []
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dict(zip(keys, values))
        model = PublicGoodAlliance(**{**dict(incomes=base.incomes, alpha=base.alpha, theta=base.theta,
                                            price=base.price, names=base.names, rho=base.rho), **params})
        eq, eff = model.solve(), model.efficient()
        for i, name in enumerate(model.names):
            rows.append({**{k: (tuple(v) if k == "incomes" else v) for k, v in params.items()}, "ally": name,
                         "income": float(model.incomes[i]), "spending": float(eq.contributions[i]),
                         "burden_share": float(eq.burden_shares[i]), "nash_total": eq.total,
                         "efficient_total": eff.total, "under_provision": eq.total / eff.total,
                         "exploitation": eq.exploitation, "burden_gap": eq.burden_gap,
                         "max_gain": eq.certificate.max_gain})
    return pd.DataFrame(rows)


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
