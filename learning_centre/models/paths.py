"""Learning paths: modules, quizzes, progress and certificates."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learning_centre.models.base import TranslatedMixin


class LearningPathQuerySet(models.QuerySet["LearningPath"]):
    def published(self) -> "LearningPathQuerySet":
        return self.filter(is_published=True)


class LearningPath(TranslatedMixin):
    translated_fields = ("title", "summary")

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
    translated_fields = ("title", "body")

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
    translated_fields = ("text", "explanation")

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
    translated_fields = ("text",)

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
