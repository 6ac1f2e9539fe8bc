"""The service's clock as a route parameter (``now: Now``): the one the composition root
handed the chassis, so tests move time for the routes and the jobs alike."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from eventkit.clock import Clock


async def service_clock(request: Request) -> Clock:
    clock: Clock = request.app.state.chassis.clock
    return clock


Now = Annotated[Clock, Depends(service_clock)]
