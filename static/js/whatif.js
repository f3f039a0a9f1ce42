// The ranking page's what-if panel: values typed into 试填 are simulated on the server (nothing is saved) and
// the unit's new score, rank, grade, colour and gap are shown at once; the solver asks what one indicator needs.
// JSON calls with the session and the page's CSRF token; no library.
(function () {
  "use strict";
  var panel = document.querySelector('[data-testid="whatif"]');
  if (!panel) return;
  var csrf = panel.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var cycle = panel.getAttribute("data-cycle");
  var rows = Array.prototype.slice.call(panel.querySelectorAll("tbody tr[data-indicator]"));
  var field = function (name) { return panel.querySelector('[data-field="' + name + '"]'); };
  var initial = {};
  ["score", "rank", "grade", "colour"].forEach(function (k) { initial[k] = field(k).textContent; });
  var timer = null;
  var sequence = 0;

  function post(url, body, done) {
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().then(function (json) { done(response.status, json); });
    }).catch(function () {
      done(0, { errors: [{ message: "网络错误，请稍后再试" }] });
    });
  }

  function entries() {
    var list = [];
    rows.forEach(function (tr) {
      var input = tr.querySelector('[data-field="try"]');
      input.classList.remove("invalid");
      var value = input.value.trim();
      if (value !== "") list.push({ period: tr.getAttribute("data-period"), indicator: tr.getAttribute("data-indicator"), value: value, row: tr });
    });
    return list;
  }

  function show(name, text) {
    var el = field(name);
    el.textContent = text;
    el.classList.toggle("changed", text !== initial[name]);
  }

  function reset() {
    ["score", "rank", "grade", "colour"].forEach(function (k) { show(k, initial[k]); });
    field("gap").textContent = "";
  }

  function gapText(gap) {
    if (gap.vetoed) return "模拟结果：本单位被一票否决，年度等次为不合格。";
    var parts = [];
    if (gap.above) parts.push("距上一名 " + gap.above + "（第 " + gap.above_rank + " 名）还需提高 " + gap.needed_to_pass + " 分");
    else parts.push("模拟结果位列类别第一");
    if (gap.is_excellent) parts.push("已达优秀");
    else if (gap.to_excellent_line !== "0.00") parts.push("距优秀分数线还差 " + gap.to_excellent_line + " 分");
    return "模拟结果：" + parts.join("；") + "。";
  }

  function simulate() {
    var list = entries();
    field("error").textContent = "";
    if (!list.length) { reset(); return; }
    var mine = ++sequence;
    var body = { cycle: cycle, entries: list.map(function (e) { return { period: e.period, indicator: e.indicator, value: e.value }; }) };
    post(panel.getAttribute("data-simulate-url"), body, function (status, json) {
      if (mine !== sequence) return; // a later value is already on its way
      if (json.errors) {
        field("error").textContent = json.errors.map(function (e) { return e.message; }).join("；");
        json.errors.forEach(function (e) {
          if (e.index !== null && e.index !== undefined && list[e.index]) list[e.index].row.querySelector('[data-field="try"]').classList.add("invalid");
        });
        return;
      }
      if (json.unchanged) { reset(); return; }
      var own = json.own;
      show("score", own.score);
      show("rank", String(own.rank));
      show("grade", own.grade);
      show("colour", (own.colour || "无") + (own.last_place ? " · 末位" : ""));
      field("gap").textContent = gapText(json.gap);
    });
  }

  rows.forEach(function (tr) {
    var input = tr.querySelector('[data-field="try"]');
    var again = function () { clearTimeout(timer); timer = setTimeout(simulate, 250); };
    input.addEventListener("input", again);
    input.addEventListener("change", again);
  });

  var solver = panel.querySelector("form.solver");
  if (solver) {
    solver.addEventListener("submit", function (event) {
      event.preventDefault();
      var key = solver.elements.key.value.split("/");
      var out = field("solution");
      out.textContent = "正在求解…";
      var body = { cycle: cycle, period: key[0], indicator: key.slice(1).join("/"), goal: solver.elements.goal.value };
      post(panel.getAttribute("data-solve-url"), body, function (status, json) {
        out.textContent = json.errors ? json.errors.map(function (e) { return e.message; }).join("；") : json.message;
      });
    });
  }
})();
