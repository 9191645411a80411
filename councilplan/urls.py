"""URL map: the admin now; the staff area, public site and API join as they are built."""

from django.contrib import admin
from django.urls import path

from councilplan.web import views

admin.site.site_header = "councilplan administration"
admin.site.site_title = "councilplan"
admin.site.index_title = "Plan register"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
]
