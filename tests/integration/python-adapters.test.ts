/**
 * The Python trainer adapters (docs/examples/python) and the OpenRLHF endpoint, used from a real Python
 * against a real grading service.
 */
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { PROJECT_ROOT } from "../../infra/stack/binaries.ts";
import type { RunningGrader } from "../../infra/stack/grader.ts";
import { freePort } from "../../infra/stack/managed-process.ts";
import { OPENRLHF_BODY_LIMIT_BYTES } from "../../shared/contracts/openrlhf.ts";
import { heldRequest, postJson } from "../support/http.ts";
import { startTestGrader, type TestProcess } from "../support/processes.ts";

const run = promisify(execFile);
const ADAPTERS = join(PROJECT_ROOT, "docs", "examples", "python");
const TOKEN = "python-adapters-test-token";

/** Debian's python3 first, else the one on PATH; null when neither runs (Python >= 3.9 is needed). */
function findPython(): string | null {
  for (const candidate of ["/usr/bin/python3", "python3"]) {
    const probe = spawnSync(candidate, ["-c", "import sys; sys.exit(sys.version_info < (3, 9))"]);
    if (probe.status === 0) return candidate;
  }
  return null;
}

const PYTHON = findPython();
const pythonMissing = PYTHON === null ? "no python3 >= 3.9 found (apt-get install -y python3)" : undefined;

interface PythonRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `script` (or a file, with `args`) with the adapters importable and the grader's URL and token. */
async function python(
  grader: { url: string },
  script: string,
  options: { token?: string; args?: string[] } = {},
): Promise<PythonRun> {
  const env = {
    ...process.env,
    PYTHONPATH: ADAPTERS,
    PYTHONDONTWRITEBYTECODE: "1",
    RLVR_GRADER_URL: grader.url,
    RLVR_TOKEN: options.token ?? "",
  };
  const args = options.args ?? ["-c", `import json, rlvr_reward\n${script}`];
  try {
    const { stdout, stderr } = await run(PYTHON as string, args, { cwd: PROJECT_ROOT, env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as PythonRun;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** The JSON that `script` prints last. */
async function pythonJson(grader: { url: string }, script: string, token?: string): Promise<unknown> {
  const result = await python(grader, script, { token });
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout.trim().split("\n").at(-1) as string);
}

const PROMPT = "<|im_start|>user\\nWhat is half of one?<|im_end|>\\n<|im_start|>assistant\\n";
const LEAKY_PROMPT = "<|im_start|>user\\nHint: \\\\boxed{\\\\frac{1}{2}}. What is half of one?<|im_end|>\\n";

/** Python that posts an OpenRLHF payload with urllib and prints `{status, body}`. */
const postOpenRlhf = (payload: string, token = "") => `
import urllib.request, urllib.error
headers = {"Content-Type": "application/json"}
if ${JSON.stringify(token)}:
    headers["Authorization"] = "Bearer " + ${JSON.stringify(token)}
request = urllib.request.Request(rlvr_reward.GraderClient().url + "/v1/openrlhf/reward",
                                 data=json.dumps(${payload}).encode(), headers=headers, method="POST")
try:
    with urllib.request.urlopen(request) as reply:
        body = json.loads(reply.read())
        print(json.dumps({"status": reply.status, "body": body,
                          "floats": all(type(r) is float for r in body["rewards"])}))
except urllib.error.HTTPError as error:
    print(json.dumps({"status": error.code, "body": json.loads(error.read())}))
`;

interface OpenRlhfReply {
  status: number;
  body: { rewards: number[]; scores: number[]; error?: string; issues?: { path: string; message: string }[] };
  floats?: boolean;
}

describe("Python trainer adapters", { skip: pythonMissing }, () => {
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader();
  });
  after(() => grader?.stop());

  it("TRL: plain completions earn 1.0 when correct (in any equivalent form) and 0.0 when wrong", async () => {
    const rewards = await pythonJson(
      grader,
      `print(json.dumps(rlvr_reward.trl_reward(
    prompts=["p", "p", "p", "p"],
    completions=["So it is \\\\boxed{\\\\frac{1}{2}}.", "\\\\boxed{0.5}", "The answer is 0.4.", "I give up."],
    completion_ids=[[1], [2], [3], [4]],
    answer=["0.5", "\\\\frac{1}{2}", "0.5", "0.5"])))`,
    );
    assert.deepEqual(rewards, [1, 1, 0, 0]);
  });

  it("TRL: conversational completions, content parts, and a gold column named as configured", async () => {
    const rewards = await pythonJson(
      grader,
      `reward = rlvr_reward.trl_reward_for("solution")
completions = [
    [{"role": "assistant", "content": "x = \\\\boxed{3}"}],
    [{"role": "assistant", "content": [{"type": "text", "text": "The final answer is 4."}]}],
    [{"role": "assistant", "content": "\\\\boxed{5}"}],
]
print(json.dumps({"rewards": reward(completions=completions, solution=["3", "4", "6"]), "name": reward.__name__}))`,
    );
    assert.deepEqual(rewards, { rewards: [1, 1, 0], name: "rlvr_correct" });
  });

  it("TRL: a missing gold column is a clear error naming the columns there are", async () => {
    const result = await python(grader, `rlvr_reward.trl_reward(completions=["1"], solution=["1"])`);
    assert.notEqual(result.code, 0);
    assert.match(result.stderr, /ValueError: the dataset has no column 'answer' .*its columns: solution/);
  });

  it("TRL: one call larger than the service's batch limit is sent in batches, in order", async () => {
    const rewards = (await pythonJson(
      grader,
      `n = rlvr_reward.MAX_BATCH_ITEMS + 100
print(json.dumps(rlvr_reward.trl_reward(completions=[f"\\\\boxed{{{i}}}" for i in range(n)],
                                        answer=[str(i if i % 3 else i + 1) for i in range(n)])))`,
    )) as number[];
    assert.equal(rewards.length, 1124);
    rewards.forEach((reward, i) => {
      assert.equal(reward, i % 3 ? 1 : 0, `item ${i}`);
    });
  });

  it("verl: compute_score and compute_score_batch take verl's arguments and its golds", async () => {
    const scores = await pythonJson(
      grader,
      `single = [rlvr_reward.compute_score(data_source="math", solution_str=s, ground_truth=g, extra_info={"i": 0})
          for s, g in [("\\\\boxed{12}", "12"), ("\\\\boxed{13}", "12"), ("\\\\boxed{1/4}", 0.25)]]
batch = rlvr_reward.compute_score_batch(data_sources=["math"] * 3,
                                        solution_strs=["\\\\boxed{7}", "\\\\boxed{b}", "x"],
                                        ground_truths=[7, ["a", "b"], "7"], extra_infos=[{}, {}, {}])
print(json.dumps({"single": single, "batch": batch}))`,
    );
    assert.deepEqual(scores, { single: [1, 0, 1], batch: [1, 1, 0] });
  });

  it("says where the service should be and what to do when it cannot be reached", async () => {
    const closed = { url: `http://127.0.0.1:${await freePort()}` };
    const result = await python(closed, `rlvr_reward.compute_score("math", "\\\\boxed{1}", "1")`);
    assert.notEqual(result.code, 0);
    assert.match(
      result.stderr,
      /GraderUnavailable: cannot reach the grading service at http:\/\/127\.0\.0\.1:\d+/,
    );
    assert.match(result.stderr, /RLVR_GRADER_URL/);
  });

  it("OpenRLHF: rewards over urllib, as floats, for the response after each prompt only", async () => {
    const reply = (await pythonJson(
      grader,
      postOpenRlhf(`{
    "query": ["${PROMPT}\\\\boxed{0.5}", "${PROMPT}\\\\boxed{2}", "${LEAKY_PROMPT}I am not sure."],
    "prompts": ["${PROMPT}", "${PROMPT}", "${LEAKY_PROMPT}"],
    "labels": ["\\\\frac{1}{2}", "\\\\frac{1}{2}", "\\\\frac{1}{2}"]}`),
    )) as OpenRlhfReply;
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.deepEqual(reply.body.rewards, [1, 0, 0]);
    assert.deepEqual(reply.body.scores, [1, 0, 0]);
    assert.equal(reply.floats, true, "rewards must reach Python as floats");
  });

  it("OpenRLHF: malformed payloads get 400 naming the field", async () => {
    const cases: [string, string][] = [
      [`{"query": ["ab"], "prompts": ["a"]}`, "labels"],
      [`{"query": ["ab"], "labels": ["1"]}`, "prompts"],
      [`{"query": ["ab", "ac"], "prompts": ["a", "a"], "labels": ["1"]}`, "labels"],
      [`{"query": ["ab"], "prompts": ["a"], "labels": [None]}`, "labels.0"],
    ];
    for (const [payload, field] of cases) {
      const reply = (await pythonJson(grader, postOpenRlhf(payload))) as OpenRlhfReply;
      assert.equal(reply.status, 400, payload);
      assert.ok(
        reply.body.issues?.some((issue) => issue.path === field),
        `${payload}: ${JSON.stringify(reply.body)}`,
      );
    }
  });

  it("OpenRLHF: takes a rollout batch over the 16 MiB batch limit, and refuses one over its own", async () => {
    const longPrompt = `${"Think carefully. ".repeat(65_536)}\nA:`;
    const count = 17;
    const reply = await postJson(`${grader.url}/v1/openrlhf/reward`, {
      query: Array.from({ length: count }, (_, i) => `${longPrompt} \\boxed{${i}}`),
      prompts: Array.from({ length: count }, () => longPrompt),
      labels: Array.from({ length: count }, (_, i) => String(i % 2 ? i : i + 1)),
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body).slice(0, 500));
    const { rewards } = reply.body as { rewards: number[] };
    assert.deepEqual(
      rewards,
      Array.from({ length: count }, (_, i) => (i % 2 ? 1 : 0)),
    );
    const tooLarge = heldRequest(`${grader.url}/v1/openrlhf/reward`, "{}", {
      headers: { "Content-Length": String(OPENRLHF_BODY_LIMIT_BYTES + 1) },
    });
    const refused = await tooLarge.reply;
    assert.equal(refused.status, 413);
  });

  it("the preflight example script passes against the service", async () => {
    const result = await python(grader, "", { args: [join(ADAPTERS, "check_rewards.py")] });
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const trainers = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { trainer: string; rewards: number[]; expected: number[] });
    assert.deepEqual(
      trainers.map((t) => t.trainer),
      ["trl", "verl", "openrlhf"],
    );
    for (const trainer of trainers) assert.deepEqual(trainer.rewards, trainer.expected, trainer.trainer);
  });
});

describe("Python trainer adapters with a token", { skip: pythonMissing }, () => {
  let grader: TestProcess<RunningGrader>;
  before(async () => {
    grader = await startTestGrader({ token: TOKEN });
  });
  after(() => grader?.stop());

  it("send RLVR_TOKEN as the bearer token, and say so when it is missing", async () => {
    const script = `print(json.dumps(rlvr_reward.compute_score_batch(["m"], ["\\\\boxed{2}"], ["2"])))`;
    assert.deepEqual(await pythonJson(grader, script, TOKEN), [1]);
    const refused = await python(grader, script);
    assert.notEqual(refused.code, 0);
    assert.match(
      refused.stderr,
      /GraderRefused: .* refused the request \(401\): missing or wrong bearer token/,
    );
  });

  it("OpenRLHF: the endpoint needs the token too", async () => {
    const payload = `{"query": ["${PROMPT}\\\\boxed{2}"], "prompts": ["${PROMPT}"], "labels": ["2"]}`;
    const without = (await pythonJson(grader, postOpenRlhf(payload))) as OpenRlhfReply;
    assert.equal(without.status, 401);
    const withToken = (await pythonJson(grader, postOpenRlhf(payload, TOKEN))) as OpenRlhfReply;
    assert.equal(withToken.status, 200, JSON.stringify(withToken.body));
    assert.deepEqual(withToken.body.rewards, [1]);
  });
});
