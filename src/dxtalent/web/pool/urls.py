from django.urls import path

from dxtalent.web.pool import views

urlpatterns = [
    path("pool/", views.pool, name="pool-home"),
    path("pool/sharing/", views.sharing, name="pool-sharing"),
    path("pool/requests/", views.request_add, name="pool-request-add"),
    path("pool/requests/<int:pk>/", views.request_edit, name="pool-request-edit"),
    path("pool/requests/<int:pk>/delete/", views.request_delete, name="pool-request-delete"),
    path("pool/professionals/", views.professional_add, name="pool-professional-add"),
    path("pool/professionals/<int:pk>/", views.professional_edit, name="pool-professional-edit"),
    path(
        "pool/professionals/<int:pk>/delete/",
        views.professional_delete,
        name="pool-professional-delete",
    ),
    path("pool/import/", views.requests_import, name="pool-import"),
    path("pool/allocation/", views.allocation, name="pool-allocation"),
    path(
        "pool/allocation/<int:pk>/accept/", views.allocation_accept, name="pool-allocation-accept"
    ),
    path("pool/allocation.xlsx", views.allocation_export, name="pool-allocation-export"),
    path("pool/aggregates/", views.aggregates, name="pool-aggregates"),
    path("pool/peers/", views.peers, name="pool-peers"),
    path("pool/peers/sharing/", views.peers_sharing, name="pool-peers-sharing"),
]
