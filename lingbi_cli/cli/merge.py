"""``lingbi merge-driver``: git's merge driver for record files (see ``store.merge``).

git runs it as ``lingbi merge-driver %O %A %B %P`` for the files ``.gitattributes`` marks
``merge=lingbi`` once ``merge.lingbi.driver`` is set (``lingbi init .`` sets it). It writes the
merged text over %A and exits 0, or 1 when a conflict is left for the clerk (with conflict
markers, as git's own merge leaves them).
"""

import subprocess
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli.store.merge import CannotMerge, merge_texts, renumberable
from lingbi_cli.store.yamlread import decode

BOM = b"\xef\xbb\xbf"


def _in_rebase() -> bool:
    """A rebase replays the local commits onto the upstream: there "ours" is the upstream."""
    for name in ("rebase-merge", "rebase-apply"):
        try:
            run = subprocess.run(
                ["git", "rev-parse", "--git-path", name], capture_output=True, text=True
            )
        except OSError:
            return False
        if run.returncode == 0 and Path(run.stdout.strip()).is_dir():
            return True
    return False


def _line_merge(base: Path, ours: Path, theirs: Path) -> int:
    """git's own line merge, for a file that cannot be merged by record."""
    labels = ["-L", "本地", "-L", "共同的祖先", "-L", "对方"]
    try:
        run = subprocess.run(["git", "merge-file", *labels, str(ours), str(base), str(theirs)])
    except OSError:
        return 1
    return 0 if run.returncode == 0 else 1


def merge_driver(
    base: Annotated[Path, typer.Argument(help="共同的祖先（git 的 %O）")],
    ours: Annotated[Path, typer.Argument(help="本地的版本，合并结果写回这里（%A）")],
    theirs: Annotated[Path, typer.Argument(help="对方的版本（%B）")],
    path: Annotated[str, typer.Argument(help="文件在仓库中的路径（%P）")] = "",
) -> None:
    """git 的合并程序：按编号合并两人同时改动的记录文件。

    由 .gitattributes 和 git config merge.lingbi.driver 调用（lingbi init . 会设置好），
    不必手工运行。两边新增的记录都保留，编号相同的本地新记录改用下一个编号；
    只有两边改了同一条记录的同一个字段时，才留下冲突标记，由人工合并。

    启用：git config merge.lingbi.driver "lingbi merge-driver %O %A %B %P"

    例：lingbi merge-driver 祖先.yaml 本地.yaml 对方.yaml townships/yuji/pairings.yaml
    """
    name = path or ours.name
    raw = [p.read_bytes() for p in (base, ours, theirs)]
    texts = [decode(data)[0] for data in raw]
    try:
        if any(t is None for t in texts):
            raise CannotMerge("文件不是 UTF-8 编码")
        merged = merge_texts(
            texts[0] or "",
            texts[1] or "",
            texts[2] or "",
            renumber=renumberable(name),
            renumber_ours=not _in_rebase(),
        )
    except CannotMerge as why:
        typer.echo(f"lingbi：{name} 无法按记录合并（{why}），改用 git 的逐行合并", err=True)
        raise typer.Exit(_line_merge(base, ours, theirs)) from None
    data = merged.text.encode("utf-8")
    ours.write_bytes(BOM + data if raw[1].startswith(BOM) else data)
    for old, new in merged.renumbered:
        typer.echo(
            f"lingbi：{name}：本地新记录 {old} 与对方新记录的编号相同，已改为 {new}", err=True
        )
    for conflict in merged.conflicts:
        typer.echo(f"lingbi：{name}：{conflict}，请手工合并（见文件中的 <<<<<<< 标记）", err=True)
    if merged.conflicts:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("merge-driver")(merge_driver)
