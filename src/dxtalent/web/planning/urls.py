from django.urls import path

from dxtalent.web.planning import views

urlpatterns = [
    path("plan/", views.plan, name="planning-plan"),
    path("plan.xlsx", views.plan_export, name="planning-export"),
]
