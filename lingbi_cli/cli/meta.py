"""``lingbi rules``, ``explain``, ``schema`` and ``init``: the catalog and the empty folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from lingbi_cli import models
from lingbi_cli.cli.options import State
from lingbi_cli.errors import LingbiError, UsageError
from lingbi_cli.rules import REGISTRY
from lingbi_cli.rules.examples import example
from lingbi_cli.rules.run import selected_rules
from lingbi_cli.store.cache import CACHE_DIR, FileCache
from lingbi_cli.store.init import init_folder


def _config(ctx: typer.Context) -> dict[str, object]:
    """The ``rules:`` settings of the data folder, or none when there is no folder."""
    state: State = ctx.obj
    try:
        return state.settings().rules
    except LingbiError:
        return {}


def rules_command(ctx: typer.Context) -> None:
    """列出全部规则：名称、级别、是否启用、依据的条款。

    例：lingbi rules
    """
    config = _config(ctx)
    chosen = {rule.name: level for rule, _, level in selected_rules(config)}
    width = max(len(name) for name in REGISTRY)
    typer.echo(f"{'规则':<{width - 2}}  级别     启用  条款      说明")
    for name, rule in REGISTRY.items():
        level = chosen.get(name, rule.level)
        on = "是" if name in chosen else "否"
        typer.echo(
            f"{name:<{width}}  {level.value:<7}  {on:<3}  {rule.clause or '—':<8}  {rule.summary}"
        )


def explain(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="规则名称，见 lingbi rules")],
) -> None:
    """说明一条规则：做什么、为什么、依据的条款原文、当前设置和一个会触发它的例子。

    例：lingbi explain pairing-window
    """
    rule = REGISTRY.get(name)
    if rule is None:
        raise UsageError(f"没有名为 {name} 的规则；lingbi rules 列出全部规则")
    config = _config(ctx)
    settings = rule.settings(config.get(name))  # type: ignore[arg-type]
    typer.echo(f"{rule.name}（默认级别 {rule.level.value}）：{rule.summary}\n")
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
    write: Annotated[
        bool, typer.Option("--write", help="写入数据文件夹的 schemas/（每种记录一个文件）")
    ] = False,
) -> None:
    """输出每种记录的 JSON Schema，供编辑器校验和补全。

    记录文件第一行的 # yaml-language-server: $schema=…/schemas/<类别>.json 指向 --write
    写出的文件，VS Code 等编辑器据此提示字段、检查取值。

    例：lingbi schema --write
    """
    if write:
        folder = ctx.obj.folder()
        for path in write_schemas(folder):
            typer.echo(f"已写入 {path}")
        return
    payload = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "lingbi records",
        "$defs": {m.kind_name: m.model_json_schema() for m in models.RECORD_KINDS},
    }
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def write_schemas(folder: Path) -> list[Path]:
    """schemas/<kind>.json: a list of records of that kind, as the record files hold them."""
    target = folder / "schemas"
    target.mkdir(exist_ok=True)
    written = []
    for model in models.RECORD_KINDS:
        payload = {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"{model.kind_label}（{model.kind_name}）",
            "type": "array",
            "items": model.model_json_schema(),
        }
        path = target / f"{model.kind_name}.json"
        path.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def init(
    folder: Annotated[Path, typer.Argument(help="要新建的数据文件夹")],
) -> None:
    """新建一个空的数据文件夹，带有写满注释的 lingbi.yaml。

    例：lingbi init 杨疃镇数据
    """
    written = init_folder(folder)
    for path in written:
        typer.echo(f"已创建 {path}")


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
    state: State = ctx.obj
    folder = state.folder()
    removed = FileCache(folder, state.settings().fingerprint()).clear()
    typer.echo(f"已删除 {removed} 个缓存文件（{folder / CACHE_DIR}）")


def register(app: typer.Typer) -> None:
    app.command("rules")(rules_command)
    app.command()(explain)
    app.command()(schema)
    app.command()(init)
    app.add_typer(cache_app, name="cache")
