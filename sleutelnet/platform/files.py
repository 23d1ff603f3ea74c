"""Files the application writes itself (exports, reports): written whole or not at all."""
from __future__ import annotations

import os
import secrets


def write_atomic(path: str, content: bytes) -> None:
    """Write `content` to `path` through a temporary file beside it and a rename, so a reader sees the old
    file or the whole new one, never half of it; the folder is made (mode 0700, only this user) if needed."""
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    tmp = f"{path}.tmp-{secrets.token_hex(4)}"
    with open(tmp, "wb") as fh:
        fh.write(content)
    os.replace(tmp, path)
