/**
 * How wide a line of chart text will be, so that titles and legends are laid out without overlapping.
 * The advance widths are DejaVu Sans's (what `system-ui` resolves to on Debian, and wider than the
 * system fonts of macOS and Windows), so an estimate errs on the wide side.
 */

/** Per mille of the font size, for the printable ASCII characters 32–126. */
const ASCII = {
  normal: [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
    295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
    500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
    392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  ],
  bold: [
    348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
    696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
    372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
    500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
    478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
  ],
} as const;

/** The symbols the reports print (maths, Greek, dashes), bold or not; any other character counts as 1 em. */
const SYMBOLS: Record<string, number> = {
  τ: 640,
  π: 800,
  θ: 690,
  ε: 560,
  "×": 838,
  "±": 838,
  "−": 838,
  "≤": 838,
  "≥": 838,
  "→": 838,
  "–": 500,
  "—": 1000,
  "…": 1000,
};

export type FontWeight = keyof typeof ASCII;

function advance(char: string, weight: FontWeight): number {
  const code = char.codePointAt(0)!;
  if (code >= 32 && code < 127) return ASCII[weight][code - 32]!;
  if (code >= 0x300 && code < 0x370) return 0; // combining marks (s̄) add no width
  return SYMBOLS[char] ?? 1000;
}

/** The width in pixels of `text` set in `fontSize`-pixel type. */
export function textWidth(text: string, fontSize: number, weight: FontWeight = "normal"): number {
  let total = 0;
  for (const char of text) total += advance(char, weight);
  return (total * fontSize) / 1000;
}

/** `text`, or as much of it as fits in `maxWidth` pixels followed by "…". */
export function ellipsize(
  text: string,
  maxWidth: number,
  fontSize: number,
  weight: FontWeight = "normal",
): string {
  if (textWidth(text, fontSize, weight) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && textWidth(`${chars.join("")}…`, fontSize, weight) > maxWidth) chars.pop();
  return `${chars.join("").trimEnd()}…`;
}
