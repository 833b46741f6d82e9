import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_utils";

// The assignee finds their task of the approved ISO plan and reports it done.
registry.category("web_tour.tours").add("qms_plan_task_done_tour", {
    steps: () => [
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
            trigger: ".dropdown-item[data-menu-xmlid='qms_iso9001.menu_qms_plan_task']",
            run: "click",
        },
        {
            content: "Open the deadline month group",
            trigger: ".o_group_header:first",
            run: "click",
        },
        {
            content: "Open my task",
            trigger: ".o_data_row:contains('Rà soát, cập nhật quy trình chứng thực') .o_data_cell",
            run: "click",
        },
        {
            content: "Report it done",
            trigger: "button[name='action_done']",
            run: "click",
        },
        {
            content: "The task is done, at 100 %",
            trigger: ".o_statusbar_status button.o_arrow_button_current[data-value='done']",
        },
    ],
});
