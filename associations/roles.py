"""Staff roles: HQ editors change everything, branch editors their prefectures' and
cities' associations, viewers only read. Groups are (re)made after every migrate and by
`manage.py setup_roles`, so they always hold the permissions this module names."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

HQ_EDITORS = "HQ editors"
BRANCH_EDITORS = "Branch editors"
VIEWERS = "Viewers"

APP = "associations"
ALL_MODELS = [
    "source", "correction", "block", "prefecture", "designatedcity", "service", "language",
    "association", "clairoffice", "department", "jetrole", "jetpartner", "programmefact",
    "report", "editorscope", "staleassociation", "municipality", "postcode", "location",
    "openinghours", "desk", "deskhours", "sociallink", "helpline", "consultationcentre",
]  # fmt: skip
# What hangs off an association: a branch edits it with the association it looks after.
ASSOCIATION_PARTS = ["location", "openinghours", "desk", "deskhours", "sociallink"]

PERMISSIONS = {
    HQ_EDITORS: [
        f"{action}_{model}"
        for model in ALL_MODELS
        for action in ("add", "change", "delete", "view")
    ],
    BRANCH_EDITORS: [
        *(f"view_{model}" for model in ALL_MODELS if model != "editorscope"),
        "add_association",
        "change_association",
        "change_report",
        # One-stop centres of the branch's area (the admin keeps them to it).
        "add_consultationcentre",
        "change_consultationcentre",
        *(
            f"{action}_{model}"
            for model in ASSOCIATION_PARTS
            for action in ("add", "change", "delete")
        ),
    ],
    VIEWERS: [f"view_{model}" for model in ALL_MODELS if model != "editorscope"],
}


def ensure_groups() -> list[Group]:
    """Create the three groups, or bring their permissions back to the ones above."""
    groups = []
    for name, codenames in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(content_type__app_label=APP, codename__in=codenames)
        group.permissions.set(permissions)
        groups.append(group)
    return groups


def _in_group(user, name: str) -> bool:
    return user.is_active and name in _group_names(user)


def _group_names(user) -> frozenset[str]:
    """The user's groups, read once for the user object, as Django's ModelBackend keeps
    their permissions (`_perm_cache`): an admin page asks for the role many times (a
    branch editor's change form, 87), and the object lasts one request."""
    try:
        return user._group_names
    except AttributeError:
        user._group_names = frozenset(user.groups.values_list("name", flat=True))
        return user._group_names


def is_hq_editor(user) -> bool:
    return user.is_active and (user.is_superuser or _in_group(user, HQ_EDITORS))


def is_branch_editor(user) -> bool:
    return not is_hq_editor(user) and _in_group(user, BRANCH_EDITORS)


# The rule of scope, said twice below, once for a query and once for one place:
# a prefecture's branch has the prefecture's own association and the municipal ones
# there; a designated city's branch has the associations of that city.


def covers(user, prefecture, designated_city) -> bool:
    """Whether a branch editor looks after a place (a prefecture, or a city in it)."""
    scope = getattr(user, "editor_scope", None)
    if scope is None or prefecture is None:
        return False
    if designated_city is not None:
        return scope.designated_cities.filter(pk=designated_city.pk).exists()
    return scope.prefectures.filter(pk=prefecture.pk).exists()


def scope_filter(user) -> Q:
    """The associations a branch editor looks after."""
    scope = getattr(user, "editor_scope", None)
    if scope is None:
        return Q(pk__in=[])
    return Q(
        prefecture__in=scope.prefectures.all(),
        designated_city__isnull=True,
    ) | Q(designated_city__in=scope.designated_cities.all())
