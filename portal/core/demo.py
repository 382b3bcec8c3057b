def grant_demo_permissions(username: str, *, app_label: str, codenames: list[str] | None = None) -> None:
    """Gives a demo back-office user an app's permissions (all of them, or the named ones); no user, no change."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.filter(username=username).first()
    if user is not None:
        permissions = Permission.objects.filter(content_type__app_label=app_label)
        if codenames is not None:
            permissions = permissions.filter(codename__in=codenames)
        user.user_permissions.add(*permissions)
