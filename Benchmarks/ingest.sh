#!/usr/bin/env bash
# Ingest and inbox benchmarks for Foyer (not a test: it measures, it does not judge).
#
# Builds `foyer-bench` in release into its own scratch folder, then runs:
#   - ingest:   bulk import through the ingest pipeline (analysis, identities, threading, full-text index,
#               rollups) into a SQLite file;
#   - webhooks: signed generic webhooks against the real server, acknowledgement latency and end-to-end rate;
#               the load comes from wrk in its own process (LOAD=in-process: a client inside the server's process);
#   - inbox:    inbox list, filters and full-text search with 1 million messages, and the memory it takes.
#
# Usage: Benchmarks/ingest.sh
#   It prints the results; they go into docs/PERFORMANCE.md by hand, with the machine, the date and the commit.
# Environment: MESSAGES (ingest, default 200000), INBOX_MESSAGES (default 1000000), LOAD (wrk or in-process,
#              default wrk), DURATION (wrk, seconds, default 10), REQUESTS (distinct pre-signed deliveries for wrk,
#              default 100000; requests sent in-process, default 20000), CONCURRENCY (default 32),
#              SCRATCH (default .build-release), SKIP_BUILD=1
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCRATCH="${SCRATCH:-.build-release}"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product foyer-bench
fi
BENCH="$SCRATCH/release/foyer-bench"

echo "# $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm)"
"$BENCH" ingest --messages "${MESSAGES:-200000}" --batch 1000
LOAD="${LOAD:-wrk}"
if [ "$LOAD" = "wrk" ] && ! command -v wrk >/dev/null; then
    echo "wrk is not installed (apt-get install wrk), or run with LOAD=in-process" >&2
    exit 1
fi
if [ "$LOAD" = "wrk" ]; then DEFAULT_REQUESTS=100000; else DEFAULT_REQUESTS=20000; fi
"$BENCH" webhooks --load "$LOAD" --seconds "${DURATION:-10}" --requests "${REQUESTS:-$DEFAULT_REQUESTS}" \
    --concurrency "${CONCURRENCY:-32}" 2>&1 | grep -v 'level=' || true
"$BENCH" inbox --messages "${INBOX_MESSAGES:-1000000}" --queries 200
