from django.urls import path

from . import views, views_author

app_name = "consultations"
urlpatterns = [
    path("<int:page_id>/vote/<int:question_id>/", views.vote, name="vote"),
    path("<int:page_id>/proposals/new/", views.new_proposal, name="new_proposal"),
    path("<int:page_id>/proposals/<int:proposal_id>/support/", views.toggle_support, name="support"),
    path("<int:page_id>/proposals/<int:proposal_id>/edit/", views_author.edit_proposal, name="edit_proposal"),
    path(
        "<int:page_id>/proposals/<int:proposal_id>/withdraw/", views_author.withdraw_proposal, name="withdraw_proposal"
    ),
    path("<int:page_id>/comments/", views.comment, name="comment"),
    path("<int:page_id>/comments/<int:comment_id>/report/", views.report, name="report"),
    path("<int:page_id>/comments/<int:comment_id>/edit/", views.edit_comment, name="edit_comment"),
    path("<int:page_id>/follow/", views.toggle_follow, name="follow"),
    path("<int:page_id>/results.csv", views.results_csv, name="results_csv"),
]
