"""/n/<code> (the short link) and /<language>/print/<code>/ (the sheet for the 公开栏): thin views over
home.shortlinks and home.printing."""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from home import printing, shortlinks


def _not_found(request: HttpRequest) -> HttpResponse:
    # The same friendly page for an unknown code and a draft or private page: a code reveals nothing.
    return render(request, "home/short_link_not_found.html", status=404)


@require_GET
def short_link(request: HttpRequest, code: str) -> HttpResponse:
    """302 to the page in the visitor's language (cookie, then Accept-Language), or a friendly 404.

    302, not 301: a browser keeps a 301 forever, and the language, or the page's address, may change.
    """
    language = translation.get_language_from_request(request, check_path=False)
    with translation.override(language):
        target = shortlinks.resolve(code, language)
        if target is None:
            return _not_found(request)
        return HttpResponseRedirect(target.url)


@require_GET
def print_sheet(request: HttpRequest, code: str) -> HttpResponse:
    """The A4 sheet of a notice, consultation or meeting in the URL's language; 404 for anything else."""
    target = shortlinks.resolve(code, translation.get_language())
    printable = printing.printable_for(target.obj) if target else None
    if printable is None:
        return _not_found(request)
    context, period = printable.context(target.obj, request)
    short = shortlinks.short_url(target.obj)
    context.update(
        {
            "page": target.page,
            "target": target,
            "short_url": short,
            "qr_svg": printing.qr_svg(short),
            "period": period,
            "online_url": target.url,
        }
    )
    return render(request, printable.template, context)
