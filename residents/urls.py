from django.urls import path

from . import views

app_name = "residents"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("export/", views.export_data, name="export"),
    path("delete/", views.delete, name="delete"),
    path("verification/", views.verification_help, name="verification_help"),
    path("take-part/<slug:code>/", views.take_part, name="take_part"),
]
