"""Exceptions raised by :mod:`gametheory`.

Every error the package raises on purpose derives from :class:`GameError`, so a
caller can catch the whole family with one ``except`` clause.  Each subclass
also derives from the built-in exception a Python user would expect
(``ValueError`` for bad values, ``NotImplementedError`` for unsupported
requests), so generic handlers keep working.

Hierarchy::

    GameError
    +-- InvalidGame            a game that cannot exist (players, labels, shape)
    |   +-- InvalidPayoffs     payoff arrays: ragged, mis-shaped, NaN/inf, non-numeric
    +-- InvalidStrategy        a strategy profile or label that does not fit the game
    +-- InvalidOption          a solver option with a bad value or unknown name
    +-- FormatError            a game file that cannot be parsed
    +-- NotSupported           a valid request this method cannot serve
    +-- SolverError            a solver that ran but could not return a certified answer
        +-- DegenerateGame     the algorithm's assumption of nondegeneracy fails
"""

from __future__ import annotations

__all__ = [
    "GameError",
    "InvalidGame",
    "InvalidPayoffs",
    "InvalidStrategy",
    "InvalidOption",
    "FormatError",
    "NotSupported",
    "SolverError",
    "DegenerateGame",
]


class GameError(Exception):
    """Base class of every exception raised by :mod:`gametheory`."""


class InvalidGame(GameError, ValueError):
    """The game's description is inconsistent (players, strategies, labels)."""


class InvalidPayoffs(InvalidGame):
    """Payoffs are ragged, mis-shaped, non-numeric, NaN or infinite."""


class InvalidStrategy(GameError, ValueError):
    """A strategy profile or strategy label does not fit the game."""


class InvalidOption(GameError, ValueError):
    """A solver option has a bad value, or a method name is unknown."""


class FormatError(GameError, ValueError):
    """A game file or document cannot be parsed.

    The message names the file (when known), the line and what was expected.
    """


class NotSupported(GameError, NotImplementedError):
    """The request is valid but this method cannot serve it.

    For example a two-player algorithm called on a three-player game.
    """


class SolverError(GameError, RuntimeError):
    """A solver ran but cannot return a certified answer.

    Raised when a pivot limit is reached, when a computed profile fails its
    regret certificate, or when an external optimiser fails.
    """


class DegenerateGame(SolverError):
    """The game is degenerate and the algorithm asked to rely on nondegeneracy."""
