from django.contrib import admin

from dxtalent.web.accounts.forms import ThrottledAdminLoginForm
from dxtalent.web.accounts.models import ApiToken, LoginFailure

# The admin site's login page shares the app's login throttle (issue #14).
admin.site.login_form = ThrottledAdminLoginForm


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin[ApiToken]):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "expires_at")
    readonly_fields = ("key_hash", "prefix")


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin[LoginFailure]):
    list_display = ("username", "address", "at")
