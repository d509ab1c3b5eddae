import os
from getpass import getpass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q

from associations import roles
from associations.models import DesignatedCity, EditorScope, Prefecture


class Command(BaseCommand):
    help = (
        "Create or update a staff user with one role: --hq (changes everything), --branch "
        "CODE_OR_SLUG ... (changes the associations of those prefectures or designated "
        "cities), or --viewer (reads only). Asks for a password when run interactively, "
        "or takes it from the environment variable named by --password-from-env."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        role = parser.add_mutually_exclusive_group(required=True)
        role.add_argument("--hq", action="store_true", help="HQ editor")
        role.add_argument(
            "--branch",
            nargs="+",
            metavar="CODE_OR_SLUG",
            help=(
                "branch editor of these prefectures (JP-22 or shizuoka) and designated "
                "cities (hamamatsu, or city:shizuoka where a prefecture has the same name)"
            ),
        )
        role.add_argument("--viewer", action="store_true", help="read-only")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env", metavar="VAR", help="read the password from this variable"
        )
        parser.add_argument("--dry-run", action="store_true", help="check, then write nothing")

    def handle(self, *args, username: str, **options) -> None:
        prefectures, cities = self._places(options["branch"] or [])
        password = self._password(options)
        role = (
            roles.HQ_EDITORS
            if options["hq"]
            else roles.BRANCH_EDITORS
            if options["branch"]
            else roles.VIEWERS
        )
        with transaction.atomic():
            roles.ensure_groups()
            user, created = get_user_model().objects.get_or_create(username=username)
            user.is_staff = True
            user.is_active = True
            if options["email"]:
                user.email = options["email"]
            if password is not None:
                try:
                    validate_password(password, user)
                except ValidationError as error:
                    raise CommandError(" ".join(error.messages)) from None
                user.set_password(password)
            elif created:
                user.set_unusable_password()
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            if options["branch"]:
                scope, _ = EditorScope.objects.get_or_create(user=user)
                scope.prefectures.set(prefectures)
                scope.designated_cities.set(cities)
            else:
                EditorScope.objects.filter(user=user).delete()
            if options["dry_run"]:
                transaction.set_rollback(True)
        if options["verbosity"] >= 1:
            places = ", ".join(str(p) for p in [*prefectures, *cities])
            action = "Would create" if options["dry_run"] else "Created" if created else "Updated"
            self.stdout.write(f"{action} {username}: {role}" + (f" ({places})" if places else ""))

    def _places(self, names: list[str]) -> tuple[list, list]:
        """JP-22 or shizuoka name a prefecture; hamamatsu or city:shizuoka a city."""
        prefectures, cities, unknown = [], [], []
        for name in names:
            if name.lower().startswith("city:"):
                city = DesignatedCity.objects.filter(slug=name[5:].lower()).first()
                (cities.append(city) if city else unknown.append(name))
                continue
            lookup = Q(code__iexact=name) | Q(slug=name.lower())
            prefecture = Prefecture.objects.filter(lookup).first()
            city = DesignatedCity.objects.filter(slug=name.lower()).first()
            if prefecture:
                prefectures.append(prefecture)
            elif city:
                cities.append(city)
            else:
                unknown.append(name)
        if unknown:
            raise CommandError(f"Unknown prefecture or designated city: {', '.join(unknown)}")
        return prefectures, cities

    def _password(self, options) -> str | None:
        variable = options["password_from_env"]
        if variable:
            if not os.environ.get(variable):
                raise CommandError(f"The environment variable {variable} is empty or not set.")
            return os.environ[variable]
        if options.get("interactive", True) and os.isatty(0):
            first = getpass("Password: ")
            if first != getpass("Password (again): "):
                raise CommandError("The passwords differ.")
            return first
        return None
