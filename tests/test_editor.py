"""The real yaml-language-server (VS Code's YAML engine) resolves the modelines and agrees.

Runs only where the server is installed: ``npm install -g yaml-language-server`` (or set
``LINGBI_YAML_LANGUAGE_SERVER`` to its executable); skipped, with that reason, elsewhere.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SERVER = os.environ.get("LINGBI_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")

pytestmark = pytest.mark.skipif(
    SERVER is None or shutil.which("node") is None,
    reason="yaml-language-server is not installed (npm install -g yaml-language-server)",
)


class Client:
    """Just enough of the language server protocol: open a document, read its diagnostics."""

    def __init__(self, root: Path) -> None:
        assert SERVER is not None
        self.proc = subprocess.Popen(
            [SERVER, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self.next_id = 0
        self.request(
            "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}}
        )
        self.notify("initialized", {})
        settings = {"yaml": {"validate": True, "schemaStore": {"enable": False}}}
        self.notify("workspace/didChangeConfiguration", {"settings": settings})

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        length = 0
        while (line := self.proc.stdout.readline().strip()) != b"":
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message: dict[str, Any] = json.loads(self.proc.stdout.read(length))
        if message.get("method") == "workspace/configuration":  # the server asks for settings
            items = message["params"]["items"]
            result = [{"validate": True, "schemaStore": {"enable": False}} for _ in items]
            self.send({"id": message["id"], "result": result})
        elif "id" in message and "method" in message:  # any other request: accept it
            self.send({"id": message["id"], "result": None})
        return message

    def request(self, method: str, params: dict[str, Any]) -> Any:
        self.next_id += 1
        self.send({"id": self.next_id, "method": method, "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id and "method" not in message:
                return message.get("result")

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"method": method, "params": params})

    def diagnostics(self, path: Path) -> list[str]:
        uri = path.as_uri()
        text = path.read_text(encoding="utf-8")
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            message = self.receive()
            params = message.get("params") or {}
            if message.get("method") == "textDocument/publishDiagnostics" and params["uri"] == uri:
                return [d["message"] for d in params["diagnostics"]]
        raise AssertionError(f"no diagnostics for {path}")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()


def test_yaml_language_server_resolves_the_schemas_and_agrees(tmp_path: Path) -> None:
    folder = tmp_path / "示例"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns(".lingbi-cache"))
    bad = folder / "townships/yuji/households.yaml"
    bad.write_text(bad.read_text("utf-8").replace("members: 2", "members: 0", 1), "utf-8")
    client = Client(folder)
    try:
        for rel in (
            "county/townships.yaml",
            "townships/yuji/deputies.yaml",
            "townships/yuji/filings.yaml",
            "townships/yuji/activities/2020-07.yaml",
        ):
            assert client.diagnostics(folder / rel) == [], rel
        problems = client.diagnostics(bad)
        assert len(problems) == 1 and "1" in problems[0], problems
    finally:
        client.close()
