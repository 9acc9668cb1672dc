/**
 * Clock times. `3:30` would read as the ratio 3:30 = 1:10, so a gold that can only be a time — its
 * numbers share a factor (`3:30`, `12:00`; a ratio gold is written in lowest terms) or it says a.m./p.m.
 * — is compared as a time of day: hours and minutes, with a bare time standing for either half of the day.
 */

interface ClockTime {
  hour: number;
  minute: number;
  half: "a" | "p" | null;
}

const TIME = /^(\d{1,2}):(\d{2})\s*(?:\\(?:text|mathrm|textrm)\s*\{\s*)?(?:([ap])\.?\s*m\.?)?\s*\}?$/i;

export function clockTime(normalized: string): ClockTime | null {
  const m = TIME.exec(normalized.trim());
  if (m === null) return null;
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  const half = (m[3]?.toLowerCase() ?? null) as ClockTime["half"];
  if (minute >= 60 || hour > (half === null ? 24 : 12)) return null;
  return { hour, minute, half };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** A gold that is a time and not a ratio in lowest terms. */
export function mustBeClockTime(t: ClockTime): boolean {
  return t.half !== null || t.minute === 0 || gcd(t.hour, t.minute) > 1;
}

/** Minutes after midnight this time may mean. */
function readings(t: ClockTime): number[] {
  const within = (t.hour % 12) * 60 + t.minute;
  if (t.half === "a") return [within];
  if (t.half === "p") return [within + 720];
  return t.hour > 12 ? [t.hour * 60 + t.minute] : [within, within + 720];
}

export function sameClockTime(a: ClockTime, b: ClockTime): boolean {
  const rb = readings(b);
  return readings(a).some((minutes) => rb.includes(minutes));
}
