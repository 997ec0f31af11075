#!/usr/bin/env node
// Asks this runtime host's administrators for a skill's API key, and reads back what became of the request, through
// the request directory the host watches: <workspace>/requests/skill-credentials/ (docs/runtime/workspace-sync.md).
// It never sees a key: requests carry names only. Output is one JSON document on stdout; exit 2 on a usage error.
//
//   skill-credentials.mjs request <skill> <KEY> [--reason "..."] [--agent <id>]
//   skill-credentials.mjs status <file>
//   skill-credentials.mjs list
//
// The workspace is OPENCLAW_WORKSPACE_DIR, or the one this skill is installed in (<workspace>/skills/<this>/scripts).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKILL_KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const KEY_NAME = /^[A-Z][A-Z0-9_]{0,127}$/;
const AGENT_ID = /^[A-Za-z0-9][A-Za-z0-9_.@|:-]{0,63}$/;
const MAX_REASON = 1000;

const workspace = process.env.OPENCLAW_WORKSPACE_DIR
  || resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const inbox = join(workspace, 'requests', 'skill-credentials');

function print(document, exitCode = 0) {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  process.exit(exitCode);
}

function usage(problem) {
  print({
    error: problem,
    usage: [
      'request <skill> <KEY> [--reason "..."] [--agent <id>]',
      'status <file>',
      'list',
    ],
  }, 2);
}

function options(args) {
  const named = {};
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--reason' || args[i] === '--agent') {
      if (i + 1 >= args.length) usage(`${args[i]} needs a value`);
      named[args[i].slice(2)] = args[++i];
    } else {
      positional.push(args[i]);
    }
  }
  return { named, positional };
}

function request(args) {
  const { named, positional } = options(args);
  const [skill, key] = positional;
  if (positional.length !== 2) usage('request takes a skill key and a key name');
  if (!SKILL_KEY.test(skill)) usage(`'${skill}' is not a skill key (letters, digits, '.', '_', '-')`);
  if (!KEY_NAME.test(key)) usage(`'${key}' is not an environment variable name (e.g. TRELLO_API_KEY)`);
  const agentId = named.agent ?? process.env.OPENCLAW_AGENT_ID;
  if (agentId !== undefined && !AGENT_ID.test(agentId)) usage(`'${agentId}' is not an agent id`);
  const reason = named.reason?.slice(0, MAX_REASON);

  mkdirSync(inbox, { recursive: true });
  const stamp = new Date().toISOString().replace(/[-:.]/g, '');
  const file = `${skill}--${key}--${stamp}.json`;
  const body = { skill, key, ...(agentId ? { agentId } : {}), ...(reason ? { reason } : {}) };
  // Written under a hidden name and renamed: the host never sees a half-written request.
  const temporary = join(inbox, `.${file}.tmp`);
  writeFileSync(temporary, JSON.stringify(body), { mode: 0o600 });
  renameSync(temporary, join(inbox, file));
  print({ file, state: 'waiting', skill, key });
}

/** Filed copies of a request: the host puts its filing time and '-' in front of the name. */
function filed(folder, file) {
  const directory = join(inbox, folder);
  if (!existsSync(directory)) return [];
  return readdirSync(directory)
    .filter((name) => name.endsWith(`-${file}`) && !name.endsWith('.error.json'))
    .sort()
    .map((name) => join(directory, name));
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

function outcome(file) {
  if (existsSync(join(inbox, file))) return { file, state: 'waiting' };
  const candidates = [
    ...filed('processed', file).map((path) => ({ path, state: 'accepted' })),
    ...filed('failed', file).map((path) => ({ path, state: 'rejected' })),
  ].sort((a, b) => statSync(a.path).ctimeMs - statSync(b.path).ctimeMs);
  const last = candidates.at(-1);
  if (!last) return { file, state: 'unknown' };
  const request = readJson(last.path) ?? {};
  const result = { file, state: last.state, skill: request.skill, key: request.key };
  if (last.state === 'rejected') {
    const error = readJson(`${last.path}.error.json`) ?? {};
    Object.assign(result, { code: error.code, error: error.error, rejectedAt: error.rejectedAt });
  }
  // While an administrator's decline stands, the host keeps a note of it: it answers an accepted request too.
  const decision = declined(request.skill, request.key);
  if (decision && (last.state === 'accepted' || result.code === 'declined')) {
    Object.assign(result, { state: 'declined', reason: decision.reason, declinedAt: decision.declinedAt });
  } else if (result.code === 'declined') {
    result.state = 'declined';
  }
  return result;
}

/** The host's note of a decline: <inbox>/decisions/<skill>--<KEY>.json, present only while the key stays declined. */
function declined(skill, key) {
  if (!SKILL_KEY.test(skill ?? '') || !KEY_NAME.test(key ?? '')) return null;
  const note = readJson(join(inbox, 'decisions', `${skill}--${key}.json`));
  return note?.decision === 'declined' ? note : null;
}

function status(args) {
  const [file] = args;
  if (args.length !== 1 || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.json$/.test(file)) {
    usage('status takes the file name that request printed');
  }
  print(outcome(file));
}

function list() {
  const names = new Set();
  if (existsSync(inbox)) {
    for (const name of readdirSync(inbox)) if (name.endsWith('.json') && !name.startsWith('.')) names.add(name);
  }
  for (const folder of ['processed', 'failed']) {
    const directory = join(inbox, folder);
    if (!existsSync(directory)) continue;
    for (const name of readdirSync(directory)) {
      const match = /^\d{8}T\d{9}Z-(?:\d+-)?(.+\.json)$/.exec(name);
      if (match && !name.endsWith('.error.json')) names.add(match[1]);
    }
  }
  print({ requests: [...names].sort().reverse().map(outcome) });
}

const [command, ...rest] = process.argv.slice(2);
switch (command) {
  case 'request': request(rest); break;
  case 'status': status(rest); break;
  case 'list': list(); break;
  default: usage(command ? `unknown command '${command}'` : 'no command');
}
