from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PoolConfig(AppConfig):
    name = "dxtalent.web.pool"
    label = "pool"
    verbose_name = _("Talent pool")
