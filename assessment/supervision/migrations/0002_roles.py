"""Data migration: the role groups again, now with 单位联络员 and the supervision models' permissions."""

from django.db import migrations


def sync_roles(apps, schema_editor):
    # Permissions are normally created after all migrations (post_migrate); create them now so the groups get them.
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_contenttypes(app_config, apps=apps, verbosity=0)
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    from units.services import roles_sync

    roles_sync(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("units", "0003_membership_liaison"),
        ("targets", "0002_supervision_settings"),
    ]

    operations = [migrations.RunPython(sync_roles, migrations.RunPython.noop)]
