from . import models, wizard


def _qms_post_init(env):
    """After data and demo data: fill the public holidays of the current and next year, so a
    new agency's first deadlines already skip them (years the demo filled are left alone)."""
    env["resource.calendar"]._qms_cron_fill_public_holidays()
