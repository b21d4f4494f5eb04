"""Who owns a file, as the file system records it: the ticket signer's "person".

A colleague can write anything into a file on the shared folder, but not the account the
file server records as its owner. :mod:`surveys.ticket_signing` gives one ticket per owner
per wave, so the owner has to be read the same way on every system HR uses:

- **POSIX** (Linux, macOS; also a Windows share mounted there): the user name of the
  file's ``st_uid`` (``pwd``), or ``uid:N`` when this computer does not know the name. It is
  read from the open file's own status (``fstat``) when the caller has it, otherwise with
  ``lstat``; a link is never followed.
- **Windows** (the common case: an SMB share read from HR's Windows PC): the owner SID of
  the file's security descriptor as text (``S-1-5-21-…``), read with
  ``GetNamedSecurityInfoW(path, SE_FILE_OBJECT, OWNER_SECURITY_INFORMATION, …)`` and
  ``ConvertSidToStringSidW``; both buffers are released with ``LocalFree``. A SID never
  changes when an account is renamed, so it is the identity kept on the roll.
  :func:`account_names` turns it into ``DOMAIN\\name`` and ``name`` (``LookupAccountSidW``)
  for HR's roster and for messages.

An owner that cannot be read is ``None`` (HR's account may not read the file's
permissions, the file system keeps no owners, the file is a link or reparse point). The
signer refuses such a request: a file whose writer is unknown is never signed anonymously.
A file that went away raises ``FileNotFoundError``; a share that stopped answering raises
``OSError`` (the request waits for the next pass).

The Windows functions take the Win32 API as an object (:class:`WindowsApi`), loaded with
``ctypes`` on Windows only; tests hand in a fake one and check every call and every buffer
released.
"""

from __future__ import annotations

import ctypes
import errno
import os
import re
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

#: ``SE_OBJECT_TYPE.SE_FILE_OBJECT``.
SE_FILE_OBJECT = 1
#: ``SECURITY_INFORMATION`` flag: the owner only.
OWNER_SECURITY_INFORMATION = 0x00000001
#: ``FILE_ATTRIBUTE_REPARSE_POINT``: a symbolic link, junction or other reparse point.
FILE_ATTRIBUTE_REPARSE_POINT = 0x400
ERROR_FILE_NOT_FOUND = 2
ERROR_PATH_NOT_FOUND = 3
ERROR_INSUFFICIENT_BUFFER = 122
#: Errors that say the share is away or busy right now: the request waits for a later pass.
TRANSIENT_ERRORS = frozenset(
    {
        32,  # ERROR_SHARING_VIOLATION
        33,  # ERROR_LOCK_VIOLATION
        51,  # ERROR_REM_NOT_LIST
        53,  # ERROR_BAD_NETPATH
        59,  # ERROR_UNEXP_NET_ERR
        64,  # ERROR_NETNAME_DELETED
        67,  # ERROR_BAD_NET_NAME
        121,  # ERROR_SEM_TIMEOUT
        1231,  # ERROR_NETWORK_UNREACHABLE
    }
)
_SID = re.compile(r"S-1(-\d+)+")
_NAME_CHARS = 256


@dataclass(frozen=True)
class WindowsApi:
    """The Win32 functions the owner lookup calls.

    Attributes
    ----------
    advapi32 : object
        Has ``GetNamedSecurityInfoW``, ``ConvertSidToStringSidW``, ``ConvertStringSidToSidW``
        and ``LookupAccountSidW``.
    kernel32 : object
        Has ``LocalFree``.
    last_error : callable
        The calling thread's last Win32 error (``ctypes.get_last_error``).
    """

    advapi32: Any
    kernel32: Any
    last_error: Callable[[], int]


@cache
def windows_api() -> WindowsApi:  # pragma: no cover - runs on Windows only
    """The real Win32 API through ``ctypes`` (Windows only; loaded once)."""
    from ctypes import wintypes

    advapi32 = ctypes.WinDLL("advapi32", use_last_error=True)
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    out = ctypes.POINTER(ctypes.c_void_p)
    dword_out = ctypes.POINTER(ctypes.c_uint32)  # what _lookup_names passes
    signatures = (
        (advapi32.GetNamedSecurityInfoW, wintypes.DWORD,
         [wintypes.LPCWSTR, ctypes.c_int, wintypes.DWORD, out, out, out, out, out]),
        (advapi32.ConvertSidToStringSidW, wintypes.BOOL, [ctypes.c_void_p, out]),
        (advapi32.ConvertStringSidToSidW, wintypes.BOOL, [wintypes.LPCWSTR, out]),
        (advapi32.LookupAccountSidW, wintypes.BOOL,
         [wintypes.LPCWSTR, ctypes.c_void_p, wintypes.LPWSTR, dword_out, wintypes.LPWSTR,
          dword_out, dword_out]),
        (kernel32.LocalFree, ctypes.c_void_p, [ctypes.c_void_p]),
    )  # fmt: skip
    for function, result, arguments in signatures:
        function.restype, function.argtypes = result, arguments
    return WindowsApi(advapi32, kernel32, ctypes.get_last_error)


def file_owner(path: Path, info: os.stat_result | None = None) -> str | None:
    """The account that owns ``path``, as the file system records it (never following links).

    Parameters
    ----------
    path : Path
        A file in the shared folder.
    info : os.stat_result, optional
        The status of the file as the caller has it open (``os.fstat``): on POSIX its
        ``st_uid`` is used, so the file cannot be swapped between reading and this lookup.
        On Windows the caller's open handle already stops a swap (no delete sharing).

    Returns
    -------
    str or None
        POSIX: a user name (``uid:N`` when unknown here). Windows: an owner SID
        (``S-1-5-21-…``). ``None``: the owner cannot be read.

    Raises
    ------
    FileNotFoundError
        The file went away.
    OSError
        The share cannot be reached right now.
    """
    if sys.platform == "win32":
        return windows_owner(path)
    return posix_owner(path, info)


def posix_owner(path: Path, info: os.stat_result | None = None) -> str:
    """The user name of the file's owner (``uid:N`` when this computer has no name for it)."""
    import pwd

    uid = (info if info is not None else os.stat(path, follow_symlinks=False)).st_uid
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return f"uid:{uid}"


def windows_owner(path: Path, api: WindowsApi | None = None) -> str | None:
    """The owner SID of ``path`` as text, or ``None`` when it cannot be read.

    Parameters
    ----------
    path : Path
        A file (a link or other reparse point gives ``None``: it is never followed).
    api : WindowsApi, optional
        The Win32 functions (default: :func:`windows_api`).

    Raises
    ------
    FileNotFoundError
        The file went away.
    OSError
        A network or sharing error that a later pass may not meet.
    """
    if _is_link(path):
        return None
    api = api or windows_api()
    owner, descriptor = ctypes.c_void_p(), ctypes.c_void_p()
    error = api.advapi32.GetNamedSecurityInfoW(
        str(path),
        SE_FILE_OBJECT,
        OWNER_SECURITY_INFORMATION,
        ctypes.byref(owner),
        None,
        None,
        None,
        ctypes.byref(descriptor),
    )
    try:
        if error in (ERROR_FILE_NOT_FOUND, ERROR_PATH_NOT_FOUND):
            raise FileNotFoundError(errno.ENOENT, "The file went away", str(path))
        if error in TRANSIENT_ERRORS:
            raise OSError(errno.EIO, f"Windows error {error} reading the file's owner", str(path))
        if error or not owner.value:
            return None  # access denied, no owner recorded, not supported: unknown
        return _sid_text(api, owner)
    finally:
        if descriptor.value:
            api.kernel32.LocalFree(descriptor)


def _is_link(path: Path) -> bool:
    try:
        info = os.lstat(path)  # FileNotFoundError: the file went away
    except FileNotFoundError:
        raise
    except OSError:
        return False  # GetNamedSecurityInfoW says what is wrong
    attributes = getattr(info, "st_file_attributes", 0)
    return stat.S_ISLNK(info.st_mode) or bool(attributes & FILE_ATTRIBUTE_REPARSE_POINT)


def _sid_text(api: WindowsApi, sid: ctypes.c_void_p) -> str | None:
    text = ctypes.c_void_p()
    if not api.advapi32.ConvertSidToStringSidW(sid, ctypes.byref(text)):
        return None
    try:
        found = ctypes.wstring_at(text.value) if text.value else ""
    finally:
        if text.value:
            api.kernel32.LocalFree(text)
    return found if _SID.fullmatch(found) else None


def is_sid(owner: str) -> bool:
    """Whether ``owner`` is a Windows SID in text form (``S-1-5-21-…``)."""
    return bool(_SID.fullmatch(owner))


def account_names(owner: str, api: WindowsApi | None = None) -> tuple[str, ...]:
    """The names HR's roster may use for ``owner``, the most readable first.

    A POSIX owner is its own name. A Windows SID gives ``DOMAIN\\name``, ``name`` and the
    SID itself (``LookupAccountSidW``; only the SID when the account cannot be looked up,
    for example a deleted account or a domain that cannot be reached).

    Parameters
    ----------
    owner : str
        What :func:`file_owner` returned.
    api : WindowsApi, optional
        The Win32 functions (default: :func:`windows_api`, on Windows only).
    """
    if not is_sid(owner) or (api is None and sys.platform != "win32"):
        return (owner,)
    names = _lookup_names(api or windows_api(), owner)
    return (*names, owner)


def owner_label(owner: str, api: WindowsApi | None = None) -> str:
    """``owner`` for people: ``DOMAIN\\name (S-1-5-…)`` for a SID that can be looked up."""
    names = account_names(owner, api)
    return f"{names[0]} ({owner})" if len(names) > 1 else owner


def _lookup_names(api: WindowsApi, owner: str) -> tuple[str, ...]:
    sid = ctypes.c_void_p()
    if not api.advapi32.ConvertStringSidToSidW(owner, ctypes.byref(sid)):
        return ()
    try:
        name_size, domain_size = ctypes.c_uint32(_NAME_CHARS), ctypes.c_uint32(_NAME_CHARS)
        for _attempt in range(2):  # the second with the sizes the first one asked for
            name = ctypes.create_unicode_buffer(name_size.value)
            domain = ctypes.create_unicode_buffer(domain_size.value)
            use = ctypes.c_uint32()
            found = api.advapi32.LookupAccountSidW(
                None,
                sid,
                name,
                ctypes.byref(name_size),
                domain,
                ctypes.byref(domain_size),
                ctypes.byref(use),
            )
            if found and name.value:
                full = f"{domain.value}\\{name.value}" if domain.value else name.value
                return (full, name.value) if domain.value else (name.value,)
            if found or api.last_error() != ERROR_INSUFFICIENT_BUFFER:
                return ()
        return ()
    finally:
        if sid.value:
            api.kernel32.LocalFree(sid)
