#!/usr/bin/env node
// Dashboard load benchmark: 500 trials × 2,000 points per curve on the sweep detail page, in
// headless Chromium. Reports time to first paint, time until every curve is drawn, and frame
// times (p50/p95) while points stream in and the pointer hovers the chart.
//
// By default it starts a load server (load-server.mjs) that serves the built dashboard
// (frontend/dist) and answers the API calls of the sweep page in the backend's wire format,
// seeded with the load. BENCH_URL=http://host:port BENCH_SWEEP=id points it at a real server
// instead (one seeded with such a sweep).
//
//   node bench/dashboard/run.mjs [--trials 500] [--points 2000] [--seconds 10]
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..");
const require = createRequire(join(repo, "frontend", "package.json"));
const { chromium } = require("playwright-core");

const arg = (name, d) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : d;
};
const trials = arg("trials", 500);
const points = arg("points", 2000);
const seconds = arg("seconds", 10);

let server = null;
let base = process.env.BENCH_URL;
let sweep = process.env.BENCH_SWEEP ?? "bench";
if (!base) {
  server = spawn(
    process.execPath,
    [
      join(here, "load-server.mjs"),
      "--trials",
      String(trials),
      "--points",
      String(points),
    ],
    {
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  base = await new Promise((ok, fail) => {
    server.stdout.on("data", (d) => {
      const m = /listening on (http:\/\/\S+)/.exec(String(d));
      if (m) ok(m[1]);
    });
    server.on("exit", (c) => fail(new Error(`load server exited with ${c}`)));
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length
    ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]
    : NaN;
};

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
try {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 1000 },
  });
  const t0 = Date.now();
  await page.goto(`${base}/sweeps/${sweep}`);
  const expected = trials * points;
  await page.waitForFunction(
    (n) =>
      Number(
        document
          .querySelector("[data-testid=curve-main]")
          ?.getAttribute("data-points") ?? 0,
      ) >= n,
    expected,
    { timeout: 300_000, polling: 100 },
  );
  const allDrawnMs = Date.now() - t0;
  const paint = await page.evaluate(() =>
    Object.fromEntries(
      performance.getEntriesByType("paint").map((e) => [e.name, e.startTime]),
    ),
  );
  const drawn = await page.getAttribute(
    "[data-testid=curve-main]",
    "data-drawn",
  );

  // frame times while the stream runs and the pointer sweeps across the chart
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
    .locator("[data-testid=curve-main] .u-over")
    .boundingBox();
  const end = Date.now() + seconds * 1000;
  let i = 0;
  const drawMs = [];
  while (Date.now() < end) {
    if (i % 5 === 0)
      drawMs.push(
        Number(
          await page.getAttribute("[data-testid=curve-main]", "data-draw-ms"),
        ),
      );
    const x = box.x + ((i * 7) % Math.floor(box.width));
    const y = box.y + box.height * (0.2 + (0.6 * ((i * 13) % 100)) / 100);
    await page.mouse.move(x, y);
    i++;
    await page.waitForTimeout(16);
  }
  const frames = await page.evaluate(() => {
    window.__stopFrames = true;
    return window.__frames.slice(1);
  });
  const result = {
    date: new Date().toISOString(),
    target: process.env.BENCH_URL ? base : "load-server",
    trials,
    pointsPerCurve: points,
    firstPaintMs: paint["first-paint"] ?? null,
    firstContentfulPaintMs: paint["first-contentful-paint"] ?? null,
    allCurvesDrawnMs: allDrawnMs,
    drawnPointsAfterDownsampling: Number(drawn),
    frames: frames.length,
    frameMsP50: pct(frames, 50),
    frameMsP95: pct(frames, 95),
    frameMsMax: Math.max(...frames),
    hoverMoves: i,
    redrawMsP50: pct(drawMs, 50),
    redrawMsP95: pct(drawMs, 95),
    loadAverage: (await import("node:os")).loadavg()[0],
  };
  console.log(JSON.stringify(result, null, 2));
  const out = join(repo, "bench", "results");
  mkdirSync(out, { recursive: true });
  writeFileSync(
    join(out, `dashboard-${result.date.replace(/[:.]/g, "-")}.json`),
    JSON.stringify(result, null, 2),
  );
} finally {
  await browser.close();
  if (server) server.kill("SIGTERM");
}
