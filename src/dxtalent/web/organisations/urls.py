from django.urls import path

from dxtalent.web.organisations import views

urlpatterns = [
    path("", views.directory, name="organisations-directory"),
    path("new/", views.create, name="organisations-create"),
    path("<str:code>/members/", views.members, name="organisations-members"),
    path("<str:code>/members/invite/", views.invite_member, name="organisations-invite"),
    path("<str:code>/members/add/", views.add_person, name="organisations-add-person"),
    path("<str:code>/members/<int:pk>/role/", views.member_role, name="organisations-member-role"),
    path(
        "<str:code>/members/<int:pk>/remove/",
        views.member_remove,
        name="organisations-member-remove",
    ),
    path(
        "<str:code>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="organisations-invitation-revoke",
    ),
    path("<str:code>/audit/", views.audit, name="organisations-audit"),
]
