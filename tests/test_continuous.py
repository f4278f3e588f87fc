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
    project_simplex,
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


# ---------------------------------------------------------------------------
# Simplex strategy sets
# ---------------------------------------------------------------------------

def lottery_contest(values, budgets) -> ContinuousGame:
    """Players split budgets over fronts; front k (value v_k) is won with probability x_ik / sum_j x_jk.

    An empty front is shared equally, so the payoff is finite on the whole bounding box.
    """
    v = np.asarray(values, dtype=float)
    n = len(budgets)

    def payoff(i, x):
        total = sum(np.asarray(y) for y in x)
        share = np.divide(x[i], total, out=np.full(v.size, 1.0 / n), where=total > 0)
        return float(np.sum(v * share))

    return ContinuousGame.on_simplices(budgets, v.size, payoff)


def lottery_contest_equilibrium(values, budgets) -> list[np.ndarray]:
    """x_ik = B_i v_k / sum v: every player spreads its budget in proportion to the front values.

    Friedman (1958, Operations Research 6, 699-709) for two players; for n players the first-order
    conditions v_k X_{-i,k} / X_k^2 = lambda_i hold with X_k = v_k S / V and X_{-i,k} = v_k (S - B_i) / V
    (S = sum B, V = sum v): the left side is (S - B_i) V / S^2 for every k, and each payoff
    x / (x + c) is concave, so this interior point is an equilibrium.
    """
    v = np.asarray(values, dtype=float)
    return [b * v / v.sum() for b in budgets]


def lottery_best_response(values, others, budget) -> np.ndarray:
    """argmax sum v_k x_k / (x_k + Y_k) over the simplex: x_k = max(0, mu sqrt(v_k Y_k) - Y_k), sum x = budget."""
    from scipy.optimize import brentq

    v, Y = np.asarray(values, dtype=float), np.asarray(others, dtype=float)
    r = np.sqrt(v * Y)
    mu = brentq(lambda m: np.maximum(0.0, m * r - Y).sum() - budget, 0.0, (budget + Y.sum()) / r.min(), xtol=1e-15)
    return np.maximum(0.0, mu * r - Y)


contest_cases = [([1.0, 2.0, 3.0], [1.0, 1.0]), ([1.0, 2.0, 3.0, 0.5], [2.0, 1.0]), ([5.0, 1.0, 2.0], [1.0, 2.0, 3.0])]


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("values,budgets", contest_cases)
def test_lottery_contest_on_simplices_closed_form(method, values, budgets):
    g = lottery_contest(values, budgets)
    expected = lottery_contest_equilibrium(values, budgets)
    assert certify(g, expected).passed
    r = METHODS[method](g)
    for x, e, b in zip(r.profile, expected, budgets):
        assert np.allclose(x, e, atol=1e-6)
        assert np.all(x >= 0) and x.sum() == pytest.approx(b, abs=1e-12)
    assert r.certificate.passed and r.converged
    # Each player's payoff is sum_k v_k B_i / S: the share of its budget in the total.
    assert np.allclose(r.payoffs, np.sum(values) * np.asarray(budgets) / np.sum(budgets), atol=1e-6)


def test_lottery_best_response_closed_form_is_a_best_response():
    # The helper the certificate tests rely on: its first-order conditions hold on the support.
    v, Y = np.array([1.0, 2.0, 3.0]), np.array([0.1, 0.5, 0.05])
    x = lottery_best_response(v, Y, 1.0)
    marg = v * Y / (x + Y) ** 2
    assert x.sum() == pytest.approx(1.0) and np.ptp(marg[x > 0]) < 1e-9
    assert np.all(marg[x == 0] <= marg[x > 0].max() + 1e-12)


@settings(max_examples=20)
@given(
    values=st.lists(st.floats(0.5, 5.0), min_size=2, max_size=4),
    budgets=st.lists(st.floats(0.5, 3.0), min_size=2, max_size=2),
    k=st.integers(0, 1),
    seed=st.integers(0, 10_000),
    size=st.floats(0.05, 1.0),
)
def test_simplex_certificate_detects_a_wrong_point(values, budgets, k, seed, size):
    g = lottery_contest(values, budgets)
    x = lottery_contest_equilibrium(values, budgets)
    # Move player k to a random point of its simplex, part of the way.
    target = budgets[k] * np.random.default_rng(seed).dirichlet(np.ones(len(values)))
    x[k] = (1 - size) * x[k] + size * target
    cert = certify(g, x)
    others = x[1 - k]
    br = lottery_best_response(values, others, budgets[k])
    y = list(x)
    y[k] = br
    true_gain = g.payoff(k, y) - g.payoff(k, x)
    # The search finds the true gain of the closed-form best response (a lower bound in general).
    assert cert.gains[k] == pytest.approx(true_gain, rel=1e-5, abs=1e-9)
    assert cert.deviations[k].sum() == pytest.approx(budgets[k], abs=1e-12) and np.all(cert.deviations[k] >= 0)
    assert cert.passed == (true_gain <= cert.bound)
    assert np.all(cert.gains >= 0)


def test_simplex_and_box_players_mixed():
    # Player 0 on the simplex of budget 1 in R^3 with u_0 = -|x - t - 0.3 y|^2: BR_0(y) = P(t + 0.3 y);
    # player 1 in the box [-2, 2]^3 with u_1 = -|y - s - 0.3 x|^2: BR_1(x) = clip(s + 0.3 x).
    # The best-response map is a 0.09-contraction; its fixed point is found by iterating the closed forms.
    t, s = np.array([0.9, 0.4, -0.3]), np.array([-0.5, 1.5, 0.2])

    def payoff(i, x):
        own, other, c = (x[0], x[1], t) if i == 0 else (x[1], x[0], s)
        return -float(np.sum((own - c - 0.3 * other) ** 2))

    g = ContinuousGame([[0, 0, 0], [-2, -2, -2]], [[1, 1, 1], [2, 2, 2]], payoff, simplex=[1.0, None])
    x, y = g.center()
    for _ in range(60):
        x, y = project_simplex(t + 0.3 * y), np.clip(s + 0.3 * x, -2, 2)
    for solve in METHODS.values():
        r = solve(g)
        assert np.allclose(r.profile[0], x, atol=1e-6) and np.allclose(r.profile[1], y, atol=1e-6)
        assert r.profile[0].sum() == pytest.approx(1.0, abs=1e-12)
    assert x.min() == 0.0  # the equilibrium sits on a face of the simplex: the projection is doing work


def test_center_clip_and_simplex_field():
    g = ContinuousGame.on_simplices([3.0, 2.0], [3, 1], _zero, players=["a", "b"])
    assert g.simplex == (3.0, 2.0) and g.dims == (3, 1) and g.is_simplex(0)
    assert np.array_equal(g.center()[0], [1.0, 1.0, 1.0]) and np.array_equal(g.center()[1], [2.0])
    clipped = g.clip([[4.0, -1.0, 1.0], [7.0]])
    assert np.allclose(clipped[0], [3.0, 0.0, 0.0]) and np.array_equal(clipped[1], [2.0])
    box = ContinuousGame([0, 0], [1, 1], _zero)
    assert box.simplex == (None, None) and not box.is_simplex(1)
    # A one-dimensional simplex is the single point {budget}: solvers return it.
    one = ContinuousGame.on_simplices([2.0], 1, lambda i, x: -float(x[0][0]) ** 2)
    assert np.array_equal(best_response_iteration(one).profile[0], [2.0])


def _brute_force_projection(v: np.ndarray, b: float) -> np.ndarray:
    """Enumerate every support S: the KKT point on S is x_S = v_S - theta, theta = (sum v_S - b) / |S|."""
    best, best_d = None, np.inf
    for mask in range(1, 2 ** v.size):
        S = np.array([(mask >> k) & 1 for k in range(v.size)], dtype=bool)
        x = np.zeros_like(v)
        x[S] = v[S] - (v[S].sum() - b) / S.sum()
        if x.min() >= 0 and np.sum((x - v) ** 2) < best_d:
            best, best_d = x, np.sum((x - v) ** 2)
    return best


points_st = st.integers(1, 6).flatmap(
    lambda d: st.lists(st.lists(st.floats(-10.0, 10.0), min_size=d, max_size=d), min_size=1, max_size=4)
)


@settings(max_examples=60)
@given(points=points_st, budget=st.floats(0.01, 20.0))
def test_projection_onto_simplex_properties(points, budget):
    v = np.array(points)
    p = project_simplex(v, budget)
    assert p.shape == v.shape
    assert np.all(p >= 0) and np.allclose(p.sum(axis=1), budget, rtol=1e-12, atol=1e-12)
    assert np.allclose(project_simplex(p, budget), p, atol=1e-12)
    for row, prow in zip(v, p):
        # Vectorised rows agree with single points, and with the minimiser found by support enumeration.
        assert np.array_equal(project_simplex(row, budget), prow)
        assert np.allclose(prow, _brute_force_projection(row, budget), atol=1e-9)
        # Characterisation of the projection: (v - p) . (z - p) <= 0 for every vertex z of the simplex.
        assert np.all((budget * np.eye(row.size) - prow) @ (row - prow) <= 1e-9 * max(1.0, budget * np.abs(row).max()))


def test_projection_with_entries_far_beyond_the_budget():
    # 1e20 - 1 rounds to 1e20: the support rule must still pick a support and return a simplex point.
    assert np.array_equal(project_simplex([1e20, 0.0, -3.0], 1.0), [1.0, 0.0, 0.0])
    p = project_simplex([-1e20, -1e20 + 1e5, 0.0], 2.0)
    assert np.all(p >= 0) and p.sum() == pytest.approx(2.0)


@settings(max_examples=15)
@given(point=st.lists(st.floats(-5.0, 5.0), min_size=2, max_size=5), budget=st.floats(0.1, 5.0))
def test_projection_matches_cvxpy_qp(point, budget):
    cp = pytest.importorskip("cvxpy")
    v = np.array(point)
    x = cp.Variable(v.size)
    cp.Problem(cp.Minimize(cp.sum_squares(x - v)), [x >= 0, cp.sum(x) == budget]).solve(solver=cp.CLARABEL)
    assert np.allclose(project_simplex(v, budget), x.value, atol=1e-6)


@pytest.mark.parametrize(
    "budgets,dims,match",
    [
        ([1.0, 0.0], 2, "positive"),
        ([1.0, -2.0], 2, "positive"),
        ([float("nan")], 2, "NaN"),
        ([float("inf")], 2, "positive and finite"),
        ([1.0], 0, "dims"),
        ([1.0, 1.0], [2], "dimensions"),
        ([], 2, "at least one"),
        ([True], 2, "positive number"),
        (["x"], 2, "positive number"),
    ],
)
def test_invalid_simplices(budgets, dims, match):
    with pytest.raises(InvalidGame, match=match):
        ContinuousGame.on_simplices(budgets, dims, _zero)


def test_invalid_simplex_argument_and_projection_input():
    with pytest.raises(InvalidGame, match="simplex has 1 entries for 2 players"):
        ContinuousGame([0, 0], [1, 1], _zero, simplex=[1.0])
    with pytest.raises(InvalidGame, match="bounding box"):
        ContinuousGame([[0, 0]], [[1, 2]], _zero, simplex=[2.0])
    with pytest.raises(InvalidGame, match="bounding box"):
        ContinuousGame([[0.5, 0]], [[2, 2]], _zero, simplex=[2.0])
    with pytest.raises(InvalidGame, match="NaN"):
        ContinuousGame([[0, 0]], [[1, 1]], _zero, simplex=[float("nan")])
    with pytest.raises(InvalidGame, match="budget"):
        ContinuousGame([[0, 0]], [[0, 0]], _zero, simplex=[0.0])
    with pytest.raises(InvalidGame, match="project_simplex: budget"):
        project_simplex([1.0, 2.0], -1.0)
    with pytest.raises(InvalidGame, match="shape"):
        project_simplex(np.zeros((2, 0)))
    with pytest.raises(InvalidGame, match="NaN"):
        project_simplex([1.0, float("nan")])
    g = ContinuousGame.on_simplices([1.0], 2, _zero)
    with pytest.raises(InvalidGame, match="dimension"):
        extragradient(g, start=[[0.5, 0.2, 0.3]])
