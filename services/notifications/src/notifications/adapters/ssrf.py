"""SSRF protection for partner webhook URLs.

A partner-supplied URL must not make the platform call into its own network: the host is
resolved and every address it resolves to must be public (not private, loopback, link-local,
multicast, reserved or unspecified), unless an operator allow-list names the host or a network
containing the address (e.g. ``127.0.0.1`` in tests, a partner's VPN range in production).
The check runs at registration and again before every send (DNS answers change).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from eventkit.domain_errors import InvalidInput

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class UnsafeUrl(InvalidInput, ValueError):
    """The URL may not be called (scheme, host or resolved address refused)."""

    title = "Unsafe webhook URL"


class SsrfGuard:
    def __init__(self, allowed: list[str]) -> None:
        self.allowed_hosts: set[str] = set()
        self.allowed_networks: list[IPNetwork] = []
        for entry in allowed:
            try:
                self.allowed_networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                self.allowed_hosts.add(entry.lower())

    def _allowed(self, host: str, address: IPAddress) -> bool:
        return host.lower() in self.allowed_hosts or any(
            address in network for network in self.allowed_networks
        )

    async def check(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("https", "http"):
            raise UnsafeUrl("only http(s) URLs are allowed")
        host = parts.hostname
        if not host:
            raise UnsafeUrl("the URL has no host")
        if parts.username or parts.password:
            raise UnsafeUrl("credentials in the URL are not allowed")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise UnsafeUrl("invalid port") from exc
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(
                host, port, type=socket.SOCK_STREAM
            )
        except (socket.gaierror, UnicodeError) as exc:
            raise UnsafeUrl("the host does not resolve") from exc
        for info in infos:
            address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
            if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
                address = address.ipv4_mapped
            if not address.is_global and not self._allowed(host, address):
                raise UnsafeUrl("the host resolves to a private or reserved address")
        if parts.scheme == "http" and not any(
            self._allowed(host, ipaddress.ip_address(str(i[4][0]).split("%")[0])) for i in infos
        ):
            raise UnsafeUrl("plain http is only allowed for operator-approved hosts")
