import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("qms_raise_nonconformity_from_chatter_tour", {
    steps: () => [
        {
            content: "Raise a nonconformity from the chatter of the risk",
            trigger: ".o-mail-Chatter-topbar button.o_qms_raise_nonconformity",
            run: "click",
        },
        {
            content: "The form is pre-filled with the record as its source",
            trigger: ".modal .o_field_widget[name='source_record_name']:contains('Mất dữ liệu')",
        },
        {
            trigger: ".modal .o_field_widget[name='title'] input",
            run: "edit Sao lưu dữ liệu không đúng quy định",
        },
        {
            trigger: ".modal .o_field_html[name='description'] div.o-paragraph",
            run: "editor Bản sao lưu tháng 10 không được kiểm tra khôi phục.",
        },
        {
            trigger: ".modal button[name='action_raise']",
            run: "click",
        },
        {
            content: "The nonconformity opens, linked to the risk (the dialog has closed)",
            trigger:
                "body:not(:has(.modal)) .o_action_manager .o_form_view .o_field_widget[name='source_record_name']:contains('Mất dữ liệu')",
        },
    ],
});

registry.category("web_tour.tours").add("qms_no_raise_nonconformity_button_tour", {
    steps: () => [
        {
            content: "The chatter is there",
            trigger: ".o-mail-Chatter-topbar .o-mail-Chatter-logNote",
        },
        {
            content: "but without the nonconformity button",
            trigger: ".o-mail-Chatter-topbar:not(:has(.o_qms_raise_nonconformity))",
        },
    ],
});
