from django.urls import path

from dxtalent.web.diagnostics import views

urlpatterns = [
    path("team/", views.team, name="diagnostics-team"),
    path("team/settings/", views.settings, name="diagnostics-settings"),
]
