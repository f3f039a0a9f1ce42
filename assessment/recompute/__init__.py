"""Keeping results current: the queue, the Celery tasks, load, write and the plan-parts cache."""
