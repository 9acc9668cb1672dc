/**
 * English number words as digits: "five" is 5, "twenty-one" 21, "one hundred five" 105, and a scale
 * after digits multiplies ("12 thousand" is 12000, "2.5 million" 2500000). Reading them as values,
 * rather than setting the words aside, is what makes "5 thousand" differ from a gold of 5.
 */

const UNITS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};

const SCALES: Readonly<Record<string, bigint>> = {
  thousand: 1000n,
  million: 1_000_000n,
  billion: 1_000_000_000n,
  trillion: 1_000_000_000_000n,
};

/** Longest text read as number words; an answer in words is short. */
const MAX_CHARS = 120;

/** The value of `text` written wholly in number words (with an optional sign word), or null. */
function wordsValue(text: string): bigint | null {
  const words = text
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== "" && w !== "and");
  if (words.length === 0) return null;
  let sign = 1n;
  if (words[0] === "negative" || words[0] === "minus") {
    sign = -1n;
    words.shift();
  }
  let total = 0n;
  let group = 0n;
  let any = false;
  for (const word of words) {
    if (Object.hasOwn(UNITS, word)) {
      group += BigInt(UNITS[word]);
      any = true;
    } else if (word === "hundred") {
      group = (group === 0n ? 1n : group) * 100n;
      any = true;
    } else if (Object.hasOwn(SCALES, word)) {
      total += (group === 0n ? 1n : group) * SCALES[word];
      group = 0n;
      any = true;
    } else return null;
  }
  return any ? sign * (total + group) : null;
}

/** `text` with an answer written in number words turned into digits; other text unchanged. */
export function numberWordsAsDigits(text: string): string {
  if (text.length > MAX_CHARS || !/[a-zA-Z]/.test(text)) return text;
  const whole = wordsValue(text.trim());
  if (whole !== null) return whole.toString();
  // Digits followed by a scale word: "12 thousand", "2.5 million".
  const scaled = /^\s*(-?\d+(?:\.\d+)?)\s*(thousand|million|billion|trillion)s?\s*$/i.exec(text);
  if (scaled) return `${scaled[1]}*${SCALES[scaled[2].toLowerCase()]}`;
  return text;
}
