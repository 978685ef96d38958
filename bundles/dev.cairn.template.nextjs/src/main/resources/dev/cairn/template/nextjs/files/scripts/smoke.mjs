// Browser smoke test: starts `next start` on 127.0.0.1, drives Chromium (playwright-core) against it, checks the page
// renders, hydrates and logs no errors, writes a JUnit report, and always stops the server.
// Usage: node scripts/smoke.mjs [report.xml]
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { chromium } from "playwright-core";

const config = JSON.parse(readFileSync(new URL("../data/dashboard.json", import.meta.url), "utf8"));
const report = process.argv[2] ?? "reports/smoke.xml";
const browserPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const freePort = () => new Promise((resolve, reject) => {
  const probe = createServer().once("error", reject).listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

async function waitFor(url, ms) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${ms} ms`);
}

const cases = [];
async function check(name, body) {
  const started = Date.now();
  try {
    await body();
    cases.push({ name, ms: Date.now() - started });
  } catch (error) {
    cases.push({ name, ms: Date.now() - started, failure: String(error?.message ?? error) });
  }
}

const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
function writeReport() {
  const failures = cases.filter((c) => c.failure).length;
  const body = cases.map((c) => `  <testcase classname="smoke" name="${escape(c.name)}" time="${c.ms / 1000}">`
    + (c.failure ? `<failure message="${escape(c.failure)}"/>` : "") + "</testcase>").join("\n");
  writeFileSync(report, `<?xml version="1.0" encoding="UTF-8"?>\n<testsuite name="smoke" tests="${cases.length}" `
    + `failures="${failures}">\n${body}\n</testsuite>\n`);
  return failures;
}

const port = await freePort();
const url = `http://127.0.0.1:${port}/`;
// its own process group, so the whole server tree can be stopped at once
const server = spawn("node", ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)],
  { detached: true, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
const stopServer = () => { try { process.kill(-server.pid, "SIGKILL"); } catch { /* already gone */ } };
process.on("exit", stopServer);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { stopServer(); process.exit(130); });

let browser;
try {
  await waitFor(url, 30000);
  browser = await chromium.launch({
    executablePath: browserPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
  const page = await browser.newPage();
  const errors = [];
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
  const external = [];
  page.on("request", (r) => { if (!r.url().startsWith(url) && !r.url().startsWith("data:")) external.push(r.url()); });

  await check("page renders its title, key figures and table", async () => {
    const response = await page.goto(url, { waitUntil: "load" });
    if (response?.status() !== 200) throw new Error(`status ${response?.status()}`);
    const heading = await page.locator("h1").textContent();
    if (heading !== config.title) throw new Error(`h1 is ${JSON.stringify(heading)}, expected ${JSON.stringify(config.title)}`);
    const records = await page.locator('[data-kpi="Records"] .value').textContent();
    if (records !== config.records.toLocaleString("en-US")) throw new Error(`Records card shows ${records}`);
    const rows = await page.locator("tbody tr").count();
    if (rows !== config.records) throw new Error(`table has ${rows} rows, expected ${config.records}`);
    if (config.chart && (await page.locator("svg .bar").count()) === 0) throw new Error("the chart has no bars");
  });
  await check("page hydrates and sorting works in the browser", async () => {
    await page.locator('table[data-hydrated="true"]').waitFor({ timeout: 10000 });
    const column = config.sortColumn;
    const header = page.locator(`button[data-sort="${column}"]`);
    await header.click();
    await page.locator(`th[aria-sort="ascending"] button[data-sort="${column}"]`).waitFor({ timeout: 5000 });
    await header.click();
    await page.locator(`th[aria-sort="descending"] button[data-sort="${column}"]`).waitFor({ timeout: 5000 });
  });
  await check("no console errors and nothing loaded from outside", async () => {
    if (errors.length) throw new Error(errors.join(" | "));
    if (external.length) throw new Error(`external requests: ${external.join(", ")}`);
  });
} catch (error) {
  cases.push({ name: "server and browser start", ms: 0, failure: String(error?.message ?? error) });
} finally {
  await browser?.close().catch(() => {});
  stopServer();
}
const failed = writeReport();
for (const c of cases) console.log(`${c.failure ? "FAIL" : "ok  "} ${c.name}${c.failure ? `: ${c.failure}` : ""}`);
process.exit(failed ? 1 : 0);
