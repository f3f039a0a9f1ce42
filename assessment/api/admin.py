"""API tokens in the admin: listed, named and revoked by the office (and superusers); the secret is never shown.

Tokens are created with `manage.py api_token`, which prints the secret once; the admin has no add form.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from assessment import permissions
from assessment.api.models import ApiToken
from assessment.api.tokens import token_name_problem, token_revoke


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        problem = token_name_problem(name)
        if problem:
            raise forms.ValidationError(problem)
        return name


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = ApiTokenForm
    list_display = ("name", "user", "created_at", "last_used_at", "revoked", "revoked_at")
    list_filter = ("revoked",)
    search_fields = ("name", "user__username")
    fields = ("name", "user", "created_at", "last_used_at", "revoked", "revoked_at")
    readonly_fields = ("user", "created_at", "last_used_at", "revoked", "revoked_at")
    actions = ["revoke"]
    list_select_related = ("user",)

    def get_queryset(self, request):
        return permissions.scope_for_model(request.user, super().get_queryset(request))

    def has_module_permission(self, request):
        return permissions.can_manage_api_tokens(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_manage_api_tokens(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.can_manage_api_tokens(request.user)

    def has_add_permission(self, request):
        return False  # manage.py api_token prints the secret once; a form could not show it safely

    def has_delete_permission(self, request, obj=None):
        return False  # revoked tokens stay listed: who had access, until when

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.action(description=_("吊销所选令牌"))
    def revoke(self, request, queryset):
        count = 0
        for token in queryset.filter(revoked=False):
            token_revoke(token=token)
            count += 1
        self.message_user(request, f"已吊销 {count} 个令牌，使用它们的请求将被拒绝（401）。", messages.SUCCESS)
