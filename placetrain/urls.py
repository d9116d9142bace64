from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe for operators: no data, no session."""
    return HttpResponse("ok", content_type="text/plain")


admin.site.site_header = "placetrain"

urlpatterns = [
    path("", include("placetrain.activities.urls")),
    path("konto/", include("placetrain.accounts.urls")),
    path("deltakere/", include("placetrain.participants.urls")),
    path("arbeidsgivere/", include("placetrain.employers.urls")),
    path("praksis/", include("placetrain.placements.urls")),
    # Jobs and language plans keep the paths they had under /praksis/.
    path("praksis/", include("placetrain.employment.urls")),
    path("praksis/", include("placetrain.language.urls")),
    path("forslag/", include("placetrain.matching.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
