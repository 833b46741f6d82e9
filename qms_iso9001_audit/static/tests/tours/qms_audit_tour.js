import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("qms_audit_checklist_tour", {
    steps: () => [
        {
            content: "On a phone, the smart buttons are behind the bolt button",
            trigger: ".o_form_view .o_button_more",
            run: "click",
            isActive: ["mobile"],
        },
        {
            content: "Open the checklist of the audit",
            trigger: "button[name='action_view_checklist']",
            run: "click",
        },
        {
            content: "Answer the first question: minor nonconformity",
            trigger: ".o_kanban_record:first button[name='action_set_minor']",
            run: "click",
        },
        {
            content: "Open the answered question",
            trigger: ".o_kanban_record:first .o_field_widget[name='result'] .badge",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='evidence'] textarea",
            run: "edit 03 hồ sơ dùng mẫu phiếu cũ",
        },
        {
            content: "Record the finding",
            trigger: ".o_form_view button[name='action_create_finding']",
            run: "click",
        },
        {
            content: "Raise the nonconformity form",
            trigger: ".o_form_view button[name='action_raise_nonconformity']",
            run: "click",
        },
        {
            content: "The nonconformity form is open",
            trigger: ".o_form_view .o_field_widget[name='source']",
        },
    ],
});
