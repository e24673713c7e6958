#!/usr/bin/env bash
# Load test of POST /api/v1/sender/check over HTTP: starts the shaded jar in AUTH_DEV_MODE on an in-memory H2,
# takes the staff dev token it prints, warms up, then runs wrk with latency percentiles.
# Usage: bench/sender-load.sh            (env: PORT, THREADS, CONNECTIONS, DURATION, JAR)
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18431}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-4}
DURATION=${DURATION:-20s}
JAR=${JAR:-target/postvakt.jar}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
[ -f "$JAR" ] || mvn -q -o package -DskipTests
LOG=$(mktemp)
AUTH_DEV_MODE=true BIND_ADDRESS=127.0.0.1 PORT="$PORT" ORG_DOMAINS=mjolby.se \
  DATABASE_URL="jdbc:h2:mem:sender-load;DB_CLOSE_DELAY=-1" java -Xmx512m -jar "$JAR" >"$LOG" 2>&1 &
PID=$!
trap 'kill "$PID" 2>/dev/null; rm -f "$LOG"' EXIT
for _ in $(seq 1 100); do
  grep -q "staff   (" "$LOG" && break
  sleep 0.2
done
TOKEN=$(grep -o 'staff   ([^)]*): [^ ]*' "$LOG" | awk '{print $NF}')
[ -n "$TOKEN" ] || { echo "no dev token in the server log:" >&2; cat "$LOG" >&2; exit 1; }
export TOKEN
URL="http://127.0.0.1:$PORT"
echo "warm-up (10 s)"
wrk -t "$THREADS" -c "$CONNECTIONS" -d 10s -s bench/sender-load.lua "$URL" >/dev/null
MARK=$(wc -l <"$LOG")
echo "measurement: wrk --latency -t $THREADS -c $CONNECTIONS -d $DURATION (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
wrk --latency -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" -s bench/sender-load.lua "$URL"
echo "server-side handling time of the measured requests (from the request log):"
tail -n +"$((MARK + 1))" "$LOG" | grep -o 'POST /api/v1/sender/check 200 [0-9.]*ms' | awk '{print $4+0}' | sort -n | awk '
  {v[NR]=$1} END {if (NR) printf "  n=%d p50=%.1fms p90=%.1fms p99=%.1fms p99.9=%.1fms\n", NR, v[int(NR*0.5)+1], v[int(NR*0.9)+1], v[int(NR*0.99)+1], v[int(NR*0.999)+1]}'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
