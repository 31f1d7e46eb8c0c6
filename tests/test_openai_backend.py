"""The OpenAI-compatible backend against a real HTTP server on 127.0.0.1.

A small stub speaks the chat-completions shape and records what it gets; the slow
integration test at the end runs llama-cpp-python's server on the built-in GGUF.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import logging
import os
import re
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from edugen.backends import model_files
from edugen.backends.base import GenerationRequest, Message, create
from edugen.backends.openai_backend import OpenAIBackend, _retry_after
from edugen.prompts.contexts import FramingContext, StudentContext
from edugen.prompts.outputs import QuestionScene
from tests.conftest import Run
from tests.live_server import free_port, running
from tests.test_backends import assert_valid


@dataclass
class Reply:
    status: int = 200
    body: Any = None  # dict → JSON; str/bytes sent as they are; None → a completion
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]


def completion(content: str, finish_reason: str = "stop") -> dict[str, Any]:
    return {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {"prompt_tokens": 11, "completion_tokens": 7, "total_tokens": 18},
    }


class Stub:
    """A chat-completions server: `reply(n, seen)` decides the answer to the n-th request."""

    def __init__(self) -> None:
        self.seen: list[Seen] = []
        self.active = 0
        self.most_active = 0
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.reply: Callable[[int, Seen], Reply] = lambda n, seen: Reply()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                seen = Seen(self.path, dict(self.headers), json.loads(self.rfile.read(length)))
                with stub.lock:
                    stub.seen.append(seen)
                    n = len(stub.seen)
                    stub.active += 1
                    stub.most_active = max(stub.most_active, stub.active)
                try:
                    reply = stub.reply(n, seen)
                    if reply.delay_s:
                        stub.stopping.wait(reply.delay_s)
                    body = reply.body
                    if body is None:
                        user = seen.body["messages"][-1]["content"]
                        body = completion(json.dumps({"echo": user}))
                    raw = (
                        body
                        if isinstance(body, bytes)
                        else body.encode()
                        if isinstance(body, str)
                        else json.dumps(body).encode()
                    )
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    for name, value in reply.headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(raw)
                finally:
                    with stub.lock:
                        stub.active -= 1

            def log_message(self, format: str, *args: Any) -> None:
                pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # the client gave up (a timeout test); nothing to report

        self.server = Server(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    def close(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def stub() -> Iterator[Stub]:
    server = Stub()
    yield server
    server.close()


def backend(url: str, **options: Any) -> OpenAIBackend:
    made = create("openai", {"base_url": url, "backoff_s": 0.01, **options})
    assert isinstance(made, OpenAIBackend)
    return made


def ask(text: str = "hello", schema: dict[str, Any] | None = None, **kw: Any) -> GenerationRequest:
    return GenerationRequest(
        messages=[Message(role="user", content=text)], json_schema=schema, **kw
    )


SCHEMA: dict[str, Any] = {
    "title": "Hint card",
    "type": "object",
    "properties": {"hint": {"type": "string", "maxLength": 80}},
    "required": ["hint"],
    "additionalProperties": False,
}


# --- request and response shape ---


def test_the_request_body_is_a_chat_completion_with_a_json_schema(stub: Stub) -> None:
    request = GenerationRequest(
        messages=[Message(role="system", content="Be brief."), Message(role="user", content="Hi")],
        json_schema=SCHEMA,
        max_tokens=99,
        temperature=0.2,
        seed=7,
    )
    (result,) = backend(stub.url + "/", model="smol").generate([request])
    assert result.error is None
    (seen,) = stub.seen
    assert seen.path == "/v1/chat/completions"
    assert seen.headers["Content-Type"] == "application/json"
    assert seen.body == {
        "model": "smol",
        "messages": [
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi"},
        ],
        "max_tokens": 99,
        "temperature": 0.2,
        "seed": 7,
        "response_format": {
            "type": "json_schema",
            "json_schema": {"name": "Hint_card", "schema": SCHEMA, "strict": True},
        },
    }


def test_the_other_schema_formats(stub: Stub) -> None:
    backend(stub.url, schema_format="json_object").generate([ask(schema=SCHEMA)])
    backend(stub.url, schema_format="none").generate([ask(schema=SCHEMA)])
    backend(stub.url).generate([ask()])
    assert stub.seen[0].body["response_format"] == {"type": "json_object", "schema": SCHEMA}
    assert "response_format" not in stub.seen[1].body
    assert "response_format" not in stub.seen[2].body


def test_the_result_carries_text_usage_latency_and_finish_reason(stub: Stub) -> None:
    stub.reply = lambda n, seen: Reply(
        body=completion('{"hint": "Count the tens first"}', "length")
    )
    (result,) = backend(stub.url).generate([ask(schema=SCHEMA)])
    assert result.error is None
    assert_valid(result.text, SCHEMA)
    assert (result.prompt_tokens, result.completion_tokens) == (11, 7)
    assert result.finish_reason == "length"
    assert result.latency_ms > 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("<html>bad gateway</html>", "not JSON"),
        ({"choices": []}, "not a chat completion"),
        (
            {"choices": [{"message": {"content": None, "refusal": "no"}, "finish_reason": "stop"}]},
            "refused: no",
        ),
    ],
)
def test_an_unusable_answer_is_an_error_without_retries(
    stub: Stub, body: Any, message: str
) -> None:
    stub.reply = lambda n, seen: Reply(body=body)
    (result,) = backend(stub.url).generate([ask()])
    assert message in (result.error or "")
    assert len(stub.seen) == 1


# --- retries ---


def test_a_500_is_retried_then_succeeds(stub: Stub) -> None:
    stub.reply = lambda n, seen: Reply(500, {"error": {"message": "busy"}}) if n < 3 else Reply()
    (result,) = backend(stub.url, max_retries=3).generate([ask("again")])
    assert result.error is None
    assert json.loads(result.text) == {"echo": "again"}
    assert len(stub.seen) == 3


def test_retries_run_out_into_an_error_naming_the_status(
    stub: Stub, caplog: pytest.LogCaptureFixture
) -> None:
    stub.reply = lambda n, seen: Reply(503, {"error": {"message": "overloaded"}})
    with caplog.at_level(logging.WARNING, logger="edugen.backends.openai_backend"):
        (result,) = backend(stub.url, max_retries=2).generate([ask()])
    assert len(stub.seen) == 3
    assert result.finish_reason == "error"
    assert result.error == (
        f"HTTP 503 from {stub.url}/chat/completions: overloaded (after 3 attempts)"
    )
    assert "retry 2 of 2" in caplog.text


def test_a_429_waits_as_long_as_retry_after_says(
    stub: Stub, caplog: pytest.LogCaptureFixture
) -> None:
    stub.reply = lambda n, seen: (
        Reply(429, {"error": {"message": "slow down"}}, {"Retry-After": "1"}) if n == 1 else Reply()
    )
    # The backoff alone would wait 10 s or more: a retry after about 1 s means Retry-After won.
    start = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="edugen.backends.openai_backend"):
        (result,) = backend(stub.url, backoff_s=20).generate([ask()])
    elapsed = time.monotonic() - start
    assert result.error is None
    assert len(stub.seen) == 2
    assert "HTTP 429" in caplog.text and "retry 1 of 3 in 1.0 s" in caplog.text
    assert 0.9 <= elapsed < 8


def test_the_backoff_doubles_with_jitter_and_is_capped() -> None:
    made = backend("http://127.0.0.1:9/v1", backoff_s=1)
    for attempt, (low, high) in enumerate([(0.5, 1), (1, 2), (2, 4), (4, 8)]):
        waits = [made._wait(attempt, None) for _ in range(50)]
        assert all(low <= w <= high for w in waits)
        assert len(set(waits)) > 1
    assert made._wait(10, None) == 60
    assert made._wait(0, 3.5) == 3.5 and made._wait(0, 3600) == 60


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert _retry_after("3") == 3.0
    assert _retry_after("-1") == 0.0
    assert _retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    in_a_minute = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 60))
    assert 55 < (_retry_after(in_a_minute) or 0) <= 60
    assert _retry_after("soon") is None and _retry_after(None) is None


def test_a_timeout_is_retried_then_reported(stub: Stub) -> None:
    stub.reply = lambda n, seen: Reply(delay_s=5)
    start = time.monotonic()
    (result,) = backend(stub.url, timeout_s=0.3, max_retries=1).generate([ask()])
    assert time.monotonic() - start < 4.5  # the stub would answer after 5 s
    assert len(stub.seen) == 2
    assert result.error == (
        f"no answer from {stub.url}/chat/completions within 0.3 s (after 2 attempts)"
    )


def test_a_400_is_not_retried(stub: Stub) -> None:
    stub.reply = lambda n, seen: Reply(400, {"error": {"message": "max_tokens too large"}})
    (result,) = backend(stub.url, max_retries=3).generate([ask()])
    assert len(stub.seen) == 1
    assert result.error == f"HTTP 400 from {stub.url}/chat/completions: max_tokens too large"


def test_an_unreachable_server_is_retried_then_reported() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    (result,) = backend(url, max_retries=1).generate([ask()])
    assert result.error is not None
    assert result.error.startswith(f"cannot reach {url}/chat/completions")
    assert result.error.endswith("(after 2 attempts)")


# --- the API key ---

SECRET = "sk-test-5ecret-do-not-show"


def test_the_api_key_goes_only_into_the_authorization_header(
    stub: Stub, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("EDUGEN_TEST_KEY", SECRET)
    # A server (or proxy) that echoes the header back in its error message.
    stub.reply = lambda n, seen: Reply(
        500 if n == 1 else 401, {"error": {"message": f"bad {seen.headers['Authorization']}"}}
    )
    made = backend(stub.url, api_key_env="EDUGEN_TEST_KEY", max_retries=1)
    with caplog.at_level(logging.DEBUG):
        (result,) = made.generate([ask()])
    assert [s.headers["Authorization"] for s in stub.seen] == [f"Bearer {SECRET}"] * 2
    assert (
        result.error
        == f"HTTP 401 from {stub.url}/chat/completions: bad Bearer *** (after 2 attempts)"
    )
    shown = [
        result.error,
        repr(result),
        repr(made),
        repr(made.options),
        made.options.model_dump_json(),
        repr(vars(made)),
        caplog.text,
    ]
    for text in shown:
        assert SECRET not in text
    assert "EDUGEN_TEST_KEY" in repr(made.options)


def test_no_key_in_the_environment_means_no_authorization_header(
    stub: Stub, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("EDUGEN_TEST_KEY", raising=False)
    backend(stub.url, api_key_env="EDUGEN_TEST_KEY").generate([ask()])
    assert "Authorization" not in stub.seen[0].headers


def test_the_readme_s_vertex_ai_options_reach_the_server_as_vertex_expects(
    stub: Stub, run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README, "Google's Vertex AI": the base URL's path, the model's name and the token
    from the variable named by api_key_env, through the CLI (no network: a stand-in)."""
    token = "ya29.test-token-not-shown"
    monkeypatch.setenv("VERTEX_TOKEN", token)
    stub.reply = lambda n, seen: Reply(
        body=completion(json.dumps({"framing": "A car travels 150 miles in 3 hours."}))
    )
    endpoint = "/projects/my-project/locations/us-central1/endpoints/openapi"
    result = run(
        "templates",
        "try",
        "question_framing",
        "--backend",
        "openai",
        "--option",
        f"base_url={stub.url}{endpoint}",
        "--option",
        "model=google/gemini-2.0-flash-001",
        "--option",
        "api_key_env=VERTEX_TOKEN",
        "--no-log",
    )
    assert result.exit_code == 0, result.output
    (seen,) = stub.seen
    assert seen.path == f"/v1{endpoint}/chat/completions"
    assert seen.body["model"] == "google/gemini-2.0-flash-001"
    assert seen.headers["Authorization"] == f"Bearer {token}"
    assert token not in result.output


# --- batches ---


def test_no_more_requests_in_flight_than_the_concurrency(stub: Stub) -> None:
    stub.reply = lambda n, seen: Reply(delay_s=0.3)
    requests = [ask(f"q{i}") for i in range(12)]
    start = time.monotonic()
    results = backend(stub.url, concurrency=3).generate(requests)
    elapsed = time.monotonic() - start
    assert stub.most_active == 3
    assert elapsed > 1.1  # four waves of 0.3 s
    assert [json.loads(r.text)["echo"] for r in results] == [f"q{i}" for i in range(12)]


def test_a_failing_request_does_not_fail_the_batch(stub: Stub) -> None:
    stub.reply = lambda n, seen: (
        Reply(400, {"error": {"message": "no"}})
        if seen.body["messages"][-1]["content"] == "bad"
        else Reply()
    )
    texts = ["a", "b", "bad", "c", "d"]
    results = backend(stub.url, concurrency=2).generate([ask(t) for t in texts])
    assert [r.error is not None for r in results] == [False, False, True, False, False]
    assert [json.loads(r.text)["echo"] for r in results if r.error is None] == list("abcd")
    assert results[2].text == "" and "HTTP 400" in (results[2].error or "")


def test_an_unforeseen_failure_stays_with_its_request(
    stub: Stub, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = backend(stub.url)
    post = made._post

    def flaky(body: bytes, key: str | None) -> dict[str, Any]:
        if b"boom" in body:
            raise RuntimeError("boom")
        return post(body, key)

    monkeypatch.setattr(made, "_post", flaky)
    results = made.generate([ask("ok"), ask("boom")])
    assert results[0].error is None
    assert results[1].error == "unexpected RuntimeError: boom"


# --- a real llama.cpp server ---

SERVER_MODULES = ("llama_cpp", "uvicorn", "fastapi", "sse_starlette", "starlette_context")


@pytest.fixture(scope="module")
def llama_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    missing = [m for m in SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        reason = (
            f"llama-cpp-python[server] is not installed (missing {', '.join(missing)}); "
            "scripts/llama-server.sh installs it"
        )
        if os.environ.get("CI"):
            pytest.fail(reason + " (scripts/test.sh does so in CI)")
        pytest.skip(reason)
    gguf = model_files.builtin_gguf()  # the built-in model, as edugen finds it
    port = free_port()
    log_path = tmp_path_factory.mktemp("llama") / "server.log"
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(gguf),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "2048",
    ]
    url = f"http://127.0.0.1:{port}/v1"
    with running(command, f"{url}/models", log_path, wait_s=120):
        yield url


# Only keywords llama-cpp-python turns into grammar: it ignores minimum/maximum, so a
# bounded integer is written as an enum here (the validators check bounds in any case).
HINT_SCHEMA: dict[str, Any] = {
    "title": "Hint",
    "type": "object",
    "properties": {
        "hint": {"type": "string", "maxLength": 100},
        "difficulty": {"enum": [1, 2, 3, 4, 5]},
        "topic": {"enum": ["fractions", "ratios", "geometry"]},
    },
    "required": ["hint", "difficulty", "topic"],
    "additionalProperties": False,
}


@pytest.mark.slow
@pytest.mark.llamacpp
def test_llama_cpp_server_returns_schema_valid_json(llama_server: str) -> None:
    # llama-cpp-python's server takes the schema as {"type": "json_object", "schema": ...}.
    made = backend(llama_server, schema_format="json_object", timeout_s=120, concurrency=2)
    topics = ["adding fractions", "equivalent ratios", "the area of a triangle"]
    requests = [
        GenerationRequest(
            messages=[
                Message(role="system", content="You write short hints for grade-6 students."),
                Message(role="user", content=f"Write a one-sentence hint about {topic}."),
            ],
            json_schema=HINT_SCHEMA,
            max_tokens=128,
            temperature=0.7,
            seed=seed,
        )
        for seed, topic in enumerate(topics)
    ]
    results = made.generate(requests)
    for result in results:
        assert result.error is None, result.error
        assert result.finish_reason == "stop", result
        assert result.completion_tokens > 0 and result.prompt_tokens > 0
        # llama-cpp-python 0.3.36's schema grammar lets a raw newline into a string
        # (its `char` rule is [^"\\]), which strict JSON forbids; everything else holds.
        value = assert_valid(result.text, HINT_SCHEMA, strict=False)
        assert value["hint"].strip()
    # The same request with the same seed gives the same answer.
    assert made.generate(requests[:1])[0].text == results[0].text
    if os.environ.get("EDUGEN_SHOW_LLAMA"):
        print(*(r.text for r in results), sep="\n")


@pytest.mark.slow
@pytest.mark.llamacpp
def test_llama_cpp_server_takes_the_scene_schema_with_its_opening_pattern(
    llama_server: str,
) -> None:
    """The scene schema edugen sends holds the opening as a pattern ("At the basketball
    game, ..."); llama.cpp's grammar once refused it (escaped spaces) and every scene
    request failed."""
    made = backend(llama_server, schema_format="json_object", timeout_s=120)
    context = FramingContext(
        student=StudentContext(pseudonym="S-7k2m9qxa", interests=["basketball"]),
        topic="Unit rates",
        question="A team scores 48 points in 4 quarters. How many points is that per quarter?",
    )
    schema = QuestionScene.json_schema_for(context)
    request = GenerationRequest(
        messages=[
            Message(role="system", content="You write one short sentence."),
            Message(role="user", content="Write a scene for a basketball fan."),
        ],
        json_schema=schema,
        max_tokens=64,
        temperature=0.5,
        seed=3,
    )
    (result,) = made.generate([request])
    assert result.error is None, result.error
    scene = json.loads(result.text)["scene"]
    assert re.fullmatch(schema["properties"]["scene"]["pattern"], scene), scene
