"""liaison-supervision: a liaison leader's supervision visit each year.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

from ruletest import TOWNSHIPS, YINJI, activities, run_rule, where


def supervision(day_: str, township: str) -> dict[str, str]:
    ym = day_[:7]
    return {
        activities(ym, township): f"""
        - id: {township}-a{ym.replace("-", "")}-001
          date: {day_}
          kind: 督查
          deputies: [yangtuan-d001]
          summary: 督查脱贫攻坚活动开展情况
    """
    }


def test_liaison_supervision_no_visit_in_a_year(tiny):
    (found,) = run_rule(tiny, "liaison-supervision", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
    assert "张伟" in found.message and "督查" in found.message
    assert found.level.value == "info"


def test_liaison_supervision_near_miss_one_visit(folder):
    data = folder(supervision("2019-10-15", "yangtuan"))
    assert run_rule(data, "liaison-supervision", "2020-01-01", year=2019) == []


def test_liaison_supervision_counts_only_in_the_township_visited(folder):
    # 张伟 is liaison for both townships and supervised only in 尹集镇.
    data = folder({**YINJI, **supervision("2019-10-15", "yinji")})
    (found,) = run_rule(data, "liaison-supervision", "2020-01-01", year=2019)
    assert where([found]) == [("yangtuan", TOWNSHIPS, 1)]
