/**
 * A progress bar on stderr: redrawn in place on a terminal, a line every few seconds otherwise (so
 * logs of long runs in CI or under nohup stay readable).
 */
export interface ProgressBar {
  /** Advances by `delta` items and updates the free-text status shown after the bar. */
  tick(delta: number, status?: string): void;
  done(status?: string): void;
}

export function progressBar(
  label: string,
  total: number,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar {
  const started = Date.now();
  let current = 0;
  let lastDraw = 0;
  const interactive = stream.isTTY === true;
  const render = (status: string) => {
    const fraction = total > 0 ? Math.min(1, current / total) : 1;
    const elapsed = (Date.now() - started) / 1000;
    const rate = elapsed > 0 ? current / elapsed : 0;
    const eta = rate > 0 ? (total - current) / rate : Number.NaN;
    const width = 28;
    const filled = Math.round(fraction * width);
    const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
    return `${label} ${bar} ${current}/${total} ${(fraction * 100).toFixed(0)}% ${formatRate(rate)} eta ${formatSeconds(eta)}${status ? ` ${status}` : ""}`;
  };
  const draw = (status: string, force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < (interactive ? 100 : 5_000)) return;
    lastDraw = now;
    stream.write(interactive ? `\r\x1b[2K${render(status)}` : `${render(status)}\n`);
  };
  return {
    tick(delta, status = "") {
      current += delta;
      draw(status, false);
    },
    done(status = "") {
      draw(status, true);
      if (interactive) stream.write("\n");
    },
  };
}

function formatRate(perSecond: number): string {
  return perSecond >= 1000 ? `${(perSecond / 1000).toFixed(1)}k/s` : `${perSecond.toFixed(1)}/s`;
}

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  if (seconds < 60) return `${seconds.toFixed(0)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60
    ? `${minutes}m${Math.round(seconds % 60)}s`
    : `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}
