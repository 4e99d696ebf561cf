"""The README's generated parts: the rule catalog and the field tables, from the code itself.

``python -m lingbi_cli.docgen README.md`` rewrites the blocks between ``<!-- rules:start -->``
/ ``<!-- rules:end -->`` and ``<!-- layout:start -->`` / ``<!-- layout:end -->``; a test fails
when the README is out of date.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from lingbi_cli import models
from lingbi_cli.rules import REGISTRY
from lingbi_cli.store.layout import COUNTY_FILES, TOWNSHIP_FILES


def rules_markdown() -> str:
    lines = [
        "Generated from the rule registry (`lingbi rules`; `lingbi explain RULE` for the whole",
        "text). Levels and settings can be changed in `lingbi.yaml` under `rules:`.",
        "",
        "| rule | level | clause | 说明 |",
        "| --- | --- | --- | --- |",
    ]
    for rule in REGISTRY.values():
        lines.append(
            f"| `{rule.name}` | {rule.level.value} | {rule.clause or '—'} | {rule.summary} |"
        )
    return "\n".join(lines)


def layout_markdown() -> str:
    where: dict[type[models.Record], str] = {m: rel for rel, m in COUNTY_FILES.items()}
    for name, model in TOWNSHIP_FILES.items():
        where[model] = f"townships/<乡镇>/{name}"
    where[models.Activity] = "townships/<乡镇>/activities/YYYY-MM.yaml"
    lines = [
        "Generated from the schemas. Every record file is a YAML list of records, one `- id: …`",
        "each; every record kind rejects keys it does not know. `township` of records under",
        "`townships/<乡镇>/` comes from the folder and may be left out.",
        "",
        "```",
        "lingbi.yaml                                   设置 / settings (seed defaults, commented)",
        "county/townships.yaml                         乡镇 / townships and their liaison leaders",
        "county/units.yaml                             单位 / organs and institutions",
        "county/awards.yaml                            表彰 / year-end awards",
        "townships/<乡镇>/deputies.yaml                代表 / deputies registered in the township",
        "townships/<乡镇>/households.yaml              贫困户 / poor households",
        "townships/<乡镇>/pairings.yaml                结对 / pairings (ended ones are kept)",
        "townships/<乡镇>/proposals.yaml               议案建议 / proposals",
        "townships/<乡镇>/filings.yaml                 报送 / plans, lists and reports filed",
        "townships/<乡镇>/activities/YYYY-MM.yaml      活动 / activities, one file per month",
        "notes/                                        报告的“下一步打算”等 / the clerk's notes",
        "templates/                                    自定义的报告模板 / changed report templates",
        "```",
        "",
        "Why this layout: each township's clerk edits only `townships/<their township>/`, so two",
        "townships' work never conflicts in git; activities, the one kind that grows (≈250,000",
        "over three years in a county), live in files of one township-month (a few hundred",
        "records), so recording one never rewrites a large file, and a cache can skip every",
        "month that did not change.",
    ]
    for model in models.RECORD_KINDS:
        lines += [
            "",
            f"### {model.kind_label} / {model.kind_name} — `{where[model]}`",
            "",
            "| field | 必填 required | 说明 | meaning |",
            "| --- | --- | --- | --- |",
        ]
        for name, info in model.model_fields.items():
            zh, en = field_doc(model, name)
            required = "是 yes" if info.is_required() else ""
            lines.append(f"| `{model.field_key(name)}` | {required} | {zh} | {en} |")
    return "\n".join(lines)


def field_doc(model: type[models.Record], name: str) -> tuple[str, str]:
    """A field's description, "中文 / English", as its two halves. The English half is
    after the last " / ": the Chinese one may hold a slash of its own (单位名单 / 乡镇推荐)."""
    zh, sep, en = (model.model_fields[name].description or "").rpartition(" / ")
    if not (sep and zh and en):
        raise ValueError(f"{model.kind_name}.{name}: description should read '中文 / English'")
    return zh, en


def update(text: str) -> str:
    for name, body in (("rules", rules_markdown()), ("layout", layout_markdown())):
        pattern = re.compile(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", re.S)
        text = pattern.sub(lambda m, b=body: f"{m[1]}{b}\n{m[2]}", text)  # type: ignore[misc]
    return text


def main(argv: list[str]) -> int:
    path = Path(argv[0] if argv else "README.md")
    old = path.read_text(encoding="utf-8")
    new = update(old)
    if new != old:
        path.write_text(new, encoding="utf-8")
        print(f"updated {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
