from django.urls import path

from dxtalent.web.planning import views

urlpatterns = [
    path("plan/", views.plan, name="planning-plan"),
    path("plan/runs/<int:pk>/", views.run_detail, name="planning-run"),
    path("plan/runs/<int:pk>/status", views.run_status, name="planning-run-status"),
    path("plan/runs/<int:pk>.xlsx", views.run_export, name="planning-export"),
]
