app_name = "alleys"
urlpatterns = []
