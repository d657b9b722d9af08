"""Public views of the complaints channel, called by ComplaintsPage's routes."""

import datetime

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_protect

from complaints import pending_uploads, ratelimit, submission, workflow
from complaints.forms import MAX_ATTACHMENTS, ComplaintForm, RatingForm, ReopenForm, TrackForm
from complaints.models import Category, Complaint, RoutingRule
from complaints.stats import monthly_stats

RATE_LIMIT_MESSAGE = "提交过于频繁，请稍后再试。您填写的内容仍保留在下方，可稍后直接重新提交；如情况紧急，请拨打 12345 或 110。"
TRACK_LIMIT_MESSAGE = "查询过于频繁，请稍后再试。"
TOO_MANY_FILES_MESSAGE = (
    f"上传的内容太多（文件数量或大小超出限制），表单未能读取。每件投诉最多上传 {MAX_ATTACHMENTS} 个附件，"
    "请重新填写并少选几个文件后再提交。"
)
CSRF_FORM_MESSAGE = (
    "安全校验未通过（页面停留过久，或浏览器没有保存本站的 Cookie），投诉尚未提交。"
    "您填写的内容已保留在下方，附件需要重新选择，请再次提交。"
)
CSRF_TRACK_MESSAGE = "安全校验未通过（页面停留过久，或浏览器没有保存本站的 Cookie），请重新查询。"
ALREADY_SUBMITTED_MESSAGE = "这份表单已经提交过，不会重复受理。请凭回执上的受理编号和查询码查询办理进度。"
TRACK_NOT_FOUND = "受理编号或查询码不正确，请核对后重试（注意区分数字 0 和字母 O）。"


def _institutions():
    from directory.models import Institution

    return Institution.objects.public()


def _urls(page):
    base = page.url
    return {
        "overview": base,
        "submit": base + page.reverse_subpage("submit"),
        "receipt": base + page.reverse_subpage("receipt"),
        "track": base + page.reverse_subpage("track"),
        "rate": base + page.reverse_subpage("rate"),
        "reopen": base + page.reverse_subpage("reopen"),
        "stats": base + page.reverse_subpage("stats"),
    }


# The title of each sub-page in the breadcrumb trail, by template.
CRUMB_TITLES = {
    "complaints/submit.html": "我要投诉举报",
    "complaints/track.html": "查询办理进度",
    "complaints/stats.html": "办理情况统计",
}


def _crumbs(page, template):
    title = CRUMB_TITLES.get(template)
    return [{"title": page.title, "url": page.url}, {"title": title}] if title else []


def _render(request, page, template, context, status=200, private=False):
    context = {"page": page, "self": page, "urls": _urls(page), "crumbs": _crumbs(page, template), **context}
    response = TemplateResponse(request, template, context, status=status)
    if private:
        add_never_cache_headers(response)
        response["Cache-Control"] += ", private"
    return response


def overview(request, page):
    rules = RoutingRule.objects.select_related("lead_department").prefetch_related("supporting_departments")
    return _render(request, page, "complaints/complaints_page.html", {"rules": rules})


def _selected_institution(value):
    try:
        pk = int(value)
    except (TypeError, ValueError):
        return None
    return _institutions().filter(pk=pk).first()


def _form_again(request, institutions):
    """A fresh form showing what was typed (a browser never re-fills a file input), with a usable token."""
    initial = request.POST.dict()
    initial.pop("csrfmiddlewaretoken", None)
    if submission.token_secret(initial.get("submission_token")) is None:
        initial["submission_token"] = submission.new_token()
    return ComplaintForm(
        initial=initial,
        institution_queryset=institutions,
        kept_uploads=len(pending_uploads.kept(request)),
    )


def _see_receipt(request, page, complaint, secret):
    """303 to the receipt page, carrying the receipt in its one-time cookie."""
    receipt_url = _urls(page)["receipt"]
    response = HttpResponseRedirect(receipt_url)
    response.status_code = 303
    submission.set_receipt_cookie(request, response, receipt_url, complaint.tracking_number, secret)
    return response


# Buttons that change the form in place (search a nursery, change the choice, remove a kept file) rather
# than submit it. The primary button, 提交投诉, sends none of these names.
IN_PLACE_ACTIONS = ("find_institution", "clear_institution", "remove_upload")


def _searches_instead(post):
    """Enter pressed in the nursery search box without scripts submits the form with its default button
    (提交投诉). With a name typed there and neither a chosen nursery nor a name written, that submission
    could only fail: it searches instead."""
    return (
        bool(post.get("institution_query", "").strip())
        and not post.get("institution")
        and not post.get("institution_name", "").strip()
    )


def _submit_context(request, form, selected):
    return {
        "form": form,
        "selected_institution": selected,
        "search_results": None,
        "kept_uploads": pending_uploads.kept(request),
        "max_attachments": MAX_ATTACHMENTS,
    }


def _keep_chosen_files(request, form):
    """Keeps the files chosen with a failed submission or an in-place action for the next attempt, and
    returns the messages of files that could not be kept.

    Only files that pass the attachment check are kept; on a failed submission its errors are the form's.
    On an in-place action the upload counts against the submission rate limit: cleaning is the costly part.
    """
    if not request.FILES:
        return []
    if form.is_bound:
        if "attachments" in form.errors:
            return []
        attachments = form.cleaned_data.get("attachments") or []
    else:
        if not ratelimit.hit(request, "submit"):
            return ["提交过于频繁，刚才选择的附件未能保存，请稍后重新选择。"]
        try:
            attachments = form.fields["attachments"].clean(request.FILES.getlist("attachments"))
        except ValidationError as error:
            return error.messages
        if len(attachments) + form.kept_uploads > MAX_ATTACHMENTS:
            return [f"最多上传 {MAX_ATTACHMENTS} 个附件，刚才选择的附件未能保存。请先移除不需要的附件。"]
    kept = pending_uploads.keep(request, attachments)
    form.set_kept_uploads(len(kept))
    return []


def _in_place(request, page, institutions):
    """Search a nursery, change the choice or remove a kept file: the form again, nothing submitted."""
    post = request.POST
    if post.get("remove_upload"):
        pending_uploads.remove(request, post["remove_upload"])
    form = _form_again(request, institutions)
    upload_errors = _keep_chosen_files(request, form)
    selected = _selected_institution(post.get("institution"))
    if "clear_institution" in post:
        form.initial["institution"] = ""
        selected = None
    context = _submit_context(request, form, selected)
    context["upload_errors"] = upload_errors
    if "find_institution" in post or _searches_instead(post):
        query = post.get("institution_query", "").strip()[:60]
        if query:
            context["search_results"] = list(institutions.filter(name__icontains=query).order_by("name")[:20])
        else:
            context["search_message"] = "请输入机构名称中的几个字再搜索。"
        # Not `search_query`: base.html would copy it into the site's search box in the header.
        context["institution_search_query"] = query
    return _render(request, page, "complaints/submit.html", context, private=True)


@csrf_protect
def submit(request, page):
    institutions = _institutions()
    if request.method != "POST":
        initial = {"submission_token": submission.new_token()}
        selected = _selected_institution(request.GET.get("institution"))
        if selected is not None:
            initial["institution"] = selected.pk
        if request.GET.get("category") in Category.values:
            initial["category"] = request.GET["category"]
        kept = len(pending_uploads.kept(request))
        form = ComplaintForm(initial=initial, institution_queryset=institutions, kept_uploads=kept)
        return _render(
            request, page, "complaints/submit.html", _submit_context(request, form, selected), private=True
        )

    if any(name in request.POST for name in IN_PLACE_ACTIONS) or _searches_instead(request.POST):
        return _in_place(request, page, institutions)

    if not ratelimit.hit(request, "submit"):
        # Not validated (a flood costs no image decoding), but everything typed is shown again.
        context = _submit_context(request, _form_again(request, institutions), None)
        context["selected_institution"] = _selected_institution(request.POST.get("institution"))
        context["rate_limited"] = RATE_LIMIT_MESSAGE
        response = _render(request, page, "complaints/submit.html", context, status=429, private=True)
        response["Retry-After"] = str(ratelimit.retry_after("submit"))
        return response

    kept = pending_uploads.kept(request)
    form = ComplaintForm(
        request.POST, request.FILES, institution_queryset=institutions, kept_uploads=len(kept)
    )
    selected = _selected_institution(request.POST.get("institution"))

    secret = submission.token_secret(request.POST.get("submission_token"))
    if secret is not None:
        earlier = Complaint.objects.filter(submission_digest=submission.token_digest(secret)).first()
        if earlier is not None:
            return _already_submitted(request, page, earlier, secret, institutions)

    if not form.is_valid():
        if secret is None:
            form.data = form.data.copy()
            form.data["submission_token"] = submission.new_token()
        status = 400 if form.is_spam else 200
        if not form.is_spam:
            _keep_chosen_files(request, form)
        context = _submit_context(request, form, selected)
        return _render(request, page, "complaints/submit.html", context, status=status, private=True)

    form.cleaned_data["attachments"] = (
        pending_uploads.as_attachments(request) + form.cleaned_data["attachments"]
    )
    complaint = submission.store(form, secret)
    pending_uploads.forget(request)
    return _see_receipt(request, page, complaint, secret)


def _already_submitted(request, page, complaint, secret, institutions):
    """A resent form: its receipt again while it is fresh, later a note; never a second case."""
    if complaint.created_at >= timezone.now() - datetime.timedelta(seconds=submission.REPLAY_SECONDS):
        return _see_receipt(request, page, complaint, secret)
    form = ComplaintForm(
        initial={"submission_token": submission.new_token()}, institution_queryset=institutions
    )
    context = {"form": form, "search_results": None, "notice": ALREADY_SUBMITTED_MESSAGE}
    return _render(request, page, "complaints/submit.html", context, private=True)


def receipt(request, page):
    """The receipt, shown once: the cookie the submission left is read and deleted."""
    receipt_url = _urls(page)["receipt"]
    complaint = None
    found = submission.read_receipt_cookie(request)
    if found:
        number, secret = found
        complaint = (
            Complaint.objects.filter(
                tracking_number=number, submission_digest=submission.token_digest(secret)
            )
            .select_related("lead_department", "institution")
            .first()
        )
    context = {"complaint": complaint}
    if complaint is not None:
        context.update(
            query_code=submission.query_code_for(secret),
            similar_case=complaint.similar_open_cases().exists(),
        )
    response = _render(request, page, "complaints/receipt.html", context, private=True)
    submission.clear_receipt_cookie(response, receipt_url)
    return response


def _lookup(form):
    complaint = (
        Complaint.objects.filter(tracking_number=form.cleaned_data["tracking_number"])
        .select_related("lead_department")
        .first()
    )
    if complaint is None or not complaint.check_query_code(form.cleaned_data["query_code"]):
        form.add_error(None, TRACK_NOT_FOUND)
        return None
    return complaint


def _track_context(complaint, form):
    code = form.cleaned_data["query_code"]
    initial = {"tracking_number": complaint.tracking_number, "query_code": code}
    actions = workflow.citizen_actions(complaint)
    return {
        "complaint": complaint,
        "events": complaint.public_events(),
        "rating_form": RatingForm(initial=initial) if "rate" in actions else None,
        "reopen_form": ReopenForm(initial=initial) if "reopen" in actions else None,
        "credentials": initial,
    }


@csrf_protect
def track(request, page):
    # Tracking is a POST so that the query code never lands in a URL, a browser history or a log.
    if request.method != "POST":
        # The receipt's 查询办理进度 link carries the tracking number (never the query code).
        number = request.GET.get("number", "").strip().upper()[:24]
        form = TrackForm(initial={"tracking_number": number} if number else None)
        return _render(request, page, "complaints/track.html", {"form": form}, private=True)
    form = TrackForm(request.POST)
    if not ratelimit.hit(request, "track"):
        response = _render(
            request,
            page,
            "complaints/track.html",
            {"form": form, "notice": TRACK_LIMIT_MESSAGE},
            status=429,
        )
        response["Retry-After"] = str(ratelimit.retry_after("track"))
        return response
    complaint = _lookup(form) if form.is_valid() else None
    if complaint is None:
        return _render(request, page, "complaints/track.html", {"form": form}, private=True)
    return _render(
        request,
        page,
        "complaints/track.html",
        {"form": form, **_track_context(complaint, form)},
        private=True,
    )


def _citizen_action(request, page, form_class, act):
    if request.method != "POST":
        return _render(request, page, "complaints/track.html", {"form": TrackForm()}, private=True)
    if not ratelimit.hit(request, "track"):
        return _render(
            request,
            page,
            "complaints/track.html",
            {"form": TrackForm(), "notice": TRACK_LIMIT_MESSAGE},
            status=429,
        )
    form = form_class(request.POST)
    track_form = TrackForm(request.POST)
    complaint = _lookup(track_form) if track_form.is_valid() else None
    if complaint is None:
        return _render(request, page, "complaints/track.html", {"form": track_form}, private=True)
    context = {"form": track_form}
    if form.is_valid():
        try:
            complaint, message = act(complaint, form.cleaned_data)
            context["success"] = message
        except workflow.TransitionError as error:
            context["action_error"] = " ".join(error.messages)
    context.update(_track_context(complaint, track_form))
    if not form.is_valid():
        key = "rating_form" if form_class is RatingForm else "reopen_form"
        context[key] = form
        context["failed_forms"] = [form]
    return _render(request, page, "complaints/track.html", context, private=True)


@csrf_protect
def rate(request, page):
    def act(complaint, data):
        complaint = workflow.rate(complaint, data["satisfaction"], data["resolved"])
        return complaint, "感谢您的评价。"

    return _citizen_action(request, page, RatingForm, act)


@csrf_protect
def reopen(request, page):
    def act(complaint, data):
        complaint = workflow.apply(complaint, "reopen", None, message=data["reason"])
        return complaint, "已申请重新办理，承办部门将重新处理并再次答复。"

    return _citizen_action(request, page, ReopenForm, act)


def stats(request, page):
    return _render(request, page, "complaints/stats.html", monthly_stats())


def _readable_post(request):
    """request.POST, or None when the body was too large to read (too many files or fields)."""
    try:
        request.POST  # noqa: B018 - parsing the body is where an oversized upload fails
        request.FILES  # noqa: B018
    except (TooManyFilesSent, TooManyFieldsSent, RequestDataTooBig):
        return None
    return request.POST


def refused_post(request, page):
    """The answer when Django's CSRF check refuses a POST to the channel (see complaints/errors.py).

    On the form, what was typed is shown again with a fresh security token, so nothing is lost but the
    files; on the tracking pages, the empty tracking form. Nothing is stored.
    """
    institutions = _institutions()
    path = request.path
    if path.startswith(_urls(page)["submit"]) and not path.startswith(_urls(page)["receipt"]):
        if _readable_post(request) is None:
            message = TOO_MANY_FILES_MESSAGE
            form = ComplaintForm(
                initial={"submission_token": submission.new_token()}, institution_queryset=institutions
            )
        else:
            message = CSRF_FORM_MESSAGE
            form = _form_again(request, institutions)
        context = {**_submit_context(request, form, None), "notice": message}
        return _render(request, page, "complaints/submit.html", context, status=403, private=True)
    context = {"form": TrackForm(), "notice": CSRF_TRACK_MESSAGE}
    return _render(request, page, "complaints/track.html", context, status=403, private=True)
