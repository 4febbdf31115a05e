// The dashboard's table, filters and heat-map, drawn from the JSON in #dash-data. Every string from the data
// goes through esc() before it becomes HTML; rows are drawn a page at a time, so 8,000 sites stay quick.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("dash-data").textContent);
  var W = D.words, ST = D.statuses, ITEMS = D.items, DATES = D.dates;
  var collator = new Intl.Collator(D.lang === "en" ? "en" : "th", { numeric: true, sensitivity: "base" });
  var $ = function (id) { return document.getElementById(id); };
  var CODE = {}; ST.forEach(function (s) { CODE[s.code] = s; });

  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }
  function fmt(text, args) {
    return text.replace(/\{(\w+)\}/g, function (all, key) { return key in args ? args[key] : all; });
  }
  function pct(value) { return value.toFixed(1) + "%"; }
  function est(value) { return value === null ? "—" : value.toFixed(2); }

  // Sites as objects (the row format is in checker/dashboard/data.py). `score` is the estimated OIT score, the
  // ranking's; `percent` the share of items passed (null: never checked). Rows come ranked: the rank is shared
  // by equal scores, "—" for sites without a score (listed after the ranked ones).
  var rank = 0, lastScore = null;
  var SITES = D.sites.map(function (r, i) {
    if (r[13] !== null && r[13] !== lastScore) { rank = i + 1; lastScore = r[13]; }
    var trend = [];
    for (var k = 0; k < r[9].length; k += 3) trend.push([DATES[r[9][k]], r[9][k + 1], r[9][k + 2]]);
    return {
      i: i, name: r[0], url: r[1], province: r[2], district: r[3], type: r[4], percent: r[5], counts: r[6],
      cells: r[7], href: r[8], trend: trend, down: r[10] === 1, shown: DATES[r[11]], latest: DATES[r[12]],
      score: r[13], grade: r[14], rank: r[13] === null ? null : rank,
      notPass: r[6].slice(1).reduce(function (a, b) { return a + b; }, 0),
      text: [r[0], r[1], r[2], r[3], r[4]].join(" ").toLowerCase()
    };
  });

  var state = { text: "", province: "", district: "", type: "", status: "", size: 100, page: 0,
                sort: "rank", asc: true };
  var view = SITES;

  function options(select, key, within) {
    var counts = {};
    within.forEach(function (s) { if (s[key]) counts[s[key]] = (counts[s[key]] || 0) + 1; });
    var names = Object.keys(counts).sort(collator.compare);
    select.innerHTML = '<option value="">' + esc(W.any) + "</option>" + names.map(function (n) {
      return '<option value="' + esc(n) + '">' + esc(n) + " (" + counts[n] + ")</option>";
    }).join("");
    select.disabled = names.length === 0;
  }

  function keep(s) {
    if (state.province && s.province !== state.province) return false;
    if (state.district && s.district !== state.district) return false;
    if (state.type && s.type !== state.type) return false;
    var f = state.status;
    if (f === "down" && !s.down) return false;
    if (f === "todo" && (s.percent === null || s.notPass === 0)) return false;
    if (f === "allpass" && (s.percent === null || s.notPass !== 0)) return false;
    if (f.indexOf("has-") === 0) {
      var n = ST.findIndex(function (x) { return "has-" + x.id === f; });
      if (s.percent === null || !s.counts[n]) return false;
    }
    return !state.text || s.text.indexOf(state.text) !== -1;
  }

  function compare(a, b) {
    var k = state.sort, dir = state.asc ? 1 : -1, d;
    if (k === "rank") return dir * (a.i - b.i);
    if (k === "score" || k === "percent") {  // sites without one last, whichever way
      if (a[k] === null || b[k] === null) return (a[k] === null) - (b[k] === null) || a.i - b.i;
      d = a[k] - b[k];
    } else if (k.charAt(0) === "c") {
      if ((a.percent === null) !== (b.percent === null)) return (a.percent === null) - (b.percent === null);
      d = a.counts[+k.slice(1)] - b.counts[+k.slice(1)];
    } else {
      d = collator.compare(a[k], b[k]);
    }
    return dir * d || a.i - b.i;
  }

  // The estimated OIT score over the runs that have one; the label lists every run with its share of items.
  function spark(trend) {
    if (!trend.length) return '<span class="small">' + esc(W.no_trend) + "</span>";
    var scored = trend.filter(function (p) { return p[1] !== null; });
    if (!scored.length) return '<span class="small">' + esc(W.no_estimate_trend) + "</span>";
    var w = 80, h = 22, step = scored.length > 1 ? w / (scored.length - 1) : 0;
    var pts = scored.map(function (p, i) { return (i * step).toFixed(1) + "," + (h - h * p[1] / 100).toFixed(1); });
    var last = pts[pts.length - 1].split(",");
    var label = fmt(W.trend_label, { n: trend.length, points: trend.map(function (p) {
      return fmt(W.trend_point, { date: p[0], score: est(p[1]), percent: pct(p[2]) });
    }).join(", ") });
    return '<svg class="spark" width="' + (w + 6) + '" height="' + (h + 6) + '" viewBox="-3 -3 ' + (w + 6) + " " +
      (h + 6) + '" role="img" aria-label="' + esc(label) + '"><title>' + esc(label) + "</title>" +
      '<polyline points="' + pts.join(" ") + '"/><circle r="2.5" cx="' + last[0] + '" cy="' + last[1] + '"/></svg>';
  }

  function scoreCell(s) {
    var html = s.score !== null ? '<span class="score" title="' + esc(fmt(W.score_from, { date: s.shown })) +
      '">' + est(s.score) + '</span> <span class="grade">' + esc(s.grade || "") + "</span>" :
      s.percent !== null ? '<span title="' + esc(W.no_estimate) + '">—</span>' : "—";
    if (s.down) html += '<br><span class="warn small">⚠ ' + esc(fmt(W.down_now, { date: s.latest })) + "</span>";
    return html;
  }

  function nameCell(s) {
    var url = /^https?:\/\//i.test(s.url) ? '<br><a class="url" href="' + esc(s.url) + '">' + esc(s.url) + "</a>" : "";
    return '<th scope="row">' + esc(s.name) + url + "</th>";
  }

  function row(s) {
    return "<tr" + (s.down ? ' class="is-down"' : "") + '><td class="num">' + (s.rank === null ? "—" : s.rank) +
      "</td>" + nameCell(s) + "<td>" + esc(s.province) + "</td><td>" + esc(s.district) + "</td><td>" +
      esc(s.type) + '</td><td class="num">' + scoreCell(s) + '</td><td class="num">' +
      (s.percent === null ? "—" : pct(s.percent)) + "</td>" +
      s.counts.map(function (n) { return '<td class="num">' + (s.percent === null ? "—" : n) + "</td>"; }).join("") +
      "<td>" + spark(s.trend) + "</td><td>" + (s.href ? '<a href="' + esc(s.href) + '">' + esc(W.open_report) +
      "</a>" : '<span class="small">' + esc(W.no_report) + "</span>") + "</td></tr>";
  }

  var itemTitles = ITEMS.map(function (it) { return it[0] + " " + it[1]; });
  function heatRow(s) {
    var cells = "";
    for (var k = 0; k < ITEMS.length; k++) {
      var st = CODE[s.cells.charAt(k)];
      cells += st ? '<td class="cell c-' + st.code + '" title="' + esc(itemTitles[k] + ": " + st.word) + '">' +
        st.mark + "</td>" : '<td class="cell c-none" title="' + esc(itemTitles[k] + ": " + W.not_in_report) +
        '">–</td>';
    }
    return '<tr><th scope="row" title="' + esc(s.name) + '">' + esc(s.name) + "</th>" + cells + "</tr>";
  }

  function draw() {
    var pages = Math.max(1, Math.ceil(view.length / state.size));
    state.page = Math.min(state.page, pages - 1);
    var start = state.page * state.size, part = view.slice(start, start + state.size);
    $("rows").innerHTML = part.length ? part.map(row).join("") :
      '<tr><td colspan="' + (9 + ST.length) + '" class="none">' + esc(W.none_match) + "</td></tr>";
    $("heat-rows").innerHTML = part.map(heatRow).join("");
    $("shown").textContent = view.length ? fmt(W.showing, { a: start + 1, b: start + part.length, n: view.length,
      all: SITES.length }) : W.none_match;
    $("page-no").textContent = (state.page + 1) + " / " + pages;
    $("prev").disabled = state.page === 0;
    $("next").disabled = state.page >= pages - 1;
    $("pager").hidden = pages < 2;
  }

  function apply() {
    view = SITES.filter(keep).sort(compare);
    draw();
  }

  // ---- controls
  $("heat-head").innerHTML += ITEMS.map(function (it) {
    return '<th scope="col" title="' + esc(it[0] + " " + it[1] + " (" + it[2] + ")") + '">' + esc(it[0]) + "</th>";
  }).join("");
  options($("f-province"), "province", SITES);
  options($("f-district"), "district", SITES);
  options($("f-type"), "type", SITES);
  $("f-size").innerHTML = D.pageSizes.map(function (n) {
    return '<option value="' + n + '"' + (n === state.size ? " selected" : "") + ">" + n + "</option>";
  }).join("");
  var timer = null;
  $("f-text").addEventListener("input", function (e) {
    clearTimeout(timer);
    timer = setTimeout(function () { state.text = e.target.value.trim().toLowerCase(); state.page = 0; apply(); }, 120);
  });
  $("f-province").addEventListener("change", function (e) {
    state.province = e.target.value; state.district = ""; state.page = 0;
    options($("f-district"), "district", SITES.filter(function (s) { return !state.province || s.province === state.province; }));
    apply();
  });
  ["district", "type", "status"].forEach(function (key) {
    $("f-" + key).addEventListener("change", function (e) { state[key] = e.target.value; state.page = 0; apply(); });
  });
  $("f-size").addEventListener("change", function (e) { state.size = +e.target.value; state.page = 0; draw(); });
  $("prev").addEventListener("click", function () { state.page -= 1; draw(); });
  $("next").addEventListener("click", function () { state.page += 1; draw(); });
  document.querySelectorAll("#ranking th[data-sort]").forEach(function (th) {
    var button = document.createElement("button");
    button.type = "button";
    while (th.firstChild) button.appendChild(th.firstChild);
    button.title = fmt(W.sort_by, { col: button.textContent.trim() });
    th.appendChild(button);
    button.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      var numeric = key === "score" || key === "percent" || key.charAt(0) === "c";
      state.asc = state.sort === key ? !state.asc : !numeric;
      state.sort = key; state.page = 0;
      document.querySelectorAll("#ranking th[data-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.asc ? "ascending" : "descending");
      apply();
    });
  });
  $("ranking").querySelector('th[data-sort="rank"]').setAttribute("aria-sort", "ascending");
  window.addEventListener("beforeprint", function () {  // a printout shows the whole lists
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  $("filters").hidden = false;
  apply();
})();
