/** Finds the final answer in a model's response. */
import type { ExtractionMethod } from "../../contracts/grading.ts";

export interface ExtractOptions {
  /** Only text after the last `</think>` counts, and a response without one has no answer. */
  requireThinkClose: boolean;
  /** The gold is a multiple-choice letter, so a chosen letter is looked for first. */
  choice: boolean;
}

export type Extraction =
  | { found: true; text: string; method: ExtractionMethod; parts?: string[] }
  | { found: false; reason: string };

export function extractAnswer(response: string, options: ExtractOptions): Extraction {
  let text = response;
  const close = text.lastIndexOf("</think>");
  if (close >= 0) text = text.slice(close + "</think>".length);
  else if (options.requireThinkClose) return { found: false, reason: "missing </think>" };
  const at = text.lastIndexOf("\\boxed{");
  if (at >= 0) {
    let depth = 0;
    for (let i = at + 6; i < text.length; i++) {
      if (text[i] === "{") depth++;
      else if (text[i] === "}" && --depth === 0) {
        return { found: true, text: text.slice(at + 7, i), method: "boxed" };
      }
    }
  }
  const trimmed = text.trim();
  if (trimmed.length > 0 && trimmed.length <= 100) return { found: true, text: trimmed, method: "whole" };
  return { found: false, reason: "no answer found in the response" };
}
