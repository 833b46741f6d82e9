import { registry } from "@web/core/registry";
import { chooseRecord, goToAction as go, shot } from "@qms_iso9001/../tests/tours/qms_tour_utils";

// The tours of the user guide (docs/huong-dan-su-dung.md) for the one-stop desk, run in Vietnamese by
// tests/test_guide_screenshots.py, which saves a capture of the page at each shot() step into
// docs/img/. Texts in selectors are the Vietnamese labels the user sees.

const handOver = "Chuyển xử lý";

registry.category("web_tour.tours").add("qms_guide_desk_receive_tour", {
    steps: () => [
        go("qms_iso9001_tthc.action_qms_tthc_dossier_receive"),
        ...chooseRecord("procedure_id", "2.000635", "Cấp bản sao trích lục hộ tịch"),
        {
            content: "The papers of the procedure are proposed",
            trigger:
                ".o_field_widget[name='component_ids'] .o_data_row:contains('Tờ khai cấp bản sao trích lục')",
        },
        ...chooseRecord("applicant_id", "Nguyễn Văn An", "Nguyễn Văn An"),
        {
            content: "The applicant's details are copied",
            trigger: ".o_field_widget[name='applicant_id_number'] input:value('045090001234')",
        },
        shot("mot-cua-tiep-nhan"),
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The dossier gets its code and its appointment date",
            trigger: ".o_form_saved .o_field_widget[name='name']:contains('-0001')",
        },
        {
            trigger: ".o_field_widget[name='appointment_date'] span:contains(':')",
        },
        shot("mot-cua-phieu-hen"),
        {
            content: "Hand it over to the unit",
            trigger: `.o_statusbar_buttons button:contains('${handOver}')`,
            run: "click",
        },
        {
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Đã kiểm tra đủ giấy tờ",
        },
        shot("mot-cua-chuyen-xu-ly"),
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The dossier is now in progress, with the unit",
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='in_progress']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_guide_handler_tour", {
    steps: () => [
        go("qms_iso9001_tthc.action_qms_tthc_dossier_my_unit"),
        {
            content: "The dossier waits in the unit's queue",
            trigger: ".o_data_row:contains('Nguyễn Văn An')",
        },
        shot("xu-ly-ho-so-cua-phong"),
        {
            trigger: ".o_data_row:contains('Nguyễn Văn An') .o_data_cell",
            run: "click",
        },
        {
            trigger: `.o_statusbar_buttons button:contains('${handOver}')`,
        },
        shot("xu-ly-ho-so"),
        {
            trigger: `.o_statusbar_buttons button:contains('${handOver}')`,
            run: "click",
        },
        {
            content: "This is the last step: handing on resolves the dossier",
            trigger: ".modal-footer button[name='action_confirm']",
        },
        shot("xu-ly-chuyen-buoc"),
        {
            trigger: ".modal-footer button[name='action_confirm']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='resolved']",
        },
    ],
});

registry.category("web_tour.tours").add("qms_guide_desk_return_tour", {
    steps: () => [
        go("qms_iso9001_tthc.action_qms_tthc_dossier"),
        {
            content: "The resolved dossier is on the desk's board",
            trigger: ".o_kanban_record:contains('Nguyễn Văn An')",
        },
        shot("mot-cua-bang-ho-so"),
        {
            trigger: ".o_kanban_record:contains('Nguyễn Văn An')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_buttons button[name='action_return']",
            run: "click",
        },
        {
            trigger: ".modal .modal-footer .btn-primary",
        },
        shot("mot-cua-tra-ket-qua"),
        {
            content: "Confirm the applicant received the result",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current[data-value='returned']",
        },
        go("qms_iso9001_tthc.action_qms_tthc_statistics"),
        {
            content: "Count the current half-year",
            trigger: ".o_form_view button[name='action_compute']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_data_row",
        },
        shot("mot-cua-thong-ke"),
    ],
});
