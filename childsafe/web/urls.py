from django.urls import path

from childsafe.web import language, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("language/check", language.language_check, name="language_check"),
]
