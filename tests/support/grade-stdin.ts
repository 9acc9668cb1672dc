/** Reads a JSON array of grading requests on stdin and prints their verdicts: runs under Deno. */
import { checkAnswer } from "../../shared/checker/check.ts";
import type { GradeRequest } from "../../shared/contracts/grading.ts";

const input = await new Response(
  (globalThis as unknown as { Deno: { stdin: { readable: ReadableStream } } }).Deno.stdin.readable,
).text();
const requests = JSON.parse(input) as GradeRequest[];
console.log(JSON.stringify(requests.map((request) => checkAnswer(request))));
