"""Demo community: fictional officers, forum discussions and events. Idempotent.

Everything here is marked ``is_demo`` and shown as demo content in the UI.
"""

from datetime import timedelta
from typing import TextIO

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from community.models import (
    Category,
    CategoryKind,
    Event,
    EventKind,
    MemberProfile,
    Post,
    Registration,
    RegistrationStatus,
    Sensitivity,
    Topic,
)
from community.services.forums import search_vectors_refresh
from core.markdown import markdown_render
from learning_centre.models import Stage

OFFICERS = [
    (
        "demo.officer1@community-demo.example",
        "Inès Moreau",
        "FR",
        "National Police — Online Child Protection",
        "Digital forensic examiner",
        "French, English",
    ),
    (
        "demo.officer2@community-demo.example",
        "Kwame Mensah",
        "GH",
        "Ghana Police Service — Cybercrime Unit",
        "Investigator",
        "English",
    ),
    (
        "demo.officer3@community-demo.example",
        "Lucía Fernández",
        "AR",
        "Federal Police — Victim Identification",
        "Victim identification analyst",
        "Spanish, English",
    ),
    (
        "demo.officer4@community-demo.example",
        "Yusuf Al-Hakim",
        "JO",
        "Public Security Directorate — Juvenile Protection",
        "Team lead",
        "Arabic, English",
    ),
    (
        "demo.officer5@community-demo.example",
        "Mei Lin",
        "SG",
        "Police Force — Technology Crime",
        "Intelligence analyst",
        "Chinese, English",
    ),
    (
        "demo.officer6@community-demo.example",
        "Pavel Orlov",
        "EE",
        "Police and Border Guard — Cyber Crime Bureau",
        "Prosecutor liaison",
        "Russian, Estonian, English",
    ),
]

CATEGORIES = [
    (
        "triage-and-prioritisation",
        "Triage and prioritisation",
        CategoryKind.STAGE,
        "triage_prioritisation",
    ),
    (
        "victim-identification",
        "Victim identification",
        CategoryKind.STAGE,
        "victim_identification",
    ),
    ("latin-america", "Latin America", CategoryKind.REGION, None),
    ("en-espanol", "En español", CategoryKind.LANGUAGE, None),
    ("tools-in-practice", "Tools in practice", CategoryKind.TOOLS, None),
]

# (category slug, title, label, [(officer index, text), ...])
DISCUSSIONS = [
    (
        "triage-and-prioritisation",
        "How do you prioritise seized devices when the backlog is months long?",
        Sensitivity.GREEN,
        [
            (
                0,
                "We have around 400 devices waiting. We now triage on-site with a hash-matching pass and a quick review of recent activity, then rank by *risk to a child in contact with the suspect*. How do others decide?",  # noqa: E501
            ),
            (
                1,
                "Similar here. We added a simple scoring sheet: access to children, prior reports, signs of production. Anything above a threshold goes to the front, whatever the seizure date.",  # noqa: E501
            ),
            (
                4,
                "One caution from our side: classifier scores are a hint, not a decision. We log every override so the prioritisation can be explained in court.",  # noqa: E501
            ),
        ],
    ),
    (
        "victim-identification",
        "Sharing non-identifying scene clues across agencies",
        Sensitivity.AMBER,
        [
            (
                2,
                "We are trialling a workflow where only *non-identifying* scene elements (product packaging, plug sockets, flora) are shared with partner agencies. Interested in how others handle approvals.",  # noqa: E501
            ),
            (
                3,
                "We use the same approach, with a second reviewer signing off every item before it leaves the unit. It slows things down a little but avoids mistakes.",  # noqa: E501
            ),
        ],
    ),
    (
        "tools-in-practice",
        "Lessons from deploying an on-premises classifier",
        Sensitivity.CLEAR,
        [
            (
                5,
                "After six months with an on-premises image classifier: budget time for calibration on your own data, and keep a human review of every positive. Happy to share our evaluation checklist.",  # noqa: E501
            ),
            (
                0,
                "Thanks — a checklist would help us. Did you measure how much review time it saved?",  # noqa: E501
            ),
            (
                5,
                "Roughly a third less time on first-pass review, but only after the calibration work.",  # noqa: E501
            ),
        ],
    ),
    (
        "en-espanol",
        "Capacitación sobre entrevistas forenses: recursos recomendados",
        Sensitivity.GREEN,
        [
            (
                2,
                "¿Alguien conoce buenos cursos en español sobre entrevistas forenses con menores? Buscamos material actualizado.",  # noqa: E501
            ),
        ],
    ),
]


def _officer(index: int) -> User:
    email, name, country, agency, role_title, languages = OFFICERS[index]
    user, created = User.objects.get_or_create(
        email=email, defaults={"full_name": name, "show_name": True}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
    role_grant(actor=None, user=user, role=Role.MEMBER)
    profile, made = MemberProfile.objects.get_or_create(
        user=user,
        defaults={
            "listed": True,
            "agency": agency,
            "show_agency": True,
            "country": country,
            "show_country": True,
            "role_title": role_title,
            "show_role": True,
            "languages": languages,
            "show_languages": True,
            "contact_details": "Demo account: no real contact details.",
            "is_demo": True,
        },
    )
    if made:
        stages = list(Stage.objects.order_by("position")[index % 4 : index % 4 + 2])
        profile.expertise.set(stages)
        profile.show_expertise = True
        profile.save(update_fields=["show_expertise"])
    return user


@transaction.atomic
def seed(stdout: TextIO) -> None:
    officers = [_officer(i) for i in range(len(OFFICERS))]
    made = {"categories": 0, "topics": 0, "events": 0}
    for position, (slug, name, kind, stage_key) in enumerate(CATEGORIES):
        stage = Stage.objects.filter(key=stage_key).first() if stage_key else None
        category, created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "stage": stage,
                "position": position,
                "is_demo": True,
            },
        )
        if stage is not None and category.stage_id is None:
            category.stage = stage
            category.save(update_fields=["stage"])
        made["categories"] += created
    now = timezone.now()
    for age, (slug, title, label, posts) in enumerate(DISCUSSIONS):
        category = Category.objects.get(slug=slug)
        if Topic.objects.filter(category=category, title=title).exists():
            continue
        start = now - timedelta(days=10 - age)
        topic = Topic.objects.create(
            category=category,
            title=title,
            author=officers[posts[0][0]],
            sensitivity=label,
            created_at=start,
            last_post_at=start + timedelta(hours=len(posts)),
            reply_count=len(posts) - 1,
            is_demo=True,
        )
        for i, (who, text) in enumerate(posts):
            Post.objects.create(
                topic=topic,
                author=officers[who],
                body=text,
                body_html=markdown_render(text, from_members=True),
                is_first=i == 0,
                created_at=start + timedelta(hours=i),
            )
        search_vectors_refresh(
            topics=Topic.objects.filter(pk=topic.pk), posts=topic.posts.all()
        )
        made["topics"] += 1
    events = [
        (
            "demo-webinar-triage",
            "Webinar: triage with AI, what works",
            EventKind.WEBINAR,
            14,
            200,
            "Europe/Paris",
        ),
        (
            "demo-training-victim-id",
            "Training: victim identification techniques",
            EventKind.TRAINING,
            21,
            3,
            "America/Argentina/Buenos_Aires",
        ),
        (
            "demo-hackathon-2025",
            "Hackathon: open tools for triage",
            EventKind.HACKATHON,
            -30,
            40,
            "Asia/Singapore",
        ),
    ]
    for slug, title, event_kind, days, capacity, zone in events:
        starts = (now + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        event, created = Event.objects.get_or_create(
            slug=slug,
            defaults={
                "title": title,
                "kind": event_kind,
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "time_zone": zone,
                "capacity": capacity,
                "description": "A fictional demo event for the Safer Children Hub.",
                "online_url": "https://meet.example.org/demo",
                "is_demo": True,
                "recording_url": "https://video.example.org/demo" if days < 0 else "",
            },
        )
        if not created:
            continue
        made["events"] += 1
        for i, user in enumerate(officers):
            status = (
                RegistrationStatus.REGISTERED
                if i < capacity
                else RegistrationStatus.WAITLISTED
            )
            attended = None
            if days < 0 and status == RegistrationStatus.REGISTERED:
                attended = i % 4 != 3  # most came; attendance was taken
            Registration.objects.create(
                event=event,
                user=user,
                status=status,
                queued_at=now - timedelta(hours=10 - i),
                attended=attended,
            )
    stdout.write(
        "community: {categories} categories, {topics} topics, {events} events added; "
        "{officers} demo officers in the directory".format(
            officers=len(officers), **made
        )
    )
