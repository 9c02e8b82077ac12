from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from grid import urls as grid_urls
from home import routing as home_routing
from home import views as home_views
from home import views_reach
from residents import views as residents_views
from search import views as search_views

from .api import api_router

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("n/<str:code>", views_reach.short_link, name="short_link"),  # the noticeboard's QR codes and texts
    # Before Wagtail's own: its login form has no limit on failed attempts, allauth's has (residents.views).
    path("admin/login/", residents_views.admin_login, name="portal_admin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path(
        "documents/authenticate_with_password/<int:restriction_id>/",
        residents_views.document_password,
        name="wagtaildocs_authenticate_with_password",
    ),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/consultations/", include("consultations.api_urls")),  # consultations: open data
    path("api/v2/", api_router.urls),
    path("open311/v2/", include((grid_urls.open311_urlpatterns, "open311"))),  # grid: GeoReport v2
]

urlpatterns += i18n_patterns(
    path("elder-mode/<str:state>/", home_views.set_elder_mode, name="elder_mode"),
    path("search/", search_views.search, name="search"),
    path("print/<str:code>/", views_reach.print_sheet, name="print_sheet"),
    # Where LocaleMiddleware sends an unknown /n/<code> (its 404s get the language prefix): the 404 in that language.
    path("n/<str:code>/", views_reach.short_link, name="short_link_in_language"),
    path("accounts/profile/", include("residents.urls")),
    path("accounts/login/code/confirm/", residents_views.confirm_login_code),
    path("accounts/", include("allauth.urls")),
    path("requests/", include("grid.urls")),  # grid: resident requests
    path("supervision/", include("supervision.urls")),  # supervision: public calendar, complaints
    path("consultations/", include("consultations.urls")),
    path("notifications/", include("notifications.urls")),
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", home_routing.serve, name="page"),  # Wagtail's serve, fewer queries
    # Wagtail's front-end sign-in and page-password forms, in front of its own: allauth's limits, the portal's limiter.
    path("_util/login/", residents_views.frontend_login, name="wagtailcore_login"),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        residents_views.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "portal.badinput.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
# allauth's own limits (failed sign-ins, sign-ups, codes) answer with the portal's "slow down" page.
handler429 = "portal.ratelimit.allauth_429"
