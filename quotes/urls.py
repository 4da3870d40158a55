from django.urls import path

from . import exports, feeds, views

urlpatterns = [
    path("", views.home, name="home"),
    path("export.csv", exports.csv_response, name="export_csv"),
    path("export.json", exports.json_response, name="export_json"),
    path("feeds/search/", feeds.SearchFeed(), name="search_feed"),
    path("feeds/people/<slug:slug>/", feeds.PersonFeed(), name="person_feed"),
    path("people/<slug:slug>/", views.person, name="person"),
    path("outlets/<slug:slug>/", views.outlet, name="outlet"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("<str:kind>/<int:pk>/", views.statement, name="statement"),
]
