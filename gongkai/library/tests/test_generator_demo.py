"""The generator and the demo county's library."""

import pytest
from django.core.management import call_command

from gongkai.core.duties.models import Duty
from gongkai.library.models import Document, DocumentRelation, Interpretation
from gongkai.library.selectors import documents_public
from gongkai.library.services.documents import allocate_index_no

pytestmark = pytest.mark.django_db


def test_generated_documents_look_like_a_countys_library(region, unit_a, unit_b):
    from gongkai.library.generator import generate_documents

    ids = generate_documents(region, 300, seed=3, batch_size=64)
    docs = list(Document.objects.filter(pk__in=ids))
    assert len(docs) == 300
    assert len({d.index_no for d in docs}) == 300
    assert all(300 <= len(d.body_text) <= 5000 for d in docs)
    assert len({d.genre for d in docs}) >= 10 and len({d.written_on.year for d in docs}) >= 9
    assert {d.validity for d in docs} >= {"valid", "amended", "repealed"}
    numbered = [d for d in docs if d.doc_number]
    assert len({d.doc_number for d in numbered}) == len(numbered)
    # Later documents continue the same counters instead of colliding.
    year = docs[0].written_on.year
    assert allocate_index_no(unit=docs[0].unit, year=year) not in {d.index_no for d in docs}


def test_generation_is_reproducible(region, unit_a):
    from gongkai.library.generator import generate_documents

    first = [Document.objects.get(pk=i).title for i in generate_documents(region, 20, seed=9)]
    Document.objects.all().delete()
    from gongkai.library.models import IndexCounter

    IndexCounter.objects.all().delete()
    again = [Document.objects.get(pk=i).title for i in generate_documents(region, 20, seed=9)]
    assert first == again


def test_demo_data_command(region, unit_a, capsys):
    call_command("demo_data", "--documents", "50", "--region", region.code)
    assert Document.objects.count() == 50
    assert "完成：50 件" in capsys.readouterr().out


def test_demo_county_has_a_living_library(calendar_years):
    from gongkai.orgs.demo import load_demo_county

    region = load_demo_county()
    count = Document.objects.filter(region=region).count()
    assert 280 <= count <= 320
    assert documents_public(region).count() > 200
    assert Interpretation.objects.filter(region=region, status="published").exists()
    assert DocumentRelation.objects.exists()
    reviews = Duty.objects.filter(kind="library.review", status="open")
    assert {d.role_level for d in reviews} >= {1, 2, 3}
    assert Document.objects.filter(title="示范县政府投资项目管理办法", status="published").exists()
    load_demo_county()  # idempotent
    assert Document.objects.filter(region=region).count() == count
