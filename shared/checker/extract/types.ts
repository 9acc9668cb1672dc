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
  /**
   * Other answers the response states besides the final one (an earlier box that no derivation
   * leads on from, a different value offered after the final box). The checker compares them with
   * the final answer: a response that commits to more than one value is a hedge and earns nothing.
   */
  rivals?: string[];
}

export type Extraction = Found | { found: false; reason: string };
