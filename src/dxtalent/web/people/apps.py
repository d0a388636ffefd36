from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "dxtalent.web.people"
    label = "people"
    verbose_name = _("People, skills and training")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from dxtalent.web.people.frameworks import sync_after_migrate

        # Like the list of local governments: the shipped frameworks are brought up to date
        # after every migrate and every test-database flush.
        post_migrate.connect(sync_after_migrate, sender=self)
