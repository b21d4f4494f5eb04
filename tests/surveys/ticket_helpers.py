"""A small world for the ticket tests: HR's workspace, a share, and respondents by account.

Files cannot be given to another owner without root, so the owner lookup is injected:
:class:`Owners` remembers which account wrote each request (the real
:func:`surveys.ticket_signing.file_owner` is used by default everywhere else, and has its
own test).
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from surveys.published import PublishedSurvey
from surveys.ticket_client import LocalTicket, request_ticket
from surveys.tickets import sign_pending
from tests.surveys.transport_helpers import PASSPHRASE, publish

HR = "hr-account"


@dataclass
class Owners:
    """The owner of each file in the share, as a file server would record it."""

    by_name: dict[str, str] = field(default_factory=dict)
    default: str = HR

    def __call__(self, path: Path, info=None) -> str | None:  # noqa: ANN001
        return self.by_name.get(path.name, self.default)


@dataclass
class World:
    workspace: Path
    share: Path
    home: Path
    owners: Owners = field(default_factory=Owners)

    def publish(self, wave: str = "2026-10", **kwargs) -> PublishedSurvey:
        return publish(self.workspace, self.share, wave, tickets=True, **kwargs)

    @contextmanager
    def person(self, account: str):
        """Act as ``account`` on their own computer (their own Rapport folder)."""
        old = os.environ["RAPPORT_HOME"]
        folder = self.home / account
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["RAPPORT_HOME"] = str(folder)
        try:
            yield
        finally:
            os.environ["RAPPORT_HOME"] = old

    def request(self, account: str, survey: PublishedSurvey, department: str = "Sales"):
        """``account``'s app notices the wave and writes its request (owned by ``account``)."""
        with self.person(account):
            ticket = request_ticket(survey, self.share, department)
        assert isinstance(ticket, LocalTicket)
        self.owners.by_name[f"{ticket.request}.request"] = account
        return ticket

    def sign(self, **kwargs):
        kwargs.setdefault("owner_of", self.owners)
        return sign_pending(self.workspace, self.share, PASSPHRASE, **kwargs)


def make_world(workspace: Path, tmp_path: Path) -> World:
    return World(workspace, tmp_path / "share", tmp_path / "homes")
