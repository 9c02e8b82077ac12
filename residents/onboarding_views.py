"""Admin screens for onboarding a county's village register: upload → report → confirm → printable passwords.

County editors and administrators only (``residents.onboard_villages``). The uploaded table waits in the
session between the report and the confirmation (it is checked again when confirmed); the one-time passwords of
the accounts made wait there until the county has printed or downloaded them and says so, or the session ends.
"""

import csv
import io
from functools import wraps

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .onboarding import RegisterRefused, apply_register
from .tables import MAX_BYTES, TableError, read_table
from .village_register import RegisterFileError, RegisterPlan, plan_register

TABLE_KEY = "_onboarding_register"
CREDENTIALS_KEY = "_onboarding_credentials"


class RegisterUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Village register (CSV or XLSX)"),
        help_text=gettext_lazy(
            "Columns: 统计用区划代码, 村名, 乡镇, 成年村民, 户数, 村民代表. CSV in UTF-8 or GBK, or an Excel workbook "
            "(first sheet)."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
        try:
            self.table, self.kind = read_table(upload.read())
            self.plan = plan_register(self.table)
        except (TableError, RegisterFileError) as exc:
            raise forms.ValidationError(str(exc)) from exc
        return upload


def county_only(view):
    """A 403 page for anyone else: Wagtail turns PermissionDenied in the admin into a redirect to its dashboard."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_perm("residents.onboard_villages"):
            return TemplateResponse(request, "residents/admin/onboarding_denied.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _report(request, form, plan: RegisterPlan | None, file_name: str = "", kind: str = "") -> TemplateResponse:
    status = 400 if (form is not None and form.errors) or (plan is not None and not plan.ok) else 200
    context = {"form": form, "plan": plan, "file_name": file_name, "kind": kind}
    return TemplateResponse(request, "residents/admin/onboarding.html", context, status=status)


@county_only
def upload(request):
    """The register is read and checked: a report of every row, and a confirm button only when all are good."""
    if request.method != "POST":
        return _report(request, RegisterUploadForm(), None)
    form = RegisterUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _report(request, form, None)
    name = form.cleaned_data["file"].name[:200]
    if form.plan.ok:
        request.session[TABLE_KEY] = {"table": form.table, "file_name": name, "kind": form.kind}
    else:
        request.session.pop(TABLE_KEY, None)
    return _report(request, None, form.plan, name, form.kind)


@county_only
@require_POST
def confirm(request):
    stored = request.session.get(TABLE_KEY)
    if not stored:
        messages.error(request, _("Upload the register again: the checked file is no longer here."))
        return redirect("residents_admin:onboarding")
    try:
        plan, credentials = apply_register(stored["table"], by=request.user)
    except RegisterRefused as refused:
        # The portal changed since the check (another editor, another import): the new report says how.
        return _report(request, None, refused.plan, stored["file_name"], stored["kind"])
    del request.session[TABLE_KEY]
    earlier = request.session.get(CREDENTIALS_KEY, [])
    request.session[CREDENTIALS_KEY] = earlier + [credential.as_dict() for credential in credentials]
    counts = plan.counts()
    messages.success(
        request,
        _("Register imported: %(create)d villages created, %(update)d updated, %(unchanged)d unchanged.") % counts,
    )
    return redirect("residents_admin:onboarding_done")


@county_only
def done(request):
    """The accounts made and their one-time passwords, laid out to print (and the same as CSV)."""
    credentials = request.session.get(CREDENTIALS_KEY, [])
    response = TemplateResponse(request, "residents/admin/onboarding_done.html", {"credentials": credentials})
    response["Cache-Control"] = "private, no-store"
    return response


@county_only
def credentials_csv(request):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([_("Division code"), _("Township"), _("Village"), _("Account"), _("One-time password")])
    for row in request.session.get(CREDENTIALS_KEY, []):
        writer.writerow([row["division_code"], row["township"], row["village"], row["username"], row["password"]])
    # With a BOM, so that Excel on a county office computer opens the Chinese names as such.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="committee-passwords.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@county_only
@require_POST
def forget(request):
    request.session.pop(CREDENTIALS_KEY, None)
    messages.success(request, _("The one-time passwords are no longer kept on the portal."))
    return redirect("residents_admin:onboarding")
