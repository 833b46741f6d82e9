import { registry } from "@web/core/registry";

/**
 * Issue 13: a script stored in an HTML field does not run when the form shows it. The test
 * stored `<img src=x onerror="window.qmsXss=1"><script>window.qmsXss=2</script>` after a
 * marker paragraph in a nonconformity's description and opens its form here.
 */
registry.category("web_tour.tours").add("qms_xss_tour", {
    steps: () => [
        {
            content: "Show the description of the nonconformity",
            trigger: ".o_notebook .nav-link[name='description']",
            run: "click",
        },
        {
            content: "The description is rendered",
            trigger: ".o_field_html[name='description'] :contains(qms-xss-marker)",
        },
        {
            content: "Give a failed image time to fire its error handler, then check",
            trigger: ".o_field_html[name='description']",
            run: async () => {
                await new Promise((resolve) => setTimeout(resolve, 1500));
                if (window.qmsXss !== undefined) {
                    throw new Error(`an injected script ran: window.qmsXss = ${window.qmsXss}`);
                }
                const field = document.querySelector(".o_field_html[name='description']");
                if (field.querySelector("script, [onerror]")) {
                    throw new Error("the description holds a script or an event handler");
                }
            },
        },
        {
            content: "The form is still there",
            trigger: ".o_form_view .o_field_widget[name='title']",
        },
    ],
});
