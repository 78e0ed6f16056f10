#!/usr/bin/env bash
# The action's run step: `envgate scan|gate` with the inputs as options, then the outputs
# (exit code, verdict, counts, report paths) and the step summary. It exits 0 whatever
# envgate did, so the SARIF upload can follow; the action's last step exits with the code.
set -euo pipefail
case "$IN_COMMAND" in
  scan|gate) ;;
  *) echo "::error::envgate action: command must be scan or gate, got '$IN_COMMAND'"; exit 2 ;;
esac
args=("$IN_COMMAND" --spec "$IN_SPEC" --format "$IN_FORMATS" --fail-on "$IN_FAIL_ON" --out "$IN_OUT")
[ -n "$IN_SNAPSHOT" ] && args+=(--snapshot "$IN_SNAPSHOT")
if [ "$IN_COMMAND" = gate ]; then
  if [ -z "$IN_FROM" ] || [ -z "$IN_TO" ]; then echo "::error::envgate action: gate needs the from and to inputs"; exit 2; fi
  args+=(--from "$IN_FROM" --to "$IN_TO")
  [ -n "$IN_BASELINE" ] && args+=(--baseline "$IN_BASELINE")
  [ -n "$IN_WAIVERS" ] && args+=(--waivers "$IN_WAIVERS")
elif [ -n "$IN_BASELINE$IN_WAIVERS$IN_FROM$IN_TO" ]; then
  echo "::warning::envgate action: baseline, waivers, from and to apply to the gate command only"
fi
read -r -a extra <<< "$IN_EXTRA"
args+=("${extra[@]}")
code=0
envgate "${args[@]}" || code=$? # recorded, not swallowed: the outputs carry it and the last step exits with it
node "$ACTION_DIR/.github/action/outputs.mjs" outputs "$IN_COMMAND" "$IN_OUT" "$code" >> "${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
if [ "$IN_SUMMARY" = true ]; then
  node "$ACTION_DIR/.github/action/outputs.mjs" summary "$IN_COMMAND" "$IN_OUT" "$code" >> "${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}"
fi
