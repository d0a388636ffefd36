from django.urls import path

from dxtalent.web.surveys import views

urlpatterns = [
    path("published/", views.published, name="surveys-published"),
    path("published.xlsx", views.published_export, name="surveys-published-export"),
    path("audit/", views.audit_upload, name="surveys-audit"),
]

organisation_urlpatterns = [
    path("surveys/", views.survey_list, name="surveys-list"),
    path("surveys/<int:pk>/", views.survey_detail, name="surveys-detail"),
    path("surveys/<int:pk>.xlsx", views.survey_export, name="surveys-export"),
    path("surveys/<int:pk>/crosstab/", views.survey_crosstab, name="surveys-crosstab"),
    path(
        "surveys/<int:pk>/questionnaire.json",
        views.survey_questionnaire,
        name="surveys-questionnaire",
    ),
]

respondent_urlpatterns = [
    path("<str:token>/", views.respond, name="surveys-respond"),
]
