"""factory-boy factories for the domain. Defaults build a small valid plan; tests set what they assert on."""

from decimal import Decimal

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from assessment.models import ScoreEntry
from cadres.models import Cadre, CadreTarget, DemocraticEvaluation
from targets.models import Cycle, Indicator, IndicatorPoints, Period, Target
from units.models import Category, Membership, Unit


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("pass-Kaohe-2025")
    is_staff = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for name in extracted or ():
            self.groups.add(Group.objects.get_or_create(name=name)[0])


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"C{n:02d}")
    name = factory.Sequence(lambda n: f"类别{n}")


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"单位{n}")
    category = factory.SubFactory(CategoryFactory)
    headcount = 20


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = "leader"


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle
        django_get_or_create = ("year",)

    year = factory.Sequence(lambda n: 2025 + n)
    name = factory.LazyAttribute(lambda o: f"{o.year}年度目标责任制考核")
    status = "scoring"


class PeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Period
        django_get_or_create = ("cycle", "code")

    cycle = factory.SubFactory(CycleFactory)
    code = "Y"
    name = factory.LazyAttribute(lambda o: o.code)
    weight = Decimal("1")
    order = 1


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator
        django_get_or_create = ("cycle", "code")

    cycle = factory.SubFactory(CycleFactory)
    code = factory.Sequence(lambda n: f"I{n:03d}")
    name = factory.Sequence(lambda n: f"指标{n}")
    rule = "direct"
    params = factory.LazyFunction(dict)


class IndicatorPointsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorPoints
        django_get_or_create = ("indicator", "category")

    indicator = factory.SubFactory(IndicatorFactory)
    category = factory.SubFactory(CategoryFactory)
    points = Decimal("10")


class TargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Target

    indicator = factory.SubFactory(IndicatorFactory)
    cycle = factory.LazyAttribute(lambda o: o.indicator.cycle)
    unit = factory.SubFactory(UnitFactory)
    value = Decimal("100")


class CadreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cadre
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"K{n:04d}")
    name = factory.Sequence(lambda n: f"干部{n}")
    unit = factory.SubFactory(UnitFactory)
    post = "副镇长"
    team_member = True


class CadreTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CadreTarget

    cadre = factory.SubFactory(CadreFactory)
    cycle = factory.SubFactory(CycleFactory)
    code = factory.Sequence(lambda n: f"KT{n:04d}")
    name = factory.Sequence(lambda n: f"干部目标{n}")
    weight = Decimal("1")
    target_value = Decimal("100")


class DemocraticEvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DemocraticEvaluation

    cadre = factory.SubFactory(CadreFactory)
    cycle = factory.SubFactory(CycleFactory)
    score = Decimal("90")


class ScoreEntryFactory(factory.django.DjangoModelFactory):
    """Writes directly, bypassing the service: for setting up state, never for testing writes."""

    class Meta:
        model = ScoreEntry

    period = factory.SubFactory(PeriodFactory)
    cycle = factory.LazyAttribute(lambda o: o.period.cycle)
    unit = factory.SubFactory(UnitFactory)
    indicator = factory.SubFactory(IndicatorFactory, cycle=factory.SelfAttribute("..cycle"))
    value = Decimal("5")
