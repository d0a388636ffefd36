from django.urls import path

from dxtalent.web.people import training_views, views

urlpatterns = [
    path("people/", views.people_list, name="people-list"),
    path("people/new/", views.person_create, name="people-create"),
    path("people/choices/", views.person_choices, name="people-choices"),
    path("people/<int:pk>/", views.person_detail, name="people-detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="people-edit"),
    path("people/<int:pk>/posts/", views.post_add, name="people-post-add"),
    path(
        "people/<int:pk>/qualifications/", views.qualification_add, name="people-qualification-add"
    ),
    path("people/<int:pk>/notes/", views.note_add, name="people-note-add"),
    path("people/<int:pk>/assess/", views.assess, name="people-assess"),
    path("reviews/", views.reviews, name="people-reviews"),
    path("matrix/", views.matrix, name="people-matrix"),
    path("matrix.xlsx", views.matrix_export, name="people-matrix-export"),
    path("departments/", views.departments, name="people-departments"),
    path("departments/<int:pk>/edit/", views.department_edit, name="people-department-edit"),
    path("training/", training_views.programmes, name="people-programmes"),
    path(
        "training/templates/<str:template>/",
        training_views.programme_from_template,
        name="people-programme-from-template",
    ),
    path("training/<int:pk>/", training_views.programme_detail, name="people-programme-detail"),
    path("training/<int:pk>/enrol/", training_views.programme_enrol, name="people-programme-enrol"),
    path(
        "training/<int:pk>/skills/",
        training_views.programme_skill_add,
        name="people-programme-skill-add",
    ),
    path(
        "enrolments/<int:pk>/complete/",
        training_views.enrolment_complete,
        name="people-enrolment-complete",
    ),
    path("candidates/", views.candidates, name="people-candidates"),
    path("import/", views.import_data, name="people-import"),
    path("import/<str:kind>.<str:fmt>", views.import_template, name="people-import-template"),
]
