import { registry } from "@web/core/registry";

// The tours of the user guide (docs/huong-dan-su-dung.md) for the one-stop desk, run in Vietnamese by
// tests/test_guide_screenshots.py, which saves a capture of the page at each shot() step into
// docs/img/. Texts in selectors are the Vietnamese labels the user sees.

function shot(name) {
    return {
        content: `Capture docs/img/${name}.png`,
        trigger: "body",
        run: async () => {
            // let the last click's rendering and transitions settle
            await new Promise((resolve) => setTimeout(resolve, 500));
            window.qmsGuideShotDone = undefined;
            console.log(`qms-guide-shot:${name}`);
            const start = Date.now();
            while (window.qmsGuideShotDone !== name) {
                const done = window.qmsGuideShotDone;
                if (typeof done === "string" && done.startsWith("error")) {
                    throw new Error(`Screenshot ${name}: ${done}`);
                }
                if (Date.now() - start > 8000) {
                    throw new Error(`Screenshot ${name} was not taken`);
                }
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
        },
    };
}

const go = (action) => ({
    content: `Open ${action}`,
    trigger: "body",
    run: `goToUrl /odoo/action-${action}`,
    expectUnloadPage: true,
});

const handOver = "Chuyển xử lý";

registry.category("web_tour.tours").add("qms_guide_desk_receive_tour", {
    steps: () => [
        go("qms_iso9001_tthc.action_qms_tthc_dossier_receive"),
        {
            content: "Choose the procedure",
            trigger: ".o_field_widget[name='procedure_id'] input",
            run: "edit 2.000635",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Cấp bản sao trích lục hộ tịch')",
            run: "click",
        },
        {
            content: "The papers of the procedure are proposed",
            trigger:
                ".o_field_widget[name='component_ids'] .o_data_row:contains('Tờ khai cấp bản sao trích lục')",
        },
        {
            content: "Choose the applicant",
            trigger: ".o_field_widget[name='applicant_id'] input",
            run: "edit Nguyễn Văn An",
        },
        {
            trigger: ".o-autocomplete--dropdown-item:contains('Nguyễn Văn An')",
            run: "click",
        },
        {
            content: "The applicant's details are copied; leave the applicant field",
            trigger: ".o_field_widget[name='applicant_id_number'] input:value('045090001234')",
            run: "click",
        },
        {
            trigger: "body:not(:has(.o-autocomplete--dropdown-menu))",
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
