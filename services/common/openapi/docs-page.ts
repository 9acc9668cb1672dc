/** A self-contained HTML page (no scripts, no CDN) documenting the API, rendered from the OpenAPI document. */
import type { OpenApiDocument, Operation } from "./document.ts";

function escapeHtml(text: string): string {
  return text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;");
}

/** Descriptions use Markdown-style `code`. */
function prose(text: string): string {
  return escapeHtml(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", "'\\''")}'`;
}

function curlExample(origin: string, path: string, method: string, operation: Operation): string {
  const url = shellQuote(`${origin}${path}`);
  const content = operation.requestBody?.content as Record<string, { example?: unknown }> | undefined;
  const example = content?.["application/json"]?.example;
  if (method === "get" || example === undefined) return `curl -sS ${url}`;
  return [
    `curl -sS -X ${method.toUpperCase()} ${url}`,
    `  -H 'Content-Type: application/json'`,
    `  -d ${shellQuote(JSON.stringify(example))}`,
  ].join(" \\\n");
}

function requestSchemaName(operation: Operation): string | undefined {
  const content = operation.requestBody?.content as
    | Record<string, { schema?: { $ref?: string } }>
    | undefined;
  return content?.["application/json"]?.schema?.$ref?.split("/").pop();
}

function renderOperation(origin: string, path: string, method: string, operation: Operation): string {
  const responses = Object.entries(operation.responses)
    .map(([code, response]) => `<li><code>${code}</code> ${prose(String(response.description ?? ""))}</li>`)
    .join("");
  const schema = requestSchemaName(operation);
  return `<section id="${escapeHtml(method + path)}">
<h2><span class="method">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code> — ${prose(operation.summary)}</h2>
<p>${prose(operation.description)}</p>
${schema ? `<p>Request body: <a href="#schema-${schema}"><code>${schema}</code></a></p>` : ""}
<pre>${escapeHtml(curlExample(origin, path, method, operation))}</pre>
<ul>${responses}</ul>
</section>`;
}

/** `tokenVariable`: the environment variable that turns bearer auth on, e.g. GRADER_TOKEN. */
export function renderDocsPage(document: OpenApiDocument, origin: string, tokenVariable: string): string {
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => renderOperation(origin, path, method, operation)),
  );
  const schemas = Object.entries(document.components.schemas).map(
    ([name, schema]) =>
      `<details id="schema-${name}"><summary><code>${name}</code></summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(document.info.title)}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
pre { background: #f5f5f5; padding: .75rem; overflow-x: auto; border-radius: 4px; }
code { font-family: ui-monospace, monospace; }
.method { background: #2d6cdf; color: #fff; padding: 0 .4rem; border-radius: 3px; font-size: .8em; }
section { border-top: 1px solid #ddd; margin-top: 1.5rem; }
</style>
</head>
<body>
<h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${prose(document.info.description)}</p>
<p>When the service runs with <code>${tokenVariable}</code> set, every endpoint except <code>/healthz</code> needs
<code>-H "Authorization: Bearer $${tokenVariable}"</code>. Errors are JSON: <code>{"error": "…", "issues": [{"path", "message"}]}</code>.
The machine-readable description is <a href="openapi.json"><code>/openapi.json</code></a>.</p>
${operations.join("\n")}
<section><h2>Schemas</h2>
${schemas.join("\n")}
</section>
</body>
</html>
`;
}
