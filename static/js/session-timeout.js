// Warns a logged-in resident two minutes before the server ends an idle session (DigiD: 15 minutes).
// The server enforces the limit; this only gives the resident the chance to stay.
(function () {
  "use strict";
  var body = document.body;
  var idle = Number(body.dataset.sessionIdleSeconds);
  var warning = Number(body.dataset.sessionWarningSeconds);
  var dialog = document.getElementById("session-timeout-dialog");
  if (!idle || !dialog || typeof dialog.showModal !== "function") return;

  var warnTimer, expireTimer;
  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    warnTimer = setTimeout(function () {
      dialog.showModal();
      dialog.querySelector("button").focus();
    }, Math.max(0, idle - warning) * 1000);
    // When the time is up the server has logged the resident out; show them the page that says so.
    expireTimer = setTimeout(function () {
      window.location.assign("/sessie/verlopen/?next=" + encodeURIComponent(location.pathname + location.search));
    }, idle * 1000);
  }

  var keepAlive = dialog.querySelector("form[data-session-keep-alive]");
  keepAlive.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(keepAlive.action, { method: "POST", body: new FormData(keepAlive), credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.authenticated) { window.location.assign("/sessie/verlopen/"); return; }
        dialog.close();
        schedule();
      });
  });
  schedule();
})();
