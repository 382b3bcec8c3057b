"""Page factories that insert into Wagtail's page tree under a given parent and publish."""

import factory
from django.utils.text import slugify
from wagtail.models import Page, Site

from cms.models import HomePage, ServiceIndexPage, ServicePage, StandardPage


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Pagina {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        page = model_class(*args, **kwargs)
        parent = parent or Page.get_first_root_node()
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page


class HomePageFactory(PageFactory):
    class Meta:
        model = HomePage

    title = "Welkom"
    slug = "welkom"
    intro = "Regel het online."

    @factory.post_generation
    def as_default_site(self, create, extracted, **kwargs):
        if create and extracted is not False:
            Site.objects.update_or_create(is_default_site=True, defaults={"root_page": self, "hostname": "localhost"})


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = "Een gewone pagina."


class ServiceIndexPageFactory(PageFactory):
    class Meta:
        model = ServiceIndexPage

    title = "Producten en diensten"
    slug = "producten-en-diensten"


class ServicePageFactory(PageFactory):
    class Meta:
        model = ServicePage

    intro = factory.LazyAttribute(lambda page: f"Zo regelt u {page.title.lower()}.")
    costs = "<p>Gratis.</p>"
    lead_time = "Binnen 5 werkdagen."
