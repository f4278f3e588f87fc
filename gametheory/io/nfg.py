"""Gambit's strategic-form game format (``.nfg``), version 1.

The format
----------
A ``.nfg`` file is a sequence of tokens separated by white space: quoted
strings (``"..."``, where ``\\"`` stands for a quote and ``\\\\`` for a
backslash; strings may span lines), braces ``{ }``, commas, and numbers
(integers ``-3``, decimals ``7.600000`` or ``.5``, rationals ``5/2``, and
exponents ``1e-3``).  A file holds, in order:

1. the header ``NFG 1 R`` or ``NFG 1 D`` (``R``: payoffs written as
   rationals, ``D``: as decimals; either kind may in fact hold any number);
2. the title, a quoted string;
3. the players' names, ``{ "Player 1" "Player 2" }``;
4. the strategies, either named, ``{ { "Top" "Bottom" } { "Left" "Right" } }``,
   or counted, ``{ 2 2 }`` (strategies are then labelled ``"1", "2", ...``);
5. optionally a comment, a quoted string;
6. the payoffs, in one of two forms.

The *payoff form* is a flat list of numbers: for each contingency (pure
strategy profile) in turn, each player's payoff.  Contingencies are listed
with **player 1's strategy varying fastest**, then player 2's, and so on.
The *outcome form* is a list of outcomes ``{ "name" u1, u2, ... }`` (commas
optional) followed by one outcome number per contingency, in the same order;
outcomes are numbered from 1, and 0 is the null outcome in which every player
gets 0.

The Prisoner's Dilemma in both forms (the row player is player 1)::

    NFG 1 R "Prisoner's Dilemma" { "Row" "Column" } { { "C" "D" } { "C" "D" } }
    ""
    3 3  5 0  0 5  1 1

    NFG 1 R "Prisoner's Dilemma" { "Row" "Column" } { { "C" "D" } { "C" "D" } }
    { { "reward" 3, 3 } { "temptation" 5, 0 } { "sucker" 0, 5 } { "punish" 1, 1 } }
    1 2 3 4

Here ``(C, C) -> 3 3``, ``(D, C) -> 5 0``, ``(C, D) -> 0 5``, ``(D, D) -> 1 1``.

Conventions of this reader
--------------------------
* Every number is read exactly: integers, decimals and rationals become
  :class:`fractions.Fraction`, so the game returned is exact whatever the
  header says (``7.600000`` is ``38/5``).
* The comment is accepted and dropped (:class:`NormalFormGame` has no place
  for it).
* Labels must be unique in a :class:`NormalFormGame` but need not be in a
  file.  A label that occurs more than once among the players, or among one
  player's strategies, becomes ``label_1``, ``label_2``, ... (skipping names
  already used), as Gambit itself does: ``{ "defect" "defect" }`` is read as
  ``("defect_1", "defect_2")`` and two empty player names as ``("_1", "_2")``.
  Unlike Gambit, a label that is empty but unique is kept as ``""``, so that
  every game this module writes reads back equal.
* Games need at least two players; Gambit's one-player games are rejected.

The writer uses the payoff form by default, writes exact numbers as integers
or ``p/q`` and floats as their shortest round-trip decimal (``repr``), so a
game read back from what :func:`format_nfg` wrote is equal to the original.
"""

from __future__ import annotations

import itertools
import math
import os
import re
from collections import Counter
from fractions import Fraction
from typing import IO, Any, NamedTuple

import numpy as np

from .._numbers import format_number
from ..errors import FormatError, InvalidGame, InvalidOption
from ..game import NormalFormGame

__all__ = ["read_nfg", "parse_nfg", "write_nfg", "format_nfg", "NFG_FORMS"]

#: The values accepted by the ``form`` argument of :func:`format_nfg` and :func:`write_nfg`.
NFG_FORMS = ("payoff", "outcome", "outcome-shared")

# A file is a run of tokens, each after optional white space (group 1): a quoted
# string with its quotes (2), a brace or comma (3), a bare word such as a number
# (4).  Every non-space character starts one of these, so ``findall`` skips
# nothing but trailing white space; a quote with no closing quote is the only
# thing left for the last group (5).  ``findall`` does the scan in C, which
# matters for files of a few hundred thousand payoffs.
_TOKEN_RE = re.compile(
    r'''(\s*)(?:("[^"\\]*(?:\\.[^"\\]*)*")|([{},])|([^\s{}",]+)|("))''',
    re.DOTALL,
)
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_NUMBER_RE = re.compile(
    r"[+-]?(?:\d+/\d+|(?:\d+(?:\.\d*)?|\.\d+)(?:[eE](?P<exp>[+-]?\d+))?)"
)
_INTEGER_RE = re.compile(r"[+-]?\d+")
_COUNT_RE = re.compile(r"\d+")
# Fraction("1e999999999") would try to build a billion-digit integer; no payoff
# needs an exponent anywhere near this (floats stop at about 1e308 and 5e-324).
_MAX_EXPONENT = 1000


class _Token(NamedTuple):
    kind: str  # "{", "}", ",", "string", "word" or "eof"
    text: str
    index: int  # position in the token list; the line is worked out only for errors


def _unescape(text: str) -> str:
    # Only \" and \\ are escapes; any other backslash is kept as written, so Windows
    # paths and LaTeX in comments survive.
    if "\\" not in text:
        return text
    return _ESCAPE_RE.sub(lambda m: m.group(1) if m.group(1) in '"\\' else m.group(0), text)


def _escape(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _tokenize(text: str) -> tuple[list[_Token], list[tuple[str, ...]]]:
    """The tokens of ``text`` (ending with an "eof" token) and the raw matches."""
    raw = _TOKEN_RE.findall(text)
    tokens = []
    for k, (_, string, punct, word, unterminated) in enumerate(raw):
        if word:
            tokens.append(_Token("word", word, k))
        elif punct:
            tokens.append(_Token(punct, punct, k))
        elif string:
            tokens.append(_Token("string", _unescape(string[1:-1]), k))
        else:
            tokens.append(_Token("unterminated", unterminated, k))
    tokens.append(_Token("eof", "", len(raw)))
    return tokens, raw


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _describe(tok: _Token) -> str:
    if tok.kind == "eof":
        return "end of file"
    if tok.kind == "string":
        shown = tok.text if len(tok.text) <= 30 else tok.text[:27] + "..."
        return f"the string {_escape(shown)}"
    if tok.kind == "word":
        return f"'{tok.text}'"
    return f"'{tok.kind}'"


def _unique_labels(labels: list[str]) -> tuple[str, ...]:
    """Make repeated labels unique as Gambit does: ``a a`` -> ``a_1 a_2``."""
    counts = Counter(labels)
    taken = {lab for lab in labels if counts[lab] == 1}
    next_suffix: dict[str, int] = {}
    out = []
    for lab in labels:
        if counts[lab] == 1:
            out.append(lab)
            continue
        k = next_suffix.get(lab, 1)
        while f"{lab}_{k}" in taken:
            k += 1
        new = f"{lab}_{k}"
        taken.add(new)
        next_suffix[lab] = k + 1
        out.append(new)
    return tuple(out)


def _contingency_order(shape: tuple[int, ...]):
    """Pure profiles in file order: player 1's strategy varies fastest."""
    for rev in itertools.product(*(range(n) for n in reversed(shape))):
        yield rev[::-1]


class _Parser:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.tokens, self.raw = _tokenize(text)
        self.pos = 0
        for tok in self.tokens:
            if tok.kind == "unterminated":
                raise self.error(tok, "a string opened here has no closing double quote")
        self.numbers: dict[str, Fraction] = {}

    # --------------------------------------------------------------- token access
    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        tok = self.tokens[self.pos]
        if tok.kind != "eof":
            self.pos += 1
        return tok

    def line(self, tok: _Token) -> int:
        """The line of ``tok`` (of the last token for end of file); only errors need it."""
        k = min(tok.index, len(self.raw) - 1)
        if k < 0:
            return 1
        before = sum(space.count("\n") + string.count("\n") for space, string, *_ in self.raw[:k])
        return 1 + before + self.raw[k][0].count("\n")

    def error(self, tok: _Token, message: str) -> FormatError:
        return FormatError(f"{self.source}, line {self.line(tok)}: {message}")

    def expect(self, kind: str, what: str) -> _Token:
        tok = self.take()
        if tok.kind != kind:
            raise self.error(tok, f"expected {what}, found {_describe(tok)}")
        return tok

    def number(self, tok: _Token, what: str) -> Fraction:
        if tok.kind != "word":
            raise self.error(tok, f"expected {what}, found {_describe(tok)}")
        # Payoff tables repeat a few values many times; parsing each text once
        # makes large files several times faster.
        known = self.numbers.get(tok.text)
        if known is not None:
            return known
        value = self._new_number(tok, what)
        self.numbers[tok.text] = value
        return value

    def _new_number(self, tok: _Token, what: str) -> Fraction:
        m = _NUMBER_RE.fullmatch(tok.text)
        if m is None:
            raise self.error(tok, f"expected {what}, found '{tok.text}', which is not a number")
        if m.group("exp") is not None and abs(int(m.group("exp"))) > _MAX_EXPONENT:
            raise self.error(tok, f"the exponent of '{tok.text}' is out of range")
        try:
            value = Fraction(tok.text)
        except ZeroDivisionError:
            raise self.error(tok, f"'{tok.text}' divides by zero") from None
        except ValueError:  # Python's limit on the digits of an int (4300 by default)
            raise self.error(tok, f"'{tok.text[:20]}...' has too many digits") from None
        try:
            float(value)  # every game keeps a float copy of its payoffs
        except OverflowError:
            raise self.error(
                tok,
                f"'{tok.text[:40]}' is too large: payoffs must be within the range of a float "
                f"(about 1.8e308)",
            ) from None
        return value

    # --------------------------------------------------------------- grammar
    def parse(self) -> NormalFormGame:
        self.header()
        title = self.expect("string", "the game's title in double quotes").text
        players_tok = self.peek()
        players = self.string_list("the players' names")
        if len(players) < 2:
            raise self.error(
                players_tok, f"a game needs at least 2 players, the file names {len(players)}"
            )
        strategies = self.strategies(players)
        if self.peek().kind == "string":
            self.take()  # the comment: accepted, not kept
        shape = tuple(len(s) for s in strategies)
        tok = self.peek()
        if tok.kind == "{":
            payoffs = self.outcome_body(shape)
        elif tok.kind == "word":
            payoffs = self.payoff_body(shape)
        else:
            raise self.error(
                tok, f"expected the payoffs (numbers) or a list of outcomes '{{', found {_describe(tok)}"
            )
        try:
            return NormalFormGame(
                payoffs,
                players=_unique_labels(players),
                strategies=[_unique_labels(s) for s in strategies],
                title=title,
                exact=True,  # every payoff is a Fraction; spares the constructor a scan
            )
        except InvalidGame as exc:  # includes InvalidPayoffs
            raise FormatError(f"{self.source}: the file does not describe a valid game: {exc}") from exc

    def header(self) -> None:
        tok = self.take()
        if tok.kind == "word" and tok.text == "EFG":
            raise self.error(
                tok,
                "this is an extensive-form game (EFG header); only strategic-form "
                "files ('NFG 1 R' or 'NFG 1 D') can be read",
            )
        if tok.kind != "word" or tok.text != "NFG":
            extra = " (the file is empty)" if tok.kind == "eof" else ""
            raise self.error(
                tok, f"expected the header 'NFG 1 R' or 'NFG 1 D', found {_describe(tok)}{extra}"
            )
        tok = self.take()
        if tok.kind != "word" or tok.text != "1":
            raise self.error(
                tok, f"expected version 1 after 'NFG' (the only version), found {_describe(tok)}"
            )
        tok = self.take()
        if tok.kind != "word" or tok.text not in ("R", "D"):
            raise self.error(
                tok, f"expected 'R' (rational) or 'D' (decimal) after 'NFG 1', found {_describe(tok)}"
            )

    def string_list(self, what: str) -> list[str]:
        self.expect("{", f"'{{' opening {what}")
        out = []
        while True:
            tok = self.take()
            if tok.kind == "}":
                return out
            if tok.kind != "string":
                raise self.error(
                    tok, f"expected a name in double quotes or '}}' in {what}, found {_describe(tok)}"
                )
            out.append(tok.text)

    def strategies(self, players: list[str]) -> list[list[str]]:
        self.expect("{", "'{' opening the strategies")
        out: list[list[str]] = []
        while True:
            tok = self.peek()
            if tok.kind == "}":
                self.take()
                break
            who = f"player {len(out) + 1}"
            if tok.kind == "{":
                labels = self.string_list(f"the strategies of {who}")
            elif tok.kind == "word" and _COUNT_RE.fullmatch(tok.text):
                self.take()
                # Each strategy needs at least one payoff or outcome number further on,
                # so a count beyond the file's length is an error, found before a
                # mistyped "1000000000" allocates a billion labels.
                if len(tok.text) > 12 or int(tok.text) > len(self.tokens):
                    raise self.error(
                        tok, f"{who} has {tok.text[:20]} strategies, more than the file has payoffs for"
                    )
                labels = [str(k + 1) for k in range(int(tok.text))]
            else:
                raise self.error(
                    tok,
                    f"expected the strategies of {who} (a list of names or a count) or '}}', "
                    f"found {_describe(tok)}",
                )
            if not labels:
                raise self.error(tok, f"{who} has no strategies")
            out.append(labels)
        if len(out) != len(players):
            raise self.error(
                tok, f"expected strategies for {len(players)} players, found {len(out)}"
            )
        return out

    def payoff_body(self, shape: tuple[int, ...]) -> np.ndarray:
        n = len(shape)
        cells = math.prod(shape)
        expected = cells * n
        body = self.tokens[self.pos : -1]  # everything before the end-of-file token
        self.pos = len(self.tokens) - 1
        # The hot loop of a large file: look the text up before building any message.
        cache = self.numbers
        values: list[Fraction] = []
        for tok in body:
            value = cache.get(tok.text) if tok.kind == "word" else None
            if value is None:
                value = self.number(tok, f"a number (payoff {len(values) + 1} of {expected})")
            values.append(value)
        if len(values) != expected:
            where = body[expected] if len(body) > expected else body[-1]
            raise self.error(
                where,
                f"expected {expected} payoffs ({'x'.join(map(str, shape))} contingencies x "
                f"{n} players), found {len(values)}",
            )
        flat = np.empty(expected, dtype=object)
        flat[:] = values
        by_cell = flat.reshape(cells, n)
        payoffs = np.empty(shape + (n,), dtype=object)
        for i in range(n):
            payoffs[..., i] = by_cell[:, i].reshape(shape, order="F")
        return payoffs

    def outcome_body(self, shape: tuple[int, ...]) -> np.ndarray:
        n = len(shape)
        self.expect("{", "'{' opening the outcomes")
        outcomes: list[list[Fraction]] = [[Fraction(0)] * n]  # number 0: the null outcome
        while True:
            open_tok = self.take()
            if open_tok.kind == "}":
                break
            if open_tok.kind != "{":
                raise self.error(
                    open_tok,
                    f"expected an outcome '{{ \"name\" payoffs }}' or '}}' closing the outcomes, "
                    f"found {_describe(open_tok)}",
                )
            k = len(outcomes)
            name = self.expect("string", f"the name of outcome {k} in double quotes").text
            vals: list[Fraction] = []
            while True:
                tok = self.take()
                if tok.kind == "}":
                    break
                if tok.kind == ",":
                    continue  # commas between payoffs are optional
                vals.append(self.number(tok, f"a payoff of outcome {k} or '}}'"))
            if len(vals) != n:
                raise self.error(
                    open_tok,
                    f"outcome {k} ({_escape(name)}) has {_count(len(vals), 'payoff')}, "
                    f"expected {n} (one per player)",
                )
            outcomes.append(vals)
        cells = math.prod(shape)
        index: list[int] = []
        first_extra: _Token | None = None
        last = self.peek()
        while self.peek().kind != "eof":
            tok = self.take()
            last = tok
            if tok.kind != "word" or not _INTEGER_RE.fullmatch(tok.text):
                raise self.error(
                    tok, f"expected an outcome number (0 to {len(outcomes) - 1}), found {_describe(tok)}"
                )
            # a length check first: int() refuses more than 4300 digits
            k = int(tok.text) if len(tok.text) <= 12 else -1
            if not 0 <= k < len(outcomes):
                raise self.error(
                    tok,
                    f"outcome number {tok.text[:20]} is out of range: the file defines "
                    f"{_count(len(outcomes) - 1, 'outcome')} (numbered from 1; 0 is the null outcome)",
                )
            index.append(k)
            if len(index) == cells + 1:
                first_extra = tok
        if len(index) != cells:
            where = first_extra if first_extra is not None else last
            raise self.error(
                where,
                f"expected {cells} outcome numbers (one per contingency of the "
                f"{'x'.join(map(str, shape))} game), found {len(index)}",
            )
        payoffs = np.empty(shape + (n,), dtype=object)
        for cell, k in zip(_contingency_order(shape), index):
            payoffs[cell] = outcomes[k]
        return payoffs


# ------------------------------------------------------------------------- reading
def parse_nfg(text: str, source: str = "<string>") -> NormalFormGame:
    """Parse the text of a Gambit ``.nfg`` file.

    Parameters
    ----------
    text : str
        The whole file.
    source : str
        A name for the text used in error messages (a file name).

    Returns
    -------
    NormalFormGame
        An exact game (every number becomes a :class:`~fractions.Fraction`)
        with the file's title, player labels and strategy labels.

    Raises
    ------
    FormatError
        If the text is not a strategic-form game file.  The message names
        ``source``, the line and what was expected there.

    Notes
    -----
    Repeated labels are made unique (``"a", "a"`` becomes ``"a_1", "a_2"``);
    the comment is dropped.  See the module docstring for the format.

    Examples
    --------
    >>> g = parse_nfg('NFG 1 R "PD" { "Row" "Col" } { 2 2 }  3 3 5 0 0 5 1 1')
    >>> g.shape, g.payoffs[1, 0, 0], g.payoffs[1, 0, 1]
    ((2, 2), Fraction(5, 1), Fraction(0, 1))
    """
    if not isinstance(text, str):
        raise FormatError(f"{source}: expected the file's text as a str, got {type(text).__name__}")
    return _Parser(text, source).parse()


def _write_text(text: str, path_or_file: Any) -> str | None:
    """Write ``text`` to a path (UTF-8) or an open file; return it when ``path_or_file`` is None."""
    if path_or_file is None:
        return text
    if isinstance(path_or_file, (str, os.PathLike)):
        with open(path_or_file, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        path_or_file.write(text)
    return None


def _read_text(path_or_file: Any) -> tuple[str, str]:
    """The text and a name for error messages, from a path, a text stream or a resource."""
    if isinstance(path_or_file, (str, os.PathLike)):
        source = os.fspath(path_or_file)
        # newline="" keeps carriage returns inside labels as written, so what
        # write_nfg wrote reads back unchanged.
        with open(source, encoding="utf-8", newline="") as fh:
            return fh.read(), source
    if hasattr(path_or_file, "read"):
        data = path_or_file.read()
        source = str(getattr(path_or_file, "name", "<stream>"))
        if isinstance(data, bytes):
            data = data.decode("utf-8")
        return data, source
    if hasattr(path_or_file, "read_text"):  # importlib.resources Traversable
        return path_or_file.read_text(encoding="utf-8"), str(getattr(path_or_file, "name", path_or_file))
    raise FormatError(
        f"expected a file path or a text file object, got {type(path_or_file).__name__}"
    )


def read_nfg(path_or_file: str | os.PathLike | IO[str]) -> NormalFormGame:
    """Read a game from a Gambit ``.nfg`` file.

    Parameters
    ----------
    path_or_file : str, path-like or text file object
        A file name, or an open file (anything with ``read()``; bytes are
        decoded as UTF-8).

    Returns
    -------
    NormalFormGame
        An exact game; see :func:`parse_nfg`.

    Raises
    ------
    FormatError
        If the file cannot be parsed; the message names the file and line.
    OSError
        If the file cannot be opened.

    See Also
    --------
    parse_nfg, write_nfg
    """
    text, source = _read_text(path_or_file)
    return parse_nfg(text, source=source)


# ------------------------------------------------------------------------- writing
def _number_text(x: Any, exact: bool) -> str:
    if exact:
        if type(x) is Fraction:  # what an exact game stores; the common case, kept fast
            return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"
        return str(format_number(x, True))
    # repr is the shortest decimal that reads back as the same float.  Gambit's
    # lexer rejects a '+' in an exponent ("1e+20") but reads "1e20", so drop it.
    return repr(float(x)).replace("e+", "e")


def format_nfg(game: NormalFormGame, form: str = "payoff") -> str:
    """The text of a Gambit ``.nfg`` file describing ``game``.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    form : {"payoff", "outcome", "outcome-shared"}
        ``"payoff"`` writes the flat list of payoffs.  ``"outcome"`` writes one
        outcome per contingency, named after its strategy labels.
        ``"outcome-shared"`` writes each distinct payoff vector once, as an
        unnamed outcome shared by every contingency that has it.

    Returns
    -------
    str
        The file's text.  The header is ``NFG 1 R`` for an exact game (numbers
        as integers or ``p/q``) and ``NFG 1 D`` for a float game (numbers as
        their shortest round-trip decimals).

    Raises
    ------
    InvalidGame
        If ``game`` is not a :class:`NormalFormGame`.
    InvalidOption
        If ``form`` is not one of :data:`NFG_FORMS`.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], title="PD")
    >>> print(format_nfg(g))
    NFG 1 R "PD" { "1" "2" }
    <BLANKLINE>
    { { "1" "2" }
    { "1" "2" }
    }
    ""
    <BLANKLINE>
    3 3
    5 0
    0 5
    1 1
    <BLANKLINE>
    """
    if not isinstance(game, NormalFormGame):
        raise InvalidGame(f"format_nfg: game must be a NormalFormGame, got {type(game).__name__}")
    if form not in NFG_FORMS:
        raise InvalidOption(
            f"format_nfg: form must be one of {', '.join(map(repr, NFG_FORMS))}, got {form!r}"
        )
    exact = game.is_exact
    lines = [
        f"NFG 1 {'R' if exact else 'D'} {_escape(game.title)} "
        f"{{ {' '.join(_escape(p) for p in game.players)} }}",
        "",
    ]
    strategy_lines = [f"{{ {' '.join(_escape(s) for s in labels)} }}" for labels in game.strategies]
    strategy_lines[0] = "{ " + strategy_lines[0]
    lines.extend(strategy_lines)
    lines.append("}")
    lines.append('""')  # the (empty) comment, written as Gambit does
    lines.append("")
    cells = [
        (cell, [_number_text(v, exact) for v in game.payoffs[cell].tolist()])
        for cell in _contingency_order(game.shape)
    ]
    if form == "payoff":
        lines.extend(" ".join(vals) for _, vals in cells)
    else:
        lines.append("{")
        index: list[int] = []
        if form == "outcome":
            for k, (cell, vals) in enumerate(cells, start=1):
                name = ", ".join(game.strategies[i][s] for i, s in enumerate(cell))
                lines.append(f"{{ {_escape(name)} {', '.join(vals)} }}")
                index.append(k)
        else:
            # Key on the written text: equal numbers are written identically.
            seen: dict[tuple[str, ...], int] = {}
            for _, vals in cells:
                key = tuple(vals)
                if key not in seen:
                    seen[key] = len(seen) + 1
                    lines.append(f'{{ "" {", ".join(vals)} }}')
                index.append(seen[key])
        lines.append("}")
        lines.append(" ".join(map(str, index)))
    return "\n".join(lines) + "\n"


def write_nfg(
    game: NormalFormGame,
    path_or_file: str | os.PathLike | IO[str] | None = None,
    *,
    form: str = "payoff",
) -> str | None:
    """Write ``game`` as a Gambit ``.nfg`` file.

    Parameters
    ----------
    game : NormalFormGame
        The game to write.
    path_or_file : str, path-like, text file object or None
        Where to write (a file name is written as UTF-8).  With ``None`` the
        text is returned instead.
    form : {"payoff", "outcome", "outcome-shared"}
        The form of the payoffs; see :func:`format_nfg`.

    Returns
    -------
    str or None
        The text when ``path_or_file`` is ``None``, else ``None``.

    Raises
    ------
    InvalidGame, InvalidOption
        As :func:`format_nfg`.
    OSError
        If the file cannot be written.

    Notes
    -----
    ``read_nfg`` of the written file returns a game equal to ``game``
    (``==``).  A float game reads back as an exact game holding the same
    values.
    """
    return _write_text(format_nfg(game, form=form), path_or_file)
