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
