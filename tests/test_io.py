"""Tests of gametheory.io: Gambit .nfg and JSON reading/writing, bundled examples."""

from __future__ import annotations

import doctest
import io
import itertools
import math
import tempfile
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gametheory.errors import FormatError, InvalidGame, InvalidOption
from gametheory.game import NormalFormGame
from gametheory.io import (
    NFG_FORMS,
    example_games,
    example_path,
    format_json,
    format_nfg,
    parse_json,
    parse_nfg,
    read_game,
    read_json,
    read_nfg,
    write_json,
    write_nfg,
)
import gametheory.io as io_package
from gametheory.io import json_format as json_module
from gametheory.io import nfg as nfg_module

GAMBIT_DIR = Path(__file__).resolve().parents[1].parent / "shared" / "games" / "gambit"
CATALOG = sorted(GAMBIT_DIR.rglob("*.nfg")) if GAMBIT_DIR.is_dir() else []
needs_catalog = pytest.mark.skipif(not CATALOG, reason="../shared/games/gambit is not present")


def _catalog_id(path: Path) -> str:
    return str(path.relative_to(GAMBIT_DIR))


def _cells(shape):
    return itertools.product(*(range(n) for n in shape))


# --------------------------------------------------------------------------- strategies
_odd_chars = st.sampled_from(list('"\\ \n\r\t{},/_1'))
_label = st.text(st.one_of(_odd_chars, st.characters(blacklist_categories=("Cs",))), max_size=6)


@st.composite
def games(draw):
    n_players = draw(st.integers(2, 4))
    shape = tuple(draw(st.lists(st.integers(1, 3), min_size=n_players, max_size=n_players)))
    kind = draw(st.sampled_from(["int", "fraction", "float", "mixed-exact"]))
    if kind == "int":
        number = st.integers(-(10**12), 10**12)
    elif kind == "fraction":
        number = st.fractions(max_denominator=10**6)
    elif kind == "float":
        number = st.floats(allow_nan=False, allow_infinity=False)
    else:
        number = st.one_of(st.integers(-5, 5), st.fractions(max_denominator=7))
    size = math.prod(shape) * n_players
    values = draw(st.lists(number, min_size=size, max_size=size))
    payoffs = np.empty(size, dtype=object)
    payoffs[:] = values
    players = draw(st.lists(_label, min_size=n_players, max_size=n_players, unique=True))
    strategies = [draw(st.lists(_label, min_size=n, max_size=n, unique=True)) for n in shape]
    title = draw(_label)
    return NormalFormGame(
        payoffs.reshape(shape + (n_players,)), players=players, strategies=strategies, title=title
    )


# --------------------------------------------------------------------------- catalog
@needs_catalog
def test_catalog_has_every_nfg_file():
    assert len(CATALOG) == 60


@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=_catalog_id)
def test_catalog_file_loads_and_round_trips(path):
    game = read_nfg(path)
    assert game.is_exact
    for form in NFG_FORMS:
        assert parse_nfg(format_nfg(game, form=form)) == game, form
    assert parse_json(format_json(game)) == game


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("path", CATALOG, ids=_catalog_id)
def test_catalog_file_matches_pygambit(path):
    pygambit = pytest.importorskip("pygambit")
    ours = read_nfg(path)
    theirs = pygambit.read_nfg(str(path))
    players = list(theirs.players)
    assert ours.title == theirs.title
    assert list(ours.players) == [p.label for p in players]
    assert [list(s) for s in ours.strategies] == [[s.label for s in p.strategies] for p in players]
    assert ours.shape == tuple(len(p.strategies) for p in players)
    for cell in _cells(ours.shape):
        outcome = theirs[cell]
        for i, player in enumerate(players):
            # pygambit gives Decimal or Rational payoffs, None for the null outcome
            expected = Fraction(0) if outcome is None else Fraction(outcome[player])
            assert ours.payoffs[cell + (i,)] == expected, (cell, i)


@pytest.mark.gambit
@needs_catalog
@pytest.mark.parametrize("form", NFG_FORMS)
def test_pygambit_reads_what_we_write(form):
    pygambit = pytest.importorskip("pygambit")
    for path in CATALOG:
        ours = read_nfg(path)
        theirs = pygambit.read_nfg(io.StringIO(format_nfg(ours, form=form)))
        players = list(theirs.players)
        assert [p.label for p in players] == list(ours.players)
        for cell in _cells(ours.shape):
            for i, player in enumerate(players):
                assert Fraction(theirs[cell][player]) == ours.payoffs[cell + (i,)], (path, cell)


@needs_catalog
def test_catalog_decimal_file_is_exact():
    game = read_nfg(GAMBIT_DIR / "contrib" / "games" / "e07.nfg")  # "NFG 1 D", numbers like 7.600000
    assert game.shape == (4, 4)
    assert game.payoffs[0, 0, 0] == Fraction(38, 5)
    assert game.payoffs[0, 0, 1] == Fraction(-38, 5)


@needs_catalog
def test_catalog_repeated_and_empty_labels_are_made_unique():
    zero = read_nfg(GAMBIT_DIR / "tests" / "test_games" / "2x2_bimatrix_all_zero_payoffs.nfg")
    assert zero.players == ("Joe", "Dan")
    assert zero.strategies == (("cooperate", "defect"), ("defect_1", "defect_2"))
    sww = read_nfg(GAMBIT_DIR / "contrib" / "games" / "sww1.nfg")  # players { "" "" }, strategies { 2 2 }
    assert sww.players == ("_1", "_2")
    assert sww.strategies == (("1", "2"), ("1", "2"))


@needs_catalog
def test_catalog_permuted_outcomes():
    # cent2.nfg lists its outcomes row by row but indexes them "1 4 7 2 5 8 3 6 9"
    game = read_nfg(GAMBIT_DIR / "contrib" / "games" / "cent2.nfg")
    assert game.payoffs[0, 1, 0] == Fraction("0.868")
    assert game.payoffs[1, 0, 0] == Fraction("0.564")  # outcome 4
    assert game.strategies[0] == ("1*11", "2111", "2211")


# --------------------------------------------------------------------------- parsing .nfg
PD_PAYOFF = 'NFG 1 R "PD" { "Row" "Col" } { { "C" "D" } { "C" "D" } }\n""\n3 3  5 0  0 5  1 1\n'
PD_OUTCOME = """NFG 1 R "PD" { "Row" "Col" }
{ { "C" "D" } { "C" "D" } }
"an optional comment"
{ { "reward" 3, 3 } { "temptation" 5 0 } { "sucker" 0, 5, } { "punish" 1, 1 } }
1 2 3 4
"""


def test_payoff_form_puts_player_one_fastest():
    game = parse_nfg(PD_PAYOFF)
    a, b = game.bimatrix()
    assert a.tolist() == [[3, 0], [5, 1]]
    assert b.tolist() == [[3, 5], [0, 1]]
    assert game.players == ("Row", "Col")
    assert game.strategies == (("C", "D"), ("C", "D"))
    assert game.title == "PD"


def test_outcome_form_equals_payoff_form():
    assert parse_nfg(PD_OUTCOME) == parse_nfg(PD_PAYOFF)


def test_three_player_order():
    # cells in file order: (0,0,0) (1,0,0) (0,1,0) (1,1,0) (0,0,1) ...; payoff = 10*cell + player
    shape = (2, 2, 2)
    numbers = []
    for rev in itertools.product(range(2), repeat=3):
        cell = rev[::-1]
        numbers += [100 * cell[0] + 10 * cell[1] + cell[2] + 1000 * i for i in range(3)]
    game = parse_nfg(f'NFG 1 D "" {{ "a" "b" "c" }} {{ 2 2 2 }}\n{" ".join(map(str, numbers))}')
    for cell in _cells(shape):
        for i in range(3):
            assert game.payoffs[cell + (i,)] == 100 * cell[0] + 10 * cell[1] + cell[2] + 1000 * i


def test_null_outcome_is_zero():
    game = parse_nfg('NFG 1 R "" { "a" "b" } { 2 1 }\n{ { "x" 1 2 } }\n1 0')
    assert game.payoffs[:, 0, :].tolist() == [[1, 2], [0, 0]]


def test_numbers_are_exact():
    text = 'NFG 1 D "" { "a" "b" } { 4 1 }\n7.600000 5/2 -3 1e-3 .5 2. +4 -1.5E2'
    game = parse_nfg(text)
    assert game.is_exact
    values = [game.payoffs[k, 0, i] for k in range(4) for i in range(2)]
    assert values == [Fraction(38, 5), Fraction(5, 2), -3, Fraction(1, 1000), Fraction(1, 2), 2, 4, -150]


def test_strings_with_escapes_and_newlines():
    text = (
        'NFG 1 R "say \\"hi\\"\\\\ there\nsecond line" { "P \\"1\\"" "P{2}," }\n'
        '{ { "a b" "c\\d"} { "x"} }\n"comment with \\" quote\n and a newline"\n1 2 3 4'
    )
    game = parse_nfg(text)
    assert game.title == 'say "hi"\\ there\nsecond line'
    assert game.players == ('P "1"', "P{2},")
    assert game.strategies == (("a b", "c\\d"), ("x",))  # an unknown escape keeps its backslash


def test_header_and_lists_across_lines_and_without_comment():
    text = 'NFG 1 R "t"\n{ "a"\n"b" }\n\n{\n{ "1" "2" "3"}\n{ "1" }\n}\n\n1 1 2 2 3 3\n'
    game = parse_nfg(text)
    assert game.shape == (3, 1)
    assert game.payoffs[2, 0, 1] == 3


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("", 1, "expected the header 'NFG 1 R' or 'NFG 1 D'"),
        ('GAME 1 R "t" { "a" "b" } { 1 1 } 1 2', 1, "expected the header"),
        ('EFG 2 R "t" { "a" "b" }', 1, "extensive-form"),
        ('NFG 2 R "t" { "a" "b" } { 1 1 } 1 2', 1, "version 1"),
        ('NFG 1 Q "t" { "a" "b" } { 1 1 } 1 2', 1, "'R' (rational) or 'D' (decimal)"),
        ('NFG 1 R { "a" "b" } { 1 1 } 1 2', 1, "title"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 6 7', 4,
         "expected 8 payoffs (2x2 contingencies x 2 players), found 7"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 6 7 8\n9', 5, "found 9"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 six 7 8', 4, "'six', which is not a number"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 1/0 7 8', 4, "divides by zero"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 1.5/2 7 8', 4, "not a number"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 1e99999 7 8', 4, "exponent"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n1 2 3 4\n5 6 7 "8"', 4, "expected a number"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 2 }\n', 2, "expected the payoffs"),
        ('NFG 1 R "t" { "a" "b" }\n{ { "x" "y" }', 2, "expected the strategies of player 2"),
        ('NFG 1 R "t" { "a" "b" }\n{ { "x" "y" } }\n1 2 3 4', 2, "expected strategies for 2 players, found 1"),
        ('NFG 1 R "t" { "a" "b" }\n{ 2 0 }\n', 2, "player 2 has no strategies"),
        ('NFG 1 R "t" { "a" }\n{ 2 }\n1 2', 1, "at least 2 players"),
        ('NFG 1 R "t" { "a" "b }\n{ 2 2 }\n1 2 3 4', 1, "no closing double quote"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 1 }\n{\n{ "o" 1 }\n}\n1', 4, 'outcome 1 ("o") has 1 payoff, expected 2'),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 2 }\n{ { "o" 1 2 } }\n1 2', 4, "outcome number 2 is out of range"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 2 }\n{ { "o" 1 2 } }\n1', 4, "expected 2 outcome numbers"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 2 }\n{ { "o" 1 2 } }\n1 1.5', 4, "expected an outcome number"),
        ('NFG 1 R "t" { "a" "b" }\n{ 1 2 }\n{ { 1 2 } }\n1 1', 3, "name of outcome 1"),
    ],
)
def test_parse_errors_name_source_and_line(text, line, message):
    with pytest.raises(FormatError) as info:
        parse_nfg(text, source="bad.nfg")
    text_of_error = str(info.value)
    assert text_of_error.startswith(f"bad.nfg, line {line}: "), text_of_error
    assert message in text_of_error


@pytest.mark.parametrize(
    "body, message",
    [
        ("{ 1000000000000 1 }\n1 2", "more than the file has payoffs for"),
        ("{ 99999999 1 }\n1 2", "more than the file has payoffs for"),
        ("{ 1 1 }\n1e400 2", "too large"),
        ("{ 1 1 }\n" + "9" * 400 + " 2", "too large"),
        ("{ 1 1 }\n" + "9" * 5000 + " 2", "too many digits"),
        ('{ 1 1 }\n{ { "" 1 2 } }\n' + "9" * 5000, "out of range"),
    ],
)
def test_absurd_sizes_are_format_errors(body, message):
    # regression: a mistyped count must not allocate a billion labels, and a
    # payoff beyond the float range must not escape as OverflowError
    with pytest.raises(FormatError, match=message):
        parse_nfg('NFG 1 R "t" { "a" "b" }\n' + body)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(["{", "}", '"', ",", " ", "\n", "1", "-2.5", "3/4", '"a"', "NFG 1 R"]),
            st.characters(blacklist_categories=("Cs",)),
        )
    ).map("".join)
)
def test_arbitrary_text_gives_format_error_or_game(text):
    try:
        parse_nfg("NFG 1 R " + text)
    except FormatError:
        pass


@settings(max_examples=300, deadline=None)
@given(games(), st.data())
def test_damaged_files_give_format_error_or_game(game, data):
    text = format_nfg(game, form=data.draw(st.sampled_from(NFG_FORMS)))
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 8)))
    insert = data.draw(st.text(st.sampled_from(list('{}",\\ \n0123456789./-e')), max_size=4))
    for parse, damaged in [
        (parse_nfg, text[:start] + insert + text[end:]),
        (parse_json, format_json(game)[:start] + insert + format_json(game)[end:]),
    ]:
        try:
            parse(damaged)
        except FormatError:
            pass


def test_truncated_catalog_file_gives_line(tmp_path):
    full = (
        'NFG 1 R "2x2" { "Player 1" "Player 2" }\n\n{ { "1" "2" }\n{ "1" "2" }\n}\n""\n\n'
        '{\n{ "" 2, 0 }\n{ "" 0, 1 }\n{ "" 0, 1 }\n{ "" 1, 0 }\n}\n1 2 3 4\n'
    )
    path = tmp_path / "cut.nfg"
    path.write_text(full[: full.index('{ "" 0, 1 }\n{ "" 1')])  # cut inside the outcome list
    with pytest.raises(FormatError, match=r"cut\.nfg, line 10: expected an outcome"):
        read_nfg(path)


# --------------------------------------------------------------------------- reading and writing
def test_read_from_path_str_stream_and_bytes(tmp_path):
    path = tmp_path / "pd.nfg"
    path.write_text(PD_PAYOFF, encoding="utf-8")
    expected = parse_nfg(PD_PAYOFF)
    assert read_nfg(path) == expected
    assert read_nfg(str(path)) == expected
    assert read_nfg(io.StringIO(PD_PAYOFF)) == expected
    assert read_nfg(io.BytesIO(PD_PAYOFF.encode())) == expected
    with open(path, encoding="utf-8") as fh:
        assert read_nfg(fh) == expected


def test_error_names_the_file(tmp_path):
    path = tmp_path / "broken.nfg"
    path.write_text('NFG 1 R "t" { "a" "b" } { 1 1 } 1')
    with pytest.raises(FormatError, match="broken.nfg, line 1: expected 2 payoffs"):
        read_nfg(path)


def test_write_targets(tmp_path):
    game = parse_nfg(PD_PAYOFF)
    text = write_nfg(game)
    assert text == format_nfg(game)
    path = tmp_path / "out.nfg"
    assert write_nfg(game, path) is None
    assert path.read_text(encoding="utf-8") == text
    buf = io.StringIO()
    assert write_nfg(game, buf, form="outcome") is None
    assert read_nfg(io.StringIO(buf.getvalue())) == game


def test_written_text_shape():
    game = NormalFormGame.from_bimatrix(
        [[Fraction(1, 3), 0], [2, 0]], [[1, 1], [0, 1]], players=["A", "B"], title='a "t"'
    )
    text = format_nfg(game)
    assert text.startswith('NFG 1 R "a \\"t\\"" { "A" "B" }\n')
    assert "\n1/3 1\n2 0\n0 1\n0 1\n" in text
    outcome = format_nfg(game, form="outcome")
    assert '{ "1, 1" 1/3, 1 }' in outcome
    assert outcome.rstrip().endswith("1 2 3 4")
    shared = format_nfg(game, form="outcome-shared")
    assert shared.count('{ "" ') == 3  # the payoffs (0, 1) appear twice
    assert shared.rstrip().endswith("1 2 3 3")


def test_float_game_writes_decimal_header_and_reads_back_equal():
    game = NormalFormGame.from_bimatrix([[0.1, 1e20], [-2.5e-7, 1.0]], [[3.0, 0.0], [1 / 3, 5e-324]])
    text = format_nfg(game)
    assert text.startswith("NFG 1 D")
    assert "e+" not in text  # Gambit cannot read "1e+20"
    back = parse_nfg(text)
    assert back.is_exact and back == game


def test_format_rejects_bad_arguments():
    game = parse_nfg(PD_PAYOFF)
    with pytest.raises(InvalidOption, match="form"):
        format_nfg(game, form="tree")
    with pytest.raises(InvalidGame):
        format_nfg([[1, 2], [3, 4]])
    with pytest.raises(InvalidGame):
        format_json("not a game")


# --------------------------------------------------------------------------- hypothesis round trips
@settings(max_examples=150, deadline=None)
@given(games(), st.sampled_from(NFG_FORMS))
def test_nfg_round_trip(game, form):
    back = parse_nfg(format_nfg(game, form=form))
    assert back == game
    assert back.is_exact


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(games())
def test_nfg_round_trip_through_a_file(game):
    # through the file system, so that carriage returns in labels must survive too
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.nfg"
        write_nfg(game, path, form="outcome")
        assert read_nfg(path) == game
        assert read_game(path) == game


@settings(max_examples=150, deadline=None)
@given(games())
def test_json_round_trip(game):
    back = parse_json(format_json(game))
    assert back == game
    assert back.is_exact == game.is_exact


# --------------------------------------------------------------------------- JSON
def test_json_full_form():
    text = """{
      "format": "alliance-games/nfg", "version": 1, "title": "PD",
      "players": ["Row", "Col"], "strategies": [["C", "D"], ["C", "D"]],
      "payoffs": [[[3, 3], [0, 5]], [[5, 0], [1, 1]]]
    }"""
    assert parse_json(text) == parse_nfg(PD_PAYOFF)


def test_json_numbers():
    exact = parse_json('{"payoffs": [[[1, "1/3"], ["-0.35", "1e-3"]]]}')
    assert exact.is_exact
    assert exact.payoffs.reshape(-1).tolist() == [1, Fraction(1, 3), Fraction(-35, 100), Fraction(1, 1000)]
    floats = parse_json('{"payoffs": [[[1, 0.5]]]}')
    assert not floats.is_exact
    assert floats.payoffs.tolist() == [[[1.0, 0.5]]]


def test_json_short_form():
    game = parse_json('{"A": [[3, 0], [5, 1]], "B": [[3, 5], [0, 1]], "players": ["Row", "Col"]}')
    assert game.bimatrix()[0].tolist() == [[3, 0], [5, 1]]
    assert game.bimatrix()[1].tolist() == [[3, 5], [0, 1]]
    assert game.players == ("Row", "Col")
    zero_sum = parse_json('{"A": [[1, -1], [-1, 1]]}')
    assert zero_sum.is_zero_sum()


def test_json_two_by_two_is_not_misread_as_per_player_arrays():
    # shape (2, 2, 2): two lists of shape (2, 2), which the game constructor would
    # otherwise take for the two players' matrices
    game = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert parse_json(format_json(game)) == game


def test_json_files(tmp_path):
    game = parse_nfg(PD_PAYOFF)
    path = tmp_path / "pd.json"
    assert write_json(game, path) is None
    assert read_json(path) == game
    assert read_game(path) == game
    assert write_json(game) == format_json(game)
    buf = io.StringIO()
    write_json(game, buf)
    assert read_json(io.StringIO(buf.getvalue())) == game


@pytest.mark.parametrize(
    "text, message",
    [
        ('{"payoffs": [[[1, 2]]', "line 1, column"),
        ("[1, 2]", "expected a JSON object at the top level, found a list"),
        ('{"title": "x"}', "missing key 'payoffs'"),
        ('{"payoffs": [[[1, 2]]], "stratgies": []}', "unknown key 'stratgies'"),
        ('{"A": [[1]], "payoff": 3}', "unknown key 'payoff'"),
        ('{"payoffs": 3}', "key 'payoffs': expected a nested list"),
        ('{"title": 3, "payoffs": [[[1, 2]]]}', "key 'title': expected a string"),
        ('{"players": "ab", "payoffs": [[[1, 2]]]}', "key 'players': expected a list of strings"),
        ('{"strategies": [["a"], "b"], "payoffs": [[[1, 2]]]}', "key 'strategies'"),
        ('{"players": ["a"], "payoffs": [[[1, 2]]]}', "players has 1 labels"),
        ('{"payoffs": [[[1, true]]]}', "payoffs[0][0][1]: expected a number"),
        ('{"payoffs": [[[1, null]]]}', "payoffs[0][0][1]: expected a number"),
        ('{"payoffs": [[[1, "one"]]]}', "payoffs[0][0][1]: the string 'one' is not a number"),
        ('{"payoffs": [[[1, NaN]]]}', "payoffs[0][0][1]: expected a finite number"),
        ('{"payoffs": [[[1, 2], [3]]]}', "payoffs[0][1]: expected a list of 2"),
        ('{"payoffs": [[[1, 2]], [[3, 4], [5, 6]]]}', "payoffs[1]: expected a list of 1"),
        ('{"payoffs": [[1, 2]]}', "key 'payoffs': nested lists of shape (1, 2)"),
        ('{"payoffs": []}', "payoffs: is an empty list"),
        ('{"format": "gambit", "payoffs": [[[1, 2]]]}', "key 'format'"),
        ('{"version": 2, "payoffs": [[[1, 2]]]}', "key 'version'"),
        ('{"A": [[1, 2]], "B": [[1]]}', "same 2-D shape"),
    ],
)
def test_json_errors_name_the_key(text, message):
    with pytest.raises(FormatError) as info:
        parse_json(text, source="bad.json")
    assert str(info.value).startswith("bad.json")
    assert message in str(info.value)


# --------------------------------------------------------------------------- read_game, examples
def test_read_game_dispatch(tmp_path):
    game = parse_nfg(PD_PAYOFF)
    upper = tmp_path / "PD.NFG"
    write_nfg(game, upper)
    assert read_game(upper) == game
    for name, hint in [("g.efg", "extensive-form"), ("g.txt", "suffix '.txt'"), ("g", "(none)")]:
        with pytest.raises(FormatError, match=hint):
            read_game(tmp_path / name)


def test_example_games_are_bundled():
    names = example_games()
    assert names == ["alliance_burden_sharing", "battle_of_the_sexes", "three_allies_threshold"]
    for name in names:
        path = example_path(name)
        assert path.is_file()
        assert example_path(name + ".nfg") == path
        game = read_game(path)
        assert game.is_exact
        assert parse_nfg(format_nfg(game)) == game
    with pytest.raises(InvalidOption, match="alliance_burden_sharing"):
        example_path("no_such_game")


def test_example_burden_sharing_equilibria():
    game = read_nfg(example_path("alliance_burden_sharing"))
    a, b = game.bimatrix()
    assert a.tolist() == [[3, 1], [4, 0]] and b.tolist() == [[3, 4], [1, 0]]
    half = [Fraction(1, 2)] * 2
    assert game.is_nash([half, half])
    assert game.is_nash(game.pure_profile(["Contribute", "Free ride"]))
    assert game.is_nash(game.pure_profile(["Free ride", "Contribute"]))
    assert not game.is_nash(game.pure_profile(["Contribute", "Contribute"]))


def test_example_battle_of_the_sexes_equilibria():
    game = read_nfg(example_path("battle_of_the_sexes"))
    assert game.bimatrix()[0].tolist() == [[2, 0], [0, 1]]
    assert game.bimatrix()[1].tolist() == [[1, 0], [0, 2]]
    F = Fraction
    assert game.is_nash([[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]])
    assert game.expected_payoffs([[F(2, 3), F(1, 3)], [F(1, 3), F(2, 3)]]).tolist() == [F(2, 3), F(2, 3)]


def test_example_three_allies_equilibria():
    game = read_nfg(example_path("three_allies_threshold"))
    F = Fraction
    assert game.is_nash(game.pure_profile(["Free ride"] * 3))
    assert game.is_nash(game.pure_profile(["Contribute", "Contribute", "Free ride"]))
    mixed = [[F(1), F(0)], [F(2, 3), F(1, 3)], [F(2, 3), F(1, 3)]]
    assert game.is_nash(mixed)
    assert game.expected_payoffs(mixed).tolist() == [F(10, 3), 4, 4]
    for q in ((3 - math.sqrt(3)) / 6, (3 + math.sqrt(3)) / 6):
        assert game.is_nash([[q, 1 - q]] * 3, tol=1e-12, exact=False)


# --------------------------------------------------------------------------- docs
@pytest.mark.parametrize("module", [nfg_module, json_module, io_package], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
