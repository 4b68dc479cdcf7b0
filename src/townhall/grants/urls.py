from django.urls import path

from townhall.grants import applicant_views as mine
from townhall.grants import assessor_views, views

urlpatterns = [
    path("grants/", views.schemes, name="grant-schemes"),
    path("grants/awards/", views.awards, name="grant-awards"),
    path("grants/awards.json", views.awards_json, name="grant-awards-json"),
    path("grants/awards.csv", views.awards_csv, name="grant-awards-csv"),
    path("grants/<int:pk>/eligibility/", views.eligibility, name="grant-eligibility"),
    path("grants/rounds/<int:round_id>/apply/", mine.start, name="grant-start"),
    path("grants/applications/", mine.my_applications, name="grant-applications"),
    path("grants/applications/<int:pk>/", mine.application, name="grant-application"),
    path("grants/applications/<int:pk>/check/", mine.check, name="grant-check"),
    path("grants/applications/<int:pk>/withdraw/", mine.withdraw, name="grant-withdraw"),
    path("grants/applications/<int:pk>/answer/", mine.answer, name="grant-answer"),
    path("grants/applications/<int:pk>/agreement/", mine.agreement, name="grant-agreement"),
    path(
        "grants/applications/<int:pk>/files/<int:file_id>/",
        mine.attachment,
        name="grant-file",
    ),
    path(
        "grants/applications/<int:pk>/reports/<int:report_id>/",
        mine.report,
        name="grant-report",
    ),
    path("grants/applications/<int:pk>/<slug:key>/", mine.section, name="grant-section"),
    path("grants/assess/", assessor_views.queue, name="grant-assess-queue"),
    path("grants/assess/<int:pk>/", assessor_views.assess, name="grant-assess"),
]
