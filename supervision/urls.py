from django.urls import path

from . import audits, views

app_name = "supervision"

urlpatterns = [
    path("calendar/", views.county_calendar, name="county_calendar"),
    path("<slug:code>/calendar/", views.village_calendar, name="village_calendar"),
    path("<slug:code>/complaints/", views.complaint_list, name="complaints"),
    path("<slug:code>/evaluations/", views.evaluation_results, name="evaluations"),
    path("<slug:code>/complaints/new/", views.new_complaint, name="new_complaint"),
    path("<slug:code>/audits/", audits.village_audits, name="audits"),
]
