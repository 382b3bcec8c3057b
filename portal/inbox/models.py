import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.core.storage import private_storage
from portal.core.translations import Text, interface_language


class Message(models.Model):
    """A message in the resident's secure inbox (berichtenbox). Notifications about it never carry its content."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    resident = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"))
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="messages", verbose_name=_("zaak")
    )
    # Set when the message announces a status change: at most one message per change, however often a task runs.
    status_change = models.OneToOneField(
        "cases.StatusChange", null=True, blank=True, on_delete=models.SET_NULL, related_name="message"
    )
    # What the message asks the resident to do next, e.g. book an appointment (a path within the portal).
    link_url = models.CharField(max_length=300, blank=True)
    link_text = models.CharField(max_length=100, blank=True)
    # The language each of the texts is written in ({"subject": "en", "body": "nl", ...}): a message the portal
    # writes is in the resident's language, a case handler's own words in the municipality's. Messages from before
    # it was kept have none, and are shown as they were, unmarked.
    languages = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    TEXTS = ("subject", "body", "link_text")

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["resident", "-created_at"]), models.Index(fields=["resident", "read_at"])]

    def __str__(self) -> str:
        return self.subject

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("inbox:detail", kwargs={"uuid": self.uuid})

    @property
    def text(self) -> "WrittenTexts":
        """The texts as a resident reads them: each a `Text` that marks its language where it is not the page's."""
        return WrittenTexts(self)

    def note_languages(self, **texts) -> None:
        """Keep the language each text was written in: a `Text` says so, anything else is in the language being
        written in now."""
        self.languages = {
            name: getattr(text, "lang", None) or interface_language() for name, text in texts.items() if text
        }


class Attachment(models.Model):
    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to="inbox/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self) -> str:
        return self.name


class WrittenTexts:
    """A message's texts, each with the language it was written in where that was kept (`message.text.subject`);
    each read only when asked for, so a list that loaded only the subjects loads nothing more."""

    def __init__(self, message: Message):
        self._message = message

    def __getattr__(self, name: str):
        if name not in Message.TEXTS:
            raise AttributeError(name)
        value, language = getattr(self._message, name), self._message.languages.get(name)
        return Text(value, language) if language else value
