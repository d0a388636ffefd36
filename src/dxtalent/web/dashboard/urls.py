from django.urls import include, path

from dxtalent.web.dashboard import views
from dxtalent.web.standardization import urls as standardization_urls
from dxtalent.web.surveys import urls as surveys_urls

urlpatterns = [
    path("", views.home, name="dashboard-home"),
    path("o/<str:code>/", views.organisation, name="dashboard-organisation"),
    path("o/<str:code>/", include("dxtalent.web.people.urls")),
    path("o/<str:code>/", include("dxtalent.web.frameworks.urls")),
    path("o/<str:code>/", include("dxtalent.web.diagnostics.urls")),
    path("o/<str:code>/", include("dxtalent.web.planning.urls")),
    path("o/<str:code>/", include("dxtalent.web.reports.urls")),
    path("o/<str:code>/", include(surveys_urls.organisation_urlpatterns)),
    path("o/<str:code>/", include("dxtalent.web.interviews.urls")),
    path("o/<str:code>/", include(standardization_urls.organisation_urlpatterns)),
    path("o/<str:code>/", include("dxtalent.web.pool.urls")),
]
