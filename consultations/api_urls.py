from django.urls import path

from . import api

app_name = "consultations_api"
urlpatterns = [
    path("proposals/", api.ProposalList.as_view(), name="proposals"),
    path("<int:page_id>/tally/", api.TallyView.as_view(), name="tally"),
]
