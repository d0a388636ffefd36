from django.urls import path

from dxtalent.web.reports import document_views, views

urlpatterns = [
    path(
        "team/report/<slug:audience>.<slug:fmt>",
        views.diagnosis,
        name="reports-diagnosis",
    ),
    path(
        "plan/runs/<int:pk>/report/<slug:audience>.<slug:fmt>",
        views.plan,
        name="reports-plan",
    ),
    path("plan/runs/<int:pk>/policy.<slug:fmt>", views.policy, name="reports-policy"),
    path("surveys/<int:pk>/report.<slug:fmt>", document_views.survey, name="reports-survey"),
    path(
        "interviews/<int:pk>/joint/report.<slug:fmt>",
        document_views.joint,
        name="reports-joint",
    ),
    path("people/<int:pk>/sheet.<slug:fmt>", document_views.person, name="reports-person"),
]
