from django.urls import path

from dxtalent.web.frameworks import views

# The names keep their "people-" prefix: links, templates and bookmarks use them.
urlpatterns = [
    path("frameworks/", views.frameworks, name="people-frameworks"),
    path("frameworks/<int:pk>/", views.framework_detail, name="people-framework-detail"),
    path("frameworks/<int:pk>/copy/", views.framework_copy, name="people-framework-copy"),
    path("frameworks/<int:pk>/targets/", views.framework_targets, name="people-framework-targets"),
]
