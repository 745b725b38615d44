"""The project's URLs plus one view that authenticates with HTTP Basic, as a view that
enabled DRF's BasicAuthentication would: it must go through the same log-in throttle."""

from django.urls import path
from rest_framework.authentication import BasicAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from smartdistrict.urls import urlpatterns as project_urlpatterns


class WhoAmI(APIView):
    authentication_classes = [BasicAuthentication]
    permission_classes = [IsAuthenticated]

    def get(self, request):
        return Response({"username": request.user.get_username()})


urlpatterns = [path("api/v1/test-basic-auth", WhoAmI.as_view()), *project_urlpatterns]
