"""Reading and writing games.

Gambit strategic-form files (``.nfg``; :mod:`gametheory.io.nfg`)
----------------------------------------------------------------
read_nfg      -- read a game from a ``.nfg`` file or text stream
parse_nfg     -- parse the text of a ``.nfg`` file
write_nfg     -- write a game as a ``.nfg`` file (or return the text)
format_nfg    -- the text of a ``.nfg`` file for a game
NFG_FORMS     -- the payoff layouts the writer offers: "payoff", "outcome", "outcome-shared"

JSON documents (:mod:`gametheory.io.json_format`)
-------------------------------------------------
read_json     -- read a game from a JSON file or text stream
parse_json    -- parse a JSON document (full form, or ``{"A": ..., "B": ...}``)
write_json    -- write a game as JSON (or return the text)
format_json   -- the JSON text for a game

Any format
----------
read_game     -- read a ``.nfg`` or ``.json`` file, chosen by its suffix

Bundled examples (``gametheory/data/``)
---------------------------------------
example_games -- the names of the example games shipped with the package
example_path  -- the path of one example game file

Every reader raises :class:`gametheory.errors.FormatError` for a file it cannot
parse, naming the file and, where the format has lines, the line.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import FormatError, InvalidOption
from ..game import NormalFormGame
from .json_format import format_json, parse_json, read_json, write_json
from .nfg import NFG_FORMS, format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = [
    "read_nfg",
    "parse_nfg",
    "write_nfg",
    "format_nfg",
    "NFG_FORMS",
    "read_json",
    "parse_json",
    "write_json",
    "format_json",
    "read_game",
    "example_games",
    "example_path",
]

_READERS = {".nfg": read_nfg, ".json": read_json}


def read_game(path: str | os.PathLike) -> NormalFormGame:
    """Read a game from a file, choosing the format by the file's suffix.

    Parameters
    ----------
    path : str or path-like
        A file ending in ``.nfg`` (Gambit strategic form) or ``.json``
        (case-insensitive).

    Returns
    -------
    NormalFormGame

    Raises
    ------
    FormatError
        If the suffix is not one of these, or the file cannot be parsed.
    OSError
        If the file cannot be opened.

    Examples
    --------
    >>> g = read_game(example_path("alliance_burden_sharing"))
    >>> g.players, g.shape
    (('Ally A', 'Ally B'), (2, 2))
    """
    suffix = Path(os.fspath(path)).suffix.lower()
    reader = _READERS.get(suffix)
    if reader is None:
        hint = (
            " (extensive-form games are not supported)" if suffix == ".efg" else ""
        )
        raise FormatError(
            f"{os.fspath(path)}: cannot tell the format from the suffix {suffix or '(none)'!r}"
            f"{hint}; expected one of {', '.join(_READERS)}"
        )
    return reader(path)


def _data_dir() -> Any:
    # importlib.resources finds the data wherever the package is installed
    # (site-packages, an editable checkout, a wheel unpacked elsewhere).
    return resources.files("gametheory") / "data"


def example_games() -> list[str]:
    """The names of the example games bundled with the package, sorted.

    Returns
    -------
    list of str
        File names without the ``.nfg`` suffix, each accepted by
        :func:`example_path`.  ``gametheory/data/README.md`` describes them.

    Examples
    --------
    >>> "battle_of_the_sexes" in example_games()
    True
    """
    return sorted(
        entry.name[: -len(".nfg")]
        for entry in _data_dir().iterdir()
        if entry.name.endswith(".nfg")
    )


def example_path(name: str) -> Path:
    """The path of a bundled example game.

    Parameters
    ----------
    name : str
        One of :func:`example_games`, with or without the ``.nfg`` suffix.

    Returns
    -------
    pathlib.Path
        The file, readable with :func:`read_nfg` or :func:`read_game`.

    Raises
    ------
    InvalidOption
        If there is no example of that name; the message lists the names.

    Notes
    -----
    The package must be installed as files (the usual case, including
    editable installs), not imported from a zip archive.
    """
    stem = name[: -len(".nfg")] if name.endswith(".nfg") else name
    names = example_games()
    if stem not in names:
        raise InvalidOption(f"no example game named {name!r}; the examples are {', '.join(names)}")
    return Path(os.fspath(_data_dir() / f"{stem}.nfg"))
