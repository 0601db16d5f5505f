// Small enhancements only: every page works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // "None" and a real content warning exclude each other: keep the choice consistent.
  document.querySelectorAll('fieldset input[name="trigger_warnings"]').forEach((box) => {
    box.addEventListener("change", () => {
      const boxes = box.form.querySelectorAll('input[name="trigger_warnings"]');
      if (!box.checked) return;
      boxes.forEach((other) => {
        if (other === box) return;
        if (box.value === "none" || other.value === "none") other.checked = false;
      });
    });
  });
});

// Draft check ("check yourself before posting").
document.addEventListener("DOMContentLoaded", () => {
  // The check answers 400 (empty or too long) and 429 (rate limit) with a message to show.
  document.body.addEventListener("htmx:beforeSwap", (event) => {
    const status = event.detail.xhr.status;
    if ((status === 400 || status === 429) && event.detail.target.id === "draft-check") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  // "Add this warning": tick the box and check again, instead of re-posting the form.
  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add-warning]");
    if (!button || !button.form || !window.htmx) return;
    const form = button.form;
    const box = form.querySelector(`input[name="trigger_warnings"][value="${button.dataset.addWarning}"]`);
    if (!box) return;
    event.preventDefault();
    box.checked = true;
    const none = form.querySelector('input[name="trigger_warnings"][value="none"]');
    if (none) none.checked = false;
    const check = form.querySelector("#draft-check-button");
    if (check) check.click();
  });

  // Correction guide: open it when the reply is marked as a correction; offer the template.
  const correction = document.querySelector('input[name="is_correction"]');
  const guide = document.getElementById("correction-guide");
  if (correction && guide) {
    const sync = () => { guide.open = correction.checked; };
    correction.addEventListener("change", sync);
    const use = document.getElementById("use-correction-template");
    const template = document.getElementById("correction-template");
    const body = correction.form.querySelector('textarea[name="body"]');
    if (use && template && body) {
      use.hidden = false;
      use.addEventListener("click", () => {
        const text = template.textContent;
        body.value = body.value.trim() ? `${body.value.trimEnd()}\n\n${text}` : text;
        body.focus();
      });
    }
  }
});

// Time zones (accounts/timezones.py): sign-up takes the browser's zone; settings offers it.
document.addEventListener("DOMContentLoaded", () => {
  let zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    zone = "";
  }
  const hidden = document.querySelector("input[data-browser-time-zone]");
  if (hidden && zone) {
    if (!hidden.value) hidden.value = zone;
    document.querySelectorAll("[data-browser-zone-name]").forEach((name) => { name.textContent = hidden.value; });
  }
  const select = document.querySelector("select[data-browser-time-zone-choice]");
  const offer = document.querySelector("[data-browser-zone-offer]");
  const known = select && Array.from(select.options).some((option) => option.value === zone);
  if (select && offer && known && select.value !== zone) {
    offer.querySelector("[data-browser-zone-name]").textContent = zone;
    offer.hidden = false;
    offer.querySelector("[data-use-browser-zone]").addEventListener("click", () => {
      select.value = zone;
      offer.hidden = true;
      select.focus();
    });
  }
});

// Form errors are summarised before the form: take the reader there.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-focus-on-load]");
  if (summary) summary.focus();
});

// A link in an error summary takes the reader into the field it names, not just near it.
document.addEventListener("click", (event) => {
  const link = event.target.closest(".error-summary a[href^='#']");
  if (!link) return;
  const field = document.getElementById(link.getAttribute("href").slice(1));
  if (!field) return;
  event.preventDefault();
  field.scrollIntoView({ block: "center" });
  field.focus();
});
