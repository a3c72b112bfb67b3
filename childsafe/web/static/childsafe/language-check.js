// Accountable-language hints under every <textarea data-language-check>: as the practitioner types (and on load
// for text already there) the text is checked by POST /language/check, and the flags are listed under the textarea
// in a polite live region: the phrase, the category in words, why it matters and, where there is one, a
// "Use this wording" button that replaces exactly that phrase. See childsafe/web/language.py for how to use it.
//
// Works with the page's strict CSP: no inline styles or scripts, only classes and the hidden attribute. Without
// JavaScript (or if a check fails) the form is exactly as it was: nothing here is needed to save it.

const DEBOUNCE_MS = 400;
const DEFAULT_ENDPOINT = "/language/check";
const MAX_TEXT = 20000;
// The placeholders the checker's rewrites leave for the worker to fill in: "[name]", "[victim-survivor]".
const PLACEHOLDER = /\[(?:name|victim-survivor)\]/i;

function csrfToken(textarea) {
  // The CSRF cookie is HttpOnly, so the token comes from the form's hidden input (or any on the page).
  const input =
    (textarea.form && textarea.form.querySelector('input[name="csrfmiddlewaretoken"]')) ||
    document.querySelector('input[name="csrfmiddlewaretoken"]');
  return input ? input.value : "";
}

// The server counts characters as Unicode code points; the browser's strings count UTF-16 units. Emoji and other
// characters outside the Basic Multilingual Plane take two units, so offsets are converted before use.
function toUnits(text, codePoints) {
  let units = 0;
  for (let seen = 0; seen < codePoints && units < text.length; seen += 1) {
    const code = text.charCodeAt(units);
    units += code >= 0xd800 && code <= 0xdbff && units + 1 < text.length ? 2 : 1;
  }
  return units;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

class LanguageCheck {
  constructor(textarea, index) {
    this.textarea = textarea;
    this.endpoint = textarea.dataset.languageCheckUrl || DEFAULT_ENDPOINT;
    this.sequence = 0; // increases with every request; only the answer to the latest one is shown
    this.timer = null;
    this.controller = null;
    this.flags = [];

    const id = `${textarea.id || `language-check-${index}`}-language`;
    this.region = element("div", "app-language-flags");
    this.region.id = id;
    // The region is in the page from the start (empty), so screen readers announce what is later put in it.
    this.region.setAttribute("aria-live", "polite");
    textarea.insertAdjacentElement("afterend", this.region);

    textarea.addEventListener("input", () => this.schedule());
    if (textarea.value.trim()) this.checkNow();
  }

  schedule() {
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.checkNow(), DEBOUNCE_MS);
  }

  async checkNow() {
    window.clearTimeout(this.timer);
    const text = this.textarea.value;
    const sequence = ++this.sequence;
    if (this.controller) this.controller.abort();
    if (!text.trim() || text.length > MAX_TEXT) {
      this.show([], text);
      return;
    }
    this.controller = new AbortController();
    const body = new URLSearchParams({ text, csrfmiddlewaretoken: csrfToken(this.textarea) });
    let flags;
    try {
      const response = await fetch(this.endpoint, {
        method: "POST",
        body,
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(this.textarea) },
        credentials: "same-origin",
        signal: this.controller.signal,
      });
      if (!response.ok) return; // signed out, not allowed, too long: leave the form as it is
      flags = (await response.json()).flags;
    } catch (error) {
      return; // aborted for newer text, or the network failed: nothing to show
    }
    // A slow answer for older text must not replace the flags of what is in the box now.
    if (sequence !== this.sequence || text !== this.textarea.value || !Array.isArray(flags)) return;
    this.show(flags, text);
  }

  show(flags, text) {
    this.flags = flags.map((flag) => ({
      ...flag,
      from: toUnits(text, flag.start),
      to: toUnits(text, flag.end),
    }));
    this.region.replaceChildren();
    if (!this.flags.length) return;
    const count = this.flags.length;
    this.region.append(
      element(
        "h3",
        "govuk-heading-s app-language-flags__heading",
        count === 1 ? "1 phrase to check" : `${count} phrases to check`,
      ),
    );
    const list = element("ul", "govuk-list app-language-flags__list");
    this.flags.forEach((flag) => list.append(this.item(flag, text)));
    this.region.append(list);
  }

  item(flag, text) {
    const phrase = text.slice(flag.from, flag.to);
    const item = element("li", "app-language-flag");
    const heading = element("p", "govuk-body-s app-language-flag__phrase");
    heading.append(element("q", "app-language-flag__quote", phrase), " ");
    heading.append(element("strong", "govuk-tag govuk-tag--yellow app-language-flag__category", flag.label));
    item.append(heading, element("p", "govuk-body-s app-language-flag__why", flag.why));
    if (flag.suggestion) {
      const suggestion = element("p", "govuk-body-s app-language-flag__suggestion", "You could write: ");
      suggestion.append(element("q", "", flag.suggestion));
      const button = element(
        "button",
        "govuk-button govuk-button--secondary govuk-button--small app-language-flag__use",
        "Use this wording",
      );
      button.type = "button";
      button.append(element("span", "govuk-visually-hidden", ` instead of “${phrase}”`));
      button.addEventListener("click", () => this.use(flag, phrase));
      item.append(suggestion, button);
    }
    return item;
  }

  use(flag, phrase) {
    const textarea = this.textarea;
    const text = textarea.value;
    // Replace only if the phrase is still where it was; otherwise the text changed since the check: check again.
    if (text.slice(flag.from, flag.to) !== phrase) {
      this.checkNow();
      return;
    }
    textarea.value = text.slice(0, flag.from) + flag.suggestion + text.slice(flag.to);
    textarea.focus();
    // A rewrite may hold a placeholder for the worker to fill in ("[name] chose to ..."): select the first one so
    // what they type next replaces it. Left in, it would be saved and printed (the plan refuses to start with one).
    const placeholder = PLACEHOLDER.exec(flag.suggestion);
    if (placeholder) {
      const start = flag.from + placeholder.index;
      textarea.setSelectionRange(start, start + placeholder[0].length);
    } else {
      // Otherwise keep the caret just after the new wording, and keyboard focus in the box being edited.
      const caret = flag.from + flag.suggestion.length;
      textarea.setSelectionRange(caret, caret);
    }
    textarea.dispatchEvent(new Event("change", { bubbles: true }));
    this.checkNow();
  }
}

document.querySelectorAll("textarea[data-language-check]").forEach((textarea, index) => {
  new LanguageCheck(textarea, index);
});
