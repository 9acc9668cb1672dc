import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";
import { Command } from "commander";
import { addGraderFlags, type GraderFlagDefaults } from "../../../learner/cli/grader-options.ts";

function viaWith(natsUrl: string | undefined, defaults?: GraderFlagDefaults, argv: string[] = []): string {
  if (natsUrl === undefined) delete process.env.NATS_URL;
  else process.env.NATS_URL = natsUrl;
  const command = addGraderFlags(new Command("probe").exitOverride(), defaults);
  command.parse(argv, { from: "user" });
  return command.opts().via;
}

describe("--via default", () => {
  const saved = process.env.NATS_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.NATS_URL;
    else process.env.NATS_URL = saved;
  });

  it("is nats for the learner's commands when NATS_URL is set, local when it is not", () => {
    assert.equal(viaWith("nats://127.0.0.1:4222", { natsWhenConfigured: true }), "nats");
    assert.equal(viaWith(undefined, { natsWhenConfigured: true }), "local");
  });

  it("stays local for file grading whatever NATS_URL says, and a flag always wins", () => {
    assert.equal(viaWith("nats://127.0.0.1:4222"), "local");
    assert.equal(viaWith("nats://127.0.0.1:4222", { natsWhenConfigured: true }, ["--via", "local"]), "local");
  });
});

describe("--via in the help", () => {
  const viaHelp = (defaults?: GraderFlagDefaults) => {
    const help = addGraderFlags(new Command("probe"), defaults).helpInformation().replace(/\s+/g, " ");
    return /--via <transport> (.*?) --grader-url/.exec(help)![1]!;
  };

  it("states the real default once", () => {
    assert.match(viaHelp({ natsWhenConfigured: true }), /default: nats when NATS_URL is set, else local\)$/);
    assert.doesNotMatch(viaHelp({ natsWhenConfigured: true }), /"local"\)|default: "/);
    assert.match(viaHelp(), /default: "local"\)$/);
  });
});
