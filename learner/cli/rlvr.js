#!/usr/bin/env node
// The `rlvr` command. The CLI is TypeScript; tsx compiles it on the fly so there is no build step.
import { register } from "tsx/esm/api";

register();
await import("./main.ts");
