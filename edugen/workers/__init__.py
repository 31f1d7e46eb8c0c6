"""Celery workers for district-scale weekly runs: the app and its tasks over workflows.queued."""
