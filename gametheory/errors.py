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
    |   +-- InvalidBargainingProblem
    |   |   |                  disagreement point, feasible set or constraints malformed
    |   |   +-- InfeasibleProblem
    |   |                      empty feasible set, or disagreement point outside it
    |   +-- InvalidCoalitionGame
    |                          characteristic function: length, v(empty), non-finite values
    +-- NoAgreement            no feasible agreement is better than disagreement for all
    +-- EmptyCore              a core point was asked of a game whose core is empty
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
    "InvalidBargainingProblem",
    "InfeasibleProblem",
    "InvalidCoalitionGame",
    "NoAgreement",
    "EmptyCore",
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


class InvalidBargainingProblem(InvalidGame):
    """A bargaining problem is malformed: shapes, NaN/inf, bad weights or constraints."""


class InfeasibleProblem(InvalidBargainingProblem):
    """The feasible set is empty, or the disagreement point lies outside it."""


class InvalidCoalitionGame(InvalidGame):
    """A cooperative game is malformed: wrong length, v(empty) != 0, non-finite values."""


class NoAgreement(GameError, ValueError):
    """No feasible agreement gives every player more than the disagreement point.

    Bargaining solvers raise it unless called with ``allow_disagreement=True``,
    in which case they return a result with ``status="no_agreement"``.  An
    empty intersection of win-sets is reported the same way.
    """


class EmptyCore(GameError, ValueError):
    """A core point was requested but the core of the game is empty.

    Raised by :func:`gametheory.cooperative.core_point` unless called with
    ``allow_empty=True``, which returns a result with ``status="empty"``.
    """


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
