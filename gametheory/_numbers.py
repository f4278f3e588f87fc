"""Exact and floating-point numbers: conversion and formatting.

Exact arithmetic in :mod:`gametheory` uses Python's :class:`fractions.Fraction`
stored in numpy arrays of ``dtype=object``.  Inputs accepted as exact are
``int``, numpy integers, ``Fraction``, ``decimal.Decimal``, sympy ``Rational``
(``Integer`` included) and strings such as ``"5/2"``, ``"-0.35"`` or ``"1e-3"``.
Python and numpy floats are inexact; converted to exact they become the
shortest decimal that round-trips (``0.1 -> 1/10``), which is what a user who
typed ``0.1`` meant.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Rational
from typing import Any

import numpy as np

from .errors import InvalidPayoffs

_EXPONENT = re.compile(r"[eE]\s*([-+]?\d+)")
_MAX_EXPONENT = 4000

__all__ = [
    "is_exact_scalar",
    "to_fraction",
    "to_fraction_array",
    "to_float_array",
    "format_number",
    "common_denominator",
]


def _sympy_rational(x: Any) -> Fraction | None:
    """Return ``x`` as a Fraction if it is a sympy Rational, else None (no sympy import)."""
    mod = type(x).__module__
    if not mod.startswith("sympy"):
        return None
    if getattr(x, "is_Rational", False):
        return Fraction(int(x.p), int(x.q))
    return None


def is_exact_scalar(x: Any) -> bool:
    """True if ``x`` is a number that can be represented exactly as a Fraction."""
    if isinstance(x, bool):
        return True
    if isinstance(x, (Integral, Rational, Decimal, str)):
        return True
    if isinstance(x, np.integer):
        return True
    return _sympy_rational(x) is not None


def to_fraction(x: Any, where: str = "value") -> Fraction:
    """Convert one number to an exact :class:`Fraction`.

    Raises
    ------
    InvalidPayoffs
        If ``x`` is not a finite number (NaN, infinity, a symbol, a non-numeric string).
    """
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (bool, int, np.integer)):
        return Fraction(int(x))
    if isinstance(x, Rational):
        return Fraction(int(x.numerator), int(x.denominator))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise InvalidPayoffs(f"{where} is {x}, not a finite number")
        return Fraction(x)
    if isinstance(x, (float, np.floating)):
        if not math.isfinite(float(x)):
            raise InvalidPayoffs(f"{where} is {float(x)}, not a finite number")
        return Fraction(repr(float(x)))
    if isinstance(x, str):
        exponent = _EXPONENT.search(x)
        if exponent and abs(int(exponent.group(1))) > _MAX_EXPONENT:
            # Fraction would build a integer with billions of digits: refuse before it hangs
            raise InvalidPayoffs(f"{where} is {x[:40]!r}, whose exponent is out of range (|e| > {_MAX_EXPONENT})")
        try:
            value = Fraction(x.strip())
        except (ValueError, ZeroDivisionError):
            raise InvalidPayoffs(f"{where} is {x!r}, not a number") from None
        return value
    sym = _sympy_rational(x)
    if sym is not None:
        return sym
    if type(x).__module__.startswith("sympy"):
        if getattr(x, "is_number", False) and getattr(x, "is_finite", False):
            return Fraction(repr(float(x)))
        raise InvalidPayoffs(f"{where} is {x}, which is symbolic or not finite")
    raise InvalidPayoffs(f"{where} is {x!r} of type {type(x).__name__}, not a number")


def to_fraction_array(values: Any, where: str = "payoffs") -> np.ndarray:
    """Convert an array-like of numbers to an object array of Fractions (same shape)."""
    arr = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    out = np.empty(arr.shape, dtype=object)
    flat_in = arr.reshape(-1)
    flat_out = out.reshape(-1)
    if arr.dtype.kind in "iub":
        for k, v in enumerate(flat_in.tolist()):
            flat_out[k] = Fraction(int(v))
        return out
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
            raise InvalidPayoffs(f"{where} entry {bad} is {arr[bad]}, not a finite number")
    for k, v in enumerate(flat_in):
        if isinstance(v, Fraction):
            flat_out[k] = v
        else:
            idx = np.unravel_index(k, arr.shape) if arr.shape else ()
            flat_out[k] = to_fraction(v, where=f"{where} entry {tuple(int(i) for i in idx)}")
    return out


def to_float_array(values: Any, where: str = "payoffs") -> np.ndarray:
    """Convert an array-like of numbers to a finite float64 array (same shape)."""
    arr = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object)
    if arr.dtype.kind in "iubf":
        out = arr.astype(np.float64)
    else:
        out = np.empty(arr.shape, dtype=np.float64)
        flat_out = out.reshape(-1)
        for k, v in enumerate(arr.reshape(-1)):
            try:
                flat_out[k] = float(v)
            except (TypeError, ValueError, OverflowError) as exc:
                idx = tuple(int(i) for i in np.unravel_index(k, arr.shape)) if arr.shape else ()
                if isinstance(exc, OverflowError):
                    what = "too large for floating point"
                elif type(v).__module__.startswith("sympy"):
                    what = ("symbolic: use gametheory.symbolic.SymbolicGame for payoffs with parameters, "
                            "and its .subs(values) for a numeric game")
                else:
                    what = "not a number"
                raise InvalidPayoffs(f"{where} entry {idx} is {str(v)[:40]}, {what}") from None
    if not np.all(np.isfinite(out)):
        bad = tuple(int(i) for i in np.argwhere(~np.isfinite(out))[0])
        raise InvalidPayoffs(f"{where} entry {bad} is {out[bad]}, not a finite number")
    return out


def common_denominator(values: np.ndarray) -> int:
    """Least common multiple of the denominators of an object array of Fractions."""
    den = 1
    for v in values.reshape(-1):
        den = math.lcm(den, v.denominator)
    return den


def format_number(x: Any, exact: bool) -> str | float:
    """Format a number for output: a string ``"p/q"`` or ``"p"`` when exact, a float otherwise."""
    if exact:
        f = x if isinstance(x, Fraction) else to_fraction(x)
        return str(f.numerator) if f.denominator == 1 else f"{f.numerator}/{f.denominator}"
    return float(x)
