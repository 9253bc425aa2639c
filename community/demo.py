"""Demo community: fictional officers, forum discussions and events. Idempotent.

The data lives in ``fixtures/demo/``: officers, categories and events in one
YAML file each, one file per discussion (in the order of their names).

Everything here is marked ``is_demo`` and shown as demo content in the UI.
"""

from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO

import yaml
from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from accounts.models import User
from accounts.roles import Role
from accounts.services import role_grant
from community.challenges.demo import challenges_seed
from community.models import (
    Category,
    Event,
    MemberProfile,
    Post,
    Registration,
    RegistrationStatus,
    Topic,
)
from community.services.forums import search_vectors_refresh
from core.markdown import markdown_render
from learning_centre.models import Stage

DATA = Path(__file__).resolve().parent / "fixtures" / "demo"


DEMO_EVENT_DESCRIPTION_EN = "A fictional demo event for the Safer Children Hub."
# The demo events' one description in the other five languages.
DEMO_EVENT_DESCRIPTION = {
    "ar": "فعالية تجريبية خيالية لمركز أطفال أكثر أماناً.",
    "zh-hans": "儿童安全中心的一场虚构演示活动。",
    "fr": "Un événement de démonstration fictif du Safer Children Hub.",
    "ru": "Вымышленное демонстрационное мероприятие Safer Children Hub.",
    "es": "Un evento de demostración ficticio del Safer Children Hub.",
}


def _yaml(name: str) -> Any:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _officer(index: int, data: dict[str, str]) -> User:
    email, name = data["email"], data["name"]
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
            "agency": data["agency"],
            "show_agency": True,
            "country": data["country"],
            "show_country": True,
            "role_title": data["role"],
            "show_role": True,
            "languages": data["languages"],
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
    officers = [_officer(i, data) for i, data in enumerate(_yaml("officers.yaml"))]
    made = {"categories": 0, "topics": 0, "events": 0}
    for position, data in enumerate(_yaml("categories.yaml")):
        slug, stage_key = data["slug"], data["stage"]
        stage = Stage.objects.filter(key=stage_key).first() if stage_key else None
        category, created = Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": data["name"],
                "kind": data["kind"],
                "stage": stage,
                "position": position,
                "is_demo": True,
            },
        )
        if stage is not None and category.stage_id is None:
            category.stage = stage
            category.save(update_fields=["stage"])
        if not category.translations and data.get("translations"):
            category.translations = data["translations"]
            category.save(update_fields=["translations"])
        made["categories"] += created
    now = timezone.now()
    discussions = sorted((DATA / "discussions").glob("*.yaml"))
    for age, path in enumerate(discussions):
        discussion = yaml.safe_load(path.read_text(encoding="utf-8"))
        title = discussion["title"]
        posts = [(post["officer"], post["text"]) for post in discussion["posts"]]
        category = Category.objects.get(slug=discussion["category"])
        if Topic.objects.filter(category=category, title=title).exists():
            continue
        start = now - timedelta(days=10 - age)
        topic = Topic.objects.create(
            category=category,
            title=title,
            author=officers[posts[0][0]],
            sensitivity=discussion["sensitivity"],
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
    for data in _yaml("events.yaml"):
        days, capacity = data["starts_in_days"], data["capacity"]
        starts = (now + timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        event, created = Event.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "kind": data["kind"],
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "time_zone": data["time_zone"],
                "capacity": capacity,
                "description": DEMO_EVENT_DESCRIPTION_EN,
                "online_url": "https://meet.example.org/demo",
                "is_demo": True,
                "recording_url": "https://video.example.org/demo" if days < 0 else "",
                "audience": data.get("audience", "members"),
                "recurrence": data.get("recurrence", ""),
                "recurrence_count": data.get("recurrence_count"),
            },
        )
        translations = {
            language: {
                "description": DEMO_EVENT_DESCRIPTION[language],
                **data.get("translations", {}).get(language, {}),
                **(event.translations or {}).get(language, {}),
            }
            for language in DEMO_EVENT_DESCRIPTION
        }
        if translations != event.translations:
            event.translations = translations
            event.save(update_fields=["translations"])
        if not created:
            continue
        if event.recurrence:
            event.series_ends_at = event.series_end()
            event.save(update_fields=["series_ends_at"])
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
    challenges_seed(officers=officers, stdout=stdout)
    stdout.write(
        "community: {categories} categories, {topics} topics, {events} events added; "
        "{officers} demo officers in the directory".format(
            officers=len(officers), **made
        )
    )
