import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";
import { chooseRecord } from "@qms_iso9001/../tests/tours/qms_tour_utils";

const openObjectives = () => [
    stepUtils.showAppsMenuItem(),
    {
        content: "Open the Quality Management app",
        trigger: ".o_app[data-menu-xmlid='qms_iso9001.menu_qms_root']",
        run: "click",
    },
    {
        trigger: ".o_main_navbar [data-menu-xmlid='qms_iso9001.menu_qms_planning']",
        run: "click",
    },
    {
        trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001.menu_qms_objective']",
        run: "click",
    },
];

// The unit's ISO officer drafts the unit's objectives and submits them to the director.
registry.category("web_tour.tours").add("qms_objective_draft_tour", {
    steps: () => [
        ...openObjectives(),
        {
            content: "Create the unit's objectives",
            trigger: ".o_list_button_add",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='name'] input",
            run: "edit Mục tiêu chất lượng năm 2026 của phòng",
        },
        {
            trigger: ".o_field_widget[name='year'] input",
            run: "edit 2026",
        },
        ...chooseRecord("department_id", "Hành chính tư pháp", "Phòng Hành chính tư pháp"),
        {
            content: "Add an objective",
            trigger: ".o_field_widget[name='line_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_selected_row [name='name'] input",
            run: "edit Cấp Phiếu lý lịch tư pháp đúng hạn",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_selected_row [name='indicator'] input",
            run: "edit Tỷ lệ Phiếu lý lịch tư pháp trả đúng hạn",
        },
        {
            trigger: ".o_field_widget[name='line_ids'] .o_selected_row [name='target_value'] input",
            run: "edit 99",
        },
        {
            content: "Save",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Submit them for approval",
            trigger: ".o_form_saved button[name='action_submit_for_approval']",
            run: "click",
        },
        {
            content: "They wait for the director",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='to_approve']",
        },
    ],
});

// The director approves them from the objective's form.
registry.category("web_tour.tours").add("qms_objective_approve_tour", {
    steps: () => [
        ...openObjectives(),
        {
            content: "Open the year",
            trigger: ".o_group_header:contains('2026')",
            run: "click",
        },
        {
            content: "Open the submitted objectives",
            trigger: ".o_data_row:contains('Mục tiêu chất lượng năm 2026 của phòng') .o_data_cell",
            run: "click",
        },
        {
            trigger: "button[name='action_approve_with_comment']",
            run: "click",
        },
        {
            content: "Confirm the approval",
            trigger: ".modal button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The objectives are approved",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='approved']",
        },
    ],
});
