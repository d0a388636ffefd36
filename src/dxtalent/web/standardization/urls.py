from django.urls import path

from dxtalent.web.standardization import views

urlpatterns = [
    path("", views.national, name="standardization-national"),
]

organisation_urlpatterns = [
    path("standardization/", views.register, name="standardization-register"),
    path("standardization/prefill/", views.prefill, name="standardization-prefill"),
    path("standardization/systems/new/", views.system_create, name="standardization-system-create"),
    path(
        "standardization/systems/<int:pk>/edit/",
        views.system_edit,
        name="standardization-system-edit",
    ),
    path("standardization/contracts/", views.contracts, name="standardization-contracts"),
    path(
        "standardization/contracts/new/",
        views.contract_create,
        name="standardization-contract-create",
    ),
    path(
        "standardization/contracts/<int:pk>/edit/",
        views.contract_edit,
        name="standardization-contract-edit",
    ),
    path("standardization/import/", views.import_register, name="standardization-import"),
    path(
        "standardization/import/<str:kind>.<str:fmt>",
        views.import_template,
        name="standardization-import-template",
    ),
    path(
        "standardization/export/<str:kind>.<str:fmt>",
        views.export_register,
        name="standardization-export",
    ),
    path("standardization/vendors/new/", views.vendor_create, name="standardization-vendor-create"),
    path(
        "standardization/vendors/<int:pk>/edit/",
        views.vendor_edit,
        name="standardization-vendor-edit",
    ),
]
