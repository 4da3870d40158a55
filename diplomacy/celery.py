"""The Celery app: ``celery -A diplomacy worker`` finds it here.

Its settings are Django's ``CELERY_*`` settings; without ``CELERY_BROKER_URL``
every task runs in the process that enqueues it (``task_always_eager``).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "diplomacy.settings")

app = Celery("diplomacy")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
