// "Use my selection" on a moderation case page (issue 21.3): copies the text selected in a
// version's text into that version's "Text to redact" box. Without JavaScript the button
// stays hidden and the moderator types or pastes the text; the form is the same.
(function () {
  "use strict";

  var lastSelection = {};

  function selectedIn(source) {
    var selection = window.getSelection ? window.getSelection() : null;
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return "";
    }
    var range = selection.getRangeAt(0);
    if (!source.contains(range.commonAncestorContainer)) {
      return "";
    }
    return selection.toString();
  }

  document.addEventListener("selectionchange", function () {
    var boxes = document.querySelectorAll("textarea[data-selection-from]");
    for (var i = 0; i < boxes.length; i++) {
      var source = document.getElementById(boxes[i].getAttribute("data-selection-from"));
      var text = source ? selectedIn(source) : "";
      if (text) {
        lastSelection[boxes[i].id] = text;
      }
    }
  });

  var buttons = document.querySelectorAll("button.mod-use-selection");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function (event) {
      var box = document.getElementById(event.currentTarget.getAttribute("data-for"));
      if (box && lastSelection[box.id]) {
        box.value = lastSelection[box.id].trim();
        box.focus();
      }
    });
  }
})();
