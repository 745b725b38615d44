from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from smartdistrict.core import views as core_views
from smartdistrict.core.downloads import views as downloads
from smartdistrict.core.health import healthz, readyz
from smartdistrict.core.observability.metrics import metrics_view

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("readyz", readyz, name="readyz"),
    path("metrics", metrics_view, name="metrics"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("downloads/<uuid:download_id>", downloads.download_page, name="download"),
    path("downloads/<uuid:download_id>/<str:filename>", downloads.download_file,
         name="download-file"),
    path("admin/", admin.site.urls),
    path("api-auth/", include("rest_framework.urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema"),
        name="api-docs",
    ),
    path("api/v1/geography/", include("smartdistrict.geography.api.urls")),
    path("api/v1/survey/", include("smartdistrict.survey.api.urls")),
    path("api/v1/alleys/", include("smartdistrict.alleys.api.urls")),
    path("api/v1/", include("smartdistrict.feedback.api.urls")),
    path("open311/v2/", include("smartdistrict.open311.urls")),
    path("zalo/", include("smartdistrict.inbox.urls")),
    path("", include("smartdistrict.environment.urls")),
    path("console/", include("smartdistrict.console.urls")),
    path("targets/", include("smartdistrict.targets.urls")),
    path("alleys/", include("smartdistrict.alleys.urls")),
    path("dashboard/", include("smartdistrict.dashboard.urls")),
    path("survey/", include("smartdistrict.survey.urls")),
    path("", include("smartdistrict.portal.urls")),
]

admin.site.site_header = "smartdistrict"
admin.site.site_title = "smartdistrict"

# Uploaded photos are public once re-encoded without EXIF. The app serves them so that a
# single-host install works; in production the reverse proxy serves MEDIA_ROOT directly.
urlpatterns += [
    re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", core_views.media, name="media")
]
