from gongkai.portal.columns import COLUMNS


def site(request):
    """The region the page belongs to, the reader's display preferences, the column structure.

    ``my_roles`` is a callable so that it is only evaluated (one query, cached on the user) by
    templates that show it — the staff header — and never on public pages.
    """
    user = getattr(request, "user", None)

    def my_roles():
        if user is None or not user.is_authenticated:
            return []
        from gongkai.orgs.policy import roles_of

        return roles_of(user)

    def is_office():
        """The workspace menu shows office-only areas (gazette, calendar) to the office only."""
        if user is None or not user.is_authenticated:
            return False
        from gongkai.orgs.policy import office_region_ids

        return user.is_superuser or bool(office_region_ids(user))

    return {
        "region": getattr(request, "region", None),
        "staff_is_office": is_office,
        "senior_mode": request.COOKIES.get("senior") == "1",
        "portal_columns": COLUMNS,
        "my_roles": my_roles,
    }
