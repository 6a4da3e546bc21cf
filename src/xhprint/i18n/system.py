"""The operating system's reason for a failed file operation, as a translatable message.

`OSError.strerror` is the C library's English text ("Permission denied"); the reasons a
file of an issue folder can fail to open are few, so each gets its own message and the
rest are named by their errno code.
"""

from __future__ import annotations

import errno

from xhprint.i18n import Message, msg

_REASONS: dict[int, Message] = {
    errno.ENOENT: msg("no such file or folder"),
    errno.EACCES: msg("permission denied"),
    errno.EPERM: msg("operation not permitted"),
    errno.EISDIR: msg("it is a folder"),
    errno.ENOTDIR: msg("a part of the path is not a folder"),
    errno.ELOOP: msg("too many symbolic links (a link loop)"),
    errno.ENAMETOOLONG: msg("the name is too long"),
    errno.EIO: msg("input/output error (a damaged disk or a lost network drive)"),
    errno.ENOSPC: msg("no space left on the disk"),
    errno.EROFS: msg("the disk is read-only"),
    errno.EMFILE: msg("too many open files"),
}


def os_reason(err: BaseException) -> Message:
    """Why an OSError happened, in the reader's language."""
    code = getattr(err, "errno", None)
    if code in _REASONS:
        return _REASONS[code]
    name = errno.errorcode.get(code, str(code)) if isinstance(code, int) else type(err).__name__
    return msg("system error {code}", code=name)
