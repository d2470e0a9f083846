"""PDF of a Word document through LibreOffice headless, where it is installed.

`PdfConverter.find()` gives a converter when `soffice` (or `libreoffice`) is on the PATH,
None otherwise: the caller then says that no PDF was made, and why. Each converter owns a
LibreOffice profile in a temporary folder (created on first use, so a machine's own profile
is never touched) and converts one document at a time: LibreOffice cannot share a profile
between two running instances.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import threading
from functools import cache
from pathlib import Path

TIMEOUT_SECONDS = 120


class PdfError(RuntimeError):
    """LibreOffice failed or produced nothing."""


class PdfConverter:
    def __init__(self, soffice: str) -> None:
        self.soffice = soffice
        self._lock = threading.Lock()
        self._profile = Path(tempfile.mkdtemp(prefix="aap-bot-lo-"))

    @classmethod
    def find(cls) -> PdfConverter | None:
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        return cls(soffice) if soffice else None

    def convert(self, content: bytes, *, name: str = "document.docx", target: str = "pdf") -> bytes:
        """`content` (a .docx, or an .xlsx with target "xlsx") converted by LibreOffice."""
        with self._lock, tempfile.TemporaryDirectory(prefix="aap-bot-pdf-") as folder:
            source = Path(folder) / name
            source.write_bytes(content)
            out = Path(folder) / "out"
            command = [
                self.soffice,
                f"-env:UserInstallation={self._profile.as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                target,
                "--outdir",
                str(out),
                str(source),
            ]
            try:
                subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT_SECONDS)
            except (subprocess.SubprocessError, OSError) as error:
                raise PdfError(f"LibreOffice: {error}") from error
            produced = out / f"{source.stem}.{target}"
            if not produced.is_file():
                raise PdfError("LibreOffice produced no file")
            return produced.read_bytes()


@cache
def default_converter() -> PdfConverter | None:
    """The converter of this process (one LibreOffice profile), or None without LibreOffice."""
    return PdfConverter.find()
