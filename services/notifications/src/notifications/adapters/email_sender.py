"""Email over real SMTP (aiosmtplib), with TLS and auth options.

Failures are classified: a 5xx reply is permanent (the address or message is refused), anything
else (connection refused, timeout, 4xx) is temporary and retried with backoff.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import parseaddr
from uuid import UUID

import aiosmtplib

from notifications.config import NotificationsSettings
from notifications.domain.delivery import RenderedMessage


@dataclass(frozen=True)
class SendFailure(Exception):
    reason: str
    permanent: bool


class SmtpEmailSender:
    def __init__(self, settings: NotificationsSettings) -> None:
        self.settings = settings

    def message_id(self, delivery_id: UUID) -> str:
        """The same on every attempt of a delivery, so a resent copy is recognised as one
        (RFC 5322: a Message-ID names one message; mail software drops repeats)."""
        domain = parseaddr(self.settings.mail_from)[1].rpartition("@")[2] or "localhost"
        return f"<{delivery_id}@{domain}>"

    def compose(
        self,
        to: str,
        message: RenderedMessage,
        headers: dict[str, str] | None = None,
        *,
        delivery_id: UUID,
    ) -> EmailMessage:
        mail = EmailMessage()
        mail["From"] = self.settings.mail_from
        mail["To"] = to
        mail["Subject"] = message.subject
        mail["Message-ID"] = self.message_id(delivery_id)
        for name, value in (headers or {}).items():
            mail[name] = value
        mail.set_content(message.text)
        mail.add_alternative(message.html, subtype="html")
        # after the body: set_content() drops Content-* headers set before it
        mail["Content-Language"] = message.locale
        return mail

    async def send(self, mail: EmailMessage) -> None:
        s = self.settings
        try:
            await aiosmtplib.send(
                mail,
                hostname=s.smtp_host,
                port=s.smtp_port,
                username=s.smtp_username,
                password=s.smtp_password,
                start_tls=s.smtp_starttls,
                use_tls=s.smtp_use_tls,
                timeout=s.smtp_timeout_s,
                validate_certs=s.smtp_validate_certs,
                cert_bundle=s.smtp_ca_file,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise SendFailure("recipient refused", permanent=True) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise SendFailure(f"SMTP {exc.code}", permanent=500 <= exc.code < 600) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise SendFailure(type(exc).__name__, permanent=False) from exc
