#!/usr/bin/env bash
# Ingest and inbox benchmarks for Foyer (not a test: it measures, it does not judge).
#
# Builds `foyer-bench` in release into its own scratch folder, then runs:
#   - ingest:   bulk import through the ingest pipeline (analysis, identities, threading, full-text index,
#               rollups) into a SQLite file;
#   - webhooks: signed generic webhooks against the real server, acknowledgement latency and end-to-end rate;
#   - inbox:    inbox list, filters and full-text search with 1 million messages, and the memory it takes.
#
# Usage: Benchmarks/ingest.sh [--record]
#   --record   also prints the block to paste into docs/PERFORMANCE.md with the machine and date
# Environment: MESSAGES (ingest, default 200000), INBOX_MESSAGES (default 1000000), REQUESTS (default 20000),
#              CONCURRENCY (default 32), SCRATCH (default .build-release), SKIP_BUILD=1
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
SCRATCH="${SCRATCH:-.build-release}"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product foyer-bench
fi
BENCH="$SCRATCH/release/foyer-bench"

echo "# $(date -u +%Y-%m-%d) on $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -sm)"
"$BENCH" ingest --messages "${MESSAGES:-200000}" --batch 1000
"$BENCH" webhooks --requests "${REQUESTS:-20000}" --concurrency "${CONCURRENCY:-32}" 2>&1 | grep -v 'level=' || true
"$BENCH" inbox --messages "${INBOX_MESSAGES:-1000000}" --queries 200
