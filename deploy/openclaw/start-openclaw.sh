#!/usr/bin/env bash
# Starts the OpenClaw gateway of one SkillsOrleans runtime host (the gateway container's entry point).
#
#   1. takes the gateway token from OPENCLAW_GATEWAY_TOKEN (or the legacy CLAWDBOT_GATEWAY_TOKEN) and refuses to
#      start without one unless the gateway binds to loopback only;
#   2. creates the state directory and the workspace with skills/ and requests/skill-credentials/;
#   3. on first boot renders openclaw.json.template into $OPENCLAW_CONFIG_PATH (0600);
#   4. at every boot registers the runtime's secret file as the file provider "skillsorleans" in that config,
#      leaving everything else in it as it is, and creates the secret file as an empty 0600 "{}" if it is missing;
#   5. installs the skills it ships (skills/ beside it, or SKILLSORLEANS_BUNDLED_SKILLS_DIR; empty: none) into the
#      workspace with `openclaw skills install --force` when the installed copy differs;
#   6. execs `openclaw gateway run`, the token passed in the environment, never on the command line.
#
# OPENCLAW_START_DRY_RUN=1 does everything except the last step. Extra arguments go to `openclaw gateway run`.
# See docs/runtime/gateway-reload.md for every variable.
set -euo pipefail

die() {
  echo "start-openclaw: $*" >&2
  exit 1
}

script_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
template=${OPENCLAW_CONFIG_TEMPLATE:-$script_dir/openclaw.json.template}
token=${OPENCLAW_GATEWAY_TOKEN:-${CLAWDBOT_GATEWAY_TOKEN:-}}
bind=${OPENCLAW_BIND:-lan}
port=${OPENCLAW_GATEWAY_PORT:-18789}
state_dir=${OPENCLAW_STATE_DIR:-${HOME:-/root}/.openclaw}
config_path=${OPENCLAW_CONFIG_PATH:-$state_dir/openclaw.json}
workspace=${OPENCLAW_WORKSPACE_DIR:-/root/clawd}
secrets_file=${RUNTIME_SECRETS_FILE:-$state_dir/secrets/runtime-secrets.json}
flag_file=${OPENCLAW_RELOAD_FLAG_FILE:-$state_dir/skillsorleans/reload-requested}

if [ -z "$token" ] && [ "$bind" != "loopback" ]; then
  die "no gateway token: set OPENCLAW_GATEWAY_TOKEN (refusing to bind '$bind' without one; only OPENCLAW_BIND=loopback may start without a token)"
fi
case "$port" in
  '' | *[!0-9]*) die "OPENCLAW_GATEWAY_PORT must be a port number" ;;
esac
for path in "$state_dir" "$config_path" "$workspace" "$secrets_file" "$flag_file"; do
  case "$path" in
    /*) ;;
    *) die "'$path' is not an absolute path" ;;
  esac
done
command -v node >/dev/null || die "node is not on PATH"
command -v openclaw >/dev/null || die "openclaw is not on PATH"

# Everything created from here on (state, config, secret file) is private to the gateway's user.
umask 077
mkdir -p "$state_dir" "$(dirname "$config_path")" "$(dirname "$secrets_file")" \
  "$workspace/skills" "$workspace/requests/skill-credentials"

# Writes JSON to a file the way the gateway's watcher likes it: a private temp file beside it, then a rename.
# The JavaScript is single-quoted on purpose: values reach it as arguments, never through shell expansion.
# shellcheck disable=SC2016
write_json_js='
const fs = require("fs"), path = require("path");
function writeJson(file, value) {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, "wx", 0o600);
  try { fs.writeSync(fd, JSON.stringify(value, null, 2) + "\n"); fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
  fs.renameSync(temp, file);
}
function readJson(file, what) {
  try { return JSON.parse(fs.readFileSync(file, "utf8")); }
  catch (error) { console.error(`start-openclaw: cannot read ${what} ${file} as JSON: ${error.message}`); process.exit(1); }
}
'

if [ ! -e "$config_path" ]; then
  [ -f "$template" ] || die "config template $template not found"
  # shellcheck disable=SC2016
  node -e "$write_json_js"'
const [template, target, workspace] = process.argv.slice(1);
const values = { "@OPENCLAW_WORKSPACE_DIR@": workspace };
const render = (node) =>
  typeof node === "string" ? (node in values ? values[node] : node)
  : Array.isArray(node) ? node.map(render)
  : node && typeof node === "object" ? Object.fromEntries(Object.entries(node).map(([k, v]) => [k, render(v)]))
  : node;
writeJson(target, render(readJson(template, "config template")));
' "$template" "$config_path" "$workspace"
  echo "start-openclaw: wrote $config_path from $(basename "$template")"
fi

# shellcheck disable=SC2016
node -e "$write_json_js"'
const [target, secretsFile] = process.argv.slice(1);
const config = readJson(target, "config");
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
if (!isObject(config)) { console.error(`start-openclaw: ${target} is not a JSON object`); process.exit(1); }
const wanted = { source: "file", path: secretsFile, mode: "json" };
config.secrets ??= {};
config.secrets.providers ??= {};
if (!isObject(config.secrets) || !isObject(config.secrets.providers)) {
  console.error(`start-openclaw: secrets.providers in ${target} is not an object`); process.exit(1);
}
if (JSON.stringify(config.secrets.providers.skillsorleans) !== JSON.stringify(wanted)) {
  config.secrets.providers.skillsorleans = wanted;
  writeJson(target, config);
  console.log(`start-openclaw: registered secret provider skillsorleans (${secretsFile}) in ${target}`);
}
' "$config_path" "$secrets_file"

if [ ! -e "$secrets_file" ]; then
  # Created by this redirection under umask 077, so it is 0600 from the start; noclobber keeps a file that
  # appeared in the meantime.
  (set -o noclobber && printf '{}\n' >"$secrets_file") 2>/dev/null || [ -e "$secrets_file" ] ||
    die "cannot create the secret file $secrets_file"
  echo "start-openclaw: created empty secret file $secrets_file"
elif [ -n "$(find "$secrets_file" -maxdepth 0 -perm /077)" ]; then
  echo "start-openclaw: warning: $secrets_file is readable by others; OpenClaw will refuse it until it is 0600" >&2
fi

# The skills this host ships (skill-credentials: how an agent asks for a key and reads back the outcome) go into the
# workspace through openclaw's own installer, at every boot where the installed copy differs, so an upgraded image
# brings its version. An agent sees them like any workspace skill.
bundled_skills=${SKILLSORLEANS_BUNDLED_SKILLS_DIR-$script_dir/skills}
if [ -n "$bundled_skills" ] && [ -d "$bundled_skills" ]; then
  for skill in "$bundled_skills"/*/; do
    skill=${skill%/}
    name=$(basename "$skill")
    [ -f "$skill/SKILL.md" ] || continue
    if diff -rq --exclude=.openclaw "$skill" "$workspace/skills/$name" >/dev/null 2>&1; then
      continue
    fi
    (cd "$workspace" && OPENCLAW_STATE_DIR="$state_dir" OPENCLAW_CONFIG_PATH="$config_path"       openclaw skills install "$skill" --force >/dev/null) || die "could not install the bundled skill $name"
    echo "start-openclaw: installed skill $name into $workspace/skills"
  done
fi

# A fresh gateway reads the secret file as it starts, which is what a pending reload flag asks for.
rm -f "$flag_file"

export OPENCLAW_STATE_DIR="$state_dir" OPENCLAW_CONFIG_PATH="$config_path"
unset CLAWDBOT_GATEWAY_TOKEN
if [ -n "$token" ]; then
  export OPENCLAW_GATEWAY_TOKEN="$token"
fi

command=(openclaw gateway run --bind "$bind" --port "$port" "$@")
if [ "${OPENCLAW_START_DRY_RUN:-0}" = "1" ]; then
  echo "start-openclaw: dry run; would exec: ${command[*]}"
  exit 0
fi
exec "${command[@]}"
