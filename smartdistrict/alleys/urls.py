"""Pages of the alley-upgrade programme, mounted at /alleys/ (namespace ``alleys``).

Public: the programme, each project's accounts, online voting, the group head's meeting
link. The ward's pages live under /alleys/staff/. A project's code never reads "staff",
"vote" or "meeting" (codes are hem-YYYY-NNN), so the catch-all project route comes last.
"""

from django.urls import path

from smartdistrict.alleys.views import export, manage, public, staff, vote

app_name = "alleys"

urlpatterns = [
    path("", public.programme, name="programme"),
    path("alleys.geojson", public.programme_geojson, name="geojson"),
    path("vote/", vote.vote, name="vote"),
    path("meeting/<str:key>/", vote.meeting, name="meeting"),
    path("staff/", staff.home, name="staff"),
    path("staff/candidates/", staff.candidate_list, name="candidates"),
    path("staff/export.xlsx", export.export, name="export"),
    path("staff/alleys/new/", staff.alley_new, name="alley-new"),
    path("staff/alleys/<str:code>/", staff.alley_page, name="alley"),
    path("staff/alleys/<str:code>/households", staff.household_add, name="household-add"),
    path("staff/alleys/<str:code>/proposals", staff.proposal_new, name="proposal-new"),
    path("staff/p/<str:code>/", manage.manage, name="manage"),
    path("staff/p/<str:code>/receipts/<str:number>", manage.receipt, name="receipt"),
    path("staff/p/<str:code>/<str:action>", manage.act, name="act"),
    path("<str:code>/", public.project, name="project"),
]
