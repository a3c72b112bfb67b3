"""Signing in: email address and password, with GOV.UK-style messages that never say which one was wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest

from childsafe.accounts.models import User


class SignInForm(forms.Form):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.org",
        },
    )
    password = forms.CharField(
        label="Password",
        widget=forms.PasswordInput,
        max_length=1024,
        strip=False,
        error_messages={"required": "Enter your password"},
    )

    def __init__(self, request: HttpRequest | None = None, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        email, password = cleaned.get("username"), cleaned.get("password")
        if email and password:
            user = authenticate(self.request, username=email.lower(), password=password)
            if user is None or not user.is_active:
                raise forms.ValidationError("The email address or password is not right. Check them and try again.")
            self.user = user
        return cleaned

    def get_user(self) -> User | None:
        return self.user
