"""The "Editors" group: exactly what it takes to correct the data, nothing over users.

Shared by the data migration (0003_editors_group) and the
``create_editors_group`` command, so both grant the same permissions.
"""

from __future__ import annotations

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
}


def editor_codenames(models=None) -> list[str]:
    """Permission codenames of the Editors group, e.g. "change_quote" (of the
    ``models`` that exist, when given: an early migration knows fewer)."""
    return sorted(
        f"{action}_{model}"
        for model, actions in EDITOR_PERMISSIONS.items()
        if models is None or model in models
        for action in actions
    )


def ensure_editors_group(apps=global_apps, using: str = DEFAULT_DB_ALIAS):
    """Create or repair the Editors group; returns ``(group, created)``.

    Sets the group's permissions to exactly ``EDITOR_PERMISSIONS`` (extra ones
    are removed). Works with a migration's historical ``apps`` as well.
    """
    from django.contrib.auth.management import create_permissions

    # In a fresh database, permissions only appear after all migrations
    # (post_migrate); create this app's now so the group can reference them.
    app_config = apps.get_app_config("quotes")
    if getattr(app_config, "models_module", None) is None:
        app_config.models_module = True  # migration app stubs have none
    create_permissions(app_config, verbosity=0, using=using, apps=apps)

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = editor_codenames({model._meta.model_name for model in app_config.get_models()})
    permissions = list(
        Permission.objects.using(using).filter(
            content_type__app_label="quotes", codename__in=codenames
        )
    )
    missing = set(codenames) - {p.codename for p in permissions}
    if missing:
        raise LookupError(f"Permissions not found: {', '.join(sorted(missing))}")
    group, created = Group.objects.using(using).get_or_create(name=EDITORS_GROUP)
    group.permissions.set(permissions)
    return group, created


def make_editor(user) -> None:
    """Give ``user`` admin access as an editor: staff status and the Editors group."""
    group, _ = ensure_editors_group()
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    user.groups.add(group)
