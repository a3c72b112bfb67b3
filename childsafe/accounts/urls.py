from django.urls import path

from childsafe.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("signed-out/", views.signed_out, name="signed_out"),
    path("timed-out/", views.timed_out, name="timed_out"),
    path("keep-alive/", views.keep_alive, name="keep_alive"),
]
