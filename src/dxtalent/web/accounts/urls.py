from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from dxtalent.web.accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="accounts-login"),
    path("logout/", auth_views.LogoutView.as_view(), name="accounts-logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(
            template_name="accounts/password_change.html",
            success_url=reverse_lazy("accounts-password-changed"),
        ),
        name="accounts-password-change",
    ),
    path(
        "password/changed/",
        auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_changed.html"),
        name="accounts-password-changed",
    ),
    path(
        "password/reset/",
        views.PasswordResetView.as_view(),
        name="accounts-password-reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_sent.html"),
        name="accounts-password-reset-sent",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts-password-reset-complete"),
        ),
        name="accounts-password-reset-confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="accounts-password-reset-complete",
    ),
    path("invitation/<str:token>/", views.invitation, name="accounts-invitation"),
    path("tokens/", views.tokens, name="accounts-tokens"),
    path("tokens/<int:pk>/revoke/", views.revoke_token, name="accounts-token-revoke"),
]
