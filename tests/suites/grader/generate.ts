/**
 * Writes the grader suites (hacks.jsonl, recall.jsonl, wrong.jsonl) from the templates and hand-written
 * cases under gen/. Deterministic: every family draws from its own seeded stream, so the output only
 * changes when the cases do. Run: node --import tsx tests/suites/grader/generate.ts
 */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildHacks } from "./gen/hacks.ts";
import { buildRecall } from "./gen/recall.ts";
import { buildWrong } from "./gen/wrong.ts";
import { type SuiteCase, type SuiteName, serializeSuite, suitePath } from "./schema.ts";

export function generateSuites(): Record<SuiteName, SuiteCase[]> {
  return { hacks: buildHacks().cases, recall: buildRecall().cases, wrong: buildWrong().cases };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  for (const [suite, cases] of Object.entries(generateSuites()) as [SuiteName, SuiteCase[]][]) {
    writeFileSync(suitePath(suite), serializeSuite(cases));
    const families = new Set(cases.map((c) => c.family));
    console.log(`${suite}: ${cases.length} cases in ${families.size} families -> ${suitePath(suite)}`);
  }
}
