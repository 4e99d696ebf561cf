"""The four scales of the synthetic county: which townships, and how many of everything in each.

* ``sample`` — the county bundled in ``data/``: five townships, ~45 deputies, ~115 households,
  ~2,000 activities, and a handful of scripted campaign-rule shortfalls (``shortfalls.py``);
* ``township`` — one township at county density (~100 deputies, ~2,000 households);
* ``county`` — twenty townships, ~250,000 activities (``DOMAIN.md``'s scale of one county);
* ``county3`` — three times ``county`` (the twenty townships again as 灵城镇（二）, …).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

TOWNSHIPS: tuple[tuple[str, str], ...] = (
    ("lingcheng", "灵城镇"),
    ("weiji", "韦集镇"),
    ("huangwan", "黄湾镇"),
    ("louzhuang", "娄庄镇"),
    ("yangtuan", "杨疃镇"),
    ("yinji", "尹集镇"),
    ("huigou", "浍沟镇"),
    ("youji", "尤集镇"),
    ("xialou", "夏楼镇"),
    ("chaoyang", "朝阳镇"),
    ("yugou", "渔沟镇"),
    ("gaolou", "高楼镇"),
    ("fengmiao", "冯庙镇"),
    ("xiangyang", "向阳乡"),
    ("zhuji", "朱集乡"),
    ("dalu", "大路乡"),
    ("damiao", "大庙乡"),
    ("chantang", "禅堂乡"),
    ("yuji", "虞姬乡"),
    ("kaifaqu", "灵璧经济开发区"),
)
SAMPLE_TOWNSHIPS = ("lingcheng", "yangtuan", "yinji", "chaoyang", "yuji")


@dataclass(frozen=True)
class Profile:
    """How many of everything each township of a scale has, and how often it falls short."""

    townships: tuple[tuple[str, str], ...]
    deputies: int  # per township
    households: int  # per township
    villages: int
    points: int
    pairs: tuple[float, float, float]  # chance of 1, 2, 3 households per deputy
    extra: float  # six-ones per pairing-year beyond the quarterly visit and one of each kind
    trips: tuple[int, int]  # per township-year
    trip_size: int  # fewest deputies on a trip
    contributions: float  # 模范带头 per deputy-year
    publicity: float  # 宣传报道 per deputy-year
    proposals: tuple[int, int]  # per township-year
    turnover: float  # share of deputies who leave mid-campaign, and of late starters
    shortfall: float  # share of campaign-rule shortfalls; 0: the scripted ones of the sample


def _copies(n: int) -> tuple[tuple[str, str], ...]:
    marks = ("", "二", "三")
    return tuple(
        (tid + (str(k + 1) if k else ""), name + (f"（{marks[k]}）" if k else ""))
        for k in range(n)
        for tid, name in TOWNSHIPS
    )


_COUNTY = Profile(
    _copies(1),
    deputies=100,
    households=2000,
    villages=22,
    points=10,
    pairs=(0.05, 0.13, 0.82),
    extra=6.4,
    trips=(3, 5),
    trip_size=12,
    contributions=1.3,
    publicity=0.12,
    proposals=(3, 6),
    turnover=0.03,
    shortfall=0.02,
)
_BY_NAME = dict(TOWNSHIPS)
PROFILES: dict[str, Profile] = {
    "sample": Profile(
        tuple((t, _BY_NAME[t]) for t in SAMPLE_TOWNSHIPS),
        deputies=9,
        households=23,
        villages=7,
        points=4,
        pairs=(0.5, 0.38, 0.12),
        extra=0.0,
        trips=(3, 4),
        trip_size=3,
        contributions=0.45,
        publicity=0.15,
        proposals=(2, 3),
        turnover=0.0,
        shortfall=0.0,
    ),
    "township": replace(_COUNTY, townships=(("yangtuan", "杨疃镇"),)),
    "county": _COUNTY,
    "county3": replace(_COUNTY, townships=_copies(3)),
}

SCALES = tuple(PROFILES)
