"""Who owns a file: the POSIX lookup for real, the Windows lookup through a fake Win32 API."""

from __future__ import annotations

import os
import pwd
import sys
from pathlib import Path

import pytest

from surveys import file_owner as owners
from surveys.file_owner import (
    OWNER_SECURITY_INFORMATION,
    SE_FILE_OBJECT,
    account_names,
    file_owner,
    owner_label,
    posix_owner,
    windows_owner,
)
from tests.surveys.win32_fake import ALICE, BOB, FakeWin32


@pytest.fixture
def request_file(tmp_path: Path) -> Path:
    path = tmp_path / "a.request"
    path.write_text("{}")
    return path


def test_posix_owner_is_the_user_name_of_the_open_files_status(request_file: Path) -> None:
    assert posix_owner(request_file) == pwd.getpwuid(os.getuid()).pw_name
    # With the open file's status, that status decides (the path may name another file now).
    unknown_uid = max(p.pw_uid for p in pwd.getpwall()) + 4242
    status = os.stat_result((0o100600, 1, 1, 1, unknown_uid, 0, 2, 0, 0, 0))
    assert posix_owner(request_file, status) == f"uid:{unknown_uid}"
    assert file_owner(request_file, status) == f"uid:{unknown_uid}"


def test_windows_owner_reads_the_owner_sid_and_frees_every_buffer(request_file: Path) -> None:
    fake = FakeWin32(owners={str(request_file): ALICE})
    assert windows_owner(request_file, fake.api) == ALICE
    get = fake.calls[0]
    assert get == (
        "GetNamedSecurityInfoW",
        str(request_file),
        SE_FILE_OBJECT,
        OWNER_SECURITY_INFORMATION,
        None,
        None,
        None,
    )
    assert [c[0] for c in fake.calls] == ["GetNamedSecurityInfoW", "ConvertSidToStringSidW"]
    assert len(fake.freed) == 2  # the security descriptor and the SID string
    fake.assert_all_freed()


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        ({"error": 5}, None),  # ERROR_ACCESS_DENIED: HR may not read the permissions
        ({"error": 50}, None),  # ERROR_NOT_SUPPORTED: a file system without owners
        ({"owners": {}}, None),  # a descriptor without an owner SID
        ({"convert_fails": True}, None),
    ],
)
def test_an_owner_that_cannot_be_read_is_unknown(request_file, setup, expected) -> None:
    fake = FakeWin32(**setup)
    assert windows_owner(request_file, fake.api) is expected
    fake.assert_all_freed()  # also the descriptor of an owner-less or unconvertible file


def test_a_file_that_went_away_and_a_share_that_is_away_are_not_unknown(request_file) -> None:
    with pytest.raises(FileNotFoundError):
        windows_owner(request_file, FakeWin32(error=2).api)
    with pytest.raises(OSError) as away:
        windows_owner(request_file, FakeWin32(error=53).api)  # ERROR_BAD_NETPATH
    assert not isinstance(away.value, FileNotFoundError)
    gone = request_file.with_name("gone.request")
    fake = FakeWin32()
    with pytest.raises(FileNotFoundError):
        windows_owner(gone, fake.api)
    assert fake.calls == []


def test_a_link_is_never_followed(request_file: Path) -> None:
    link = request_file.with_name("link.request")
    link.symlink_to(request_file)
    fake = FakeWin32(owners={str(link): ALICE, str(request_file): ALICE})
    assert windows_owner(link, fake.api) is None
    assert fake.calls == []


def test_account_names_look_the_sid_up_and_free_it() -> None:
    fake = FakeWin32(accounts={ALICE: ("CORP", "alice.martin-longname")})
    assert account_names(ALICE, fake.api) == (
        "CORP\\alice.martin-longname",
        "alice.martin-longname",
        ALICE,
    )
    lookups = [c for c in fake.calls if c[0] == "LookupAccountSidW"]
    assert lookups[0][1] is None and lookups[0][2] == ALICE  # the local computer asks
    fake.assert_all_freed()
    assert owner_label(ALICE, fake.api) == f"CORP\\alice.martin-longname ({ALICE})"


def test_a_long_name_gets_a_second_lookup_with_the_size_asked_for() -> None:
    long_name = "x" * 300
    fake = FakeWin32(accounts={ALICE: ("CORP", long_name)})
    assert account_names(ALICE, fake.api)[1] == long_name
    sizes = [c[3] for c in fake.calls if c[0] == "LookupAccountSidW"]
    assert sizes == [256, 301]
    fake.assert_all_freed()


def test_an_account_that_cannot_be_looked_up_is_its_sid() -> None:
    fake = FakeWin32()  # a deleted account, or a domain that cannot be reached
    assert account_names(BOB, fake.api) == (BOB,)
    assert owner_label(BOB, fake.api) == BOB
    fake.assert_all_freed()
    assert account_names("alice", fake.api) == ("alice",)  # a POSIX name is its own name


def test_file_owner_uses_the_windows_lookup_on_windows(request_file, monkeypatch) -> None:
    fake = FakeWin32(owners={str(request_file): BOB})
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(owners, "windows_api", lambda: fake.api)
    assert file_owner(request_file) == BOB
    fake.assert_all_freed()
