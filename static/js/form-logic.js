// Shows and hides questions as the resident answers, with the form's own JsonLogic rules (json-logic-js).
// The server applies the same rules when the step is sent, so the form works the same without JavaScript.
(function () {
  "use strict";
  var data = document.getElementById("loket-form-logic");
  if (!data || !window.jsonLogic) return;
  var logic = JSON.parse(data.textContent);
  var form = document.querySelector(".loket-form");

  function valueOf(key, type) {
    var name = logic.prefix + "-" + key;
    if (type === "checkboxes") {
      return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (box) {
        return box.value;
      });
    }
    var checked = form.querySelector('input[name="' + name + '"]:checked');
    var element = checked || form.querySelector('[name="' + name + '"]:not([type="radio"])');
    if (!element) return null;
    var value = element.value;
    if (type === "yesno") return value === "ja" ? true : value === "nee" ? false : null;
    if (type === "number" || type === "currency") {
      var number = parseFloat(value.replace(",", "."));
      return isNaN(number) ? null : number;
    }
    return value === "" ? null : value;
  }

  function apply() {
    var answers = Object.assign({}, logic.context);
    Object.keys(logic.fields).forEach(function (key) {
      answers[key] = valueOf(key, logic.fields[key]);
    });
    var shown = {};
    var hidden = {};
    logic.rules.forEach(function (rule) {
      var applies = window.jsonLogic.truthy(window.jsonLogic.apply(rule.when, answers));
      if (rule.then === "show") shown[rule.target] = shown[rule.target] || applies;
      if (rule.then === "hide" && applies) hidden[rule.target] = true;
    });
    logic.rules.forEach(function (rule) {
      var question = form.querySelector('.loket-question[data-field="' + rule.target + '"]');
      if (!question) return;
      var hide = hidden[rule.target] || (rule.target in shown && !shown[rule.target]);
      question.hidden = hide;
    });
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  apply();
})();
