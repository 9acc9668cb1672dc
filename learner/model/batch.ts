/** Rows of token ids padded to one length, with the mask the forward pass expects. */
export interface PaddedRows {
  ids: number[][];
  mask: number[][];
}

export function padRows(
  rows: readonly (readonly number[])[],
  padId: number,
  side: "left" | "right",
): PaddedRows {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const ids: number[][] = [];
  const mask: number[][] = [];
  for (const row of rows) {
    const fill = new Array<number>(width - row.length).fill(padId);
    const zeros = new Array<number>(width - row.length).fill(0);
    const ones = new Array<number>(row.length).fill(1);
    ids.push(side === "left" ? [...fill, ...row] : [...row, ...fill]);
    mask.push(side === "left" ? [...zeros, ...ones] : [...ones, ...zeros]);
  }
  return { ids, mask };
}
