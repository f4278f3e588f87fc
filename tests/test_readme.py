"""The README's Python examples run, and print what the README says they do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
BLOCKS = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_python_block_runs(code):
    exec(compile(code, str(README), "exec"), {})


def test_readme_claims_in_comments():
    from fractions import Fraction as F

    from gametheory.bargaining import rubinstein
    from gametheory.cooperative import TUGame, core_point, nucleolus, shapley_value

    assert list(rubinstein(delta1="9/10", delta2="4/5").shares) == [F(5, 7), F(2, 7)]
    talmud = TUGame.bankruptcy(estate=200, claims=[100, 200, 300])
    assert list(nucleolus(talmud, exact=True).allocation) == [50, 75, 75]
    assert list(shapley_value(talmud, exact=True).allocation) == [F(100, 3), F(250, 3), F(250, 3)]
    assert list(core_point(TUGame.glove(left=2, right=1), exact=True).allocation) == [0, 0, 1]


def test_readme_claims_about_n_player_and_symbolic_games():
    import numpy as np
    import sympy as sp

    import gametheory as gt
    from gametheory.symbolic import SymbolicGame, comparative_statics, symbolic_equilibria

    g = gt.read_game(gt.io.example_path("three_allies_threshold"))
    assert len(gt.solve(g, "enumpoly")) == 9
    fit = gt.fit_logit(g, [np.array([70, 30]), np.array([65, 35]), np.array([72, 28])])
    assert round(fit.lambda_hat, 2) == 1.41 and round(fit.standard_error, 2) == 0.52
    assert len(gt.correlated_vertices(g).vertices) == 49
    assert gt.learning.fictitious_play(g, iterations=2000).converged

    s = SymbolicGame.from_bimatrix([["b - c", "b - c"], ["b", "0"]], [["b - c", "b"], ["b - c", "0"]],
                                   assumptions=["b > c", "c > 0"], strategies=[["defend", "shirk"]] * 2)
    eqs = symbolic_equilibria(s)
    b, c = sp.symbols("b c")
    assert [e.label for e in eqs][:2] == ["defend/shirk", "shirk/defend"]
    assert sp.simplify(eqs[2].strategies[0][0] - (b - c) / b) == 0
    assert all(sp.simplify(d[0] + 1 / b) == 0 for d in comparative_statics(eqs[2], "c").strategies)
    assert len(eqs.at({"b": 4, "c": 1})) == 3
