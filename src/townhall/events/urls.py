from django.urls import path

from townhall.events import views

urlpatterns = [
    path("events/", views.upcoming, name="events"),
    path("events/past/", views.past, name="events-past"),
    path("events/calendar/", views.this_month, name="events-this-month"),
    path("events/calendar/<id:year>/<id:month>/", views.month, name="events-month"),
    path("events/calendar.ics", views.site_calendar, name="events-ics"),
    path("events/<id:pk>.ics", views.event_ics, name="event-ics"),
    path("events/<id:pk>/rsvp/", views.answer, name="event-rsvp"),
    path("events/rsvp/<str:token>/", views.confirm, name="rsvp-confirm"),
    path("events/rsvp/<str:token>/cancel/", views.cancel, name="rsvp-cancel"),
]
