#!/usr/bin/env bash
# The action's install step: envgate installed as a user installs it, from a tarball or
# the registry, into $RUNNER_TEMP/envgate, and its bin folder put on the job's PATH.
# IN_PACKAGE: an npm package spec (envgate@1.0.0, a tarball path or URL); empty: build
# and pack the action's own checkout (ACTION_DIR), the ref the workflow pinned.
set -euo pipefail
dest="${RUNNER_TEMP:?RUNNER_TEMP is not set}/envgate"
mkdir -p "$dest"
pkg="${IN_PACKAGE:-}"
if [ -z "$pkg" ]; then
  # npm ci runs the package's prepare script (the build); pack then skips it.
  (cd "$ACTION_DIR" && npm ci --no-audit --no-fund && npm pack --ignore-scripts --pack-destination "$dest")
  pkg=$(ls "$dest"/envgate-*.tgz)
elif [ -f "$pkg" ]; then
  pkg=$(cd "$(dirname "$pkg")" && pwd)/$(basename "$pkg") # npm --prefix resolves paths from the prefix
fi
[ -f "$dest/package.json" ] || echo '{ "name": "envgate-action-install", "private": true }' > "$dest/package.json"
npm install --prefix "$dest" --no-audit --no-fund "$pkg"
echo "$dest/node_modules/.bin" >> "${GITHUB_PATH:?GITHUB_PATH is not set}"
echo "envgate $("$dest/node_modules/.bin/envgate" --version) installed in $dest"
