"""Downloads: the applicant's attachments, the files released with the reply, the letters."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse

from gongkai.orgs.policy import staff_rule

from .. import selectors
from ._shared import _case


def _send(field, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404("文件不存在。") from None
    return FileResponse(handle, as_attachment=True, filename=name)


@staff_rule("inforequest.view_personal", get_object=_case)
def attachment_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    attachment = request.gongkai_object.attachments.filter(pk=file_pk).first()
    if attachment is None:
        raise Http404("没有找到该附件。")
    return _send(attachment.file, attachment.name)


@staff_rule("inforequest.view", get_object=_case)
def released_download(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    released = selectors.access_released_file_by_id(
        user=request.user, request=request.gongkai_object, file_id=file_pk
    )
    return _send(released.file, released.name)


@staff_rule("inforequest.view", get_object=_case)
def letter_download(request: HttpRequest, pk: int, letter_pk: int, fmt: str) -> HttpResponse:
    letter = request.gongkai_object.letters.filter(pk=letter_pk).first()
    if letter is None or fmt not in ("docx", "pdf"):
        raise Http404("没有找到该告知书。")
    field = letter.docx if fmt == "docx" else letter.pdf
    if not field:
        raise Http404(letter.pdf_error or "没有该格式的文件。")
    return _send(field, f"{letter.request.tracking_code}-{letter.title}.{fmt}")
