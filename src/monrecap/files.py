"""Files as the toolkit writes them: atomically, with checksums."""

from __future__ import annotations

import hashlib
import os
import tempfile
from functools import lru_cache
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place: a
    reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; artifacts are shared files
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@lru_cache(maxsize=1)
def toolkit_fingerprint() -> str:
    """A checksum of the toolkit's own code and shipped files (font, output profile): a build
    made by other code is not reusable. Read once per process: the code that runs is the code
    that was imported (a long `--watch` session keeps its fingerprint after an edit)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    shipped = [p for p in (package / "data").rglob("*") if p.is_file()]
    for path in sorted([*package.rglob("*.py"), *shipped]):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
