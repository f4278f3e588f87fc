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
