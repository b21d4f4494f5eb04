"""Published surveys are signed by HR's workspace, and respondents' apps refuse changed ones.

A colleague who may write to ``published/`` (wrong modes, a Windows share) could keep the
sealing key and change a survey's words. Every file HR's app publishes now carries the
workspace's Ed25519 signing key and a signature over its canonical form; respondents' apps
pin the signing key with the sealing key (trust on first use) and refuse a survey whose
signature does not verify, or that lost its signature once the key is pinned.
"""

from __future__ import annotations

import base64
import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from desktop_app.respondent.source import TeamSource
from surveys.key_pins import PINS_FILE, trusted_surveys
from surveys.paths import user_data_dir
from surveys.published import PublishError, read_published, signed_message
from surveys.published_check import SETTING as COPIES
from surveys.published_check import restore_published
from surveys.store import get_setting, open_workspace, set_setting
from surveys.survey_signature import PINS_FILE as SIGNING_PINS
from surveys.survey_signature import verifies
from surveys.survey_signing import SETTING, signing_public_key
from tests.surveys.transport_helpers import WAVE, publish

REFUSED = "someone may have changed it after HR published it"


def _file(share: Path) -> Path:
    return share / "published" / f"{WAVE}.json"


def _edit(share: Path, change: Callable[[dict], None]) -> None:
    """Change the published file as a colleague who may write to ``published/`` would."""
    data = json.loads(_file(share).read_text(encoding="utf-8"))
    change(data)
    _file(share).write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")


def _unsigned(data: dict) -> None:
    """The file as an earlier Rapport wrote it (or with its signature stripped)."""
    for name in ("schema", "signing_key", "signature"):
        data.pop(name, None)


def _reword(data: dict) -> None:
    question = next(q for q in data["questions"] if q["item"] == "overall")
    question["text"] = "Overall, working with them is not"


CHANGES: dict[str, Callable[[dict], None]] = {
    "title": lambda d: d["survey"].update(title="Please give your full name"),
    "question": _reword,
    "department": lambda d: d["departments"].__setitem__(0, "Security review"),
    "date": lambda d: d.update(closes="2099-12-30"),
    "minimum group": lambda d: d.update(min_group_size=1),
}


@pytest.fixture
def share(workspace: Path, tmp_path: Path) -> Path:
    share = tmp_path / "share"
    publish(workspace, share)
    return share


def _trusted(share: Path) -> TeamSource:
    """A respondent's app that has read the share once (both keys pinned)."""
    source = TeamSource(share, "Sales", hold=False)
    assert source.problem() is None and len(source.open_surveys()) == 1
    return source


def test_the_published_file_is_signed_and_the_untouched_file_is_accepted(
    workspace: Path, share: Path
) -> None:
    data = json.loads(_file(share).read_text(encoding="utf-8"))
    assert data["format"] == "rapport-published-1" and data["schema"] == 2
    db = open_workspace(workspace)
    assert base64.b64decode(data["signing_key"]) == signing_public_key(db)
    db.close()
    published = read_published(_file(share))
    assert verifies(published)
    source = _trusted(share)
    pins = json.loads((user_data_dir() / SIGNING_PINS).read_text(encoding="utf-8"))
    assert len(pins) == 1 and set(next(iter(pins.values()))) == {
        "seal",
        "sign",
        "verified",
        "sequences",
    }
    if os.name != "nt":
        assert stat.S_IMODE((user_data_dir() / SIGNING_PINS).stat().st_mode) & 0o077 == 0
    # Laid out differently (indents, key order), the same content still verifies.
    data = json.loads(_file(share).read_text(encoding="utf-8"))
    _file(share).write_text(json.dumps(dict(reversed(data.items()))), encoding="utf-8")
    assert source.problem() is None and len(source.open_surveys()) == 1


@pytest.mark.parametrize("what", list(CHANGES))
def test_a_changed_survey_is_refused_and_nothing_is_offered(share: Path, what: str) -> None:
    source = _trusted(share)
    _edit(share, CHANGES[what])
    problem = source.problem() or ""
    assert REFUSED in problem and "does not match HR's signature" in problem
    assert "Nothing is sent" in problem and "tell HR" in problem
    assert source.key_changed and source.new_key is None  # no key to trust: it is HR's
    assert source.open_surveys() == [] and source.departments() == []
    assert trusted_surveys(share) == []  # what the outbox and ticket release go by


def test_a_changed_survey_is_refused_at_first_sight_too(share: Path) -> None:
    _edit(share, _reword)
    source = TeamSource(share, "Sales", hold=False)
    assert REFUSED in (source.problem() or "") and source.open_surveys() == []


def _resigned(data: dict) -> None:
    """The colleague rewords the survey and signs it with a key of their own."""
    _reword(data)
    key = Ed25519PrivateKey.generate()
    _unsigned(data)
    data["schema"] = 2
    data["signing_key"] = base64.b64encode(
        key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    ).decode()
    data["signature"] = base64.b64encode(key.sign(signed_message(data))).decode()


def test_a_survey_signed_by_another_key_is_refused(share: Path) -> None:
    source = _trusted(share)
    _edit(share, _resigned)
    assert verifies(read_published(_file(share)))  # a valid signature, by the wrong key
    problem = source.problem() or ""
    assert REFUSED in problem and "signed by another key" in problem
    assert source.open_surveys() == []


def test_a_survey_whose_signature_was_removed_after_pinning_is_refused(share: Path) -> None:
    source = _trusted(share)
    _edit(share, lambda d: (_reword(d), _unsigned(d)))
    problem = source.problem() or ""
    assert REFUSED in problem and "has no signature" in problem
    assert source.open_surveys() == []


def test_a_pin_made_by_an_earlier_rapport_gains_the_signing_key(
    workspace: Path, share: Path
) -> None:
    # The file as an earlier Rapport published it, read by this Rapport: taken as before,
    # and only the sealing key is remembered.
    _edit(share, _unsigned)
    source = TeamSource(share, "Sales", hold=False)
    assert source.problem() is None and len(source.open_surveys()) == 1
    assert (user_data_dir() / PINS_FILE).exists()
    assert not (user_data_dir() / SIGNING_PINS).exists()
    # HR publishes with this Rapport: the pin gains the signing key at the next check.
    publish(workspace, share)
    assert source.problem() is None and len(source.open_surveys()) == 1
    assert (user_data_dir() / SIGNING_PINS).exists()
    # From then on an unsigned file is refused: no way back to unsigned surveys.
    _edit(share, _unsigned)
    assert "has no signature" in (source.problem() or "")


def test_forgetting_the_key_forgets_the_signing_key_too(share: Path) -> None:
    from surveys.key_pins import forget

    source = _trusted(share)
    _edit(share, _resigned)
    assert source.problem() is not None
    assert forget(share)  # rapport respond --trust-new-key, once HR confirmed it
    assert json.loads((user_data_dir() / SIGNING_PINS).read_text(encoding="utf-8")) == {}
    assert source.problem() is None  # both keys are remembered anew


def test_ingest_signs_a_wave_an_earlier_rapport_published(workspace: Path, share: Path) -> None:
    """A wave still open from before the upgrade is signed by HR's next ingest, so the
    respondents who pinned the signing key through another wave keep seeing it."""
    _edit(share, _unsigned)
    db = open_workspace(workspace)
    copies = get_setting(db, COPIES)
    (key,) = copies
    copies[key] = _file(share).read_text(encoding="utf-8")  # HR's copy, unsigned as well
    set_setting(db, COPIES, copies)
    assert restore_published(db, share) == []  # not a colleague's change: nothing to say
    published = read_published(_file(share))
    assert verifies(published) and published.signing_key == signing_public_key(db)
    assert "signature" in get_setting(db, COPIES)[key]  # and HR's copy is the signed file
    db.close()


def test_the_signing_key_is_kept_for_good_in_the_workspace(workspace: Path, share: Path) -> None:
    first = read_published(_file(share)).signing_key
    publish(workspace, share, "2026-11")
    assert read_published(share / "published" / "2026-11.json").signing_key == first
    db = open_workspace(workspace)
    stored = get_setting(db, SETTING)
    db.close()
    assert set(stored) == {"private"}
    # The private half is nowhere on the share or in the sealing key's file.
    raw = stored["private"]
    for path in [*share.rglob("*"), *workspace.glob("*.key")]:
        if path.is_file():
            assert raw.encode() not in path.read_bytes()


def test_a_stop_is_signed(workspace: Path, share: Path) -> None:
    from surveys.wave_stop import stop_answers

    source = _trusted(share)
    db = open_workspace(workspace)
    stop_answers(db, share, WAVE)
    db.close()
    stopped = read_published(_file(share))
    assert stopped.stopped is not None and verifies(stopped)
    assert source.problem() is None  # a stopped wave HR signed is still trusted


def test_a_file_of_a_newer_schema_asks_to_update_rapport(share: Path) -> None:
    _edit(share, lambda d: d.update(schema=3))
    with pytest.raises(PublishError, match="published by a newer Rapport.*update Rapport"):
        read_published(_file(share))


def test_an_unchanged_survey_is_not_verified_again(
    share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tray checks every minute and the window at every start: a survey this app has
    verified is known by its hash, so the cryptography library is not even loaded."""
    from surveys import survey_signature

    source = _trusted(share)
    checked: list[str] = []
    real = survey_signature.verifies
    monkeypatch.setattr(survey_signature, "verifies", lambda p: checked.append(p.wave) or real(p))
    assert source.problem() is None and checked == []
    _edit(share, _reword)  # a changed survey is not the one verified: checked, and refused
    assert REFUSED in (source.problem() or "") and checked == [WAVE]


def test_a_stop_that_hr_did_not_sign_does_not_throw_an_answer_away(share: Path) -> None:
    """Just before sealing, the app reads the wave's file again to see whether HR stopped
    it (then the answer is neither sent nor kept). A colleague's ``stopped`` is not HR's:
    the answer still goes, sealed to the key of the survey the person answered."""
    from tests.surveys.transport_helpers import submission

    source = _trusted(share)
    [survey] = source.open_surveys()
    _edit(share, lambda d: d.update(stopped="2026-10-08T12:02:00Z"))
    outcome = source.deliver(survey, submission({"IT": {"overall": 2}}, wave=WAVE))
    assert outcome.status == "delivered"
    assert len(list((share / "inbox").iterdir())) == 1
