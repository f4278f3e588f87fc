"""Tests of models.ratification: two-level games (Putnam 1988), Schelling's conjecture, Iida's uncertainty."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.bargaining import nash_solution
from gametheory.errors import GameError, InvalidGame, InvalidOption, NoAgreement, NotSupported
from models.ratification import (
    InvalidTwoLevelGame,
    Ratifier,
    RatificationResult,
    TwoLevelGame,
    ratification_risk,
    schelling_curve,
    solve,
    sweep,
)

F = Fraction

# ---------------------------------------------------------------------- strategies
fractions = st.fractions(min_value=0, max_value=1, max_denominator=20)
radii = st.fractions(min_value=F(1, 20), max_value=F(3, 2), max_denominator=20)
saliences = st.fractions(min_value=F(1, 4), max_value=4, max_denominator=8)


@st.composite
def one_issue_games(draw):
    """One issue, both sides ratified, rational data."""
    ra = Ratifier([draw(st.fractions(min_value=0, max_value=F(3, 2), max_denominator=20))], draw(radii))
    rb = Ratifier([draw(st.fractions(min_value=F(-1, 2), max_value=1, max_denominator=20))], draw(radii))
    return TwoLevelGame(salience_a=[draw(saliences)], salience_b=[draw(saliences)], ratifier_a=ra, ratifier_b=rb)


@st.composite
def multi_issue_games(draw, k=2, norms=("chebyshev", "manhattan", "euclidean")):
    norm = draw(st.sampled_from(norms))
    a = [draw(saliences) for _ in range(k)]
    b = [draw(saliences) for _ in range(k)]
    ra = Ratifier([draw(st.fractions(min_value=F(1, 2), max_value=F(3, 2), max_denominator=10)) for _ in range(k)], draw(radii), norm)
    rb = Ratifier([draw(st.fractions(min_value=F(-1, 2), max_value=F(1, 2), max_denominator=10)) for _ in range(k)], draw(radii), norm)
    return TwoLevelGame(salience_a=a, salience_b=b, ratifier_a=ra, ratifier_b=rb)


def _in_ball(rat: Ratifier, x) -> bool:
    """Independent membership check: plain float distances under the ratifier's norm."""
    diff = np.asarray(x, dtype=float) - np.asarray(rat.ideal, dtype=float)
    dist = {"euclidean": np.linalg.norm(diff), "manhattan": np.abs(diff).sum(), "chebyshev": np.abs(diff).max()}[rat.norm]
    return dist <= float(rat.radius) + 1e-9


# ---------------------------------------------------------------------- worked cases
def test_one_issue_hawkish_ratifier_binds_exactly():
    # Putnam (1988) Fig. 1: A's win-set [7/10, 1] excludes the unconstrained split 1/2
    game = TwoLevelGame(ratifier_a=Ratifier([1], F(3, 10)))
    res = solve(game, exact=True)
    assert res.exact and res.agreed
    assert list(res.agreement) == [F(7, 10)]
    assert list(res.utilities) == [F(7, 10), F(3, 10)]
    assert res.margins[0] == 0 and res.margins[1] is None
    assert res.binding == ("ratifier A",)
    assert res.certificate["bargaining_residual"] == 0
    assert "agreement x = (7/10)" in str(res)


def test_disjoint_win_sets_give_no_agreement():
    game = TwoLevelGame(ratifier_a=Ratifier([1], F(3, 10)), ratifier_b=Ratifier([0], F(3, 5)))
    res = solve(game, exact=True)
    assert not res.agreed and res.status == "no_agreement"
    assert res.agreement is None and list(res.utilities) == [0, 0]
    assert "no agreement" in str(res)
    with pytest.raises(NoAgreement):
        solve(game, allow_disagreement=False)
    assert not solve(game, "rubinstein").agreed
    with pytest.raises(NoAgreement):
        solve(game, "rubinstein", allow_disagreement=False)


def test_rubinstein_under_win_sets_closed_form():
    # A's floor 1/2 binds B's proposal: y1 = 1/2, so A proposes x2 = delta_B * 1/2 (Rubinstein 1982 logic)
    game = TwoLevelGame(ratifier_a=Ratifier([1], F(1, 2)), ratifier_b=Ratifier([0], F(3, 5)))
    res = solve(game, "rubinstein", deltas=(0.9, 0.9))
    assert res.agreed and not res.exact
    assert np.allclose(res.agreement, [0.55], atol=1e-7)
    assert np.allclose(res.utilities, [0.55, 0.45], atol=1e-7)
    # unconstrained: the classic 1/(1 + delta) split
    free = solve(TwoLevelGame(), "rubinstein", deltas=(0.9, 0.9))
    assert np.allclose(free.shares, [1 / 1.9, 0.9 / 1.9], atol=1e-7)


def test_multi_issue_linkage_and_exact_polytopes():
    # A cares more about issue 1, B about issue 2: each gets "its" issue (logrolling)
    g = TwoLevelGame(salience_a=[2, 1], salience_b=[1, 2])
    res = solve(g, exact=True)
    assert list(res.agreement) == [1, 0] and list(res.utilities) == [2, 2]
    g3 = TwoLevelGame(salience_a=[2, 1, 1], salience_b=[1, 2, 1],
                      ratifier_a=Ratifier([1, 1, 1], 1, "chebyshev"), ratifier_b=Ratifier([0, 0, 0], 2, "chebyshev"))
    r3 = solve(g3, exact=True)
    assert list(r3.agreement) == [1, 0, F(1, 2)] and r3.exact


def test_euclidean_disc_is_inscribed_and_checked_exactly():
    g = TwoLevelGame(salience_a=[2, 1], salience_b=[1, 2], ratifier_a=Ratifier([1, 1], F(7, 10)),
                     ratifier_b=Ratifier([0, 0], F(6, 5)))
    res = solve(g, exact=True)
    assert res.exact and res.certificate["inscribed"]
    x = res.agreement
    assert (x[0] - 1) ** 2 + (x[1] - 1) ** 2 <= F(49, 100)  # inside the true disc, proved in rationals
    fl = solve(g)
    assert np.allclose(np.asarray(fl.agreement, dtype=float), np.asarray(x, dtype=float), atol=1e-6)
    # the polygon loses little: the Nash product is within (pi/64)^2 relative of the finer polygon's
    fine = solve(TwoLevelGame(salience_a=[2, 1], salience_b=[1, 2], ratifier_a=Ratifier([1, 1], F(7, 10)),
                              ratifier_b=Ratifier([0, 0], F(6, 5)), facets=512))
    prod = lambda r: float(r.utilities[0]) * float(r.utilities[1])  # noqa: E731
    assert prod(fine) >= prod(fl) - 1e-9 and prod(fine) - prod(fl) <= 0.01 * prod(fine)


def test_from_status_quo():
    assert Ratifier.from_status_quo([1], [F(1, 2)]).radius == F(1, 2)
    assert Ratifier.from_status_quo([0, 0], [3, 4]).radius == 5
    assert Ratifier.from_status_quo([0, 0], [1, 1], "manhattan").radius == 2
    r = Ratifier.from_status_quo([0, 0], [1, 1])
    assert isinstance(r.radius, float) and abs(r.radius - 2 ** 0.5) < 1e-15


def test_schelling_curve_rises_then_breaks():
    # Schelling (1960), Putnam (1988) p. 440: tied hands help, until the win-sets no longer meet
    game = TwoLevelGame(ratifier_a=Ratifier([1], F(1, 2)), ratifier_b=Ratifier([0], F(4, 5)))
    df = schelling_curve(game, "A", [0, F(1, 10), F(1, 5), F(3, 10), F(2, 5)], exact=True)
    assert df["agreement_exists"].tolist() == [True, True, True, True, False]
    assert np.allclose(df["share_A"], [0.5, 0.6, 0.7, 0.8, 0.0])
    ok = df[df["agreement_exists"]]
    assert ok["share_A"].is_monotonic_increasing
    rub = schelling_curve(game, "A", [0, F(1, 10), F(1, 5), F(3, 10)], method="rubinstein")
    assert rub["share_A"].is_monotonic_increasing
    # the same for B, whose government favours small x
    dfb = schelling_curve(game, "B", [0, F(1, 5), F(2, 5)], exact=True)
    assert dfb.loc[dfb["agreement_exists"], "share_B"].is_monotonic_increasing


def test_ratification_risk_exact():
    # Iida (1993): the governments push to the edge of the believed win-set; a more hawkish
    # realisation of the ratifier rejects the deal (involuntary defection)
    g = TwoLevelGame(ratifier_a=Ratifier([1], F(3, 10)))
    risk = ratification_risk(g, "A", [F(9, 10), 1, F(11, 10)], [F(1, 4), F(1, 2), F(1, 4)], exact=True)
    assert list(risk.accepted) == [True, True, False]
    assert risk.failure_probability == F(1, 4)
    assert list(risk.expected_utilities) == [F(3, 4) * F(7, 10), F(3, 4) * F(3, 10)]
    none = ratification_risk(TwoLevelGame(ratifier_a=Ratifier([1], F(3, 10)), ratifier_b=Ratifier([0], F(1, 2))), "A", [1, F(11, 10)])
    assert none.failure_probability is None and not none.negotiated.agreed


def test_sweep_tidy_and_expected_outcome_falls_with_uncertainty():
    game = TwoLevelGame(ratifier_a=Ratifier([1], F(2, 5)), ratifier_b=Ratifier([0], F(9, 10)))
    df = sweep(game, side="A", hawkishness=[0, F(1, 10)], spread=[0, F(1, 20), F(1, 5)],
               methods=("nash", "rubinstein"), support=5)
    assert len(df) == 2 * 2 * 3
    cols = {"method", "side", "hawkishness", "spread", "agreement_exists", "x1", "utility_A", "utility_B",
            "share_A", "share_B", "failure_probability", "expected_utility_A", "expected_utility_B", "binding"}
    assert cols <= set(df.columns)
    for (_, _), grp in df.groupby(["method", "hawkishness"]):
        grp = grp.sort_values("spread")
        assert grp["failure_probability"].is_monotonic_increasing
        assert grp["expected_utility_A"].is_monotonic_decreasing
        assert grp["failure_probability"].iloc[0] == 0
    nash = df[(df["method"] == "nash") & (df["spread"] > 0)]
    assert (nash["failure_probability"] > 0).all()


def test_sweep_multi_issue_columns():
    g = TwoLevelGame(salience_a=[2, 1], salience_b=[1, 2], ratifier_a=Ratifier([1, 1], F(1, 2), "chebyshev"),
                     ratifier_b=Ratifier([0, 0], F(3, 2), "chebyshev"))
    df = sweep(g, side="B", hawkishness=[0, F(1, 4)], spread=[0, F(1, 10)], support=3)
    assert {"x1", "x2"} <= set(df.columns) and len(df) == 4


# ---------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    "kwargs, match",
    [
        ({"salience_a": [1, -1]}, "positive"),
        ({"salience_a": [1, 2], "salience_b": [1]}, "issues"),
        ({"salience_a": [float("nan")]}, "finite"),
        ({"disagreement": [0, 0, 0]}, "d_A, d_B"),
        ({"disagreement": [2, 0]}, "between 0"),
        ({"ratifier_a": "hawk"}, "Ratifier or None"),
        ({"ratifier_a": Ratifier([1, 1], 1)}, "2 issues but the game has 1"),
        ({"salience_a": [1, 1, 1], "ratifier_a": Ratifier([1, 1, 1], 1)}, "not a polytope"),
        ({"facets": 3}, "facets"),
        ({"salience_a": []}, "empty"),
    ],
)
def test_game_validation(kwargs, match):
    with pytest.raises(InvalidTwoLevelGame, match=match) as info:
        TwoLevelGame(**kwargs)
    assert isinstance(info.value, InvalidGame) and "TwoLevelGame" in str(info.value)


def test_ratifier_and_call_validation():
    with pytest.raises(InvalidTwoLevelGame, match="radius must be >= 0"):
        Ratifier([1], -1)
    with pytest.raises(InvalidTwoLevelGame, match="norm"):
        Ratifier([1], 1, "l3")
    with pytest.raises(InvalidTwoLevelGame, match="number"):
        Ratifier(["abc"], 1)
    g = TwoLevelGame(ratifier_a=Ratifier([1], F(1, 2)))
    with pytest.raises(InvalidOption, match="method"):
        solve(g, "kalai")
    with pytest.raises(InvalidOption, match="game must be"):
        solve("game")
    with pytest.raises(InvalidOption, match="deltas"):
        solve(g, "rubinstein", deltas=(0.9,))
    with pytest.raises(InvalidOption):
        solve(g, "rubinstein", deltas=(1.5, 0.9))
    with pytest.raises(NotSupported):
        solve(g, "rubinstein", exact=True)
    with pytest.raises(InvalidOption, match="side"):
        sweep(g, side="C")
    with pytest.raises(InvalidOption, match="no ratifier"):
        sweep(g, side="B")
    with pytest.raises(InvalidOption, match="spread"):
        sweep(g, spread=[-1])
    with pytest.raises(InvalidOption, match="no ratifier"):
        ratification_risk(g, "B", [0])
    with pytest.raises(InvalidTwoLevelGame, match="sum to 1"):
        ratification_risk(g, "A", [1, 2], [F(1, 2), F(1, 3)])
    with pytest.raises(InvalidTwoLevelGame, match="ideals"):
        ratification_risk(g, "A", [[1, 2]])
    with pytest.raises(GameError):
        g.with_hawkishness("B", 1)


# ---------------------------------------------------------------------- properties
@settings(max_examples=40)
@given(one_issue_games())
def test_agreement_lies_in_both_win_sets_one_issue(game):
    res = solve(game, exact=True)
    if res.agreed:
        assert res.exact
        x = res.agreement
        for rat, m in zip((game.ratifier_a, game.ratifier_b), res.margins):
            assert abs(x[0] - rat.ideal[0]) <= rat.radius and m >= 0
        assert 0 <= x[0] <= 1
        assert res.utilities[0] > game.disagreement[0] and res.utilities[1] > game.disagreement[1]
    else:
        # no agreement: the two intervals, inside [0, 1], leave no point with both gains positive
        lo = max(0, game.ratifier_a.ideal[0] - game.ratifier_a.radius, game.ratifier_b.ideal[0] - game.ratifier_b.radius)
        hi = min(1, game.ratifier_a.ideal[0] + game.ratifier_a.radius, game.ratifier_b.ideal[0] + game.ratifier_b.radius)
        assert lo > hi or hi <= 0 or lo >= 1


@settings(max_examples=25)
@given(multi_issue_games())
def test_agreement_lies_in_both_win_sets_multi_issue(game):
    for method in ("nash", "rubinstein"):
        res = solve(game, method)
        if res.agreed:
            assert _in_ball(game.ratifier_a, res.agreement) and _in_ball(game.ratifier_b, res.agreement)
            assert np.all(np.asarray(res.agreement, dtype=float) >= -1e-9)
            assert np.all(np.asarray(res.agreement, dtype=float) <= 1 + 1e-9)


@settings(max_examples=40)
@given(one_issue_games(), st.fractions(min_value=0, max_value=F(1, 2), max_denominator=20),
       st.sampled_from(["A", "B"]))
def test_hawkish_shift_never_lowers_own_nash_share(game, h, side):
    before = solve(game, exact=True)
    after = solve(game.with_hawkishness(side, h), exact=True)
    if before.agreed and after.agreed:
        i = 0 if side == "A" else 1
        assert after.shares[i] >= before.shares[i]


@settings(max_examples=40)
@given(one_issue_games(), st.fractions(min_value=0, max_value=1, max_denominator=20))
def test_shrinking_win_set_never_lowers_own_nash_share(game, t):
    # a genuine subset: A's ratifier sits at (or beyond) A's end of the line and its radius shrinks,
    # so only the agreements best for B leave A's win-set
    ideal = [max(F(1), game.ratifier_a.ideal[0])]
    wide = game.with_ratifier("A", Ratifier(ideal, game.ratifier_a.radius))
    narrow = game.with_ratifier("A", Ratifier(ideal, game.ratifier_a.radius * t))
    before, after = solve(wide, exact=True), solve(narrow, exact=True)
    if before.agreed and after.agreed:
        assert after.shares[0] >= before.shares[0]


def test_schelling_fails_across_issues():
    # The limit of the conjecture with several issues: A's ratifier forces a concession on issue 1,
    # which B values as much as A does; the Nash bargain takes it back on issue 2, which A values
    # twice as much, so A ends up worse off although its win-set shrank (found by hypothesis).
    base = dict(salience_a=[F(1, 4), F(1, 2)], salience_b=[F(1, 4), F(1, 4)],
                ratifier_b=Ratifier([0, 0], F(17, 20), "chebyshev"))
    wide = solve(TwoLevelGame(ratifier_a=Ratifier([1, 1], F(7, 9), "chebyshev"), **base), exact=True)
    narrow = solve(TwoLevelGame(ratifier_a=Ratifier([1, 1], F(7, 18), "chebyshev"), **base), exact=True)
    assert wide.shares[0] == F(17, 27) and narrow.shares[0] == F(11, 18)
    assert narrow.shares[0] < wide.shares[0]


@settings(max_examples=30)
@given(st.lists(saliences, min_size=1, max_size=3).flatmap(
    lambda a: st.tuples(st.just(a), st.lists(saliences, min_size=len(a), max_size=len(a)))),
    st.tuples(fractions, fractions))
def test_no_domestic_constraint_gives_plain_nash(ab, d):
    a, b = ab
    dis = (d[0] * sum(a) / 3, d[1] * sum(b) / 3)  # d inside the pie, below its frontier
    game = TwoLevelGame(salience_a=a, salience_b=b, disagreement=dis)
    res = solve(game, exact=True)
    plain = nash_solution(game.problem(constrained=False), exact=True)
    assert list(res.utilities) == list(plain.utilities)
    assert res.binding == ()
    # a ratifier whose win-set holds the whole box changes nothing either
    big = Ratifier([F(1, 2)] * len(a), len(a), "chebyshev")
    loose = solve(TwoLevelGame(salience_a=a, salience_b=b, disagreement=dis, ratifier_a=big, ratifier_b=big), exact=True)
    assert list(loose.utilities) == list(plain.utilities)


@settings(max_examples=30)
@given(one_issue_games(), st.fractions(min_value=0, max_value=F(1, 2), max_denominator=20))
def test_failure_probability_is_a_probability_and_expected_outcome_below_agreement(game, s):
    r = game.ratifier_a
    ideals = [r.ideal[0] - s, r.ideal[0], r.ideal[0] + s]
    risk = ratification_risk(game, "A", ideals, exact=True)
    if risk.negotiated.agreed:
        p = risk.failure_probability
        assert 0 <= p <= F(2, 3)  # the believed ideal point (the mean) always accepts
        assert risk.accepted[1]
        assert all(e <= u for e, u in zip(risk.expected_utilities, risk.negotiated.utilities))
        assert p == sum(F(1, 3) for acc in risk.accepted if not acc)
    else:
        assert risk.failure_probability is None


def test_result_types():
    res = solve(TwoLevelGame(ratifier_a=Ratifier([1], F(3, 10))))
    assert isinstance(res, RatificationResult) and not res.exact
    assert res.agreement.flags.writeable is False
