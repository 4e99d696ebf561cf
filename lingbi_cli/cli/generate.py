"""``lingbi generate``: a synthetic county for trying lingbi out, for tests and benchmarks."""

import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer


class Scale(StrEnum):
    sample = "sample"
    township = "township"
    county = "county"
    county3 = "county3"


def generate_command(
    folder: Annotated[Path, typer.Argument(help="要写入的数据文件夹（不存在时新建）")],
    scale: Annotated[
        Scale,
        typer.Option(
            "--scale",
            help="规模：sample 示例县（5 个乡镇）；township 一个乡镇（约 100 名代表）；"
            "county 全县（20 个乡镇，约 25 万条活动）；county3 全县的三倍",
        ),
    ] = Scale.sample,
    seed: Annotated[
        int, typer.Option("--seed", help="随机种子：同一种子生成的文件逐字节相同")
    ] = 2018,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="文件夹不是空的也写入：替换其中的 county/、townships/ 和 lingbi.yaml"
        ),
    ] = False,
) -> None:
    """生成一个虚构的县：代表、贫困户、结对、活动、议案建议、报送、爱心人士捐赠和表彰。

    除乡镇名称外，人名、身份证号、电话都是编造的。文件夹中同时写入 schemas/（供编辑器使用）。

    数据通过全部完整性规则；示例县有意留了几处活动规则上的不足，供试用 check 和 report。

    例：lingbi generate 示例县 --scale sample --seed 2018
    """
    from lingbi_cli.sample import generate  # only this command needs the generator
    from lingbi_cli.store.schema import write_schemas

    started = time.perf_counter()
    report = generate(folder, scale.value, seed, force=force)
    write_schemas(folder)  # the files' first lines point at them
    n = report.counts
    typer.echo(
        f"已在 {folder} 生成 {scale.value} 规模的数据（种子 {seed}）："
        f"{n['township']} 个乡镇、{n['deputy']:,} 名代表、{n['household']:,} 户贫困户、"
        f"{n['pairing']:,} 个结对、{n['activity']:,} 条活动、{n['proposal']:,} 件议案建议、"
        f"{n['filing']:,} 份报送、{n['donor']:,} 笔爱心人士捐赠、{n['award']:,} 项表彰，"
        f"共 {report.files:,} 个文件 "
        f"{report.bytes / 1e6:.1f} MB，用时 {time.perf_counter() - started:.1f} 秒。"
    )


def register(app: typer.Typer) -> None:
    app.command("generate")(generate_command)
