"""``lingbi import``, ``lingbi template``, ``lingbi export``: spreadsheets in and out."""

from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli.cli.options import HalfOption, State, TownshipOption, YearOption, scope_period
from lingbi_cli.errors import UsageError

KINDS_HELP = (
    "townships 乡镇、units 单位、deputies 代表、households 贫困户、pairings 结对、activities 活动"
)
KindArg = Annotated[
    str, typer.Argument(help=f"记录种类：{KINDS_HELP}（也可写中文）", show_default=False)
]
OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="写到这个文件", show_default=False)
]


def _kind(word: str, importable: bool) -> str:
    from lingbi_cli.sheets.kinds import IMPORTABLE, SPECS, spec_for

    found = spec_for(word)
    allowed = IMPORTABLE if importable else tuple(SPECS)
    if found is None or found[0] not in allowed:
        listed = "、".join(f"{k}（{SPECS[k].label}）" for k in allowed)
        raise UsageError(f"不认识的记录种类“{word}”；可用：{listed}")
    return found[0]


def import_(
    ctx: typer.Context,
    kind: KindArg,
    file: Annotated[Path, typer.Argument(help=".xlsx、.xls 或 .csv 文件", show_default=False)],
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="工作表名称或序号（默认第一个）")
    ] = None,
    mapping: Annotated[
        list[str] | None, typer.Option("--map", help="列名=字段：指定某一列对应的字段（可重复）")
    ] = None,
    constants: Annotated[
        list[str] | None,
        typer.Option("--set", help="列名=值：表中没有这一列时，每行都用这个值（可重复）"),
    ] = None,
    township: TownshipOption = None,
    update: Annotated[
        bool, typer.Option("--update", help="已有记录内容不同时更新它（默认跳过）")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", "-n", help="只显示将要做的修改（逐行对比），不写入")
    ] = False,
) -> None:
    """导入 Excel/WPS 表格或 CSV：全部通过检查才写入，有问题的行逐一列出。

    表头可以在标题行下面；列名按办公室常用写法识别（姓名、身份证号、公民身份号码、所在乡镇……）。
    与已有记录相同的行不会重复登记；内容不同的行默认跳过，加 --update 才更新。

    例：lingbi import deputies 代表名册.xlsx --dry-run
    例：lingbi import households 花名册.csv -t 杨疃镇 --set 来源=乡镇帮扶点 --set 建档年份=2016
    """
    from lingbi_cli.actions.sheet_import import ImportOptions, import_sheet
    from lingbi_cli.sheets.kinds import SPECS

    state: State = ctx.obj
    name = _kind(kind, importable=True)
    options = ImportOptions(sheet, mapping or [], constants or [], township, update, dry_run)
    result = import_sheet(state.folder(), name, file, options)
    label = SPECS[name].label
    grid = result.grid
    encoding = f"，编码 {grid.encoding}" if grid.encoding else ""
    typer.echo(
        f"读取 {grid.file}（工作表“{grid.sheet}”{encoding}），表头在第 {result.header_row + 1} 行"
    )
    if result.ignored:
        typer.echo(f"没有导入的列：{'、'.join(result.ignored)}")
    for what, count in sorted(result.passed_over.items()):
        if count:
            typer.echo(f"跳过{what} {count} 行")
    if dry_run:
        for change in result.changes:
            typer.echo(change.diff(), nl=False)
    for line in result.skipped:
        typer.echo(line)
    verb = "将" if dry_run else "已"
    if result.added:
        rels = list(dict.fromkeys(rel for _, _, rel in result.added))
        files = "、".join(rels) if len(rels) <= 3 else f"{rels[0]} 等 {len(rels)} 个文件"
        first, last = result.added[0][1], result.added[-1][1]
        typer.echo(f"{verb}新增{label} {len(result.added)} 条（{first} … {last}）→ {files}")
    if result.updated:
        typer.echo(f"{verb}更新{label} {len(result.updated)} 条")
        for row, record_id, fields in result.updated:
            typer.echo(f"  第 {row} 行 → {record_id}：{fields}")
    if result.unchanged:
        typer.echo(f"与已有记录相同、无需改动 {len(result.unchanged)} 行")
    if result.skipped:
        typer.echo(f"内容不同而跳过 {len(result.skipped)} 行（要更新请加 --update）")
    if not (result.added or result.updated):
        typer.echo("没有需要写入的改动。")
    if dry_run:
        typer.echo("（--dry-run：没有写入任何文件）")


def template(
    ctx: typer.Context,
    kind: KindArg,
    output: OutputOption,
) -> None:
    """空白表格：表头、每列的批注说明、下拉选项、身份证号和电话列为文本格式、一行示例。

    填好后用 lingbi import 导入。在数据文件夹中运行时，乡镇和单位也有下拉选项。

    例：lingbi template deputies -o 代表.xlsx
    """
    from lingbi_cli.sheets.kinds import SPECS
    from lingbi_cli.sheets.template import write_template

    name = _kind(kind, importable=True)
    if output.suffix.lower() != ".xlsx":
        raise UsageError("模板只能保存为 .xlsx 文件，例如 -o 代表.xlsx")
    write_template(name, output, _names(ctx.obj))
    typer.echo(f"已写出{SPECS[name].label}表的空白表格 → {output}")


def _names(state: State) -> dict[str, list[str]]:
    """Township and unit names of the data folder, if there is one, for drop-downs."""
    from lingbi_cli import models
    from lingbi_cli.errors import DataFolderNotFound

    try:
        folder = state.folder()
    except DataFolderNotFound:
        return {}
    records = folder.load(lambda f: f.model in (models.Township, models.Unit))
    return {
        "township": [t.name for t in records.townships.values()],
        "unit": [u.name for u in records.units.values()],
    }


def export(
    ctx: typer.Context,
    kind: Annotated[
        str,
        typer.Argument(
            help="记录种类：" + KINDS_HELP + "、proposals 议案建议、filings 报送、awards 表彰",
            show_default=False,
        ),
    ],
    output: OutputOption,
    township: TownshipOption = None,
    year: YearOption = None,
    half: HalfOption = None,
    full: Annotated[
        bool, typer.Option("--full", help="显示完整的身份证号、电话和健康类致贫原因（慎用）")
    ] = False,
) -> None:
    """导出记录为 Excel（.xlsx）或 CSV（UTF-8 带 BOM，Excel 直接打开不乱码）。

    身份证号、电话默认只显示部分，因病、因残等致贫原因默认隐去；--full 显示完整内容。

    例：lingbi export activities --township 杨疃镇 --half 2019H1 -o 活动.xlsx
    例：lingbi export households --full -o 贫困户.csv
    """
    from lingbi_cli.sheets.export import export_records
    from lingbi_cli.sheets.write import save

    name = _kind(kind, importable=False)
    period = scope_period(year, half)
    if full:
        typer.echo(
            "注意：--full 导出的文件含有完整的身份证号、电话号码和健康信息，属于个人信息，"
            "请妥善保管，不要外传。",
            err=True,
        )
    table = export_records(ctx.obj.folder(), name, township, period, full)
    save([table], output)
    typer.echo(f"已导出 {len(table.rows)} 条 → {output}")


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
    app.command()(template)
    app.command()(export)
