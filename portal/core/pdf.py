"""Loket's documents for residents and the archive (receipts, letters, the data download's summary): PDF/A-3a,
archivable and tagged (Archiefwet), that also declares PDF/UA-1 (accessible): a structure tree from the HTML, the
document's language, and its title shown instead of the file name."""

import io
import re

# A run of text without a break opportunity (a pasted link, a key, a held-down key): WeasyPrint breaks it anywhere, but
# the cost of that grows with the square of the run's length — a 5,000-character answer took a minute to render, so a
# receipt could be held up by what a resident typed. A zero-width space every so many characters gives the line
# breaker its places; it is never drawn, and text taken from the PDF does not hold it.
_UNBROKEN = re.compile(r"(\S{24})(?=\S)")
_ZERO_WIDTH_SPACE = "\u200b"


def breakable(text: str) -> str:
    """Text that wraps in a PDF cell in time linear to its length, whatever was typed."""
    return _UNBROKEN.sub(lambda match: match.group(1) + _ZERO_WIDTH_SPACE, text)


def archival_pdf(html: str, *, identifier: bytes) -> bytes:
    # Imported here: both are heavy, and most requests never make a PDF.
    import pikepdf
    from weasyprint import HTML

    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/a-3a", pdf_identifier=identifier)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        # WeasyPrint writes one conformance claim; the tagging PDF/A-3a needs is what PDF/UA-1 builds on.
        with document.open_metadata(set_pikepdf_as_editor=False) as metadata:
            metadata["pdfuaid:part"] = "1"
        document.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        written = io.BytesIO()
        document.save(written)
    return written.getvalue()


_WARM_UP = """<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Loket</title>
{% include "includes/pdf_style.html" with reference="LK" %}</head><body><header><div class="municipality">Loket</div>
</header><h1>Loket</h1><p>Loket <span class="reference">LK</span></p><h2>Loket</h2><table class="answers"><tr>
<th scope="row">Loket</th><td>Loket</td></tr></table></body></html>"""


def warm_up() -> None:
    """A small document in the house style, rendered once by a process that forks a worker per job (RQ), so that
    each fork starts with WeasyPrint's code, its fonts and their subsetting loaded: ≈ 0.8 s of CPU otherwise."""
    from django.template import Context, Template

    archival_pdf(Template(_WARM_UP).render(Context()), identifier=b"loket-warm-up")
