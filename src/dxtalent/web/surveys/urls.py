from django.urls import path

from dxtalent.web.surveys import views

urlpatterns = [
    path("published/", views.published, name="surveys-published"),
    path("published.xlsx", views.published_export, name="surveys-published-export"),
    path("audit/", views.audit_upload, name="surveys-audit"),
]
