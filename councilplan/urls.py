"""URL map: the public front page, sign-in, the staff area and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from councilplan.accounts.views import LoginView
from councilplan.web.converters import PeriodConverter
from councilplan.web.views import approvals, public, reporting, staff, uploads

register_converter(PeriodConverter, "period")

admin.site.site_header = "councilplan administration"
admin.site.site_title = "councilplan"
admin.site.index_title = "Plan register"

staff_patterns = [
    path("", reporting.my_updates, name="my-updates"),
    path("plans/", staff.plans, name="plans"),
    path("plans/<int:plan_id>/", staff.plan_overview, name="plan"),
    path("plans/<int:plan_id>/<period:period>/", staff.plan_overview, name="plan-period"),
    path("actions/<int:action_id>/", staff.action_detail, name="action"),
    path("actions/<int:action_id>/comment/", staff.comment, name="comment"),
    path(
        "actions/<int:action_id>/update/<period:period>/",
        reporting.action_update,
        name="action-update",
    ),
    path("measures/<int:measure_id>/", staff.measure_detail, name="measure"),
    path(
        "measures/<int:measure_id>/value/<period:period>/",
        reporting.measure_value,
        name="measure-value",
    ),
    path("approvals/", approvals.queue, name="approvals"),
    path("values/upload/", uploads.upload_values, name="upload-values"),
    path("approvals/<str:kind>/<int:pk>/", approvals.decide, name="decide"),
    path("periods/<int:period_id>/lock/", approvals.lock, name="lock"),
    path("chase/", approvals.chase, name="chase"),
]

urlpatterns = [
    path("", public.home, name="home"),
    path("sign-in/", LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", include((staff_patterns, "staff"))),
    path("admin/", admin.site.urls),
]
