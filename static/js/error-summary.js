// After a failed submit, screen reader and keyboard users land on the list of problems (GOV.UK pattern).
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (summary) summary.focus();
})();
