import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("qms_tthc_lookup_tour", {
    url: "/tra-cuu-ho-so?code=UBNDXA-260302-0001",
    steps: () => [
        {
            content: "The QR code of the receipt opened the page with the dossier code filled in",
            trigger: '.o_qms_tthc_lookup_form input[name="code"]:value("UBNDXA-260302-0001")',
        },
        {
            content: "Type the PIN of the receipt as a citizen would: small letters, a space",
            trigger: ".o_qms_tthc_lookup_form input[name='pin']",
            run: "edit acd 347",
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
