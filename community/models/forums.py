"""The forums: categories, topics, posts, and their moderation."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.translation import Localised, TranslatedMixin

# Full-text search configuration: the forums are written in six languages, so
# "simple" (lower-case words, no stemming, no stop words) suits them all.
SEARCH_CONFIG = "simple"


class CategoryKind(models.TextChoices):
    STAGE = "stage", _("Workflow stage")
    REGION = "region", _("Region")
    LANGUAGE = "language", _("Language")
    TOOLS = "tools", _("Tools")
    GENERAL = "general", _("General")


class Audience(models.TextChoices):
    MEMBERS = "members", _("All members and staff")
    STAFF = "staff", _("Staff only")
    MODERATORS = "moderators", _("Moderators only")


class Category(TranslatedMixin):
    """A forum category; staff write its name and description in every language."""

    translated_fields = ("name", "description")

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(
        _("kind"), max_length=16, choices=CategoryKind, default=CategoryKind.GENERAL
    )
    stage = models.ForeignKey(
        "learning_centre.Stage",
        verbose_name=_("workflow stage"),
        null=True,
        blank=True,
        related_name="forum_categories",
        on_delete=models.SET_NULL,
    )
    audience = models.CharField(
        _("who may see it"),
        max_length=16,
        choices=Audience,
        default=Audience.MEMBERS,
        db_index=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community:category-detail", kwargs={"slug": self.slug})

    @property
    def local_name(self) -> Localised:
        return self.localised("name")

    @property
    def local_description(self) -> Localised:
        return self.localised("description")


class Sensitivity(models.TextChoices):
    """Traffic Light Protocol labels: who may the content be shared with."""

    CLEAR = "clear", _("TLP:CLEAR — may be shared freely")
    GREEN = "green", _("TLP:GREEN — within the law-enforcement community")
    AMBER = "amber", _("TLP:AMBER — members of this Hub only, need to know")


class Topic(models.Model):
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="topics",
    )
    title = models.CharField(_("title"), max_length=160)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_topics",
    )
    sensitivity = models.CharField(
        _("sensitivity label"),
        max_length=8,
        choices=Sensitivity,
        default=Sensitivity.GREEN,
    )
    is_locked = models.BooleanField(_("locked"), default=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post"), default=timezone.now)
    reply_count = models.PositiveIntegerField(_("replies"), default=0)
    is_demo = models.BooleanField(_("demo content"), default=False)
    # The title's full-text vector (weight A), written by the services on
    # PostgreSQL (GIN-indexed by migration 0003); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["-is_pinned", "-last_post_at"]
        indexes = [
            models.Index(
                fields=["category", "is_hidden", "-is_pinned", "-last_post_at"],
                name="community_topic_listing",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:topic-detail", kwargs={"pk": self.pk})


class Post(models.Model):
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.CASCADE, related_name="posts"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="forum_posts",
    )
    body = models.TextField(_("text"), max_length=20000)
    # Sanitised HTML, rendered once when the text is saved.
    body_html = models.TextField(_("rendered text"), editable=False)
    is_first = models.BooleanField(_("opening post"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)
    # The text's full-text vector (weight B), written by the services on
    # PostgreSQL (GIN-indexed by migration 0003); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["topic", "created_at"], name="community_post_topic")
        ]

    def __str__(self) -> str:
        return f"{self.topic.title} #{self.pk}"

    def get_absolute_url(self) -> str:
        return f"{self.topic.get_absolute_url()}#post-{self.pk}"


class Flag(models.Model):
    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    reason = models.TextField(_("reason"), max_length=1000)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    resolved_at = models.DateTimeField(
        _("resolved"), null=True, blank=True, db_index=True
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["post", "reporter"],
                condition=Q(resolved_at__isnull=True),
                name="community_flag_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"flag #{self.pk} on post #{self.post_id}"


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="forum_subscriptions",
    )
    category = models.ForeignKey(
        Category, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.CheckConstraint(
                condition=Q(category__isnull=True, topic__isnull=False)
                | Q(category__isnull=False, topic__isnull=True),
                name="community_subscription_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "category"], name="community_subscription_category"
            ),
            models.UniqueConstraint(
                fields=["user", "topic"], name="community_subscription_topic"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} -> {self.category_id or self.topic_id}"


class DigestItem(models.Model):
    """A post already announced to a member: the digest never repeats it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "post"], name="community_digest_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.post_id}"


class TopicRead(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="reads")
    last_read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "topic"], name="community_topic_read"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.topic_id}"


class Suspension(models.Model):
    """A member may not post while a suspension is in force; the account stays open."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="community_suspensions",
    )
    reason = models.TextField(_("reason"), max_length=2000)
    created_at = models.DateTimeField(_("suspended at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    lifted_at = models.DateTimeField(
        _("lifted at"), null=True, blank=True, db_index=True
    )
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(lifted_at__isnull=True),
                name="community_one_active_suspension",
            )
        ]

    def __str__(self) -> str:
        return f"suspension of {self.user}"
