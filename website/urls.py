from importlib import import_module

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.module_loading import module_has_submodule
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from website import views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.search, name="search"),
    path("search/suggest/", views.suggest, name="search_suggest"),
    path("healthz/", views.healthz, name="healthz"),
    path("care-mode/", views.care_mode, name="care_mode"),
    path("sitemap.xml", sitemap, name="sitemap"),
]

# An app that serves something outside the page tree (an API, a feed) keeps it in its own urls.py, and
# is included here. The website's own URLs are the ones above (this module is website's urls).
OTHER_APPS_WITH_URLS = [
    app_name
    for app_name in settings.PROJECT_APPS
    if app_name != "website" and module_has_submodule(import_module(app_name), "urls")
]
for app_name in OTHER_APPS_WITH_URLS:
    urlpatterns.append(path("", include(f"{app_name}.urls")))

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))

handler400 = "website.errors.bad_request"
