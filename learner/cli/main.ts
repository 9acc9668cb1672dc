/** `rlvr`: one command line for grading, evaluation and training (program.ts), ended as exit.ts says. */
import { exitQuietlyWhenOutputCloses, reportFailure } from "./exit.ts";
import { buildProgram } from "./program.ts";

exitQuietlyWhenOutputCloses();
try {
  await buildProgram().parseAsync(process.argv);
} catch (error) {
  process.exitCode = reportFailure(error);
}
