"""Admin create views without autosave.

Wagtail autosaves a new page or snippet while the editor is still creating it, and points the form at the new
object's edit URL only when that first autosave has answered. A "Publish" pressed while it is under way still
posts to the add URL and creates the object a second time: a duplicate page, or a server error on a unique slug
(seen in the form builder's journey). A new object is therefore saved by the editor's own button; once it exists,
its edit view autosaves as Wagtail intends.
"""

from wagtail.admin.views.pages.create import CreateView as PageCreateView
from wagtail.snippets.views.snippets import CreateView as SnippetCreateView


class SnippetCreateWithoutAutosave(SnippetCreateView):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.autosave_enabled = False


class PageCreateWithoutAutosave(PageCreateView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(autosave_enabled=False, autosave_indicator=None)
        return context
