/** The dashboard's one page: self-contained (inline style and script), nothing fetched from elsewhere. */
import { readFileSync } from "node:fs";
import { CHART_CSS, escapeHtml } from "../../shared/reports/svg.ts";

const CLIENT = readFileSync(new URL("./client.js", import.meta.url), "utf8");

const STYLE = `${CHART_CSS}
body{max-width:none}.panels{display:flex;flex-wrap:wrap}.panel{margin:0}
.panel h3{font-size:14px;margin:1rem 0 .5rem}.empty{color:#888;font-style:italic;width:390px}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0;font-size:13px}
.swatch{display:inline-block;width:18px;border-top:3px solid;margin:0 .4rem .2rem 0}
.swatch.dashed{border-top-style:dashed}#status{color:#555}#outputs:empty{display:none}`;

export function dashboardPage(title: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p id="status">waiting for the first step…</p>
<ul id="outputs"></ul>
<div id="charts"></div>
<script>${CLIENT}</script>
</body></html>
`;
}
