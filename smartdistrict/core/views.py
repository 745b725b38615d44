"""The platform's front page until the residents' portal arrives: what is here and where."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from smartdistrict.geography.selectors import today, wards_with_boundary_status


def home(request: HttpRequest) -> HttpResponse:
    date = today()
    return render(
        request, "core/home.html", {"date": date, "wards": wards_with_boundary_status(date)}
    )
