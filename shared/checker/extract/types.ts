/** Shapes shared by the extraction modules. */
import type { ExtractionMethod } from "../../contracts/grading.ts";

export interface ExtractOptions {
  /** Only text after the last `</think>` counts, and a response without one has no answer. */
  requireThinkClose: boolean;
  /** The gold is a multiple-choice letter, so a chosen letter is looked for first. */
  choice: boolean;
}

export interface Found {
  found: true;
  text: string;
  method: ExtractionMethod;
  /** Present when several boxed answers form a set; `text` is then the parts joined with ", ". */
  parts?: string[];
}

export type Extraction = Found | { found: false; reason: string };
