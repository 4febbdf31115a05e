"""Jobs: one site checked the same way by the CLI, the local pool and Celery workers (checker/jobs/run.py)."""
