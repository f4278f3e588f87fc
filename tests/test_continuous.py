"""Tests of gametheory.continuous: closed forms, agreement of the three solvers, invariances, certificates, errors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory.continuous import (
    AggregativeGame,
    ContinuousGame,
    ContinuousResult,
    NotConverged,
    aggregative_equilibrium,
    best_response_iteration,
    certify,
    extragradient,
    replacement_function,
)
from gametheory.errors import InvalidGame, InvalidOption, InvalidPayoffs, SolverError


# ---------------------------------------------------------------------------
# Games with closed forms
# ---------------------------------------------------------------------------

def cournot(n: int, a: float = 10.0, b: float = 1.0, costs=None) -> ContinuousGame:
    """Linear-demand Cournot oligopoly: u_i = q_i (a - b Q) - c_i q_i on [0, a/b]."""
    c = np.full(n, 1.0) if costs is None else np.asarray(costs, dtype=float)

    def payoff(i, x):
        Q = sum(float(y[0]) for y in x)
        return float(x[i][0]) * (a - b * Q - c[i])

    return ContinuousGame([0.0] * n, [a / b] * n, payoff)


def cournot_aggregative(n: int, a: float = 10.0, b: float = 1.0, c: float = 1.0) -> AggregativeGame:
    return AggregativeGame([0.0] * n, [a / b] * n, lambda i, q, Q: q * (a - b * Q - c))


def cournot_asymmetric_equilibrium(a: float, b: float, c) -> np.ndarray:
    """Interior Cournot equilibrium with costs c: q_i = (a - (n+1) c_i + sum c) / (b (n+1))."""
    c = np.asarray(c, dtype=float)
    n = c.size
    return (a - (n + 1) * c + c.sum()) / (b * (n + 1))


def public_good(incomes, alpha: float, marginal: bool = False, closed_form: bool = False) -> AggregativeGame:
    """Cobb-Douglas public good u_i = (1 - alpha) ln(I_i - q_i) + alpha ln Q (Bergstrom-Blume-Varian 1986)."""
    I = np.asarray(incomes, dtype=float)

    def utility(i, q, Q):
        return (1 - alpha) * np.log(I[i] - q) + alpha * np.log(Q)

    def marg(i, q, Q):
        return -(1 - alpha) / (I[i] - q) + alpha / Q

    def repl(i, Q):
        return max(0.0, I[i] - (1 - alpha) * Q / alpha)

    # Upper bounds just below the incomes keep ln(I_i - q_i) finite on the whole box.
    return AggregativeGame(
        [0.0] * I.size, list(I * (1 - 1e-6)), utility,
        marginal=marg if marginal else None, replacement=repl if closed_form else None,
    )


def public_good_closed_form(incomes, alpha: float) -> np.ndarray:
    """Nash contributions of the Cobb-Douglas public good.

    The best response to Q_{-i} is q_i = max(0, alpha I_i - (1 - alpha) Q_{-i}),
    i.e. r_i(Q) = max(0, I_i - (1 - alpha) Q / alpha); with contributor set C
    (the k richest), Q = alpha sum_C I_i / (alpha + (1 - alpha) k), and C is
    the k for which exactly the k richest have I_i > (1 - alpha) Q / alpha.
    """
    I = np.asarray(incomes, dtype=float)
    order = np.argsort(-I)
    for k in range(1, I.size + 1):
        top = I[order[:k]]
        Q = alpha * top.sum() / (alpha + (1 - alpha) * k)
        thresh = (1 - alpha) * Q / alpha
        nxt = I[order[k]] if k < I.size else -np.inf
        if top.min() > thresh and nxt <= thresh:
            return np.maximum(0.0, I - thresh)
    raise AssertionError("no consistent contributor set")


def flat(result: ContinuousResult) -> np.ndarray:
    return np.concatenate(result.profile)


METHODS = {
    "best_response": lambda g: best_response_iteration(g),
    "extragradient": lambda g: extragradient(g),
}


# ---------------------------------------------------------------------------
# Closed forms
# ---------------------------------------------------------------------------

@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("n,a,b", [(2, 10.0, 1.0), (3, 10.0, 2.0), (4, 7.0, 0.5)])
def test_cournot_closed_form(method, n, a, b):
    # Cournot (1838); with linear demand P = a - bQ and unit cost c: q* = (a - c) / (b (n + 1)).
    r = METHODS[method](cournot(n, a, b))
    assert np.allclose(flat(r), (a - 1.0) / (b * (n + 1)), atol=1e-6)
    assert r.certificate.passed and r.max_gain <= r.certificate.bound
    assert r.method == method and r.converged


@pytest.mark.parametrize("n,a,b", [(2, 10.0, 1.0), (3, 10.0, 2.0), (5, 7.0, 0.5)])
def test_cournot_aggregative(n, a, b):
    r = aggregative_equilibrium(cournot_aggregative(n, a, b))
    assert np.allclose(flat(r), (a - 1.0) / (b * (n + 1)), atol=1e-8)
    assert r.method == "aggregative" and r.certificate.passed


@pytest.mark.parametrize(
    "incomes,alpha",
    [([10.0, 7.0, 1.0], 0.4), ([4.0, 1.0], 0.5), ([5.0, 5.0, 5.0], 0.3), ([8.0, 3.0, 2.5, 0.5], 0.6)],
)
def test_public_good_closed_form_all_methods(incomes, alpha):
    expected = public_good_closed_form(incomes, alpha)
    # All instances but the third have non-contributors.
    exact = aggregative_equilibrium(public_good(incomes, alpha, marginal=True))
    assert np.allclose(flat(exact), expected, atol=1e-11)
    numeric = aggregative_equilibrium(public_good(incomes, alpha))
    assert np.allclose(flat(numeric), expected, atol=1e-8)
    closed = aggregative_equilibrium(public_good(incomes, alpha, closed_form=True))
    assert np.allclose(flat(closed), expected, atol=1e-12)
    cont = public_good(incomes, alpha).as_continuous()
    for solve in METHODS.values():
        assert np.allclose(flat(solve(cont)), expected, atol=1e-5)
    # Best response of every contributor: q_i = alpha I_i - (1 - alpha) Q_{-i}; others would give <= 0.
    q = flat(exact)
    I = np.asarray(incomes)
    others = q.sum() - q
    br = alpha * I - (1 - alpha) * others
    assert np.allclose(q, np.maximum(0.0, br), atol=1e-10)


def test_public_good_has_non_contributors():
    q = public_good_closed_form([10.0, 7.0, 1.0], 0.4)
    assert q[2] == 0.0 and q[0] > 0 and q[1] > 0


@settings(max_examples=15)
@given(
    incomes=st.lists(st.floats(0.5, 20.0), min_size=2, max_size=4),
    alpha=st.floats(0.1, 0.9),
)
def test_public_good_aggregative_matches_closed_form(incomes, alpha):
    expected = public_good_closed_form(incomes, alpha)
    r = aggregative_equilibrium(public_good(incomes, alpha, marginal=True))
    assert np.allclose(flat(r), expected, atol=1e-9 * max(incomes))
    assert r.certificate.passed


def test_replacement_function_public_good():
    g = public_good([4.0, 1.0], 0.5)
    for Q in (0.5, 1.0, 2.5, 3.5):
        assert replacement_function(g, 0, Q) == pytest.approx(max(0.0, 4.0 - Q), abs=1e-9)


def test_vector_strategies_methods_agree():
    # u_i = -|x_i - t_i - 0.3 x_j|^2: best responses are affine, equilibrium solves a linear system.
    t = [np.array([1.0, -0.5]), np.array([0.2, 0.4])]

    def payoff(i, x):
        j = 1 - i
        return -float(np.sum((x[i] - t[i] - 0.3 * x[j]) ** 2))

    g = ContinuousGame([[-2, -2], [-2, -2]], [[2, 2], [2, 2]], payoff)
    x0 = np.linalg.solve(np.array([[1.0, -0.3], [-0.3, 1.0]]), np.array([t[0], t[1]]))
    for solve in METHODS.values():
        r = solve(g)
        assert np.allclose(r.profile[0], x0[0], atol=1e-6) and np.allclose(r.profile[1], x0[1], atol=1e-6)


def test_extragradient_solves_bilinear_zero_sum():
    # (x - 1/2)(y - 1/2): unique interior saddle point; the extragradient step is what makes it converge.
    def payoff(i, x):
        v = (x[0][0] - 0.5) * (x[1][0] - 0.5)
        return v if i == 0 else -v

    g = ContinuousGame([0, 0], [1, 1], payoff)
    r = extragradient(g, start=[[0.9], [0.2]])
    assert np.allclose(flat(r), [0.5, 0.5], atol=1e-6)


def test_user_gradient_used_and_checked():
    n, a, b = 3, 10.0, 1.0

    def grad(i, x):
        Q = sum(float(y[0]) for y in x)
        return np.array([a - b * Q - b * float(x[i][0]) - 1.0])

    g = cournot(n, a, b)
    good = ContinuousGame(g.lower, g.upper, g.payoff, grad)
    assert np.allclose(flat(extragradient(good)), 9.0 / 4, atol=1e-6)
    # A wrong gradient drives the iteration to a wrong point; the independent certificate refuses it.
    bad = ContinuousGame(g.lower, g.upper, g.payoff, lambda i, x: grad(i, x) + 1.0)
    with pytest.raises(NotConverged) as info:
        extragradient(bad)
    assert info.value.certificate.max_gain > info.value.certificate.bound


# ---------------------------------------------------------------------------
# Invariances (hypothesis)
# ---------------------------------------------------------------------------

costs_st = st.lists(st.floats(0.0, 2.0), min_size=2, max_size=3)


@settings(max_examples=15)
@given(costs=costs_st, k=st.integers(0, 2), scale=st.floats(0.1, 10.0), shift=st.floats(-50.0, 50.0))
def test_equilibrium_invariant_under_affine_payoff_transformation(costs, k, scale, shift):
    n = len(costs)
    k %= n
    g = cournot(n, costs=costs)
    h = ContinuousGame(g.lower, g.upper, lambda i, x: scale * g.payoff(i, x) + shift if i == k else g.payoff(i, x))
    x = flat(extragradient(g))
    y = flat(extragradient(h))
    assert np.allclose(x, y, atol=1e-6)
    assert np.allclose(x, cournot_asymmetric_equilibrium(10.0, 1.0, costs), atol=1e-6)


@settings(max_examples=12)
@given(costs=costs_st, perm_seed=st.integers(0, 10_000))
def test_equilibrium_equivariant_under_relabelling(costs, perm_seed):
    n = len(costs)
    perm = np.random.default_rng(perm_seed).permutation(n)
    x = flat(best_response_iteration(cournot(n, costs=costs), xtol=1e-8))
    y = flat(best_response_iteration(cournot(n, costs=[costs[p] for p in perm]), xtol=1e-8))
    # Player j of the relabelled game is player perm[j] of the original.
    assert np.allclose(y, x[perm], atol=1e-6)


@settings(max_examples=20)
@given(costs=costs_st, k=st.integers(0, 2), delta=st.floats(0.1, 1.5), sign=st.sampled_from([-1.0, 1.0]))
def test_certificate_detects_a_wrong_point(costs, k, delta, sign):
    n = len(costs)
    k %= n
    g = cournot(n, costs=costs)
    q = cournot_asymmetric_equilibrium(10.0, 1.0, costs)
    assert certify(g, [[v] for v in q]).passed
    moved = q.copy()
    moved[k] = np.clip(moved[k] + sign * delta, 0.0, 10.0)
    cert = certify(g, [[v] for v in moved])
    # Player k's payoff is concave quadratic with curvature b = 1: its gain is exactly (q_k - q*_k)^2.
    d = moved[k] - q[k]
    assert cert.gains[k] == pytest.approx(d * d, rel=1e-5, abs=1e-9)
    assert not cert.passed and cert.max_gain >= cert.gains[k]
    assert np.all(cert.gains >= 0)


# ---------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------

def _zero(i, x):
    return 0.0


@pytest.mark.parametrize(
    "lower,upper,match",
    [
        ([0, 1], [1, 0], "empty"),
        ([0, float("nan")], [1, 1], "NaN"),
        ([0, 0], [1, float("inf")], "infinite"),
        ([0, 0], [1], "players"),
        ([[0, 0], 0], [[1, 1], [1, 1]], "dimension"),
        ([], [], "at least one"),
    ],
)
def test_invalid_boxes(lower, upper, match):
    with pytest.raises(InvalidGame, match=match):
        ContinuousGame(lower, upper, _zero)


def test_invalid_payoff_callable_and_names():
    with pytest.raises(InvalidGame, match="callable"):
        ContinuousGame([0], [1], 3.0)
    with pytest.raises(InvalidGame, match="names"):
        ContinuousGame([0, 0], [1, 1], _zero, players=["a"])
    with pytest.raises(InvalidGame, match="empty"):
        AggregativeGame([0, 2], [1, 1], lambda i, q, Q: 0.0)


@pytest.mark.parametrize("bad", [float("nan"), float("inf")])
def test_non_finite_payoff(bad):
    g = ContinuousGame([0, 0], [1, 1], lambda i, x: bad if x[0][0] > 0.7 else float(x[i][0]))
    for solve in (best_response_iteration, extragradient):
        with pytest.raises(InvalidPayoffs, match="player"):
            solve(g)


def test_non_convergence_carries_best_point_and_certificate():
    g = cournot(3)
    with pytest.raises(NotConverged) as info:
        best_response_iteration(g, start=[[0.0], [0.0], [0.0]], damping=0.9, max_iter=2)
    err = info.value
    assert isinstance(err, SolverError)
    assert isinstance(err.best, ContinuousResult) and not err.best.converged
    assert err.best.iterations == 2 and not err.certificate.passed
    assert err.certificate.max_gain > err.certificate.bound
    with pytest.raises(NotConverged) as info:
        extragradient(g, max_iter=3)
    assert len(info.value.best.profile) == 3


def test_bad_options():
    g = cournot(2)
    with pytest.raises(InvalidOption, match="damping"):
        best_response_iteration(g, damping=1.0)
    with pytest.raises(InvalidOption, match="tol"):
        extragradient(g, tol=-1)
    with pytest.raises(InvalidOption, match="max_iter"):
        extragradient(g, max_iter=0)
    with pytest.raises(InvalidOption, match="step"):
        extragradient(g, step=float("nan"))
    with pytest.raises(InvalidGame, match="AggregativeGame"):
        aggregative_equilibrium(g)
    with pytest.raises(InvalidGame, match="dimension"):
        best_response_iteration(g, start=[[1.0, 2.0], [1.0]])
