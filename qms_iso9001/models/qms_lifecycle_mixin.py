import logging

from odoo import api, models
from odoo.exceptions import AccessError, MissingError, UserError

from ..input_checks import check_input
from ..lifecycle import MANAGER

_logger = logging.getLogger(__name__)

QMS_MODULE_PREFIX = "qms_iso9001"
EMPTY = (False, None, "", 0, 0.0)
LOG_FIELDS = {"id", "display_name", "create_uid", "create_date", "write_uid", "write_date"}


class QmsLifecycleMixin(models.AbstractModel):
    """The one guard of every controlled record: an ISO record is evidence only if nobody can
    move it through its workflow, or change it once final, except by the steps the agency
    agreed on.

    A model declares its lifecycle with class attributes and `lifecycle.transition` methods:

    - `_qms_state_field`: the field holding the state (None for a record without states, such
      as a context issue: its workflow fields are still guarded);
    - `_qms_workflow_fields`: the fields, besides the state, that only transitions set (approver,
      decision and closing dates, codes, deadlines...). A direct `create` or `write` of them is
      refused for every user, the QMS managers included; `self._qms_set(vals)` inside a
      transition is the way they change;
    - `_qms_editable_fields`: {state: field names} of what a user may still write by hand in
      that state; a state not listed leaves every other field editable;
    - `_qms_deletable_states`: the states in which a record may be deleted (default: the
      initial state only); a record in any other state is kept for ever;
    - `_qms_field_groups`: {field: groups} of fields only those groups may change (archiving a
      controlled record is the standing office's).

    A computed field (a count, a related company, a flag the record rules read) is never set by
    hand either: the ORM would store the value as given.

    Values of the wrong type (text for a number, NaN, an unknown selection key, a date in year
    9999) are refused with a message naming the field, before the ORM would crash on them.

    Only the superuser (and so data loading and migrations) bypasses the guard. No context key
    does.
    """

    _name = "qms.lifecycle.mixin"
    _description = "Controlled Record Lifecycle"

    _qms_state_field = "state"
    _qms_workflow_fields = ()
    _qms_editable_fields = {}
    _qms_deletable_states = None
    _qms_field_groups = {"active": (MANAGER,)}

    # ------------------------------------------------------------------ declarations
    @api.model
    def _qms_all_workflow_fields(self):
        names = set(self._qms_workflow_fields)
        if self._qms_state_field:
            names.add(self._qms_state_field)
        if "approval_request_id" in self._fields:
            names.add("approval_request_id")
        return names & set(self._fields)

    @api.model
    def _qms_transitions(self):
        """{method name: Transition} of the model, read from its class hierarchy."""
        cls = type(self)
        cached = cls.__dict__.get("_qms_transitions_cache")
        if cached is None:
            cached = {}
            for klass in reversed(cls.__mro__):
                for name, member in vars(klass).items():
                    spec = getattr(member, "_qms_transition", None)
                    if spec is not None:
                        cached[name] = spec
            cls._qms_transitions_cache = cached
        return cached

    @api.model
    def _qms_declared(self, value):
        """A declaration given as the name of a class attribute is read from the model."""
        return getattr(self, value) if isinstance(value, str) else value

    @api.model
    def _qms_initial_state(self):
        if not self._qms_state_field:
            return None
        return self.default_get([self._qms_state_field]).get(self._qms_state_field)

    @api.model
    def _qms_deletable(self):
        states = self._qms_deletable_states
        return (self._qms_initial_state(),) if states is None else tuple(states)

    @api.model
    def _qms_guarded_fields(self):
        """The fields the QMS addons define; chatter, followers and activities are not guarded."""
        return {
            name
            for name, field in self._fields.items()
            if (field._module or "").startswith(QMS_MODULE_PREFIX) and name not in LOG_FIELDS
        }

    @api.model
    def _qms_computed_names(self, names):
        """Of `names`, the computed fields of the QMS that no user may set (no inverse)."""
        guarded = self._qms_guarded_fields()
        return {
            name
            for name in names
            if name in guarded
            and self._fields[name].compute
            and self._fields[name].readonly
            and not self._fields[name].inverse
        }

    def _qms_ensure_one(self):
        """`ensure_one` for public methods: a plain message, not a server error, when they are
        called over RPC with no record or several."""
        if len(self) != 1:
            raise UserError(
                self.env._("Choose exactly one %(model)s record.", model=self._description)
            )
        return self

    def _qms_state_label(self, state=None):
        if not self._qms_state_field:
            return "-"
        field = self._fields[self._qms_state_field]
        state = self[self._qms_state_field] if state is None else state
        return dict(field._description_selection(self.env)).get(state, state or "-")

    def _qms_field_labels(self, names):
        return ", ".join(sorted(self._fields[name]._description_string(self.env) for name in names))

    def _qms_transition_label(self, spec):
        return self.env._(spec.label) if spec.label else spec.name

    def _qms_available_actions(self):
        """Labels of the transitions that start from the record's state."""
        self.ensure_one()
        state = self[self._qms_state_field] if self._qms_state_field else None
        labels = []
        for spec in self._qms_transitions().values():
            states = self._qms_declared(spec.states)
            if states is None or state in states or not self._qms_state_field:
                labels.append(self._qms_transition_label(spec))
        return sorted(set(labels))

    # ------------------------------------------------------------------ transitions
    def _qms_check_transition(self, spec):
        """Rights first (the caller's access to the records, then the groups or the role), then
        the states the transition starts from. The superuser skips the rights, not the states."""
        if len(self.exists()) != len(self):
            raise MissingError(
                self.env._("The record no longer exists, or never did: reload the page.")
            )
        if not self.env.su:
            self._qms_check_transition_rights(spec)
        states = self._qms_declared(spec.states)
        if states is None:
            return
        for record in self:
            if record[self._qms_state_field] not in states:
                raise UserError(
                    self.env._(
                        "%(action)s is not possible for %(record)s, which is %(state)s.",
                        action=self._qms_transition_label(spec),
                        record=record.display_name,
                        state=record._qms_state_label(),
                    )
                )

    def _qms_check_transition_rights(self, spec):
        self.check_access(spec.access)
        user = self.env.user
        groups = self._qms_declared(spec.groups) or ()
        if groups and any(user.has_group(group) for group in groups):
            return
        if spec.role:
            if all(getattr(record, spec.role)(user) for record in self):
                return
        elif not groups:
            return
        names = [self.env.ref(group).sudo().name for group in groups]
        raise AccessError(
            self.env._(
                "You may not %(action)s %(records)s.%(who)s",
                action=self._qms_transition_label(spec).lower(),
                records=", ".join(self.mapped("display_name")) or self._description,
                who=(
                    self.env._(" This is reserved to: %(groups)s.", groups=", ".join(names))
                    if names
                    else ""
                ),
            )
        )

    def _qms_set(self, vals):
        """Write workflow fields from inside a transition, after its checks have passed."""
        self.sudo().write(vals)
        return True

    @api.model
    def _qms_create_checked(self, vals_list):
        """Create records whose workflow fields the system sets (numbering, automatic NCs), once
        the caller's right to create them has been checked."""
        self.check_access("create")
        return self.sudo().create(vals_list).with_env(self.env)

    # ------------------------------------------------------------------ ORM guard
    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            check_input(self, vals_list)
            self._qms_check_create_vals_list(vals_list)
        return super().create(self._qms_prepare_create_vals_list(vals_list))

    @api.model
    def _qms_check_create_vals_list(self, vals_list):
        """`_qms_check_create_vals` for each record of a batch; a model whose checks read the
        database overrides this to read once per batch, not once per record."""
        for vals in vals_list:
            self._qms_check_create_vals(vals)

    @api.model
    def _qms_prepare_create_vals_list(self, vals_list):
        """`_qms_prepare_create_vals` for each record of a batch; a model whose preparation
        reads the database overrides this to read once per batch, not once per record."""
        return [self._qms_prepare_create_vals(dict(vals)) for vals in vals_list]

    @api.model
    def _qms_prepare_create_vals(self, vals):
        """Values the system adds to a new record (numbers, codes) once the caller's values are
        checked; models override it instead of `create` for anything workflow-related."""
        return vals

    @api.model
    def _qms_check_create_vals(self, vals):
        computed = {
            name
            for name in self._qms_computed_names(vals) - self._qms_all_workflow_fields()
            if vals[name] not in EMPTY and vals[name] != []
        }
        if computed:
            self._qms_refuse_computed(computed)
        defaults = None
        refused = set()
        for name in self._qms_all_workflow_fields() & set(vals):
            value = vals[name]
            if value in EMPTY or value == []:
                continue
            if defaults is None:
                defaults = self.default_get(list(self._qms_all_workflow_fields()))
            if name in defaults and self._qms_same_value(name, value, defaults[name]):
                continue
            refused.add(name)
        if refused:
            raise UserError(
                self.env._(
                    "%(fields)s of a new %(model)s are set by its actions, not when creating it.",
                    fields=self._qms_field_labels(refused),
                    model=self._description,
                )
            )

    def write(self, vals):
        if not self.env.su and vals:
            check_input(self, [vals])
            self._qms_check_write_vals(vals)
        return super().write(self._qms_prepare_write_vals(vals))

    def _qms_prepare_write_vals(self, vals):
        """What a model checks or adds before writing, once the caller's values are checked;
        models override it instead of `write` for anything that reads the values."""
        return vals

    def _qms_refuse_computed(self, names):
        raise UserError(
            self.env._(
                "%(fields)s of %(model)s are computed by the system and cannot be set by hand.",
                fields=self._qms_field_labels(names),
                model=self._description,
            )
        )

    def _qms_check_write_vals(self, vals):
        self.check_access("write")
        computed = {
            name
            for name in self._qms_computed_names(vals) - self._qms_all_workflow_fields()
            if self._qms_value_changes(name, vals[name])
        }
        if computed:
            self._qms_refuse_computed(computed)
        names = set(vals)
        workflow = names & self._qms_all_workflow_fields()
        changed = {name for name in workflow if self._qms_value_changes(name, vals[name])}
        if changed:
            record = self[:1]
            actions = record._qms_available_actions() if record else []
            raise UserError(
                self.env._(
                    "%(fields)s of %(record)s change only through its actions (%(actions)s), "
                    "never by editing them.",
                    fields=self._qms_field_labels(changed),
                    record=record.display_name or self._description,
                    actions=", ".join(actions) or self.env._("none: it is final"),
                )
            )
        self._qms_check_field_groups({n: v for n, v in vals.items() if n not in workflow})
        self._qms_check_state_editable(names - workflow)

    @api.model
    def _qms_same_value(self, name, value, other):
        """Whether two values of `name` are the same once read as the field reads them (the web
        client sends dates back as text)."""
        field = self._fields[name]
        try:
            return field.convert_to_cache(value, self) == field.convert_to_cache(other, self)
        except (ValueError, TypeError):
            return False

    def _qms_value_changes(self, name, value):
        """Whether writing `value` would change `name` on any record (the web client may send a
        workflow field back unchanged)."""
        field = self._fields[name]
        if field.type in ("one2many", "many2many"):
            return bool(value)
        for record in self:
            try:
                new = field.convert_to_record(field.convert_to_cache(value, record), record)
            except (ValueError, TypeError):
                return True
            if new != record[name]:
                return True
        return False

    def _qms_check_field_groups(self, vals):
        user = self.env.user
        for name, groups in self._qms_field_groups.items():
            if name not in vals or name not in self._fields:
                continue
            if not self._qms_value_changes(name, vals[name]):
                continue
            if any(user.has_group(group) for group in groups):
                continue
            raise AccessError(
                self.env._(
                    "Only %(groups)s may change %(field)s of %(model)s records.",
                    groups=", ".join(self.env.ref(group).sudo().name for group in groups),
                    field=self._fields[name]._description_string(self.env),
                    model=self._description,
                )
            )

    def _qms_check_state_editable(self, names):
        guarded = names & self._qms_guarded_fields()
        if not guarded or not self._qms_state_field:
            return
        for record in self:
            state = record[self._qms_state_field]
            if state not in self._qms_editable_fields:
                continue
            refused = guarded - set(self._qms_editable_fields[state])
            if refused:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: %(fields)s can no longer be changed.",
                        record=record.display_name,
                        state=record._qms_state_label(),
                        fields=self._qms_field_labels(refused),
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _qms_unlink_only_deletable(self):
        if self._transient:
            return
        if not self._qms_state_field:
            if self._qms_deletable_states is not None and self:
                raise UserError(
                    self.env._(
                        "%(model)s records are kept as evidence of the quality management "
                        "system: archive them instead of deleting them.",
                        model=self._description,
                    )
                )
            return
        deletable = self._qms_deletable()
        for record in self:
            if record[self._qms_state_field] not in deletable:
                raise UserError(
                    self.env._(
                        "%(record)s is %(state)s: it is a record of the quality management "
                        "system and is kept, never deleted.",
                        record=record.display_name,
                        state=record._qms_state_label(),
                    )
                )

    # ------------------------------------------------------------------ reopening
    def _qms_log_reason(self, action, reason):
        """Reopening and cancelling need a reason, kept in the chatter for the auditors."""
        reason = (reason or "").strip() if isinstance(reason, str) else ""
        if not reason:
            raise UserError(self.env._("Give the reason to %(action)s.", action=action.lower()))
        for record in self:
            if hasattr(record, "message_post"):
                record.sudo().message_post(
                    body=self.env._(
                        "%(action)s by %(user)s. Reason: %(reason)s",
                        action=action,
                        user=self.env.user.name,
                        reason=reason,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return reason

    def _qms_check_transition_named(self, method):
        """The checks of the transition `method` without running it: a button opening a form
        for it is refused to whoever the transition itself would refuse."""
        self._qms_check_transition(self._qms_transitions()[method])

    def _qms_reason_wizard_action(self, method, title):
        """Window action asking the reason of the transition `method` for these records, opened
        only for those who may run it."""
        self._qms_check_transition_named(method)
        return {
            "type": "ir.actions.act_window",
            "name": title,
            "res_model": "qms.reason.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_res_model": self._name,
                "default_res_ids": self.ids,
                "default_method": method,
                "default_action_label": title,
            },
        }
