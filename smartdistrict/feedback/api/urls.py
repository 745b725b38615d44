from django.urls import path

from smartdistrict.feedback.api import forward, views

urlpatterns = [
    path("categories", views.CategoryListView.as_view(), name="category-list"),
    path("categories/suggest", views.SuggestView.as_view(), name="category-suggest"),
    path("reports", views.ReportListCreateView.as_view(), name="report-list"),
    path("reports/nearby", views.NearbyView.as_view(), name="report-nearby"),
    path("reports/satisfaction", views.SatisfactionView.as_view(), name="report-satisfaction"),
    path("reports/<str:code>", views.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<str:code>/transitions", views.ReportTransitionView.as_view(),
         name="report-transitions"),
    path("reports/<str:code>/forward", forward.ReportForwardView.as_view(),
         name="report-forward"),
    path("reports/<str:code>/contact", views.ReportContactView.as_view(), name="report-contact"),
    path("reports/<str:code>/support", views.SupportView.as_view(), name="report-support"),
    path("reports/<str:code>/rating", views.RatingView.as_view(), name="report-rating"),
    path("reports/<str:code>/reopen", views.ReopenView.as_view(), name="report-reopen"),
]
