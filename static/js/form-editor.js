// Helpers in the form editor so editors need no programmer: technical names and the short name follow the labels
// as they are typed (unique in the form, still editable, frozen once the form has submissions), the add buttons say
// what they add, and the level of assurance is only asked when DigiD is required.
(function () {
  "use strict";
  function start() {
  var nameInput = document.querySelector("[data-form-editor]");
  if (!nameInput) return;
  var form = nameInput.form;
  var config = JSON.parse(nameInput.getAttribute("data-form-editor"));
  var frozen = config.frozen_keys || [];

  function slugify(value, separator, maxLength) {
    var plain = value.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, separator).replace(new RegExp("^\\" + separator + "+|\\" + separator + "+$", "g"), "");
    if (separator === "_" && plain && !/^[a-z]/.test(plain)) plain = "v_" + plain;
    return plain.slice(0, maxLength).replace(new RegExp("\\" + separator + "+$"), "");
  }

  function keyInputs() {
    return Array.prototype.filter.call(form.querySelectorAll("input"), function (input) {
      return /^steps-.*-value-key$/.test(input.name);
    });
  }

  function uniqueKey(base, except) {
    var taken = {};
    keyInputs().forEach(function (input) { if (input !== except && input.value) taken[input.value] = true; });
    var key = base;
    for (var n = 2; taken[key]; n += 1) key = base.slice(0, 46) + "_" + n;
    return key;
  }

  // A field follows its source while it is empty or still holds what was filled in for it.
  function follow(source, target, make) {
    if (!target || target.readOnly) return;
    if (target.value && target.value !== target.getAttribute("data-filled")) return;
    var value = make(source.value);
    target.value = value;
    target.setAttribute("data-filled", value);
  }

  form.addEventListener("input", function (event) {
    var input = event.target;
    var match = /^(steps-.*-value)-(label|title|text)$/.exec(input.name || "");
    if (match) {
      var key = form.querySelector('[name="' + match[1] + '-key"]');
      follow(input, key, function (value) { return uniqueKey(slugify(value, "_", 40), key); });
    } else if (input === nameInput) {
      follow(input, form.querySelector('[name="slug"]'), function (value) { return slugify(value, "-", 80); });
    }
  });

  function freeze() {
    keyInputs().forEach(function (input) {
      if (frozen.indexOf(input.value) >= 0 && input.getAttribute("data-frozen") === null) {
        input.readOnly = true;
        input.setAttribute("data-frozen", "");
        input.setAttribute("title", config.frozen_text);
      }
    });
  }

  var ADD_LABELS = [
    ["options", config.add_option], ["fields", config.add_field], ["steps", config.add_step],
    ["destinations", config.add_destination]
  ];
  function labelAddButtons() {
    form.querySelectorAll(".c-sf-add-button:not([data-labelled])").forEach(function (button) {
      var label = null;
      for (var i = 0; i < ADD_LABELS.length && !label; i += 1) {
        if (button.closest('[data-contentpath="' + ADD_LABELS[i][0] + '"]')) label = ADD_LABELS[i][1];
      }
      if (!label) return;
      button.setAttribute("data-labelled", "");
      button.setAttribute("title", label);
      button.classList.add("loket-add-button");
      var span = document.createElement("span");
      span.className = "loket-add-button__text";
      span.textContent = label;
      button.appendChild(span);
    });
  }

  var login = form.querySelector('[name="login_required"]');
  var level = form.querySelector('[name="required_loa"]');
  var levelWrapper = level && level.closest("[data-field-wrapper]");
  function toggleLevel() {
    if (levelWrapper) levelWrapper.hidden = !login.checked;
  }
  if (login && levelWrapper) {
    login.addEventListener("change", toggleLevel);
    toggleLevel();
  }

  // Wagtail gives the inputs of a list of answers no label of their own.
  function labelOptions() {
    form.querySelectorAll('input[name$="-value"]:not([aria-label])').forEach(function (input) {
      var match = /-options-(\d+)-value$/.exec(input.name);
      if (match && !form.querySelector('label[for="' + input.id + '"]')) {
        input.setAttribute("aria-label", config.option_label + " " + (parseInt(match[1], 10) + 1));
      }
    });
  }

  function tidy() { labelAddButtons(); labelOptions(); freeze(); }
  new MutationObserver(tidy).observe(form, { childList: true, subtree: true });
  tidy();
  var slug = form.querySelector('[name="slug"]');
  if (slug && config.slug_frozen) {
    slug.readOnly = true;
    slug.setAttribute("title", config.frozen_text);
  }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}());
