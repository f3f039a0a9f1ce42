// Small behaviour shared by the pages; no inline scripts (the CSP is script-src 'self').
(function () {
  "use strict";
  document.querySelectorAll("[data-autosubmit]").forEach(function (el) {
    el.addEventListener("change", function () {
      if (el.form) el.form.submit();
    });
  });
})();
