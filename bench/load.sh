#!/usr/bin/env bash
# Load test of the compose check over HTTP, with GET /health in the same run as the framework's floor.
# Starts the jar in AUTH_DEV_MODE on 127.0.0.1 with an in-memory H2, takes the staff dev token from its log, then:
#   1. wrk GET /health                      (16 connections)
#   2. wrk POST /api/v1/compose/check       (16 connections, a typical HTML message with a personnummer)
#   3. the 1.8 MB HTML message from the large dev corpus, checked N times; server time from the request log
# Usage: [ROUNDS=3] [LOAD_JAVA_OPTS=...] bench/load.sh [seconds per round and endpoint, default 10]
# The server runs with the JVM's defaults, as README's `java -jar target/postvakt.jar` does; LOAD_JAVA_OPTS adds flags
# (for example -Xmx1g to see a smaller heap). Needs: java 17, wrk (installed from Debian if missing), python3.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-10}"
PORT="${LOAD_PORT:-18089}"
CONNECTIONS=16
THREADS=2
JAR=target/postvakt.jar
LOG="$(mktemp -t postvakt-load.XXXXXX.log)"

if ! command -v wrk >/dev/null; then
  echo "installing wrk" >&2
  (apt-get install -y wrk >/dev/null 2>&1 || (apt-get update >/dev/null && apt-get install -y wrk >/dev/null)) \
    || sudo apt-get install -y wrk >/dev/null
fi
if [ ! -f "$JAR" ]; then
  mvn -q -o package -DskipTests
fi

AUTH_DEV_MODE=true BIND_ADDRESS=127.0.0.1 PORT="$PORT" ORG_DOMAINS=mjolby.se \
  DATABASE_URL="jdbc:h2:mem:load;DB_CLOSE_DELAY=-1" PUBLIC_BASE_URL="http://127.0.0.1:$PORT" \
  java ${LOAD_JAVA_OPTS:-} -jar "$JAR" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  grep -q "staff   (" "$LOG" && break
  sleep 0.5
done
TOKEN="$(sed -n 's/^  staff   ([^)]*): //p' "$LOG" | head -1)"
[ -n "$TOKEN" ] || { echo "no dev token in the server log:" >&2; cat "$LOG" >&2; exit 1; }
export TOKEN
BASE="http://127.0.0.1:$PORT"

# Warm-up until the JIT has settled: on two cores shared with wrk, C2 is still compiling the check path for
# 15-25 s, and a run taken during that measures the compiler, not the service. Rounds of 5 s (check, then
# /health) go on until the check rate moves by less than 5 % between two rounds (at most 10 rounds).
rate() { awk '/^Requests\/sec/ {print $2}'; }
PREV=0
for i in $(seq 1 10); do
  NOW="$(BODY_FILE=bench/check-body.json wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s bench/check.lua "$BASE/api/v1/compose/check" | rate)"
  wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "$BASE/health" >/dev/null
  echo "warm-up round $i: compose-check $NOW req/s" >&2
  if awk -v a="$PREV" -v b="$NOW" 'BEGIN { exit !(a > 0 && (b - a) / a < 0.05 && (a - b) / a < 0.05) }'; then
    break
  fi
  PREV="$NOW"
done

# Measurement: ROUNDS rounds, each /health then the check for DURATION seconds, so that both see the same machine
# (on a shared VM the floor itself drifts by ±20 % from minute to minute). Requests/s per endpoint are the totals over
# all rounds; the ratio is of those totals; p99 is the worst round's.
ROUNDS="${ROUNDS:-3}"
echo "wrk: $THREADS threads, $CONNECTIONS connections, $ROUNDS rounds of ${DURATION}s per endpoint; load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
run() { # name, then wrk arguments; prints requests/s and p99 of one round, appends "requests seconds p99ms" to $LOG.name
  local name="$1"; shift
  local out; out="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "$@")"
  local rps p99 non2xx
  rps="$(rate <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ {print $4}' <<<"$out")"
  printf '  %-20s %10s req/s   p99 %8s   non-2xx %s\n' "$name" "$rps" "$p99" "${non2xx:-0}"
  awk -v r="$rps" -v d="$DURATION" -v p="$p99" 'BEGIN {
    v = p + 0; if (p ~ /us$/) v /= 1000; else if (p ~ /[0-9]s$/ && p !~ /ms$/) v *= 1000
    printf "%f %f %f\n", r * d, d, v }' >>"$LOG.$name"
}
for round in $(seq 1 "$ROUNDS"); do
  echo "round $round"
  run health "$BASE/health"
  BODY_FILE=bench/check-body.json run compose-check -s bench/check.lua "$BASE/api/v1/compose/check"
done
summary() { awk '{ n += $1; t += $2; if ($3 > p) p = $3 } END { printf "%.0f %.2f", n / t, p }' "$LOG.$1"; }
read -r H HP <<<"$(summary health)"
read -r C CP <<<"$(summary compose-check)"
printf 'health          %8s req/s   worst p99 %6s ms\n' "$H" "$HP"
printf 'compose-check   %8s req/s   worst p99 %6s ms\n' "$C" "$CP"
awk -v h="$H" -v c="$C" 'BEGIN { printf "check / health throughput: %.2f\n", c / h }'

# The largest message of the large dev corpus (about 1.7 MB of HTML), checked one at a time.
LARGE="$(mktemp -t postvakt-large.XXXXXX.json)"
python3 - "$LARGE" <<'PY'
import json, sys
rows = [json.loads(l) for l in open("src/test/resources/corpus/pnr-large-dev.jsonl", encoding="utf-8")]
m = max(rows, key=lambda r: len(r["body"]))
json.dump({"subject": m["subject"], "body": m["body"], "bodyFormat": "html",
           "to": [{"address": "kollega@mjolby.se", "recipientType": "user"}]}, open(sys.argv[1], "w", encoding="utf-8"))
PY
BEFORE="$(grep -ac 'POST /api/v1/compose/check' "$LOG" || true)"
for _ in $(seq 1 300); do
  curl -s -o /dev/null -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    --data-binary @"$LARGE" "$BASE/api/v1/compose/check"
done
sleep 0.2 # the log is written in batches every 50 ms
grep -a 'POST /api/v1/compose/check 200' "$LOG" | tail -n +"$((BEFORE + 1))" | tail -100 | sed 's/.* \([0-9.]*\)ms$/\1/' \
  | sort -n | awk -v size="$(wc -c <"$LARGE")" '{ v[NR] = $1 } END { printf "large HTML message (%d bytes), last 100 of 300 checks (JIT warm), server time: median %.1f ms, p90 %.1f ms, max %.1f ms\n", size, v[int((NR + 1) / 2)], v[int(NR * 0.9)], v[NR] }'
rm -f "$LARGE" "$LOG".*
