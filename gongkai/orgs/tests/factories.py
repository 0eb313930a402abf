"""Test data for units and people. Other apps' factories build on these."""

import factory

from gongkai.orgs.models import Region, RoleAssignment, Unit, User
from gongkai.orgs.roles import Role


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"r{n:03d}")
    name = factory.Sequence(lambda n: f"测试{n}县人民政府")
    short_name = factory.Sequence(lambda n: f"测试{n}县")
    office_name = "县政府信息公开办公室"
    office_phone = "0000-1234567"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit

    region = factory.SubFactory(RegionFactory)
    kind = Unit.Kind.DEPARTMENT
    name = factory.Sequence(lambda n: f"测试县第{n}局")
    short_name = factory.Sequence(lambda n: f"县{n}局")
    code = factory.Sequence(lambda n: f"U{n:06d}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"工作人员{n}")

    @factory.post_generation
    def password(obj, create, extracted, **kwargs):
        obj.set_password(extracted or "Gongkai-test-2026")
        if create:
            obj.save(update_fields=["password"])


def staff(unit: Unit, *roles: str, level: int | None = None, username: str | None = None) -> User:
    """A person holding ``roles`` in ``unit`` (office_admin is granted region-wide)."""
    user = UserFactory(**({"username": username} if username else {}))
    for role in roles or (Role.CLERK,):
        if role == Role.OFFICE_ADMIN:
            RoleAssignment.objects.create(user=user, region=unit.region, unit=None, role=role)
        else:
            RoleAssignment.objects.create(
                user=user,
                region=unit.region,
                unit=unit,
                role=role,
                level=(level or 1) if role == Role.REVIEWER else None,
            )
    return user
