from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    """The skill framework pages. The models (Framework, Skill, Role, RoleTarget) stay in the
    people app: moving them would need a migration of every table that points at them."""

    name = "dxtalent.web.frameworks"
    label = "frameworks"
    verbose_name = _("Frameworks")
