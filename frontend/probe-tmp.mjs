import { chromium } from "playwright-core";
const base = process.argv[2], path = process.argv[3] ?? "/sweeps/wide";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless","--no-sandbox","--disable-gpu","--disable-background-networking","--disable-component-update","--disable-sync","--no-first-run"] });
const ctx = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
await ctx.addInitScript(() => {
  window.__log = [];
  let drawn = null, rows = false, scatter = false;
  const tick = () => {
    const el = document.querySelector("[data-testid=curve-main]");
    if (el) { const d = el.getAttribute("data-drawn") + "/" + el.getAttribute("data-points"); if (d !== drawn) { drawn = d; window.__log.push([performance.now(), "chart " + d]); } }
    if (!rows && document.querySelector("[data-testid=results-row]")) { rows = true; window.__log.push([performance.now(), "results-row"]); }
    if (!scatter && document.querySelector("[data-testid=pareto-scatter] canvas, [data-testid=pareto-scatter] [data-testid=scatter-point]")) { scatter = true; window.__log.push([performance.now(), "scatter"]); }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
});
const page = await ctx.newPage();
const cdp = await ctx.newCDPSession(page);
await cdp.send("Profiler.enable"); await cdp.send("Profiler.setSamplingInterval", { interval: 500 }); await cdp.send("Profiler.start");
const t = {};
page.on("request", (r) => { if (r.url().includes("/api/")) t[r.url()] = { s: Date.now() }; });
page.on("requestfinished", async (r) => { const x = t[r.url()]; if (x) { x.e = Date.now(); const sz = await r.sizes().catch(() => null); x.b = sz?.responseBodySize; } });
const nav = Date.now();
await page.goto(base + path);
await page.waitForTimeout(Number(process.env.WAIT ?? 15000));
const log = await page.evaluate(() => window.__log);
console.log(JSON.stringify(await page.evaluate(() => window.__redraws ?? [])));
for (const [u, x] of Object.entries(t)) console.log(`${String(x.s - nav).padStart(6)} → ${String((x.e ?? NaN) - nav).padStart(6)} ms ${((x.b ?? 0) / 1e6).toFixed(2)} MB ${u.replace(base, "")}`);
for (const [ms, what] of log) console.log(`${ms.toFixed(0).padStart(6)} ms page ${what}`);
if (process.env.SHOT) await page.getByTestId("curve-main").screenshot({ path: process.env.SHOT });
const { profile } = await cdp.send("Profiler.stop");
const dt = new Map(); for (let i = 0; i < profile.samples.length; i++) dt.set(profile.samples[i], (dt.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const byFn = new Map(); for (const n of profile.nodes) { const f = n.callFrame; const k = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}:${f.columnNumber}`; byFn.set(k, (byFn.get(k) ?? 0) + (dt.get(n.id) ?? 0) / 1000); }
for (const [k, ms] of [...byFn.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(ms.toFixed(0).padStart(7), "ms", k);
await browser.close();
