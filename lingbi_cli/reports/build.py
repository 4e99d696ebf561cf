"""Reports as data: ``make`` builds any report kind as a ``Report`` of typed values.

This module chooses the report (``choose``), its date and its findings, and assembles a
township's or the county's report from the attached tables and the values of the body's
paragraphs (``reports.tables``). One date rules a document: every figure, table, ranking, list
and problem is computed as of the report's date, through ``figures.compute`` (body figures and
attached tables come from the same pass) and one run of the campaign rules. The date defaults
to the period's filing deadline (``default_date``); periods outside the campaign are refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from lingbi_cli import models, periods
from lingbi_cli.config import Campaign
from lingbi_cli.errors import Finding, UsageError
from lingbi_cli.periods import Period
from lingbi_cli.reports import assess, awards, deputy_record, rollup, roster, substance
from lingbi_cli.reports.data import Blank, Imprint, Letterhead, Report, ReportKind
from lingbi_cli.reports.figures import cause_totals, compute
from lingbi_cli.reports.problems import HEADINGS, Voice, problems
from lingbi_cli.reports.tables import (
    deputy_table,
    figure_values,
    six_ones,
    substance_values,
    township_table,
)
from lingbi_cli.reports.wording import CAMPAIGN, cn_date, suffix
from lingbi_cli.rules import REGISTRY, check_folder
from lingbi_cli.rules.partition import period_records, township_records
from lingbi_cli.store.folder import DataFolder
from lingbi_cli.store.layout import township_of
from lingbi_cli.store.records import Records

TEMPLATES = {
    ReportKind.half: "half.md.j2",
    ReportKind.county: "county.md.j2",
    ReportKind.year: "year.md.j2",
    ReportKind.deputy: "deputy.md.j2",
    ReportKind.assess: "assess.md.j2",
    ReportKind.roster: "roster.md.j2",
}
TERM = "term"  # the label of the period ``choose`` gives a whole-term deputy record
SUMMED = (ReportKind.county, ReportKind.year)  # the county's: from each township's work kept


def make(
    folder: DataFolder,
    kind: ReportKind,
    period: Period,
    *,
    township: str | None = None,
    deputy: str | None = None,
    date: dt.date | None = None,
    number: int | None = None,
    records: Records | None = None,
) -> Report:
    """The report of ``kind`` for ``period`` (a half-year, or a year for ``year`` and
    ``deputy``) of the records in ``folder``, of ``township`` (id; None: the county) or
    ``deputy`` (id), as of ``date`` (None: ``default_date``); ``number`` is the document's
    serial number in its 发文字号. ``records``: those ``records_for`` chose (None: all; for
    the county's half-year and year reports, every file but the activities', and each
    township's work kept: ``rollup.county_work``)."""
    summed = None
    if records is None and township is None and kind in SUMMED:
        summed = _summed(folder, kind, period, date)
    if summed is not None:
        records = summed.records
    records = records if records is not None else folder.load()
    if kind is ReportKind.deputy and period.label == TERM:
        if deputy is None or deputy not in records.deputies:
            raise UsageError("代表履职档案需要指明代表")
        period = deputy_record.term(records, records.deputies[deputy])
    day = report_day(kind, period, records.settings.campaign, date)
    if kind is ReportKind.deputy:
        if deputy is None or deputy not in records.deputies:
            raise UsageError("代表履职档案需要指明代表")
        made = deputy_record.build(records, records.deputies[deputy], period, day)
        made.values["problems"] = problems(
            deputy_record.concerning(records, deputy, _findings(records.folder, period, day)),
            Voice(records),
            period,
            _clauses(),
        )
    elif kind is ReportKind.assess:
        made = assess.build(records, period, township, day, _findings(records.folder, period, day))
    elif kind is ReportKind.roster:
        if township is None:
            raise UsageError("联系帮扶名单按乡镇报送：请用 --township 指明乡镇")
        made = roster.build(records, period, township, day)
    elif township is not None:
        made = _township_report(records, kind, period, township, day)
    else:
        made = _county_report(records, kind, period, day, summed)
    if kind is not ReportKind.deputy:  # a deputy's record is not a 公文 with a 版头
        _marks(records, made, township or "county", number)
    return made


def records_for(
    folder: DataFolder,
    kind: ReportKind,
    township: str | None = None,
    deputy: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    period: Period | None = None,
) -> Records:
    """The records a report needs: for a township's half-year report and its pairing list,
    the township's neighbourhood (``rules.partition``: its files, the county's, the people it
    names and the work elsewhere of its own people — a twentieth of a county); for a deputy's
    record, their township's, with the people they worked with elsewhere; for the county's
    half-year report, the year reports and the assessment, every file but those of activities
    outside ``period``; else the whole folder. ``township``, ``deputy``: an id or a name."""
    if not folder.cache:
        return folder.load(progress=progress)
    if kind in (ReportKind.half, ReportKind.roster) and township is not None:
        found = folder.townships().find(models.Township, township).id
        return township_records(folder, found, progress)
    if kind is ReportKind.deputy and deputy is not None:
        people = folder.load(lambda f: f.model is models.Deputy)
        found = people.find(models.Deputy, deputy).township
        return township_records(folder, found, progress, wide=True)
    if kind in (ReportKind.county, ReportKind.year, ReportKind.assess) and period is not None:
        return period_records(folder, period, progress)
    return folder.load(progress=progress)


def choose(
    half: str | None,
    year: int | None,
    township: bool,
    deputy: bool,
    *,
    assessment: bool = False,
    roster_list: bool = False,
) -> tuple[ReportKind, Period]:
    """Which report the options ask for: ``--half`` (township or county), ``--year`` (the
    year-end summary), ``--deputy`` (with ``--year``: one year; without: the whole term),
    ``--assess --year`` (the assessment), ``--list --year --township`` (the pairing list)."""
    if assessment or roster_list:
        what = "--assess" if assessment else "--list"
        if assessment and roster_list or deputy or half is not None or year is None:
            raise UsageError(f"{what} 只与 --year（和 --township）一起用，如 {what} --year 2019")
        if roster_list and not township:
            raise UsageError("联系帮扶名单按乡镇报送：请用 --township 指明乡镇")
        return (ReportKind.assess if assessment else ReportKind.roster), periods.year(year)
    if deputy and half is None:
        if year is None:  # the whole term, clipped to the campaign by ``make``
            return ReportKind.deputy, Period(TERM, dt.date(1900, 1, 1), dt.date(2999, 12, 31))
        return ReportKind.deputy, periods.year(year)
    if (half is None) == (year is None):
        raise UsageError("请用 --half 2019H1 或 --year 2019 指定报告期间（二者选一）")
    if deputy:
        raise UsageError("代表履职档案按年度或整个任期生成：请用 --year，或不加期间")
    if year is not None:
        return ReportKind.year, periods.year(year)
    period = periods.parse(half or "")
    if "H" not in period.label:
        raise UsageError("--half 应写成 2019H1 或 2019H2")
    return (ReportKind.half if township else ReportKind.county), period


def check_period(campaign: Campaign, period: Period) -> None:
    """Refuse a period outside the campaign (§2.1), as ``log`` refuses such dates."""
    c = campaign
    if period.end < c.start or period.start > c.end:
        raise UsageError(
            f"{period.label_zh()}不在活动期间（{cn_date(c.start)}至{cn_date(c.end)}）之内，"
            "没有可报告的活动"
        )


def report_day(
    kind: ReportKind, period: Period, campaign: Campaign, date: dt.date | None
) -> dt.date:
    """The report's date (``date``, else ``default_date``), once the period and the date are
    found possible: within the campaign, not after today, not before the period began."""
    check_period(campaign, period)
    today = periods.today()
    day = date or default_date(kind, period, campaign, today)
    if day > today:
        raise UsageError(f"成文日期{cn_date(day)}晚于今天，不能预先生成报告")
    if day < period.start:
        raise UsageError(f"报告日期{cn_date(day)}早于{period.label_zh()}的开始，无从报告")
    return day


def default_date(kind: ReportKind, period: Period, campaign: Campaign, today: dt.date) -> dt.date:
    """The period's filing deadline (§3.2: 20 June, 20 December; the year-end summary with the
    December report; a deputy's record at the year's end) — or today, if that comes first."""
    if kind in (ReportKind.deputy, ReportKind.assess):
        due = period.end
    elif kind is ReportKind.roster:
        due = dt.date(period.year, *campaign.plan_deadline)
    elif period.label.endswith("H1"):
        due = dt.date(period.year, *campaign.h1_report)
    else:
        due = dt.date(period.end.year, *campaign.h2_report)
    return min(due, today)


CAMPAIGN_RULES = list(HEADINGS)


def _clauses() -> dict[str, str]:
    return {name: REGISTRY[name].clause for name in HEADINGS if name in REGISTRY}


def _findings(folder: DataFolder, period: Period, day: dt.date) -> list[Finding]:
    """The campaign rules' findings for the period as of ``day``, over the whole county (a
    township's report lists its part of the county's, so the two never disagree); through the
    result cache, so that printing several reports checks the county once."""
    result = check_folder(
        folder,
        as_of=day,
        only=[name for name in CAMPAIGN_RULES if name in REGISTRY],
        period=period,
    )
    return result.findings


def _notes(records: Records, township: str | None, label: str) -> str | Blank:
    """The clerk's own "next steps" text (notes/<township>/<label>.md, else notes/<label>.md),
    or a visible blank."""
    text, names = substance.clerk_note(records, township, f"{label}.md")
    if text:
        return text
    return Blank("下一步打算", f"写在数据文件夹的 {names[0]} 中，再重新生成报告")


def _township_report(
    records: Records, kind: ReportKind, period: Period, township_id: str, day: dt.date
) -> Report:
    township = records.townships[township_id]
    # a year summary shows the township's standing among all of them (a half-year report,
    # the township's own figures only)
    wanted = [*records.townships, None] if kind is ReportKind.year else [township_id]
    figures = compute(records, period, wanted, as_of=day)
    f = figures[township_id]
    households = [r for r in f["households"].sources if isinstance(r, models.Household)]
    found = [
        x
        for x in _findings(records.folder, period, day)
        if township_of(x.file, x.record) == township_id
    ]
    signer = f"{township.name}人大主席团"
    if kind is ReportKind.year:
        title = f"{signer}{period.year}年度{CAMPAIGN}活动总结"
    else:
        title = f"{signer}关于{period.label_zh()}{CAMPAIGN}活动开展情况的报告"
    made = Report(kind, TEMPLATES[kind], title, period, day, signer, township_id)
    made.values.update(
        township=township.name,
        suffix=suffix(township.name),
        committee=records.settings.committee,
        f=figure_values(f),
        six_ones=six_ones(f),
        causes=cause_totals(households),
        problems=problems(found, Voice(records, township_id), period, _clauses()),
        next_steps=_notes(records, township_id, period.label),
        **substance_values(records, f, township_id, period),
        base="half.md.j2",
        this="本年度" if kind is ReportKind.year else "本期",
    )
    made.tables["deputies"] = deputy_table(f, records)
    made.values["attachments"] = [made.tables["deputies"].title]
    if kind is ReportKind.year:
        made.values["attachments"].append("评先评优候选排名")
    made.figures = {township_id: f}
    if kind is ReportKind.year:
        found_all = _findings(records.folder, period, day)
        made.values["awards"] = awards.rankings(records, figures, township_id, day, found_all)
        made.values["given"] = awards.given(records, period.year, township_id)
    _collect_blanks(made)
    return made


def _summed(
    folder: DataFolder, kind: ReportKind, period: Period, date: dt.date | None
) -> rollup.Summed | None:
    """Each township's work kept for a county's report, when the report can be made from it
    (else it is made from every record); a period or date the report refuses is refused here,
    before anything is loaded."""
    day = report_day(kind, period, folder.settings.campaign, date)
    found = _findings(folder, period, day)
    return rollup.county_work(folder, period, day, found, pairings=kind is ReportKind.year)


def _county_report(
    records: Records,
    kind: ReportKind,
    period: Period,
    day: dt.date,
    summed: rollup.Summed | None = None,
) -> Report:
    ids = list(records.townships)
    if summed is not None:
        worked, told, found, worded = summed.worked, summed.told, summed.findings, summed.worded
    else:
        worked, told, found, worded = None, None, _findings(records.folder, period, day), None
    figures = compute(records, period, [*ids, None], as_of=day, worked=worked)
    signer = records.settings.committee
    name = records.settings.county
    if kind is ReportKind.year:
        title = f"{name}{period.year}年度{CAMPAIGN}活动总结"
    else:
        title = f"{name}{period.label_zh()}{CAMPAIGN}活动开展情况汇总"
    made = Report(kind, TEMPLATES[kind], title, period, day, signer)
    made.values.update(
        county=name,
        committee=records.settings.committee,
        f=figure_values(figures[None]),
        six_ones=six_ones(figures[None]),
        problems=problems(found, Voice(records), period, _clauses(), worded),
        **substance_values(records, figures[None], None, period, told),
        base="county.md.j2",
        this="本年度" if kind is ReportKind.year else "本期",
    )
    made.tables["townships"] = township_table(records, figures)
    made.values["attachments"] = [made.tables["townships"].title]
    if kind is ReportKind.year:
        made.values["attachments"].append("评先评优候选排名")
    made.figures = {None: figures[None], **{t: figures[t] for t in ids}}
    if kind is ReportKind.year:
        made.values["awards"] = awards.rankings(records, figures, None, day, found)
        made.values["given"] = awards.given(records, period.year, None)
    return made


def _collect_blanks(made: Report) -> None:
    for value in made.values.values():
        if isinstance(value, Blank):
            made.blanks.append(value)


def _marks(records: Records, made: Report, owner: str, number: int | None) -> None:
    """The optional 版头 and 版记 of ``owner`` (a township id, or "county") from lingbi.yaml."""
    marks = records.settings.report.documents.get(owner)
    if marks is None:
        return
    if marks.mark:
        if marks.code and number is not None:
            serial: str | Blank = f"{marks.code}〔{made.date.year}〕{number}号"
        elif marks.code:
            serial = Blank("发文字号", "用 --number 给出发文顺序号，如 --number 5")
            made.blanks.append(serial)
        else:
            serial = ""
        made.letterhead = Letterhead(marks.mark, serial)
    if marks.cc or marks.printer:
        made.imprint = Imprint(marks.cc or "", marks.printer or made.signer, made.date)
