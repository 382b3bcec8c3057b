def allow_editor_framing(response):
    """The editor shows previews in a frame of its own (same origin). Everything else keeps `frame-ancestors
    'none'` and X-Frame-Options DENY; a preview response says otherwise for itself, because Wagtail renders it
    through a request of its own (so the outer request's path cannot tell the middleware)."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return response


class FramedPreviewMixin:
    def serve_preview(self, request, mode_name):
        return allow_editor_framing(super().serve_preview(request, mode_name))
