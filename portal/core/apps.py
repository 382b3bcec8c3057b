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
