"""URL map: the public front page, sign-in, the staff area and the admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, register_converter

from councilplan.accounts.views import LoginView
from councilplan.api.main import api
from councilplan.web.converters import PeriodConverter
from councilplan.web.views import (
    approvals,
    dashboard,
    imports,
    public,
    reporting,
    staff,
    tokens,
    uploads,
)

register_converter(PeriodConverter, "period")

admin.site.site_header = "councilplan administration"
admin.site.site_title = "councilplan"
admin.site.index_title = "Plan register"

staff_patterns = [
    path("", reporting.my_updates, name="my-updates"),
    path("plans/", staff.plans, name="plans"),
    path("plans/<int:plan_id>/", staff.plan_overview, name="plan"),
    path("plans/<int:plan_id>/<period:period>/", staff.plan_overview, name="plan-period"),
    path("dashboard/", dashboard.choose_plan, name="dashboards"),
    path("plans/<int:plan_id>/dashboard/", dashboard.plan_dashboard, name="dashboard"),
    path(
        "plans/<int:plan_id>/dashboard/<period:period>/",
        dashboard.plan_dashboard,
        name="dashboard-period",
    ),
    path(
        "plans/<int:plan_id>/dashboard/<period:period>/timeline/",
        dashboard.plan_timeline,
        name="dashboard-timeline",
    ),
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
    path("imports/", imports.upload, name="imports"),
    path("imports/<int:job_id>/", imports.job, name="import"),
    path("imports/<int:job_id>/progress/", imports.progress, name="import-progress"),
    path("imports/<int:job_id>/mapping/", imports.mapping, name="import-mapping"),
    path("imports/<int:job_id>/apply/", imports.apply, name="import-apply"),
    path("approvals/<str:kind>/<int:pk>/", approvals.decide, name="decide"),
    path("periods/<int:period_id>/lock/", approvals.lock, name="lock"),
    path("chase/", approvals.chase, name="chase"),
    path("tokens/", tokens.api_tokens, name="api-tokens"),
    path("tokens/<int:token_id>/revoke/", tokens.revoke_api_token, name="revoke-api-token"),
]

urlpatterns = [
    path("", public.home, name="home"),
    path("plans/<slug:organisation>/<slug:plan>/", public.plan, name="public-plan"),
    path(
        "plans/<slug:organisation>/<slug:plan>/actions/<int:action_id>/",
        public.action,
        name="public-action",
    ),
    path(
        "plans/<slug:organisation>/<slug:plan>.csv",
        public.plan_download,
        {"fmt": "csv"},
        name="public-plan-csv",
    ),
    path(
        "plans/<slug:organisation>/<slug:plan>.json",
        public.plan_download,
        {"fmt": "json"},
        name="public-plan-json",
    ),
    path("measures/<int:measure_id>/", public.measure, name="public-measure"),
    path("accessibility/", public.accessibility, name="accessibility"),
    path("sign-in/", LoginView.as_view(), name="login"),
    path("sign-out/", auth_views.LogoutView.as_view(), name="logout"),
    path("staff/", include((staff_patterns, "staff"))),
    path("staff/reports/", include("councilplan.web.views.reports")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
]
