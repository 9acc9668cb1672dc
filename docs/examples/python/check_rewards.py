"""Before a long training run: does the grading service answer each trainer's call as expected?

    RLVR_GRADER_URL=http://127.0.0.1:8787 python3 docs/examples/python/check_rewards.py

Calls the TRL and verl adapters the way those trainers do, and posts an OpenRLHF payload to
/v1/openrlhf/reward. Prints one JSON line per trainer; exits 1 when a reward is not the expected one.
"""

from __future__ import annotations

import json
import sys

import rlvr_reward

PROMPT = "<|im_start|>user\nWhat is half of one? Put the answer in \\boxed{}.<|im_end|>\n<|im_start|>assistant\n"
# Right in another form, wrong, and no answer at all from a prompt that gives the answer away.
RESPONSES = ["Half of one is \\boxed{0.5}.", "It is \\boxed{2}.", "I do not know."]
GOLDS = ["\\frac{1}{2}", "\\frac{1}{2}", "\\frac{1}{2}"]
EXPECTED = [1.0, 0.0, 0.0]


def trl() -> list[float]:
    completions = [[{"role": "assistant", "content": response}] for response in RESPONSES]
    return rlvr_reward.trl_reward(prompts=[PROMPT] * 3, completions=completions, answer=GOLDS)


def verl() -> list[float]:
    return [rlvr_reward.compute_score("math", text, gold, {}) for text, gold in zip(RESPONSES, GOLDS)]


def openrlhf() -> list[float]:
    leaky = PROMPT.replace("What is", "(Hint: \\boxed{\\frac{1}{2}}) What is")
    prompts = [PROMPT, PROMPT, leaky]
    body = {"query": [p + r for p, r in zip(prompts, RESPONSES)], "prompts": prompts, "labels": GOLDS}
    return rlvr_reward.GraderClient().post("/v1/openrlhf/reward", body)["rewards"]


def main() -> int:
    failed = False
    for name, rewards in (("trl", trl), ("verl", verl), ("openrlhf", openrlhf)):
        got = rewards()
        failed |= got != EXPECTED
        print(json.dumps({"trainer": name, "rewards": got, "expected": EXPECTED}))
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (rlvr_reward.GraderUnavailable, rlvr_reward.GraderRefused) as error:
        print(f"check_rewards: {error}", file=sys.stderr)
        sys.exit(2)
