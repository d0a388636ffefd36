from django.urls import path

from dxtalent.web.reports import views

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
]
