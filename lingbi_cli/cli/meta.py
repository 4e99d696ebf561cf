"""``lingbi rules``, ``explain``, ``schema`` and ``init``: the catalog and the empty folder."""

import json
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli import models, periods
from lingbi_cli.cli import complete
from lingbi_cli.cli.options import State
from lingbi_cli.cli.render import LEVEL_WORDS
from lingbi_cli.errors import LingbiError, UsageError
from lingbi_cli.rules import REGISTRY
from lingbi_cli.rules.examples import example
from lingbi_cli.rules.run import selected_rules
from lingbi_cli.store.init import add_township, init_folder
from lingbi_cli.store.layout import file_for
from lingbi_cli.store.schema import SCHEMA_DIR, bundle, file_schema, schema_text, write_schemas
from lingbi_cli.store.stored import CACHE_DIR

KIND_NAMES = {model.kind_name: model for model in models.RECORD_KINDS}


def _config(ctx: typer.Context) -> dict[str, object]:
    """The ``rules:`` settings of the data folder, or none when there is no folder."""
    state: State = ctx.obj
    try:
        return state.folder().settings.rules
    except LingbiError:
        return {}


def rules_command(ctx: typer.Context) -> None:
    """列出全部规则：名称、级别、是否启用、依据的条款。

    例：lingbi rules
    """
    config = _config(ctx)
    chosen = {rule.name: level for rule, _, level in selected_rules(config)}
    width = max(len(name) for name in REGISTRY)
    typer.echo(f"{'规则':<{width - 2}}  级别  启用  条款      说明")
    for name, rule in REGISTRY.items():
        level = chosen.get(name, rule.level)
        on = "是" if name in chosen else "否"
        typer.echo(
            f"{name:<{width}}  {LEVEL_WORDS[level.value]}  {on:<3}  {rule.clause or '—':<8}  "
            f"{rule.summary}"
        )


def explain(
    ctx: typer.Context,
    name: Annotated[
        str, typer.Argument(help="规则名称，见 lingbi rules", autocompletion=complete.rule_names)
    ],
) -> None:
    """说明一条规则：做什么、为什么、依据的条款原文、当前设置和一个会触发它的例子。

    例：lingbi explain pairing-window
    """
    rule = REGISTRY.get(name)
    if rule is None:
        raise UsageError(f"没有名为 {name} 的规则；lingbi rules 列出全部规则")
    config = _config(ctx)
    settings = rule.settings(config.get(name))  # type: ignore[arg-type]
    level = LEVEL_WORDS[rule.level.value]
    typer.echo(f"{rule.name}（默认级别：{level}）：{rule.summary}\n")
    typer.echo(f"做什么：{rule.what}\n")
    typer.echo(f"为什么：{rule.why}")
    if rule.clause:
        typer.echo(f"\n依据：《实施意见》{rule.clause}\n  “{rule.quote}”")
    typer.echo("\n当前设置（lingbi.yaml 的 rules." + rule.name + "）：")
    for key, value in settings.model_dump(mode="json").items():
        typer.echo(f"  {key}: {json.dumps(value, ensure_ascii=False)}")
    shown = example(rule.name)
    if shown is not None:
        typer.echo(f"\n会触发这条规则的例子（按 {shown.as_of} 检查）：")
        for rel, why in shown.files.items():
            typer.echo(f"\n  {rel}：{why}")
            for line in shown.text(rel).splitlines():
                typer.echo(f"    {line}".rstrip())


def schema(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Argument(help="只输出这一种记录的 schema：" + "、".join(KIND_NAMES)),
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="写入数据文件夹的 schemas/（每种记录一个文件）")
    ] = False,
) -> None:
    """输出记录文件的 JSON Schema（2020-12 版），供编辑器校验和补全。

    记录文件第一行的 # yaml-language-server: $schema=…/schemas/<类别>.json 指向 --write
    写出的文件，VS Code 的 YAML 插件等编辑器据此提示字段、检查取值。

    例：lingbi schema --write；lingbi schema deputy
    """
    if write:
        folder = ctx.obj.folder().path
        written = write_schemas(folder)
        for path in written:
            typer.echo(f"已写入 {path}")
        if not written:
            typer.echo(f"{folder / SCHEMA_DIR} 已是最新，没有改动")
        return
    if kind is None:
        typer.echo(schema_text(bundle()), nl=False)
        return
    model = KIND_NAMES.get(kind)
    if model is None:
        raise UsageError(f"没有 {kind} 这种记录；可选：{'、'.join(KIND_NAMES)}")
    typer.echo(schema_text(file_schema(model)), nl=False)


def init(
    folder: Annotated[
        Path, typer.Argument(help="数据文件夹（不存在则新建；默认当前文件夹）", show_default=False)
    ] = Path("."),
    township: Annotated[
        str | None, typer.Option("--township", "-t", help="登记一个乡镇并建好它的文件夹，如 杨疃镇")
    ] = None,
    township_id: Annotated[
        str | None, typer.Option("--id", help="乡镇的拼音编号（本县以外的名称才需要），如 yangtuan")
    ] = None,
) -> None:
    """新建数据文件夹，或补全已有的：设置、schemas/、记录文件、notes/ 和 git 的设置。

    已有的文件一律不覆盖。文件夹在 git 仓库中时，同时启用 lingbi 的合并程序
    （每个克隆执行一次 lingbi init . 即可）。

    例：lingbi init 灵璧县数据；lingbi init --township 杨疃镇
    """
    made = init_folder(folder, periods.today())
    for rel in made.created:
        typer.echo(f"已创建 {folder / rel}")
    if made.git == "configured":
        typer.echo("已在 git 仓库中启用 lingbi 的合并程序（merge.lingbi.driver）")
    tid = None
    if township is not None:
        tid, added = add_township(folder, township, township_id)
        typer.echo(f"已登记乡镇 {township}（{tid}）→ {added.created[0]}")
        for rel in added.created[1:]:
            typer.echo(f"已创建 {folder / rel}")
    if not made.created and township is None:
        typer.echo(f"{folder} 已是完整的数据文件夹，没有需要补的文件")
    typer.echo("\n下一步：")
    for number, step in enumerate(next_steps(folder, tid), start=1):
        typer.echo(f"  {number}. {step}")


def next_steps(folder: Path, township: str | None) -> list[str]:
    """The three things to do next, in Chinese."""
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder}，然后 "
    if township is None:
        return [
            f"{where}lingbi init --township 乡镇名称：登记本乡镇"
            "（如 lingbi init --township 杨疃镇）",
            "在 townships/<乡镇编号>/deputies.yaml 和 households.yaml 中录入代表和贫困户"
            "（用 VS Code 打开文件夹并安装 YAML 插件，会提示每个字段）",
            "lingbi check 检查；然后 git init、git add -A、git commit 保存第一个版本"
            "（多人协作见 README 的“多人协作”）",
        ]
    return [
        f"{where}lingbi template deputies -o 代表.xlsx、lingbi template households -o 贫困户.xlsx "
        "写出空白表格，填好后 lingbi import deputies 代表.xlsx、lingbi import households "
        f"贫困户.xlsx 导入（也可以直接编辑 {file_for(models.Deputy, township)} 和 "
        "households.yaml）",
        "lingbi pair 代表 贫困户 --date 日期（或 lingbi pair --auto）：登记结对；"
        "lingbi log visit -D 代表 -H 贫困户：登记走访",
        f"lingbi check --township {township}：检查本乡镇的记录",
    ]


cache_app = typer.Typer(
    help="缓存：lingbi 在数据文件夹的 .lingbi-cache/ 中保存已读取的记录，未改动的文件不再重读。"
    "\n\n例：lingbi cache clear",
    no_args_is_help=True,
)


@cache_app.command("clear")
def cache_clear(ctx: typer.Context) -> None:
    """删除数据文件夹中的全部缓存（随时可以删，下次运行会重建）。

    例：lingbi cache clear
    """
    folder = ctx.obj.folder()
    removed = folder.clear_cache()
    typer.echo(f"已删除 {removed} 个缓存文件（{folder.path / CACHE_DIR}）")


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
    app.command()(explain)
    app.command()(schema)
    app.command()(init)
    app.add_typer(cache_app, name="cache")
