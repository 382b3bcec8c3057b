"""Files from residents are checked by their content, not their name: size-limited, of an allowed type, images
re-encoded without EXIF (location, camera), and stored under a harmless name."""

import io
import re
import unicodedata
from dataclasses import dataclass

import filetype
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

IMAGE_TYPES = {"image/jpeg": "jpg", "image/png": "png"}
DOCUMENT_TYPES = {"application/pdf": "pdf", **IMAGE_TYPES}
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class CheckedUpload:
    content: ContentFile
    name: str
    content_type: str
    size: int


def safe_name(original: str, extension: str) -> str:
    """A display name without paths, control characters or markup, ending in the extension of the real type."""
    base = (original or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = unicodedata.normalize("NFKC", base).rsplit(".", 1)[0]
    base = re.sub(r"[^\w\- ]+", "_", base).strip(" ._-")[:80] or "bestand"
    return f"{base}.{extension}"


def _reencoded_image(data: bytes, content_type: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("Deze afbeelding is te groot (te veel pixels)."), code="too_many_pixels")
            image = ImageOps.exif_transpose(image)
            output = io.BytesIO()
            if content_type == "image/jpeg":
                image.convert("RGB").save(output, format="JPEG", quality=90)
            else:
                image.save(output, format="PNG")
            return output.getvalue()
    except (OSError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(_("Dit bestand is geen geldige afbeelding."), code="invalid_image") from error


def check_upload(
    uploaded, *, allowed: dict[str, str] = DOCUMENT_TYPES, max_bytes: int = 10 * 1024 * 1024
) -> CheckedUpload:
    if uploaded.size == 0:
        raise ValidationError(_("Dit bestand is leeg."), code="empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("Dit bestand is te groot. Het mag hoogstens %(size)s zijn.") % {"size": filesizeformat(max_bytes)},
            code="too_large",
        )
    data = uploaded.read()
    kind = filetype.guess(data)
    content_type = kind.mime if kind else ""
    if content_type not in allowed:
        names = ", ".join(sorted(ext.upper() for ext in set(allowed.values())))
        raise ValidationError(
            _("Dit soort bestand kunnen we niet aannemen. Kies een %(types)s-bestand.") % {"types": names},
            code="type",
        )
    if content_type in IMAGE_TYPES:
        data = _reencoded_image(data, content_type)
    name = safe_name(uploaded.name, allowed[content_type])
    return CheckedUpload(ContentFile(data, name=name), name, content_type, len(data))


def check_uploads(
    files: list, *, most: int, too_many: str, allowed: dict[str, str] = DOCUMENT_TYPES
) -> list[CheckedUpload]:
    """Several files from one field: at most `most`, each checked; one error per refused file, naming it."""
    if len(files) > most:
        raise ValidationError(too_many)
    checked, errors = [], []
    for uploaded in files:
        try:
            checked.append(check_upload(uploaded, allowed=allowed))
        except ValidationError as error:
            errors.append(f"{uploaded.name[:60]}: {error.messages[0]}")
    if errors:
        raise ValidationError(errors)
    return checked


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (empty when none were chosen)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(MultipleFileField, self).clean(item, initial) for item in files]
