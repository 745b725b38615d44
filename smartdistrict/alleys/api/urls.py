from django.urls import path

from smartdistrict.alleys.api import views

urlpatterns = [
    path("register", views.AlleyListView.as_view(), name="alleys-register"),
    path("register/<str:code>", views.AlleyDetailView.as_view(), name="alleys-register-detail"),
    path("projects", views.ProjectListView.as_view(), name="alleys-projects"),
    path("projects/<str:code>", views.ProjectDetailView.as_view(), name="alleys-project"),
    path("candidates", views.CandidateListView.as_view(), name="alleys-candidates"),
    path("votes", views.VoteView.as_view(), name="alleys-votes"),
]
