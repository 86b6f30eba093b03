#!/usr/bin/env node
// Load server for the dashboard benchmark: serves frontend/dist and answers the API calls of the
// sweep detail page in the backend's wire format (INTERFACE.md), for one sweep "bench" of N
// trials with P points of train_loss each (plus val_loss / val_accuracy per epoch). While the
// benchmark runs, /api/events streams new points for 50 running trials, 10 batches a second.
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(here, "..", "..", "frontend", "dist");
const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const N = arg("trials", 500);
const P = arg("points", 2000);
const EPOCH = 100;
if (!existsSync(join(dist, "index.html"))) {
  console.error(
    `no built dashboard in ${dist}: run npm run build in frontend/`,
  );
  process.exit(2);
}

// deterministic pseudo-random numbers
let seed = 12345;
const rnd = () =>
  (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const models = ["googlenet", "bn-inception", "inception-v3"];
const blocks = ["naive", "reduced"];
const trials = Array.from({ length: N }, (_, i) => {
  const params = {
    model: models[i % 3],
    block: blocks[(i >> 1) % 2],
    auxWeight: [0, 0.3][(i >> 2) % 2],
    labelSmoothing: [0, 0.1][(i >> 3) % 2],
    lr: Number((0.001 * Math.pow(100, rnd())).toPrecision(3)),
  };
  return {
    id: `t${i}`,
    sweep: "bench",
    index: i,
    state: i < 50 ? "running" : i % 7 === 0 ? "pruned" : "completed",
    attempt: 1,
    failures: 0,
    parameters: params,
    params: 1e6 + i * 1000,
    macs: Math.round(
      2e8 *
        (1 + (i % 3)) *
        (params.block === "naive" ? 3 : 1) *
        (1 + rnd() * 0.2),
    ),
    rate: 0.5 + rnd(),
    floor: 0.2 + rnd() * 0.3,
  };
});
const time = "2026-11-26T15:00:00Z";
const loss = (t, step) =>
  t.floor + 2 * Math.exp((-step / P) * 4 * t.rate) + 0.05 * (rnd() - 0.5);
const acc = (t, step) =>
  Math.min(0.99, 1 - t.floor - 0.6 * Math.exp((-step / P) * 4 * t.rate));

function history(t, upTo) {
  const out = [];
  for (let s = 0; s < upTo; s++) {
    out.push({
      name: "train_loss",
      step: s,
      epoch: Math.floor(s / EPOCH),
      value: loss(t, s),
      attempt: 1,
      time,
    });
    if (s % EPOCH === EPOCH - 1) {
      out.push({
        name: "val_loss",
        step: s,
        epoch: Math.floor(s / EPOCH),
        value: loss(t, s) + 0.1,
        attempt: 1,
        time,
      });
      out.push({
        name: "val_accuracy",
        step: s,
        epoch: Math.floor(s / EPOCH),
        value: acc(t, s),
        attempt: 1,
        time,
      });
    }
  }
  return out;
}
const progress = new Map(trials.map((t) => [t.id, P]));

const json = (res, body, status = 200) => {
  res.writeHead(status, { "Content-Type": "application/json" });
  res.end(JSON.stringify(body));
};
const row = (t) => ({
  trial: t.id,
  index: t.index,
  state: t.state,
  attempt: 1,
  parameters: t.parameters,
  params: t.params,
  macs: t.macs,
  bestValAccuracy: t.state === "running" ? null : acc(t, P),
  finalValAccuracy: t.state === "running" ? null : acc(t, P) - 0.005,
  testAccuracy: t.state === "completed" ? acc(t, P) - 0.01 : null,
  seconds: 100 + t.index,
  imagesPerSec: 900,
});
const sweep = {
  id: "bench",
  name: "bench-500",
  state: "running",
  spec: { dataset: "synthetic-shapes", method: "grid" },
  created: new Date().toISOString(),
  trials: N,
  counts: { running: 50, completed: N - 50 },
};

let eventId = 0;
const types = {
  ".js": "text/javascript",
  ".css": "text/css",
  ".html": "text/html",
  ".svg": "image/svg+xml",
};
const server = createServer((req, res) => {
  const url = new URL(req.url, "http://x");
  const p = url.pathname;
  let m;
  if (p === "/api/sweeps") return json(res, [sweep]);
  if (p === "/api/sweeps/bench") return json(res, sweep);
  if (p === "/api/sweeps/bench/trials")
    return json(
      res,
      trials.map(({ rate, floor, ...t }) => t),
    );
  if (p === "/api/sweeps/bench/results") return json(res, trials.map(row));
  if ((m = /^\/api\/trials\/([^/]+)\/metrics$/.exec(p))) {
    const t = trials.find((x) => x.id === m[1]);
    return t
      ? json(res, history(t, progress.get(t.id)))
      : json(res, { error: "unknown trial", details: [] }, 404);
  }
  if (p === "/api/events") {
    res.writeHead(200, {
      "Content-Type": "text/event-stream",
      "Cache-Control": "no-cache",
    });
    res.write("retry: 2000\n\n");
    const timer = setInterval(() => {
      const metrics = [];
      for (const t of trials.slice(0, 50)) {
        const s = progress.get(t.id);
        progress.set(t.id, s + 1);
        metrics.push({
          trial: t.id,
          sweep: "bench",
          name: "train_loss",
          step: s,
          epoch: Math.floor(s / EPOCH),
          value: loss(t, s),
          attempt: 1,
          time,
        });
      }
      res.write(
        `id: ${++eventId}\nevent: batch\ndata: ${JSON.stringify({ metrics, trials: [], sweeps: [] })}\n\n`,
      );
    }, 100);
    req.on("close", () => clearInterval(timer));
    return;
  }
  if (p.startsWith("/api/"))
    return json(
      res,
      { error: `not in the load server: ${p}`, details: [] },
      404,
    );
  const file = join(dist, p);
  const target =
    file.startsWith(dist) && existsSync(file) && statSync(file).isFile()
      ? file
      : join(dist, "index.html");
  res.writeHead(200, {
    "Content-Type": types[extname(target)] ?? "application/octet-stream",
  });
  res.end(readFileSync(target));
});
server.listen(0, "127.0.0.1", () =>
  console.log(`listening on http://127.0.0.1:${server.address().port}`),
);
