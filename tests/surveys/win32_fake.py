"""A fake Win32 API for :mod:`surveys.file_owner`: it records every call and every buffer.

Windows cannot run here, so the owner lookup is driven through this object the way the real
``advapi32`` and ``kernel32`` behave: ``GetNamedSecurityInfoW`` hands out a security
descriptor (which the caller must ``LocalFree``) and an owner pointer *inside* it;
``ConvertSidToStringSidW`` and ``ConvertStringSidToSidW`` hand out buffers the caller must
``LocalFree``; ``LookupAccountSidW`` fills the caller's buffers, or says how large they must
be (``ERROR_INSUFFICIENT_BUFFER``). Out parameters arrive as ``ctypes.byref`` objects and are
written through them, as the DLL writes through the pointers.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from types import SimpleNamespace

from surveys.file_owner import WindowsApi

ALICE = "S-1-5-21-1004336348-1177238915-682003330-1001"
BOB = "S-1-5-21-1004336348-1177238915-682003330-1002"
ERROR_INSUFFICIENT_BUFFER = 122


@dataclass
class FakeWin32:
    """The DLLs' behaviour for one test. ``owners`` maps a path to its owner SID (``None``:
    the descriptor has no owner); ``accounts`` maps a SID to ``(domain, name)``."""

    owners: dict[str, str | None] = field(default_factory=dict)
    accounts: dict[str, tuple[str, str]] = field(default_factory=dict)
    error: int = 0
    convert_fails: bool = False
    calls: list[tuple] = field(default_factory=list)
    live: dict[int, object] = field(default_factory=dict)
    freed: list[int] = field(default_factory=list)
    last: int = 0

    @property
    def api(self) -> WindowsApi:
        advapi32 = SimpleNamespace(
            GetNamedSecurityInfoW=self.get_named_security_info,
            ConvertSidToStringSidW=self.convert_sid_to_string_sid,
            ConvertStringSidToSidW=self.convert_string_sid_to_sid,
            LookupAccountSidW=self.lookup_account_sid,
        )
        return WindowsApi(advapi32, SimpleNamespace(LocalFree=self.local_free), lambda: self.last)

    def _allocate(self, buffer) -> int:  # noqa: ANN001 - a ctypes buffer
        address = ctypes.addressof(buffer)
        self.live[address] = buffer
        return address

    def _sid_at(self, pointer) -> str:  # noqa: ANN001 - what the caller passed as PSID
        address = pointer.value if isinstance(pointer, ctypes.c_void_p) else pointer
        for buffer in self.live.values():
            if not hasattr(buffer, "sid"):
                continue
            start = ctypes.addressof(buffer)
            if start <= address < start + ctypes.sizeof(buffer):
                return buffer.sid
        raise AssertionError(f"PSID {address:#x} points into no live buffer (freed too early?)")

    def get_named_security_info(self, name, kind, info, owner, group, dacl, sacl, descriptor):  # noqa: ANN001, PLR0913
        self.calls.append(("GetNamedSecurityInfoW", name, kind, info, group, dacl, sacl))
        if self.error:
            return self.error
        sid = self.owners.get(name)
        buffer = ctypes.create_string_buffer(64)
        buffer.sid = sid
        descriptor._obj.value = self._allocate(buffer)
        owner._obj.value = ctypes.addressof(buffer) + 20 if sid else None
        return 0

    def convert_sid_to_string_sid(self, sid, out):  # noqa: ANN001
        self.calls.append(("ConvertSidToStringSidW",))
        if self.convert_fails:
            self.last = 1337
            return 0
        out._obj.value = self._allocate(ctypes.create_unicode_buffer(self._sid_at(sid)))
        return 1

    def convert_string_sid_to_sid(self, text, out):  # noqa: ANN001
        self.calls.append(("ConvertStringSidToSidW", text))
        buffer = ctypes.create_string_buffer(28)
        buffer.sid = text
        out._obj.value = self._allocate(buffer)
        return 1

    def lookup_account_sid(self, system, sid, name, name_size, domain, domain_size, use):  # noqa: ANN001, PLR0913
        text = self._sid_at(sid)
        self.calls.append(("LookupAccountSidW", system, text, name_size._obj.value))
        if text not in self.accounts:
            self.last = 1332  # ERROR_NONE_MAPPED
            return 0
        domain_name, account = self.accounts[text]
        if name_size._obj.value <= len(account) or domain_size._obj.value <= len(domain_name):
            name_size._obj.value = len(account) + 1
            domain_size._obj.value = len(domain_name) + 1
            self.last = ERROR_INSUFFICIENT_BUFFER
            return 0
        name.value, domain.value = account, domain_name
        use._obj.value = 1  # SidTypeUser
        return 1

    def local_free(self, handle):  # noqa: ANN001
        address = handle.value if isinstance(handle, ctypes.c_void_p) else handle
        assert address in self.live, f"LocalFree({address!r}) of nothing this API handed out"
        del self.live[address]
        self.freed.append(address)

    def assert_all_freed(self) -> None:
        assert self.live == {}, f"{len(self.live)} buffer(s) never freed with LocalFree"
