"""Helpers shared by nonconformities, their actions and the wizards raising them (plain functions:
the models import them whatever the order in which the models are loaded)."""

from odoo.exceptions import UserError

# States of a nonconformity in which its action plan is still being drawn up (not submitted).
PLANNING_STATES = ("draft", "analysis", "action_plan")


def without_workflow_defaults(model):
    """`model` without the `default_<workflow field>` keys of the request context, which would
    otherwise set at creation what only the model's actions set (the superuser keeps them).

    Core gap, worked around here: `qms.lifecycle.mixin.create` checks the values given, not the
    defaults the context adds afterwards."""
    if model.env.su:
        return model
    workflow = model._qms_all_workflow_fields()
    context = {
        key: value
        for key, value in model.env.context.items()
        if not (key.startswith("default_") and key[len("default_") :] in workflow)
    }
    if len(context) == len(model.env.context):
        return model
    return model.with_context(context)  # pylint: disable=context-overridden


def readable_name(env, record):
    """`record`'s name if the user of `env` may read it, a neutral label otherwise: a link to
    the source must not disclose what the user cannot open."""
    if not record:
        return False
    if env.su or record.with_env(env).has_access("read"):
        return record.sudo().display_name
    return env._("Restricted record")


def ensure_one(records):
    """`records.ensure_one()` with a plain message: the buttons are reachable over JSON-RPC with
    no record or several."""
    if len(records) != 1:
        raise UserError(
            records.env._("Choose one %(model)s at a time.", model=records._description.lower())
        )
    return records
