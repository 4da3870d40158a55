"""gunicorn settings for production (`make serve`; README, "Production").

gunicorn reads this file from the working directory by itself, so a bare
``gunicorn diplomacy.wsgi`` in the project folder runs the same server.
HOST, PORT, WEB_CONCURRENCY and GUNICORN_THREADS come from the environment
or ``.env``, as the settings do.
"""

from pathlib import Path

from environs import Env

env = Env()
env.read_env(Path(__file__).resolve().parent / ".env", recurse=False)

bind = f"{env.str('HOST', '127.0.0.1')}:{env.int('PORT', 8000)}"
# Two processes for two cores, four threads each: most of a page's time is
# PostgreSQL's, on the same cores, and a thread waiting for it (or streaming
# an export) leaves the process free for another request. Measured against
# sync workers and granian: README, "Production".
workers = env.int("WEB_CONCURRENCY", 3)
worker_class = "gthread"
threads = env.int("GUNICORN_THREADS", 4)
# A gthread worker is killed only when it stops answering gunicorn for this
# long, never for one slow request: a full CSV export may stream for minutes.
timeout = 30
graceful_timeout = 20  # on SIGTERM: finish what is in flight, then stop
keepalive = 5
# Recycle workers now and then, so a slow leak can never grow without bound.
max_requests = 2000
max_requests_jitter = 200
# Errors to stderr; no access log (the proxy in front keeps one).
errorlog = "-"
accesslog = None
# gunicorn >= 25.1 opens a control socket in $HOME by default; two servers on
# one machine (or one per worktree) would fight over it, and nothing uses it.
control_socket_disable = True
