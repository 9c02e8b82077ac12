"""gunicorn settings for `make serve` and deploy/cunwu-web.service. Overridable from the environment."""

import os

# Workers from the CPUs this process may use (2n+1, the usual rule for sync workers waiting on the database).
_cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
workers = int(os.environ.get("WEB_CONCURRENCY") or _cpus * 2 + 1)
threads = int(os.environ.get("GUNICORN_THREADS") or 1)
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# A request that takes longer than this is stuck; the worker is replaced. Uploads are buffered by nginx.
timeout = int(os.environ.get("GUNICORN_TIMEOUT") or 30)
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that a slow leak never builds up; the jitter keeps them from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Heartbeat files in memory, not on a disk that may stall under load.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = "-"
# nginx on this machine sets X-Forwarded-Proto; gunicorn trusts it from loopback only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proc_name = "cunwu-web"
