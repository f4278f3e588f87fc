"""Checks of the options every Nash solver shares, with one wording for their errors.

Each check names the calling function in its message (``where``) and raises
:class:`~gametheory.errors.InvalidOption`.
"""

from __future__ import annotations

import math
from numbers import Integral
from typing import Any

from ..errors import InvalidOption
from .._random import make_rng
from ..game import NormalFormGame

__all__ = ["check_game", "check_tol", "check_int", "make_rng"]


def check_game(game: Any, where: str) -> None:
    """``game`` must be a :class:`NormalFormGame`."""
    if not isinstance(game, NormalFormGame):
        raise InvalidOption(f"{where} needs a NormalFormGame, got {type(game).__name__}")


def check_tol(tol: Any, where: str) -> None:
    """``tol`` must be None or a positive finite number (not a bool)."""
    if tol is None:
        return
    try:
        ok = not isinstance(tol, bool) and math.isfinite(float(tol)) and float(tol) > 0
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise InvalidOption(f"{where}: tol must be a positive finite number or None, got {tol!r}")


def check_int(value: Any, name: str, where: str, low: int = 1, allow_none: bool = False) -> int | None:
    """``value`` as an int at least ``low`` (None passes through when ``allow_none``)."""
    if value is None and allow_none:
        return None
    if isinstance(value, bool) or not isinstance(value, Integral) or value < low:
        extra = " or None" if allow_none else ""
        raise InvalidOption(f"{where}: {name} must be an integer >= {low}{extra}, got {value!r}")
    return int(value)


