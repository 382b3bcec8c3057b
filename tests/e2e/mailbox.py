"""The live server's mails, as the journeys read them (the server writes them as files; see e2e_env)."""

import email
import time
from email import policy


def mail_to(mail_dir, address: str, subject: str, timeout: float = 20.0) -> email.message.EmailMessage:
    """The newest mail to `address` with `subject`, once the task worker has sent it."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in (
            sorted(mail_dir.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True) if mail_dir.exists() else []
        ):
            for raw in path.read_bytes().split(b"-" * 79):
                message = email.message_from_bytes(raw.strip(), policy=policy.default)
                if address in str(message["To"]) and subject in str(message["Subject"]):
                    return message
        time.sleep(0.3)
    raise AssertionError(f"no mail '{subject}' to {address}")
