"""Which computer and which process hold a workspace lock: beyond the computer's name.

Two computers may carry one name (a re-imaged PC beside the old one, ``DESKTOP-1`` and
``desktop-1`` on two networks), and a name alone made them one computer sharing the
workspace. A lock therefore also records :func:`this_machine`, an id of this computer
derived from the one its system keeps (Linux's ``/etc/machine-id``, Windows'
``MachineGuid``, macOS's ``IOPlatformUUID``) through HMAC-SHA256, so the lock never shows
the system's own id. Where the system gives none, the name alone decides, as before.

:func:`process_alive` tells whether a process of this computer still runs, so that a lock
left by a Rapport of this computer that crashed is taken over at once, not after
:data:`~surveys.host_lock_file.STALE_SECONDS`. Standard library only.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import re
import sys
from pathlib import Path

#: The files Linux keeps its machine id in (systemd, then D-Bus).
LINUX_MACHINE_ID = ("/etc/machine-id", "/var/lib/dbus/machine-id")
#: Linux's random id of the current start of the system, new at every boot.
LINUX_BOOT_ID = "/proc/sys/kernel/random/boot_id"
#: Two start times (where the system gives no boot id) this close are one start: the
#: time is worked out from the clock, which the network may have set meanwhile.
BOOT_SLACK_SECONDS = 120


@functools.lru_cache(maxsize=1)
def this_machine() -> str | None:
    """This computer's id as the lock records it (16 hex digits), or ``None``."""
    raw = _system_machine_id()
    if not raw:
        return None
    return hmac.new(raw.encode(), b"rapport.lock", hashlib.sha256).hexdigest()[:16]


@functools.lru_cache(maxsize=1)
def this_boot() -> str | None:
    """This computer's current start as the lock records it, or ``None``.

    Two computers copied from one disk image carry one name and one machine id, so the id
    alone made them one computer: the second took the first's lock over at once, its
    process number running nowhere there, and both wrote to the workspace. Each start of a
    system differs: Linux's boot id (through HMAC-SHA256, as the machine id), elsewhere
    the time it started (``"t:"`` and whole seconds).
    """
    if sys.platform.startswith("linux"):
        try:
            raw = Path(LINUX_BOOT_ID).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            raw = ""
        if raw:
            return "id:" + hmac.new(raw.encode(), b"rapport.boot", hashlib.sha256).hexdigest()[:16]
    started = _boot_time()
    return None if started is None else f"t:{int(started)}"


def same_boot(a: str | None, b: str | None) -> bool:
    """Whether two records of :func:`this_boot` are one start of one system (``True`` when
    either is unknown: a lock of an earlier Rapport is judged as before)."""
    if a is None or b is None:
        return True
    if a.startswith("t:") and b.startswith("t:"):
        try:
            return abs(int(a[2:]) - int(b[2:])) <= BOOT_SLACK_SECONDS
        except ValueError:
            return False
    return a == b


def _boot_time() -> float | None:
    """When this system started (seconds since the epoch), where Linux gives no boot id."""
    import time

    if sys.platform == "win32":
        try:
            import ctypes

            kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined]
            kernel32.GetTickCount64.restype = ctypes.c_uint64
            return time.time() - kernel32.GetTickCount64() / 1000
        except (AttributeError, OSError):
            return None
    if sys.platform == "darwin":
        import subprocess

        try:
            command = ["sysctl", "-n", "kern.boottime"]
            out = subprocess.run(command, capture_output=True, text=True, timeout=5).stdout
        except (OSError, subprocess.SubprocessError):
            return None
        found = re.search(r"sec = (\d+)", out)
        return float(found.group(1)) if found else None
    return None


def _system_machine_id() -> str | None:
    if sys.platform == "win32":
        return _windows_machine_guid()
    if sys.platform == "darwin":
        return _mac_platform_uuid()
    for name in LINUX_MACHINE_ID:
        try:
            text = Path(name).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            continue
        if text:
            return text
    return None


def _windows_machine_guid() -> str | None:
    try:
        import winreg  # type: ignore[import-not-found]

        flags = winreg.KEY_READ | getattr(winreg, "KEY_WOW64_64KEY", 0)
        path = r"SOFTWARE\Microsoft\Cryptography"
        with winreg.OpenKey(winreg.HKEY_LOCAL_MACHINE, path, 0, flags) as key:
            return str(winreg.QueryValueEx(key, "MachineGuid")[0]).strip() or None
    except (ImportError, OSError):
        return None


def _mac_platform_uuid() -> str | None:
    import subprocess

    command = ["ioreg", "-rd1", "-c", "IOPlatformExpertDevice"]
    try:
        out = subprocess.run(command, capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    found = re.search(r'"IOPlatformUUID" = "([^"]+)"', out)
    return found.group(1) if found else None


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` of this computer still runs; ``True`` when it cannot tell
    (another account's process, a pid that is not one): time then decides."""
    if not 0 < pid < 2**31:  # no process's number (a planted lock): time decides
        return True
    if sys.platform == "win32":
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks
    except ProcessLookupError:
        return False
    except (OSError, OverflowError):  # PermissionError: it runs, under another account
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists  # type: ignore[attr-defined]
    try:
        code = wintypes.DWORD()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
