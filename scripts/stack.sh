#!/usr/bin/env bash
# `make stack`: the production configuration, run for real on this machine without
# Docker. gunicorn (2 x cores + 1 workers), a Celery worker, Celery beat and an SMTP
# sink, started by honcho from the Procfile with stack.env, against this machine's
# PostgreSQL and Redis (started here if they are installed but not running).
#
# Each run starts clean: a new throwaway secret, the database hub_stack dropped and
# recreated, Redis databases 10 (broker) and 11 (cache) emptied, the mail sink
# emptied. Then: compiled catalogues, collectstatic (WhiteNoise, compressed and
# hashed), migrations, the demo data, and the processes. Ctrl-C stops them all.
#
# Mail lands in .stack/mail/new/, one readable file per message (a Maildir).
set -uo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
export PATH="$PWD/.venv/bin:$PATH"  # gunicorn, celery and aiosmtpd from the venv
die() { echo "error: $*" >&2; exit 1; }

[ -x "$PY" ] || die "no .venv: run 'make stack' (it installs first), not this script"

set -a
# shellcheck source=/dev/null
source stack.env
set +a
DB_NAME="${DATABASE_URL##*/}"
PG_HOST=127.0.0.1 PG_PORT=5432
REDIS_HOST=127.0.0.1 REDIS_PORT=6379
WEB_PORT="${GUNICORN_BIND##*:}"

# --- bad input first: ports, services --------------------------------------------
port_free() {
  "$PY" - "$1" <<'PYEOF'
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
try:
    s.bind(("127.0.0.1", int(sys.argv[1])))
except OSError:
    sys.exit(1)
PYEOF
}
port_free "$WEB_PORT" || die "port $WEB_PORT is taken (another 'make run' or 'make stack'?): stop that process, then run 'make stack' again"
port_free 1025 || die "port 1025 (the mail sink) is taken: stop whatever listens there (ss -ltnp 'sport = :1025'), then run 'make stack' again"

if ! pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null; then
  if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then
    echo "PostgreSQL is not running: starting it"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do pg_isready -h "$PG_HOST" -p "$PG_PORT" -q && break; sleep 0.5; done
  fi
  pg_isready -h "$PG_HOST" -p "$PG_PORT" -q 2>/dev/null \
    || die "PostgreSQL is not reachable at $PG_HOST:$PG_PORT: start it (pg_ctlcluster <version> main start) and run 'make stack' again"
fi
if ! redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1; then
  if command -v redis-server >/dev/null 2>&1; then
    echo "Redis is not running: starting it"
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" \
      --appendonly no --dir /tmp --logfile /tmp/stack-redis.log >/dev/null 2>&1 || true
    for _ in $(seq 1 20); do redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.5; done
  fi
  redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping >/dev/null 2>&1 \
    || die "Redis is not reachable at $REDIS_HOST:$REDIS_PORT: start it (redis-server --daemonize yes) and run 'make stack' again"
fi

# --- a clean slate ---------------------------------------------------------------
export DJANGO_SECRET_KEY
DJANGO_SECRET_KEY="stack-throwaway-$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')"
rm -rf .stack && mkdir -p .stack/mail/{new,cur,tmp}
PGOPTIONS="--client-min-messages=warning" psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -q -v ON_ERROR_STOP=1 \
  -c "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" -c "CREATE DATABASE $DB_NAME" >/dev/null \
  || die "could not recreate the database $DB_NAME as user postgres on $PG_HOST:$PG_PORT"
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "${CELERY_BROKER_URL##*/}" flushdb >/dev/null
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n "${CACHE_URL##*/}" flushdb >/dev/null

step() { echo "--- $1"; shift; "$@" >.stack/setup.log 2>&1 || { tail -n 20 .stack/setup.log >&2; die "'$*' failed (whole log in .stack/setup.log)"; }; }
step "compiling catalogues" "$PY" manage.py compilemessages --ignore=.venv --ignore=staticfiles -v 0
step "collecting static files (compressed, hashed)" "$PY" manage.py collectstatic --noinput -v 0
step "migrating $DB_NAME" "$PY" manage.py migrate --noinput
# Production settings refuse the demo's published password, so the demo data is
# loaded with the local settings, against the same database and services.
step "loading the demo data" env DJANGO_SETTINGS_MODULE=hub.settings.local "$PY" manage.py seed_demo
step "checking the deploy settings" "$PY" manage.py check --deploy --fail-level ERROR

echo "--- serving http://127.0.0.1:$WEB_PORT/ (production settings, DEBUG off); mail in .stack/mail/new/; Ctrl-C stops everything"
echo "    demo accounts: see the README (password hub-demo-2026); staff must set up two-factor authentication, as in production"
exec .venv/bin/honcho --no-colour --env stack.env start --procfile Procfile
