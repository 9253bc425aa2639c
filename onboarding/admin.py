from django.contrib import admin

from accounts.admin import AuditedModelAdmin
from onboarding.models import RejectionReason, TrustedDomain


@admin.register(TrustedDomain)
class TrustedDomainAdmin(AuditedModelAdmin):
    list_display = ("domain", "organisation", "country")
    search_fields = ("domain", "organisation")


@admin.register(RejectionReason)
class RejectionReasonAdmin(AuditedModelAdmin):
    list_display = ("title", "active")
    list_filter = ("active",)
