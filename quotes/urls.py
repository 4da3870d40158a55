from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("people/<slug:slug>/", views.person, name="person"),
    path("outlets/<slug:slug>/", views.outlet, name="outlet"),
    path("articles/<int:pk>/", views.article, name="article"),
    path("<str:kind>/<int:pk>/", views.statement, name="statement"),
]
