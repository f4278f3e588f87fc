"""The one reading of a ``seed`` argument that every randomised function shares."""

from __future__ import annotations

from numbers import Integral
from typing import Any

import numpy as np

from .errors import InvalidOption

__all__ = ["make_rng"]


def make_rng(seed: Any, where: str, default: int | None = None) -> np.random.Generator:
    """The generator ``seed`` names.

    A Generator is used as is (so its state advances); None gives
    ``default_rng(default)`` (fresh entropy when ``default`` is None); a
    non-negative int seeds a new generator.  Anything else raises
    :class:`~gametheory.errors.InvalidOption` naming ``where``.
    """
    if isinstance(seed, np.random.Generator):
        return seed
    if seed is None:
        return np.random.default_rng(default)
    if isinstance(seed, bool) or not isinstance(seed, Integral) or seed < 0:
        raise InvalidOption(f"{where}: seed must be None, a non-negative int or a numpy Generator, got {seed!r}")
    return np.random.default_rng(int(seed))
