"""The Celery app: late acks, a durable queue, persistent confirmed messages, events on.

A task is acknowledged only when it has finished, and given back to the queue when its
worker dies (`task_reject_on_worker_lost`), so a killed worker's batch goes to another;
each worker takes one task at a time (prefetch 1), so nothing waits behind a slow one.
"""

from __future__ import annotations

from celery import Celery
from kombu import Exchange, Queue

from edugen import config
from edugen.errors import ConfigError

app = Celery("edugen", include=["edugen.workers.tasks"])
app.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    worker_prefetch_multiplier=1,
    task_default_delivery_mode="persistent",
    task_serializer="json",
    accept_content=["json"],
    task_ignore_result=True,
    # Flower or any Celery monitor sees every task sent, started and finished.
    worker_send_task_events=True,
    task_send_sent_event=True,
    broker_connection_retry_on_startup=True,
    # RabbitMQ confirms each message is stored before a send returns.
    broker_transport_options={"confirm_publish": True},
    task_publish_retry=True,
    task_publish_retry_policy={
        "max_retries": 20,
        "interval_start": 0.5,
        "interval_step": 1.0,
        "interval_max": 5.0,
    },
)


def configured(settings: config.WorkersSettings | None = None) -> Celery:
    """The app pointed at the configured broker; ConfigError when none is configured."""
    settings = settings or config.workers_settings()
    if not settings.broker_url:
        raise ConfigError(
            "no broker configured: set EDUGEN_BROKER_URL (e.g. amqp://guest:guest@127.0.0.1:5672//)"
            " or [workers] broker_url in edugen.toml"
        )
    app.conf.broker_url = settings.broker_url
    name = settings.queue
    exchange = Exchange(name, type="direct", durable=True)
    app.conf.task_queues = (Queue(name, exchange, routing_key=name, durable=True),)
    app.conf.task_default_queue = name
    app.conf.task_default_exchange = name
    app.conf.task_default_routing_key = name
    return app


def check_broker(celery: Celery) -> None:
    """Fail at once, with the address, when the broker does not answer."""
    try:
        with celery.connection_for_write() as conn:
            conn.ensure_connection(max_retries=2, interval_start=0.2, interval_step=0.5)
    except Exception as exc:
        where = celery.connection_for_write().as_uri()  # the password is masked
        raise ConfigError(f"cannot reach the broker at {where}: {exc}") from exc
