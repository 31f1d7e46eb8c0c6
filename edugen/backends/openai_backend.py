"""Any OpenAI-compatible chat-completions server: vLLM, TGI, llama.cpp, Ollama, OpenAI itself.

Requests go out in parallel (a thread pool of `concurrency`), each POSTed to
`{base_url}/chat/completions`. Connection errors, timeouts, 429 and 5xx are retried with
exponential backoff and jitter (a Retry-After header wins); a request that still fails
gets a result with `error` and the rest of the batch carries on. The API key is read
from the environment variable `api_key_env` at call time and is never stored, logged or
put into an error message.
"""

from __future__ import annotations

import email.utils
import http.client
import json
import logging
import os
import random
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

from pydantic import Field, field_validator

from edugen.backends.base import Backend, BackendOptions, GenerationRequest, GenerationResult

log = logging.getLogger(__name__)

RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})
MAX_WAIT_S = 60.0  # the longest we sleep before a retry, whatever Retry-After says
ERROR_BODY_CHARS = 300


class OpenAIOptions(BackendOptions):
    base_url: str
    model: str = "default"
    api_key_env: str = "OPENAI_API_KEY"
    timeout_s: float = Field(default=60.0, gt=0)
    max_retries: int = Field(default=3, ge=0, le=10)
    concurrency: int = Field(default=4, ge=1, le=256)
    backoff_s: float = Field(default=0.5, ge=0)
    # How the schema is sent. "json_schema": the OpenAI shape (OpenAI, vLLM, llama.cpp's
    # llama-server, Ollama); "json_object": {"type": "json_object", "schema": ...}
    # (llama-cpp-python's server); "none": not sent, the caller's validation decides.
    schema_format: Literal["json_schema", "json_object", "none"] = "json_schema"

    @field_validator("base_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        parts = urllib.parse.urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("must be an http:// or https:// URL")
        if parts.username is not None or parts.password is not None:
            # Credentials in the URL would end up in logs; the key belongs in api_key_env.
            raise ValueError("must not contain credentials; put the API key in api_key_env")
        return value.strip().rstrip("/")

    @field_validator("api_key_env")
    @classmethod
    def _env_name(cls, value: str) -> str:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
            raise ValueError("must be the name of an environment variable, not a key")
        return value


class _Retryable(Exception):
    """A failure worth another try; `wait_s` is the server's Retry-After, if it sent one."""

    def __init__(self, message: str, wait_s: float | None = None):
        super().__init__(message)
        self.wait_s = wait_s


class _Fatal(Exception):
    """A failure another try will not fix (4xx, an unreadable answer)."""


class OpenAIBackend(Backend):
    """Chat completions over HTTP; one thread per in-flight request, up to `concurrency`."""

    name = "openai"
    Options = OpenAIOptions
    options: OpenAIOptions

    def __init__(self, options: BackendOptions | None = None):
        super().__init__(options)
        self._rng = random.Random()
        self._rng_lock = threading.Lock()

    @property
    def model_name(self) -> str:
        return f"{self.options.model}@{self.options.base_url}"

    def generate(self, requests: Sequence[GenerationRequest]) -> list[GenerationResult]:
        if not requests:
            return []
        # Read once per batch and kept in this frame only: never on self, never in a repr.
        key = os.environ.get(self.options.api_key_env) or None
        workers = min(self.options.concurrency, len(requests))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="edugen-openai") as pool:
            return list(pool.map(lambda r: self._guarded(r, key), requests))

    def _guarded(self, request: GenerationRequest, key: str | None) -> GenerationResult:
        """`_one`, with anything unforeseen turned into this request's error, not the batch's."""
        try:
            return self._one(request, key)
        except Exception as exc:
            log.warning("%s: unexpected failure", self.options.base_url, exc_info=True)
            error = _scrub(f"unexpected {type(exc).__name__}: {exc}", key)
            return GenerationResult(finish_reason="error", error=error)

    def _one(self, request: GenerationRequest, key: str | None) -> GenerationResult:
        body = json.dumps(self._body(request)).encode()
        start = time.perf_counter()
        attempts = self.options.max_retries + 1
        tried = 0
        error = ""
        while tried < attempts:
            tried += 1
            try:
                data = self._post(body, key)
                return _result(data, (time.perf_counter() - start) * 1000)
            except _Fatal as exc:
                error = _scrub(str(exc), key)
                break
            except _Retryable as exc:
                error = _scrub(str(exc), key)
                if tried == attempts:
                    break
                wait = self._wait(tried - 1, exc.wait_s)
                log.warning(
                    "%s: %s; retry %d of %d in %.1f s",
                    self.options.base_url,
                    error,
                    tried,
                    self.options.max_retries,
                    wait,
                )
                time.sleep(wait)
        if tried > 1:
            error = f"{error} (after {tried} attempts)"
        if self.options.schema_format == "json_schema" and "response_format" in error:
            error += "; if this server wants the schema as json_object, set schema_format"
        return GenerationResult(
            latency_ms=(time.perf_counter() - start) * 1000, finish_reason="error", error=error
        )

    def _body(self, request: GenerationRequest) -> dict[str, Any]:
        body: dict[str, Any] = {
            "model": self.options.model,
            "messages": [m.model_dump() for m in request.messages],
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "seed": request.seed,
        }
        schema = request.json_schema
        if schema is not None and self.options.schema_format == "json_schema":
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": _schema_name(schema), "schema": schema, "strict": True},
            }
        elif schema is not None and self.options.schema_format == "json_object":
            body["response_format"] = {"type": "json_object", "schema": schema}
        return body

    def _post(self, body: bytes, key: str | None) -> dict[str, Any]:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if key:
            headers["Authorization"] = f"Bearer {key}"
        url = f"{self.options.base_url}/chat/completions"
        http_request = urllib.request.Request(url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(http_request, timeout=self.options.timeout_s) as response:
                raw = response.read()
        except urllib.error.HTTPError as exc:
            detail = _error_detail(exc)
            message = f"HTTP {exc.code} from {url}" + (f": {detail}" if detail else "")
            if exc.code in RETRY_STATUS or exc.code >= 500:
                raise _Retryable(message, _retry_after(exc.headers.get("Retry-After"))) from None
            raise _Fatal(message) from None
        except TimeoutError:
            raise _Retryable(f"no answer from {url} within {self.options.timeout_s:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise _Retryable(
                    f"no answer from {url} within {self.options.timeout_s:g} s"
                ) from None
            raise _Retryable(f"cannot reach {url}: {exc.reason}") from None
        except (http.client.HTTPException, ConnectionError, OSError) as exc:
            raise _Retryable(f"connection to {url} failed: {exc!r}") from None
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise _Fatal(f"{url} answered with something that is not JSON") from None
        if not isinstance(data, dict):
            raise _Fatal(f"{url} answered with JSON that is not an object")
        return data

    def _wait(self, attempt: int, retry_after: float | None) -> float:
        if retry_after is not None:
            return min(retry_after, MAX_WAIT_S)
        with self._rng_lock:
            jitter = 0.5 + self._rng.random() / 2
        return min(self.options.backoff_s * 2**attempt * jitter, MAX_WAIT_S)


def _result(data: dict[str, Any], latency_ms: float) -> GenerationResult:
    try:
        choice = data["choices"][0]
        message = choice.get("message") or {}
        text = message.get("content")
        usage = data.get("usage") or {}
        prompt_tokens = int(usage.get("prompt_tokens") or 0)
        completion_tokens = int(usage.get("completion_tokens") or 0)
        finish_reason = str(choice.get("finish_reason") or "stop")
    except (KeyError, IndexError, TypeError, AttributeError, ValueError):
        raise _Fatal("the answer is not a chat completion (no choices[0].message)") from None
    error = None
    if text is None:
        refusal = message.get("refusal")
        error = f"the model refused: {refusal}" if refusal else "the answer has no content"
    return GenerationResult(
        text=text or "",
        prompt_tokens=prompt_tokens,
        completion_tokens=completion_tokens,
        latency_ms=latency_ms,
        finish_reason=finish_reason,
        error=error,
    )


def _schema_name(schema: dict[str, Any]) -> str:
    """The schema's title made into the identifier OpenAI wants ([A-Za-z0-9_-], ≤ 64)."""
    title = str(schema.get("title") or "output")
    return re.sub(r"[^A-Za-z0-9_-]+", "_", title).strip("_")[:64] or "output"


def _error_detail(exc: urllib.error.HTTPError) -> str:
    try:
        raw = exc.read(ERROR_BODY_CHARS * 4).decode("utf-8", "replace")
    except Exception:  # the body is only a courtesy; the status says what matters
        return ""
    try:
        parsed = json.loads(raw)
        error = parsed.get("error", parsed) if isinstance(parsed, dict) else parsed
        message = error.get("message", error) if isinstance(error, dict) else error
        raw = message if isinstance(message, str) else json.dumps(message)
    except (json.JSONDecodeError, AttributeError):
        pass
    raw = " ".join(raw.split())
    return raw[:ERROR_BODY_CHARS] + ("…" if len(raw) > ERROR_BODY_CHARS else "")


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _scrub(text: str, key: str | None) -> str:
    """Error text with the API key blanked, in case a server or proxy echoes it back."""
    return text.replace(key, "***") if key else text
