"""Limits on what a report template may cost: the clerk's own templates run in a child process
with a time and memory limit, and in every template a ``range``, a repeated string or list and
the text written are bounded.

Jinja2's ``SandboxedEnvironment`` keeps a template away from Python's internals, but not from
running forever or filling memory: two nested ``range(100000)`` loops, ``'x' * 3000000000``, a
template that includes itself. So:

- in the sandbox (``Limited``): ``range`` gives at most ``MAX_RANGE`` numbers, ``*`` and
  ``**`` refuse a result above ``MAX_TEXT`` characters (items), ``format`` and ``format_map``
  are not callable at all; a template that includes itself stops at Python's recursion limit;
- around it (``run_limited``): a template from the data folder or ``--template`` is rendered in
  a child process that stops itself after ``SECONDS`` (with the line it had reached) and whose
  address space is capped at ``MEMORY_BYTES`` more than it started with (where the system
  allows: Linux, macOS); if it does not stop, it is killed ``GRACE_SECONDS`` later.

Every way a template can fail — syntax, a missing value, a forbidden access, a runaway, an
error of Python's — becomes one Chinese ``TemplateProblem`` naming the template and its line
(exit 2). The shipped templates are lingbi's own code and render in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import Any

from jinja2.sandbox import SandboxedEnvironment

from lingbi_cli.errors import TemplateProblem

MAX_RANGE = 10_000
MAX_TEXT = 5_000_000
SECONDS = float(os.environ.get("LINGBI_TEMPLATE_SECONDS", "20"))
GRACE_SECONDS = 5.0
MEMORY_BYTES = 512 * 1024 * 1024


class Runaway(Exception):
    """A template that went past one of the limits; the message is Chinese."""


def _sized(value: Any) -> Any:
    if isinstance(value, str | list | tuple | bytes) and len(value) > MAX_TEXT:
        raise Runaway(f"生成的内容超过 {MAX_TEXT} 个字符（项）")
    return value


def limited_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Runaway(f"range 超过 {MAX_RANGE} 个数")
    return numbers


class Limited(SandboxedEnvironment):
    """The sandbox with the limits above."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for text, times in ((left, right), (right, left)):
                if isinstance(text, str | list | tuple) and isinstance(times, int):
                    if len(text) * max(times, 0) > MAX_TEXT:
                        raise Runaway(f"生成的内容超过 {MAX_TEXT} 个字符（项）")
        if operator == "**" and isinstance(right, int) and abs(right) > 1000:
            raise Runaway("乘方的指数过大")
        return _sized(super().call_binop(context, operator, left, right))

    def is_safe_callable(self, obj: Any) -> bool:
        if getattr(obj, "__name__", "") in ("format", "format_map"):
            return False
        return bool(super().is_safe_callable(obj))


def template_line(tb: TracebackType | None, names: tuple[str, ...]) -> int | None:
    """The template line an exception was raised at: the last frame of a template file in
    its traceback (Jinja2 rewrites template frames to the template's own file and line)."""
    line = None
    for frame, number in traceback.walk_tb(tb):
        filename = frame.f_code.co_filename
        if filename in names or filename.endswith(".j2") or filename == "<template>":
            line = number
    return line


def problem(where: str, line: int | None, what: str) -> TemplateProblem:
    return TemplateProblem(f"模板 {where}{f' 第 {line} 行' if line else ''}：{what}")


def run_limited(render: Callable[..., str], args: tuple[Any, ...], where: str) -> str:
    """``render(*args)`` in a child process under the time and memory limits (see above);
    its TemplateProblem is raised here."""
    methods = multiprocessing.get_all_start_methods()
    context: Any = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, render, args), daemon=True)
    child.start()
    send.close()
    try:
        if receive.poll(SECONDS + GRACE_SECONDS):
            kind, text = receive.recv()
        else:
            kind, text = "limit", f"运行超过 {SECONDS:g} 秒，已停止"
    except EOFError:  # the child died without a word: its memory limit, most likely
        kind, text = "limit", "占用的内存或时间超出限制，已停止"
    finally:
        receive.close()
        if child.is_alive():
            child.kill()
        child.join()
    if kind == "ok":
        return str(text)
    if kind == "problem":
        raise TemplateProblem(text)
    raise problem(where, None, text)


def _child(send: Any, render: Callable[..., str], args: tuple[Any, ...]) -> None:
    _limit_memory()
    if hasattr(signal, "setitimer"):

        def stop(signum: int, frame: Any) -> None:
            raise Runaway(f"运行超过 {SECONDS:g} 秒，已停止")

        signal.signal(signal.SIGALRM, stop)
        signal.setitimer(signal.ITIMER_REAL, SECONDS)
    try:
        result: tuple[str, str] = ("ok", render(*args))
    except TemplateProblem as error:
        result = ("problem", str(error))
    except BaseException as error:  # noqa: BLE001 - whatever it was, the parent says so
        result = ("limit", f"{type(error).__name__}")
    send.send(result)
    send.close()


def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows: the sandbox's own limits only
        return
    try:
        with open("/proc/self/statm") as statm:
            used = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # pragma: no cover - not Linux
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = used + MEMORY_BYTES
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
