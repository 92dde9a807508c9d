#!/usr/bin/env bash
# Provisions Node 24 LTS into .tools/ from the npm registry's node-linux-<arch> package (the one
# source of Node builds these machines can reach) and prints its bin directory. Reuses a copy
# already there. Prints nothing and exits 1 when it cannot (no network, unknown architecture), so
# callers can fall back to the machine's Node.
set -euo pipefail
cd "$(dirname "$0")/.."
MAJOR=24
DEST="$PWD/.tools/node-$MAJOR"
if [ -x "$DEST/bin/node" ] && "$DEST/bin/node" --version | grep -q "^v$MAJOR\."; then
  echo "$DEST/bin"
  exit 0
fi
case "$(uname -m)" in
  x86_64) ARCH=x64 ;;
  aarch64 | arm64) ARCH=arm64 ;;
  *) exit 1 ;;
esac
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
(cd "$WORK" && npm pack "node-linux-$ARCH@$MAJOR" --silent --no-fund --no-audit >/dev/null 2>&1) || exit 1
tar -xzf "$WORK"/node-linux-"$ARCH"-*.tgz -C "$WORK"
rm -rf "$DEST" && mkdir -p "$(dirname "$DEST")"
mv "$WORK/package" "$DEST"
"$DEST/bin/node" --version >/dev/null
echo "$DEST/bin"
