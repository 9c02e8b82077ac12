from django.urls import path

from . import open311, views

app_name = "grid"

urlpatterns = [
    path("assessment/", views.assessment_page, name="assessment"),
    path("mine/<int:pk>/", views.my_request, name="mine"),
    path("mine/<int:pk>/photo/", views.request_photo, name="photo"),
    path("<slug:code>/", views.public_list, name="public_list"),
    path("<slug:code>/new/", views.new_request, name="new"),
]

open311_urlpatterns = [
    path("services.json", open311.services, name="open311_services"),
    path("requests.json", open311.requests, name="open311_requests"),
    path("requests/<int:pk>.json", open311.request_detail, name="open311_request"),
]
