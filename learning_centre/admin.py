from django.contrib import admin

from accounts.admin import AuditedModelAdmin
from learning_centre.models import Stage


@admin.register(Stage)
class StageAdmin(AuditedModelAdmin):
    list_display = ["position", "name", "key"]
    ordering = ["position"]
