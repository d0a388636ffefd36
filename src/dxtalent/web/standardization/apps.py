from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class StandardizationConfig(AppConfig):
    name = "dxtalent.web.standardization"
    label = "standardization"
    verbose_name = _("Standardization")

    def ready(self) -> None:
        from dxtalent.web.standardization.services import load_shipped_after_migrate

        # After every migrate the shipped national list is loaded when no edition is there
        # yet (a newer edition loaded with `dxtalent data load standardization` is kept).
        post_migrate.connect(load_shipped_after_migrate, sender=self)
