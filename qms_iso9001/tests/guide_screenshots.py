"""Screenshots of the user guide (docs/huong-dan-su-dung.md), taken by browser tours.

The guides show the screens as the product draws them today: a tour step logs
``qms-guide-shot:<name>``, the test side asks Chrome for a capture of the page and writes it to
``docs/img/<name>.png``, then tells the page it may go on (the step waits, so the next step does
not change the screen under the capture). A step that fails, or a capture that does not arrive,
fails the test.
"""

import base64
import json
import pathlib
import re
from unittest.mock import patch

from odoo.tests.common import ChromeBrowser

SHOT_PREFIX = "qms-guide-shot:"
SHOT_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DOCS_IMG = pathlib.Path(__file__).resolve().parents[2] / "docs" / "img"
AGENCY_TZ = "Asia/Ho_Chi_Minh"


def load_vietnamese(env):
    """Activate Vietnamese and load the terms of the client and of every installed QMS addon
    (their menus share the navigation bar), and name the agency as the guides do."""
    env["res.lang"]._activate_lang("vi_VN")
    env["ir.module.module"].search(
        [
            ("state", "=", "installed"),
            "|",
            ("name", "in", ["base", "web", "mail", "hr", "resource"]),
            ("name", "=like", "qms_iso9001%"),
        ]
    )._update_translations(["vi_VN"])
    env.company.name = "Sở Tư pháp"


def as_guide_user(user, name):
    """A user of the guides: a Vietnamese name, the Vietnamese UI, the agency's time zone."""
    user.write({"name": name, "lang": "vi_VN", "tz": AGENCY_TZ})


class GuideScreenshotMixin:
    """For an HttpCase: run a tour and save the captures its steps ask for."""

    browser_size = "1366x768"

    def start_guide_tour(self, tour_name, login, url="/odoo"):
        """Run ``tour_name`` as ``login``; return the names captured, in order."""
        DOCS_IMG.mkdir(parents=True, exist_ok=True)
        saved = []
        original = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, stackTrace=None, **kw):
            value = str((args or [{}])[0].get("value", ""))
            if type == "log" and value.startswith(SHOT_PREFIX):
                self._capture(browser, value[len(SHOT_PREFIX) :], saved)
            return original(browser, type, args=args, stackTrace=stackTrace, **kw)

        original_navigate = ChromeBrowser.navigate_to

        def navigate_to(browser, url, wait_stop=False):
            # the client shows times in the browser's zone: the agency's, not the server's UTC
            browser._websocket_request(
                "Emulation.setTimezoneOverride", params={"timezoneId": AGENCY_TZ}
            )
            return original_navigate(browser, url, wait_stop=wait_stop)

        with (
            patch.object(ChromeBrowser, "_handle_console", handle_console),
            patch.object(ChromeBrowser, "navigate_to", navigate_to),
        ):
            self.start_tour(url, tour_name, login=login, timeout=180)
        return saved

    @staticmethod
    def _capture(browser, name, saved):
        """Ask for the capture; when it arrives (in the browser's receiving thread), write it
        and release the waiting step with the name, or with an error it will raise."""

        def release(flag):
            browser._websocket_send(
                "Runtime.evaluate",
                params={"expression": f"window.qmsGuideShotDone = {json.dumps(flag)};"},
            )

        if not SHOT_NAME.match(name):
            release(f"error: bad screenshot name {name!r}")
            return

        def write(future):
            try:
                data = base64.b64decode(future.result(timeout=0)["data"])
                (DOCS_IMG / f"{name}.png").write_bytes(data)
            except Exception as error:  # reported to the tour, which then fails
                release(f"error: {error}")
                return
            saved.append(name)
            release(name)

        future = browser._websocket_send(
            "Page.captureScreenshot", params={"format": "png"}, with_future=True
        )
        future.add_done_callback(write)
