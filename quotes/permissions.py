"""The "Editors" group: exactly what it takes to correct the data, nothing over users.

Shared by the data migrations (0003_editors_group, and
editors_source_permissions for sources and failed links) and the
``create_editors_group`` command, so they grant the same permissions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

EDITORS_GROUP = "Editors"

# Model name -> actions. Statements are never deleted by editors: a deleted
# statement would come back on the next re-extraction, a rejected one never.
# Articles come from the importer, so editors fix their metadata only.
EDITOR_PERMISSIONS: dict[str, tuple[str, ...]] = {
    "quote": ("view", "add", "change"),
    "claim": ("view", "add", "change"),
    "person": ("view", "add", "change", "delete"),
    "personalias": ("view", "add", "change", "delete"),
    "outlet": ("view", "add", "change"),
    "article": ("view", "change"),
    "historicalquote": ("view",),
    "historicalclaim": ("view",),
    "historicalperson": ("view",),
    "historicalpersonalias": ("view",),
    "historicaloutlet": ("view",),
    # Readers' "Report an error": editors read and resolve them (not delete).
    "errorreport": ("view", "change"),
    # Sources (issue 13): editors turn them off and on, change their interval
    # and outlet, and poll them now. Adding one (a new site this machine
    # crawls) is an administrator's job (``add_source``, or a superuser), and
    # so is its URL (``SourceAdmin``); deleting one would drop its failed
    # links, so it is turned off instead.
    "source": ("view", "change"),
    # Links given up on: all their fields are the importer's; removing one
    # from the list is "try again" (the next poll that lists it fetches it).
    "failedlink": ("view", "delete"),
}


def editor_codenames(models: Iterable[str] | None = None) -> list[str]:
    """Permission codenames of the Editors group, e.g. "change_quote"; with
    ``models``, those of these models only."""
    return sorted(
        f"{action}_{model}"
        for model, actions in EDITOR_PERMISSIONS.items()
        if models is None or model in models
        for action in actions
    )


def ensure_editors_group(apps=global_apps, using: str = DEFAULT_DB_ALIAS):
    """Create or repair the Editors group; returns ``(group, created)``.

    Sets the group's permissions to exactly ``EDITOR_PERMISSIONS`` (extra ones
    are removed). Works with a migration's historical ``apps`` as well: models
    that do not exist yet at that migration are left out, for the migration
    that adds them to grant (0003_editors_group runs before Source exists).
    """
    present = {m._meta.model_name for m in apps.get_models() if m._meta.app_label == "quotes"}
    permissions = _permissions(apps, using, editor_codenames(present))
    Group = apps.get_model("auth", "Group")
    group, created = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(permissions)
    return group, created


def grant_editors(apps, using: str, models: Iterable[str], *, revoke: bool = False) -> None:
    """Add the Editors group's permissions on ``models`` (a data migration for
    models added later), or with ``revoke`` take them away; the group's other
    permissions stay as they are, including any an administrator added."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.using(using).filter(name=EDITORS_GROUP).first()
    if group is None:  # removed on purpose; create_editors_group brings it back whole
        return
    permissions = _permissions(apps, using, editor_codenames(models))
    if revoke:
        group.permissions.remove(*permissions)
    else:
        group.permissions.add(*permissions)


def _permissions(apps, using: str, codenames: list[str]) -> list:
    from django.contrib.auth.management import create_permissions

    # In a fresh database, permissions only appear after all migrations
    # (post_migrate); create this app's now so the group can reference them.
    app_config = apps.get_app_config("quotes")
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True  # migration app stubs have none
    create_permissions(app_config, verbosity=0, using=using, apps=apps)

    Permission = apps.get_model("auth", "Permission")
    permissions = list(
        Permission.objects.using(using).filter(
            content_type__app_label="quotes", codename__in=codenames
        )
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise LookupError(f"Permissions not found: {', '.join(sorted(missing))}")
    return permissions


def make_editor(user) -> None:
    """Give ``user`` admin access as an editor: staff status and the Editors group."""
    group, _ = ensure_editors_group()
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(group)
