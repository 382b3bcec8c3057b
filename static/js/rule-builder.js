// The form editor's rule builder: "Als [vraag] [is] [waarde] dan [toon] [vraag]" rows that read and write the
// same JsonLogic the engine runs. Questions and steps come from the editor's own fields as they are typed; a rule
// the rows cannot show exactly stays as it is and is edited as JSON under "Geavanceerd" (the textarea).
(function () {
  "use strict";
  var FIELD_ACTIONS = ["show", "hide", "require", "set_value"];
  var STEP_ACTIONS = ["show_step", "skip_step"];
  var WITH_VALUE = { eq: 1, ne: 1, gt: 1, lt: 1, after: 1, before: 1, in: 1, contains: 1, not_contains: 1 };

  function operatorsFor(type) {
    switch (type) {
      case "yesno": return ["eq"];
      case "radio": case "select": return ["eq", "ne", "in", "empty", "filled"];
      case "checkboxes": return ["contains", "not_contains", "empty", "filled"];
      case "number": case "currency": return ["eq", "ne", "gt", "lt", "empty", "filled"];
      case "date": return ["eq", "ne", "after", "before", "empty", "filled"];
      case "file": case "address": return ["empty", "filled"];
      default: return ["eq", "ne", "empty", "filled"];
    }
  }

  // -- JsonLogic ------------------------------------------------------------------------------------------------

  function isObject(value) { return value !== null && typeof value === "object" && !Array.isArray(value); }
  function isScalar(value) { return ["string", "number", "boolean"].indexOf(typeof value) >= 0; }

  function stable(value) {
    if (Array.isArray(value)) return "[" + value.map(stable).join(",") + "]";
    if (isObject(value)) {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + stable(value[key]);
      }).join(",") + "}";
    }
    return JSON.stringify(value);
  }

  function conditionToLogic(condition, type) {
    var question = { "var": condition.question };
    switch (condition.op) {
      case "eq": return { "==": [question, condition.value] };
      case "ne": return { "!=": [question, condition.value] };
      case "gt": case "after": return { ">": [question, condition.value] };
      case "lt": case "before": return { "<": [question, condition.value] };
      case "in": return { "in": [question, condition.value] };
      case "contains": return { "in": [condition.value, question] };
      case "not_contains": return { "!": { "in": [condition.value, question] } };
      case "empty": return type === "checkboxes" ? { "!": question } : { "missing": [condition.question] };
      default: return type === "checkboxes" ? { "!!": question } : { "!": { "missing": [condition.question] } };
    }
  }

  function varName(value) {
    return isObject(value) && Object.keys(value).length === 1 && typeof value["var"] === "string" ? value["var"] : null;
  }

  // The condition's parts, or null when it is not one of the shapes the rows write (checked by writing it back).
  function parseCondition(logic, typeOf) {
    if (!isObject(logic) || Object.keys(logic).length !== 1) return null;
    var op = Object.keys(logic)[0];
    var args = logic[op];
    var candidate = null;
    var pair = Array.isArray(args) && args.length === 2;
    if (pair && varName(args[0]) && (isScalar(args[1]) || (op === "in" && Array.isArray(args[1])))) {
      var type = typeOf(varName(args[0]));
      var ops = { "==": "eq", "!=": "ne", ">": type === "date" ? "after" : "gt", "<": type === "date" ? "before" : "lt", "in": "in" };
      if (ops[op]) candidate = { question: varName(args[0]), op: ops[op], value: args[1] };
    } else if (op === "in" && pair && isScalar(args[0]) && varName(args[1])) {
      candidate = { question: varName(args[1]), op: "contains", value: args[0] };
    } else if (op === "!" && isObject(args) && Array.isArray(args["in"]) && args["in"].length === 2 && varName(args["in"][1])) {
      candidate = { question: varName(args["in"][1]), op: "not_contains", value: args["in"][0] };
    } else if (op === "missing" && Array.isArray(args) && args.length === 1 && typeof args[0] === "string") {
      candidate = { question: args[0], op: "empty", value: "" };
    } else if (op === "!" && isObject(args) && Array.isArray(args.missing) && args.missing.length === 1) {
      candidate = { question: args.missing[0], op: "filled", value: "" };
    } else if ((op === "!" || op === "!!") && varName(args)) {
      candidate = { question: varName(args), op: op === "!" ? "empty" : "filled", value: "" };
    }
    if (!candidate || typeof candidate.question !== "string") return null;
    if (candidate.op === "in" && !args[1].every(isScalar)) return null;
    var written = conditionToLogic(candidate, typeOf(candidate.question));
    return stable(written) === stable(logic) ? candidate : null;
  }

  function parseRule(rule, typeOf) {
    if (!isObject(rule)) return null;
    var expected = ["target", "then", "when"].concat(rule.then === "set_value" ? ["value"] : []);
    var keys = Object.keys(rule).filter(function (key) { return key !== "description"; }).sort();
    if (stable(keys) !== stable(expected.sort())) return null;
    if (FIELD_ACTIONS.concat(STEP_ACTIONS).indexOf(rule.then) < 0 || typeof rule.target !== "string") return null;
    if (rule.then === "set_value" && !isScalar(rule.value)) return null;
    if (rule.description !== undefined && typeof rule.description !== "string") return null;
    var when = rule.when;
    var combinator = "and";
    var parts;
    if (when === true) {
      parts = [];
    } else if (isObject(when) && Object.keys(when).length === 1 && (Array.isArray(when.and) || Array.isArray(when.or))) {
      combinator = when.and ? "and" : "or";
      parts = when[combinator];
      if (parts.length < 2) return null;
    } else {
      parts = [when];
    }
    var conditions = parts.map(function (part) { return parseCondition(part, typeOf); });
    if (conditions.some(function (condition) { return condition === null; })) return null;
    return {
      conditions: conditions, combinator: combinator, action: rule.then, target: rule.target,
      value: rule.then === "set_value" ? rule.value : "", description: rule.description || ""
    };
  }

  function ruleToLogic(state, typeOf) {
    var parts = state.conditions.map(function (condition) {
      return conditionToLogic(condition, typeOf(condition.question));
    });
    var when = parts.length === 0 ? true : parts.length === 1 ? parts[0] : {};
    if (parts.length > 1) when[state.combinator] = parts;
    var rule = { when: when, then: state.action, target: state.target };
    if (state.action === "set_value") rule.value = state.value;
    if (state.description) rule.description = state.description;
    return rule;
  }

  // -- the editor's own steps and questions ----------------------------------------------------------------------

  function readForm(form) {
    function value(name) {
      var element = form.querySelector('[name="' + name + '"]');
      return element ? element.value : "";
    }
    function live(prefix) { return value(prefix + "-deleted") !== "1"; }
    function byOrder(a, b) { return a.order - b.order; }
    function children(pattern) {
      var found = [];
      form.querySelectorAll("input").forEach(function (input) {
        var match = pattern.exec(input.name);
        if (match) {
          var prefix = input.name.slice(0, input.name.length - "-value-key".length);
          if (live(prefix)) found.push({ prefix: prefix, key: input.value.trim(), order: parseInt(value(prefix + "-order"), 10) || 0 });
        }
      });
      return found.sort(byOrder);
    }
    var steps = children(/^steps-\d+-value-key$/).map(function (step) {
      var escaped = step.prefix.replace(/-/g, "\\-");
      step.title = value(step.prefix + "-value-title") || step.key;
      step.fields = children(new RegExp("^" + escaped + "-value-fields-\\d+-value-key$")).map(function (field) {
        field.type = value(field.prefix + "-type");
        field.label = value(field.prefix + "-value-label") || value(field.prefix + "-value-text").slice(0, 60) || field.key;
        var options = [];
        form.querySelectorAll("input").forEach(function (input) {
          var match = new RegExp("^(" + field.prefix.replace(/-/g, "\\-") + "-value-options-\\d+)-value$").exec(input.name);
          if (match && live(match[1]) && input.value.trim()) {
            options.push({ value: input.value.trim(), order: parseInt(value(match[1] + "-order"), 10) || 0 });
          }
        });
        field.options = options.sort(byOrder).map(function (option) { return option.value; });
        return field;
      }).filter(function (field) { return field.key; });
      return step;
    }).filter(function (step) { return step.key; });
    var fields = {};
    steps.forEach(function (step) { step.fields.forEach(function (field) { fields[field.key] = field; }); });
    return { steps: steps, fields: fields };
  }

  // -- the rows ---------------------------------------------------------------------------------------------------

  function setUp(container) {
    var textarea = document.getElementById(container.getAttribute("data-rule-builder"));
    var form = textarea && textarea.form;
    if (!form) return;
    var text = JSON.parse(container.getAttribute("data-text"));
    var list = container.querySelector("[data-rule-list]");
    var empty = container.querySelector("[data-rule-empty]");
    var error = container.querySelector("[data-rule-error]");
    var addButton = container.querySelector("[data-rule-add]");
    var uid = textarea.id;
    var structure = readForm(form);
    var items = [];

    function say(template, value) { return template.replace("%s", value); }
    function typeOf(key) { return structure.fields[key] ? structure.fields[key].type : ""; }

    function load() {
      var rules;
      try {
        rules = JSON.parse(textarea.value || "[]");
      } catch (problem) {
        rules = null;
      }
      if (!Array.isArray(rules)) {
        error.textContent = text.bad_json;
        error.hidden = false;
        return false;
      }
      error.hidden = true;
      items = rules.map(function (rule) {
        var state = parseRule(rule, typeOf);
        return state ? { state: state } : { raw: rule };
      });
      return true;
    }

    function write() {
      textarea.value = JSON.stringify(items.map(function (item) {
        return item.raw !== undefined ? item.raw : ruleToLogic(item.state, typeOf);
      }));
    }

    function element(tag, attributes, children) {
      var node = document.createElement(tag);
      Object.keys(attributes || {}).forEach(function (name) {
        if (name === "text") node.textContent = attributes[name];
        else if (attributes[name] !== false && attributes[name] !== undefined) node.setAttribute(name, attributes[name]);
      });
      (children || []).forEach(function (child) { if (child) node.appendChild(child); });
      return node;
    }

    function option(value, label, selected) {
      var node = element("option", { value: value, text: label });
      node.selected = !!selected;
      return node;
    }

    // A labelled control; `focus` names it so it gets the focus back when its rule is drawn again.
    function control(label, node, focus) {
      node.id = uid + "-" + focus;
      node.setAttribute("data-focus", focus);
      return element("div", { "class": "loket-rules__control" }, [element("label", { "for": node.id, text: label }), node]);
    }

    function questionSelect(selected, includeContent) {
      var select = element("select");
      select.appendChild(option("", text.choose, !selected));
      var known = false;
      structure.steps.forEach(function (step) {
        var group = element("optgroup", { label: say(text.step_group, step.title) });
        step.fields.forEach(function (field) {
          if (field.type === "content" && !includeContent) return;
          known = known || field.key === selected;
          group.appendChild(option(field.key, field.label, field.key === selected));
        });
        if (group.children.length) select.appendChild(group);
      });
      if (selected && !known) select.appendChild(option(selected, say(text.missing, selected), true));
      return select;
    }

    function stepSelect(selected) {
      var select = element("select");
      select.appendChild(option("", text.choose, !selected));
      var known = false;
      structure.steps.forEach(function (step) {
        known = known || step.key === selected;
        select.appendChild(option(step.key, step.title, step.key === selected));
      });
      if (selected && !known) select.appendChild(option(selected, say(text.missing, selected), true));
      return select;
    }

    function typed(value, type) {
      if (type === "yesno") return value === "true";
      if (type === "number" || type === "currency") {
        var number = parseFloat(String(value).replace(",", "."));
        return isNaN(number) ? value : number;
      }
      return value;
    }

    // The control for a value of a question of this type: the question's own options where it has them.
    function valueControl(type, key, value, multiple) {
      var field = structure.fields[key];
      var node;
      if (type === "yesno") {
        node = element("select");
        node.appendChild(option("true", text.yes, value === true));
        node.appendChild(option("false", text.no, value === false));
      } else if (field && field.options.length) {
        node = element("select", { multiple: multiple ? "multiple" : false });
        var values = multiple ? (Array.isArray(value) ? value : []) : [value];
        if (!multiple) node.appendChild(option("", text.choose, value === ""));
        field.options.concat(values.filter(function (item) {
          return item !== "" && field.options.indexOf(item) < 0;
        })).forEach(function (choice) {
          node.appendChild(option(choice, choice, values.indexOf(choice) >= 0));
        });
      } else {
        node = element("input", { type: type === "date" ? "date" : "text", inputmode: type === "number" || type === "currency" ? "decimal" : false });
        node.value = value === undefined || value === null ? "" : String(value);
      }
      return node;
    }

    function readValue(node, type) {
      if (node.multiple) {
        return Array.prototype.filter.call(node.options, function (item) { return item.selected; }).map(function (item) {
          return item.value;
        });
      }
      return typed(node.value, type);
    }

    function drawCondition(state, condition, r, c) {
      var type = typeOf(condition.question);
      var question = questionSelect(condition.question, false);
      question.addEventListener("change", function () {
        condition.question = question.value;
        var ops = operatorsFor(typeOf(condition.question));
        if (ops.indexOf(condition.op) < 0) condition.op = ops[0];
        condition.value = typeOf(condition.question) === "yesno" ? true : condition.op === "in" ? [] : "";
        changed(true, question);
      });
      var operator = element("select");
      operatorsFor(type).forEach(function (op) { operator.appendChild(option(op, text.ops[op], op === condition.op)); });
      operator.addEventListener("change", function () {
        var wasList = condition.op === "in";
        condition.op = operator.value;
        if ((condition.op === "in") !== wasList) condition.value = condition.op === "in" ? [] : "";
        changed(true, operator);
      });
      var row = element("div", { "class": "loket-rules__condition" }, [
        control(text.question, question, "r" + r + "-c" + c + "-question"),
        control(text.operator, operator, "r" + r + "-c" + c + "-op")
      ]);
      if (WITH_VALUE[condition.op]) {
        var value = valueControl(type, condition.question, condition.value, condition.op === "in");
        value.addEventListener("change", function () { condition.value = readValue(value, type); changed(false); });
        value.addEventListener("input", function () {
          if (value.tagName === "INPUT") { condition.value = readValue(value, type); changed(false); }
        });
        row.appendChild(control(condition.op === "in" ? text.values : text.value, value, "r" + r + "-c" + c + "-value"));
      }
      var remove = element("button", {
        type: "button", "class": "button button-small button-secondary", "data-focus": "r" + r + "-c" + c + "-remove",
        text: say(text.remove_condition, c + 1)
      });
      remove.addEventListener("click", function () {
        state.conditions.splice(c, 1);
        changed(true, null, "r" + r + "-add");
      });
      row.appendChild(element("div", { "class": "loket-rules__control loket-rules__control--button" }, [remove]));
      return row;
    }

    function drawRule(item, r) {
      var number = r + 1;
      if (item.raw !== undefined) {
        var summary = isObject(item.raw) && item.raw.description ? item.raw.description : JSON.stringify(item.raw);
        return element("li", { "class": "loket-rules__rule loket-rules__rule--raw" }, [
          element("p", { text: say(text.rule, number) + ": " + say(text.advanced_only, summary) })
        ]);
      }
      var state = item.state;
      var fieldset = element("fieldset", { "class": "loket-rules__fieldset" }, [element("legend", { text: say(text.rule, number) })]);
      fieldset.appendChild(element("p", { "class": "loket-rules__word", text: text.when }));
      if (!state.conditions.length) fieldset.appendChild(element("p", { "class": "loket-rules__always", text: text.always }));
      state.conditions.forEach(function (condition, c) { fieldset.appendChild(drawCondition(state, condition, r, c)); });
      if (state.conditions.length > 1) {
        var combinator = element("select");
        combinator.appendChild(option("and", text.and, state.combinator === "and"));
        combinator.appendChild(option("or", text.or, state.combinator === "or"));
        combinator.addEventListener("change", function () { state.combinator = combinator.value; changed(false); });
        fieldset.appendChild(control(text.combinator, combinator, "r" + r + "-combinator"));
      }
      var add = element("button", { type: "button", "class": "button button-small button-secondary", "data-focus": "r" + r + "-add", text: text.add_condition });
      add.addEventListener("click", function () {
        state.conditions.push({ question: "", op: "eq", value: "" });
        changed(true, null, "r" + r + "-c" + (state.conditions.length - 1) + "-question");
      });
      fieldset.appendChild(element("p", {}, [add]));

      fieldset.appendChild(element("p", { "class": "loket-rules__word", text: text.then }));
      var action = element("select");
      FIELD_ACTIONS.concat(STEP_ACTIONS).forEach(function (name) {
        action.appendChild(option(name, text.actions[name], name === state.action));
      });
      action.addEventListener("change", function () {
        var wasStep = STEP_ACTIONS.indexOf(state.action) >= 0;
        state.action = action.value;
        if (wasStep !== (STEP_ACTIONS.indexOf(state.action) >= 0)) state.target = "";
        changed(true, action);
      });
      var then = element("div", { "class": "loket-rules__condition" }, [control(text.action, action, "r" + r + "-action")]);
      var isStep = STEP_ACTIONS.indexOf(state.action) >= 0;
      var target = isStep ? stepSelect(state.target) : questionSelect(state.target, state.action === "show" || state.action === "hide");
      target.addEventListener("change", function () { state.target = target.value; changed(state.action === "set_value", target); });
      then.appendChild(control(isStep ? text.target_step : text.target_field, target, "r" + r + "-target"));
      if (state.action === "set_value") {
        var targetType = typeOf(state.target);
        var value = valueControl(targetType, state.target, state.value, false);
        var update = function () { state.value = readValue(value, targetType); changed(false); };
        value.addEventListener("change", update);
        value.addEventListener("input", update);
        then.appendChild(control(text.set_to, value, "r" + r + "-set"));
      }
      fieldset.appendChild(then);
      var description = element("input", { type: "text", maxlength: "200" });
      description.value = state.description;
      description.addEventListener("input", function () { state.description = description.value.trim(); changed(false); });
      fieldset.appendChild(control(text.description, description, "r" + r + "-description"));
      var remove = element("button", {
        type: "button", "class": "button button-small no", "data-focus": "r" + r + "-remove", text: say(text.remove_rule, number)
      });
      remove.addEventListener("click", function () {
        items.splice(r, 1);
        changed(true, null, items.length ? "r" + Math.min(r, items.length - 1) + "-action" : "add-rule");
      });
      fieldset.appendChild(element("p", {}, [remove]));
      return element("li", { "class": "loket-rules__rule" }, [fieldset]);
    }

    function draw(focus) {
      list.textContent = "";
      items.forEach(function (item, r) { list.appendChild(drawRule(item, r)); });
      empty.textContent = text.empty;
      empty.hidden = items.length > 0;
      if (focus) {
        var target = focus === "add-rule" ? addButton : container.querySelector('[data-focus="' + focus + '"]');
        if (target) target.focus();
      }
    }

    function changed(redraw, node, focus) {
      write();
      if (redraw) draw(focus || (node && node.getAttribute("data-focus")));
    }

    addButton.addEventListener("click", function () {
      items.push({ state: { conditions: [{ question: "", op: "eq", value: "" }], combinator: "and", action: "show", target: "", value: "", description: "" } });
      changed(true, null, "r" + (items.length - 1) + "-c0-question");
    });
    // The questions may have changed since the rows were drawn: read them again whenever the builder is entered.
    container.addEventListener("focusin", function (event) {
      if (container.contains(event.relatedTarget)) return;
      var before = stable(structure);
      structure = readForm(form);
      if (stable(structure) !== before) {
        var focus = event.target.getAttribute("data-focus");
        draw(focus);
      }
    });
    textarea.addEventListener("change", function () {
      structure = readForm(form);
      if (load()) draw();
    });

    addButton.hidden = false;
    var advanced = container.parentNode.querySelector("[data-rule-advanced]");
    if (advanced) advanced.open = false;
    if (load()) draw();
  }

  function start() {
    document.querySelectorAll("[data-rule-builder]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  window.LoketRules = { parseRule: parseRule, ruleToLogic: ruleToLogic };
}());
