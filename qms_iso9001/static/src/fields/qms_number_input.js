import { localization } from "@web/core/l10n/localization";
import { registry } from "@web/core/registry";
import { patch } from "@web/core/utils/patch";
import { escapeRegExp } from "@web/core/utils/strings";
import { FloatField } from "@web/views/fields/float/float_field";
import { MonetaryField } from "@web/views/fields/monetary/monetary_field";
import { InvalidNumberError } from "@web/views/fields/parsers";
import { ProgressBarField } from "@web/views/fields/progress_bar/progress_bar_field";

/**
 * Odoo reads a typed number by deleting every thousands separator of the user's language, then
 * reading its decimal mark. Under Vietnamese formats (thousands ".", decimals ",") "0.5" thus
 * becomes 5, and under English ones "0,5" becomes 5: a fee, a duration or a measured value
 * silently ten times larger (issue 19).
 *
 * A thousands separator is kept only where it groups thousands: "1.250.000" stays 1250000 in
 * Vietnamese and "1,250,000" in English. Where it cannot ("0.5", "2.25", "0.500"), a lone
 * separator is the other decimal mark and is read as a decimal; anything else that Odoo would
 * misread ("1.25.0", "2.5,3") is refused, so the field shows it as invalid instead of saving a
 * wrong number. The result is handed to Odoo's own parser, which still does the rest (currency
 * symbols, "=2*3" formulas, "+=1" operations).
 *
 * @param {string} value the text typed in the field
 * @param {{thousandsSep?: string, decimalPoint?: string}} [options] the language's marks
 * @returns {string} the text Odoo's parser reads as the user meant it
 */
export function qmsNormalizeNumber(value, options = {}) {
    const thousandsSep = options.thousandsSep ?? localization.thousandsSep;
    const decimalPoint = options.decimalPoint ?? localization.decimalPoint;
    if (
        typeof value !== "string" ||
        !thousandsSep ||
        /\s/.test(thousandsSep) ||
        thousandsSep === decimalPoint ||
        !value.includes(thousandsSep)
    ) {
        return value;
    }
    const text = value.trim();
    if (/^[+\-*/]?=/.test(text)) {
        return value; // a formula or an operation: Odoo evaluates it
    }
    const sep = escapeRegExp(thousandsSep);
    const point = escapeRegExp(decimalPoint);
    // the number itself, between a currency symbol or unit and the rest
    const match = new RegExp(`^(\\D*?)(\\d[\\d${sep}${point}]*)(\\D*)$`).exec(text);
    if (!match) {
        return value;
    }
    const [, before, number, after] = match;
    const [integerPart, ...decimals] = number.split(decimalPoint);
    if (new RegExp(`^[1-9]\\d{0,2}(${sep}\\d{3})+$`).test(integerPart) && decimals.length <= 1) {
        return value; // thousands well grouped
    }
    if (!decimals.length && integerPart.split(thousandsSep).length === 2) {
        const [units, fraction] = integerPart.split(thousandsSep);
        if (units && fraction) {
            return `${before}${units}${decimalPoint}${fraction}${after}`;
        }
    }
    throw new InvalidNumberError(`"${value}" is not a correct number`);
}

patch(FloatField.prototype, {
    parse(value) {
        if (this.props.inputType === "number") {
            return super.parse(value);
        }
        return super.parse(qmsNormalizeNumber(value));
    },
});

patch(MonetaryField.prototype, {
    get inputOptions() {
        const options = super.inputOptions;
        return { ...options, parse: (value) => options.parse(qmsNormalizeNumber(value)) };
    },
});

patch(ProgressBarField.prototype, {
    parseCurrentValue(value) {
        return super.parseCurrentValue(qmsNormalizeNumber(value));
    },
    parseMaxValue(value) {
        return super.parseMaxValue(qmsNormalizeNumber(value));
    },
});

// The same reading for the numbers typed in the search and filter editors.
const parsers = registry.category("parsers");
for (const name of ["float", "monetary", "percentage"]) {
    const parse = parsers.get(name);
    parsers.add(name, (value, ...args) => parse(qmsNormalizeNumber(value), ...args), {
        force: true,
    });
}
