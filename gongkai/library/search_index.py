"""The policy library's full-text index (core.search): what of a document is searchable.

Only what the public may see is indexed: a published, proactively disclosed document
(`Document.is_public`). Everything else — drafts, withdrawn documents, 依申请公开 ones — is
removed, so that neither the search page nor the API can ever show an unpublished text.

`document_changed(id)` is what the job ``library.reindex`` calls after every public change
(publication, withdrawal, validity, a linked interpretation published); `reindex_library()`
rebuilds the whole index (`gongkai library reindex`, benchmarks).

Searchable text: title (boosted), 发文字号 (boosted, and the loose-number lookup), the body's
plain text, 主题词, 内容概述, the attachments' extracted text and the titles of the published
interpretations (a citizen searching 解读 words finds the document too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef, Prefetch

from gongkai.core import search

from .models import Attachment, Document, Interpretation, Topic

LIBRARY = search.SearchIndex(
    name="library",
    filters={
        "region": int,
        "unit": int,
        "topic": int,  # the top-level 主题分类 (a class matches its sub-classes)
        "subtopic": int,  # the exact 主题分类
        "genre": str,
        "validity": str,
        "disclosure": str,
        "has_interpretation": bool,
        "normative": bool,
    },
    date_field="published_on",
)

# Attachments can be long (a 300-page PDF); a cap keeps one document's row reasonable.
MAX_ATTACHMENT_CHARS = 200_000


def _published_interpretations() -> Prefetch:
    return Prefetch(
        "interpretations",
        queryset=Interpretation.objects.filter(status=Interpretation.Status.PUBLISHED).only(
            "id", "title"
        ),
        to_attr="public_interpretations",
    )


def _attachments() -> Prefetch:
    return Prefetch(
        "attachments",
        queryset=Attachment.objects.only("id", "document_id", "extracted_text", "sort"),
        to_attr="index_attachments",
    )


def entry_for(
    document: Document,
    *,
    topic_parents: dict[int, int | None] | None = None,
    new: bool = False,
) -> search.IndexEntry:
    """The index entry of a public document (prefetched as by `_public_documents`). With
    `topic_parents` ({topic id: parent id}) the topic is not read from the database; `new` says
    the document has just been created, so it has no interpretations or attachments yet."""
    interpretations = [] if new else getattr(document, "public_interpretations", None)
    if interpretations is None:
        interpretations = list(
            document.interpretations.filter(status=Interpretation.Status.PUBLISHED)
        )
    attachments = [] if new else getattr(document, "index_attachments", None)
    if attachments is None:
        attachments = list(document.attachments.all())
    parts = [document.body_text, document.keywords, document.summary]
    parts += [a.extracted_text[:MAX_ATTACHMENT_CHARS] for a in attachments if a.extracted_text]
    parts += [f"政策解读：{i.title}" for i in interpretations]
    if topic_parents is not None:
        top = None
        if document.topic_id is not None:
            top = topic_parents.get(document.topic_id) or document.topic_id
    else:
        topic = document.topic
        top = (topic.parent_id or topic.pk) if topic is not None else None
    return search.IndexEntry(
        key=str(document.pk),
        title=document.title,
        doc_number=document.doc_number,
        body="\n".join(p for p in parts if p),
        filters={
            "region": document.region_id,
            "unit": document.unit_id,
            "topic": top,
            "subtopic": document.topic_id,
            "genre": document.genre,
            "validity": document.validity,
            "disclosure": document.disclosure,
            "has_interpretation": bool(interpretations),
            "normative": document.is_normative,
        },
        date=document.published_on,
        # Tokens made ahead by the import's checking process (importer.parallel), if any.
        prepared=getattr(document, "search_prepared", None),
    )


def _public_documents():
    return (
        Document.objects.filter(
            status=Document.Status.PUBLISHED, disclosure=Document.Disclosure.PROACTIVE
        )
        .select_related("topic")
        .prefetch_related(_published_interpretations(), _attachments())
    )


def document_changed(document_id: int) -> None:
    """Index the document if the public may see it, else take it out of the index."""
    document = _public_documents().filter(pk=document_id).first()
    if document is None:
        search.remove(LIBRARY, [str(document_id)])
    else:
        search.index(LIBRARY, [entry_for(document)])


def iter_entries(batch: int = 1000) -> Iterator[search.IndexEntry]:
    last = 0
    while True:
        chunk = list(_public_documents().filter(pk__gt=last).order_by("pk")[:batch])
        if not chunk:
            return
        for document in chunk:
            yield entry_for(document)
        last = chunk[-1].pk


def reindex_library(progress=None) -> search.Progress:
    """Make the index hold exactly the public documents."""
    return search.reindex_all(LIBRARY, iter_entries(), progress=progress)


def has_public_interpretation():
    """An Exists() for querysets: the document has a published interpretation."""
    return Exists(
        Interpretation.objects.filter(
            documents=OuterRef("pk"), status=Interpretation.Status.PUBLISHED
        )
    )


def index_documents(documents: Iterable[Document], *, new: bool = False) -> int:
    """Index several documents at once (imports, demo data); non-public ones are removed.

    `new`: the documents were just created (a bulk import) and are indexed as they are in
    memory — no interpretation or attachment can be linked to them yet — instead of being read
    back from the database with their relations."""
    documents = list(documents)
    if new:
        parents = dict(Topic.objects.values_list("id", "parent_id"))
        public = [d for d in documents if d.is_public]
        public_ids = {d.pk for d in public}
        changed = search.index(
            LIBRARY, [entry_for(d, topic_parents=parents, new=True) for d in public]
        )
        changed += search.remove(LIBRARY, [str(d.pk) for d in documents if d.pk not in public_ids])
        return changed
    ids = [d.pk for d in documents]
    public = list(_public_documents().filter(pk__in=ids))
    public_ids = {d.pk for d in public}
    changed = search.index(LIBRARY, [entry_for(d) for d in public])
    changed += search.remove(LIBRARY, [str(i) for i in ids if i not in public_ids])
    return changed
