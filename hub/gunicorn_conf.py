"""gunicorn's settings for every way the site is served (Procfile, compose, image).

Read from the environment so the command line is the same everywhere:
``gunicorn --config python:hub.gunicorn_conf hub.wsgi:application``.
"""

import multiprocessing
import os

# 127.0.0.1 on a developer's machine; the container sets 0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's advice: 2 x cores + 1 sync workers.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
accesslog = "-"
# A worker stuck longer than this is replaced (the default, written out).
timeout = 30
# Load the app once in the master: a broken settings module fails at start-up.
preload_app = True
