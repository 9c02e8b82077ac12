import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as wagtaildocs_views
from wagtail.models import Locale

from home.models import Village, VillagePage
from portal.ratelimit import rate_limited

from .decorators import require_verified_resident
from .forms import DeleteAccountForm, ProfileForm
from .privacy import delete_account, export_user_data, sections


def _resident(user):
    resident = getattr(user, "resident", None)
    return None if resident is None or resident.is_deleted else resident


@login_required
def profile(request):
    resident = _resident(request.user)
    form = None
    if resident is not None:
        form = ProfileForm(request.POST or None, instance=resident)
        if request.method == "POST" and form.is_valid():
            form.save()
            messages.success(request, _("Your settings are saved."))
            return redirect("residents:profile")
    contributions = [
        {"title": section.title, "items": section.contributions(request.user)}
        for section in sections()
        if section.contributions is not None
    ]
    return render(
        request,
        "residents/profile.html",
        {"resident": resident, "form": form, "contributions": contributions},
    )


@login_required
def export_data(request):
    data = export_user_data(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="village-commons-my-data-{stamp}.json"'
    return response


@login_required
def delete(request):
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        delete_account(user)
        messages.success(request, _("Your account is deleted. Thank you for taking part."))
        return redirect("/")
    return render(request, "residents/delete.html", {"form": form})


def _village(request, code):
    return get_object_or_404(Village, code=code)


@require_verified_resident(village_from=_village)
def take_part(request, code):
    """The gate in front of voting, supporting and commenting: verified residents of the village pass."""
    village = _village(request, code)
    page = VillagePage.objects.filter(village=village, locale=Locale.get_active()).first() or (
        VillagePage.objects.filter(village=village).first()
    )
    return render(request, "residents/take_part.html", {"village": village, "village_page": page})


def verification_help(request):
    """How to get verified, for anyone (linked from the refusal page and the footer)."""
    resident = _resident(request.user) if request.user.is_authenticated else None
    return render(request, "residents/verification_help.html", {"resident": resident})


def confirm_login_code(request, *args, **kwargs):
    """allauth's code confirmation, saying so when a code has expired (allauth just starts over silently)."""
    from allauth.account import views as allauth_views

    response = allauth_views.confirm_login_code(request, *args, **kwargs)
    if isinstance(response, HttpResponseRedirect) and response.url == reverse("account_request_login_code"):
        messages.error(request, _("That code has expired or was tried too many times. Ask for a new code."))
    return response


def _allauth_sign_in(request: HttpRequest) -> HttpResponse:
    """A POST to any sign-in address goes through allauth's login view, with its limits on failed attempts.

    Wagtail's forms call the account field ``username``; allauth calls it ``login``. Both are accepted, so a
    script that posts to Wagtail's old addresses meets the same limits (and the same second factor) as the form.
    """
    from allauth.account import views as allauth_views

    if "login" not in request.POST and "username" in request.POST:
        data = request.POST.copy()
        data["login"] = data["username"]
        request.POST = data
    return allauth_views.login(request)


@never_cache
def admin_login(request: HttpRequest) -> HttpResponse:
    """/admin/login/ and WAGTAILADMIN_LOGIN_URL: staff sign in through allauth's form, which limits failed attempts.

    Wagtail's own login form has no such limit, so it is never served. A signed-in account without admin access
    gets a plain refusal: sending it to the sign-in page would bounce it straight back to /admin/, in a loop.
    """
    if request.method == "POST" and not request.user.is_authenticated:
        return _allauth_sign_in(request)
    next_url = request.GET.get("next") or reverse("wagtailadmin_home")
    if not request.user.is_authenticated:
        return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url})}")
    if request.user.has_perm("wagtailadmin.access_admin"):
        return redirect("wagtailadmin_home")
    return render(request, "residents/admin_denied.html", status=403)


@never_cache
def frontend_login(request: HttpRequest) -> HttpResponse:
    """Wagtail's ``_util/login/`` (for pages restricted to signed-in visitors), answered by allauth's sign-in."""
    if request.method == "POST" and not request.user.is_authenticated:
        return _allauth_sign_in(request)
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    return HttpResponseRedirect(f"{reverse('account_login')}?{urlencode({'next': next_url or '/'})}")


# The shared passwords of restricted pages and document collections: Wagtail's forms have no limit on guesses.
page_password = never_cache(rate_limited("view_password")(wagtail_views.authenticate_with_password))
document_password = never_cache(rate_limited("view_password")(wagtaildocs_views.authenticate_with_password))
