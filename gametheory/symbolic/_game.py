"""Normal-form games whose payoffs are sympy expressions in named parameters.

Conventions are those of :class:`gametheory.NormalFormGame`: ``payoffs`` has
shape ``(n_0, ..., n_{N-1}, N)`` and ``payoffs[s_0, ..., s_{N-1}, i]`` is
player ``i``'s payoff; each entry here is a sympy expression in the game's
``parameters``.  Text such as ``"b - c"`` is read by a small parser that walks
Python's syntax tree and accepts only numbers, names, ``+ - * / **``, brackets
and the functions ``sqrt``, ``exp``, ``log``, ``Abs``: nothing is ever passed
to ``eval``, so a payoff string cannot run code.  Decimal literals are read
exactly (``"0.1"`` is 1/10), as are Python floats (by their shortest decimal).
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from numbers import Rational
from typing import Any, Mapping, Sequence

import numpy as np
import sympy as sp

from .._numbers import to_fraction
from ..errors import GameError, InvalidGame, InvalidPayoffs
from ..game import NormalFormGame

__all__ = ["SymbolicGame", "parse_expression"]

_FUNCTIONS = {"sqrt": sp.sqrt, "exp": sp.exp, "log": sp.log, "Abs": sp.Abs}
_BINARY = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: a**b,
}
_COMPARE = {ast.Lt: sp.StrictLessThan, ast.LtE: sp.LessThan, ast.Gt: sp.StrictGreaterThan, ast.GtE: sp.GreaterThan}
_MAX_TEXT = 2000
_MAX_EXPONENT = 64


def parse_expression(
    text: str,
    symbols: Mapping[str, sp.Symbol] | None = None,
    *,
    relational: bool = False,
    where: str = "expression",
    error: type[GameError] = InvalidPayoffs,
) -> sp.Basic:
    """Read ``text`` as a sympy expression without evaluating any Python code.

    Parameters
    ----------
    text : str
        Arithmetic on numbers and names: ``+ - * / **``, unary signs,
        brackets and ``sqrt``, ``exp``, ``log``, ``Abs``.  With
        ``relational=True`` comparisons ``< <= > >=`` (chains too, as in
        ``"0 < p < 1"``) are allowed as well.
    symbols : mapping of str to Symbol, optional
        Names resolved to these symbols; any other name becomes ``Symbol(name)``.
    where : str
        Names the input in error messages.
    error : exception class
        Raised (with a message naming ``where``) when the text is not such an expression.

    Examples
    --------
    >>> parse_expression("b - c/2")
    b - c/2
    >>> parse_expression("0.1*x")
    x/10
    """
    if not isinstance(text, str):
        raise error(f"{where} must be a string, got {type(text).__name__}")
    if len(text) > _MAX_TEXT:
        raise error(f"{where} is longer than {_MAX_TEXT} characters")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        raise error(f"{where} is {text!r}, which is not an arithmetic expression") from None
    names = dict(symbols or {})

    def bad(node: ast.AST) -> GameError:
        part = ast.get_source_segment(text.strip(), node) or type(node).__name__
        return error(f"{where} is {text!r}: {part!r} is not allowed (only numbers, parameter names, "
                     "+ - * / **, brackets and sqrt/exp/log/Abs)")

    def walk(node: ast.AST) -> Any:
        if isinstance(node, ast.Constant):
            value = node.value
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise bad(node)
            if isinstance(value, int):
                return sp.Integer(value)
            source = ast.get_source_segment(text.strip(), node) or repr(value)
            return sp.Rational(to_fraction(source, where=where))
        if isinstance(node, ast.Name):
            if node.id not in names:
                names[node.id] = sp.Symbol(node.id)
            return names[node.id]
        if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Pow) and right.is_number and abs(right) > _MAX_EXPONENT:
                # a huge power (2**10**10) would hang sympy: refuse it up front
                raise error(f"{where} is {text!r}: the exponent {right} is larger than {_MAX_EXPONENT}")
            return _BINARY[type(node.op)](left, right)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
            inner = walk(node.operand)
            return -inner if isinstance(node.op, ast.USub) else inner
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FUNCTIONS
                and not node.keywords and len(node.args) == 1):
            return _FUNCTIONS[node.func.id](walk(node.args[0]))
        if relational and isinstance(node, ast.Compare) and all(type(op) in _COMPARE for op in node.ops):
            terms = [walk(node.left)] + [walk(c) for c in node.comparators]
            rels = [_COMPARE[type(op)](a, b) for op, a, b in zip(node.ops, terms, terms[1:])]
            return sp.And(*rels)
        raise bad(node)

    try:
        return walk(tree.body)
    except (ZeroDivisionError, OverflowError, ValueError, TypeError) as exc:
        raise error(f"{where} is {text!r}, which sympy cannot build: {exc}") from None


def _expression(value: Any, where: str, names: Mapping[str, sp.Symbol]) -> sp.Expr:
    """One payoff as a finite real sympy expression."""
    if isinstance(value, (bool, np.bool_)):
        raise InvalidPayoffs(f"{where} is the boolean {value}, not a payoff")
    if isinstance(value, (int, np.integer)):
        return sp.Integer(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(float(value)):
            raise InvalidPayoffs(f"{where} is {float(value)}, not a finite number")
        return sp.Rational(to_fraction(value, where=where))
    if isinstance(value, (Rational, Decimal)):
        return sp.Rational(to_fraction(value, where=where))
    if isinstance(value, str):
        expr = parse_expression(value, names, where=where)
    elif isinstance(value, sp.Basic):
        expr = value
    else:
        raise InvalidPayoffs(f"{where} is {value!r} of type {type(value).__name__}, not a number or expression")
    if not isinstance(expr, sp.Expr) or isinstance(expr, sp.core.relational.Relational):
        raise InvalidPayoffs(f"{where} is {expr}, which is not an arithmetic expression")
    if expr.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or expr.has(sp.I):
        raise InvalidPayoffs(f"{where} is {expr}, not a finite real payoff")
    return expr


def _symbol(p: Any, where: str) -> sp.Symbol:
    if isinstance(p, sp.Symbol):
        return p
    if isinstance(p, str) and p.isidentifier():
        return sp.Symbol(p)
    raise InvalidGame(f"{where}: {p!r} is not a sympy Symbol or a parameter name")


_KEYWORDS = {
    "positive": lambda s: s > 0,
    "negative": lambda s: s < 0,
    "nonnegative": lambda s: s >= 0,
    "nonpositive": lambda s: s <= 0,
}


def read_assumptions(
    assumptions: Any, parameters: Sequence[sp.Symbol], where: str, error: type[GameError] = InvalidGame
) -> tuple[sp.Basic, ...]:
    """Assumptions as a tuple of sympy relationals on the parameters.

    Accepts None, one relational or string, a sequence of them, or a dict
    mapping a parameter (symbol or name) to ``"positive"``, ``"negative"``,
    ``"nonnegative"``, ``"nonpositive"`` or an open interval ``(lo, hi)``
    (``None`` for no bound).
    """
    if assumptions is None:
        return ()
    names = {str(p): p for p in parameters}
    items: list[Any] = []
    if isinstance(assumptions, Mapping):
        for key, spec in assumptions.items():
            name = str(key)
            if name not in names:
                raise error(f"{where}: assumption on {name!r}, which is not a parameter ({sorted(names)})")
            s = names[name]
            if isinstance(spec, str) and spec in _KEYWORDS:
                items.append(_KEYWORDS[spec](s))
            elif isinstance(spec, (tuple, list)) and len(spec) == 2:
                lo, hi = spec
                if lo is not None:
                    items.append(s > _expression(lo, f"{where} lower bound of {name}", names))
                if hi is not None:
                    items.append(s < _expression(hi, f"{where} upper bound of {name}", names))
            else:
                raise error(f"{where}: assumption {spec!r} on {name!r} must be one of {sorted(_KEYWORDS)} "
                            "or an interval (lo, hi)")
    elif isinstance(assumptions, (str, sp.Basic)):
        items = [assumptions]
    else:
        try:
            items = list(assumptions)
        except TypeError:
            raise error(f"{where}: assumptions must be a dict, a relational or a list of them") from None
    out: list[sp.Basic] = []
    for k, item in enumerate(items):
        label = f"{where}: assumption {k}"
        rel = parse_expression(item, names, relational=True, where=label, error=error) if isinstance(item, str) else item
        if not isinstance(rel, sp.Basic):
            raise error(f"{label} is {item!r}, not a sympy relational such as c > 0")
        parts = rel.args if isinstance(rel, sp.And) else (rel,)
        for part in parts:
            if part is sp.true:
                continue
            if part is sp.false:
                raise error(f"{label} is {item!r}, which is always false")
            if not isinstance(part, (sp.StrictGreaterThan, sp.GreaterThan, sp.StrictLessThan, sp.LessThan, sp.Ne)):
                raise error(f"{label} is {part}, not an inequality (< <= > >= or !=)")
            stray = {str(s) for s in part.free_symbols} - set(names)
            if stray:
                raise error(f"{label} ({part}) uses {sorted(stray)}, which are not parameters ({sorted(names)})")
            # the caller's Symbol('c') and ours may differ in sympy assumptions: use ours
            out.append(part.xreplace({s: names[str(s)] for s in part.free_symbols}))
    return tuple(out)


def _exact_value(v: Any) -> bool:
    if isinstance(v, (bool, np.bool_)):
        return False
    if isinstance(v, (int, np.integer, Rational, Decimal, str)):
        return True
    return isinstance(v, sp.Basic) and bool(getattr(v, "is_Rational", False))


@dataclass(frozen=True, eq=False)
class SymbolicGame:
    """A normal-form game whose payoffs are sympy expressions in named parameters.

    Parameters
    ----------
    payoffs : array_like or sequence of array_like
        One array of shape ``(n_0, ..., n_{N-1}, N)`` or a list/tuple of ``N``
        per-player arrays of shape ``(n_0, ..., n_{N-1})`` (numpy arrays or
        sympy matrices; nested lists that fit both readings are refused as
        ambiguous, as in :class:`~gametheory.NormalFormGame`).  Entries are
        numbers, sympy expressions or strings such as ``"b - c"``.
    parameters : sequence of Symbol or str, optional
        The parameters, in this order.  By default the free symbols of the
        payoffs, sorted by name.  Names in payoff strings resolve to these.
    assumptions : dict, relational, str or sequence, optional
        What is known about the parameters, e.g. ``["c > 0", "b > c"]`` or
        ``{"c": "positive"}``; used to simplify equilibrium conditions.
    players, strategies, title
        Labels, as in :class:`~gametheory.NormalFormGame`.

    Raises
    ------
    InvalidPayoffs
        Mis-shaped payoffs, entries that are not arithmetic expressions (or
        not finite or not real), free symbols that are not parameters.
    InvalidGame
        Fewer than two players, empty strategy sets, bad labels or assumptions.

    Examples
    --------
    An alliance security dilemma: two allies each defend (D) or shirk (S);
    defence costs ``c`` and yields the benefit ``b`` only if both defend.

    >>> g = SymbolicGame.from_bimatrix([["b - c", "-c"], [0, 0]], [["b - c", 0], ["-c", 0]],
    ...                                assumptions=["c > 0", "b > c"])
    >>> g.parameters, g.shape
    ((b, c), (2, 2))
    >>> g.subs({"b": 3, "c": 1}).payoffs[0, 0, 0]
    Fraction(2, 1)
    """

    payoffs: np.ndarray
    parameters: tuple[sp.Symbol, ...] = ()
    assumptions: tuple[sp.Basic, ...] = ()
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    title: str = ""

    def __init__(
        self,
        payoffs: Any,
        parameters: Sequence[sp.Symbol | str] | None = None,
        assumptions: Any = None,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        title: str = "",
    ) -> None:
        raw = _combine(payoffs)
        if raw.ndim < 2 or raw.ndim - 1 != raw.shape[-1]:
            raise InvalidPayoffs(
                f"SymbolicGame: payoffs of shape {raw.shape} do not describe a game: the last axis must have "
                f"one entry per player (length {max(raw.ndim - 1, 0)}), or pass a list of per-player arrays"
            )
        n_players = raw.shape[-1]
        if n_players < 2:
            raise InvalidGame(f"SymbolicGame: a game needs at least 2 players, got {n_players}")
        if any(n == 0 for n in raw.shape[:-1]):
            raise InvalidGame("SymbolicGame: a player has no strategy (an empty strategy set)")
        if parameters is not None:
            if isinstance(parameters, (str, sp.Symbol)):
                parameters = [parameters]
            params = tuple(_symbol(p, "SymbolicGame parameters") for p in parameters)
            if len({str(p) for p in params}) != len(params):
                raise InvalidGame(f"SymbolicGame: parameters repeat a name: {[str(p) for p in params]}")
            names = {str(p): p for p in params}
        else:
            names = {}
            for v in raw.reshape(-1):
                if isinstance(v, sp.Basic):
                    for s in v.free_symbols:
                        if str(s) in names and names[str(s)] != s:
                            raise InvalidPayoffs(
                                f"SymbolicGame: payoffs use two different symbols named {str(s)!r} "
                                "(with different sympy assumptions); use one Symbol per parameter")
                        names[str(s)] = s
        flat = []
        for k, v in enumerate(raw.reshape(-1)):
            idx = tuple(int(i) for i in np.unravel_index(k, raw.shape))
            flat.append(_expression(v, f"SymbolicGame: payoff entry {idx}", names))
        stored = np.empty(raw.shape, dtype=object)
        stored.reshape(-1)[:] = flat
        free = set().union(*(e.free_symbols for e in flat))
        if parameters is None:
            params = tuple(sorted(free, key=lambda s: s.name))
        else:
            stray = free - set(params)
            if stray:
                raise InvalidPayoffs(
                    f"SymbolicGame: payoffs use {sorted(str(s) for s in stray)}, which are not among the "
                    f"parameters {[str(p) for p in params]}")
        stored.setflags(write=False)
        numeric = NormalFormGame(np.zeros(raw.shape, dtype=np.int64), players=players, strategies=strategies)
        object.__setattr__(self, "payoffs", stored)
        object.__setattr__(self, "parameters", params)
        object.__setattr__(self, "assumptions", read_assumptions(assumptions, params, "SymbolicGame"))
        object.__setattr__(self, "players", numeric.players)
        object.__setattr__(self, "strategies", numeric.strategies)
        object.__setattr__(self, "title", str(title))

    @classmethod
    def from_bimatrix(cls, A: Any, B: Any, parameters=None, assumptions=None, players=None, strategies=None,
                      title: str = "") -> "SymbolicGame":
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``."""
        a, b = np.array(A, dtype=object), np.array(B, dtype=object)
        if a.ndim != 2 or a.shape != b.shape:
            raise InvalidPayoffs(f"SymbolicGame.from_bimatrix: A {a.shape} and B {b.shape} must have the same 2-D shape")
        return cls(np.stack([a, b], axis=-1), parameters=parameters, assumptions=assumptions, players=players,
                   strategies=strategies, title=title)

    # ------------------------------------------------------------------ properties
    @property
    def num_players(self) -> int:
        return self.payoffs.shape[-1]

    @property
    def shape(self) -> tuple[int, ...]:
        """Numbers of pure strategies, one per player."""
        return self.payoffs.shape[:-1]

    def payoff_matrix(self, player: int) -> sp.Array:
        """Player's payoffs as a sympy array of shape ``shape``."""
        return sp.Array(self.payoffs[..., player].tolist())

    def with_assumptions(self, assumptions: Any) -> "SymbolicGame":
        """The same game with these assumptions instead of its own."""
        return SymbolicGame(self.payoffs, parameters=self.parameters, assumptions=assumptions, players=self.players,
                            strategies=self.strategies, title=self.title)

    # ------------------------------------------------------------------ evaluation
    def point(self, values: Mapping[Any, Any], where: str = "SymbolicGame.subs") -> tuple[dict, bool]:
        """``values`` as ``{Symbol: sympy number}`` and whether every value is exact.

        Floats are kept as the exact binary rational they denote, so that
        evaluating at them is as accurate as evaluating at a rational.

        Raises
        ------
        InvalidPayoffs
            A value missing for a parameter, a name that is not a parameter,
            NaN, infinity or a non-number.
        """
        if not isinstance(values, Mapping):
            raise InvalidPayoffs(f"{where}: values must be a dict from parameters to numbers, got {type(values).__name__}")
        by_name = {str(p): p for p in self.parameters}
        out: dict = {}
        exact = True
        for key, v in values.items():
            name = str(key)
            if name not in by_name:
                raise InvalidPayoffs(f"{where}: {name!r} is not a parameter of the game ({sorted(by_name)})")
            label = f"{where}: value of {name}"
            if isinstance(v, (float, np.floating)):
                if not math.isfinite(float(v)):
                    raise InvalidPayoffs(f"{label} is {float(v)}, not a finite number")
                out[by_name[name]] = sp.Rational(Fraction(float(v)))
                exact = False
            elif _exact_value(v):
                out[by_name[name]] = sp.Rational(to_fraction(v, where=label))
            elif isinstance(v, sp.Basic) and v.is_number and v.is_real and v.is_finite:
                out[by_name[name]] = v
                exact = False
            else:
                raise InvalidPayoffs(f"{label} is {v!r}, not a finite real number")
        missing = [str(p) for p in self.parameters if p not in out]
        if missing:
            raise InvalidPayoffs(f"{where}: values has no value for the parameter(s) {missing}")
        return out, exact

    def subs(self, values: Mapping[Any, Any]) -> NormalFormGame:
        """The numeric game at a parameter point.

        Exact (Fraction payoffs) when every value is rational (int, Fraction,
        decimal string, sympy Rational) and every payoff evaluates to a
        rational; float otherwise.

        Raises
        ------
        InvalidPayoffs
            Bad ``values`` (see :meth:`point`), or a payoff undefined at the
            point (a division by zero).
        """
        point, exact = self.point(values)
        vals = np.empty(self.payoffs.shape, dtype=object)
        for k, e in enumerate(self.payoffs.reshape(-1)):
            v = e.xreplace(point) if e.free_symbols else e
            if v.has(sp.nan, sp.zoo, sp.oo, -sp.oo):
                idx = tuple(int(i) for i in np.unravel_index(k, self.payoffs.shape))
                raise InvalidPayoffs(f"SymbolicGame.subs: payoff entry {idx} ({e}) is undefined at {values}")
            if not v.is_Rational:
                exact = False
            vals.reshape(-1)[k] = v
        if exact:
            arr = np.array([Fraction(int(v.p), int(v.q)) for v in vals.reshape(-1)], dtype=object).reshape(vals.shape)
        else:
            arr = np.array([float(sp.N(v, 30)) for v in vals.reshape(-1)], dtype=np.float64).reshape(vals.shape)
        return NormalFormGame(arr, players=self.players, strategies=self.strategies, title=self.title, exact=exact)

    def __repr__(self) -> str:
        t = f" {self.title!r}" if self.title else ""
        return f"<SymbolicGame{t} {'x'.join(map(str, self.shape))} in {', '.join(map(str, self.parameters)) or '()'}>"


def _combine(payoffs: Any) -> np.ndarray:
    if isinstance(payoffs, (list, tuple)) and payoffs and all(isinstance(p, (np.ndarray, sp.MatrixBase, sp.NDimArray))
                                                              for p in payoffs):
        parts = [np.array(p.tolist() if not isinstance(p, np.ndarray) else p, dtype=object) for p in payoffs]
        shapes = {p.shape for p in parts}
        if len(shapes) != 1 or len(next(iter(shapes))) != len(parts):
            raise InvalidPayoffs(
                "SymbolicGame: per-player payoff arrays must all have the shape (n_0, ..., n_{N-1}) with N = "
                f"{len(parts)} axes, got " + ", ".join(str(p.shape) for p in parts))
        return np.stack(parts, axis=-1)
    if isinstance(payoffs, (sp.MatrixBase, sp.NDimArray)):
        payoffs = payoffs.tolist()
    try:
        arr = np.array(payoffs, dtype=object)
    except ValueError as exc:
        raise InvalidPayoffs(f"SymbolicGame: payoffs are ragged: {exc}") from None
    if any(isinstance(v, (list, tuple, np.ndarray)) for v in arr.reshape(-1)):
        raise InvalidPayoffs("SymbolicGame: payoffs are ragged: rows of different lengths")
    if (isinstance(payoffs, (list, tuple)) and arr.ndim >= 3 and arr.shape[-1] == arr.ndim - 1
            and arr.shape[0] == arr.ndim - 1):
        raise InvalidPayoffs(
            f"SymbolicGame: nested lists of shape {arr.shape} can be read as one array (n_1, ..., n_N, N) or as "
            f"{arr.shape[0]} per-player arrays; pass np.array(...) for the first, a list of numpy arrays "
            "(or SymbolicGame.from_bimatrix(A, B)) for the second")
    return arr
