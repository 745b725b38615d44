"""Logging in and out of the console (Django's views, the console's form and templates)."""

from django.contrib.auth import views as auth_views
from django.urls import reverse_lazy

from smartdistrict.console.forms.auth import ConsoleLoginForm

login = auth_views.LoginView.as_view(
    template_name="console/login.html",
    authentication_form=ConsoleLoginForm,
    redirect_authenticated_user=True,
    next_page=reverse_lazy("console:queue"),
)

# Django's LogoutView accepts POST only (a link could log people out from another site).
logout = auth_views.LogoutView.as_view(next_page=reverse_lazy("console:login"))
