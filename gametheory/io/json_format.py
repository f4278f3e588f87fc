"""Normal-form games as JSON documents.

Schema
------
A game is one JSON object::

    {
      "format": "alliance-games/nfg",
      "version": 1,
      "title": "Prisoner's Dilemma",
      "players": ["Row", "Column"],
      "strategies": [["C", "D"], ["C", "D"]],
      "payoffs": [
        [[3, 3], [0, 5]],
        [[5, 0], [1, 1]]
      ]
    }

``payoffs`` is a nested list of shape ``(n_1, ..., n_N, N)``, the layout of
:attr:`NormalFormGame.payoffs`: ``payoffs[s_1]...[s_N][i]`` is player ``i``'s
payoff when each player ``j`` plays strategy ``s_j``.  It is the only required
key.  ``format`` and ``version`` are optional when reading but must have these
values if present; ``title`` (default ``""``), ``players`` and ``strategies``
(default labels ``"1", "2", ...``) are optional; ``comment`` is an optional
string that is read and dropped.  Any other key is an error, so that a
misspelt key is not silently ignored.

A payoff is a JSON integer (exact), a JSON number with a fraction or exponent
(a float), or a string holding an exact number such as ``"1/3"``, ``"-0.35"``
or ``"1e-3"``.  A game whose payoffs are all integers or strings is exact;
one float makes the whole game a float game.

A two-player game may also be given in a short form, with the row player's
matrix ``A`` and the column player's matrix ``B`` (default ``-A``, a zero-sum
game), plus the optional keys above::

    {"A": [[3, 0], [5, 1]], "B": [[3, 5], [0, 1]]}

The writer always uses the full form.  Exact games are written with integers
as JSON integers and other rationals as strings ``"p/q"``; float games with
JSON numbers (shortest round-trip decimals).  Reading what was written gives
an equal game.
"""

from __future__ import annotations

import json
import math
import os
import re
from fractions import Fraction
from typing import IO, Any

import numpy as np

from .._numbers import format_number, to_fraction
from ..errors import FormatError, InvalidGame, InvalidPayoffs
from ..game import NormalFormGame
from .nfg import _read_text, _write_text

__all__ = ["read_json", "parse_json", "write_json", "format_json", "JSON_FORMAT", "JSON_VERSION"]

#: The value of the ``"format"`` key.
JSON_FORMAT = "alliance-games/nfg"
#: The schema version this module reads and writes.
JSON_VERSION = 1

# A string payoff's exponent; beyond this bound the number cannot be a float anyway.
_EXPONENT_RE = re.compile(r"[eE]\s*([+-]?\d+)\s*$")
_MAX_EXPONENT = 1000
# numpy arrays have at most 32 axes: 31 players and the payoff axis
_MAX_DEPTH = 32

_COMMON_KEYS = ("title", "players", "strategies", "comment")
_FULL_KEYS = ("format", "version", "payoffs") + _COMMON_KEYS
_SHORT_KEYS = ("A", "B") + _COMMON_KEYS


def _type_name(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _payoff_values(value: Any, path: str, source: str) -> Any:
    """Turn decoded JSON payoffs into Python numbers, naming the entry at fault."""
    if isinstance(value, list):
        return [_payoff_values(v, f"{path}[{k}]", source) for k, v in enumerate(value)]
    # bool is a subclass of int in Python, but `true` is no payoff
    if isinstance(value, bool) or value is None or isinstance(value, dict):
        raise FormatError(
            f"{source}: {path}: expected a number or a string such as \"1/3\", found {_type_name(value)}"
        )
    if isinstance(value, float):
        # Python's json module reads the non-standard NaN and Infinity, and 1e400 as inf
        if not math.isfinite(value):
            raise FormatError(f"{source}: {path}: expected a finite number, found {value}")
        return value
    if isinstance(value, int):
        number: int | Fraction = value
    else:
        exponent = _EXPONENT_RE.search(value)
        # to_fraction("1e99999999999") would build a hundred-billion-digit integer
        if exponent is not None and abs(int(exponent.group(1))) > _MAX_EXPONENT:
            raise FormatError(f"{source}: {path}: the exponent of {value!r} is out of range")
        try:
            number = to_fraction(value, where=path)
        except (InvalidPayoffs, ValueError):  # ValueError: Python's limit on an int's digits
            raise FormatError(f"{source}: {path}: the string {value[:40]!r} is not a number") from None
    try:
        float(number)  # every game keeps a float copy of its payoffs
    except OverflowError:
        raise FormatError(
            f"{source}: {path}: {str(value)[:40]!r} is too large: payoffs must be within the range of a float"
        ) from None
    return number


def _payoff_array(value: Any, path: str, source: str) -> np.ndarray:
    """Decoded nested payoff lists as a rectangular object array.

    The constructor is given an array, not lists, because for some shapes a
    list could also be read as a list of per-player arrays: the payoffs of a
    2x2 game, of shape (2, 2, 2), are two lists of shape (2, 2).
    """
    shape: list[int] = []
    probe = value
    while isinstance(probe, list):
        if not probe:
            raise FormatError(f"{source}: {path}{''.join('[0]' for _ in shape)}: is an empty list")
        shape.append(len(probe))
        if len(shape) > _MAX_DEPTH:
            raise FormatError(
                f"{source}: {path}: nested more than {_MAX_DEPTH} deep "
                f"(a game of at most {_MAX_DEPTH - 1} players)"
            )
        probe = probe[0]
    values = _payoff_values(value, path, source)

    def check(v: Any, depth: int, where: str) -> None:
        if depth == len(shape):
            if isinstance(v, list):
                raise FormatError(f"{source}: {where}: expected a number, found a list (ragged payoffs)")
            return
        if not isinstance(v, list) or len(v) != shape[depth]:
            found = f"a list of {len(v)}" if isinstance(v, list) else "a number"
            raise FormatError(
                f"{source}: {where}: expected a list of {shape[depth]} (as {path}{'[0]' * depth} has), "
                f"found {found} (ragged payoffs)"
            )
        for k, item in enumerate(v):
            check(item, depth + 1, f"{where}[{k}]")

    check(values, 0, path)
    # rectangular, with scalar leaves: numpy builds exactly this shape
    return np.array(values, dtype=object)


def _string_list(doc: dict, key: str, source: str) -> list[str] | None:
    if key not in doc:
        return None
    value = doc[key]
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise FormatError(f"{source}: key {key!r}: expected a list of strings, found {_type_name(value)}"
                          + ("" if not isinstance(value, list) else " holding other values"))
    return value


def parse_json(text: str, source: str = "<string>") -> NormalFormGame:
    """Parse a game from the text of a JSON document.

    Parameters
    ----------
    text : str
        The JSON document (see the module docstring for the schema).
    source : str
        A name for the text used in error messages (a file name).

    Returns
    -------
    NormalFormGame
        Exact if every payoff is a JSON integer or a numeric string, else float.

    Raises
    ------
    FormatError
        If the text is not JSON (the message gives the line and column), a
        key is missing, unknown or of the wrong type (the message names it), a
        payoff is not a number (the message gives its index), or the payoffs
        do not describe a game.

    Examples
    --------
    >>> g = parse_json('{"A": [[3, 0], [5, 1]], "B": [[3, 5], [0, 1]]}')
    >>> g.shape, g.is_exact
    ((2, 2), True)
    >>> parse_json('{"payoffs": [[[1, "1/3"]]]}').payoffs[0, 0, 1]
    Fraction(1, 3)
    """
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FormatError(
            f"{source}, line {exc.lineno}, column {exc.colno}: invalid JSON: {exc.msg}"
        ) from None
    except ValueError as exc:  # an integer beyond Python's limit on digits
        raise FormatError(f"{source}: invalid JSON: {exc}") from None
    except RecursionError:
        raise FormatError(f"{source}: invalid JSON: nested too deeply") from None
    if not isinstance(doc, dict):
        raise FormatError(f"{source}: expected a JSON object at the top level, found {_type_name(doc)}")
    short = "payoffs" not in doc and "A" in doc
    allowed = _SHORT_KEYS if short else _FULL_KEYS
    unknown = [k for k in doc if k not in allowed]
    if unknown:
        raise FormatError(
            f"{source}: unknown key {unknown[0]!r}; the keys of a "
            f"{'short-form bimatrix' if short else 'game'} document are {', '.join(allowed)}"
        )
    if not short:
        if "payoffs" not in doc:
            raise FormatError(
                f"{source}: missing key 'payoffs' (or 'A' and optionally 'B' for a bimatrix game)"
            )
        if "format" in doc and doc["format"] != JSON_FORMAT:
            raise FormatError(f"{source}: key 'format': expected {JSON_FORMAT!r}, found {doc['format']!r}")
        if "version" in doc and (isinstance(doc["version"], bool) or doc["version"] != JSON_VERSION):
            raise FormatError(
                f"{source}: key 'version': this reader understands version {JSON_VERSION}, "
                f"found {doc['version']!r}"
            )
    title = doc.get("title", "")
    if not isinstance(title, str):
        raise FormatError(f"{source}: key 'title': expected a string, found {_type_name(title)}")
    if "comment" in doc and not isinstance(doc["comment"], str):
        raise FormatError(f"{source}: key 'comment': expected a string, found {_type_name(doc['comment'])}")
    players = _string_list(doc, "players", source)
    strategies = doc.get("strategies")
    if strategies is not None and not (
        isinstance(strategies, list)
        and all(isinstance(s, list) and all(isinstance(x, str) for x in s) for s in strategies)
    ):
        raise FormatError(f"{source}: key 'strategies': expected a list of lists of strings, one per player")
    for key in ("payoffs", "A", "B"):
        if key in doc and not isinstance(doc[key], list):
            raise FormatError(
                f"{source}: key {key!r}: expected a nested list of payoffs, found {_type_name(doc[key])}"
            )
    try:
        if short:
            a = _payoff_array(doc["A"], "A", source)
            b = _payoff_array(doc["B"], "B", source) if "B" in doc else None
            return NormalFormGame.from_bimatrix(a, b, players=players, strategies=strategies, title=title)
        payoffs = _payoff_array(doc["payoffs"], "payoffs", source)
        if payoffs.ndim - 1 != payoffs.shape[-1]:
            raise FormatError(
                f"{source}: key 'payoffs': nested lists of shape {payoffs.shape} do not describe a "
                f"game; a game of N players needs shape (n_1, ..., n_N, N), with one payoff per "
                f"player in each innermost list"
            )
        return NormalFormGame(payoffs, players=players, strategies=strategies, title=title)
    except InvalidGame as exc:  # includes InvalidPayoffs
        raise FormatError(f"{source}: the document does not describe a valid game: {exc}") from exc


def read_json(path_or_file: str | os.PathLike | IO[str]) -> NormalFormGame:
    """Read a game from a JSON file.

    Parameters
    ----------
    path_or_file : str, path-like or text file object
        A file name (read as UTF-8), or an open file.

    Returns
    -------
    NormalFormGame

    Raises
    ------
    FormatError
        As :func:`parse_json`; the message names the file.
    OSError
        If the file cannot be opened.
    """
    text, source = _read_text(path_or_file)
    return parse_json(text, source=source)


def _json_number(x: Any, exact: bool) -> int | float | str:
    if exact:
        f = x if isinstance(x, Fraction) else to_fraction(x)
        # integers stay JSON integers, which read back exact; other rationals need a string
        return int(f) if f.denominator == 1 else str(format_number(f, True))
    return float(x)


def _nested(arr: Any, exact: bool) -> Any:
    if getattr(arr, "ndim", 0) == 0:
        return _json_number(arr, exact)
    return [_nested(sub, exact) for sub in arr]


def _dump(value: Any, indent: int) -> str:
    # A list of numbers, or of lists of numbers (one row of a bimatrix game),
    # goes on one line; deeper lists get one line per item.
    deep = isinstance(value, list) and any(
        isinstance(v, list) and any(isinstance(w, list) for w in v) for v in value
    )
    if not deep:
        return json.dumps(value, ensure_ascii=False)
    pad = " " * (indent + 2)
    inner = (",\n").join(pad + _dump(v, indent + 2) for v in value)
    return "[\n" + inner + "\n" + " " * indent + "]"


def format_json(game: NormalFormGame) -> str:
    """The JSON document describing ``game`` (full form; see the module docstring).

    Parameters
    ----------
    game : NormalFormGame

    Returns
    -------
    str
        The document, ending with a newline.

    Raises
    ------
    InvalidGame
        If ``game`` is not a :class:`NormalFormGame`.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 1]], [["1/2", 0], [0, 1]])
    >>> print(format_json(g))
    {
      "format": "alliance-games/nfg",
      "version": 1,
      "title": "",
      "players": ["1", "2"],
      "strategies": [["1", "2"], ["1", "2"]],
      "payoffs": [
        [[1, "1/2"], [0, 0]],
        [[0, 0], [1, 1]]
      ]
    }
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGame(f"format_json: game must be a NormalFormGame, got {type(game).__name__}")
    head = {
        "format": JSON_FORMAT,
        "version": JSON_VERSION,
        "title": game.title,
        "players": list(game.players),
        "strategies": [list(s) for s in game.strategies],
    }
    lines = [f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)}" for k, v in head.items()]
    payoffs = _nested(game.payoffs, game.is_exact)
    lines.append(f'  "payoffs": {_dump(payoffs, 2)}')
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_json(
    game: NormalFormGame, path_or_file: str | os.PathLike | IO[str] | None = None
) -> str | None:
    """Write ``game`` as a JSON document.

    Parameters
    ----------
    game : NormalFormGame
    path_or_file : str, path-like, text file object or None
        Where to write (a file name is written as UTF-8).  With ``None`` the
        text is returned instead.

    Returns
    -------
    str or None
        The text when ``path_or_file`` is ``None``, else ``None``.

    Raises
    ------
    InvalidGame
        If ``game`` is not a :class:`NormalFormGame`.
    OSError
        If the file cannot be written.
    """
    return _write_text(format_json(game), path_or_file)
