from django.urls import path

from townhall.grants import applicant_views as mine
from townhall.grants import assessor_views, views

urlpatterns = [
    path("grants/", views.schemes, name="grant-schemes"),
    path("grants/awards/", views.awards, name="grant-awards"),
    path("grants/awards.json", views.awards_json, name="grant-awards-json"),
    path("grants/awards.csv", views.awards_csv, name="grant-awards-csv"),
    path("grants/<id:pk>/eligibility/", views.eligibility, name="grant-eligibility"),
    path("grants/rounds/<id:round_id>/apply/", mine.start, name="grant-start"),
    path("grants/applications/", mine.my_applications, name="grant-applications"),
    path("grants/applications/<id:pk>/", mine.application, name="grant-application"),
    path("grants/applications/<id:pk>/check/", mine.check, name="grant-check"),
    path("grants/applications/<id:pk>/withdraw/", mine.withdraw, name="grant-withdraw"),
    path("grants/applications/<id:pk>/answer/", mine.answer, name="grant-answer"),
    path("grants/applications/<id:pk>/agreement/", mine.agreement, name="grant-agreement"),
    path(
        "grants/applications/<id:pk>/files/<id:file_id>/",
        mine.attachment,
        name="grant-file",
    ),
    path(
        "grants/applications/<id:pk>/reports/<id:report_id>/",
        mine.report,
        name="grant-report",
    ),
    path("grants/applications/<id:pk>/<slug:key>/", mine.section, name="grant-section"),
    path("grants/assess/", assessor_views.queue, name="grant-assess-queue"),
    path("grants/assess/<id:pk>/", assessor_views.assess, name="grant-assess"),
]
