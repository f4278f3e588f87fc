"""Tests of models.alliance_formation: the join-or-stand-alone game, Skaperdas (1998), coalitions."""

from __future__ import annotations

import doctest
import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import models.alliance_formation as af
from gametheory.errors import GameError, InvalidGame, InvalidOption, NotSupported
from models.alliance_formation import (
    AllianceFormation,
    SkaperdasContest,
    contest_probability,
    sweep,
)


def test_doctests():
    failures, tried = doctest.testmod(af)
    assert tried > 0 and failures == 0


# ----------------------------------------------------------------------------- strategies
caps_st = st.lists(st.integers(1, 9), min_size=2, max_size=3)
cost_st = st.fractions(min_value=0, max_value=Fraction(1, 4), max_denominator=20)


@st.composite
def models_st(draw, max_states=3):
    caps = draw(st.lists(st.integers(1, 9), min_size=2, max_size=max_states))
    n = len(caps)
    return AllianceFormation(
        capabilities=caps,
        rival=draw(st.integers(1, 15)),
        decisiveness=draw(st.integers(1, 4)),
        autonomy_cost=draw(st.lists(cost_st, min_size=n, max_size=n)),
        burden_cost=draw(st.lists(cost_st, min_size=n, max_size=n)),
        spillover=draw(st.fractions(0, 1, max_denominator=10)),
    )


def pure_sets(res):
    return {eq.members for eq in res.equilibria if eq.pure}


# ----------------------------------------------------------------------------- the N-state game
@settings(max_examples=30, deadline=None)
@given(models_st())
def test_every_equilibrium_is_certified(model):
    res = model.solve(exact=True)
    game = model.game(exact=True)
    assert len(res.pure) >= 1  # nobody joining is always an equilibrium
    for eq in res.equilibria:
        if eq.pure:
            assert eq.regret == 0 and game.max_regret(eq.profile, exact=True) == 0
        else:
            assert float(game.to_float().max_regret(eq.profile, exact=False)) <= 1e-7
    assert () in pure_sets(res)


@settings(max_examples=40, deadline=None)
@given(models_st(max_states=4), st.data())
def test_relabelling_states_permutes_equilibria(model, data):
    n = model.n
    perm = data.draw(st.permutations(range(n)))
    moved = AllianceFormation(
        capabilities=[model.capabilities[k] for k in perm],
        rival=model.rival,
        decisiveness=model.decisiveness,
        autonomy_cost=[model.autonomy_cost[k] for k in perm],
        burden_cost=[model.burden_cost[k] for k in perm],
        spillover=model.spillover,
        labels=[model.labels[k] for k in perm],
    )
    a = model.solve(exact=True, mixed=False)
    b = moved.solve(exact=True, mixed=False)
    assert {frozenset(s) for s in pure_sets(a)} == {frozenset(s) for s in pure_sets(b)}
    cls_a = {frozenset(zip(model.labels, eq.classification)) for eq in a.equilibria}
    cls_b = {frozenset(zip(moved.labels, eq.classification)) for eq in b.equilibria}
    assert cls_a == cls_b
    assert set(a.cooperative.riker or ()) == set(b.cooperative.riker or ())


@settings(max_examples=40, deadline=None)
@given(models_st(), st.fractions(Fraction(1, 7), 10, max_denominator=7))
def test_scaling_capabilities_changes_nothing(model, c):
    scaled = AllianceFormation(
        capabilities=[Fraction(x) * c for x in model.capabilities],
        rival=Fraction(model.rival) * c,
        decisiveness=model.decisiveness,
        autonomy_cost=model.autonomy_cost,
        burden_cost=model.burden_cost,
        spillover=model.spillover,
    )
    assert np.array_equal(model.game(exact=True).payoffs, scaled.game(exact=True).payoffs)
    assert contest_probability(model.capabilities[0], model.rival, model.decisiveness, exact=True) == \
        contest_probability(scaled.capabilities[0], scaled.rival, scaled.decisiveness, exact=True)
    a, b = model.solve(exact=True, mixed=False), scaled.solve(exact=True, mixed=False)
    assert pure_sets(a) == pure_sets(b)
    assert [eq.classification for eq in a.equilibria] == [eq.classification for eq in b.equilibria]
    assert np.array_equal(a.cooperative.game.values, b.cooperative.game.values)


@settings(max_examples=40, deadline=None)
@given(models_st(max_states=4))
def test_classification_matches_its_definition(model):
    res = model.solve(exact=True, mixed=False)
    caps = [Fraction(x) for x in model.capabilities]
    r0 = Fraction(model.rival)
    for eq in res.equilibria:
        idx = [model.labels.index(x) for x in eq.members]
        R = sum((caps[i] for i in idx), Fraction(0))
        assert eq.alliance_capability == R
        assert eq.win_probability == (0 if R == 0 else R ** model.decisiveness / (R ** model.decisiveness + r0 ** model.decisiveness))
        for i, label in enumerate(eq.classification):
            if i not in idx:
                assert label == "alone"
            else:
                side = R - caps[i]
                assert label == ("balance" if side < r0 else "bandwagon" if side > r0 else "tie")


@settings(max_examples=30, deadline=None)
@given(models_st())
def test_pure_equilibria_are_exactly_the_unprofitable_profiles(model):
    # an independent check of the game's construction: recompute payoffs by hand
    caps = [Fraction(x) for x in model.capabilities]
    r0, m, sigma = Fraction(model.rival), model.decisiveness, Fraction(model.spillover)
    a = [Fraction(x) for x in model.autonomy_cost]
    b = [Fraction(x) for x in model.burden_cost]

    def p(R):
        return Fraction(0) if R == 0 else R ** m / (R ** m + r0 ** m)

    def u(i, members):
        R = sum((caps[k] for k in members), Fraction(0))
        if i in members:
            return p(R) - a[i] - b[i] * caps[i] / R
        q = p(caps[i])
        return q + sigma * (1 - q) * p(R)

    n = model.n
    expected = set()
    for joined in itertools.product([True, False], repeat=n):
        A = {i for i in range(n) if joined[i]}
        if all(u(i, A) >= u(i, A ^ {i}) for i in range(n)):
            expected.add(tuple(model.labels[i] for i in sorted(A)))
    assert pure_sets(model.solve(exact=True, mixed=False)) == expected


def test_float_and_exact_agree():
    model = AllianceFormation([2, 3, 4], rival=6, decisiveness=2, autonomy_cost="1/20", burden_cost=0.1)
    ex, fl = model.solve(exact=True), model.solve(exact=False)
    assert pure_sets(ex) == pure_sets(fl)
    assert fl.max_regret <= 1e-7
    assert len(fl.equilibria) == len(ex.equilibria)


def test_balancing_and_bandwagoning_example():
    # a rival of 10 against states 6 and 5: neither can win alone, 6 joins the weaker side (5 < 10)
    res = AllianceFormation([6, 5], rival=10, decisiveness=3).solve(exact=True)
    eq = next(e for e in res.equilibria if e.pure and e.members)
    assert eq.members == ("1", "2") and eq.classification == ("balance", "balance")
    assert eq.alignment == "balancing"
    # against a weak rival, joining a side that already beats it is bandwagoning
    res = AllianceFormation([6, 5], rival=4, decisiveness=3).solve(exact=True)
    eq = next(e for e in res.equilibria if e.pure and e.members == ("1", "2"))
    assert eq.alignment == "bandwagoning"


def test_mixed_equilibria_are_found_for_small_n_and_skipped_for_large_n():
    small = AllianceFormation([2, 3, 4], rival=6, decisiveness=2, autonomy_cost="1/20").solve()
    assert small.mixed is not None and small.mixed.complete
    assert any(not eq.pure for eq in small.equilibria)
    big = AllianceFormation([1, 2, 3, 4, 5], rival=9, decisiveness=2).solve(exact=True)
    assert big.mixed is None and big.status == "pure-only"
    with pytest.raises(NotSupported, match="mixed=True"):
        AllianceFormation([1, 2, 3, 4, 5], rival=9).solve(mixed=True)


def test_non_integer_decisiveness_in_exact_mode_rounds_then_solves_exactly():
    model = AllianceFormation([1, 2], rival=2, decisiveness="3/2")
    assert not model.rational
    res = model.solve(exact=True)
    assert all(eq.regret == 0 for eq in res.equilibria if eq.pure)


# ----------------------------------------------------------------------------- coalitions
@settings(max_examples=40, deadline=None)
@given(models_st(max_states=5))
def test_riker_picks_the_lightest_winning_coalition_which_is_minimal(model):
    co = model.coalitions(exact=True)
    caps = dict(zip(model.labels, (Fraction(x) for x in model.capabilities)))
    total = sum(caps.values())
    r0 = Fraction(model.rival)
    brute = [S for k in range(1, model.n + 1) for S in itertools.combinations(model.labels, k)
             if sum(caps[x] for x in S) > r0 + total - sum(caps[x] for x in S)]
    assert set(co.winning) == set(brute)
    minimal = [S for S in brute if not any(set(T) < set(S) for T in brute)]
    assert set(co.minimal_winning) == set(minimal)
    if not brute:
        assert co.riker is None
    else:
        weight = sum(caps[x] for x in co.riker)
        assert weight == min(sum(caps[x] for x in S) for S in brute) == co.riker_capability
        assert co.riker in co.minimal_winning
    for S in co.winning:  # winning means beating everyone else combined: v(S) > 1/2
        assert co.game.value(list(S)) > Fraction(1, 2)


@settings(max_examples=20, deadline=None)
@given(models_st(max_states=4))
def test_core_stable_structures_are_optimal_with_certified_points(model):
    co = model.coalitions(exact=True)
    cs = co.core_stable
    for P, x in zip(cs.structures, cs.points):
        assert sum(co.game.value(B) for B in P.blocks) == cs.value
        # Aumann-Dreze core: efficient on each block, no coalition gets more than x gives it
        for B in P.blocks:
            assert sum(x[i] for i in range(model.n) if B >> i & 1) == co.game.value(B)
        for S in range(1, 1 << model.n):
            assert sum(x[i] for i in range(model.n) if S >> i & 1) >= co.game.value(S)


def test_riker_published_style_example():
    # states 5, 4, 3, 2 against a rival of 3: total 14; a winning coalition needs R_S > (17 - R_S)
    co = AllianceFormation([5, 4, 3, 2], rival=3, decisiveness=1).coalitions(exact=True)
    assert co.riker == ("1", "2") and co.riker_capability == 9
    assert ("1", "2") in co.minimal_winning and ("1", "3", "4") in co.minimal_winning


# ----------------------------------------------------------------------------- Skaperdas (1998)
RESOURCES = [1, 2, 3, 5, 7, 11]
DECISIVENESS = ["1/3", "1/2", "4/5", "9/10", "11/10", "3/2", 2, 3, 5]


@pytest.mark.parametrize("m", DECISIVENESS)
def test_skaperdas_1998_alliance_iff_increasing_returns_and_weakest_two_ally(m):
    """Skaperdas (1998), Public Choice 96, 25-42: in the three-person/one-cake problem an
    alliance forms iff the CSF has increasing returns (here m > 1), formed by the weaker two."""
    increasing = Fraction(m) > 1
    exact = Fraction(m).denominator == 1
    for r in itertools.permutations(RESOURCES, 3):
        res = SkaperdasContest(r, decisiveness=m).solve(exact=exact)
        weakest = tuple(sorted(np.argsort(r)[:2].tolist()))
        if increasing:
            assert res.stable == [weakest], (r, m, res.stable)
        else:
            assert res.stable == [None], (r, m, res.stable)
        assert all(c <= 0 for c in res.certificates)
        assert all((g > 0) == increasing for g in res.alliance_gains.values())


def test_skaperdas_constant_returns_makes_every_structure_weakly_stable():
    res = SkaperdasContest([1, 2, 4], decisiveness=1).solve(exact=True)
    assert res.stable == list(res.structures) and res.alliance is None
    assert all(c == 0 for c in res.certificates)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(1, 30), min_size=3, max_size=3, unique=True), st.integers(1, 4),
       st.fractions(Fraction(1, 5), 5, max_denominator=6))
def test_skaperdas_payoffs_are_probabilities_and_scale_free(r, m, c):
    a = SkaperdasContest(r, decisiveness=m).payoffs(exact=True)
    b = SkaperdasContest([Fraction(x) * c for x in r], decisiveness=m).payoffs(exact=True)
    assert np.array_equal(a, b)
    assert all(sum(row) == 1 for row in a) and (a > 0).all()


# ----------------------------------------------------------------------------- sweep
def test_sweep_alliance_formation_is_tidy():
    base = AllianceFormation([2, 3, 4], rival=6)
    df = sweep(base, decisiveness=[1, 2], autonomy_cost=[0, "1/10"], mixed=False)
    assert {"decisiveness", "autonomy_cost", "equilibrium", "members", "alignment", "regret", "riker"} <= set(df.columns)
    assert set(df["decisiveness"]) == {1.0, 2.0} and set(df["autonomy_cost"]) == {0.0, 0.1}
    assert (df["regret"] <= 1e-9).all()
    assert len(df.groupby(["decisiveness", "autonomy_cost"])) == 4


def test_sweep_skaperdas():
    df = sweep(SkaperdasContest([3, 1, 2]), decisiveness=[0.5, 2, 3])
    assert list(df["alliance"]) == ["none", "2+3", "2+3"]


# ----------------------------------------------------------------------------- validation
@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(capabilities=[1], rival=1), "2 to 10"),
        (dict(capabilities=[1, -1], rival=1), r"capabilities\[1\] must be positive"),
        (dict(capabilities=[1, 2], rival=0), "rival"),
        (dict(capabilities=[1, 2], rival=1, decisiveness=0), "decisiveness"),
        (dict(capabilities=[1, float("nan")], rival=1), "capabilities"),
        (dict(capabilities=[1, 2], rival=1, spillover=2), "spillover"),
        (dict(capabilities=[1, 2], rival=1, autonomy_cost=[1, 2, 3]), "autonomy_cost has 3 entries"),
        (dict(capabilities=[1, 2], rival=1, burden_cost=-1), "burden_cost"),
        (dict(capabilities=[1, 2], rival=1, labels=["a", "a"]), "repeat"),
        (dict(capabilities=[[1, 2]], rival=1), "one-dimensional"),
        (dict(capabilities=[1, "x"], rival=1), "capabilities"),
    ],
)
def test_bad_parameters_raise_clear_errors(kwargs, match):
    with pytest.raises(InvalidGame, match=match):
        AllianceFormation(**kwargs)


def test_bad_options_raise_clear_errors():
    model = AllianceFormation([1, 2], rival=1)
    with pytest.raises(InvalidOption, match="exact"):
        model.solve(exact="yes")
    with pytest.raises(InvalidOption, match="mixed"):
        model.solve(mixed="auto")
    with pytest.raises(InvalidOption, match="unknown parameter"):
        sweep(model, prize=[1])
    with pytest.raises(InvalidOption, match="iterable"):
        sweep(model, rival=3)
    with pytest.raises(InvalidGame, match="3 entries"):
        SkaperdasContest([1, 2])
    with pytest.raises(GameError):
        contest_probability(-1, 2)
