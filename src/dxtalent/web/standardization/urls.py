from django.urls import path

from dxtalent.web.standardization import views

urlpatterns = [
    path("", views.national, name="standardization-national"),
]
