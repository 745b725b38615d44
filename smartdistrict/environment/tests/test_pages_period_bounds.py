"""Dates at the ends of the calendar on the station page, its charts and exports are a
form error, not a 500 (issue 13: a day before 0001-01-01 or after 9999-12-31 overflowed)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

QUERIES = ["start=0001-01-01&end=0001-01-02", "start=9999-12-30&end=9999-12-31",
           "start=0001-01-01", "end=9999-12-31", "end=0001-01-01", "start=9999-12-31"]
PAGES = ["/environment/stations/XT-01", "/environment/stations/XT-01/export.csv",
         "/environment/stations/XT-01/export.xlsx", "/environment/stations/XT-01/wqi.svg",
         "/environment/stations/XT-01/charts/DO.svg"]


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("page", PAGES)
def test_a_date_at_the_end_of_the_calendar_is_no_server_error(client, station, page, query):
    response = client.get(f"{page}?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code < 500


@pytest.mark.parametrize("query", QUERIES)
def test_the_station_page_says_which_dates_it_takes(client, station, query):
    response = client.get(f"/environment/stations/XT-01?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Choose a date from 01/01/1900 to 31/12/2999." in response.content.decode()
