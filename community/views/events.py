from typing import TypeGuard

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import permission_required
from accounts.roles import Perm
from accounts.types import AuthedRequest
from community import selectors
from community.calendar import calendar_build
from community.errors import CommunityError
from community.forms import AttendanceForm, EventForm
from community.models import Event, Registration, RegistrationStatus
from community.permissions import member_or_provider_required
from community.services import events as services
from core.markdown import markdown_render


def _event_or_404(slug: str, request: AuthedRequest | None = None) -> Event:
    """With a request: only an event the viewer's audience may see (else 404)."""
    event = selectors.event_get(slug=slug, user=request.user if request else None)
    if event is None:
        raise Http404
    return event


def _has_status(
    registration: Registration | None, status: str
) -> TypeGuard[Registration]:
    return registration is not None and registration.status == status


@member_or_provider_required
def event_list_view(request: AuthedRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    events = selectors.event_list(user=request.user, past=past)
    page = Paginator(events, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "community/event_list.html",
        {
            "page_obj": page,
            "past": past,
            "is_member": request.user.has_perm(Perm.USE_MEMBER_AREA),
            "viewer_zone": selectors.viewer_time_zone(user=request.user),
            "may_manage": request.user.has_perm(Perm.MODERATE_COMMUNITY),
        },
    )


@member_or_provider_required
def event_detail_view(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event_or_404(slug, request)
    registration = selectors.registration_for(user=request.user, event=event)
    registered = _has_status(registration, RegistrationStatus.REGISTERED)
    position = None
    if _has_status(registration, RegistrationStatus.WAITLISTED):
        position = selectors.waitlist_position(registration=registration)
    may_manage = request.user.has_perm(Perm.MODERATE_COMMUNITY)
    return render(
        request,
        "community/event_detail.html",
        {
            "event": event,
            "registration": registration,
            "registered": registered,
            "waitlist_position": position,
            "places_taken": selectors.event_places_taken(event=event),
            "viewer_zone": selectors.viewer_time_zone(user=request.user),
            "is_member": request.user.has_perm(Perm.USE_MEMBER_AREA),
            "materials_html": markdown_render(event.materials, from_members=True)
            if event.materials
            else "",
            "may_manage": may_manage,
            "event_started": event.starts_at <= timezone.now(),
            "next_meeting": event.next_meeting() if event.recurrence else None,
            "attendees": selectors.event_attendees(event=event) if may_manage else None,
        },
    )


@member_or_provider_required
@require_POST
def event_rsvp_view(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event_or_404(slug, request)
    try:
        registration = services.event_rsvp(user=request.user, event=event)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        if registration.status == RegistrationStatus.REGISTERED:
            messages.success(request, _("You are registered. See you there."))
        else:
            messages.warning(
                request,
                _(
                    "The event is full: you are on the waiting list. If a place frees up, it is yours and we will email you."  # noqa: E501
                ),
            )
    return redirect(event)


@member_or_provider_required
@require_POST
def event_cancel_view(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event_or_404(slug, request)
    try:
        services.registration_cancel(user=request.user, event=event)
    except CommunityError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


@member_or_provider_required
def event_ics_view(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event_or_404(slug, request)
    registration = selectors.registration_for(user=request.user, event=event)
    registered = _has_status(registration, RegistrationStatus.REGISTERED)
    body = calendar_build(
        [event],
        with_links=registered,
        name=str(event.localised("title")),
        language=translation.get_language() or settings.LANGUAGE_CODE,
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}.ics"'
    return response


@never_cache
def calendar_feed_view(request: AuthedRequest, token: str) -> HttpResponse:
    """A member's private feed for calendar apps: the token is the credential."""
    found = selectors.calendar_events_for_token(token=token)
    if found is None:
        raise Http404
    user, events = found
    with translation.override(user.language):
        name = _("Safer Children Hub events")
    body = calendar_build(events, with_links=True, name=name, language=user.language)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


@permission_required(Perm.MODERATE_COMMUNITY)
def event_create_view(request: AuthedRequest) -> HttpResponse:
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = services.event_save(actor=request.user, event=form.save(commit=False))
        messages.success(request, _("The event is saved."))
        return redirect(event)
    return render(request, "community/event_form.html", {"form": form})


@permission_required(Perm.MODERATE_COMMUNITY)
def event_edit_view(request: AuthedRequest, slug: str) -> HttpResponse:
    event = _event_or_404(slug)
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        event = services.event_save(actor=request.user, event=form.save(commit=False))
        messages.success(request, _("The event is saved."))
        return redirect(event)
    return render(request, "community/event_form.html", {"form": form, "event": event})


@permission_required(Perm.MODERATE_COMMUNITY)
def event_attendance_view(request: AuthedRequest, slug: str) -> HttpResponse:
    """Organisers record who came, once the event has started."""
    event = _event_or_404(slug)
    form = AttendanceForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                moderator=request.user,
                event=event,
                attended_ids=[r.pk for r in form.cleaned_data["attended"]],
            )
        except CommunityError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Attendance is recorded."))
            return redirect(event)
    return render(
        request,
        "community/event_attendance.html",
        {"form": form, "event": event, "started": event.starts_at <= timezone.now()},
    )
