from django.urls import path
from django.views.decorators.http import require_POST

from . import exports, feeds, views
from .limits import rate_limited

# Exports and feeds are anonymous and cost a query over the whole archive:
# limited per client address (EXPORT_RATE_LIMIT, FEED_RATE_LIMIT).
export = rate_limited("export", "EXPORT_RATE_LIMIT")
feed = rate_limited("feed", "FEED_RATE_LIMIT")
report = rate_limited("report", "REPORT_RATE_LIMIT")

urlpatterns = [
    path("", views.home, name="home"),
    path("check/", views.check_quote, name="check"),
    path("export.csv", export(exports.csv_response), name="export_csv"),
    path("export.json", export(exports.json_response), name="export_json"),
    path("feeds/search/", feed(feeds.SearchFeed()), name="search_feed"),
    path("feeds/people/<slug:slug>/", feed(feeds.PersonFeed()), name="person_feed"),
    path("people/", views.people, name="people"),
    path("outlets/", views.outlets, name="outlets"),
    path("articles/", views.articles, name="articles"),
    path("facets/<str:name>/", views.facet, name="facet"),
    path("about/", views.about, name="about"),
    path("report/", views.report_form, name="report_form"),
    path("report/send/", require_POST(report(views.report)), name="report"),
    path("people/<slug:slug>/", views.person, name="person"),
    path("outlets/<slug:slug>/", views.outlet, name="outlet"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("<str:kind>/<int:pk>/", views.statement, name="statement"),
]
