from odoo.tools import config

from . import models, wizard


def _qms_post_init(env):
    """After data and demo data: fill the public holidays of the current and next year, so a
    new agency's first deadlines already skip them (years the demo filled are left alone).

    Not in a test database: the tests date deadlines against the holidays they enter
    themselves (calendar copies carry the holidays along), and they call the filling
    explicitly where it is what they check."""
    if config["test_enable"]:
        return
    env["resource.calendar"]._qms_cron_fill_public_holidays()
