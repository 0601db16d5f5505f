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
    const target = event.detail.target.id;
    if ((status === 400 || status === 429) && (target === "draft-check" || target === "composer-preview")) {
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

// Tables in posts scroll sideways inside the post on a narrow screen: a table that does
// can be reached and scrolled with the keyboard.
const markScrollingTables = () => {
  document.querySelectorAll(".body table").forEach((table) => {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.setAttribute("tabindex", "0");
      if (!table.hasAttribute("aria-label")) table.setAttribute("aria-label", "Table (scrolls sideways)");
    } else {
      table.removeAttribute("tabindex");
    }
  });
};
document.addEventListener("DOMContentLoaded", markScrollingTables);
window.addEventListener("resize", markScrollingTables);
document.addEventListener("htmx:afterSwap", markScrollingTables);

// "Quote": with text selected in the post, quote just that (the server checks it is the
// post's published text, else it quotes the whole post).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-quote]");
  if (!link) return;
  const selection = window.getSelection ? window.getSelection() : null;
  const post = link.closest("article");
  if (!selection || selection.isCollapsed || !post || !post.contains(selection.anchorNode)) return;
  const text = selection.toString().trim().slice(0, 2000);
  if (!text) return;
  event.preventDefault();
  const url = new URL(link.href, window.location.href);
  url.searchParams.set("text", text);
  window.location.assign(url.toString());
});

// Drafts survive navigation: the composer's fields are kept in this browser's
// localStorage (never sent anywhere) under the composer's address, restored when the page
// opens again untouched, forgotten when the post is sent (base.html's data-draft-sent,
// set by the page after a successful submit) and all forgotten on signing out.
// A draft may hold what screening has not published, so it is its author's alone: it is
// kept with the signed-in member's id (base.html's data-member), and every page first
// forgets, unseen, each draft that is not this member's (a shared computer where someone
// closed the browser without signing out; a signed-out visitor keeps none) or is older
// than DRAFT_DAYS.
document.addEventListener("DOMContentLoaded", () => {
  const PREFIX = "cc-draft:";
  const DRAFT_DAYS = 7;
  const MAX_AGE = DRAFT_DAYS * 24 * 60 * 60 * 1000;
  const member = document.body.dataset.member || "";
  const FIELDS = ["title", "purpose", "body", "trigger_warnings", "disclaimer", "disclaimer_text", "is_correction", "reason"];
  let store = null;
  try {
    store = window.localStorage;
  } catch (error) {
    store = null;
  }
  if (!store) return;
  const forget = (prefix) => {
    Object.keys(store).filter((key) => key.startsWith(prefix)).forEach((key) => store.removeItem(key));
  };
  const parse = (key) => {
    try {
      return JSON.parse(store.getItem(key) || "null");
    } catch (error) {
      return null;
    }
  };
  // A draft without an owner or a time (one kept before drafts had them) is nobody's.
  const isMine = (draft) => Boolean(
    member && draft && draft.member === member && typeof draft.at === "number"
      && Date.now() - draft.at < MAX_AGE
  );
  Object.keys(store).filter((key) => key.startsWith(PREFIX)).forEach((key) => {
    if (!isMine(parse(key))) store.removeItem(key);
  });
  const sent = document.body.dataset.draftSent;
  if (sent) forget(`${PREFIX}${sent}`);
  const signOut = document.querySelector("form[data-sign-out]");
  document.addEventListener("submit", (event) => {
    if (signOut && event.target.action === signOut.action) forget(PREFIX);
  });

  const form = document.querySelector("form.composer");
  if (!member || !form || !form.querySelector('textarea[name="body"]')) return;
  const key = `${PREFIX}${window.location.pathname}${window.location.search}`;
  const inputs = () => Array.from(form.elements).filter((el) => FIELDS.includes(el.name));
  const isChoice = (el) => el.type === "checkbox" || el.type === "radio";
  const untouched = () => inputs().every((el) => {
    if (isChoice(el)) return el.checked === el.defaultChecked;
    if (el.tagName === "SELECT") return Array.from(el.options).every((o) => o.selected === o.defaultSelected);
    return el.value === el.defaultValue;
  });
  const read = () => {
    const fields = {};
    inputs().forEach((el) => {
      if (isChoice(el)) {
        fields[el.name] = fields[el.name] || [];
        if (el.checked) fields[el.name].push(el.value);
      } else {
        fields[el.name] = el.value;
      }
    });
    return fields;
  };
  const write = (fields) => {
    inputs().forEach((el) => {
      if (!(el.name in fields)) return;
      if (isChoice(el)) el.checked = fields[el.name].includes(el.value);
      else el.value = fields[el.name];
    });
  };

  const saved = parse(key);
  // A page answering a submit (a preview, errors) shows what was sent: nothing to restore.
  const answersSubmit = Boolean(form.querySelector("[data-composer-bound]"));
  if (isMine(saved) && saved.fields && !answersSubmit && untouched()) {
    write(saved.fields);
    if (untouched()) {
      store.removeItem(key);
    } else {
      const notice = document.createElement("div");
      notice.className = "notice draft-restored";
      notice.setAttribute("role", "status");
      notice.innerHTML = '<span>Draft restored: it was kept in this browser only.</span> <button type="button" class="small secondary">Discard the draft</button>';
      notice.querySelector("button").addEventListener("click", () => {
        store.removeItem(key);
        form.reset();
        notice.remove();
        form.querySelector('textarea[name="body"]').focus();
      });
      form.parentNode.insertBefore(notice, form);
    }
  }

  let timer = null;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      try {
        if (!answersSubmit && untouched()) store.removeItem(key);
        else store.setItem(key, JSON.stringify({ member, fields: read(), at: Date.now() }));
      } catch (error) {
        // Storage full or refused: the draft is simply not kept.
      }
    }, 250);
  };
  form.addEventListener("input", save);
  form.addEventListener("change", save);
  if (answersSubmit) save();
});

// Once the preview pane is open, it follows the draft as the member types (a render at
// most every 1.5 s, within the preview rate limit).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("preview-button");
  const body = button && button.form ? button.form.querySelector('textarea[name="body"]') : null;
  if (!button || !body) return;
  let timer = null;
  body.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const pane = document.getElementById("composer-preview");
      if (window.htmx && pane && pane.classList.contains("card")) button.click();
    }, 1500);
  });
});

// Live updates (forum/views.py post_state, topic_new_posts): a poller answered with an
// error (the post is gone for this reader, or signed out) stops instead of asking again
// every second; a post still being screened after ten minutes stops being asked about.
document.addEventListener("htmx:responseError", (event) => {
  const poller = event.detail.elt;
  if (poller && (poller.hasAttribute("data-live-state") || poller.id === "thread-live")) poller.remove();
});
document.addEventListener("htmx:afterRequest", (event) => {
  const poller = event.detail.elt;
  if (!poller || !poller.hasAttribute("data-live-state")) return;
  const asked = Number(poller.dataset.asked || 0) + 1;
  poller.dataset.asked = String(asked);
  if (asked >= 600) poller.remove();
});
