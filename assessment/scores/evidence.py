"""佐证材料 and appeal attachments: size, extension and content checks before anything is stored.

The extension alone is what the uploader claims; the first bytes say what the file is. A renamed executable or
HTML page (which a browser might render) is refused even when it is called `.pdf`. Files are stored under the
private media root with a random name and are served only by `assessment.scores.views` after a permission check.
"""

import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError

PDF = (b"%PDF-",)
PNG = (b"\x89PNG\r\n\x1a\n",)
JPEG = (b"\xff\xd8\xff",)
ZIP = (b"PK\x03\x04",)
OLE = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",)  # legacy Office .doc/.xls

MAGIC = {
    "pdf": PDF,
    "png": PNG,
    "jpg": JPEG,
    "jpeg": JPEG,
    "zip": ZIP,
    "docx": ZIP,
    "xlsx": ZIP,
    "doc": OLE,
    "xls": OLE,
}
OFFICE_XML = {"docx": "word/", "xlsx": "xl/"}


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _human(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"


def evidence_validate(*, file, label: str = "佐证材料") -> None:
    """Refuse a file that is too big, of a type not allowed, or whose content is not what its name says."""
    name = getattr(file, "name", "") or ""
    size = getattr(file, "size", None)
    max_bytes = settings.EVIDENCE_MAX_BYTES
    allowed = [e.lower() for e in settings.EVIDENCE_EXTENSIONS]
    ext = _extension(name)
    if ext not in allowed:
        raise ValidationError(f"{label}“{name}”的类型不允许，只接受：{'、'.join(allowed)}")
    if size is None or size > max_bytes:
        raise ValidationError(f"{label}“{name}”过大（{_human(size or 0)}），上限为 {_human(max_bytes)}")
    if size == 0:
        raise ValidationError(f"{label}“{name}”是空文件")
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    expected = MAGIC.get(ext)
    if expected and not any(head.startswith(m) for m in expected):
        raise ValidationError(f"{label}“{name}”的内容与扩展名 .{ext} 不符，请上传原始文件")
    if ext in OFFICE_XML:
        _check_office_zip(file, name=name, ext=ext, label=label)


def _check_office_zip(file, *, name: str, ext: str, label: str) -> None:
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile:
        raise ValidationError(f"{label}“{name}”已损坏，无法作为 .{ext} 打开") from None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names or not any(n.startswith(OFFICE_XML[ext]) for n in names):
        raise ValidationError(f"{label}“{name}”不是有效的 .{ext} 文件")
