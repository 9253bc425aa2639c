#!/usr/bin/env bash
# The stack smoke test (CI runs it after the suites; `make smoke` here):
# start `make stack`, wait until /health/ is 200, run tests/stack/ against it over
# real HTTP, stop the stack as Ctrl-C would, and check that nothing it started is
# left running. Every wait is bounded; the stack's output is in test-artifacts/stack.log.
set -uo pipefail
cd "$(dirname "$0")/.."

START_TIMEOUT=${STACK_START_TIMEOUT:-180}
STOP_TIMEOUT=30
URL=http://127.0.0.1:8000
LOG=test-artifacts/stack.log
mkdir -p test-artifacts
started=$(date +%s)

# Its own session and process group, so one signal reaches everything it started.
setsid make --no-print-directory stack >"$LOG" 2>&1 </dev/null &
leader=$!
# setsid makes the leader's process group its own pid; wait until it has, so a
# signal to the group can never reach this script's own group.
pgid=""
for _ in $(seq 1 50); do
  pgid=$(ps -o pgid= "$leader" 2>/dev/null | tr -d ' ')
  [ "$pgid" = "$leader" ] && break
  sleep 0.1
done
if [ "$pgid" != "$leader" ]; then
  echo "error: could not start make stack in its own process group" >&2
  exit 1
fi

stop_stack() {
  if [ -n "$(pgrep -g "$pgid" 2>/dev/null)" ]; then
    kill -INT -- "-$pgid" 2>/dev/null
    for _ in $(seq 1 $((STOP_TIMEOUT * 2))); do
      [ -z "$(pgrep -g "$pgid" 2>/dev/null)" ] && return 0
      sleep 0.5
    done
    echo "error: the stack did not stop within ${STOP_TIMEOUT} s of Ctrl-C; still running:" >&2
    ps -o pid,args -g "$pgid" >&2
    kill -KILL -- "-$pgid" 2>/dev/null
    return 1
  fi
}
trap 'stop_stack >/dev/null 2>&1' EXIT

echo "--- starting make stack (log: $LOG)"
until curl -fsS -m 5 "$URL/health/" >/dev/null 2>&1; do
  if ! kill -0 "$leader" 2>/dev/null; then
    tail -n 30 "$LOG" >&2
    echo "error: make stack exited before it served /health/ (see $LOG)" >&2
    exit 1
  fi
  if (($(date +%s) - started > START_TIMEOUT)); then
    tail -n 30 "$LOG" >&2
    echo "error: make stack did not answer /health/ within ${START_TIMEOUT} s (see $LOG)" >&2
    exit 1
  fi
  sleep 1
done
ready=$(date +%s)
echo "    serving after $((ready - started)) s"

echo "--- smoke test over real HTTP"
HUB_STACK_URL="$URL" HUB_STACK_MAILDIR=.stack/mail \
  .venv/bin/python -m pytest -p no:xdist -p no:randomly tests/stack -v
status=$?
tested=$(date +%s)

echo "--- stopping the stack"
stop_stack || status=1
trap - EXIT
leftover=$(pgrep -af 'hub.gunicorn_conf|celery --app hub|aiosmtpd|honcho' | grep -v pgrep || true)
if [ -n "$leftover" ]; then
  echo "error: processes left running after the stack stopped:" >&2
  echo "$leftover" >&2
  status=1
fi
if curl -fsS -m 2 "$URL/health/" >/dev/null 2>&1; then
  echo "error: something still answers on $URL after the stack stopped" >&2
  status=1
fi
echo "    start $((ready - started)) s, tests $((tested - ready)) s, stop $(($(date +%s) - tested)) s, total $(($(date +%s) - started)) s"
exit $status
