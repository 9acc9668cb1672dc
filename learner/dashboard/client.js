// The dashboard page's script: it follows GET /events and, after each event, fetches the charts again
// (rendered on the server by the reports' SVG code), so points appear without reloading the page.
const status = document.getElementById("status");
const charts = document.getElementById("charts");
const outputs = document.getElementById("outputs");
const events = new EventSource("/events");
const latest = new Map();
let fetching = false;
let stale = false;

// One fetch at a time: events that arrive during it are covered by one more fetch after it.
async function refresh() {
  if (fetching) {
    stale = true;
    return;
  }
  fetching = true;
  try {
    do {
      stale = false;
      const response = await fetch("/panels");
      if (response.ok) charts.innerHTML = await response.text();
    } while (stale);
  } catch {
    // The command ended and took the server with it: the page keeps what it has.
  } finally {
    fetching = false;
  }
}

function describeLatest() {
  const runs = [...latest.values()].map((r) => `${r.label}: step ${r.step ?? "–"}`);
  status.textContent = runs.length ? runs.join(" · ") : "waiting for the first step…";
}

events.addEventListener("run", (event) => {
  const { run, label } = JSON.parse(event.data);
  latest.set(run, { label, step: latest.get(run)?.step });
  describeLatest();
  refresh();
});

events.addEventListener("step", (event) => {
  const { run, metrics } = JSON.parse(event.data);
  const known = latest.get(run);
  latest.set(run, { label: known ? known.label : run, step: metrics.step });
  describeLatest();
  refresh();
});

events.addEventListener("finished", (event) => {
  const { links } = JSON.parse(event.data);
  // Nothing more will come: no reconnecting to a server that is about to stop.
  events.close();
  outputs.replaceChildren(
    ...links.map(({ label, href, path }) => {
      const item = document.createElement("li");
      const anchor = document.createElement("a");
      anchor.href = href;
      anchor.textContent = label;
      item.append(anchor, ` ${path}`);
      return item;
    }),
  );
  document.body.classList.add("finished");
  status.textContent += " · finished";
  refresh();
});
