// Times OpenClaw's own skill discovery inside one Node process, so that no CLI start-up is counted:
//   OPENCLAW_PACKAGE_DIR=<.../node_modules/openclaw> node openclaw-skill-loader.mjs <workspace> <runs> <expected-skills>
// It imports the dist chunk that defines `loadWorkspaceSkills` (the chunk's name is content-hashed and its exports
// are one-letter aliases, so both are found by reading the files), then calls it <runs> times on the workspace with
// `workspaceOnly` (no bundled, managed or plugin skills: the workspace's, as SkillCatalogScanner reads them).
// OpenClaw keeps loaded entries in a cache keyed by its config's fingerprint, so every run passes a config that
// differs in one unused field: each run lists the folders, reads and parses every SKILL.md again.
// Prints one JSON line: {"skills": N, "runsMs": [...], "module": ..., "openclaw": ..., "node": ...}; exits 1 when a
// run did not list exactly <expected-skills> workspace skills.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [workspaceArg, runsArg, expectedArg] = process.argv.slice(2);
const runs = Number(runsArg);
const expected = Number(expectedArg);
const packageDir = process.env.OPENCLAW_PACKAGE_DIR;
if (!workspaceArg || !(runs >= 1) || !(expected >= 0) || !packageDir) {
  console.error("usage: OPENCLAW_PACKAGE_DIR=<dir> node openclaw-skill-loader.mjs <workspace> <runs> <expected-skills>");
  process.exit(2);
}
const workspace = path.resolve(workspaceArg);

// OpenClaw fixes its state directory when its modules load: point it at a private one first.
const home = fs.mkdtempSync(path.join(os.tmpdir(), "openclaw-loader-"));
for (const key of Object.keys(process.env)) {
  if (key.startsWith("OPENCLAW_") && key !== "OPENCLAW_PACKAGE_DIR") delete process.env[key];
}
Object.assign(process.env, { HOME: home, OPENCLAW_STATE_DIR: path.join(home, ".openclaw"), XDG_CONFIG_HOME: path.join(home, ".config") });

const dist = path.join(packageDir, "dist");
const definition = /\bfunction loadWorkspaceSkills\(/;
const chunk = fs.readdirSync(dist).filter((name) => name.endsWith(".mjs"))
  .find((name) => definition.test(fs.readFileSync(path.join(dist, name), "utf8")));
if (!chunk) throw new Error(`no chunk under ${dist} defines loadWorkspaceSkills`);
const alias = fs.readFileSync(path.join(dist, chunk), "utf8").match(/\bloadWorkspaceSkills as ([\w$]+)/)?.[1];

// Keep stdout for the result: OpenClaw's logger may write there.
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (...args) => process.stderr.write(...args);
const module = await import(pathToFileURL(path.join(dist, chunk)).href);
const load = module[alias];
if (typeof load !== "function") throw new Error(`${chunk} does not export loadWorkspaceSkills as ${alias}`);

const runsMs = [];
let skills = -1;
for (let run = 0; run < runs; run += 1) {
  const config = { skills: { limits: { maxCandidatesPerRoot: 100000, maxSkillsLoadedPerSource: 100000 } }, benchRun: run };
  const started = process.hrtime.bigint();
  const entries = load(workspace, { config, workspaceOnly: true });
  runsMs.push(Number(process.hrtime.bigint() - started) / 1e6);
  skills = entries.filter((entry) => entry.skill?.source === "openclaw-workspace").length;
  if (skills !== expected) {
    console.error(`run ${run} listed ${skills} workspace skills, expected ${expected}`);
    fs.rmSync(home, { recursive: true, force: true });
    process.exit(1);
  }
}
fs.rmSync(home, { recursive: true, force: true });
const version = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
write(`${JSON.stringify({ skills, runsMs, module: `dist/${chunk} as ${alias}`, openclaw: version, node: process.version })}\n`);
process.exit(0);
