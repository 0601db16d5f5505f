"""A local stand-in for the NPPES API: http.server in a thread on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class FakeAnswer:
    status: int = 200
    body: bytes = b""
    delay: float = 0.0


@dataclass
class FakeRegistry:
    base_url: str = ""
    answers: dict[str, FakeAnswer] = field(default_factory=dict)
    requests: list[dict[str, list[str]]] = field(default_factory=list)

    def answer_json(self, npi: str, payload: dict[str, Any], *, delay: float = 0.0) -> None:
        self.answers[npi] = FakeAnswer(body=json.dumps(payload).encode(), delay=delay)

    def answer_raw(self, npi: str, body: bytes, *, status: int = 200, delay: float = 0.0) -> None:
        self.answers[npi] = FakeAnswer(status=status, body=body, delay=delay)

    def answer_record(
        self,
        npi: str,
        *,
        first_name: str = "Dana",
        last_name: str = "Reyes",
        status: str = "A",
        taxonomy_code: str = "1041C0700X",
        taxonomy_desc: str = "Social Worker, Clinical",
        state: str = "OR",
        license: str = "C12345",
    ) -> None:
        self.answer_json(npi, nppes_payload(npi, first_name=first_name, last_name=last_name,
                                            status=status, taxonomy_code=taxonomy_code,
                                            taxonomy_desc=taxonomy_desc, state=state,
                                            license=license))  # fmt: skip


def nppes_payload(
    npi: str,
    *,
    first_name: str,
    last_name: str,
    status: str,
    taxonomy_code: str,
    taxonomy_desc: str,
    state: str,
    license: str,
) -> dict[str, Any]:
    """The shape of a real NPPES 2.1 answer (fields we do not read trimmed)."""
    return {
        "result_count": 1,
        "results": [
            {
                "created_epoch": "1183953600000",
                "enumeration_type": "NPI-1",
                "number": npi,
                "basic": {
                    "first_name": first_name.upper(),
                    "last_name": last_name.upper(),
                    "credential": "LCSW",
                    "status": status,
                    "enumeration_date": "2007-07-09",
                },
                "addresses": [],
                "taxonomies": [
                    {
                        "code": taxonomy_code,
                        "taxonomy_group": "",
                        "desc": taxonomy_desc,
                        "state": state,
                        "license": license,
                        "primary": True,
                    }
                ],
                "identifiers": [],
            }
        ],
    }


@contextmanager
def running_fake_registry() -> Iterator[FakeRegistry]:
    registry = FakeRegistry()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- http.server's name
            query = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
            registry.requests.append(query)
            npi = (query.get("number") or [""])[0]
            answer = registry.answers.get(
                npi, FakeAnswer(body=json.dumps({"result_count": 0, "results": []}).encode())
            )
            if answer.delay:
                time.sleep(answer.delay)
            try:
                self.send_response(answer.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout test)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    registry.base_url = f"http://127.0.0.1:{server.server_address[1]}/api/"
    try:
        yield registry
    finally:
        server.shutdown()
        server.server_close()
