"""URL map: the web pages, the API under /api/, and Django admin for staff superusers."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from dxtalent.web.api.urls import api
from dxtalent.web.health import health
from dxtalent.web.surveys import urls as surveys_urls

urlpatterns: list[URLPattern | URLResolver] = [
    path("health", health, name="health"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("accounts/", include("dxtalent.web.accounts.urls")),
    path("organisations/", include("dxtalent.web.organisations.urls")),
    path("surveys/", include("dxtalent.web.surveys.urls")),
    path("standardization/", include("dxtalent.web.standardization.urls")),
    # A respondent's private survey form: the link is the key, no login.
    path("s/", include(surveys_urls.respondent_urlpatterns)),
    path("", include("dxtalent.web.dashboard.urls")),
]

if settings.DEBUG:  # pragma: no cover - served by WhiteNoise in production
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
