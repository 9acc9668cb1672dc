"""Rewards from the RLVR grading service for Python trainers (TRL, verl): standard library, Python >= 3.9.

The service (``npx deno run -A services/grader/main.ts``) decides whether a math response's final answer
equals the gold answer. These adapters send every response of a trainer's call in one batch
(``POST /v1/grade/batch``) and turn each verdict into a reward: 1.0 when correct, else 0.0.

Settings, read when a call is made:
  RLVR_GRADER_URL  the service's base URL (default http://127.0.0.1:8787)
  RLVR_TOKEN       its bearer token, when it runs with GRADER_TOKEN

TRL:  ``GRPOTrainer(..., reward_funcs=[rlvr_reward.trl_reward])``, the gold answer in the dataset's
      ``answer`` column; ``rlvr_reward.trl_reward_for("solution")`` reads another column.
verl: ``custom_reward_function.path=docs/examples/python/rlvr_reward.py``
      ``custom_reward_function.name=compute_score`` (or ``compute_score_batch`` with
      ``reward_model.reward_manager=batch``).
"""

from __future__ import annotations

import json
import math
import os
import time
import urllib.error
import urllib.request
from typing import Any, Callable, Iterable, Mapping, Sequence

DEFAULT_URL = "http://127.0.0.1:8787"
# The service's limits for one batch request (shared/contracts/grading.ts).
MAX_BATCH_ITEMS = 1024
BATCH_BODY_LIMIT_BYTES = 16 * 1024 * 1024
# A busy service answers 429 or 503 with Retry-After; after this many tries the error is raised.
MAX_ATTEMPTS = 5


class GraderUnavailable(RuntimeError):
    """The grading service could not be reached, or kept answering that it is busy."""


class GraderRefused(RuntimeError):
    """The grading service refused the request (bad input, wrong token, body too large)."""


class GraderClient:
    """Grades (response, gold) pairs with the service's batch endpoint."""

    def __init__(
        self,
        url: str | None = None,
        token: str | None = None,
        options: Mapping[str, Any] | None = None,
        timeout_s: float = 300.0,
    ) -> None:
        self.url = (url or os.environ.get("RLVR_GRADER_URL") or DEFAULT_URL).rstrip("/")
        self.token = token if token is not None else os.environ.get("RLVR_TOKEN") or None
        # Grading options of the service (e.g. {"requireThinkClose": True}); None keeps its defaults.
        self.options = dict(options) if options else None
        self.timeout_s = timeout_s

    def verdicts(self, responses: Sequence[str], golds: Sequence[Any]) -> list[dict]:
        """One verdict per response, in order (see the service's `Verdict`)."""
        if len(responses) != len(golds):
            raise ValueError(f"{len(responses)} responses but {len(golds)} gold answers: one each")
        items = [{"response": text, "gold": gold_answer(gold)} for text, gold in zip(responses, golds)]
        verdicts: list[dict] = []
        for batch in _batches(items):
            body = {"items": batch} if self.options is None else {"items": batch, "options": self.options}
            verdicts.extend(self.post("/v1/grade/batch", body)["verdicts"])
        return verdicts

    def rewards(self, responses: Sequence[str], golds: Sequence[Any]) -> list[float]:
        return [1.0 if verdict["correct"] else 0.0 for verdict in self.verdicts(responses, golds)]

    def post(self, path: str, body: dict) -> dict:
        """POSTs JSON to the service; busy answers (429, 503) are retried after their Retry-After."""
        data = json.dumps(body, allow_nan=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = self.url + path
        attempt = 1
        while True:
            request = urllib.request.Request(url, data=data, headers=headers, method="POST")
            try:
                with urllib.request.urlopen(request, timeout=self.timeout_s) as reply:
                    return json.loads(reply.read().decode("utf-8"))
            except urllib.error.HTTPError as error:
                message = _error_message(error)
                busy = error.code in (429, 503)
                if busy and attempt < MAX_ATTEMPTS:
                    time.sleep(_retry_after_s(error))
                    attempt += 1
                    continue
                if busy:
                    raise GraderUnavailable(f"{url} is busy ({error.code}): {message}") from None
                raise GraderRefused(f"{url} refused the request ({error.code}): {message}") from None
            except (urllib.error.URLError, OSError) as error:
                reason = getattr(error, "reason", error)
                raise GraderUnavailable(
                    f"cannot reach the grading service at {self.url} ({reason}); start it with "
                    "`npx deno run -A services/grader/main.ts`, or set RLVR_GRADER_URL to where it runs"
                ) from None


def gold_answer(gold: Any) -> Any:
    """A gold as the service takes it: a string, a number, or a list of acceptable strings."""
    if gold is None:
        raise ValueError("a gold answer is missing (None): every response needs one to be graded against")
    if hasattr(gold, "tolist"):  # numpy values and arrays, as datasets and Parquet readers give them
        gold = gold.tolist()
    if isinstance(gold, (list, tuple)):
        return [str(alternative) for alternative in gold]
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        if not math.isfinite(gold):
            raise ValueError(f"a gold answer is {gold}: numbers must be finite")
        return gold
    return str(gold)


def completion_text(completion: Any) -> str:
    """The text of a TRL completion: a string, or a conversation whose last assistant message is read."""
    if isinstance(completion, str):
        return completion
    messages = [m for m in completion if m.get("role", "assistant") == "assistant"] or list(completion)
    content = messages[-1].get("content", "") if messages else ""
    if isinstance(content, list):  # content parts: [{"type": "text", "text": ...}, ...]
        return "".join(part.get("text", "") for part in content if isinstance(part, Mapping))
    return str(content)


# What TRL passes besides the dataset's columns.
TRL_ARGUMENTS = ("prompts", "completion_ids", "trainer_state")


def trl_reward_for(
    answer_column: str = "answer", client: GraderClient | None = None
) -> Callable[..., list[float]]:
    """A TRL reward function whose gold answers come from the dataset column `answer_column`."""

    def rlvr_correct(completions: Sequence[Any], **kwargs: Any) -> list[float]:
        if answer_column not in kwargs:
            columns = ", ".join(sorted(k for k in kwargs if k not in TRL_ARGUMENTS)) or "none"
            raise ValueError(
                f"the dataset has no column {answer_column!r} with the gold answers (its columns: "
                f"{columns}); name the column with rlvr_reward.trl_reward_for(<column>)"
            )
        responses = [completion_text(completion) for completion in completions]
        return (client or GraderClient()).rewards(responses, list(kwargs[answer_column]))

    return rlvr_correct


trl_reward = trl_reward_for("answer")


def compute_score(
    data_source: Any, solution_str: str, ground_truth: Any, extra_info: Any = None, **kwargs: Any
) -> float:
    """verl's custom reward function (the default reward manager calls it once per response)."""
    return GraderClient().rewards([solution_str], [ground_truth])[0]


def compute_score_batch(
    data_sources: Iterable[Any],
    solution_strs: Sequence[str],
    ground_truths: Sequence[Any],
    extra_infos: Any = None,
    **kwargs: Any,
) -> list[float]:
    """verl's batch reward function (`reward_model.reward_manager=batch`): one request per batch."""
    return GraderClient().rewards(list(solution_strs), list(ground_truths))


def _batches(items: list[dict]) -> Iterable[list[dict]]:
    """The items in batches within the service's item and body limits (with room for the JSON around them)."""
    batch: list[dict] = []
    size = 0
    for item in items:
        item_size = len(json.dumps(item).encode("utf-8")) + 1
        if batch and (len(batch) == MAX_BATCH_ITEMS or size + item_size > BATCH_BODY_LIMIT_BYTES - 4096):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += item_size
    if batch:
        yield batch


def _error_message(error: urllib.error.HTTPError) -> str:
    try:
        body = json.loads(error.read().decode("utf-8"))
    except (ValueError, OSError):
        return error.reason or "no details"
    issues = "; ".join(f"{issue['path'] or '(body)'}: {issue['message']}" for issue in body.get("issues", []))
    return f"{body.get('error', 'no details')}{f' ({issues})' if issues else ''}"


def _retry_after_s(error: urllib.error.HTTPError) -> float:
    try:
        return max(0.0, float(error.headers.get("Retry-After", "1")))
    except ValueError:
        return 1.0
