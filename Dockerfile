# Safer Children Hub: one image for web (gunicorn), worker and beat (Celery).
#
#   docker build -t safer-children-hub .
#   docker compose up --build          (see docker-compose.yml)
#
# The project runs from /app with manage.py: BASE_DIR is the repository root, so
# templates/, static/ and locale/ are copied beside the packages.

# --- base: what both stages share ---------------------------------------------
FROM python:3.13-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=hub.settings.production

WORKDIR /app

# --- build: dependencies, compiled catalogues, collected static files ---------
FROM base AS build

# gettext's msgfmt, for compilemessages; only in this stage.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

RUN python -m venv "$VIRTUAL_ENV"

# Dependencies first, exactly the locked versions, hash-checked (requirements.lock
# is uv's export of uv.lock without the dev tools), so this layer is rebuilt only
# when the lock changes. The project itself is not installed: it runs from /app.
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY . .

# Production settings need their variables even to compile and collect: dummy
# values for this RUN line only, never baked into the image.
RUN DJANGO_SECRET_KEY=build-only-not-secret-used-for-collectstatic \
    DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    CELERY_BROKER_URL=redis://redis:6379/0 \
    CACHE_URL=redis://redis:6379/1 \
    EMAIL_URL=consolemail:// \
    DJANGO_ALLOWED_HOSTS=localhost \
    sh -c 'python manage.py compilemessages --ignore=.venv -v 0 \
        && python manage.py collectstatic --noinput -v 0' \
    && rm -f /tmp/build.sqlite3

# --- runtime: no compiler, no gettext, not root --------------------------------
FROM base AS runtime

# Every process (manage.py, gunicorn, celery) imports the code from /app, whose
# BASE_DIR holds templates/, static/ and locale/.
ENV PYTHONPATH=/app

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app \
        --no-create-home --shell /usr/sbin/nologin app \
    && install -d -o app -g app -m 0750 /var/lib/hub/private

COPY --from=build /opt/venv /opt/venv
# Owned by root and read-only for the app user: the code cannot be changed at run
# time. Celery beat keeps its schedule file in /tmp (see docker-compose.yml).
COPY --from=build /app /app

USER 10001:10001

EXPOSE 8000

# /health/ is exempt from the HTTPS redirect; it answers 503 when the database,
# cache or broker is down. The Host header is the first DJANGO_ALLOWED_HOSTS
# entry, so the probe passes host validation wherever the image runs.
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as u; h = os.environ.get('DJANGO_ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('.'); h = 'localhost' if h in ('', '*') else h; u.urlopen(u.Request('http://127.0.0.1:8000/health/', headers={'Host': h}), timeout=8)"]

# The Procfile's web command; hub/gunicorn_conf.py reads the bind address and
# WEB_CONCURRENCY (default 2 x cores + 1) from the environment.
ENV GUNICORN_BIND=0.0.0.0:8000
CMD ["gunicorn", "--config", "python:hub.gunicorn_conf", "hub.wsgi:application"]
