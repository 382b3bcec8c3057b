from django_tasks import task

from portal.records.services import destruction_list_destroy


@task()
def destroy_list(*, list_id: int) -> None:
    destruction_list_destroy(list_id=list_id)
