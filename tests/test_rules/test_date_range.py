"""date-range: dates outside the campaign or in the future.

The data are the tiny county of conftest.py with a few files changed (see ruletest.py).
"""

from __future__ import annotations

from ruletest import FILINGS, activities, record_ids, run_rule, where


def test_date_range_before_the_campaign(folder):
    trip = """
        - id: yangtuan-a{ym}-001
          date: {date}
          kind: 调研视察
          deputies: [yangtuan-d001]
          villages: [前庄村]
          summary: 摸底走访
    """
    data = folder(
        {
            activities("2018-03"): trip.format(ym="201803", date="2018-03-30"),
            activities("2018-04"): trip.format(ym="201804", date="2018-04-01"),  # the first day
            FILINGS: """
            - id: yangtuan-f2018-01
              kind: 活动方案
              period: 2018
              date: 2018-01-05
            - id: yangtuan-f2018-02
              kind: 帮扶名单
              period: 2018
              date: 2017-12-28
        """,
        }
    )
    found = run_rule(data, "date-range", "2019-07-01", today="2019-07-01")
    # A filing may predate April (the plan is due by 31 March), but not the year 2018.
    assert where(found) == [
        ("yangtuan-a201803-001", activities("2018-03"), 1),
        ("yangtuan-f2018-02", FILINGS, 5),
    ]
    assert "活动期间" in found[0].message and "2018-03-30" in found[0].message


def test_date_range_in_the_future(tiny):
    # On 10 May 2019 the donation of 20 May and the trip of 28 May have not happened yet.
    found = run_rule(tiny, "date-range", "2019-05-10", today="2019-05-10")
    assert record_ids(found) == ["yangtuan-a201905-002", "yangtuan-a201905-003"]
    assert all("今天" in f.message for f in found)
    assert run_rule(tiny, "date-range", "2019-05-28", today="2019-05-28") == []
