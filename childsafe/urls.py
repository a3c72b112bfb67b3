"""Every URL the service answers, by domain."""

from django.contrib import admin
from django.urls import include, path

from childsafe.web import views as web_views

urlpatterns = [
    path("healthz", web_views.healthz, name="healthz"),
    path("account/", include("childsafe.accounts.urls")),
    path("cases/", include("childsafe.cases.urls")),
    path("cases/", include("childsafe.chronology.urls")),
    path("cases/", include("childsafe.audit.urls")),
    # These apps name their own full paths: case pages under cases/<id>/, their own pages under their prefix.
    path("", include("childsafe.assessments.urls")),
    path("", include("childsafe.services.urls")),
    path("", include("childsafe.plans.urls")),
    path("", include("childsafe.safety.urls")),
    path("", include("childsafe.documents.urls")),
    path("", include("childsafe.work.urls")),
    path("admin/", admin.site.urls),
    path("", include("childsafe.web.urls")),
]
