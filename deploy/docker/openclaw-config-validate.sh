#!/bin/sh
# The runtime silo's OpenClaw config validator (OPENCLAW_CONFIG_VALIDATE_COMMAND, set by the silo image): runs the
# gateway's own `openclaw config validate --json` on the candidate file the silo names in OPENCLAW_CONFIG_PATH.
# Only exit code 0 lets the candidate replace openclaw.json. The CLI runs with a clean environment (none of the
# silo's settings or tokens) and a scratch home, so it reads nothing else of the host and writes nowhere that lasts.
# OPENCLAW_VALIDATOR_PATH replaces the PATH it runs with (where node and openclaw are; the image's by default).
set -eu
: "${OPENCLAW_CONFIG_PATH:?the candidate openclaw.json to validate}"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
env -i PATH="${OPENCLAW_VALIDATOR_PATH:-/usr/local/bin:/usr/bin:/bin}" HOME="$scratch" OPENCLAW_STATE_DIR="$scratch" \
  OPENCLAW_CONFIG_PATH="$OPENCLAW_CONFIG_PATH" NO_COLOR=1 openclaw config validate --json
