class FramedPreviewMixin:
    """The editor shows previews in a frame of its own (same origin). Everything else keeps `frame-ancestors
    'none'` and X-Frame-Options DENY; the preview response says otherwise for itself, because Wagtail renders it
    through a request of its own (so the outer request's path cannot tell the middleware)."""

    def serve_preview(self, request, mode_name):
        response = super().serve_preview(request, mode_name)
        response["X-Frame-Options"] = "SAMEORIGIN"
        response._csp_replace = {"frame-ancestors": ["'self'"]}
        return response
