from django_tasks import task


@task()
def build_data_export(export_id: int, language: str) -> bool:
    from portal.profile.services import data_export_build

    return data_export_build(export_id=export_id, language=language) is not None
