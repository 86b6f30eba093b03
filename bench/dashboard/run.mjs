#!/usr/bin/env node
// Dashboard bench against real servers: the project's coordinator and HTTP API (DashboardServer.java
// `serve`, i.e. lab.inception.coordinator.Server with no local workers) on a store seeded through
// the project's own Store code (DashboardServer.java `seed`): sweep `big` (500 trials × 2,000
// points), sweep `wide` (10,000 trials × 200 points), 1,000 sweeps in all. Headless Debian
// Chromium drives the dashboard each server serves. Every target runs on its own copy of the seed.
//
//   node bench/dashboard/run.mjs [--seconds 10] [--store DIR] [--targets current,base]
//                                [--base-jar /work/wt-base/backend/target/inception.jar]
//                                [--profile DIR]
//
// --profile DIR: Chromium's CPU profile of the 10,000-trial page's open (DIR/wide-TARGET.cpuprofile,
// for DevTools' Performance panel) and the functions with the most self time printed.
//
// `current` is this checkout's backend/target/inception.jar (build it first: mvn -o -q -DskipTests
// package); `base` is the jar of another commit (today's code: a worktree of 8b10d89 built once).
//
// Page readiness, whatever the commit: "every curve drawn" is the last change of the main chart's
// data-points / data-drawn ([data-testid=curve-main]) once no API request is in flight and nothing
// changed for 1.5 s (the wait is not counted).
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const require = createRequire(join(repo, "frontend", "package.json"));
const { chromium } = require("playwright-core");

const opt = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : d;
};
const seconds = Number(opt("seconds", 10));
// every target runs `repeat` times, the targets taking turns (A B A B …); a case's figure is
// its median over the runs: on a shared machine whichever target runs first is slower
const repeat = Math.max(1, Number(opt("repeat", 1)));
const work = resolve(opt("work", join(here, "target")));
const seed = resolve(opt("store", join(work, "store")));
const jars = {
  current: join(repo, "backend", "target", "inception.jar"),
  base: resolve(opt("base-jar", "/work/wt-base/backend/target/inception.jar")),
};
const targets = opt("targets", "current,base").split(",");
const profileDir = opt("profile", null);
const BIG = { id: "big", trials: 500, points: 2000 };
const WIDE = { id: "wide", trials: 10000, points: 200 };
const LIMIT_MS = { big: 120_000, wide: 60_000, list: 30_000 };

const classpath = (jar) =>
  [
    join(work, `classes-${nameOf(jar)}`),
    jar,
    join(dirname(jar), "lib", "*"),
  ].join(":");
const nameOf = (jar) => targets.find((t) => jars[t] === jar) ?? "x";

function compile(jar) {
  const out = join(work, `classes-${nameOf(jar)}`);
  mkdirSync(out, { recursive: true });
  execFileSync("javac", [
    "-nowarn",
    "-d",
    out,
    "-cp",
    `${jar}:${join(dirname(jar), "lib", "*")}`,
    join(here, "DashboardServer.java"),
  ]);
}

const java = (jar, args, stdio) =>
  spawn(
    "java",
    [
      "-Xmx2g",
      "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
      "-cp",
      classpath(jar),
      "DashboardServer",
      ...args,
    ],
    { stdio },
  );

async function startServer(jar, dir) {
  const p = java(jar, ["serve", dir, "0"], ["pipe", "pipe", "inherit"]);
  const base = await new Promise((ok, fail) => {
    p.stdout.on("data", (d) => {
      const packed = /packed the seed's finished curves in [\d.]+ s/.exec(String(d));
      if (packed) console.error(`${jar}: ${packed[0]}`);
      const m = /listening on (http:\/\/\S+)/.exec(String(d));
      if (m) ok(m[1]);
    });
    p.on("exit", (c) => fail(new Error(`server exited with ${c}`)));
  });
  return {
    base,
    say: (line) => p.stdin.write(line + "\n"),
    stop: () =>
      new Promise((ok) => {
        p.on("exit", ok);
        p.stdin.write("quit\n");
        setTimeout(() => p.kill("SIGKILL"), 10_000).unref();
      }),
  };
}

/** One GET: ms until the whole body arrived and the bytes on the wire. */
function get(url, headers = {}) {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    request(url, { headers }, (res) => {
      let bytes = 0;
      res.on("data", (d) => (bytes += d.length));
      res.on("end", () =>
        ok({ ms: performance.now() - t0, bytes, status: res.statusCode }),
      );
    })
      .on("error", fail)
      .end();
  });
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
    : NaN;
};

async function serverCases(base) {
  const out = {};
  const gz = { "Accept-Encoding": "gzip" };
  // Another user's request while a heavy read runs: the first page of the sweeps list and one
  // sweep, asked 100 ms into a cold read of 10,000 trials' curves (at a resolution no page case
  // asks for, so the page cases' reads stay cold).
  const heavy = get(
    `${base}/api/sweeps/wide/curves?metric=train_loss&points=200`,
    gz,
  );
  await new Promise((ok) => setTimeout(ok, 100));
  const [list, one] = await Promise.all([
    get(`${base}/api/sweeps?limit=100&sort=-created`, gz),
    get(`${base}/api/sweeps/wide`, gz),
  ]);
  out.beside = { listMs: list.ms, sweepMs: one.ms, heavyMs: (await heavy).ms };
  // each resolution as JSON, then as the binary form the page asks for (a server without it
  // answers JSON)
  for (const [points, format] of [
    [1000, "json"],
    [1000, "binary"],
    [1000, "binary16"],
    [120, "json"],
    [120, "binary"],
    [120, "binary16"],
  ]) {
    const url = `${base}/api/sweeps/big/curves?metric=train_loss&points=${points}&format=${format}`;
    const first = await get(url, gz);
    if (first.status !== 200) break;
    const runs = [];
    for (let i = 0; i < 5; i++) runs.push(await get(url, gz));
    const plain = await get(url);
    out[`bulk${points}${{ json: "", binary: "bin", binary16: "bin16" }[format]}`] = {
      coldMs: first.ms,
      ms: median(runs.map((r) => r.ms)),
      gzipBytes: first.bytes,
      bytes: plain.bytes,
    };
  }
  // the per-trial path (what today's page does): 500 metric requests, 6 at a time as a browser
  const t0 = performance.now();
  let bytes = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 6 }, async () => {
      while (next < BIG.trials) {
        const r = await get(`${base}/api/trials/big-${next++}/metrics`, gz);
        bytes += r.bytes;
      }
    }),
  );
  out.perTrial = { ms: performance.now() - t0, bytes };
  return out;
}

/** The `n` functions with the most self time in a CDP CPU profile: [ms, name, url:line]. */
function topSelf(profile, n) {
  const dt = new Map();
  for (let i = 0; i < profile.samples.length; i++)
    dt.set(
      profile.samples[i],
      (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0),
    );
  const byFn = new Map();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + (dt.get(node.id) ?? 0) / 1000);
  }
  return [...byFn.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${k}`);
}

/**
 * Installed in every page: records (in page time) when the main chart's data-points / data-drawn
 * last changed and when the wide sweep's results table and scatter first appeared.
 */
function watchPage() {
  window.__bench = {
    chartChanged: null,
    rows: null,
    scatter: null,
    drawn: 0,
    points: 0,
  };
  const tick = () => {
    const b = window.__bench;
    const el = document.querySelector("[data-testid=curve-main]");
    if (el) {
      const drawn = Number(el.getAttribute("data-drawn") ?? 0);
      const points = Number(el.getAttribute("data-points") ?? 0);
      if (drawn !== b.drawn || points !== b.points) {
        b.drawn = drawn;
        b.points = points;
        b.chartChanged = performance.now();
      }
    }
    if (b.rows === null && document.querySelector("[data-testid=results-row]"))
      b.rows = performance.now();
    if (
      b.scatter === null &&
      document.querySelector(
        "[data-testid=pareto-scatter] [data-testid=scatter-point], [data-testid=pareto-scatter] canvas",
      )
    )
      b.scatter = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * Opens `path` and waits until the page is done loading curves: no API request in flight (the
 * event stream aside), the chart has drawn points, and nothing changed for `QUIET_MS`. The time
 * reported is when the chart last changed (page time since navigation start), so the wait does
 * not count. Works on any commit's page: it needs only the chart's data-points/data-drawn.
 */
const QUIET_MS = 1500;
async function openAndSettle(page, net, path, limit, needTable) {
  net.reset();
  await page.goto(path);
  const t0 = Date.now();
  for (;;) {
    await page.waitForTimeout(100);
    const b = await page.evaluate(() => window.__bench);
    const now = await page.evaluate(() => performance.now());
    const tableOk = !needTable || (b.rows !== null && b.scatter !== null);
    if (
      net.inflight === 0 &&
      b.drawn > 0 &&
      tableOk &&
      now - Math.max(b.chartChanged ?? 0, net.lastEnd) > QUIET_MS
    )
      return Math.max(
        b.chartChanged,
        needTable ? Math.max(b.rows, b.scatter) : 0,
      );
    if (Date.now() - t0 > limit) return null;
  }
}
async function pageCases(browser, server) {
  const out = {};
  const context = await browser.newContext({
    viewport: { width: 1440, height: 1000 },
  });
  await context.addInitScript(watchPage);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Performance.enable");
  // API requests in flight (the event stream never ends: left out), bytes and count per case
  const net = {
    inflight: 0,
    lastEnd: 0,
    bytes: 0,
    requests: 0,
    ids: new Set(),
    reset() {
      this.bytes = 0;
      this.requests = 0;
    },
  };
  cdp.on("Network.requestWillBeSent", (e) => {
    net.requests++;
    if (
      e.request.url.includes("/api/") &&
      !e.request.url.includes("/api/events")
    ) {
      net.ids.add(e.requestId);
      net.inflight++;
    }
  });
  const done = async (e) => {
    if (e.encodedDataLength) net.bytes += e.encodedDataLength;
    if (net.ids.delete(e.requestId)) {
      net.inflight--;
      net.lastEnd = await page.evaluate(() => performance.now()).catch(() => 0);
    }
  };
  cdp.on("Network.loadingFinished", done);
  cdp.on("Network.loadingFailed", done);
  const heap = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    const m = (await cdp.send("Performance.getMetrics")).metrics;
    return m.find((x) => x.name === "JSHeapUsedSize").value / 2 ** 20;
  };

  out.bigDrawnMs = await openAndSettle(
    page,
    net,
    `${server.base}/sweeps/big`,
    LIMIT_MS.big,
    false,
  );
  out.bigBytes = net.bytes;
  out.bigRequests = net.requests;
  const paint = await page.evaluate(() =>
    Object.fromEntries(
      performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]),
    ),
  );
  out.firstContentfulPaintMs = paint["first-contentful-paint"] ?? null;
  out.heapMB = await heap();

  // 50 trials stream 10 batches/s while the pointer moves over the chart
  server.say("stream");
  await page.evaluate(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => {
      window.__frames.push(t - last);
      last = t;
      if (!window.__stopFrames) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const box = await page
    .locator("[data-testid=curve-main]")
    .first()
    .boundingBox();
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() < end; i++) {
    if (box) {
      await page.mouse.move(
        box.x + ((i * 7) % Math.max(1, Math.floor(box.width))),
        box.y + box.height * (0.2 + (0.6 * ((i * 13) % 100)) / 100),
      );
    }
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames.slice(1);
  });
  server.say("stop");
  out.frames = frames.length;
  out.frameMsP50 = pct(frames, 50);
  out.frameMsP95 = pct(frames, 95);
  out.heapAfterStreamMB = await heap();

  if (profileDir) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  out.wideUsableMs = await openAndSettle(
    page,
    net,
    `${server.base}/sweeps/wide`,
    LIMIT_MS.wide,
    true,
  );
  if (profileDir) {
    const { profile } = await cdp.send("Profiler.stop");
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(
      join(profileDir, `wide-${server.target}.cpuprofile`),
      JSON.stringify(profile),
    );
    out.wideProfileTop = topSelf(profile, 25);
  }
  out.wideBytes = net.bytes;
  out.wideRequests = net.requests;

  await page.goto("about:blank");
  net.reset();
  await page.goto(`${server.base}/`);
  try {
    await page.waitForFunction(
      () => document.querySelectorAll("[data-testid=sweep-row]").length > 0,
      null,
      { timeout: LIMIT_MS.list, polling: "raf" },
    );
    out.listMs = await page.evaluate(() => performance.now());
  } catch {
    out.listMs = null;
  }
  await page.waitForTimeout(500);
  out.listBytes = net.bytes;
  out.listRowsInDom = await page.evaluate(
    () => document.querySelectorAll("[data-testid=sweep-row]").length,
  );
  await context.close();
  return out;
}

// ---- the run ----
mkdirSync(work, { recursive: true });
for (const t of targets) {
  if (!existsSync(jars[t])) {
    console.error(`no jar for ${t}: ${jars[t]}`);
    process.exit(2);
  }
  compile(jars[t]);
}
if (!existsSync(join(seed, "inception.db"))) {
  const t0 = Date.now();
  const p = java(
    jars[targets[0]],
    ["seed", seed],
    ["ignore", "inherit", "inherit"],
  );
  const code = await new Promise((ok) => p.on("exit", ok));
  if (code !== 0) process.exit(1);
  console.error(`seeded ${seed} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const load = { start: loadavg()[0], cpus: cpus().length };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
});
const runs = Object.fromEntries(targets.map((t) => [t, []]));
try {
  for (let rep = 0; rep < repeat; rep++)
    for (const t of targets) {
      const dir = join(
        tmpdir(),
        `inception-dashboard-bench-${t}-${process.pid}`,
      );
      rmSync(dir, { recursive: true, force: true });
      cpSync(seed, dir, { recursive: true });
      const server = await startServer(jars[t], dir);
      try {
        const run = {
          server: await serverCases(server.base),
          load: loadavg()[0],
        };
        run.page = await pageCases(browser, { ...server, target: t });
        run.loadEnd = loadavg()[0];
        runs[t].push(run);
      } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
} finally {
  await browser.close();
}
load.end = loadavg()[0];

const ms = (v) =>
  v === null || v === undefined
    ? "—"
    : `${Math.round(v).toLocaleString("en")} ms`;
const mb = (v) => (v === undefined ? "—" : `${(v / 2 ** 20).toFixed(2)} MB`);
const rows = [
  [
    "500 × 2,000: open → every curve drawn (≤ 1.5 s)",
    (r) => r.page.bigDrawnMs,
    ms,
    LIMIT_MS.big,
  ],
  ["  its requests", (r) => r.page.bigRequests, String],
  ["  its bytes on the wire", (r) => r.page.bigBytes, mb],
  ["  first contentful paint", (r) => r.page.firstContentfulPaintMs, ms],
  ["50 streaming + hover: frame p50", (r) => r.page.frameMsP50, ms],
  ["50 streaming + hover: frame p95 (≤ 50 ms)", (r) => r.page.frameMsP95, ms],
  [
    "JS heap after load, after GC (≤ 300 MB)",
    (r) => r.page.heapMB,
    (v) => `${v.toFixed(0)} MB`,
  ],
  [
    "JS heap after streaming, after GC",
    (r) => r.page.heapAfterStreamMB,
    (v) => `${v.toFixed(0)} MB`,
  ],
  [
    "10,000 × 200: table, curves, scatter drawn (≤ 3 s)",
    (r) => r.page.wideUsableMs,
    ms,
    LIMIT_MS.wide,
  ],
  [
    "1,000 sweeps: first row drawn (≤ 300 ms)",
    (r) => r.page.listMs,
    ms,
    LIMIT_MS.list,
  ],
  ["  sweep rows in the DOM", (r) => r.page.listRowsInDom, String],
  [
    "server: bulk curves 500 × 2,000 at 1,000 px (≤ 200 ms)",
    (r) => r.server.bulk1000?.ms,
    ms,
  ],
  ["  first (cold) answer", (r) => r.server.bulk1000?.coldMs, ms],
  [
    "  gzip / plain size (≤ 2 MB)",
    (r) =>
      r.server.bulk1000 &&
      `${mb(r.server.bulk1000.gzipBytes)} / ${mb(r.server.bulk1000.bytes)}`,
    String,
  ],
  [
    "  format=binary (float32, the page's): time; gzip / plain size",
    (r) =>
      r.server.bulk1000bin &&
      `${ms(r.server.bulk1000bin.ms)}; ${mb(r.server.bulk1000bin.gzipBytes)} / ${mb(r.server.bulk1000bin.bytes)}`,
    String,
  ],
  [
    "  format=binary16: time (≤ 200 ms); gzip / plain size (≤ 2 MB)",
    (r) =>
      r.server.bulk1000bin16 &&
      `${ms(r.server.bulk1000bin16.ms)}; ${mb(r.server.bulk1000bin16.gzipBytes)} / ${mb(r.server.bulk1000bin16.bytes)}`,
    String,
  ],
  [
    "server: bulk curves at 120 points per trial",
    (r) => r.server.bulk120?.ms,
    ms,
  ],
  [
    "  gzip / plain size",
    (r) =>
      r.server.bulk120 &&
      `${mb(r.server.bulk120.gzipBytes)} / ${mb(r.server.bulk120.bytes)}`,
    String,
  ],
  [
    "  format=binary / binary16: time, gzip size",
    (r) =>
      r.server.bulk120bin &&
      `${ms(r.server.bulk120bin.ms)}, ${mb(r.server.bulk120bin.gzipBytes)} / ${ms(r.server.bulk120bin16?.ms)}, ${mb(r.server.bulk120bin16?.gzipBytes)}`,
    String,
  ],
  [
    "server: 500 per-trial metric requests (6 at a time)",
    (r) => r.server.perTrial.ms,
    ms,
  ],
  ["  their bytes (gzip accepted)", (r) => r.server.perTrial.bytes, mb],
  [
    "server: sweeps list, 100 ms into a cold 10,000-trial curves read",
    (r) => r.server.beside.listMs,
    ms,
  ],
  ["  GET /api/sweeps/wide beside it", (r) => r.server.beside.sweepMs, ms],
  ["  the curves read itself", (r) => r.server.beside.heavyMs, ms],
];
const head = `| case | ${targets.join(" | ")}${targets.length === 2 ? ` | ${targets[1]} / ${targets[0]}` : ""} |`;
const lines = [
  head,
  `|---|${targets.map(() => "---:").join("|")}|${targets.length === 2 ? "---:|" : ""}`,
];
/** A case's figure for a target: the median of its runs' (a non-number: the first run's). */
function figure(t, pick, limit) {
  const vs = runs[t].map((r) => pick(r));
  if (!vs.every((v) => typeof v === "number" || (v === null && limit)))
    return vs[0];
  const sorted = vs
    .map((v) => (v === null ? Infinity : v))
    .sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const m =
    sorted.length % 2
      ? sorted[Math.floor(mid)]
      : (sorted[mid - 1] + sorted[mid]) / 2;
  return Number.isFinite(m) ? m : null;
}
for (const [label, pick, fmt, limit] of rows) {
  const vals = targets.map((t) => figure(t, pick, limit));
  const cells = vals.map((v, i) =>
    v === undefined || (v === null && limit)
      ? limit && v === null
        ? `> ${ms(limit)}`
        : "—"
      : fmt(v),
  );
  let ratio = "";
  if (targets.length === 2) {
    const [a, b] = vals.map((v, i) => (v === null && limit ? limit : v));
    ratio =
      typeof a === "number" && typeof b === "number" && a > 0
        ? ` | ${(b / a).toFixed(1)}×`
        : " | ";
  }
  lines.push(`| ${label} | ${cells.join(" | ")}${ratio} |`);
}
const summary = `machine: ${load.cpus} CPUs, load average (1 min) ${load.start.toFixed(2)} at the start, ${load.end.toFixed(2)} at the end; ${repeat} run(s) per target, medians; ${new Date().toISOString()}`;
console.log(lines.join("\n"));
console.log("\n" + summary);
for (const t of targets) {
  const top = runs[t][0].page?.wideProfileTop;
  if (top)
    console.log(
      `\n${t}: self time opening the 10,000-trial sweep\n${top.join("\n")}`,
    );
}
const dir = join(repo, "bench", "results");
mkdirSync(dir, { recursive: true });
writeFileSync(
  join(dir, `dashboard-${new Date().toISOString().replace(/[:.]/g, "-")}.json`),
  JSON.stringify({ load, targets, jars, repeat, runs }, null, 2),
);
