from django.urls import path

from smartdistrict.survey.api import views

urlpatterns = [
    path("indices", views.IndicesView.as_view(), name="survey-indices"),
    path("procedures", views.ProcedureListView.as_view(), name="survey-procedures"),
    path("counters", views.CounterListView.as_view(), name="survey-counters"),
    path("dossiers", views.DossierCreateView.as_view(), name="survey-dossiers"),
    path("responses", views.ResponseCreateView.as_view(), name="survey-responses"),
]
