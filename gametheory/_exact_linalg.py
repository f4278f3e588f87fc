"""Small exact linear algebra over the rationals (Fractions), for certificates.

These routines serve the exact modes of the solvers on systems of modest size
(tens of unknowns); the heavy lifting in exact vertex enumeration and
Lemke-Howson is done by fraction-free integer pivoting inside those modules.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

__all__ = ["solve_exact", "rank_exact"]


def _eliminate(rows: list[list[Fraction]], ncols: int) -> tuple[list[list[Fraction]], list[int]]:
    """Reduced row echelon form in place; returns the rows and the pivot columns."""
    pivots: list[int] = []
    r = 0
    for c in range(ncols):
        p = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if p is None:
            continue
        rows[r], rows[p] = rows[p], rows[r]
        piv = rows[r][c]
        if piv != 1:
            rows[r] = [v / piv for v in rows[r]]
        pr = rows[r]
        for i in range(len(rows)):
            if i != r:
                f = rows[i][c]
                if f != 0:
                    rows[i] = [a - f * b for a, b in zip(rows[i], pr)]
        pivots.append(c)
        r += 1
        if r == len(rows):
            break
    return rows, pivots


def solve_exact(
    matrix: Sequence[Sequence[Fraction]], rhs: Sequence[Fraction]
) -> list[Fraction] | None:
    """The unique solution of ``matrix @ z = rhs``, or None if there is none or it is not unique.

    ``matrix`` may have more rows than columns (an overdetermined but
    consistent system is solved exactly).  Cost ``O(r * c^2)`` Fraction operations.
    """
    ncols = len(matrix[0]) if len(matrix) else 0
    rows = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(matrix, rhs)]
    rows, pivots = _eliminate(rows, ncols + 1)
    if ncols in pivots:  # a pivot in the right-hand side column: inconsistent
        return None
    if len(pivots) < ncols:
        return None
    return [rows[k][ncols] for k in range(ncols)]


def rank_exact(matrix: Sequence[Sequence[Fraction]]) -> int:
    """Rank of a rational matrix."""
    if not len(matrix):
        return 0
    rows = [[Fraction(v) for v in row] for row in matrix]
    _, pivots = _eliminate(rows, len(rows[0]))
    return len(pivots)
