// Keyboard shortcuts on a moderation case page (issue 21.2); the legend is on the page.
// j or n opens the next case; a, h and e choose Approve, Hide or Ask the author to edit and
// move to the reason box. A key never records a decision: the moderator still writes the
// reason and presses the button. Keys typed in a text box, a select or with a modifier are
// left alone.
(function () {
  "use strict";

  var ACTIONS = { a: "approve", h: "hide", e: "ask_edit" };

  function typingIn(target) {
    if (!target || !target.closest) {
      return false;
    }
    return target.isContentEditable || target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  function say(text) {
    var status = document.getElementById("shortcut-status");
    if (status) {
      status.textContent = text;
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) {
      return;
    }
    if (typingIn(event.target)) {
      return;
    }
    var key = event.key;
    if (key === "j" || key === "n") {
      var next = document.getElementById("next-case");
      if (next) {
        event.preventDefault();
        window.location.assign(next.href);
      }
      return;
    }
    var value = ACTIONS[key];
    if (!value) {
      return;
    }
    var form = document.querySelector("form.mod-actions");
    var radio = form && form.querySelector('input[name="action"][value="' + value + '"]');
    if (!radio) {
      return;
    }
    event.preventDefault();
    radio.checked = true;
    radio.dispatchEvent(new Event("change", { bubbles: true }));
    var label = radio.closest("label");
    say((label ? label.textContent.trim() : value) + " chosen: give the reason, then record the decision.");
    var reason = form.querySelector('textarea[name="reason"]');
    if (reason) {
      reason.focus();
    }
  });
})();
