"""A month of entries typed at a terminal (a pseudo-terminal here): typos, out-of-range choices,
part of a name, pinyin initials, joint work, a wrong amount and a Ctrl-C. At the end the
month's file holds exactly the entries meant, and nothing from the cancelled one."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

import pytest

from lingbi_cli.cli import prompts
from lingbi_cli.store.folder import DataFolder

# A POSIX pseudo-terminal: on Windows these modules do not exist and the file is skipped.
fcntl = pytest.importorskip("fcntl")
termios = pytest.importorskip("termios")
pty = pytest.importorskip("pty")


def _own_terminal() -> None:
    """In the child: the pseudo-terminal becomes its terminal (Ctrl-C reaches it as a clerk's
    would), and SIGINT is not left ignored by a parent running in the background."""
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Screen:
    """``lingbi`` running on a pseudo-terminal: wait for text, type lines, press Ctrl-C."""

    def __init__(self, folder: Path, *args: str) -> None:
        # The parent keeps the terminal's other end open too: the last words of a child that
        # has exited stay readable (Linux drops them once every copy of that end is closed).
        self.master, self.slave = pty.openpty()
        slave = self.slave
        env = {**os.environ, "LINGBI_TODAY": "2019-06-30", "LINGBI_DATA": str(folder)}
        env.pop("LINGBI_DEBUG", None)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lingbi_cli", *args],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
            preexec_fn=_own_terminal,
        )
        self.seen = ""
        self.mark = 0

    def read(self, timeout: float = 0.2) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                self.seen += os.read(self.master, 65536).decode("utf-8", "replace")
            except OSError:  # the child has gone and closed its end
                pass

    def expect(self, text: str, limit: float = 30.0) -> str:
        """Wait until ``text`` shows after what was already waited for; the new screen text."""
        end = time.monotonic() + limit
        while text not in self.seen[self.mark :]:
            if time.monotonic() > end:
                raise AssertionError(f"never saw {text!r}; screen:\n{self.seen}")
            self.read()
        start, self.mark = self.mark, self.seen.index(text, self.mark) + len(text)
        return self.seen[start : self.mark]

    def type(self, line: str) -> None:
        os.write(self.master, (line + "\r").encode("utf-8"))

    def interrupt(self, until: str) -> str:
        """Ctrl-C, as typed, until ``until`` shows. Pressed in the instant between a prompt
        being shown and the read beginning, Python notes the signal but goes on waiting for
        the line; like a clerk, the test presses Ctrl-C again."""
        for _ in range(20):
            os.write(self.master, b"\x03")
            try:
                return self.expect(until, limit=1.0)
            except AssertionError:
                continue
        return self.expect(until, limit=1.0)

    def finish(self) -> int:
        for _ in range(100):
            self.read(0.1)
            if self.process.poll() is not None:
                break
        code = self.process.wait(timeout=30)
        self.read(0.1)
        os.close(self.master)
        os.close(self.slave)
        return code


def test_a_month_typed_at_the_terminal(tiny: Path) -> None:
    # 1. A visit: choice 99 of 10, then the kind by its name; a dotted date; a wrong name
    #    answered with a suggestion, then pinyin initials; household 5 of 1, then 1.
    screen = Screen(tiny, "log")
    screen.expect("活动类别（填序号）：")
    screen.type("99")
    assert "没有第 99 项，请填 1—10 之间的序号" in screen.expect("活动类别（填序号）：")
    screen.type("串门")
    assert "2019-06-30" in screen.expect("日期（直接回车即 2019-06-30）：")
    screen.type("2019.6.3")
    screen.expect("代表（多位用、或空格分开）：")
    screen.type("张卫")
    assert "是否是：张伟" in screen.expect("请重新填写这位代表：")
    screen.type("zw")
    assert "王建国户，前庄村" in screen.expect("帮扶的贫困户（填序号）：")
    screen.type("5")
    assert "没有第 5 项" in screen.expect("帮扶的贫困户（填序号）：")
    screen.type("1")
    screen.expect("内容摘要：")
    screen.type("入户走访，了解夏粮收成")
    assert "已登记串门活动" in screen.expect("2019-06.yaml")
    assert screen.finish() == 0

    # 2. Joint work: a trip by 张伟 and 李 (part of a name), two villages on one line.
    screen = Screen(tiny, "log", "trip")
    screen.expect("日期")
    screen.type("2019-6-12")
    screen.expect("代表（多位用、或空格分开）：")
    screen.type("张伟、李")
    assert "张伟（yangtuan-d001）、李秀英（yangtuan-d002）" in screen.expect("走访、视察的村")
    screen.type("前庄村，后湖村")
    screen.expect("内容摘要：")
    screen.type("视察两村道路")
    screen.expect("已登记调研视察活动")
    assert screen.finish() == 0

    # 3. A donation: a date in Chinese, pinyin initials, the household by name, an amount
    #    in words refused and asked again.
    screen = Screen(tiny, "log", "donation")
    screen.expect("日期")
    screen.type("2019年6月18日")
    screen.expect("代表（多位用、或空格分开）：")
    screen.type("lxy")
    screen.expect("帮扶的贫困户（填序号）：")
    screen.type("赵桂兰")
    screen.expect("捐资金额（元）：")
    screen.type("五百")
    assert "金额" in screen.expect("捐资金额（元）：")
    screen.type("500元")
    screen.expect("内容摘要：")
    screen.type("捐助种子款")
    screen.expect("已登记捐资活动")
    assert screen.finish() == 0

    # 4. Started, then cancelled with Ctrl-C halfway: nothing is written.
    screen = Screen(tiny, "log", "talk")
    screen.expect("日期")
    screen.type("")
    screen.expect("代表（多位用、或空格分开）：")
    screen.type("李秀英")
    screen.expect("帮扶的贫困户（填序号）：")
    screen.interrupt(until="已取消，没有写入")
    assert screen.finish() == 130

    # 5. A talk on a day that does not exist, then the right day.
    screen = Screen(tiny, "log", "talk")
    screen.expect("日期")
    screen.type("2019-06-31")
    assert "这一天不存在" in screen.expect("日期")
    screen.type("2019-06-25")
    screen.expect("代表（多位用、或空格分开）：")
    screen.type("李秀英")
    screen.expect("帮扶的贫困户（填序号）：")
    screen.type("1")
    screen.expect("内容摘要：")
    screen.type("谈心，鼓励发展庭院经济")
    screen.expect("已登记谈心活动")
    assert screen.finish() == 0

    june = [a for a in DataFolder(tiny).load().activities.values() if a.date.month == 6]
    got = sorted(
        (
            a.date.isoformat(),
            a.kind.value,
            tuple(a.deputies),
            a.household,
            a.summary,
            a.amount,
            tuple(a.villages or ()),
        )
        for a in june
    )
    d1, d2, h1, h2 = "yangtuan-d001", "yangtuan-d002", "yangtuan-h0001", "yangtuan-h0002"
    assert got == [
        ("2019-06-03", "串门", (d1,), h1, "入户走访，了解夏粮收成", None, ()),
        ("2019-06-12", "调研视察", (d1, d2), None, "视察两村道路", None, ("前庄村", "后湖村")),
        ("2019-06-18", "捐资", (d2,), h2, "捐助种子款", Decimal("500"), ()),
        ("2019-06-25", "谈心", (d2,), h2, "谈心，鼓励发展庭院经济", None, ()),
    ]


def test_without_a_terminal_a_missing_field_is_an_error(tiny: Path, cli) -> None:
    result = cli("--data", str(tiny), "log", "visit", "-D", "张伟", "-s", "走访")
    assert result.exit_code == 2
    assert "缺少 --household" in result.output


def test_questions_through_the_seam() -> None:
    typed = iter(["", "张", "2", "王"])
    shown: list[str] = []
    term = prompts.Terminal(
        read=lambda prompt: shown.append(prompt) or next(typed), write=shown.append
    )
    people = [("d1", "张伟"), ("d2", "张得胜"), ("d3", "王芳")]
    assert prompts.several(term, "代表", people, "代表") == [("d2", "张得胜")]
    assert prompts.person(term, "王", people, "代表") == ("d3", "王芳")
    assert prompts.candidates("zds", people) == [("d2", "张得胜")]
    assert any("“张”可能是以下代表" in line for line in shown)


def test_pair_asks_for_the_deputy_and_an_unpaired_household(tiny: Path) -> None:
    screen = Screen(tiny, "pair")
    screen.expect("日期")
    screen.type("2019-06-01")
    screen.expect("代表：")
    screen.type("李")
    shown = screen.expect("结对的贫困户（填序号）：")
    assert "孙德胜户" in shown and "王建国户" not in shown  # 王建国 is paired already
    screen.type("孙德胜")
    screen.expect("已登记结对")
    assert screen.finish() == 0
    pairings = DataFolder(tiny).load().pairings.values()
    assert {(p.deputy, p.household) for p in pairings if p.start.isoformat() == "2019-06-01"} == {
        ("yangtuan-d002", "yangtuan-h0003")
    }


def test_what_was_typed_comes_back_as_a_command_when_a_rule_refuses(folder) -> None:
    from conftest import TINY

    deputies = TINY["townships/yangtuan/deputies.yaml"].replace(
        "          employer: 农村\n", "          employer: 农村\n          term_end: 2019-05-31\n"
    )
    data = folder({"townships/yangtuan/deputies.yaml": deputies})
    screen = Screen(data, "log", "talk", "--date", "2019-06-10")
    screen.expect("代表（多位用、或空格分开）：")
    screen.type("李秀英")
    screen.expect("帮扶的贫困户（填序号）：")
    screen.type("1")
    screen.expect("内容摘要：")
    screen.type("谈心 鼓励发展生产")
    screen.expect("刚才填写的内容（改正后可再次运行）：")
    replay = screen.expect("鼓励发展生产'")
    assert "lingbi log talk --date 2019-06-10 -D yangtuan-d002 -H yangtuan-h0002" in replay
    assert "-s '谈心 鼓励发展生产'" in replay
    screen.expect("没有写入")
    assert screen.finish() == 1
    assert "任期" in screen.seen[screen.mark :]


def test_unpair_asks_for_what_is_missing(tiny: Path) -> None:
    screen = Screen(tiny, "unpair", "--date", "2019-06-30")
    screen.expect("代表：")
    screen.type("zw")
    assert "王建国户" in screen.expect("结束哪一户的结对（填序号）：")
    screen.type("2")
    screen.expect("结束哪一户的结对（填序号）：")
    screen.type("1")
    screen.expect("结束原因：")
    screen.type("已稳定脱贫")
    screen.expect("已结束结对")
    assert screen.finish() == 0
    (ended,) = [p for p in DataFolder(tiny).load().pairings.values() if p.end is not None]
    assert (ended.household, ended.end.isoformat(), ended.end_reason) == (
        "yangtuan-h0001",
        "2019-06-30",
        "已稳定脱贫",
    )
