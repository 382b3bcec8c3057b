"""'Download mijn gegevens': each part of a resident's data is registered here (the existing apps' parts in
portal/profile/exports.py; a new app registers its own from its AppConfig.ready()); a task writes them into one zip:
a JSON file per part, the files the resident sent or received, and a readable PDF summary."""

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import Promise

from portal.core.pdf import archival_pdf


@dataclass
class PartData:
    records: list[dict]
    # (path inside the zip, an open-able file such as a FieldFile) for documents and attachments
    files: list[tuple[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class Part:
    name: str  # the JSON file's name in the zip, e.g. "zaken"
    title: str | Promise  # what the summary calls it
    collect: Callable[..., PartData]  # collect(resident) -> PartData, only the resident's own data


parts: dict[str, Part] = {}


def register(name: str, title: str | Promise):
    """Registers `collect(resident) -> PartData` as the export part `name`."""

    def decorator(collect):
        if name in parts:
            raise ValueError(f"export part {name!r} is already registered")
        parts[name] = Part(name=name, title=title, collect=collect)
        return collect

    return decorator


def rows(queryset, **columns: str) -> list[dict]:
    """The queryset as dicts with the resident-facing names: rows(qs, zaaknummer="identification", ...)."""
    return [dict(zip(columns, values, strict=True)) for values in queryset.values_list(*columns.values())]


def build_zip(resident, *, municipality: str) -> bytes:
    """The zip for `resident`: <part>.json for every registered part, files under their own folder, and
    overzicht.pdf (see portal/core/pdf.py) saying what is in it, in the active language."""
    collected = {name: part.collect(resident) for name, part in sorted(parts.items())}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in collected.items():
            text = json.dumps(data.records, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            archive.writestr(f"{name}.json", text)
            for path, stored in data.files:
                with stored.open("rb") as handle:
                    archive.writestr(f"{name}/{path}", handle.read())
        summary = [
            {"name": name, "title": parts[name].title, "count": len(data.records), "files": len(data.files)}
            for name, data in collected.items()
        ]
        html = render_to_string(
            "profile/export_summary.html",
            {"parts": summary, "municipality": municipality, "made_at": timezone.now(), "collected": collected},
        )
        pdf = archival_pdf(html, identifier=str(resident.uuid).encode())
        archive.writestr("overzicht.pdf", pdf)
    return buffer.getvalue()
