from django.core.management.base import BaseCommand

from associations.roles import PERMISSIONS, ensure_groups


class Command(BaseCommand):
    help = (
        "Create the staff groups (HQ editors, Branch editors, Viewers) or bring their "
        "permissions back to what the project defines. Idempotent; migrate runs it too."
    )

    def handle(self, *args, **options) -> None:
        for group in ensure_groups():
            if options["verbosity"] >= 1:
                count = len(PERMISSIONS[group.name])
                self.stdout.write(f"{group.name}: {count} permissions")
