import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("qms_tthc_lookup_tour", {
    url: "/tra-cuu-ho-so",
    steps: () => [
        {
            content: "Type the code of the receipt as a citizen would: small letters, spaces",
            trigger: ".o_qms_tthc_lookup_form input[name='code']",
            run: "edit  ubndxa-260302-0001 ",
        },
        {
            content: "Type the last 4 digits of the phone number",
            trigger: ".o_qms_tthc_lookup_form input[name='digits']",
            run: "edit 5678",
        },
        {
            trigger: ".o_qms_tthc_lookup_form button[type='submit']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The dossier is found and in progress",
            trigger: ".o_qms_tthc_lookup_result .o_qms_lookup_state[data-state='in_progress']",
        },
        {
            content: "The step it went through is listed",
            trigger: ".o_qms_lookup_steps .o_qms_lookup_step:contains('Tiếp nhận hồ sơ')",
        },
        {
            content: "The applicant's name is not shown",
            trigger: ".o_qms_tthc_lookup:not(:contains('Nguyễn Văn An'))",
        },
    ],
});
