"""Staff login and logout. Citizens never log in (they follow their cases by tracking code)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import NoReverseMatch, path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from gongkai.core.errors import GongkaiError
from gongkai.orgs.lockout import staff_authenticate
from gongkai.orgs.policy import can, public


class LoginForm(forms.Form):
    username = forms.CharField(
        label="用户名",
        max_length=150,
        error_messages={"required": "请输入用户名。"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "username",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )
    password = forms.CharField(
        label="密码",
        strip=False,
        error_messages={"required": "请输入密码。"},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


def _next_url(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    try:
        return resolve_url(settings.LOGIN_REDIRECT_URL)
    except NoReverseMatch:
        return "/workspace/"


@public
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and can(request.user, "workspace.enter"):
        return redirect(_next_url(request))
    error = None
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = staff_authenticate(
                request=request,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
            )
        except GongkaiError as exc:
            error = exc.message
        else:
            login(request, user)
            return redirect(_next_url(request))
    context = {"form": form, "error": error, "next": _next_url(request)}
    return render(request, "workspace/account/login.html", context)


@public  # anyone may end their own session; GET is refused so that links cannot log people out
@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    try:
        return redirect(resolve_url(settings.LOGOUT_REDIRECT_URL))
    except NoReverseMatch:
        return redirect("/")


urlpatterns = [
    path("login/", login_view, name="login"),
    path("logout/", logout_view, name="logout"),
]
