"""Open a written map in headless Chromium with no network, and record what went wrong.

The tests and the benches check the offline map the same way: every request
that is not ``file:`` or ``data:`` is blocked (and recorded), and so are failed
requests, console errors, uncaught page errors and dialogs. A clean map has
none of them. Playwright is not a dependency of geo: :func:`launch` imports it
when called, and :class:`OfflinePage` only needs the browser it is given.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

#: Debian's Chromium; playwright's own browsers are never downloaded.
CHROMIUM = "/usr/bin/chromium"

#: Flags for a headless run in a container with no network and nothing in the background.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

#: URL schemes the page may load; everything else is blocked.
LOCAL_SCHEMES = ("file:", "data:")

_IDLE = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(null))))"


def is_local(url: str) -> bool:
    """Whether the map may load ``url``: only ``file:`` and ``data:`` addresses.

    Examples
    --------
    >>> is_local("file:///tmp/map.html"), is_local("https://tile.openstreetmap.org/1/0/0.png")
    (True, False)
    """
    return url.startswith(LOCAL_SCHEMES)


def launch(playwright: Any, executable: str | os.PathLike[str] = CHROMIUM) -> Any:
    """Start headless Chromium with :data:`CHROMIUM_ARGS`.

    Parameters
    ----------
    playwright : playwright.sync_api.Playwright
        What ``sync_playwright().start()`` (or its context manager) gives.
    executable : str or PathLike
        The Chromium binary.

    Returns
    -------
    playwright.sync_api.Browser

    Examples
    --------
    >>> CHROMIUM_ARGS[0]
    '--no-sandbox'
    """
    return playwright.chromium.launch(executable_path=str(executable), args=list(CHROMIUM_ARGS))


class OfflinePage:
    """A browser page that loads only local files and records every problem.

    Parameters
    ----------
    browser : playwright.sync_api.Browser
        From :func:`launch`.
    width, height : int
        The viewport in CSS pixels.

    Attributes
    ----------
    page : playwright.sync_api.Page
        The page itself.
    blocked : list of str
        Non-local URLs the page asked for (aborted).
    failed : list of str
        Requests that failed (other than the blocked ones).
    console_errors, page_errors, dialogs : list of str
        ``console.error`` messages, uncaught exceptions, ``alert``-style dialogs.

    Examples
    --------
    >>> OfflinePage.__name__
    'OfflinePage'
    """

    def __init__(self, browser: Any, width: int = 1000, height: int = 700) -> None:
        self.blocked: list[str] = []
        self.failed: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.page.route("**/*", self._route)
        self.page.on("requestfailed", self._request_failed)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))
        self.page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _request_failed(self, request: Any) -> None:
        if request.url not in self.blocked:
            self.failed.append(request.url)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    @property
    def errors(self) -> list[str]:
        """Console errors and page errors, labelled, in one list."""
        return [f"console: {m}" for m in self.console_errors] + [
            f"pageerror: {m}" for m in self.page_errors
        ]

    def open(self, path: str | os.PathLike[str], timeout_ms: float = 10_000) -> float:
        """Load the map at ``path`` and wait until it is drawn and idle.

        Drawn: ``window.geoMap.ready``; idle: two animation frames later, so
        the canvas has painted.

        Returns
        -------
        float
            Seconds from the start of navigation to idle.
        """
        start = time.perf_counter()
        self.page.goto(Path(path).resolve().as_uri(), timeout=timeout_ms)
        self.page.wait_for_function("window.geoMap && window.geoMap.ready", timeout=timeout_ms)
        self.page.evaluate(_IDLE)
        return time.perf_counter() - start

    def idle(self) -> float:
        """Wait two animation frames; return the seconds that took."""
        start = time.perf_counter()
        self.page.evaluate(_IDLE)
        return time.perf_counter() - start

    def problems(self) -> list[str]:
        """Everything recorded that a clean map must not have, one line each."""
        return (
            [f"blocked: {u}" for u in self.blocked]
            + [f"failed: {u}" for u in self.failed]
            + self.errors
            + [f"dialog: {m}" for m in self.dialogs]
        )
