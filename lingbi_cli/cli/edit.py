"""``lingbi edit``, ``lingbi remove`` and ``lingbi undo``: correcting what was recorded."""

from typing import Annotated

import typer

from lingbi_cli.actions import edit as edit_actions
from lingbi_cli.actions import remove as remove_actions
from lingbi_cli.cli.options import DryRunOption
from lingbi_cli.store import journal
from lingbi_cli.store.write import Change

DRY_NOTE = "（--dry-run：没有写入任何文件）"


def _diffs(changes: list[Change]) -> None:
    for change in changes:
        typer.echo(change.diff(), nl=False)
    typer.echo(DRY_NOTE)


def edit(
    ctx: typer.Context,
    record: Annotated[str, typer.Argument(help="要修改的记录的编号，如 yangtuan-a201905-003")],
    assignments: Annotated[
        list[str], typer.Argument(help="字段=值，可写多个；字段可用文件中的名称或中文名")
    ],
    dry_run: DryRunOption = False,
) -> None:
    """修改一条记录的字段（按格式和规则检查后才写入；其余内容一字不动）。

    改了活动的日期、跨了月份时，记录移到新月份的文件里，编号不变。

    值留空（如 发现的问题=）表示删掉这个字段；多个值用顿号分隔：

    参加的代表=yangtuan-d001、yangtuan-d002

    例：lingbi edit yangtuan-a201905-003 日期=2019-06-02

    例：lingbi edit yangtuan-a201905-003 内容摘要=帮助联系收购商 --dry-run
    """
    done = edit_actions.edit_record(ctx.obj.folder(), record, assignments, dry_run)
    if dry_run:
        _diffs(done.changes)
        return
    if not done.fields:
        typer.echo(f"{done.model.kind_label} {done.record_id} 的这些字段已经是这样，没有改动。")
        return
    typer.echo(f"已修改{done.model.kind_label} {done.record_id}：")
    for name, old, new in done.fields:
        typer.echo(f"  {name}：{old} → {new}")
    for note in done.notes:
        typer.echo(note)
    typer.echo("（写错了可以用 lingbi undo 撤销）")


def remove(
    ctx: typer.Context,
    record: Annotated[str, typer.Argument(help="要删除的记录的编号")],
    reason: Annotated[str, typer.Option("--reason", help="删除的原因（记入写入记录）")] = "",
    force: Annotated[
        bool, typer.Option("--force", help="连同引用它的记录一起删除（会先列出）")
    ] = False,
    dry_run: DryRunOption = False,
) -> None:
    """删除一条记录。有别的记录引用它时不删除，并列出这些记录；加 --force 一并删除。

    例：lingbi remove yangtuan-a201906-004 --reason 重复登记
    """
    done = remove_actions.remove_record(ctx.obj.folder(), record, reason, force, dry_run)
    if dry_run:
        _diffs(done.changes)
    head = "将删除" if dry_run else "已删除"
    typer.echo(f"{head}{done.record}")
    for line in done.gone:
        typer.echo(f"  连同删除：{line}")
    for line in done.trimmed:
        typer.echo(f"  从名单中去掉它：{line}")
    if not dry_run:
        typer.echo("（删错了可以用 lingbi undo 撤销）")


def undo(
    ctx: typer.Context,
    list_: Annotated[bool, typer.Option("--list", help="列出最近的写入，不撤销")] = False,
    dry_run: DryRunOption = False,
) -> None:
    """撤销 lingbi 最近的一次写入（登记、修改、删除、导入……）。

    只有这次写入涉及的文件在那之后没有被改过时才撤销，否则说明是哪个文件被改过、不做任何改动。

    再运行一次，就撤销再前一次的写入。

    例：lingbi undo --list

    例：lingbi undo --dry-run
    """
    folder = ctx.obj.folder().path
    if list_:
        found = journal.entries(folder)[:20]
        if not found:
            typer.echo("还没有 lingbi 的写入记录。")
            return
        typer.echo("最近的写入（最新的在前）：")
        for entry in found:
            state = f"（已撤销，{entry.undone}）" if entry.undone else ""
            files = "、".join(f.rel for f in entry.files)
            typer.echo(f"  {entry.when}  {entry.command}{state}")
            if entry.what:
                typer.echo(f"      {entry.what}")
            typer.echo(f"      文件：{files}")
        return
    done = journal.undo(folder, dry_run)
    if dry_run:
        _diffs(done.changes)
        typer.echo(f"将撤销：{done.entry.command}（{done.entry.when}）")
        return
    typer.echo(f"已撤销：{done.entry.command}")
    if done.entry.what:
        typer.echo(f"  （{done.entry.what}）")
    for change in done.changes:
        state = "已删除（这次写入新建的文件）" if change.after is None else "已恢复原样"
        typer.echo(f"  {change.rel} {state}")


def register(app: typer.Typer) -> None:
    app.command("edit")(edit)
    app.command("remove")(remove)
    app.command("undo")(undo)
