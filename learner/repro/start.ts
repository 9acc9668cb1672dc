/**
 * The starting checkpoint every run shares: the one the config names, or one SFT makes inside the runs
 * folder. Its weights' hash is recorded with the runs, so a folder of runs is never continued from a
 * different start.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { weightFiles } from "../model/checkpoint.ts";
import { type SftStep, trainSft } from "../train/sft.ts";
import type { ReproConfig } from "./config.ts";

export const StartingPointSchema = z.object({
  checkpoint: z.string(),
  /** sha256 of the checkpoint's weights files, one after the other (index first when sharded). */
  sha256: z.string(),
  /** How it was made: "given" or the SFT config that made it. */
  origin: z.union([z.literal("given"), z.object({ sft: z.unknown() })]),
});
export type StartingPoint = z.output<typeof StartingPointSchema>;

const START_RECORD = "start.json";
const SFT_RESULT = "sft-result.json";

export interface StartOptions {
  shouldStop: () => boolean;
  /** Only make an SFT start when allowed (one process of several sharing a study makes it). */
  mayMake?: boolean;
  onSftStep?: (step: SftStep, total: number) => void;
}

/** The start, made first when the config asks for an SFT one; undefined when stopped while making it. */
export async function prepareStart(
  repro: ReproConfig,
  options: StartOptions,
): Promise<StartingPoint | undefined> {
  const start = repro.start;
  let checkpoint: string;
  if ("checkpoint" in start) {
    checkpoint = start.checkpoint;
  } else {
    checkpoint = join(repro.runsDir, "start");
    if (!(await finishedSft(checkpoint))) {
      if (options.mayMake === false)
        throw new Error(
          `the starting checkpoint ${checkpoint} is not made yet: run shard 1 first, which makes it, and start the other shards once it has`,
        );
      const result = await trainSft(start.sft, {
        outDir: checkpoint,
        shouldStop: options.shouldStop,
        onStep: options.onSftStep,
      });
      if (result.stopped) return undefined;
    }
  }
  const files = await weightFiles(checkpoint).catch(() => {
    throw new Error(
      `starting checkpoint ${checkpoint} not found: make it with \`npm run sft -- --out ${checkpoint}\` or name another in the config's start.checkpoint`,
    );
  });
  // Streamed: a real model's weights do not fit in one buffer.
  const hash = createHash("sha256");
  for (const file of files) for await (const chunk of createReadStream(file)) hash.update(chunk);
  const point: StartingPoint = {
    checkpoint,
    sha256: hash.digest("hex"),
    origin: "checkpoint" in start ? "given" : { sft: start.sft },
  };
  await recordStart(repro.runsDir, point);
  return point;
}

async function finishedSft(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, SFT_RESULT), "utf8").catch(() => undefined);
  return text !== undefined && (JSON.parse(text) as { stopped: boolean }).stopped === false;
}

async function recordStart(runsDir: string, point: StartingPoint): Promise<void> {
  const path = join(runsDir, START_RECORD);
  const text = await readFile(path, "utf8").catch(() => undefined);
  if (text !== undefined) {
    const recorded = StartingPointSchema.parse(JSON.parse(text));
    if (recorded.sha256 !== point.sha256)
      throw new Error(
        `the runs in ${runsDir} started from other weights (${recorded.checkpoint}, sha256 ${recorded.sha256.slice(0, 12)}…): use another --runs-dir`,
      );
    return;
  }
  await mkdir(runsDir, { recursive: true });
  await writeFile(path, `${JSON.stringify(point, null, 2)}\n`);
}
