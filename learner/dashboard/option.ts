/** `--dashboard [port]` for the commands that train, and the dashboard it opens for them. */
import { InvalidArgumentError, Option } from "commander";
import { port } from "../cli/options/values.ts";
import { type Dashboard, startDashboard } from "./server.ts";

/** A port, or 0 for any free one. */
function dashboardPort(value: string): number {
  if (value === "0") return 0;
  try {
    return port(value);
  } catch {
    throw new InvalidArgumentError("expected a port from 0 (any free one) to 65535");
  }
}

export function dashboardOption(): Option {
  return new Option(
    "--dashboard [port]",
    "live charts of the run at http://127.0.0.1:PORT/ while it runs (no port: any free one)",
  )
    .preset("0")
    .argParser(dashboardPort);
}

/** The dashboard the flag asks for (undefined without it); its URL goes to stderr once. */
export async function openDashboard(title: string, flag: number | undefined): Promise<Dashboard | undefined> {
  if (flag === undefined) return undefined;
  const dashboard = await startDashboard(title, flag);
  process.stderr.write(`dashboard: ${dashboard.url}\n`);
  return dashboard;
}
