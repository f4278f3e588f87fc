"""Comparative statics of a closed-form equilibrium: derivatives with respect to one parameter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping

import numpy as np
import sympy as sp

from ..errors import InvalidOption
from ._equilibria import SymbolicEquilibrium, _num, _tidy

__all__ = ["ComparativeStatics", "comparative_statics"]


@dataclass(frozen=True, eq=False)
class ComparativeStatics:
    """Derivatives of an equilibrium's probabilities and payoffs with respect to one parameter.

    Attributes
    ----------
    equilibrium : SymbolicEquilibrium
    parameter : sympy.Symbol
    strategies : tuple of tuple of sympy.Expr
        ``d sigma_i(k) / d parameter`` for each player ``i`` and strategy ``k``.
    payoffs : tuple of sympy.Expr
        ``d u_i / d parameter`` for each player (the total derivative: the
        parameter's direct effect on payoffs and its effect through the
        equilibrium strategies).
    point : dict or None
        The parameter point of ``strategy_values`` / ``payoff_values``.
    strategy_values, payoff_values
        The derivatives at ``point`` (Fractions when exact, else floats), or None.
    """

    equilibrium: SymbolicEquilibrium
    parameter: sp.Symbol
    strategies: tuple[tuple[sp.Expr, ...], ...]
    payoffs: tuple[sp.Expr, ...]
    point: dict | None = None
    strategy_values: tuple[np.ndarray, ...] | None = None
    payoff_values: np.ndarray | None = None

    def evaluate(self, values: Mapping[Any, Any]) -> tuple[tuple[np.ndarray, ...], np.ndarray]:
        """The derivatives at a point: ``(strategy derivatives per player, payoff derivatives)``.

        Fractions when the values are rational and so is every derivative, else floats.

        Raises
        ------
        InvalidOption
            If a derivative is undefined at the point.
        """
        point, exact = self.equilibrium.game.point(values, "ComparativeStatics.evaluate")
        strat = [[e.xreplace(point) for e in s] for s in self.strategies]
        pay = [e.xreplace(point) for e in self.payoffs]
        every = [v for s in strat for v in s] + pay
        if any(v.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or not v.is_real for v in every):
            raise InvalidOption(f"ComparativeStatics.evaluate: a derivative is undefined at {dict(values)}")
        exact = exact and all(v.is_Rational for v in every)
        if exact:
            return (tuple(np.array([_num(v) for v in s], dtype=object) for s in strat),
                    np.array([_num(v) for v in pay], dtype=object))
        return (tuple(np.array([float(sp.N(v, 30)) for v in s]) for s in strat),
                np.array([float(sp.N(v, 30)) for v in pay]))

    def to_dict(self) -> dict:
        """A JSON-ready dict; expressions as strings."""
        out = {
            "parameter": str(self.parameter),
            "equilibrium": self.equilibrium.label,
            "strategies": [[str(e) for e in s] for s in self.strategies],
            "payoffs": [str(e) for e in self.payoffs],
        }
        if self.point is not None:
            out["point"] = {str(k): str(v) for k, v in self.point.items()}
            out["strategy_values"] = [[str(v) for v in s] for s in self.strategy_values]
            out["payoff_values"] = [str(v) for v in self.payoff_values]
        return out


def comparative_statics(
    equilibrium: SymbolicEquilibrium, parameter: sp.Symbol | str, at: Mapping[Any, Any] | None = None
) -> ComparativeStatics:
    """How an equilibrium's probabilities and payoffs move with one parameter.

    Parameters
    ----------
    equilibrium : SymbolicEquilibrium
        One equilibrium from :func:`symbolic_equilibria`.
    parameter : Symbol or str
        A parameter of the game, by symbol or name.
    at : dict, optional
        A parameter point at which to also evaluate the derivatives.

    Returns
    -------
    ComparativeStatics
        ``sympy.diff`` of every probability and expected payoff, simplified.

    Raises
    ------
    InvalidOption
        If ``parameter`` is not a parameter of the game, or a derivative is
        undefined at ``at``.

    Notes
    -----
    The derivative is taken inside the region of the equilibrium, where the
    closed form is differentiable (on a boundary it may not be).  Cost: one
    symbolic differentiation and simplification per expression.

    A classic consequence of the indifference conditions: in a completely
    mixed equilibrium of a 2x2 game each player's mix is pinned down by the
    *opponent's* payoffs, so a player's own payoff parameters have no effect
    on their own mixing probability (the "paradox of mixed strategies";
    Tsebelis [1]_ on inspection games: raising the penalty for a violation
    lowers the inspection rate, not the violation rate).

    References
    ----------
    .. [1] G. Tsebelis, "The abuse of probability in political analysis: the
       Robinson Crusoe fallacy", American Political Science Review 83 (1989) 77-91.

    Examples
    --------
    Burden sharing between two allies (chicken): each contributes (C) at
    cost ``c``; the shared defence ``b`` comes if at least one does.

    >>> from gametheory.symbolic import SymbolicGame, symbolic_equilibria
    >>> g = SymbolicGame.from_bimatrix([["b - c", "b - c"], ["b", 0]], [["b - c", "b"], ["b - c", 0]],
    ...                                assumptions=["c > 0", "b > c"])
    >>> mixed = [eq for eq in symbolic_equilibria(g) if not eq.is_pure][0]
    >>> mixed.strategies[0][0]
    (b - c)/b
    >>> cs = comparative_statics(mixed, "c", at={"b": 4, "c": 1})
    >>> cs.strategies[0][0], cs.strategy_values[0][0]
    (-1/b, Fraction(-1, 4))
    """
    if not isinstance(equilibrium, SymbolicEquilibrium):
        raise InvalidOption(
            f"comparative_statics: equilibrium must be a SymbolicEquilibrium, got {type(equilibrium).__name__}")
    params = equilibrium.game.parameters
    by_name = {str(p): p for p in params}
    key = str(parameter) if isinstance(parameter, (str, sp.Symbol)) else None
    if key not in by_name:
        raise InvalidOption(f"comparative_statics: parameter {parameter!r} is not a parameter of the game "
                            f"({sorted(by_name)})")
    p = by_name[key]
    strategies = tuple(tuple(_tidy(sp.diff(e, p)) for e in s) for s in equilibrium.strategies)
    payoffs = tuple(_tidy(sp.diff(e, p)) for e in equilibrium.payoffs)
    result = ComparativeStatics(equilibrium, p, strategies, payoffs)
    if at is None:
        return result
    sv, pv = result.evaluate(at)
    point, _ = equilibrium.game.point(at, "comparative_statics")
    return ComparativeStatics(equilibrium, p, strategies, payoffs, point, sv, pv)
