#!/bin/bash
# Times `deferscope check` against a process holding N pending Deferreds (default 1,000,000):
# the attach, the whole snapshot in chunks, and the summary. Release builds of the test app and
# of deferscope, from the package root:
#
#   bash Benchmarks/check-large-snapshot.sh [N]
#
# Prints each run's snapshot line and wall time. Goal (issue: attach): under 2 s for 1,000,000.
set -euo pipefail
count=${1:-1000000}
root=$(cd "$(dirname "$0")/.." && pwd)
scratch=${SCRATCH:-$root/.build-rel}
swift build -c release --package-path "$root" --scratch-path "$scratch" --product deferscope >/dev/null
swift build -c release --package-path "$root" --scratch-path "$scratch" --product DeferscopeTestApp >/dev/null
bin="$scratch/release"

export XDG_RUNTIME_DIR
XDG_RUNTIME_DIR=$(mktemp -d)
trap 'echo quit >&3 2>/dev/null || true; rm -rf "$XDG_RUNTIME_DIR"' EXIT
mkfifo "$XDG_RUNTIME_DIR/in"
"$bin/DeferscopeTestApp" <"$XDG_RUNTIME_DIR/in" >"$XDG_RUNTIME_DIR/out" 2>&1 &
exec 3>"$XDG_RUNTIME_DIR/in"
echo "create $count bulk" >&3
until grep -q "^ok" "$XDG_RUNTIME_DIR/out"; do sleep 0.2; done
pid=$(awk '/^ready/ {print $2}' "$XDG_RUNTIME_DIR/out")
for run in 1 2 3; do
    /usr/bin/time -f "run $run: wall %e s, deferscope max RSS %M KB" "$bin/deferscope" check "$pid" 2>&1 \
        | grep -E "snapshot|wall"
done
