/**
 * Measures the answer checker on the grader suites: recall on right answers, and how many hacks and
 * wrong answers it pays for, per suite and per family, with throughput.
 *
 *   npm run suites:grader -- [--ref <git-commit>] [--show-failures] [--json <file>]
 *                            [--suite hacks|recall|wrong] [--family <name>] [--case-timeout <ms>]
 *                            [--holdout]
 *
 * `--holdout` grades the held-out set holdout.jsonl instead of the three suites (its right answers as
 * recall, its `hack-*` families as hacks, the rest as wrong answers); a measurement, not a gate.
 *
 * `--ref` also measures another version of the checker: that commit's `shared/` is exported with
 * `git archive` under .rlvr/suite-ref/<commit>/ (git-ignored, inside the repository so that zod and
 * nerdamer resolve) and its shared/checker/check.ts is graded the same way, side by side.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type CaseResult, gradeCases } from "./grade.ts";
import { holdoutSuite, loadHoldout, loadSuite, SUITES, type SuiteCase, type SuiteName } from "./schema.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

interface Version {
  label: string;
  checkPath: string;
  commit?: string;
}

interface Tally {
  n: number;
  /** Cases the checker judged `correct`. */
  accepted: number;
  /** Cases judged against their label. */
  misjudged: number;
}

interface VersionFigures {
  label: string;
  commit?: string;
  checkPath: string;
  cases: number;
  checksPerSecond: number;
  wallSeconds: number;
  hung: number;
  threw: number;
  suites: Record<SuiteName, Tally & { families: Record<string, Tally> }>;
  misjudged: string[];
}

function exportRef(ref: string): Version {
  const commit = execFileSync("git", ["rev-parse", "--verify", `${ref}^{commit}`], {
    cwd: ROOT,
    encoding: "utf8",
  }).trim();
  const dir = join(ROOT, ".rlvr", "suite-ref", commit.slice(0, 12));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync("git", ["archive", commit, "shared"], { cwd: ROOT, maxBuffer: 1 << 30 });
  execFileSync("tar", ["-x", "-C", dir], { input: archive });
  return {
    label: `ref ${ref} (${commit.slice(0, 7)})`,
    checkPath: join(dir, "shared", "checker", "check.ts"),
    commit,
  };
}

function tally(cases: SuiteCase[], results: CaseResult[]): Tally {
  let accepted = 0;
  let misjudged = 0;
  cases.forEach((c, i) => {
    const ok = results[i]!.accepted;
    if (ok) accepted++;
    if (ok !== c.correct) misjudged++;
  });
  return { n: cases.length, accepted, misjudged };
}

function figures(
  version: Version,
  cases: (SuiteCase & { suite: SuiteName })[],
  results: CaseResult[],
  wall: number,
): VersionFigures {
  const suites = {} as VersionFigures["suites"];
  for (const suite of SUITES) {
    const indices = cases.flatMap((c, i) => (c.suite === suite ? [i] : []));
    const inSuite = indices.map((i) => cases[i]!);
    const families: Record<string, Tally> = {};
    for (const family of [...new Set(inSuite.map((c) => c.family))].sort()) {
      const idx = indices.filter((i) => cases[i]!.family === family);
      families[family] = tally(
        idx.map((i) => cases[i]!),
        idx.map((i) => results[i]!),
      );
    }
    suites[suite] = {
      ...tally(
        inSuite,
        indices.map((i) => results[i]!),
      ),
      families,
    };
  }
  const graded = results.filter((r) => r.status !== "hung");
  const ms = graded.reduce((sum, r) => sum + r.ms, 0);
  return {
    label: version.label,
    ...(version.commit ? { commit: version.commit } : {}),
    checkPath: version.checkPath,
    cases: cases.length,
    checksPerSecond: ms > 0 ? graded.length / (ms / 1000) : 0,
    wallSeconds: wall,
    hung: results.filter((r) => r.status === "hung").length,
    threw: results.filter((r) => r.status === "threw" || r.status === "error").length,
    suites,
    misjudged: cases.filter((c, i) => results[i]!.accepted !== c.correct).map((c) => c.id),
  };
}

const pct = (a: number, n: number): string => (n === 0 ? "-" : `${((100 * a) / n).toFixed(1)}%`);

/** Accepted out of n: recall for right answers, payouts for hacks and wrong answers. */
function cell(_suite: SuiteName, t: Tally): string {
  return `${t.accepted}/${t.n} ${pct(t.accepted, t.n)}`;
}

function table(rows: string[][], header: string[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

function report(all: VersionFigures[]): string {
  const labels = all.map((v) => v.label);
  const out: string[] = [];
  const summary: string[][] = [
    ["recall (right answers accepted)", ...all.map((v) => cell("recall", v.suites.recall))],
    ["hacks accepted", ...all.map((v) => cell("hacks", v.suites.hacks))],
    ["wrong accepted", ...all.map((v) => cell("wrong", v.suites.wrong))],
    ["misjudged, all suites", ...all.map((v) => `${v.misjudged.length}/${v.cases}`)],
    [
      "checks/s (time in checkAnswer)",
      ...all.map((v) => Math.round(v.checksPerSecond).toLocaleString("en-US")),
    ],
    ["hung / threw", ...all.map((v) => `${v.hung} / ${v.threw}`)],
    ["wall time", ...all.map((v) => `${v.wallSeconds.toFixed(1)} s`)],
  ];
  out.push(table(summary, ["summary", ...labels]));
  const heading: Record<SuiteName, string> = {
    recall: "recall: right answers accepted (higher is better)",
    hacks: "hacks: reward hacks accepted (must be 0)",
    wrong: "wrong: wrong answers accepted (must be 0)",
  };
  for (const suite of SUITES) {
    const first = all[0]!.suites[suite];
    if (first.n === 0) continue;
    const rows = Object.keys(first.families).map((family) => [
      family,
      String(first.families[family]!.n),
      ...all.map((v) => cell(suite, v.suites[suite].families[family]!)),
    ]);
    rows.push(["TOTAL", String(first.n), ...all.map((v) => cell(suite, v.suites[suite]))]);
    out.push(`\n${heading[suite]}\n${table(rows, ["family", "n", ...labels])}`);
  }
  return out.join("\n");
}

/** Characters a terminal would not show: C0/C1 controls, soft hyphen, zero-width and bidi marks, BOM. */
function invisible(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0xad ||
    (code >= 0x200b && code <= 0x200f) ||
    (code >= 0x2028 && code <= 0x202e) ||
    (code >= 0x2060 && code <= 0x2064) ||
    code === 0xfeff
  );
}

/** One line of text: LaTeX as written, newlines as ⏎, invisible characters as \u escapes. */
function clip(s: string, n: number): string {
  const flat = Array.from(s.replace(/\n/g, "⏎"), (c) =>
    invisible(c.charCodeAt(0)) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c,
  ).join("");
  return flat.length > n ? `${flat.slice(0, n)}… (${s.length} chars)` : flat;
}

function failures(version: VersionFigures, cases: SuiteCase[], results: CaseResult[]): string {
  const lines = [`\nmisjudged by ${version.label}: ${version.misjudged.length}`];
  cases.forEach((c, i) => {
    const r = results[i]!;
    if (r.accepted === c.correct) return;
    const got = r.accepted ? "ACCEPTED" : `rejected${r.status === "ok" ? "" : ` (${r.status})`}`;
    lines.push(
      `  ${c.id}  [label ${c.correct ? "correct" : "incorrect"}, got ${got}]`,
      `    response:  ${clip(c.response, 220)}`,
      `    gold:      ${JSON.stringify(c.gold)}${c.options ? `  options: ${JSON.stringify(c.options)}` : ""}`,
      `    extracted: ${r.extracted === null ? "(none)" : clip(r.extracted, 160)}${r.reason ? `  reason: ${clip(r.reason, 120)}` : ""}`,
      `    why:       ${c.why}`,
    );
  });
  return lines.join("\n");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      ref: { type: "string" },
      "show-failures": { type: "boolean", default: false },
      json: { type: "string" },
      suite: { type: "string", multiple: true },
      family: { type: "string", multiple: true },
      "case-timeout": { type: "string", default: "10000" },
      holdout: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(
      "usage: npm run suites:grader -- [--ref <git-commit>] [--show-failures] [--json <file>] " +
        "[--suite hacks|recall|wrong]... [--family <name>]... [--case-timeout <ms>] [--holdout]",
    );
    return;
  }
  const suites = (values.suite ?? [...SUITES]) as SuiteName[];
  for (const s of suites) if (!SUITES.includes(s)) throw new Error(`unknown suite ${s}`);
  const families = values.family ? new Set(values.family) : null;
  const loaded = values.holdout
    ? loadHoldout()
        .map((c) => ({ ...c, suite: holdoutSuite(c) }))
        .filter((c) => suites.includes(c.suite))
    : suites.flatMap((suite) => loadSuite(suite).map((c) => ({ ...c, suite })));
  const cases = loaded.filter((c) => families === null || families.has(c.family));
  if (cases.length === 0) throw new Error("no cases selected");

  const versions: Version[] = [
    { label: "working tree", checkPath: join(ROOT, "shared", "checker", "check.ts") },
  ];
  if (values.ref) versions.push(exportRef(values.ref));

  const caseTimeoutMs = Number(values["case-timeout"]);
  const all: VersionFigures[] = [];
  const results: CaseResult[][] = [];
  for (const version of versions) {
    const started = performance.now();
    const graded = await gradeCases(version.checkPath, cases, { caseTimeoutMs });
    results.push(graded);
    all.push(figures(version, cases, graded, (performance.now() - started) / 1000));
  }
  console.log(
    `grader suites${values.holdout ? " (holdout)" : ""}: ${cases.length} cases (${suites.join(", ")})\n`,
  );
  console.log(report(all));
  if (values["show-failures"]) {
    all.forEach((v, i) => {
      console.log(failures(v, cases, results[i]!));
    });
  }
  if (values.json) {
    writeFileSync(
      values.json,
      `${JSON.stringify({ generatedAt: new Date().toISOString(), versions: all }, null, 2)}\n`,
    );
    console.log(`\nfigures written to ${values.json}`);
  }
}

await main();
