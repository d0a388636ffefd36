from django.urls import path

from dxtalent.web.interviews import views

urlpatterns = [
    path("interviews/", views.project_list, name="interviews-list"),
    path("interviews/<int:pk>/", views.project_detail, name="interviews-detail"),
    path("interviews/<int:pk>.qdpx", views.project_export, name="interviews-export"),
    path("interviews/<int:pk>/agreement/", views.coders_agreement, name="interviews-agreement"),
    path("interviews/<int:pk>/memos/", views.project_memos, name="interviews-memos"),
    path("interviews/<int:pk>/joint/", views.joint_display, name="interviews-joint"),
    path("interviews/<int:pk>/joint.xlsx", views.joint_export, name="interviews-joint-export"),
    path(
        "interviews/<int:pk>/sources/<int:source_pk>/",
        views.source_coding,
        name="interviews-source",
    ),
]
