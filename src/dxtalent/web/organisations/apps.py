from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "dxtalent.web.organisations"
    label = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        from django.utils.translation import get_language, gettext, ngettext, override

        from dxtalent.core import i18n
        from dxtalent.web.organisations.services import sync_after_migrate

        # Core marks its messages but never imports Django: it translates them with Django's
        # gettext, in the language of the request (or of the command) when they are shown.
        i18n.install(gettext, ngettext, lambda: get_language() or "ja", override)

        # After every migrate (and every test-database flush) the list of local governments is
        # brought up to date with the installed source; the sync is idempotent.
        post_migrate.connect(sync_after_migrate, sender=self)
