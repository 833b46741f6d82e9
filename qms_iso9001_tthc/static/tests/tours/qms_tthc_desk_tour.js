import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { chooseRecord } from "@qms_iso9001/../tests/tours/qms_tour_utils";

// Three tours, one per person, run one after the other by test_tthc_desk_tour.py.

function openDeskMenu(menuXmlid) {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Administrative Procedures app",
            trigger: ".o_app[data-menu-xmlid='qms_iso9001_tthc.menu_qms_tthc_root']",
            run: "click",
        },
        {
            content: "Open the One-stop Desk menu",
            trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001_tthc.menu_qms_tthc_desk']",
            run: "click",
        },
        {
            trigger: `.dropdown-item[data-menu-xmlid='qms_iso9001_tthc.${menuXmlid}']`,
            run: "click",
        },
    ];
}

registry.category("web_tour.tours").add("qms_tthc_desk_receive_tour", {
    steps: () => [
        ...openDeskMenu("menu_qms_tthc_dossier_receive"),
        ...chooseRecord("procedure_id", "2.000635", "Cấp bản sao trích lục hộ tịch"),
        {
            content: "The papers of the procedure are proposed",
            trigger:
                ".o_field_widget[name='component_ids'] .o_data_row:contains('Tờ khai cấp bản sao trích lục')",
        },
        ...chooseRecord("applicant_id", "Nguyễn Văn An", "Nguyễn Văn An"),
        {
            content: "The applicant's ID number and phone are copied onto the dossier",
            trigger: ".o_field_widget[name='applicant_id_number'] input:value('045090001234')",
        },
        {
            trigger: ".o_field_widget[name='applicant_phone'] input:value('0912 345 678')",
        },
        {
            content: "Filed in person at the desk",
            trigger: ".o_field_widget[name='channel'] .o_select_menu_toggler",
            run: "click",
        },
        {
            trigger: ".o_select_menu_item:contains('Direct')",
            run: "click",
        },
        {
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The dossier gets its code",
            trigger: ".o_form_saved .o_field_widget[name='name']:contains('-0001')",
        },
        {
            content: "and its appointment date",
            trigger: ".o_field_widget[name='appointment_date'] span:contains(':')",
        },
        {
            content: "Hand it over to the unit",
            trigger: ".o_statusbar_buttons button:contains('Hand Over')",
            run: "click",
        },
        {
            content: "The handler of the unit is proposed",
            trigger: ".modal .o_field_widget[name='user_id'] input:value('Tthc Handler')",
        },
        {
            trigger: ".modal .o_field_widget[name='note'] textarea",
            run: "edit Đã kiểm tra đủ giấy tờ",
        },
        {
            trigger: ".modal-footer button[name='action_confirm']:contains('Hand Over')",
            run: "click",
        },
        {
            content: "The dossier is now in progress, with the unit",
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('In Progress')",
        },
        {
            trigger: ".o_field_widget[name='current_user_id']:contains('Tthc Handler')",
        },
    ],
});

registry.category("web_tour.tours").add("qms_tthc_desk_handle_tour", {
    steps: () => [
        ...openDeskMenu("menu_qms_tthc_dossier_my_unit"),
        {
            content: "The dossier waits in the unit's queue",
            trigger: ".o_data_row:contains('Nguyễn Văn An') .o_data_cell",
            run: "click",
        },
        {
            trigger: ".o_statusbar_buttons button:contains('Hand Over')",
            run: "click",
        },
        {
            content: "This is the last step: handing on resolves the dossier",
            trigger: ".modal-footer button[name='action_confirm']:contains('Mark as Resolved')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Resolved')",
        },
    ],
});

registry.category("web_tour.tours").add("qms_tthc_desk_return_tour", {
    steps: () => [
        ...openDeskMenu("menu_qms_tthc_dossier"),
        {
            content: "The resolved dossier is on the desk's board",
            trigger: ".o_kanban_group:contains('Resolved') .o_kanban_record:contains('Nguyễn Văn An')",
            run: "click",
        },
        {
            trigger: ".o_statusbar_buttons button:contains('Return to Applicant')",
            run: "click",
        },
        {
            content: "Confirm the applicant received the result",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status .o_arrow_button_current:contains('Returned to Applicant')",
        },
    ],
});
