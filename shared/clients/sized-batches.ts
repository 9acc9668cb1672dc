/**
 * Batch request bodies sized by bytes as well as by items, so that no batch goes over the grading
 * service's body limit however long the responses are. Each item is serialized once; the bodies are
 * built from those pieces.
 */
import { BATCH_BODY_LIMIT_BYTES, type GradeOptionsInput, type GradeRequest } from "../contracts/grading.ts";
import { GraderRequestError } from "./grader.ts";

export interface BatchLimits {
  /** Items per batch at most. */
  maxItems: number;
  /** Bytes per body at most; an item larger than this alone still goes, by itself, up to `limitBytes`. */
  maxBytes: number;
  /** What the service takes in one body (default its batch body limit). */
  limitBytes?: number;
}

export interface SizedBatch {
  items: GradeRequest[];
  /** `{"items": [...], "options": ...}` as JSON. */
  body: string;
  /** The body's length in UTF-8 bytes. */
  bytes: number;
}

/** Consecutive batches of `items`, in order, with `options` in each. */
export function sizedBatches(
  items: readonly GradeRequest[],
  options: GradeOptionsInput | undefined,
  limits: BatchLimits,
): SizedBatch[] {
  const limitBytes = limits.limitBytes ?? BATCH_BODY_LIMIT_BYTES;
  const maxBytes = Math.min(limits.maxBytes, limitBytes);
  const head = '{"items":[';
  const tail = options ? `],"options":${JSON.stringify(options)}}` : "]}";
  const envelope = utf8Bytes(head) + utf8Bytes(tail);
  const batches: SizedBatch[] = [];
  let members: GradeRequest[] = [];
  let pieces: string[] = [];
  let bytes = envelope;
  const flush = () => {
    if (pieces.length === 0) return;
    batches.push({ items: members, body: `${head}${pieces.join(",")}${tail}`, bytes });
    members = [];
    pieces = [];
    bytes = envelope;
  };
  items.forEach((item, index) => {
    const piece = JSON.stringify(item);
    const size = utf8Bytes(piece);
    if (envelope + size > limitBytes) {
      throw new GraderRequestError(
        `item ${index + 1} is ${megabytes(size)} as JSON, more than one request to the grading service may carry (${megabytes(limitBytes)}): shorten its response or gold`,
        413,
      );
    }
    const separator = pieces.length > 0 ? 1 : 0;
    if (pieces.length >= limits.maxItems || (pieces.length > 0 && bytes + separator + size > maxBytes)) {
      flush();
    }
    bytes += (pieces.length > 0 ? 1 : 0) + size;
    members.push(item);
    pieces.push(piece);
  });
  flush();
  return batches;
}

/** The UTF-8 length of `text`, without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
