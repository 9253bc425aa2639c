from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def _current_language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE).lower()


class TranslatedMixin(models.Model):
    """English in the fields; other languages in ``translations`` JSON.

    ``{"fr": {"title": "…"}, "ar": {…}}`` — any missing value falls back to the
    English field. Keys are Django language codes in lower case (``zh-hans``).
    """

    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def _localised(self, field: str) -> str:
        localised = self.translations.get(_current_language(), {}).get(field)
        return localised or getattr(self, field)

    def has_translation(self) -> bool:
        language = _current_language()
        return language == "en" or bool(self.translations.get(language))


class Stage(TranslatedMixin):
    """One step of the (illustrative) eight-stage investigation workflow.

    Data, not code, so names can change without a release. The catalogue tags
    tools with stages and the Learning Centre teaches them: this is the one model
    both use. English is in the fields; other languages in ``translations``,
    ``{"fr": {"name": "…", "summary": "…"}, …}``, falling back to English.
    """

    key = models.SlugField(_("key"), max_length=50, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    summary = models.TextField(_("what happens"))
    description = models.TextField(
        _("the stage in full"), blank=True, help_text=_("Markdown.")
    )
    challenges = models.TextField(_("challenges"), blank=True, help_text=_("Markdown."))
    ai_help = models.TextField(_("how AI helps"), blank=True, help_text=_("Markdown."))
    cautions = models.TextField(
        _("responsible-use cautions"), blank=True, help_text=_("Markdown.")
    )
    involves_viewing = models.BooleanField(
        _("involves viewing abuse material"),
        default=False,
        help_text=_("The stage page then points prominently to officer wellbeing."),
    )

    class Meta:
        verbose_name = _("workflow stage")
        verbose_name_plural = _("workflow stages")
        ordering = ["position"]

    def __str__(self) -> str:
        return f"{self.position}. {self.local_name}"

    def get_absolute_url(self) -> str:
        return reverse("learning_centre:stage-detail", kwargs={"key": self.key})

    @property
    def local_name(self) -> str:
        return self._localised("name")

    @property
    def local_summary(self) -> str:
        return self._localised("summary")

    @property
    def local_description(self) -> str:
        return self._localised("description")

    @property
    def local_challenges(self) -> str:
        return self._localised("challenges")

    @property
    def local_ai_help(self) -> str:
        return self._localised("ai_help")

    @property
    def local_cautions(self) -> str:
        return self._localised("cautions")


class ReadinessDimension(models.TextChoices):
    GOVERNANCE = "governance", _("Governance")
    LEGAL_BASIS = "legal_basis", _("Legal basis")
    DATA = "data", _("Data")
    SKILLS = "skills", _("Skills")
    PROCUREMENT = "procurement", _("Procurement")
    HUMAN_OVERSIGHT = "human_oversight", _("Human oversight")
    TRANSPARENCY = "transparency", _("Transparency")


class ResourceQuerySet(models.QuerySet["Resource"]):
    def published(self) -> "ResourceQuerySet":
        return self.filter(is_published=True)


class Resource(models.Model):
    """A piece of learning material; its text lives in per-language versions."""

    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        GUIDE = "guide", _("Guide")
        CHECKLIST = "checklist", _("Checklist")
        LINK = "link", _("External link")

    class Topic(models.TextChoices):
        IMPLEMENTING_AI = "implementing_ai", _("Implementing AI")
        TECHNIQUES = "techniques", _("Investigation techniques")
        WELLBEING = "wellbeing", _("Officer wellbeing")
        LEGAL_ETHICAL = "legal_ethical", _("Legal and ethical")
        PROCUREMENT = "procurement", _("Procurement")

    class Level(models.TextChoices):
        INTRODUCTORY = "introductory", _("Introductory")
        INTERMEDIATE = "intermediate", _("Intermediate")
        ADVANCED = "advanced", _("Advanced")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind, db_index=True)
    topic = models.CharField(_("topic"), max_length=30, choices=Topic, db_index=True)
    level = models.CharField(_("level"), max_length=20, choices=Level, db_index=True)
    stages = models.ManyToManyField(
        Stage, related_name="resources", blank=True, verbose_name=_("stages")
    )
    readiness_dimension = models.CharField(
        _("recommended for readiness dimension"),
        max_length=30,
        choices=ReadinessDimension,
        blank=True,
        db_index=True,
    )
    url = models.URLField(
        _("link"), blank=True, help_text=_("For videos and external links.")
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    is_demo = models.BooleanField(_("demo content"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.slug

    def get_absolute_url(self) -> str:
        return reverse("learning_centre:resource-detail", kwargs={"slug": self.slug})

    def version_for(self, language: str) -> "ResourceVersion | None":
        """The version in ``language``, else English, from prefetched versions."""
        versions = {v.language: v for v in self.versions.all()}
        return versions.get(language) or versions.get("en")


class ResourceVersion(models.Model):
    """One language's text of a resource. English must exist: it is the fallback."""

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="versions"
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, db_index=True
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(
        _("body"), blank=True, max_length=50_000, help_text=_("Markdown.")
    )
    transcript = models.TextField(
        _("transcript"), blank=True, max_length=50_000, help_text=_("For videos.")
    )

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        constraints = [
            models.UniqueConstraint(
                fields=["resource", "language"], name="lc_one_version_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class LearningPathQuerySet(models.QuerySet["LearningPath"]):
    def published(self) -> "LearningPathQuerySet":
        return self.filter(is_published=True)


class LearningPath(TranslatedMixin):
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    certificate_valid_days = models.PositiveIntegerField(
        _("certificate valid for (days)"),
        null=True,
        blank=True,
        help_text=_("Empty: certificates do not expire."),
    )
    is_published = models.BooleanField(_("published"), default=False, db_index=True)
    is_demo = models.BooleanField(_("demo content"), default=False)

    objects = LearningPathQuerySet.as_manager()

    class Meta:
        verbose_name = _("learning path")
        verbose_name_plural = _("learning paths")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("learning_centre:path-detail", kwargs={"slug": self.slug})

    @property
    def local_title(self) -> str:
        return self._localised("title")

    @property
    def local_summary(self) -> str:
        return self._localised("summary")


class Module(TranslatedMixin):
    path = models.ForeignKey(
        LearningPath, on_delete=models.CASCADE, related_name="modules"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), help_text=_("Markdown."))
    requires = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requires first"),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, help_text=_("For the module's quiz.")
    )

    class Meta:
        verbose_name = _("module")
        verbose_name_plural = _("modules")
        ordering = ["path", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["path", "position"], name="lc_module_position_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.path} · {self.position}. {self.title}"

    def get_absolute_url(self) -> str:
        return reverse(
            "learning_centre:module-detail",
            kwargs={"slug": self.path.slug, "pk": self.pk},
        )

    @property
    def local_title(self) -> str:
        return self._localised("title")

    @property
    def local_body(self) -> str:
        return self._localised("body")


class Question(TranslatedMixin):
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=500)
    explanation = models.TextField(_("explanation"))

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["module", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def local_text(self) -> str:
        return self._localised("text")

    @property
    def local_explanation(self) -> str:
        return self._localised("explanation")


class Option(TranslatedMixin):
    question = models.ForeignKey(
        Question, on_delete=models.CASCADE, related_name="options"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("answer"), max_length=300)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["question", "position"]

    def __str__(self) -> str:
        return self.text

    @property
    def local_text(self) -> str:
        return self._localised("text")


class ModuleProgress(models.Model):
    """A member finished a module (passed its quiz, if it has one)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, related_name="progress"
    )
    score = models.PositiveSmallIntegerField(_("best score (%)"), null=True)
    completed_at = models.DateTimeField(_("completed"))

    class Meta:
        verbose_name = _("module progress")
        verbose_name_plural = _("module progress")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"], name="lc_progress_once_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.module_id}"


class Certificate(models.Model):
    """Proof that a member completed a path; anyone with the code can check it."""

    code = models.CharField(_("verification code"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    path = models.ForeignKey(
        LearningPath, on_delete=models.PROTECT, related_name="certificates"
    )
    holder_name = models.CharField(_("holder"), max_length=200)
    issued_at = models.DateTimeField(_("issued"))
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(
        _("renewal reminder sent"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["expires_at", "reminder_sent_at"])]

    def __str__(self) -> str:
        return f"{self.holder_name} · {self.path}"

    def get_absolute_url(self) -> str:
        return reverse("learning_centre:certificate-detail", kwargs={"code": self.code})


class ReadinessQuestion(TranslatedMixin):
    dimension = models.CharField(
        _("dimension"), max_length=30, choices=ReadinessDimension, db_index=True
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("statement"), max_length=500)
    is_demo = models.BooleanField(_("demo content"), default=False)

    class Meta:
        verbose_name = _("readiness question")
        verbose_name_plural = _("readiness questions")
        ordering = ["position"]

    def __str__(self) -> str:
        return self.text

    @property
    def local_text(self) -> str:
        return self._localised("text")


class ReadinessAssessment(models.Model):
    """One completed self-assessment; answers are kept as given, scores derived."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="readiness_assessments",
    )
    created_at = models.DateTimeField(_("taken"), auto_now_add=True, db_index=True)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("scores per dimension (%)"), default=dict)
    overall = models.PositiveSmallIntegerField(_("overall score (%)"), default=0)

    class Meta:
        verbose_name = _("readiness self-assessment")
        verbose_name_plural = _("readiness self-assessments")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} · {self.created_at:%Y-%m-%d}"
