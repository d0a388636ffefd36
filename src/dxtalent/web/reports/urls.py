from django.urls import path

from dxtalent.web.reports import document_views, job_views, policy_views, views

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

# The policy chapter edited in the app, and reports through the job queue.
urlpatterns += [
    path("policy/", policy_views.draft, name="reports-policy-draft"),
    path("policy/generate", policy_views.generate, name="reports-policy-generate"),
    path("policy/edit", policy_views.edit, name="reports-policy-edit"),
    path("policy/versions/", policy_views.versions, name="reports-policy-versions"),
    path("policy/compare", policy_views.compare, name="reports-policy-compare"),
    path(
        "policy/versions/<int:number>.<slug:fmt>",
        policy_views.export,
        name="reports-policy-export",
    ),
    path("reports/jobs/", job_views.start, name="reports-job-start"),
    path("reports/jobs/<int:pk>/", job_views.job, name="reports-job"),
    path("reports/jobs/<int:pk>/progress", job_views.progress, name="reports-job-progress"),
    path("reports/jobs/<int:pk>/download", job_views.download, name="reports-job-download"),
]
