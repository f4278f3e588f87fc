"""The shared LP layer: float answers agree with HiGHS, exact answers are proofs.

The exact certificate is checked here from first principles -- primal
feasibility, dual feasibility and zero duality gap in rational arithmetic --
so a bug in the certifying simplex cannot hide behind its own bookkeeping.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory._linprog import _ExactLP, solve_lp


def _boxed_lp(draw_ints, n, m):
    A = np.array(draw_ints(m * n, -5, 5), dtype=object).reshape(m, n)
    b = np.array(draw_ints(m, 0, 9), dtype=object)
    box = np.vstack([np.eye(n, dtype=int), -np.eye(n, dtype=int)]).astype(object)
    return np.vstack([A, box]), np.concatenate([b, np.full(2 * n, 10, dtype=object)])


@st.composite
def lps(draw):
    n = draw(st.integers(2, 4))
    m = draw(st.integers(1, 8))
    ints = lambda k, lo, hi: draw(st.lists(st.integers(lo, hi), min_size=k, max_size=k))  # noqa: E731
    A, b = _boxed_lp(ints, n, m)
    c = np.array(ints(n, -3, 3), dtype=object)
    meq = draw(st.integers(0, 1))
    Aeq = np.array(ints(meq * n, -2, 2), dtype=object).reshape(meq, n)
    beq = np.zeros(meq, dtype=object)
    return c, A, b, Aeq, beq


def _assert_proof(c, A, b, Aeq, beq, sol):
    """Optimality by LP duality, checked in rational arithmetic."""
    x, y, z = sol.x, sol.y_ub, sol.y_eq
    assert all(isinstance(v, Fraction) for v in x)
    assert all(s >= 0 for s in b - A.dot(x))
    assert all(v == 0 for v in (Aeq.dot(x) - beq)) if len(beq) else True
    assert all(v >= 0 for v in y)
    stationarity = c + A.T.dot(y) + (Aeq.T.dot(z) if len(beq) else 0)
    assert all(v == 0 for v in stationarity)
    # zero duality gap: c.x == -(b.y + beq.z)
    assert c.dot(x) == -(b.dot(y) + (beq.dot(z) if len(beq) else 0)) == sol.value


@settings(max_examples=80, deadline=None)
@given(lps())
def test_exact_solution_is_a_duality_proof_and_matches_float(lp):
    c, A, b, Aeq, beq = lp
    f = solve_lp(c, A, b, Aeq if len(beq) else None, beq if len(beq) else None)
    e = solve_lp(c, A, b, Aeq if len(beq) else None, beq if len(beq) else None, exact=True)
    assert f.status == e.status
    if f.status == "optimal":
        assert e.exact and e.residual == 0
        _assert_proof(c, A, b, Aeq, beq, e)
        assert abs(float(e.value) - f.value) <= 1e-7 * max(1.0, abs(f.value))
        assert f.residual <= 1e-7


@settings(max_examples=60, deadline=None)
@given(lps(), st.integers(0, 2**32 - 1))
def test_exact_repair_from_a_wrong_basis(lp, seed):
    """Start the certifier far from the optimum: its simplex pivots must still reach a proof."""
    c, A, b, Aeq, beq = lp
    f = solve_lp(c, A, b, Aeq if len(beq) else None, beq if len(beq) else None)
    if f.status != "optimal":
        return
    rng = np.random.default_rng(seed)
    lp_ = _ExactLP(c, A, b, Aeq if len(beq) else np.zeros((0, len(c))), beq)
    sol = lp_.certify(f.x + 3 * rng.normal(size=len(c)), rng.random(len(b)), 1e-9)
    assert sol.status == "optimal"
    _assert_proof(c, A, b, Aeq, beq, sol)


def test_infeasible_and_unbounded_are_statuses():
    A = np.array([[1, 0], [-1, 0]])
    assert solve_lp([0, 0], A, [0, -1]).status == "infeasible"
    assert solve_lp([0, 0], A, [0, -1], exact=True).status == "infeasible"
    assert solve_lp([-1, 0], [[0, 1]], [1]).status == "unbounded"


def test_degenerate_vertex_exact():
    # Many constraints through the optimum (0, 0): a degenerate vertex.
    A = np.array([[-1, 0], [0, -1], [-1, -1], [-2, -1], [-1, -3]])
    sol = solve_lp([1, 1], A, [0, 0, 0, 0, 0], exact=True)
    assert sol.status == "optimal" and list(sol.x) == [0, 0] and sol.value == 0
    _assert_proof(np.array([1, 1], dtype=object), A.astype(object), np.zeros(5, dtype=object),
                  np.zeros((0, 2), dtype=object), np.zeros(0, dtype=object), sol)


def test_fractional_optimum_is_exact():
    # max x + y s.t. 3x + y <= 1, x + 3y <= 1  ->  x = y = 1/4.
    sol = solve_lp([-1, -1], [[3, 1], [1, 3], [-1, 0], [0, -1]], [1, 1, 0, 0], exact=True)
    assert list(sol.x) == [Fraction(1, 4), Fraction(1, 4)]
    assert sol.value == Fraction(-1, 2)


@pytest.mark.parametrize("exact", [False, True])
def test_rank_deficient_equalities_are_tolerated(exact):
    # The same equality twice: a redundant row must not break the basis search.
    sol = solve_lp([1, 2], [[-1, 0], [0, -1]], [0, 0], [[1, 1], [2, 2]], [1, 2], exact=exact)
    assert sol.status == "optimal"
    assert float(sol.value) == pytest.approx(1.0)
