"""The resident's proof: a PDF/A-3b receipt (archivable, Archiefwet) with every answer as it was shown on the
check-your-answers page, rendered by WeasyPrint from a template in the municipality's style."""

from django.conf import settings
from django.core.files.base import ContentFile
from django.template.loader import render_to_string
from django.utils import translation

from forms_engine import fields as field_types
from forms_engine.translation import schema_in
from portal.core.pdf import archival_pdf, breakable
from portal.core.uploads import CheckedUpload


def answer_rows(submission, schema: dict | None = None) -> list[dict]:
    """Per step, the answers as read back against a schema: the one the submission is stored with (the Dutch form,
    for staff), or that form in the resident's language (`schema_in`)."""
    steps = []
    for step in (schema or submission.schema)["steps"]:
        rows = [
            {"label": spec["label"], "value": field_types.display(spec, submission.data[spec["key"]])}
            for spec in step["fields"]
            if spec["type"] != "content" and spec["key"] in submission.data
        ]
        if rows:
            steps.append({"title": step["title"], "rows": rows})
    return steps


def render_receipt(submission, *, municipality: str) -> bytes:
    with translation.override(submission.language or "nl"):
        steps = answer_rows(submission, schema_in(submission.schema, submission.form, submission.language))
        for step in steps:
            for row in step["rows"]:
                row["value"] = breakable(str(row["value"]))
        html = render_to_string(
            "forms_engine/receipt.html", {"submission": submission, "steps": steps, "municipality": municipality}
        )
    return archival_pdf(html, identifier=submission.reference.encode())


def receipt_upload(submission) -> CheckedUpload:
    """The receipt as a file to attach (a case document, a mail attachment), rendered once and kept."""
    if not submission.receipt:
        data = render_receipt(submission, municipality=settings.WAGTAIL_SITE_NAME)
        submission.receipt.save(f"{submission.uuid}.pdf", ContentFile(data), save=False)
        type(submission).objects.filter(pk=submission.pk).update(receipt=submission.receipt.name)
    with submission.receipt.open("rb") as handle:
        data = handle.read()
    name = f"ontvangstbewijs-{submission.reference}.pdf"
    return CheckedUpload(ContentFile(data, name=name), name, "application/pdf", len(data))
