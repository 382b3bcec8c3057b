"""Loket's documents for residents and the archive (receipts, letters, the data download's summary): PDF/A-3a,
archivable and tagged (Archiefwet), that also declares PDF/UA-1 (accessible): a structure tree from the HTML, the
document's language, and its title shown instead of the file name."""

import io


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
