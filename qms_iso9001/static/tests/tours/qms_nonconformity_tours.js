import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { chooseRecord } from "@qms_iso9001/../tests/tours/qms_tour_utils";

registry.category("web_tour.tours").add("qms_nonconformity_tour", {
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Quality Management app",
            trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
            run: "click",
        },
        {
            trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_improvement']",
            run: "click",
        },
        {
            trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001.menu_qms_nonconformity']",
            run: "click",
        },
        {
            content: "Record a new nonconformity",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='title'] input",
            run: "edit Hồ sơ chứng thực trả quá hạn",
        },
        ...chooseRecord("department_id", "Phòng Hành chính", "Phòng Hành chính tư pháp"),
        ...chooseRecord("responsible_id", "Qms Officer", "Qms Officer"),
        {
            trigger: ".o_field_html[name='description'] div.o-paragraph",
            run: "editor Hai hồ sơ trả kết quả trễ một ngày làm việc.",
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_saved",
        },
        {
            content: "Start the cause analysis",
            trigger: "button[name='action_start_analysis']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='analysis']",
        },
        {
            content: "Open the cause analysis tab",
            trigger: ".o_notebook .nav-link[name='causes']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='cause_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='cause_ids'] .o_data_row [name='question'] input",
            run: "edit Vì sao hồ sơ quá hạn?",
        },
        {
            trigger: ".o_field_widget[name='cause_ids'] .o_data_row [name='answer'] textarea",
            run: "edit Lãnh đạo phòng đi công tác, không ủy quyền ký.",
        },
        {
            content: "Move on to the action plan",
            trigger: "button[name='action_to_action_plan']",
            run: "click",
        },
        {
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='action_plan']",
        },
        {
            content: "Cancelling the nonconformity is the standing office's, not the unit's",
            trigger: ".o_form_view .o_form_statusbar:not(:has(button[name='action_cancel_wizard']))",
        },
    ],
});
