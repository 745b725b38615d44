"""URL routes of the targets app, mounted at /targets/ (namespace ``targets``)."""

from django.urls import path

from smartdistrict.targets.views import indicators, projects, workbook

app_name = "targets"

urlpatterns = [
    path("", indicators.indicator_list, name="list"),
    path("indicators/<str:code>/", indicators.indicator_detail, name="indicator"),
    path("indicators/<str:code>/chart.svg", indicators.indicator_chart, name="indicator-chart"),
    path("indicators/<str:code>/measurements", indicators.measurement_save,
         name="measurement-save"),
    path("indicators/<str:code>/measurements/<str:period>/delete",
         indicators.measurement_remove, name="measurement-delete"),
    path("projects/", projects.projects, name="projects"),
    path("projects.geojson", projects.projects_geojson, name="projects-geojson"),
    path("milestones/<int:milestone_id>/actual", projects.milestone_actual,
         name="milestone-actual"),
    path("import/", workbook.import_workbook, name="import"),
    path("import/commit", workbook.import_commit, name="import-commit"),
    path("export.xlsx", workbook.export_workbook, name="export"),
]
