"""An example plugin: benchmark your own solver against ours and the peers in a few lines.

The solver below finds the maximin strategies of a two-player zero-sum game
with two calls to ``scipy.optimize.linprog`` (von Neumann's minimax theorem:
the row player maximises ``v`` subject to ``x^T A >= v``, and symmetrically for
the column player).  On games that are not zero-sum its answer is not an
equilibrium, and the benchmark reports it as ``wrong``.

Run it with::

    gametheory bench --plugin benchmarks/plugins/zero_sum_lp.py \\
        --solvers example.zero-sum-lp gametheory.lemke-howson quantecon.lemke-howson \\
        --classes zero-sum --sizes 8 16 32 64
"""

import numpy as np
from scipy.optimize import linprog

from gametheory.bench import Solver, register_solver


def _maximin(M):
    """Row player's maximin mixed strategy of payoff matrix M (rows: own strategies)."""
    m, n = M.shape
    # variables (x_1..x_m, v): maximise v s.t. M^T x >= v, sum x = 1, x >= 0
    c = np.r_[np.zeros(m), -1.0]
    A_ub = np.c_[-M.T, np.ones(n)]
    res = linprog(c, A_ub=A_ub, b_ub=np.zeros(n), A_eq=np.r_[np.ones(m), 0.0][None], b_eq=[1.0],
                  bounds=[(0, None)] * m + [(None, None)], method="highs")
    return res.x[:m]


def prepare(game):
    A, B = game.bimatrix(exact=False)  # untimed: conversion to numpy
    return lambda: [(_maximin(A), _maximin(B.T))]  # timed: both LPs


register_solver(Solver("example.zero-sum-lp", prepare=prepare, finds="one", library="example",
                       description="maximin LPs with scipy.optimize.linprog (zero-sum games only)"), replace=True)
