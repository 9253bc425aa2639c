from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from hub import views

# The admin signs in through allauth: its rate limits, MFA and audit apply.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = "Safer Children Hub"

urlpatterns: list[URLPattern | URLResolver] = [
    path("health/", views.health_view, name="health"),
    path("i18n/setlang/", views.set_language_view, name="set-language"),
]
urlpatterns += i18n_patterns(
    path("", include("hub.urls_public")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("accounts.urls")),
    path("", include("onboarding.urls")),
    path("", include("tools_catalog.urls")),
    path("", include("learning_centre.urls")),
    path("", include("community.urls")),
    prefix_default_language=False,
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
