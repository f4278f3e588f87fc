"""Validation of solver options shared by the continuous-game solvers."""

from __future__ import annotations

import math

from ..errors import InvalidGame, InvalidOption

__all__ = ["positive", "max_iterations", "check_game"]


def positive(where: str, name: str, value) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise InvalidOption(f"{where}: {name} must be a positive number, got {value!r}") from None
    if not math.isfinite(v) or v <= 0:
        raise InvalidOption(f"{where}: {name} must be a positive finite number, got {value!r}")
    return v


def max_iterations(where: str, value) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidOption(f"{where}: max_iter must be a positive integer, got {value!r}")
    return value


def check_game(where: str, game, cls) -> None:
    if not isinstance(game, cls):
        raise InvalidGame(f"{where}: game must be a {cls.__name__}, got {type(game).__name__}")
