"""My work pages."""

from __future__ import annotations

from django.urls import path

from childsafe.work import views

app_name = "work"
urlpatterns = [path("work/", views.my_work, name="today")]
