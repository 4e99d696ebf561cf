"""Household status as a dated history: the model (old files read as history), the figures
(exits counted in the period they fall in, once) and ``lingbi household exit|relapse``."""

from __future__ import annotations

import datetime as dt

import pytest

from lingbi_cli import models, periods
from lingbi_cli.reports.figures import compute
from lingbi_cli.store.folder import DataFolder

HOUSEHOLDS = "townships/yangtuan/households.yaml"
D = dt.date.fromisoformat


def household(**fields: object) -> models.Household:
    base: dict[str, object] = {
        "id": "yangtuan-h0009",
        "head": "赵桂兰",
        "id_number": "341323195803200026",
        "township": "yangtuan",
        "village": "后湖村",
        "members": 2,
        "attribute": "低保贫困户",
        "causes": ["因残"],
        "registered": 2015,
        "source": "乡镇帮扶点",
    }
    return models.Household.model_validate(base | fields)


def test_status_on_a_day_follows_the_history():
    h = household(
        status_history=[
            {"date": "2018-11-20", "status": "已脱贫"},
            {"date": "2019-04-01", "status": "返贫"},
            {"date": "2020-10-15", "status": "已脱贫"},
        ]
    )
    assert [h.status_on(D(day)).value for day in ("2018-11-19", "2018-11-20", "2019-04-01")] == [
        "未脱贫",
        "已脱贫",
        "返贫",
    ]
    assert h.status.value == "已脱贫"
    assert h.exited_between(D("2020-07-01"), D("2020-12-31"))
    assert not h.exited_between(D("2019-01-01"), D("2020-10-14"))


@pytest.mark.parametrize(
    ("old", "history"),
    [
        ({}, []),
        ({"status": "未脱贫"}, []),
        ({"status": "已脱贫", "exit_year": 2019}, [("2019-12-31", "已脱贫")]),
        ({"status": "返贫", "exit_year": 2018}, [("2018-12-31", "已脱贫"), ("2019-01-01", "返贫")]),
        ({"status": "返贫"}, [("2015-01-01", "返贫")]),
    ],
)
def test_the_old_single_status_reads_as_a_history(old, history):
    h = household(**old)
    assert [(str(c.date), c.status.value) for c in h.status_history] == history
    dumped = h.model_dump(by_alias=True, exclude_none=True)
    assert "status" not in dumped and "exit_year" not in dumped  # written back as history


def test_old_and_new_ways_together_or_exited_without_a_year_are_refused():
    with pytest.raises(ValueError, match="旧写法"):
        household(status="已脱贫", exit_year=2019, status_history=[{"date": "2019-01-02", "status": "已脱贫"}])  # fmt: skip  # noqa: E501
    with pytest.raises(ValueError, match="必须填写 exit_year"):
        household(status="已脱贫")
    with pytest.raises(ValueError, match="只写 已脱贫 或 返贫"):
        household(status_history=[{"date": "2019-01-02", "status": "未脱贫"}])


def _exited(data, period: str, as_of: str | None = None) -> int:
    records = DataFolder(data).load()
    figures = compute(records, periods.parse(period), ["yangtuan"], D(as_of) if as_of else None)
    return figures["yangtuan"].count("exited")


def test_exits_count_in_the_half_they_fall_in_once_and_not_before_they_happen(folder):
    # 赵桂兰户 (paired with 李秀英) left poverty on 2019-03-01, fell back on 2019-05-10 and left
    # again on 2019-11-20; 王建国户 (paired) left on 2019-09-30.
    text = (
        folder()
        .joinpath(HOUSEHOLDS)
        .read_text(encoding="utf-8")
        .replace(
            "status: 已脱贫\n  exit_year: 2019",
            "status_history: [{date: 2019-03-01, status: 已脱贫}, {date: 2019-05-10, status: 返贫},"
            " {date: 2019-11-20, status: 已脱贫}]",
        )
        .replace(
            "  source: 单位帮扶户",
            "  source: 单位帮扶户\n  status_history: [{date: 2019-09-30, status: 已脱贫}]",
        )
    )
    data = folder({HOUSEHOLDS: text})
    assert _exited(data, "2019H1") == 1  # 赵桂兰户, once
    assert _exited(data, "2019H2") == 2  # 赵桂兰户 again and 王建国户
    assert _exited(data, "2019") == 2  # each household once in the year
    assert _exited(data, "2019H2", "2019-10-31") == 1  # 赵桂兰户's second exit is not yet
    assert _exited(data, "2018H2") == 0


def test_household_exit_and_relapse_commands_write_the_history(tiny, cli):
    path = tiny / HOUSEHOLDS
    before = path.read_text(encoding="utf-8")
    base = ["--data", str(tiny), "household"]
    done = cli(*base, "relapse", "赵桂兰", "--date", "2020-03-05")
    assert done.exit_code == 0, done.output
    assert "2020年3月5日返贫" in done.output
    done = cli(*base, "exit", "yangtuan-h0002", "--date", "2020-11-20")
    assert done.exit_code == 0, done.output
    after = path.read_text(encoding="utf-8")
    # the old keys are gone, the history is one line at the record's end, nothing else moved
    expected = before.replace("  status: 已脱贫\n  exit_year: 2019\n", "").replace(
        "  source: 乡镇帮扶点\n- id: yangtuan-h0003",
        "  source: 乡镇帮扶点\n  status_history: [{date: 2019-12-31, status: 已脱贫}, "
        "{date: 2020-03-05, status: 返贫}, {date: 2020-11-20, status: 已脱贫}]\n"
        "- id: yangtuan-h0003",
    )
    assert after == expected
    h = DataFolder(tiny).load().households["yangtuan-h0002"]
    assert h.status_on(D("2020-06-30")) is models.HouseholdStatus.relapsed


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["exit", "yangtuan-h0002", "--date", "2020-05-01"], "又记了一次 已脱贫"),
        (["relapse", "王建国", "--date", "2020-05-01"], "此前没有脱贫的记录"),
        (["exit", "王建国", "--date", "2014-05-01"], "早于建档立卡"),
        (["exit", "王建国", "--date", "2999-05-01"], "在今天"),
    ],
)
def test_impossible_changes_are_refused_and_nothing_is_written(tiny, cli, args, words):
    path = tiny / HOUSEHOLDS
    before = path.read_bytes()
    done = cli("--data", str(tiny), "household", *args)
    assert done.exit_code == 1
    assert words in done.output
    assert path.read_bytes() == before


def _number(n: int) -> str:
    first = f"34132319700101{n:03d}"
    return first + models.check_digit(first)


def test_import_reads_the_rosters_status_and_year_and_the_history_column(tiny, cli, tmp_path):
    path = tmp_path / "贫困户.csv"
    path.write_text(
        "乡镇,行政村,户主姓名,证件号码,家庭人口数,贫困户属性,致贫原因,识别年度,来源,脱贫属性,脱贫年度,"
        "脱贫返贫记录\n"
        f"杨疃镇,后湖村,钱七,{_number(7)},3,一般贫困户,缺资金,2016,乡镇帮扶点,已脱贫,2019,\n"
        f"杨疃镇,后湖村,周八,{_number(8)},2,一般贫困户,缺资金,2016,乡镇帮扶点,,,"
        "2018年11月20日已脱贫；2020-3-5 返贫\n",
        encoding="utf-8",
    )
    done = cli("--data", str(tiny), "import", "households", str(path))
    assert done.exit_code == 0, done.stderr
    written = (tiny / HOUSEHOLDS).read_text(encoding="utf-8")
    assert "status_history: [{date: 2019-12-31, status: 已脱贫}]" in written
    assert (
        "status_history: [{date: 2018-11-20, status: 已脱贫}, {date: 2020-03-05, status: 返贫}]"
        in written
    )
    path.write_text(
        "乡镇,行政村,户主姓名,证件号码,家庭人口数,贫困户属性,致贫原因,识别年度,来源,脱贫返贫记录\n"
        f"杨疃镇,后湖村,吴九,{_number(9)},3,一般贫困户,缺资金,2016,乡镇帮扶点,2019年脱贫\n",
        encoding="utf-8",
    )
    before = (tiny / HOUSEHOLDS).read_bytes()
    done = cli("--data", str(tiny), "import", "households", str(path))
    assert done.exit_code == 1 and "脱贫返贫记录" in done.stderr
    assert (tiny / HOUSEHOLDS).read_bytes() == before


def test_a_rosters_status_updates_the_history_only_when_it_says_otherwise(tiny, cli, tmp_path):
    # 赵桂兰户 (h0002) is written the old way (已脱贫 2019); give her a dated exit first
    done = cli("--data", str(tiny), "household", "relapse", "赵桂兰", "--date", "2020-03-05")
    done = cli("--data", str(tiny), "household", "exit", "赵桂兰", "--date", "2020-10-09")
    assert done.exit_code == 0, done.output
    path = tmp_path / "花名册.csv"

    def roster(status: str, year: str) -> None:
        path.write_text(
            "乡镇,行政村,户主姓名,证件号码,家庭人口数,贫困户属性,致贫原因,识别年度,来源,脱贫属性,脱贫年度\n"
            f"杨疃镇,后湖村,赵桂兰,341323195803200026,2,低保贫困户,因残,2015,乡镇帮扶点,{status},{year}\n",
            encoding="utf-8",
        )

    before = (tiny / HOUSEHOLDS).read_text(encoding="utf-8")
    roster("已脱贫", "2020")  # what the history says: nothing to change, the dates are kept
    done = cli("--data", str(tiny), "import", "households", str(path), "--update")
    assert done.exit_code == 0 and "无需改动 1 行" in done.output, done.output
    assert (tiny / HOUSEHOLDS).read_text(encoding="utf-8") == before
    roster("返贫", "2020")  # says otherwise: the roster's word, read as a history, replaces it
    done = cli("--data", str(tiny), "import", "households", str(path), "--update")
    assert done.exit_code == 0, done.stderr
    h = DataFolder(tiny).load().households["yangtuan-h0002"]
    assert [(str(c.date), c.status.value) for c in h.status_history] == [
        ("2020-12-31", "已脱贫"),
        ("2021-01-01", "返贫"),
    ]
