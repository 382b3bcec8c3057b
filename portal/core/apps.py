from datetime import timedelta

from django.apps import AppConfig
from django.core.signals import request_finished


def _clear_request_id(**kwargs):
    from portal.core.logging import request_id_var

    request_id_var.set("")


class CoreConfig(AppConfig):
    name = "portal.core"
    label = "core"
    verbose_name = "Loket"

    def ready(self):
        request_finished.connect(_clear_request_id, dispatch_uid="loket-clear-request-id")
        from portal.core.scheduler import jobs

        jobs.register("scheduler_prune", command="scheduler", args=("--prune",), every=timedelta(days=1))
        jobs.register("access_log_purge", command="access_log_purge", every=timedelta(days=1))

        from prometheus_client import REGISTRY

        from portal.core import gauges as core_gauges
        from portal.core.metrics import gauges

        REGISTRY.register(gauges)
        core_gauges.register(gauges)
