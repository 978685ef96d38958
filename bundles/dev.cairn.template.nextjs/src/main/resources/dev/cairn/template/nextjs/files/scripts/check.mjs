// Everything a change must pass: unit tests, a production build, the browser smoke test.
// Usage: node scripts/check.mjs [reports-folder]   (JUnit reports: unit.xml, smoke.xml)
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const reports = process.argv[2] ?? "reports";
mkdirSync(reports, { recursive: true });
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const steps = [
  ["unit tests", ["node_modules/vitest/vitest.mjs", "run", "--reporter=default", "--reporter=junit",
    `--outputFile.junit=${join(reports, "unit.xml")}`]],
  ["next build", ["node_modules/next/dist/bin/next", "build"]],
  ["browser smoke test", ["scripts/smoke.mjs", join(reports, "smoke.xml")]],
];
for (const [name, args] of steps) {
  console.log(`== ${name}`);
  const result = spawnSync("node", args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`${name} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status || 1);
  }
}
