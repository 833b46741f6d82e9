import { Chatter } from "@mail/chatter/web_portal/chatter";
import { onWillStart } from "@odoo/owl";
import { user } from "@web/core/user";
import { useService } from "@web/core/utils/hooks";
import { patch } from "@web/core/utils/patch";

/**
 * A nonconformity can concern any record of the QMS that has a chatter (a document, a plan
 * task, a dossier...), a unit or a contact who complained: QMS users raise it from the chatter's
 * top bar, and the form opens pre-filled with the record as its source.
 */
patch(Chatter.prototype, {
    setup() {
        super.setup(...arguments);
        this.qmsAction = useService("action");
        this.qmsCanRaiseNonconformity = false;
        onWillStart(async () => {
            this.qmsCanRaiseNonconformity = await user.hasGroup("qms_iso9001.group_qms_user");
        });
    },

    get showRaiseNonconformity() {
        // the models qms.nonconformity._qms_is_source_model accepts as a source
        const model = this.props.threadModel || "";
        const isSource =
            (model.startsWith("qms.") && model !== "qms.nonconformity") ||
            ["hr.department", "res.partner"].includes(model);
        return this.qmsCanRaiseNonconformity && Boolean(this.props.threadId) && isSource;
    },

    async onClickRaiseNonconformity() {
        await this.props.saveRecord?.();
        await this.qmsAction.doAction("qms_iso9001.action_qms_nonconformity_raise", {
            additionalContext: {
                active_model: this.props.threadModel,
                active_id: this.props.threadId,
                active_ids: [this.props.threadId],
            },
        });
    },
});
