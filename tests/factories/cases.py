import factory

from auth.services import resident_get_or_create
from portal.cases.models import CaseType, StatusType, Team
from portal.registries.stand_in.demo import valid_bsns

_bsns = valid_bsns(999_950_000)


def make_resident():
    return resident_get_or_create(bsn=next(_bsns))


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")


class CaseTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseType
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Zaaktype {n}")
    team = factory.SubFactory(TeamFactory)
    service_norm_days = 5

    @factory.post_generation
    def statuses(self, create, extracted, **kwargs):
        names = extracted or ["Ontvangen", "In behandeling", "Afgerond"]
        if create:
            StatusType.objects.bulk_create(
                StatusType(
                    case_type=self, order=i, name=name, public_text=f"Tekst bij {name}.", is_final=i == len(names)
                )
                for i, name in enumerate(names, start=1)
            )
