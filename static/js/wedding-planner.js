// The wedding planner's instant answer: after every change (and every pause in typing), ask the server (the same view that answers the
// plain form) and show its answer in the live region. Without JavaScript the form's button does the same.
(function () {
  "use strict";
  var form = document.querySelector("[data-wedding-planner]");
  var region = document.getElementById("wedding-answer");
  if (!form || !region || !window.fetch) {
    return;
  }
  var pending = null;

  function complete() {
    return Array.prototype.every.call(form.querySelectorAll("input[type=date], input[type=number], select"), function (field) {
      return field.value !== "";
    }) && form.querySelector("input[name=ceremonie]:checked");
  }

  function ask() {
    if (!complete()) {
      return;
    }
    var params = new URLSearchParams(new FormData(form));
    params.set("fragment", "1");
    if (pending) {
      pending.abort();
    }
    pending = new AbortController();
    fetch(form.getAttribute("data-answer-url") + "?" + params.toString(), {
      signal: pending.signal,
      headers: { "X-Requested-With": "fetch" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html !== null) {
          region.innerHTML = html;
          params.delete("fragment");
          window.history.replaceState(null, "", "?" + params.toString());
        }
      })
      .catch(function () {
        /* aborted by a newer change, or offline: the button still works */
      });
  }

  // "change" fires for a number or date field only when it loses focus; the answer must not wait for that.
  // While someone types, ask once they pause (a third of a second), not for every keystroke.
  var typing = null;
  form.addEventListener("change", ask);
  form.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(ask, 300);
  });
  region.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='?']");
    if (!link) {
      return;
    }
    event.preventDefault();
    var params = new URLSearchParams(link.getAttribute("href").slice(1));
    params.forEach(function (value, name) {
      var fields = form.elements[name];
      if (fields && fields.length !== undefined && fields.tagName !== "SELECT") {
        Array.prototype.forEach.call(fields, function (radio) {
          radio.checked = radio.value === value;
        });
      } else if (fields) {
        fields.value = value;
      }
    });
    ask();
  });
})();
